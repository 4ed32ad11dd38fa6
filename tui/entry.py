"""The `plans` console command's entry point, kept tiny on purpose.

The console script imports this module before anything else of ours runs, and a Ctrl-C that
arrives during an import is a KeyboardInterrupt outside every `try`: Python prints a traceback.
So this module imports nothing but the standard library's already-loaded `os` and `sys`, and
imports the command line (argparse, our modules, later Textual) inside the `try`.
Once the command has finished, a further Ctrl-C during interpreter shutdown (worker threads
ending, buffers flushing) exits at once with the same status instead of printing a traceback.
"""

import os
import sys


def main() -> int:
    try:
        from tui.cli import main as run

        code = run()
    except KeyboardInterrupt:
        code = 130
    except SystemExit as exc:  # argparse's --help and usage errors
        _quiet_exit(exc.code if isinstance(exc.code, int) else 1)
        raise
    _quiet_exit(code)
    return code


def _quiet_exit(code: int) -> None:
    import signal

    def now(signum: int, frame: object) -> None:
        os._exit(code)

    try:
        signal.signal(signal.SIGINT, now)
    except (ValueError, OSError):  # not the main thread, or no signals here
        pass
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        from tui.cli import silence_stdout

        silence_stdout()
