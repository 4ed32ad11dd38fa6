"""The schema of a plans file (the YAML written from `model.corpus_to_dict`).

`validate(data)` walks the plain data read from YAML (`tui.core.yamlpos.read`) and returns EVERY
problem as a `Problem(path, message)`; it is cheap and runs on every load. Only when there are
problems does `format_problems` walk the YAML again (`tui.core.yamlpos.lines`) for the line each
path stands on, so a report reads ``data/plans.yaml:1234: plans[2].nodes[5].kind: unknown kind
'chaptr'``.

The parts, by purpose:
- `values`: `Problem`, values described for a message, the typed field helpers (`Fields`);
- `rules`: the rules as data (allowed values, fields per node kind, heading ranks);
- `structure`: the walk over the top level, plans and node tree (`Checker`);
- `meta` and `tables`: the checks of a plan's metadata and of an indicator table.

Rules, in short (see the check functions for the exact wording):
- top level: ``version`` (int, 1) and ``plans`` (non-empty list), nothing else;
- ``plans[].meta``: id (unique, slug form), title, short, region, level (city|district),
  period_start <= period_end (plausible years, period_name consistent), vision_year >= period_end,
  dates ISO YYYY-MM-DD, a district names its parent_region; unknown fields are errors;
- nodes: kind in `model.KINDS`; required fields per kind (heading for outline headings and 专栏,
  number for 专栏, text for para/entry/front/back/page, table for table); fields that have no
  meaning for a kind are errors; children only where they make sense (entries only inside 专栏,
  a 专栏 holds only entries (and page furniture),
  front/back only at the top, an outline heading only under a
  higher one, a subsection only under a section, leaves have no children);
- breaks: ``[offset, text]`` pairs, offsets within the node's heading+text, in order;
- tables: column roles known, exactly one name column, each row has one cell per value
  column, cells printed non-empty with a finite numeric value or a text, notes and lines.

Other modules may add whole-corpus checks (e.g. the indicator catalog) by appending to
`EXTRA_CHECKS`; `tui.core.indicators.check_catalog`, when that module exists, is run too.
`plans check` reports their problems with the schema's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.core import model
from tui.core.schema.rules import VERSION
from tui.core.schema.structure import Checker
from tui.core.schema.values import LIMIT, Path_, Problem, show, type_name
from tui.core.textfile import format_path

__all__ = ["EXTRA_CHECKS", "LIMIT", "VERSION", "Path_", "Problem", "check", "extra_problems", "format_path",
           "format_problems", "problem_line", "show", "type_name", "validate"]

# whole-corpus checks added by other modules: each takes a Corpus and returns problem lines
EXTRA_CHECKS: list[Callable[[model.Corpus], list[str]]] = []


def check(data: Any, limit: int | None = None) -> tuple[list[Problem], int]:
    """(problems, how many more past `limit`) in the plain data of a plans file."""
    checker = Checker(limit)
    try:
        checker.corpus(data)
    except RecursionError:
        checker.add((), "nested too deeply")
    return checker.problems, checker.more


def validate(data: Any) -> list[Problem]:
    """Every problem in the plain data of a plans file (empty when it is valid)."""
    return check(data)[0]


def format_problems(display: str, problems: list[Problem], source: str | bytes) -> list[str]:
    """Problem lines ``FILE:LINE: path: message`` in file order; `source` is the file's YAML."""
    from tui.core import yamlpos

    where = yamlpos.lines(source, (p.path for p in problems)) if problems else {}
    located = [(where[tuple(p.path)], n, p) for n, p in enumerate(problems)]
    located.sort(key=lambda t: (t[0], t[1]))
    return [problem_line(display, line, p.path, p.message) for line, _, p in located]


def problem_line(display: str, line: int, path: Path_, message: str) -> str:
    """``FILE:LINE: path: what`` in English (``--lang en``), else ``FILE:LINE: path：what`` with the
    message in Chinese (`tui.core.schema.zh`); FILE:LINE stays as editors read it."""
    from tui.core.i18n import english

    if english():
        return f"{display}:{line}: {format_path(path)}: {message}"
    from tui.core.schema import zh

    return f"{display}:{line}: {format_path(path) if path else '（顶层）'}：{zh.message(message)}"

# -- whole-corpus checks from other modules ------------------------------------


def extra_problems(corpus: model.Corpus) -> list[str]:
    """Problem lines from `EXTRA_CHECKS` and from tui.core.indicators.check_catalog, if present."""
    import importlib
    import importlib.util

    checks: list[tuple[str, Callable[[model.Corpus], list[str]]]] = [
        (getattr(c, "__qualname__", repr(c)), c) for c in EXTRA_CHECKS
    ]
    out: list[str] = []
    try:
        present = importlib.util.find_spec("tui.core.indicators") is not None
    except (ImportError, ValueError):
        present = False
    if present:
        try:
            mod = importlib.import_module("tui.core.indicators")
        except Exception as exc:  # another module's bug must not become our traceback
            out.append(f"tui/core/indicators.py: cannot import: {type(exc).__name__}: {exc}")
            mod = None
        check = getattr(mod, "check_catalog", None)
        if callable(check) and check not in EXTRA_CHECKS:
            checks.append(("tui.core.indicators.check_catalog", check))
    for name, check in checks:
        try:
            result = check(corpus) or []
        except Exception as exc:
            out.append(f"{name}: check failed: {type(exc).__name__}: {exc}".replace("\n", " "))
            continue
        out.extend(str(line).replace("\n", " ") for line in result)
    return out
