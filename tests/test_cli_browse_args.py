"""`plans`'s plain start is read without argparse (`tui.cli.browse_arguments`): exactly as the parser
reads it, and every other command line goes to the parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import browse_arguments, build_parser

ROOT = Path(__file__).resolve().parents[1]

READ = [
    ["browse"],
    ["browse", "--data", "x.yaml"],
    ["browse", "--data=x.yaml"],
    ["browse", "--data", "a=b.yaml"],
    ["browse", "--data=x=y"],
    ["browse", "--lang", "en", "--data", "数据.yaml", "--theme", "plans-ink"],
    ["browse", "--theme=plans-ansi", "--lang=zh"],
    ["browse", "--data", "a", "--data", "b"],  # the last one counts, as for argparse
    ["browse", "--data", "open"],  # a value that names a command
    ["browse", "--data", "with space"],
]
LEFT_TO_ARGPARSE = [
    [],
    ["--data", "x"],  # (main puts "browse" first: never called without it)
    ["search", "x"],
    ["browse", "--dat", "x"],  # an abbreviation
    ["browse", "--data"],  # no value
    ["browse", "--data", "-x"],
    ["browse", "--data="],
    ["browse", "--data", ""],
    ["browse", "--data", "--lang"],
    ["browse", "-h"],
    ["browse", "--help"],
    ["browse", "--foo", "x"],
    ["browse", "x"],
    ["browse", "--data", "x", "extra"],
    ["browse", "--", "x"],
]


@pytest.mark.parametrize("argv", READ, ids=" ".join)
def test_read_as_the_parser_reads_it(argv: list[str]) -> None:
    got = browse_arguments(argv)
    assert got is not None
    args, extra = build_parser(only="browse").parse_known_args(argv)
    assert not extra
    assert vars(got) == vars(args)


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE, ids=lambda a: " ".join(a) or "(none)")
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert browse_arguments(argv) is None


def test_plain_start_imports_no_argparse() -> None:
    code = ("import sys, tui.cli, tui.cmd_browse\n"
            "assert tui.cli.browse_arguments(['browse', '--data', 'x']) is not None\n"
            "sys.exit(1 if 'argparse' in sys.modules else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
