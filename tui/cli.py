"""The `plans` command line. Sub-commands are imported lazily so `plans --help` and the
core commands never pay for Textual."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module
from typing import NoReturn

# sub-command -> module with `add_arguments(parser)` and `run(args) -> int`
COMMANDS = {
    "browse": ("tui.cmd_browse", "open the browser (the default)"),
    "open": ("tui.cmd_open", "open the browser on a plan node: plans open 湖州 专栏4-3"),
    "import": ("tui.cmd_import", "build data/plans.yaml from data/sources/"),
    "check": ("tui.cmd_check", "validate a plans file"),
    "search": ("tui.cmd_search", "fuzzy-search the plans from the command line"),
    "compare": ("tui.cmd_compare", "compare indicators across plans"),
    "indicators": ("tui.cmd_indicators", "the indicator catalog and unmapped names"),
}


class OneLineParser(argparse.ArgumentParser):
    """Usage errors are one line on stderr (``plans search: unrecognized arguments: --foo``), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = OneLineParser(prog="plans", description="Browse Chinese regional S&T five-year plans.")
    parser.add_argument("--data", metavar="FILE", help="plans file (default: data/plans.yaml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name, (module, help_) in COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--data", metavar="FILE", default=argparse.SUPPRESS, help="plans file")
        if only is None or only == name:
            import_module(module).add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if a in COMMANDS), None)
    if command is None and not any(a in ("-h", "--help") for a in argv):
        argv = ["browse", *argv]
        command = "browse"
    parser = build_parser(only=command)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        return int(import_module(COMMANDS[args.command][0]).run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: one line, never a traceback (PLANS_DEBUG=1 shows it)
        if os.environ.get("PLANS_DEBUG"):
            raise
        print(f"plans {args.command}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 70
