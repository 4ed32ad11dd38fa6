"""The plans model: plain dataclasses, no UI imports.

A plan is a tree of `Node`s. The printed text of a plan is partitioned across its nodes
(front matter, headings, paragraphs, 专栏 lines, table lines, back matter) so that walking
the tree in order and joining every node's printed pieces gives back the source text (less
whitespace). That is what the lossless test checks.

Node kinds
- ``front``   front matter block (covering notice, 发文字号, 此件公开发布 …): ``text``
- ``back``    back matter block (抄送 …): ``text``
- ``chapter`` 一、…        ``heading`` as printed, ``number`` ("一"), ``title``
- ``section`` （一）…       same
- ``subsection`` (一) when it appears under a （一） section, same
- ``item``    1． 1. 1、 …  same
- ``para``    a paragraph: ``text`` as printed (PDF lines joined)
- ``column``  a 专栏: ``heading`` as printed, ``number`` as printed ("1", "10", "4-1"), ``title``;
              children are ``entry`` nodes; ``end`` says how its end was decided
- ``entry``   one 专栏 entry: ``text`` as printed, ``label`` ("生物医药" of "生物医药：…", or "")
- ``header``  the header row of a 专栏 printed as a grid (综合体名称 / 建设依托单位 / 建设目标):
              ``text`` as printed, one cell a line; not an entry (not numbered, not counted)
- ``table``   an indicator table: ``table`` holds the parsed `Table`; ``heading`` is the caption as printed
- ``page``    page furniture of PDF text that stands between nodes (a page number): ``text``

Page furniture that falls inside a node's printed text is kept in ``breaks`` as
(offset into the node's heading/text, printed text) pairs.

(No postponed annotations here: msgspec reads the fields' types to decode the store, and evaluating
~80 annotation strings was ~1 ms of every start; the few names not yet defined are quoted.)
"""

import reprlib
from collections.abc import Iterator
from dataclasses import Field, dataclass, field, fields
from typing import Any, ClassVar

HEADING_KINDS = ("chapter", "section", "subsection", "item")
KINDS = ("front", "back", "chapter", "section", "subsection", "item", "para", "column", "entry", "header", "table",
         "page")

KIND_LABELS = {
    "front": "前置",
    "back": "附",
    "chapter": "章",
    "section": "节",
    "subsection": "目",
    "item": "条",
    "para": "段",
    "column": "专栏",
    "entry": "条目",
    "header": "表头",
    "table": "指标表",
    "page": "页码",
}


class _Record:
    """`__repr__` as `@dataclass` writes it, read off the class's dataclass fields.

    The model's classes are ``@dataclass(init=False, repr=False, eq=False)`` with an ``__init__`` and
    an ``__eq__`` of their own (as fast as the generated ones): ``@dataclass`` writes those methods as
    source text and compiles it as the module is imported, ~3 ms of every start of the browser for
    these ten classes (the store decodes plans without calling ``__init__``). The fields,
    `dataclasses.fields`/`replace`/`asdict` and msgspec's decoding are those of any dataclass;
    tests/test_model_records.py holds each ``__init__`` and ``__eq__`` to the class's fields. (A class
    that defines ``__eq__`` is unhashable, as a mutable dataclass compared by value is.)"""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{self.__class__.__qualname__}({shown})"


@dataclass(init=False, repr=False, eq=False)
class Break(_Record):
    """Page furniture (page number, running header) found inside a node's printed text."""

    at: int  # offset into the node's heading+text where it stood
    text: str  # as printed

    def __init__(self, at: int, text: str) -> None:
        self.at = at
        self.text = text

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Break):
            return NotImplemented
        return (self.at, self.text) == (other.at, other.text)


@dataclass(init=False, repr=False, eq=False)
class Cell(_Record):
    printed: str  # exactly as printed, markers included
    value: float | None = None  # parsed number, if any
    qualifier: str = ""  # 以上, 左右, 力争, 超, 预计 …
    estimated: bool = False  # marked as 预计数 (by marker or words)
    markers: list[str] = field(default_factory=list)  # * ▲ # as printed on the cell
    text: str = ""  # a non-numeric cell's text (增速高于…, -, —)

    def __init__(self, printed: str, value: float | None = None, qualifier: str = "", estimated: bool = False,
                 markers: list[str] | None = None, text: str = "") -> None:
        self.printed = printed
        self.value = value
        self.qualifier = qualifier
        self.estimated = estimated
        self.markers = [] if markers is None else markers
        self.text = text

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Cell):
            return NotImplemented
        return (self.printed, self.value, self.qualifier, self.estimated, self.markers, self.text) == (
                other.printed, other.value, other.qualifier, other.estimated, other.markers, other.text)


