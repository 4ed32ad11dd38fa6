"""`plans [browse]`: open the browser on a plans file.

The corpus is loaded before Textual is imported, so a bad file gives one line on stderr and exit
status 2 without starting the terminal UI.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from tui.core import locations
from tui.core.i18n import said, t, t_line
from tui.core.safetext import visible
from tui.core.termenc import can_show, is_utf8

if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

    Arguments = argparse.Namespace | SimpleNamespace  # (`plans`'s plain start is read without argparse: tui.cli)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--theme", metavar=t("THEME"), help="theme for this run (plans-paper, plans-ink, plans-ansi)")


def load(args: Arguments):
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


CLI_HINT = "可改用命令行：plans search 关键词、plans open 湖州 专栏4-3、plans compare、plans check（plans --help 列出全部）"


def terminal_problem() -> str | None:
    """Why the full-screen browser cannot run here (one Chinese line), or None.

    The browser needs a terminal on stdin, stdout and stderr (Textual draws on stderr) that can show
    a full screen: without one (``ssh host plans``, ``plans </dev/null >file``) Textual writes escape
    codes into a file or a pipe and waits forever for keys. Textual's web driver (textual-serve sets
    ``TEXTUAL_DRIVER`` to it) brings its own screen over pipes, so it is let through."""
    if "web" in os.environ.get("TEXTUAL_DRIVER", "").lower():
        return None
    missing = [name for name, stream in (("标准输入", sys.stdin), ("标准输出", sys.stdout), ("标准错误", sys.stderr))
               if stream is None or not stream.isatty()]
    if missing:
        return (f"plans：浏览界面需要在终端里运行，这里的{'、'.join(missing)}不是终端"
                f"（ssh 请加 -t：ssh -t 主机 plans）；{CLI_HINT}")
    encoding = getattr(sys.stderr, "encoding", None)
    if not is_utf8(encoding):  # Textual writes the screen through stderr's encoding
        if can_show("中文", sys.stderr):
            return (f"plans：浏览界面需要 UTF-8 区域设置，当前的编码是 {encoding}"
                    f"（如 zh_CN.GBK）；请设 LANG=zh_CN.UTF-8 或 LANG=C.UTF-8（例如 LC_ALL=C.UTF-8 plans），"
                    f"并把终端的字符编码设为 UTF-8；{CLI_HINT}")
        return (f"plans: the browser needs a UTF-8 locale, this one encodes {encoding}; set LANG=C.UTF-8 "
                "(e.g. LC_ALL=C.UTF-8 plans) and a UTF-8 terminal; the command line works here: "
                "plans search WORDS, plans open PLAN WHERE, plans check")
    term = os.environ.get("TERM", "")
    if term in ("dumb", "unknown"):
        return f"plans：终端类型 TERM={term} 不能显示全屏界面（可设 TERM=xterm-256color 再试）；{CLI_HINT}"
    return None


def start(args: Arguments, corpus, start_key: str | None = None, start_query: str = "") -> int:
    problem = terminal_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from tui.core.config import load_config, load_keymap

    config, config_problem = load_config()
    keymap, keymap_problem = load_keymap()
    problems = [p for p in (config_problem, keymap_problem, getattr(corpus, "user_problem", "")) if p]
    theme = getattr(args, "theme", None)
    if theme:
        import themes

        if theme not in themes.THEMES:
            print(t_line(f"--theme: no theme {theme!r} (choose from {', '.join(themes.THEMES)})"), file=sys.stderr)
            return 2
        config.theme = theme

    from tui.app import PlansApp

    app = PlansApp(corpus, config=config, keymap=keymap, start_key=start_key, start_query=start_query,
                   problems=problems, resume_gc=not gc.isenabled(), theme=theme or None,
                   fit_terminal=True)
    app.run()
    return int(app.return_code or 0)


def pause_gc() -> None:
    """No garbage collection until the first frame is up (`PlansApp` resumes it, see `resume_gc`).

    Start-up allocates a lot (imports, the corpus, the widget tree) and creates few cycles; the
    collector's passes over the growing heap were a good part of the time to the first frame.
    """
    gc.disable()


def run(args: Arguments) -> int:
    pause_gc()
    try:
        corpus, error = load(args)
        if error:
            print(visible(said("plans", t_line(error)), multiline=False), file=sys.stderr)
            return 2
        return start(args, corpus)
    finally:
        gc.enable()
