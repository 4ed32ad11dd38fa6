"""The `plans` command line's argparse parsers: one-line usage errors, help in the user's language.

Imported only when a command line is parsed with argparse (`tui.cli.build_parser`): the browser's
plain start (`plans`, `plans --data FILE`) is read by `tui.cli` without it (argparse and gettext are
a few ms of every start).
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any, NoReturn

from tui.core.i18n import english, ngettext, t, t_line

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

# argparse looks its messages up through the module's gettext functions ("usage:", "the following
# arguments are required" …): ours use the catalogue, so they follow the language set by `--lang`
vars(argparse).update(_=t, ngettext=ngettext)


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


def _add_common(parser: argparse.ArgumentParser, sub: bool) -> None:
    default = argparse.SUPPRESS if sub else None
    parser.add_argument("--data", metavar=t("FILE"), default=default,
                        help="plans file" if sub else "plans file (default: data/plans.yaml)")
    parser.add_argument("--lang", metavar="zh|en", default=default,
                        help="language of messages and help: zh (Chinese, the default) or en")


def build_parser(commands: dict[str, tuple[str, str]], only: str | None = None) -> argparse.ArgumentParser:
    parser = OneLineParser(prog="plans", description="Browse Chinese regional S&T five-year plans.")
    _add_common(parser, sub=False)
    sub = parser.add_subparsers(dest="command", metavar=t("COMMAND"), parser_class=OneLineParser)
    for name, (module, help_) in commands.items():
        p = sub.add_parser(name, help=t(help_), description=help_)
        _add_common(p, sub=True)
        if only is None or only == name:
            import_module(module).add_arguments(p)
    return parser


def subparser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command:
            return action.choices.get(command)
    return None