@dataclass(init=False, repr=False, eq=False)
class TableColumn(_Record):
    printed: str  # header label as printed (multi-line headers joined)
    role: str = "other"  # number|name|baseline|target|vision|growth|planned|actual|met|other
    year: int | None = None

    def __init__(self, printed: str, role: str = "other", year: int | None = None) -> None:
        self.printed = printed
        self.role = role
        self.year = year

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, TableColumn):
            return NotImplemented
        return (self.printed, self.role, self.year) == (other.printed, other.role, other.year)


@dataclass(init=False, repr=False, eq=False)
class Row(_Record):
    number: str  # 序号 as printed ("" when none)
    printed_name: str  # indicator name as printed, unit and markers included
    name: str  # without unit and markers
    unit: str = ""
    markers: list[str] = field(default_factory=list)  # on the name: * ▲ #
    cells: list[Cell] = field(default_factory=list)  # one per value column (after number and name)
    group: str = ""  # a category row above it (e.g. 创新投入), if the table has them

    def __init__(self, number: str, printed_name: str, name: str, unit: str = "", markers: list[str] | None = None,
                 cells: list[Cell] | None = None, group: str = "") -> None:
        self.number = number
        self.printed_name = printed_name
        self.name = name
        self.unit = unit
        self.markers = [] if markers is None else markers
        self.cells = [] if cells is None else cells
        self.group = group

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Row):
            return NotImplemented
        return (self.number, self.printed_name, self.name, self.unit, self.markers, self.cells, self.group) == (
                other.number, other.printed_name, other.name, other.unit, other.markers, other.cells, other.group)


@dataclass(init=False, repr=False, eq=False)
class Note(_Record):
    printed: str
    markers: dict[str, str] = field(default_factory=dict)  # marker -> meaning ("▲" -> "预计数")

    def __init__(self, printed: str, markers: dict[str, str] | None = None) -> None:
        self.printed = printed
        self.markers = {} if markers is None else markers

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Note):
            return NotImplemented
        return (self.printed, self.markers) == (other.printed, other.markers)


@dataclass(init=False, repr=False, eq=False)
class Table(_Record):
    number: str = ""  # as printed: "表1", "2-1", or ""
    caption: str = ""  # clean caption
    kind: str = "targets"  # targets (a plan's goals) | results (how the previous plan's goals went)
    columns: list[TableColumn] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the table's source lines, as printed, in order

    def __init__(self, number: str = "", caption: str = "", kind: str = "targets",
                 columns: list[TableColumn] | None = None, rows: list[Row] | None = None,
                 notes: list[Note] | None = None, lines: list[str] | None = None) -> None:
        self.number = number
        self.caption = caption
        self.kind = kind
        self.columns = [] if columns is None else columns
        self.rows = [] if rows is None else rows
        self.notes = [] if notes is None else notes
        self.lines = [] if lines is None else lines

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Table):
            return NotImplemented
        return (self.number, self.caption, self.kind, self.columns, self.rows, self.notes, self.lines) == (
                other.number, other.caption, other.kind, other.columns, other.rows, other.notes, other.lines)


