"""`plans check [FILE]`: validate a plans file against the schema.

Prints every problem as ``FILE:LINE: path.to.field: what is wrong`` (one per line) and exits 2;
a valid file prints one summary line and exits 0. Whole-corpus checks registered by other
modules (`tui.core.schema.EXTRA_CHECKS`, the indicator catalog) are reported the same way.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.core.i18n import english, t, t_line
from tui.core.load import check_file, display_name
from tui.core.locations import DEFAULT_DATA
from tui.core.safetext import visible
from tui.core.schema import extra_problems

EXIT_PROBLEMS = 2
SHOWN = 200  # problem lines printed at most; the rest are counted ("… and N more")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar=t("FILE"), help="plans file to check (default: data/plans.yaml)")


def summary(corpus) -> str:
    totals = {"column": 0, "table": 0, "row": 0}
    for plan in corpus.plans:
        counts = plan.counts()
        for k in totals:
            totals[k] += counts[k]
    n = len(corpus.plans)
    if not english():
        return t("{n} 个规划、{columns} 个专栏、{tables} 张表、{rows} 行").format(
            n=n, columns=totals["column"], tables=totals["table"], rows=totals["row"])
    return (f"{n} plan{'s' if n != 1 else ''}, {totals['column']} 专栏, "
            f"{totals['table']} table{'s' if totals['table'] != 1 else ''}, "
            f"{totals['row']} row{'s' if totals['row'] != 1 else ''}")


def run(args: argparse.Namespace) -> int:
    from tui.core import userplans

    path = Path(getattr(args, "file", None) or getattr(args, "data", None) or DEFAULT_DATA)
    code = check(path)
    user = userplans.plans_file()
    if _same(path, DEFAULT_DATA) and user.is_file():  # the browser shows the user's plans with the shipped ones
        code = check(user) or code
    return code


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def check(path: Path) -> int:
    """Check one plans file: its problem lines (exit status 2) or its summary (0). The user plans file's
    problems end with the command that repairs it."""
    from tui.core import userplans

    result = check_file(path, limit=SHOWN)
    problems = list(result.problems)
    more = result.more
    if result.corpus is not None:
        problems.extend(extra_problems(result.corpus))
    if len(problems) > SHOWN:
        more += len(problems) - SHOWN
        del problems[SHOWN:]
    for line in problems:  # they quote plan text (the catalog's lines: row names, plan names)
        # FILE:LINE: path: what (the form editors and scripts read), in the user's language as every problem
        print(visible(t_line(line), multiline=False))  # (the schema's own lines are in the user's language already)
    if more:
        print(t_line(f"… and {more:,} more problem{'s' if more != 1 else ''} (fix these and run plans check again)"))
    if problems:
        if _same(path, userplans.plans_file()):
            print(userplans.repair())
        return EXIT_PROBLEMS
    ok = t("{name}: ok — {summary}").format(name=display_name(path), summary=summary(result.corpus))
    print(visible(ok, multiline=False))
    return 0
