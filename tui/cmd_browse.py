"""`plans [browse]`: open the browser on a plans file.

The corpus is loaded before Textual is imported, so a bad file gives one line on stderr and exit
status 2 without starting the terminal UI.
"""

from __future__ import annotations

import argparse
import gc
import sys

from tui.core import locations


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--theme", help="theme for this run (plans-paper, plans-ink, plans-ansi, or any Textual theme)")


def load(args: argparse.Namespace):
    """(corpus, None) or (None, one-line error)."""
    from tui.core.load import PlansFileError, load_corpus

    path = getattr(args, "data", None) or locations.DEFAULT_DATA
    shown = False

    def progress(done: int, total: int) -> None:
        """One line on a terminal while the plans that changed are read into the store."""
        nonlocal shown
        if total >= 5 and sys.stderr.isatty() and (done == total or done % 5 == 0):
            shown = True
            print(f"\rplans: 数据已更新，正在读入 {done}/{total} 份规划…", end="", file=sys.stderr, flush=True)

    try:
        corpus = load_corpus(path, progress=progress)
    except PlansFileError as exc:
        return None, str(exc)
    finally:
        if shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    if not corpus.plans:
        return None, f"{path}: no plans in this file"
    return corpus, None


def start(args: argparse.Namespace, corpus, start_key: str | None = None, start_query: str = "") -> int:
    from tui.core.config import load_config, load_keymap

    config, config_problem = load_config()
    keymap, keymap_problem = load_keymap()
    problems = [p for p in (config_problem, keymap_problem) if p]
    if getattr(args, "theme", None):
        config.theme = args.theme

    from tui.app import PlansApp

    app = PlansApp(corpus, config=config, keymap=keymap, start_key=start_key, start_query=start_query,
                   problems=problems, resume_gc=not gc.isenabled())
    app.run()
    return int(app.return_code or 0)


def pause_gc() -> None:
    """No garbage collection until the first frame is up (`PlansApp` resumes it, see `resume_gc`).

    Start-up allocates a lot (imports, the corpus, the widget tree) and creates few cycles; the
    collector's passes over the growing heap were a good part of the time to the first frame.
    """
    gc.disable()


def run(args: argparse.Namespace) -> int:
    pause_gc()
    try:
        corpus, error = load(args)
        if error:
            print(f"plans: {error}", file=sys.stderr)
            return 2
        return start(args, corpus)
    finally:
        gc.enable()