@dataclass(init=False, repr=False, eq=False)
class Node(_Record):
    kind: str
    heading: str = ""  # heading / caption line as printed (headings, column, table)
    number: str = ""
    title: str = ""
    text: str = ""  # body text as printed (para, entry, front, back, page)
    label: str = ""  # entry label
    end: str = ""  # column: how its end was decided ("heuristic: …" or "hint: …")
    children: "list[Node]" = field(default_factory=list)
    breaks: list[Break] = field(default_factory=list)
    table: Table | None = None
    # set by Plan.index(), never serialised
    parent: "Node | None" = field(default=None, repr=False, compare=False)
    plan: "Plan | None" = field(default=None, repr=False, compare=False)
    path: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __init__(self, kind: str, heading: str = "", number: str = "", title: str = "", text: str = "",
                 label: str = "", end: str = "", children: "list[Node] | None" = None,
                 breaks: list[Break] | None = None, table: Table | None = None, parent: "Node | None" = None,
                 plan: "Plan | None" = None, path: tuple[int, ...] = ()) -> None:
        self.kind = kind
        self.heading = heading
        self.number = number
        self.title = title
        self.text = text
        self.label = label
        self.end = end
        self.children = [] if children is None else children
        self.breaks = [] if breaks is None else breaks
        self.table = table
        self.parent = parent
        self.plan = plan
        self.path = path

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Node):
            return NotImplemented
        return (self.kind, self.heading, self.number, self.title, self.text, self.label, self.end, self.children,
                self.breaks, self.table) == (
                other.kind, other.heading, other.number, other.title, other.text, other.label, other.end,
                other.children, other.breaks, other.table)

    # -- convenience -------------------------------------------------------
    @property
    def label_text(self) -> str:
        """A one-line label for trees and lists."""
        if self.kind == "column":
            return f"专栏{self.number} {self.title}".strip()
        if self.kind == "table":
            return self.title or self.heading or "指标表"
        if self.kind in HEADING_KINDS:
            return self.heading.strip() or self.title
        return (self.text or self.heading).strip()

    def walk(self) -> "Iterator[Node]":
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> "list[Node]":
        out: list[Node] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        out.reverse()
        return out

    def breadcrumb(self) -> list[str]:
        """Plan short name, then each ancestor heading (e.g. 绍兴市 › 四、主要任务 › （一）…)."""
        parts = [self.plan.short if self.plan else ""]
        for node in self.ancestors():
            parts.append(node.label_text)
        if self.kind in HEADING_KINDS or self.kind in ("column", "table"):
            parts.append(self.label_text)
        return [p for p in parts if p]

    @property
    def key(self) -> str:
        """Stable-ish address: plan id and the index path (``keqiao-2021/3.4.1``)."""
        pid = self.plan.id if self.plan else "?"
        return pid + "/" + ".".join(str(i) for i in self.path)

    def full_text(self) -> str:
        """All printed text under this node (headings, paragraphs, entries, table lines)."""
        out: list[str] = []
        for node in self.walk():
            if node.kind == "page":
                continue
            if node.heading:
                out.append(node.heading)
            if node.text:
                out.append(node.text)
            if node.table is not None:
                out.extend(node.table.lines[1:] if node.heading else node.table.lines)
        return "\n".join(out)


@dataclass(init=False, repr=False, eq=False)
class Meta(_Record):
    id: str
    title: str
    short: str  # 柯桥区, 绍兴市 …
    region: str
    parent_region: str = ""  # 绍兴市 for 柯桥区
    province: str = "浙江省"
    level: str = "city"  # city | district
    period_start: int = 0
    period_end: int = 0
    period_name: str = ""  # 十四五 / 十三五
    vision_year: int | None = None
    issuer: str = ""
    doc_number: str = ""  # 发文字号
    issue_date: str = ""  # ISO date
    publish_date: str = ""  # ISO date where printed
    source: str = ""  # data/sources/… file name
    url: str = ""

    def __init__(self, id: str, title: str, short: str, region: str, parent_region: str = "",
                 province: str = "浙江省", level: str = "city", period_start: int = 0, period_end: int = 0,
                 period_name: str = "", vision_year: int | None = None, issuer: str = "", doc_number: str = "",
                 issue_date: str = "", publish_date: str = "", source: str = "", url: str = "") -> None:
        self.id = id
        self.title = title
        self.short = short
        self.region = region
        self.parent_region = parent_region
        self.province = province
        self.level = level
        self.period_start = period_start
        self.period_end = period_end
        self.period_name = period_name
        self.vision_year = vision_year
        self.issuer = issuer
        self.doc_number = doc_number
        self.issue_date = issue_date
        self.publish_date = publish_date
        self.source = source
        self.url = url

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Meta):
            return NotImplemented
        return (self.id, self.title, self.short, self.region, self.parent_region, self.province, self.level,
                self.period_start, self.period_end, self.period_name, self.vision_year, self.issuer, self.doc_number,
                self.issue_date, self.publish_date, self.source, self.url) == (
                other.id, other.title, other.short, other.region, other.parent_region, other.province, other.level,
                other.period_start, other.period_end, other.period_name, other.vision_year, other.issuer,
                other.doc_number, other.issue_date, other.publish_date, other.source, other.url)


