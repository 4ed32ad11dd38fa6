"""The schema of a plans file (the YAML written from `model.corpus_to_dict`).

`validate(data)` walks the plain data loaded from YAML and returns EVERY problem as a
`Problem(path, message)`; it is cheap and runs on every load. Only when there are problems (or in
`plans check`) does `locate_problems(text, problems)` compose the YAML once to find the line
each path stands on, so a report reads ``data/plans.yaml:1234: plans[2].nodes[5].kind: unknown
kind 'chaptr'``.

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

import datetime as _dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, fields
from typing import Any

from tui.core import model
from tui.core.model import HEADING_KINDS, KINDS

Path_ = tuple[str | int, ...]

VERSION = 1
LEVELS = ("city", "district")
TABLE_KINDS = ("targets", "results")
ROLES = ("number", "name", "baseline", "target", "vision", "growth", "planned", "actual", "met", "other")
LABEL_ROLES = ("number", "name")  # columns that are not value columns (no cell in Row.cells)
YEAR_MIN, YEAR_MAX = 1949, 2100
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
PERIOD_NAME = re.compile(r"(十?)([一二三四五六七八九]?)五\Z")

# whole-corpus checks added by other modules: each takes a Corpus and returns problem lines
EXTRA_CHECKS: list[Callable[[model.Corpus], list[str]]] = []


@dataclass(frozen=True)
class Problem:
    path: Path_
    message: str

    @property
    def dotted(self) -> str:
        return format_path(self.path)


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def show(value: Any, limit: int = 40) -> str:
    """A value for a one-line message: repr-like, control characters escaped, cut short."""
    if isinstance(value, str):
        s = repr(value)
    elif isinstance(value, dict):
        s = "a mapping"
    elif isinstance(value, list):
        s = "a list"
    else:
        s = repr(value)
    s = s.replace("\n", "\\n").replace("\r", "\\r")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "a date (quote it: '2021-07-25')"
    return type(value).__name__


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.active: set[int] = set()  # ids of the nodes being checked, to catch YAML alias loops

    def add(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- typed field helpers -------------------------------------------------
    def string(self, d: dict, key: str, path: Path_, *, required: bool = False, nonempty: bool = False) -> str | None:
        if key not in d:
            if required:
                self.add(path + (key,), "missing")
            return None
        v = d[key]
        if not isinstance(v, str):
            self.add(path + (key,), f"expected a string, got {type_name(v)} {show(v)}")
            return None
        if (required or nonempty) and not v.strip():
            self.add(path + (key,), "empty")
            return None
        return v

    def year(self, d: dict, key: str, path: Path_, *, required: bool = False, nullable: bool = False) -> int | None:
        if key not in d:
            if required:
                self.add(path + (key,), "missing")
            return None
        v = d[key]
        if v is None and nullable:
            return None
        if not _is_int(v):
            self.add(path + (key,), f"expected a year (integer), got {type_name(v)} {show(v)}")
            return None
        if not YEAR_MIN <= v <= YEAR_MAX:
            self.add(path + (key,), f"implausible year {v} (expected {YEAR_MIN}–{YEAR_MAX})")
            return None
        return v

    def str_list(self, d: dict, key: str, path: Path_) -> None:
        if key not in d:
            return
        v = d[key]
        if not isinstance(v, list):
            self.add(path + (key,), f"expected a list of strings, got {type_name(v)}")
            return
        for i, item in enumerate(v):
            if not isinstance(item, str) or not item:
                self.add(path + (key, i), f"expected a non-empty string, got {type_name(item)} {show(item)}")

    def boolean(self, d: dict, key: str, path: Path_) -> None:
        if key in d and not isinstance(d[key], bool):
            self.add(path + (key,), f"expected true or false, got {type_name(d[key])} {show(d[key])}")

    def mapping(self, v: Any, path: Path_, what: str) -> bool:
        if not isinstance(v, dict):
            self.add(path, f"expected {what} (a mapping), got {type_name(v)} {show(v)}")
            return False
        return True

    def unknown(self, d: dict, allowed: Iterable[str], path: Path_, where: str = "") -> None:
        allowed = set(allowed)
        for key in d:
            if key not in allowed:
                self.add(path + (key,) if isinstance(key, (str, int)) else path,
                         f"unknown field {show(key)}{where}")

    # -- top level -----------------------------------------------------------
    def corpus(self, data: Any) -> None:
        if not isinstance(data, dict):
            self.add((), f"expected a mapping with 'version' and 'plans', got {type_name(data)}")
            return
        self.unknown(data, ("version", "plans"), ())
        if "version" not in data:
            self.add(("version",), "missing")
        elif not _is_int(data["version"]):
            self.add(("version",), f"expected an integer, got {type_name(data['version'])} {show(data['version'])}")
        elif data["version"] != VERSION:
            self.add(("version",), f"unsupported version {data['version']} (this program reads version {VERSION})")
        plans = data.get("plans")
        if "plans" not in data:
            self.add(("plans",), "missing")
            return
        if not isinstance(plans, list):
            self.add(("plans",), f"expected a list of plans, got {type_name(plans)}")
            return
        if not plans:
            self.add(("plans",), "empty: no plans")
        seen: dict[str, int] = {}
        for i, plan in enumerate(plans):
            pid = self.plan(plan, ("plans", i))
            if pid is None:
                continue
            if pid in seen:
                self.add(("plans", i, "meta", "id"), f"duplicate plan id {show(pid)} (also plans[{seen[pid]}])")
            else:
                seen[pid] = i

    def plan(self, plan: Any, path: Path_) -> str | None:
        if not self.mapping(plan, path, "a plan"):
            return None
        self.unknown(plan, ("meta", "nodes"), path)
        pid = None
        if "meta" not in plan:
            self.add(path + ("meta",), "missing")
        elif self.mapping(plan["meta"], path + ("meta",), "the plan's metadata"):
            pid = self.meta(plan["meta"], path + ("meta",))
        if "nodes" not in plan:
            self.add(path + ("nodes",), "missing")
        elif not isinstance(plan["nodes"], list):
            self.add(path + ("nodes",), f"expected a list of nodes, got {type_name(plan['nodes'])}")
        elif not plan["nodes"]:
            self.add(path + ("nodes",), "empty: a plan has at least one node")
        else:
            self.nodes(plan["nodes"], path + ("nodes",), None)
        return pid

    # -- meta ----------------------------------------------------------------
    def meta(self, m: dict, path: Path_) -> str | None:
        known = {f.name for f in fields(model.Meta)}
        self.unknown(m, known, path)
        pid = self.string(m, "id", path, required=True)
        if pid is not None and not SLUG.match(pid):
            self.add(path + ("id",), f"{show(pid)} is not slug form (lower-case letters, digits and '-', e.g. keqiao-2021)")
            pid = None if not pid.strip() else pid
        for key in ("title", "short", "region"):
            self.string(m, key, path, required=True)
        for key in ("province", "period_name", "issuer", "doc_number", "source"):
            self.string(m, key, path)
        parent = self.string(m, "parent_region", path)
        level = m.get("level")
        if "level" not in m:
            self.add(path + ("level",), f"missing (one of {', '.join(LEVELS)})")
        elif level not in LEVELS:
            self.add(path + ("level",), f"expected one of {', '.join(LEVELS)}, got {show(level)}")
        elif level == "district" and not parent:
            if "parent_region" not in m:
                self.add(path + ("parent_region",), "missing: a district plan names its parent region (e.g. 绍兴市)")
            elif parent is not None:
                self.add(path + ("parent_region",), "empty: a district plan names its parent region (e.g. 绍兴市)")
        start = self.year(m, "period_start", path, required=True)
        end = self.year(m, "period_end", path, required=True)
        if start is not None and end is not None:
            if start > end:
                self.add(path + ("period_end",), f"period_end {end} is before period_start {start}")
            elif end - start > 15:
                self.add(path + ("period_end",), f"implausible period {start}–{end} (more than 15 years)")
        name = m.get("period_name")
        if isinstance(name, str) and name and start is not None:
            match = PERIOD_NAME.match(name)
            if match is None:
                self.add(path + ("period_name",), f"{show(name)} is not a five-year plan name such as 十四五")
            else:
                n = (10 if match.group(1) else 0) + CN_DIGITS.get(match.group(2), 0)
                expected = 1966 + 5 * (n - 3) if n >= 3 else None
                if expected is not None and start != expected:
                    self.add(path + ("period_start",),
                             f"{start} does not fit period_name {name} (which starts in {expected})")
        vision = self.year(m, "vision_year", path, nullable=True)
        if vision is not None and end is not None and vision < end:
            self.add(path + ("vision_year",), f"vision_year {vision} is before period_end {end}")
        for key in ("issue_date", "publish_date"):
            self.date(m, key, path)
        url = self.string(m, "url", path)
        if url and not url.startswith(("http://", "https://")):
            self.add(path + ("url",), f"{show(url)} is not an http(s) address")
        source = m.get("source")
        if isinstance(source, str) and ("/" in source or "\\" in source):
            self.add(path + ("source",), f"{show(source)}: expected a file name in data/sources/, not a path")
        return pid

    def date(self, m: dict, key: str, path: Path_) -> None:
        if key not in m:
            return
        v = m[key]
        if not isinstance(v, str):
            self.add(path + (key,), f"expected an ISO date string 'YYYY-MM-DD', got {type_name(v)}")
            return
        if not v:
            return
        if not ISO_DATE.match(v):
            self.add(path + (key,), f"{show(v)} is not an ISO date YYYY-MM-DD")
            return
        try:
            d = _dt.date.fromisoformat(v)
        except ValueError:
            self.add(path + (key,), f"{show(v)} is not a real date")
            return
        if not YEAR_MIN <= d.year <= YEAR_MAX:
            self.add(path + (key,), f"implausible year in {show(v)}")

    # -- nodes ---------------------------------------------------------------
    def nodes(self, nodes: list, path: Path_, parent_kind: str | None) -> None:
        for i, node in enumerate(nodes):
            self.node(node, path + (i,), parent_kind)

    def node(self, n: Any, path: Path_, parent_kind: str | None) -> None:
        if not self.mapping(n, path, "a node"):
            return
        if "kind" not in n:
            self.add(path + ("kind",), f"missing (one of {', '.join(KINDS)})")
            return
        kind = n["kind"]
        if not isinstance(kind, str) or kind not in KINDS:
            self.add(path + ("kind",), f"unknown kind {show(kind)} (expected one of {', '.join(KINDS)})")
            return
        self.unknown(n, NODE_FIELDS, path)
        for key in n:
            if key in NODE_FIELDS and key not in ALLOWED[kind]:
                self.add(path + (key,), f"'{key}' has no meaning on {_a(kind)} node")
        for key in ("heading", "number", "title", "text", "label", "end"):
            if key in n and key in ALLOWED[kind]:
                self.string(n, key, path, required=key in REQUIRED[kind])
            elif key in REQUIRED[kind]:
                self.add(path + (key,), f"missing: {_a(kind)} node has a {key}")
        self._extra_node_fields(n, path)
        self.placement(kind, parent_kind, path)
        if "breaks" in n and "breaks" in ALLOWED[kind]:
            self.breaks(n, path)
        if kind == "table":
            if "table" not in n:
                self.add(path + ("table",), "missing: a table node holds its table")
            elif self.mapping(n["table"], path + ("table",), "a table"):
                self.table(n["table"], path + ("table",))
        if "children" in n and "children" in ALLOWED[kind]:
            children = n["children"]
            if not isinstance(children, list):
                self.add(path + ("children",), f"expected a list of nodes, got {type_name(children)}")
            elif id(n) in self.active:
                self.add(path, "a node that contains itself (a YAML alias loop)")
            else:
                self.active.add(id(n))
                self.nodes(children, path + ("children",), kind)
                self.active.discard(id(n))
        if kind == "column" and not n.get("children"):
            self.add(path + ("children",), "missing: a 专栏 has at least one entry")

    def _extra_node_fields(self, n: dict, path: Path_) -> None:
        """Fields added to model.Node after this schema was written: check their type by the default."""
        for key in EXTRA_NODE_FIELDS:
            if key in n:
                default = EXTRA_NODE_FIELDS[key]
                if default is not None and not isinstance(n[key], type(default)):
                    self.add(path + (key,), f"expected {type_name(default)}, got {type_name(n[key])}")

    def placement(self, kind: str, parent: str | None, path: Path_) -> None:
        where = f"inside {_a(parent)} node" if parent else "at the top level"
        if kind == "entry":
            if parent != "column":
                self.add(path + ("kind",), f"an entry belongs inside a 专栏 (column), not {where}")
        elif parent == "column" and kind != "page":
            self.add(path + ("kind",), f"a 专栏 (column) holds only entries (and page furniture), not {_a(kind)} node")
        elif kind in ("front", "back"):
            if parent is not None:
                self.add(path + ("kind",), f"{kind} matter belongs at the top level, not {where}")
        elif kind in HEADING_KINDS and parent in HEADING_KINDS:
            if RANK[kind] <= RANK[parent]:
                self.add(path + ("kind",), f"{_a(kind)} cannot stand inside {_a(parent)}")
        if kind == "subsection" and parent != "section":
            self.add(path + ("kind",), f"a subsection belongs inside a section, not {where}")

    def breaks(self, n: dict, path: Path_) -> None:
        breaks = n["breaks"]
        bpath = path + ("breaks",)
        if not isinstance(breaks, list):
            self.add(bpath, f"expected a list of [offset, text] pairs, got {type_name(breaks)}")
            return
        size = len(n.get("heading", "") or "") + len(n.get("text", "") or "")
        last = -1
        for i, b in enumerate(breaks):
            if not isinstance(b, list) or len(b) != 2:
                self.add(bpath + (i,), f"expected an [offset, text] pair, got {show(b)}")
                continue
            at, text = b
            if not _is_int(at):
                self.add(bpath + (i,), f"offset: expected an integer, got {type_name(at)} {show(at)}")
            elif not 0 <= at <= size:
                self.add(bpath + (i,), f"offset {at} is outside the node's text (0–{size})")
            elif at < last:
                self.add(bpath + (i,), f"offset {at} comes before the previous break's {last}")
            else:
                last = at
            if not isinstance(text, str) or not text:
                self.add(bpath + (i,), f"text: expected a non-empty string, got {type_name(text)} {show(text)}")

    # -- tables --------------------------------------------------------------
    def table(self, t: dict, path: Path_) -> None:
        self.unknown(t, ("number", "caption", "kind", "columns", "rows", "notes", "lines"), path)
        self.string(t, "number", path)
        self.string(t, "caption", path)
        if "kind" in t and t["kind"] not in TABLE_KINDS:
            self.add(path + ("kind",), f"expected one of {', '.join(TABLE_KINDS)}, got {show(t['kind'])}")
        values = None
        columns = t.get("columns")
        if "columns" not in t:
            self.add(path + ("columns",), "missing")
        elif not isinstance(columns, list):
            self.add(path + ("columns",), f"expected a list of columns, got {type_name(columns)}")
        elif not columns:
            self.add(path + ("columns",), "empty: a table has columns")
        else:
            values = self.columns(columns, path + ("columns",))
        rows = t.get("rows", [])
        if not isinstance(rows, list):
            self.add(path + ("rows",), f"expected a list of rows, got {type_name(rows)}")
        else:
            for i, row in enumerate(rows):
                self.row(row, path + ("rows", i), values)
        notes = t.get("notes", [])
        if not isinstance(notes, list):
            self.add(path + ("notes",), f"expected a list of notes, got {type_name(notes)}")
        else:
            for i, note in enumerate(notes):
                self.note(note, path + ("notes", i))
        lines = t.get("lines")
        if "lines" not in t:
            self.add(path + ("lines",), "missing: a table keeps its lines as printed")
        elif not isinstance(lines, list) or not lines:
            self.add(path + ("lines",), f"expected a non-empty list of printed lines, got {type_name(lines)}")
        else:
            self.str_list(t, "lines", path)

    def columns(self, columns: list, path: Path_) -> int | None:
        ok = True
        roles: list[str] = []
        for i, c in enumerate(columns):
            cpath = path + (i,)
            if not self.mapping(c, cpath, "a column"):
                ok = False
                continue
            self.unknown(c, ("printed", "role", "year"), cpath)
            self.string(c, "printed", cpath, required=True)
            role = c.get("role", "other")
            if role not in ROLES:
                self.add(cpath + ("role",), f"unknown role {show(role)} (expected one of {', '.join(ROLES)})")
                ok = False
            else:
                roles.append(role)
            self.year(c, "year", cpath, nullable=True)
        if not ok:
            return None
        if roles.count("name") != 1:
            self.add(path, f"expected exactly one column with role 'name', found {roles.count('name')}")
        if roles.count("number") > 1:
            self.add(path, f"expected at most one column with role 'number', found {roles.count('number')}")
        return sum(1 for r in roles if r not in LABEL_ROLES)

    def row(self, r: Any, path: Path_, values: int | None) -> None:
        if not self.mapping(r, path, "a row"):
            return
        self.unknown(r, ("number", "printed_name", "name", "unit", "markers", "group", "cells"), path)
        self.string(r, "number", path)
        self.string(r, "printed_name", path, required=True)
        self.string(r, "name", path, required=True)
        self.string(r, "unit", path)
        self.string(r, "group", path)
        self.str_list(r, "markers", path)
        cells = r.get("cells", [])
        if not isinstance(cells, list):
            self.add(path + ("cells",), f"expected a list of cells, got {type_name(cells)}")
            return
        if values is not None and len(cells) != values:
            self.add(path + ("cells",), f"{len(cells)} cells but the table has {values} value columns")
        for i, c in enumerate(cells):
            self.cell(c, path + ("cells", i))

    def cell(self, c: Any, path: Path_) -> None:
        if not self.mapping(c, path, "a cell"):
            return
        self.unknown(c, ("printed", "value", "qualifier", "estimated", "markers", "text"), path)
        self.string(c, "printed", path, required=True)
        self.string(c, "qualifier", path)
        text = self.string(c, "text", path)
        self.boolean(c, "estimated", path)
        self.str_list(c, "markers", path)
        if "value" in c:
            v = c["value"]
            if v is None:
                pass
            elif not _is_num(v):
                self.add(path + ("value",), f"expected a number, got {type_name(v)} {show(v)}")
            elif not math.isfinite(v):
                self.add(path + ("value",), f"expected a finite number, got {v}")
        if c.get("value") is None and not text and isinstance(c.get("printed"), str) and c["printed"].strip():
            self.add(path, f"cell {show(c['printed'])} has neither a value nor a text")

    def note(self, n: Any, path: Path_) -> None:
        if not self.mapping(n, path, "a note"):
            return
        self.unknown(n, ("printed", "markers"), path)
        self.string(n, "printed", path, required=True)
        markers = n.get("markers", {})
        if not isinstance(markers, dict):
            self.add(path + ("markers",), f"expected a mapping marker -> meaning, got {type_name(markers)}")
            return
        for k, v in markers.items():
            if not isinstance(k, str) or not k or not isinstance(v, str) or not v:
                self.add(path + ("markers", k if isinstance(k, str) else str(k)),
                         f"expected marker -> meaning strings, got {show(k)}: {show(v)}")


RANK = {"chapter": 1, "section": 2, "subsection": 3, "item": 4}

# which serialised fields each kind may carry, and which it must
_HEADING = {"kind", "heading", "number", "title", "text", "breaks", "children"}
ALLOWED: dict[str, set[str]] = {
    **{k: _HEADING for k in HEADING_KINDS},
    "column": {"kind", "heading", "number", "title", "end", "breaks", "children"},
    "entry": {"kind", "text", "label", "number", "breaks"},
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


def validate(data: Any) -> list[Problem]:
    """Every problem in the plain data of a plans file (empty when it is valid)."""
    checker = _Checker()
    try:
        checker.corpus(data)
    except RecursionError:
        checker.add((), "nested too deeply (or a YAML alias loop)")
    return checker.problems


# -- line numbers ---------------------------------------------------------------


def _loader():
    try:
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - depends on the PyYAML build
        from yaml import SafeLoader as Loader  # type: ignore[assignment]
    return Loader


def compose(text: str):
    """The YAML node tree of text (with marks), or None when it cannot be composed."""
    import yaml

    try:
        return yaml.compose(text, Loader=_loader())
    except yaml.YAMLError:
        return None


def line_of(root, path: Path_) -> int:
    """1-based line of the YAML node at path; for a missing field, the line of its nearest parent."""
    import yaml.nodes as yn

    if root is None:
        return 1
    node = root
    line = node.start_mark.line + 1
    for part in path:
        if isinstance(node, yn.MappingNode):
            hit = None
            for key, value in node.value:
                if isinstance(key, yn.ScalarNode) and (key.value == part or key.value == str(part)):
                    hit = (key, value)  # the last one wins, as in loading
            if hit is None:
                return line
            line = hit[0].start_mark.line + 1
            node = hit[1]
        elif isinstance(node, yn.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def duplicate_keys(root) -> list[tuple[Path_, int, str]]:
    """Mapping keys given twice (YAML loading keeps only the last): (path, line, message)."""
    import yaml.nodes as yn

    out: list[tuple[Path_, int, str]] = []
    if root is None:
        return out
    stack: list[tuple[Any, Path_]] = [(root, ())]
    visited: set[int] = set()  # aliases make the node graph a DAG, or even cyclic
    while stack:
        node, path = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yn.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                k = key.value if isinstance(key, yn.ScalarNode) else None
                if k is not None:
                    if k in seen:
                        out.append((path + (k,), key.start_mark.line + 1,
                                    f"duplicate key (also on line {seen[k]}); only the last one is kept"))
                    seen[k] = key.start_mark.line + 1
                stack.append((value, path + ((k,) if k is not None else ())))
        elif isinstance(node, yn.SequenceNode):
            for i, item in enumerate(node.value):
                stack.append((item, path + (i,)))
    out.sort(key=lambda p: p[1])
    return out


def format_problems(display: str, problems: list[Problem], root) -> list[str]:
    """Problem lines ``FILE:LINE: path: message`` in file order."""
    located = [(line_of(root, p.path), n, p) for n, p in enumerate(problems)]
    located.sort(key=lambda t: (t[0], t[1]))
    return [f"{display}:{line}: {p.dotted}: {p.message}" for line, _, p in located]


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
