"""What is searched: one `Unit` per searchable piece of a corpus.

Plan titles and metadata (region, 发文字号, issuer), chapter/section/item headings, paragraphs
(front and back matter included), 专栏 titles and each 专栏 entry, indicator table captions, each
indicator name (as printed, unit included) and table notes. Page furniture is not searched.

Every unit knows its plan, its search kind, the node it belongs to (`key`, for `Jump`) and its
place in the outline (`crumbs`: plan short name, then the ancestors' labels).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tui.core.model import HEADING_KINDS, KIND_LABELS, Corpus, Node, Plan

# search kinds, in the order they rank when the match is equally good
KIND_RANK = {
    "plan": 0,
    "column": 1,
    "heading": 2,
    "table": 2,
    "indicator": 3,
    "meta": 4,
    "entry": 5,
    "para": 6,
    "front": 7,
    "back": 7,
}
SEARCH_KIND_LABELS = {
    "plan": "规划",
    "meta": "信息",
    "heading": "标题",
    "column": "专栏",
    "entry": "条目",
    "para": "段落",
    "front": "前置",
    "back": "附",
    "table": "指标表",
    "indicator": "指标",
}


@dataclass(slots=True)
class Unit:
    plan_id: str
    plan_short: str
    kind: str  # a search kind (KIND_RANK)
    node_kind: str  # the model's node kind ("" for plan-level units)
    key: str  # Node.key to jump to
    text: str  # the searched text, as printed
    crumbs: tuple[str, ...]  # plan short name, then ancestor labels
    order: int  # document order over the whole corpus

    @property
    def label(self) -> str:
        """Kind label for display (章/节/条 for headings)."""
        if self.kind == "heading" and self.node_kind in KIND_LABELS:
            return KIND_LABELS[self.node_kind]
        return SEARCH_KIND_LABELS.get(self.kind, self.kind)

    @property
    def breadcrumb(self) -> str:
        return " › ".join(self.crumbs)

    def rank_key(self) -> tuple[int, int, int]:
        """Static rank: kind, then shorter before longer, then document order. 专栏 titles keep
        document order (专栏4-1, 4-2, 4-3…: their numbers are the order a reader expects)."""
        return (KIND_RANK.get(self.kind, 9), 0 if self.kind == "column" else len(self.text), self.order)


def _plan_units(plan: Plan, counter: Iterator[int]) -> Iterator[Unit]:
    for unit in _plan_units_of(plan, counter):
        unit.plan_short = plan.shown_short  # (an added plan named as the user's, told apart)
        yield unit


def _plan_units_of(plan: Plan, counter: Iterator[int]) -> Iterator[Unit]:
    first = plan.nodes[0].key if plan.nodes else plan.id + "/1"
    crumbs = (plan.short,) if plan.short else ()
    m = plan.meta
    if m.title:
        yield Unit(plan.id, plan.short, "plan", "", first, m.title, crumbs, next(counter))
    seen = {m.title}
    for value in (m.region, m.parent_region, m.doc_number, m.issuer, m.period_name):
        if value and value not in seen:
            seen.add(value)
            yield Unit(plan.id, plan.short, "meta", "", first, value, crumbs, next(counter))
    yield from _node_units(plan, plan.nodes, crumbs, counter)


def _node_units(plan: Plan, nodes: list[Node], crumbs: tuple[str, ...], counter: Iterator[int]) -> Iterator[Unit]:
    for node in nodes:
        k = node.kind
        key = node.key
        if k in HEADING_KINDS:
            text = node.heading or node.title
            if text:
                yield Unit(plan.id, plan.short, "heading", k, key, text, crumbs, next(counter))
        elif k == "column":
            text = node.heading or node.label_text
            if text:
                yield Unit(plan.id, plan.short, "column", k, key, text, crumbs, next(counter))
        elif k == "table":
            t = node.table
            caption = node.heading or (t.caption if t else "") or node.title
            if caption:
                yield Unit(plan.id, plan.short, "table", k, key, caption, crumbs, next(counter))
            if t is not None:
                inner = crumbs + (node.label_text,)
                for row in t.rows:
                    name = row.printed_name or row.name
                    if name:
                        yield Unit(plan.id, plan.short, "indicator", k, key, name, inner, next(counter))
                for note in t.notes:
                    if note.printed:
                        yield Unit(plan.id, plan.short, "para", k, key, note.printed, inner, next(counter))
        elif k in ("para", "entry", "front", "back", "header"):
            if node.text:  # a 专栏's header row is found as one of its entries
                kind = "entry" if k == "header" else k
                yield Unit(plan.id, plan.short, kind, k, key, node.text, crumbs, next(counter))
        if node.children:
            inner = crumbs + (node.label_text,) if node.label_text else crumbs
            yield from _node_units(plan, node.children, inner, counter)


def corpus_units(corpus: Corpus) -> list[Unit]:
    """Every unit of the corpus, in document order (plans in corpus order)."""
    import itertools

    counter = itertools.count()
    out: list[Unit] = []
    for plan in corpus.plans:
        out.extend(_plan_units(plan, counter))
    return out


def plan_units(corpus: Corpus) -> list[Unit]:
    """Each plan's own unit (its title), ranked as the search index ranks them: the plans listed
    without building or loading the index (the command palette's empty prompt), and without decoding
    a stored plan's nodes (its first node's key is `<id>/1`: node paths count from 1)."""
    out: list[Unit] = []
    for plan in corpus.plans:
        if plan.meta.title:
            crumbs = (plan.short,) if plan.short else ()
            out.append(Unit(plan.id, plan.shown_short, "plan", "", plan.id + "/1", plan.meta.title, crumbs,
                            len(out)))
    out.sort(key=Unit.rank_key)
    return out


def row_values(corpus: Corpus, units: list[Unit]) -> tuple[str, list[int], list[int]]:
    """Each indicator row's values as one normalised line of text, for number queries: every
    numeric cell as printed, with the row's unit (or a % in its column's header) after it unless
    the cell prints one (3.5 in a % row → 3.5%); (lines joined, line starts, each line's unit id)."""
    from tui.core.search.pinyin import normalize

    where = {(u.key, u.text): uid for uid, u in enumerate(units) if u.kind == "indicator"}
    lines: list[tuple[int, str]] = []
    for plan in corpus.plans:
        for node in plan.tables():
            t = node.table
            if t is None:
                continue
            for row in t.rows:
                uid = where.get((node.key, row.printed_name or row.name))
                if uid is None:
                    continue
                values = []
                for k, cell in enumerate(row.cells):
                    if cell.value is None:
                        continue
                    printed = cell.printed
                    col = t.columns[k + len(t.columns) - len(row.cells)].printed if len(t.columns) >= len(row.cells) else ""
                    unit = row.unit or ("%" if "%" in col or "％" in col else "")
                    if unit and not any(c in printed for c in "%％") and unit not in printed:
                        printed += unit
                    values.append(printed)
                if values:
                    lines.append((uid, normalize(" ; ".join(values))))
    lines.sort()
    starts = [0]
    for _, text in lines:
        starts.append(starts[-1] + len(text) + 1)
    return "".join(text + "\n" for _, text in lines), starts, [uid for uid, _ in lines]
