"""A dropped SSH connection, as the kernel reports it: the terminal (a pty) goes away under a running
`plans`, which gets SIGHUP and then SIGCONT (the kernel's hang-up of a session's terminal sends both).
The app must save the session and end, not hang for ever in its shutdown: Textual's SIGCONT handler
started a second output thread that died writing to the gone terminal, and the shutdown then waited on
it. Over a flaky link every dropped connection left a `plans` process behind."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest
from conftest import MINI

ROOT = Path(__file__).resolve().parents[1]


def read_until_quiet(fd: int, want: bytes, limit: float = 30.0, quiet: float = 0.4) -> bytes:
    """What the app writes to its terminal, until `want` has been written and then nothing for `quiet` s."""
    seen = b""
    end = time.monotonic() + limit
    last = time.monotonic()
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            last = time.monotonic()
        elif want in seen and time.monotonic() - last > quiet:
            break
    return seen


def ended(pid: int, limit: float) -> int | None:
    """The exit status once the process has ended, None while it still runs after `limit` s."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


@pytest.mark.skipif(sys.platform != "linux", reason="the pty hang-up is Linux's")
def test_terminal_gone_ends_the_app_with_the_session_saved(tmp_path):
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "TEXTUAL_ANIMATIONS": "none",
           "PLANS_CONFIG_DIR": str(tmp_path / "config"), "PLANS_STATE_DIR": str(tmp_path / "state"),
           "PLANS_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYTEST_CURRENT_TEST", None)
    pid, master = os.forkpty()  # the child: a session leader with the pty as its terminal
    if pid == 0:  # pragma: no cover (the child)
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, "-m", "tui", "--data", str(MINI)], env)
        finally:
            os._exit(127)
    try:
        shown = read_until_quiet(master, "十四五".encode())
        assert "十四五".encode() in shown, shown[-400:]
        # a SIGCONT with no suspension before it (as a hang-up sends) leaves the terminal output as it was:
        # Textual took it for `fg` and entered the alternate screen again, with a second output thread
        os.kill(pid, signal.SIGCONT)
        os.write(master, b"j")  # (something to draw after it)
        after = read_until_quiet(master, b"", limit=5.0)
        assert after and b"\x1b[?1049h" not in after
        os.close(master)  # the terminal goes away: SIGHUP, then SIGCONT
        master = -1
        status = ended(pid, 20.0)
        assert status is not None, "plans still runs 20 s after its terminal went away"
        assert os.waitstatus_to_exitcode(status) == 0
        assert (tmp_path / "state" / "session.yaml").exists()
    finally:
        if master >= 0:
            os.close(master)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
