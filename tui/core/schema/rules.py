"""The rules of a plans file as data: allowed values, which fields each node kind may and must
carry, and how headings rank (what may stand inside what)."""

from __future__ import annotations

import re
from dataclasses import MISSING, fields
from typing import Any

from tui.core import model
from tui.core.model import HEADING_KINDS
from tui.core.schema.values import YEAR_MAX, YEAR_MIN

__all__ = ["YEAR_MAX", "YEAR_MIN"]

VERSION = 1
LEVELS = ("city", "district")
TABLE_KINDS = ("targets", "results")
ROLES = ("number", "name", "baseline", "target", "vision", "growth", "planned", "actual", "met", "other")
LABEL_ROLES = ("number", "name")  # columns that are not value columns (no cell in Row.cells)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
PERIOD_NAME = re.compile(r"(十?)([一二三四五六七八九]?)五\Z")

RANK = {"chapter": 1, "section": 2, "subsection": 3, "item": 4}

# which serialised fields each kind may carry, and which it must
_HEADING = {"kind", "heading", "number", "title", "text", "breaks", "children"}
ALLOWED: dict[str, set[str]] = {
    **{k: _HEADING for k in HEADING_KINDS},
    "column": {"kind", "heading", "number", "title", "end", "breaks", "children"},
    "entry": {"kind", "text", "label", "number", "breaks"},
    "header": {"kind", "text", "breaks"},
    "para": {"kind", "text", "breaks"},
    "front": {"kind", "text", "breaks"},
    "back": {"kind", "text", "breaks"},
    "page": {"kind", "text"},
    "table": {"kind", "heading", "number", "title", "breaks", "table"},
}
REQUIRED: dict[str, set[str]] = {
    **{k: {"heading"} for k in HEADING_KINDS},
    "column": {"heading", "number"},
    "entry": {"text"},
    "header": {"text"},
    "para": {"text"},
    "front": {"text"},
    "back": {"text"},
    "page": {"text"},
    "table": set(),
}
_RUNTIME = {"parent", "plan", "path"}  # set by Plan.index(), never serialised
_SCHEMA_NODE_FIELDS = {"kind", "heading", "number", "title", "text", "label", "end", "children", "breaks", "table"}
# optional fields someone added to model.Node later: allowed on every kind, type-checked by default
EXTRA_NODE_FIELDS: dict[str, Any] = {
    f.name: (f.default if f.default is not MISSING
             else f.default_factory() if f.default_factory is not MISSING else None)
    for f in fields(model.Node)
    if f.name not in _SCHEMA_NODE_FIELDS | _RUNTIME
}
for _k in EXTRA_NODE_FIELDS:
    for _allowed in ALLOWED.values():
        _allowed.add(_k)
NODE_FIELDS = _SCHEMA_NODE_FIELDS | set(EXTRA_NODE_FIELDS)