@dataclass(init=False, repr=False, eq=False)
class Plan(_Record):
    meta: Meta
    nodes: list[Node] = field(default_factory=list)  # front matter, body, back matter, in print order
    origin: str = field(default="", compare=False)  # "" shipped, "user" added by `plans add` (never serialised)
    tell = ""  # an added plan's mark among added plans of the same name and period (`userplans.tell_apart`)

    def __init__(self, meta: Meta, nodes: list[Node] | None = None, origin: str = "") -> None:
        self.meta = meta
        self.nodes = [] if nodes is None else nodes
        self.origin = origin

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Plan):
            return NotImplemented
        return (self.meta, self.nodes) == (other.meta, other.nodes)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def short(self) -> str:
        return self.meta.short

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def is_user(self) -> bool:
        """Added by the user (`plans add`), not shipped."""
        return self.origin == "user"

    @property
    def shown_short(self) -> str:
        """The short name as lists show it: an added plan is marked, so a user's own copy of a shipped
        plan (two 柯桥区) can be told apart."""
        if self.origin != "user":
            return self.meta.short
        return f"{self.meta.short}（自添 {self.tell}）" if self.tell else f"{self.meta.short}（自添）"

    def index(self) -> "Plan":
        """Set parent, plan and path on every node. Call after building or loading."""

        def visit(nodes: list[Node], parent: Node | None, prefix: tuple[int, ...]) -> None:
            for i, node in enumerate(nodes, 1):
                node.parent = parent
                node.plan = self
                node.path = prefix + (i,)
                visit(node.children, node, node.path)

        visit(self.nodes, None, ())
        return self

    def walk(self) -> Iterator[Node]:
        for node in self.nodes:
            yield from node.walk()

    def has_nodes(self) -> bool:
        """Whether the plan has any node (a stored plan answers without decoding its nodes)."""
        return bool(self.nodes)

    def column_outline(self) -> list[tuple[tuple[int, ...], str, str, int]]:
        """(path, number, title, entry count) of each 专栏, in order (a stored plan answers without
        decoding its nodes)."""
        return [(n.path, n.number, n.title or n.heading, sum(1 for c in n.children if c.kind == "entry"))
                for n in self.columns()]

    def body(self) -> list[Node]:
        return [n for n in self.nodes if n.kind not in ("front", "back")]

    def columns(self) -> list[Node]:
        return [n for n in self.walk() if n.kind == "column"]

    def tables(self) -> list[Node]:
        return [n for n in self.walk() if n.kind == "table"]

    def find(self, path: tuple[int, ...]) -> Node | None:
        nodes = self.nodes
        node = None
        for i in path:
            if not 1 <= i <= len(nodes):
                return None
            node = nodes[i - 1]
            nodes = node.children
        return node

    def counts(self) -> dict[str, int]:
        counts = {k: 0 for k in ("chapter", "section", "column", "table", "row")}
        for node in self.walk():
            if node.kind in counts:
                counts[node.kind] += 1
            if node.kind == "subsection":
                counts["section"] += 1
            if node.table is not None:
                counts["row"] += len(node.table.rows)
        return counts


@dataclass(init=False, repr=False, eq=False)
class Corpus(_Record):
    plans: list[Plan] = field(default_factory=list)
    source: str = ""  # the file it was loaded from
    version: int = 1
    merged: list[str] = field(default_factory=list)  # plans files merged in after it (the user's, `plans add`)
    # (not a field) why the user's plans file was left out, one Chinese line with the repair (`userplans.merge`)
    user_problem = ""

    def __init__(self, plans: list[Plan] | None = None, source: str = "", version: int = 1,
                 merged: list[str] | None = None) -> None:
        self.plans = [] if plans is None else plans
        self.source = source
        self.version = version
        self.merged = [] if merged is None else merged

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Corpus):
            return NotImplemented
        return (self.plans, self.source, self.version, self.merged) == (
                other.plans, other.source, other.version, other.merged)

    def node(self, key: str) -> Node | None:
        """The node with this `Node.key` (``plan-id/1.2.3``), or None."""
        pid, _, dotted = key.partition("/")
        plan = next((p for p in self.plans if p.id == pid), None)
        if plan is None or not dotted:
            return None
        try:
            path = tuple(int(i) for i in dotted.split("."))
        except ValueError:
            return None
        return plan.find(path)

    def plan(self, id_or_name: str) -> Plan | None:
        for plan in self.plans:
            if id_or_name in (plan.id, plan.short, plan.meta.region):
                return plan
        for plan in self.plans:
            if id_or_name and (id_or_name in plan.short or id_or_name in plan.title):
                return plan
        return None


