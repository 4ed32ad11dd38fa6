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
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self.exit)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):  # no such signals here (Windows)
            pass
