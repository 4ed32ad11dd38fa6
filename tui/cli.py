"""The `plans` command line. Sub-commands are imported lazily so `plans --help` and the
core commands never pay for Textual; the parsers (argparse) are in `tui.cli_parser`, imported only
when a command line needs them: the browser's plain start is read here (`browse_arguments`)."""

from __future__ import annotations

import errno
import os
import sys
from importlib import import_module
from types import SimpleNamespace
from typing import TYPE_CHECKING

from tui.core.i18n import english, set_lang, t

if TYPE_CHECKING:
    import argparse

# sub-command -> module with `add_arguments(parser)` and `run(args) -> int`
COMMANDS = {
    "browse": ("tui.cmd_browse", "open the browser (the default)"),
    "open": ("tui.cmd_open", "open the browser on a plan node: plans open 湖州 专栏4-3"),
    "import": ("tui.cmd_import", "build data/plans.yaml from data/sources/"),
    "add": ("tui.cmd_add", "add your own plan from a PDF, Word file, web page or text file"),
    "remove": ("tui.cmd_remove", "remove a plan added with plans add"),
    "check": ("tui.cmd_check", "validate a plans file"),
    "search": ("tui.cmd_search", "fuzzy-search the plans from the command line"),
    "compare": ("tui.cmd_compare", "compare indicators across plans"),
    "indicators": ("tui.cmd_indicators", "the indicator catalog and unmapped names"),
    "serve": ("tui.cmd_serve", "serve the browser as a web page (one app process per browser tab)"),
}


def use_language(argv: list[str]) -> None:
    """Fix the language from `--lang X` / `--lang=X` in argv (else the environment decides); argparse's
    own strings ("usage:", "the following arguments are required" …) follow it (`tui.cli_parser`)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            set_lang(argv[i + 1])
        elif arg.startswith("--lang="):
            set_lang(arg.split("=", 1)[1])


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `plans` parser with every sub-command, and the options of `only` (all when None)."""
    from tui.cli_parser import build_parser as build

    return build(COMMANDS, only)


BROWSE_OPTIONS = ("--data", "--lang", "--theme")  # `plans browse`'s own options, each taking a value


def browse_arguments(argv: list[str]) -> SimpleNamespace | None:
    """The arguments of ``browse [--data FILE] [--lang L] [--theme T]`` (each option once or more, as
    ``--opt VALUE`` or ``--opt=VALUE``) exactly as the argparse parser reads them, without argparse;
    None for any other command line (abbreviated or unknown options, a missing value or one that starts
    with "-", `--help` …): those go through the parser, which also says what is wrong with them."""
    if not argv or argv[0] != "browse":
        return None
    got: dict[str, str | None] = {"data": None, "lang": None, "command": "browse", "theme": None}
    i = 1
    while i < len(argv):
        option, eq, value = argv[i].partition("=")
        if not eq:
            if i + 1 == len(argv):
                return None
            value = argv[i + 1]
        if option not in BROWSE_OPTIONS or not value or value.startswith("-"):
            return None
        got[option[2:]] = value
        i += 1 if eq else 2
    return SimpleNamespace(**got)


def main(argv: list[str] | None = None) -> int:
    """Run one command; every way it can end is an exit status and at most one line on stderr:
    Ctrl-C → 130, quietly; a closed pipe (``plans search x | head -1``) → 0, quietly; output that
    cannot be written (``> /dev/full``) → 74 with the reason; an unexpected error → 70 with one line
    and a report file (``PLANS_DEBUG=1`` raises it instead)."""
    prog = "plans"
    try:
        from tui.core.termenc import setup_streams

        setup_streams()  # a GBK or Latin-1 locale: stand-ins for what it cannot show, never UnicodeEncodeError
        argv = list(sys.argv[1:] if argv is None else argv)
        use_language(argv)
        command = next((a for a in argv if a in COMMANDS), None)
        if command is None and not any(a in ("-h", "--help") for a in argv):
            words = _words(argv)
            if words:  # `plans serach 人才`, `plans 湖州 专栏4-3`: not something to browse
                _say(_no_command(words))
                return 2
            argv = ["browse", *argv]
            command = "browse"
        if command is not None:
            prog = f"plans {command}"
        args: argparse.Namespace | SimpleNamespace | None = browse_arguments(argv) if command == "browse" else None
        if args is None:
            args = _parse(argv, command)
        if args is None:
            code = 0  # (`plans --help`: printed)
        else:
            prog = f"plans {args.command}"
            code = int(import_module(COMMANDS[args.command][0]).run(args) or 0)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not as noise at exit
        return code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return 0
    except OSError as exc:
        if exc.filename is None and exc.errno not in OUTPUT_ERRNOS:
            return _internal(prog, exc)
        silence_stdout()
        if exc.filename is None:
            sep = ": " if english() else "："
            _say(f"{prog}{sep}{t('cannot write the output')}{sep}{exc.strerror or exc}")
        else:
            _say(f"{prog}: {exc.filename}: {exc.strerror or exc}")
        return EXIT_IO
    except Exception as exc:
        return _internal(prog, exc)


def _words(argv: list[str]) -> list[str]:
    """The arguments that are neither options nor options' values (`browse` takes none)."""
    takes_value = {"--data", "--lang", "--theme"}
    words: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif not arg.startswith("-"):
            words.append(arg)
    return words


def _no_command(words: list[str]) -> str:
    """One line for `plans WORD …` where WORD is no sub-command: the closest one, or `plans open`."""
    import difflib

    word = words[0]
    close = difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.6)
    rest = " ".join(words)
    if english():
        hint = f"did you mean plans {close[0]}?" if close else f"to open a place: plans open {rest}"
        return f"plans: no command {word!r} (commands: {', '.join(COMMANDS)}); {hint}"
    hint = f"是要 plans {close[0]} 吗？" if close else f"要打开某处：plans open {rest}"
    return f"plans：没有子命令“{word}”（子命令：{'、'.join(COMMANDS)}）；{hint}"


def _parse(argv: list[str], command: str | None) -> argparse.Namespace | None:
    """The arguments through the argparse parser (usage errors and --help exit); None when no command was
    given (the help is printed)."""
    from tui.cli_parser import subparser

    parser = build_parser(only=command)
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # said by the sub-command, whose --help lists what it takes (not by `plans`)
            sub = subparser(parser, args.command) or parser
            sub.error(t("unrecognized arguments: %s") % " ".join(extra))
    except SystemExit:  # --help, or a usage error: what was printed must reach the user too
        if sys.stdout is not None:
            sys.stdout.flush()
        raise
    if not args.command:
        parser.print_help()
        return None
    return args


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_IO = 74  # sysexits' EX_IOERR
EXIT_INTERNAL = 70  # sysexits' EX_SOFTWARE
OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE, errno.EBADF}


def _internal(prog: str, exc: Exception) -> int:
    if os.environ.get("PLANS_DEBUG"):
        raise exc
    from tui.core import crash

    _say(crash.line(exc, prog, chinese=not english()))
    return EXIT_INTERNAL


def _say(line: str) -> None:
    try:
        from tui.core.safetext import visible  # the line may quote plan text or a file name

        print(visible(line, multiline=False), file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):  # no usable stderr either: the exit status must do
        pass


def silence_stdout() -> None:
    """Point stdout at /dev/null so what is still buffered cannot fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
