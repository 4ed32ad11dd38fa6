"""Run `plans serve` as a real process for the serve tests: its URL, token and the app processes it spawned."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path


def children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


class Served:
    """`python -m tui serve --port 0 ARGS…`, started in `cwd`; the banner gives the port and token."""

    def __init__(self, *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60) -> None:
        command = [sys.executable, "-m", "tui", "serve", "--port", "0", *args]
        self.proc = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        self.banner: list[str] = []
        self.output: list[str] = []
        assert self.proc.stdout is not None
        for line in self.proc.stdout:  # the banner ends with the Ctrl+C line
            self.banner.append(line.rstrip("\n"))
            if "Ctrl+C" in line:
                break
        else:
            raise RuntimeError("plans serve exited: " + "\n".join(self.banner))
        threading.Thread(target=self._drain, daemon=True).start()  # app stderr goes to our stdout
        text = "\n".join(self.banner)
        port = re.search(r"地址\s+http://\S+?:(\d+)/", text)
        assert port, text
        self.port = int(port.group(1))
        self.base = f"http://127.0.0.1:{self.port}/"
        token = re.search(r"\?token=(\S+)", text)
        self.token = token.group(1) if token else None

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def apps(self) -> list[int]:
        """The app processes (one per session); not the server's one-off cache warm-up."""
        found = []
        for pid in children(self.pid):
            try:
                argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"tui.serve.session" in argv:
                found.append(pid)
        return found

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode
