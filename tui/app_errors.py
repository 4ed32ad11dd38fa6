"""What the app does when something fails unexpectedly, or the terminal goes away: one line on the terminal
and a report file instead of Textual's traceback (`_handle_exception`), and a dropped SSH connection or a
`kill` closing the app as `q` does (`_exit_on_hang_up`). `CrashReport` is a mixin of `PlansApp` (tui/app.py).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[int]
else:
    _Base = object


class CrashReport(_Base):
    """The app's unexpected errors and hang-ups (see the module docstring)."""

    # -- an unexpected error ----------------------------------------------------------------------
    # Textual's own handler prints a rich traceback WITH every frame's local variables once the
    # terminal is restored: with the corpus in those locals that was a 31 MB dump that froze the
    # terminal for 45 s. Ours writes the traceback (no locals, bounded) to a report file in the
    # state dir and leaves ONE line on the terminal naming what failed, where, and the report.
    # Textual has no public hook for this: `_handle_exception` is the method every failing
    # handler, timer and worker reports to, and `_exception` is what `run_test` re-raises.
    crash_line: str = ""

    def _handle_exception(self, error: Exception) -> None:
        from textual.worker import WorkerFailed

        from tui.core import crash

        cause = error.error if isinstance(error, WorkerFailed) and isinstance(error.error, Exception) else error
        if hasattr(cause, "__rich__"):  # Textual's own errors that explain themselves (bad CSS)
            super()._handle_exception(error)
            return
        self._return_code = 70  # as the command line's unexpected errors (sysexits EX_SOFTWARE)
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        if not self.crash_line:
            self.crash_line = crash.line(cause)
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        """Once the terminal is restored: our one line, unwrapped and uncropped, in place of Textual's report."""
        if not self.crash_line:
            super()._print_error_renderables()
            return
        self._exit_renderables.clear()
        try:
            print(self.crash_line, file=sys.stderr, flush=True)
        except (OSError, ValueError, AttributeError):  # no stderr to write to: the report file must do
            pass

    def _exit_on_hang_up(self) -> None:
        """A dropped SSH connection (SIGHUP) or a `kill` (SIGTERM) closes the app as `q` does: the screens
        unmount and the session (history, place) is saved. By default they ended the process at once and
        the next start had forgotten where the user was."""
        import asyncio
        import signal

        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGHUP, self._hung_up)
            loop.add_signal_handler(signal.SIGTERM, self.exit)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):  # no such signals here (Windows)
            return
        self._resume_only_after_suspend()

    def _resume_only_after_suspend(self) -> None:
        """Textual's driver takes every SIGCONT for the end of a suspension (ctrl+z, `fg`) and starts its
        terminal output again: a second output thread, the first left waiting. A terminal that goes away
        sends SIGHUP and then SIGCONT, so that second thread died writing to the gone terminal, its queue
        filled with the frames the exit still drew, and the shutdown waited on it for ever: a `plans`
        process left behind at every dropped connection. A SIGCONT now resumes only a suspended app."""
        import signal

        driver = self._driver
        resume = getattr(driver, "_sigcont_application", None)
        if resume is None or signal.getsignal(signal.SIGCONT) != resume:
            return

        def on_continue(signum: int, frame: object) -> None:
            if getattr(driver, "_must_signal_resume", False):  # set as the driver suspended the app
                resume(signum, frame)

        signal.signal(signal.SIGCONT, on_continue)

    def _hung_up(self) -> None:
        """SIGHUP: the terminal is gone. Nothing more is written to it (a write there fails, and the output
        thread it kills would leave the shutdown waiting on its queue); then the app closes as `q` does."""
        driver = self._driver
        if driver is not None:
            gone = {"write": _discard, "flush": _nothing, "close": lambda: _stop_writer(driver)}
            for name, method in gone.items():  # (instance attributes: Textual writes through these)
                setattr(driver, name, method)
        self.exit()


def _discard(data: str) -> None:
    """A write to a terminal that is gone."""


def _nothing() -> None:
    """A flush of a terminal that is gone."""


def _stop_writer(driver: object) -> None:
    """The driver's close once its terminal is gone: its output thread is told to stop, without waiting
    on a queue that thread may no longer empty."""
    import queue

    writer = getattr(driver, "_writer_thread", None)
    if writer is None:
        return
    try:
        writer._queue.put_nowait(None)
    except queue.Full:
        return
    writer.join(timeout=1.0)
