"""Issue 8 §1 end to end: `plans` on the hostile plans file in a real pseudo-terminal.

Everything the app writes to the terminal is read back while it starts, searches, opens the
compare screen and quits. Allowed: Textual's own sequences (SGR colours, cursor moves, private
modes, the keyboard-protocol query, the pointer-shape OSC 22). Anything else — an OSC 0/52/8, a
DCS, a CSI that clears the screen or resizes the window, a BEL, a C1 control — means plan text
reached the terminal.
"""

from __future__ import annotations

import os
import re
import select
import sys
import time
from pathlib import Path

import pytest
from hostile import write_hostile

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ROOT = Path(__file__).resolve().parents[1]
CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
# Textual's own: SGR, cursor position, private modes (?…h/l, ?…$p), kitty keyboard (>…u, <u)
OURS = re.compile(r"\x1b\[(?:[0-9;:]*[mH]|\?[0-9;]*(?:h|l|\$p)|>[0-9;]*u|<u)|\x1b\]22;[a-z-]*\x07")
DEADLINE = 60.0  # seconds for the whole run (a generous bound for a loaded machine, not a target)


class Terminal:
    def __init__(self, argv: list[str]) -> None:
        import fcntl
        import pty
        import struct
        import termios

        env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the app
            os.chdir(ROOT)
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.out = b""
        self.sent_at = 0
        self.start = time.monotonic()

    def text(self) -> str:
        """What was written, without Textual's escape sequences (markers are searched in this)."""
        return CSI.sub("", self.out.decode("utf-8", "replace"))

    def read_until(self, marker: str) -> None:
        """Read until `marker` is drawn (after the last `send`)."""
        while marker not in self.text()[self.sent_at:]:
            left = DEADLINE - (time.monotonic() - self.start)
            assert left > 0, f"never saw {marker!r}; last output: {self.text()[-300:]!r}"
            ready, _, _ = select.select([self.fd], [], [], min(left, 1.0))
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b""
                assert data, f"the app ended before {marker!r}: {self.text()[-300:]!r}"
                self.out += data

    def send(self, keys: str) -> None:
        self.sent_at = len(self.text())
        os.write(self.fd, keys.encode())

    def finish(self) -> int:
        """Read what is left until the app ends (killed if it does not within the deadline)."""
        import signal

        end = time.monotonic() + 10.0
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 1.0)
            if not ready:
                break
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            self.out += data
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:  # still running: it did not quit
            os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def test_nothing_but_textuals_own_sequences_reaches_the_terminal(tmp_path):
    plans, _catalog = write_hostile(tmp_path)
    app = Terminal([str(Path(sys.executable).parent / "plans"), "--data", str(plans)])
    try:
        app.read_until("退出")  # the footer: the first screen is up
        app.send("/")
        app.read_until("拼音")
        app.send("PWNTITLE")
        app.read_until("条结果")
        app.send("\x1b")  # escape: back to the main screen
        app.read_until("后退")
        app.send("m")
        app.read_until("指标对比")
        app.send("\x1b")
        app.read_until("后退")
        app.send("q")
    finally:
        code = app.finish()
    assert code == 0
    written = app.out.decode("utf-8", "replace")
    rest = OURS.sub("", written)
    controls = re.finditer("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]", rest)  # CR and LF are Textual's
    bad = [(m.group(), rest[max(0, m.start() - 20):m.start() + 20]) for m in controls]
    assert not bad, f"{len(bad)} control characters reached the terminal, e.g. {bad[:3]}"
    assert "␛]52;c;UFdORUQ=␇" in app.text()  # the plan text was drawn, its controls as stand-ins
