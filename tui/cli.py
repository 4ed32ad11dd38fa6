"""The `plans` command line. Sub-commands are imported lazily so `plans --help` and the
core commands never pay for Textual."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any, NoReturn

from tui.core.i18n import english, ngettext, set_lang, t, t_line

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

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


class HelpFormatter(argparse.HelpFormatter):
    """Help in the user's language: each option's help and each description through the catalogue."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return t(action.help) if action.help else action.help

    def add_text(self, text: str | None) -> None:
        super().add_text(t(text) if text else text)


class OneLineParser(argparse.ArgumentParser):
    """Usage errors are one line on stderr (``plans search: unrecognized arguments: --foo``), exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        text = super().format_help()
        if not english():  # argparse ends section headings with an ASCII colon
            for heading in (t("positional arguments"), t("options")):
                text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return text

    def error(self, message: str) -> NoReturn:
        template = t("%(prog)s: %(message)s (see %(prog)s --help)\n")
        self.exit(2, template % {"prog": self.prog, "message": t_line(message)})

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """As argparse's, but a write that fails (``plans --help > /dev/full``) is not swallowed."""
        if message:
            (file or sys.stderr).write(message)


def use_language(argv: list[str]) -> None:
    """Fix the language from `--lang X` / `--lang=X` in argv (else the environment decides) and have
    argparse's own strings ("usage:", "the following arguments are required" …) follow it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            set_lang(argv[i + 1])
        elif arg.startswith("--lang="):
            set_lang(arg.split("=", 1)[1])
    # argparse looks its messages up through the module's gettext functions: ours use the catalogue
    vars(argparse).update(_=t, ngettext=ngettext)


def _add_common(parser: argparse.ArgumentParser, sub: bool) -> None:
    default = argparse.SUPPRESS if sub else None
    parser.add_argument("--data", metavar="FILE", default=default,
                        help="plans file" if sub else "plans file (default: data/plans.yaml)")
    parser.add_argument("--lang", metavar="zh|en", default=default,
                        help="language of messages and help: zh (Chinese, the default) or en")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = OneLineParser(prog="plans", description="Browse Chinese regional S&T five-year plans.")
    _add_common(parser, sub=False)
    sub = parser.add_subparsers(dest="command", metavar=t("COMMAND"), parser_class=OneLineParser)
    for name, (module, help_) in COMMANDS.items():
        p = sub.add_parser(name, help=t(help_), description=help_)
        _add_common(p, sub=True)
        if only is None or only == name:
            import_module(module).add_arguments(p)
    return parser


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
        parser = build_parser(only=command)
        try:
            args, extra = parser.parse_known_args(argv)
            if extra:  # said by the sub-command, whose --help lists what it takes (not by `plans`)
                sub = _subparser(parser, args.command) or parser
                sub.error(t("unrecognized arguments: %s") % " ".join(extra))
        except SystemExit:  # --help, or a usage error: what was printed must reach the user too
            if sys.stdout is not None:
                sys.stdout.flush()
            raise
        if not args.command:
            parser.print_help()
            code = 0
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


def _subparser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command:
            return action.choices.get(command)
    return None


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