# -- (de)serialisation -------------------------------------------------------
# Plain dicts in field order; empty values are left out so the YAML stays readable.


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in ("", None, [], {}, False)}


def cell_to_dict(c: Cell) -> dict[str, Any]:
    return _clean({"printed": c.printed, "value": c.value, "qualifier": c.qualifier,
                   "estimated": c.estimated, "markers": list(c.markers), "text": c.text})


def table_to_dict(t: Table) -> dict[str, Any]:
    return _clean({
        "number": t.number,
        "caption": t.caption,
        "kind": t.kind,
        "columns": [_clean({"printed": c.printed, "role": c.role, "year": c.year}) for c in t.columns],
        "rows": [
            _clean({
                "number": r.number, "printed_name": r.printed_name, "name": r.name, "unit": r.unit,
                "markers": list(r.markers), "group": r.group,
                "cells": [cell_to_dict(c) for c in r.cells],
            })
            for r in t.rows
        ],
        "notes": [_clean({"printed": n.printed, "markers": dict(n.markers)}) for n in t.notes],
        "lines": list(t.lines),
    })


def node_to_dict(n: Node) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": n.kind}
    d.update(_clean({"number": n.number, "title": n.title, "heading": n.heading, "label": n.label,
                     "text": n.text, "end": n.end}))
    if n.breaks:
        d["breaks"] = [[b.at, b.text] for b in n.breaks]
    if n.table is not None:
        d["table"] = table_to_dict(n.table)
    if n.children:
        d["children"] = [node_to_dict(c) for c in n.children]
    return d


def meta_to_dict(m: Meta) -> dict[str, Any]:
    return _clean(dict(m.__dict__))


def plan_to_dict(p: Plan) -> dict[str, Any]:
    return {"meta": meta_to_dict(p.meta), "nodes": [node_to_dict(n) for n in p.nodes]}


def corpus_to_dict(c: Corpus) -> dict[str, Any]:
    return {"version": c.version, "plans": [plan_to_dict(p) for p in c.plans]}


def cell_from_dict(d: dict[str, Any]) -> Cell:
    v = d.get("value")
    return Cell(printed=str(d.get("printed", "")), value=float(v) if v is not None else None,
                qualifier=d.get("qualifier", ""), estimated=bool(d.get("estimated", False)),
                markers=list(d.get("markers", [])), text=d.get("text", ""))


def table_from_dict(d: dict[str, Any]) -> Table:
    return Table(
        number=str(d.get("number", "")),
        caption=d.get("caption", ""),
        kind=d.get("kind", "targets"),
        columns=[TableColumn(printed=c.get("printed", ""), role=c.get("role", "other"), year=c.get("year"))
                 for c in d.get("columns", [])],
        rows=[Row(number=str(r.get("number", "")), printed_name=r.get("printed_name", ""), name=r.get("name", ""),
                  unit=r.get("unit", ""), markers=list(r.get("markers", [])), group=r.get("group", ""),
                  cells=[cell_from_dict(c) for c in r.get("cells", [])])
              for r in d.get("rows", [])],
        notes=[Note(printed=n.get("printed", ""), markers=dict(n.get("markers", {}))) for n in d.get("notes", [])],
        lines=list(d.get("lines", [])),
    )


def node_from_dict(d: dict[str, Any]) -> Node:
    return Node(
        kind=d["kind"],
        heading=d.get("heading", ""),
        number=str(d.get("number", "")),
        title=d.get("title", ""),
        text=d.get("text", ""),
        label=d.get("label", ""),
        end=d.get("end", ""),
        breaks=[Break(at=int(b[0]), text=str(b[1])) for b in d.get("breaks", [])],
        table=table_from_dict(d["table"]) if "table" in d else None,
        children=[node_from_dict(c) for c in d.get("children", [])],
    )


def meta_from_dict(d: dict[str, Any]) -> Meta:
    known = Meta.__dataclass_fields__
    return Meta(**{k: v for k, v in d.items() if k in known})


def plan_from_dict(d: dict[str, Any]) -> Plan:
    return Plan(meta=meta_from_dict(d["meta"]), nodes=[node_from_dict(n) for n in d.get("nodes", [])]).index()


def corpus_from_dict(d: dict[str, Any], source: str = "") -> Corpus:
    return Corpus(plans=[plan_from_dict(p) for p in d.get("plans", [])], source=source,
                  version=int(d.get("version", 1)))
