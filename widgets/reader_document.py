"""The reader's document: what a plan (or a node) looks like, as pieces wrapped and styled on demand.

`Document(target)` turns a plan, an outline node or a front/back-matter group into a flat list of
pieces in reading order — a wrapped paragraph, a one-line rule, a 专栏 box top, an indicator table —
and the blocks (which pieces show which node). Building it wraps nothing: a piece is wrapped only
when the reader needs its line count (`Piece.count`) or its lines (`Piece.render`), for one width.

`Layout(document, width)` holds the document's line numbering at one width: each piece's line
count, estimated from its length until it is wrapped (`settle`, or `refine` in idle time), and the
first line of every piece. So landing on a plan wraps only the pieces on screen, whatever its size.

Query matches are numbered in reading order over the whole document (`Document.match_ids`): the
count does not depend on the width, so the reader's “3/41” is known before anything is wrapped. All
the pieces' texts are matched in one go (`prime_matches`: one vocabulary and one pinyin expansion
for the document, not one per piece), a few ms for a section, the same spans as piece by piece.

A paragraph longer than `GIANT` characters (never in a real plan: the longest is ~600) is cut into
pieces of about `CHUNK` characters at a line or sentence end, each wrapped on its own, so a
17-million-character paragraph costs what one screen of it costs.

The pieces themselves (and how plan text is made safe to show) are `widgets.reader_pieces`.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import count as _serials

from tui.core.model import HEADING_KINDS, Node, Plan
from tui.core.outline import MatterGroup
from widgets.column_detail import column_heading, entry_prefix, header_line
from widgets.reader_pieces import (
    GIANT,
    CellMatches,
    ColumnTitle,
    Geometry,
    Para,
    Piece,
    Rule,
    TableGrid,
    prime_matches,
    safe,
    split_breaks,
)

CHUNK = 4_000  # a paragraph longer than GIANT is cut into pieces of about this many characters
SENTENCE_ENDS = "。！？；"  # then a space (Latin text), then anywhere

Target = Node | Plan | MatterGroup | None


# -- the document ----------------------------------------------------------------------------------
class Block:
    """The lines one node is shown on (`start` to one past `end`), at the layout's width."""

    def __init__(self, node: Node | None, start: int, end: int) -> None:
        self.node = node
        self.start = start
        self.end = end


_SERIAL = _serials()


class Document:
    """A target as pieces in reading order, and which pieces show which node."""

    def __init__(self, target: Target) -> None:
        self.serial = next(_SERIAL)  # names it in caches (an `id()` is re-used once it is freed)
        self.target = target
        self.pieces: list[Piece] = []
        self.blocks: list[tuple[Node | None, int, int]] = []  # (node, first piece, one past the last)
        self._owners: tuple[Node, ...] = ()
        self._match_ids: dict[tuple[str, ...], list[int]] = {}
        self._build(target)
        self.blocks.sort(key=lambda b: b[1])
        self.chars = sum(p.hi - p.lo for p in self.pieces if isinstance(p, Para))  # how much there is to wrap
        self.block_of = {id(node): (first, end) for node, first, end in self.blocks if node is not None}

    def match_ids(self, terms: tuple[str, ...]) -> list[int]:
        """The number of the first match in each piece (and the total at the end), for a query."""
        ids = self._match_ids.get(terms)
        if ids is None:
            if terms:  # every piece's texts matched at once (one vocabulary for all: see prime_matches)
                prime_matches([t for piece in self.pieces for t in piece.match_texts()], terms)
            ids = [0]
            for piece in self.pieces:
                ids.append(ids[-1] + (piece.matches(terms) if terms else 0))
            self._match_ids = {terms: ids}  # one query at a time
        return ids

    # -- building ----------------------------------------------------------------------------------
    def _add(self, piece: Piece) -> None:
        piece.owners = self._owners
        self.pieces.append(piece)

    def _blank(self) -> None:
        self._add(Rule("blank"))

    def _paragraph(self, text: str, style: str = "", **kw: object) -> None:
        """A paragraph; a giant one as several pieces cut at line or sentence ends."""
        if len(text) <= GIANT:
            self._add(Para(text, style, **kw))  # type: ignore[arg-type]
            return
        breaks: list[tuple[int, str]] = list(kw.pop("breaks", None) or [])  # type: ignore[call-overload]
        prefix = kw.pop("prefix", "")
        lo = 0
        while True:
            hi, nxt = _chunk_end(text, lo)
            last = nxt >= len(text)
            mine = [(max(0, at - lo), printed) for at, printed in breaks if at <= hi or last]
            breaks = breaks[len(mine):]
            self._add(Para(text, style, lo=lo, hi=hi, breaks=mine, prefix=prefix if lo == 0 else "", **kw))  # type: ignore[arg-type]
            if last:
                break
            lo = nxt

    def _build(self, target: Target) -> None:
        if target is None:
            self._paragraph("从左侧选择一个规划或章节。", "empty")
            return
        if isinstance(target, Plan):
            self._plan_header(target)
            for node in target.nodes:
                self._node(node)
        elif isinstance(target, MatterGroup):  # a run of front/back matter: every line of it
            for node in target.nodes:
                self._node(node)
        else:
            self._node(target)

    def _plan_header(self, plan: Plan) -> None:
        start = len(self.pieces)
        self._paragraph(safe(plan.title), "title")
        m = plan.meta
        bits = [m.issuer, m.doc_number, m.issue_date, f"{m.period_name} {m.period_start}–{m.period_end}" if m.period_start else ""]
        meta = "  ·  ".join(b for b in bits if b)
        if meta:
            self._paragraph(safe(meta), "meta")
        self._blank()
        self.blocks.append((None, start, len(self.pieces)))

    def _node(self, node: Node) -> None:
        outer = self._owners
        self._owners = outer + (node,)
        start = len(self.pieces)
        kind = node.kind
        head_breaks, text_breaks = split_breaks(node) if node.breaks else ([], [])
        if kind in HEADING_KINDS:
            style = {"chapter": "chapter", "section": "section"}.get(kind, "item")
            if kind == "chapter" and self.pieces:
                self._blank()
                start = len(self.pieces)
            title = node.heading or node.title
            self._paragraph(title, style, breaks=head_breaks if node.heading else None)
            if kind == "chapter":
                self._add(Rule("chapter", safe(title)))
            if node.text:
                self._paragraph(node.text, "para", prefix="  ", indent=0, breaks=text_breaks)
            elif text_breaks and not node.heading:
                self._paragraph("", "para", breaks=text_breaks)
            self._blank()
            self.blocks.append((node, start, len(self.pieces)))
            for child in node.children:
                self._node(child)
        elif kind == "para":
            self._paragraph(node.text, "para", prefix="  ", indent=0, breaks=text_breaks)
            self._blank()
            self.blocks.append((node, start, len(self.pieces)))
        elif kind in ("front", "back"):
            for part, part_breaks in ((node.heading, head_breaks), (node.text, text_breaks)):
                if part or part_breaks:
                    self._paragraph(part, "matter", breaks=part_breaks)
            siblings = node.parent.children if node.parent else (node.plan.nodes if node.plan else [])
            later = siblings[siblings.index(node) + 1:] if node in siblings else []
            if not later or later[0].kind != kind:  # one blank line after a run of front/back matter
                self._blank()
            self.blocks.append((node, start, len(self.pieces)))
            for child in node.children:
                self._node(child)
        elif kind == "page":  # a page number between paragraphs: a dim line of its own
            self._paragraph(f"〔页码〕{' '.join(node.text.split())}", "page", breaks=text_breaks)
            self.blocks.append((node, start, len(self.pieces)))
        elif kind == "column":
            self._column(node)
            self.blocks.append((node, start, len(self.pieces)))
        elif kind == "table":
            self._table(node)
            self.blocks.append((node, start, len(self.pieces)))
        elif kind == "entry":  # an entry shown on its own (jump target)
            self._paragraph(node.text or node.label, "para", breaks=text_breaks if node.text else None)
            self._blank()
            self.blocks.append((node, start, len(self.pieces)))
        else:
            text = node.full_text()
            if text:
                self._paragraph(text)
                self._blank()
            self.blocks.append((node, start, len(self.pieces)))
        self._owners = outer

    def _column(self, node: Node) -> None:
        """A boxed panel: the heading as printed in the top border, then the entries."""
        self._add(ColumnTitle(safe(column_heading(node))))
        if node.breaks:  # page furniture inside the 专栏's heading: a dim line under it
            marks = "  ".join(" ".join(b.text.split()) for b in node.breaks)
            self._paragraph(marks, "page", inner=True, framed=True)
        entries = [c for c in node.children if c.kind == "entry"]
        width = len(str(len(entries))) + 2
        n = 0
        outer = self._owners
        for child in node.children:
            start = len(self.pieces)
            self._owners = outer + (child,)
            if child.kind == "entry":
                n += 1
                text = child.text or child.label
                label = len(child.label) if child.label and text.startswith(child.label) else 0
                self._paragraph(text, "", prefix=safe(entry_prefix(child, n, width)), prefix_style="entry-number",
                                inner=True, framed=True, label=label,
                                breaks=split_breaks(child)[1] if child.breaks and child.text else None)
            elif child.kind == "header":  # a grid's header row: its cells on one line, not numbered
                self._paragraph(header_line(child), "entry-label", inner=True, framed=True)
            else:
                self._paragraph(child.full_text(), "", inner=True, framed=True,
                                breaks=split_breaks(child)[1] if child.breaks and not child.heading else None)
            self.blocks.append((child, start, len(self.pieces)))
            self._owners = outer
        if not node.children:
            self._paragraph("（无条目）", "empty", inner=True, framed=True)
        self._add(Rule("bottom"))
        self._blank()

    def _table(self, node: Node) -> None:
        table = node.table
        caption = node.heading or (table.caption if table else "") or "指标表"
        self._paragraph(caption, "table-caption")
        if table is None:
            self._blank()
            return
        first = len(self.pieces)
        if table.columns and table.rows:
            self._add(TableGrid(node))
            for note in table.notes:
                self._paragraph(note.printed, "note")
        else:
            for printed in table.lines[1:] if node.heading else table.lines:
                self._paragraph(printed, "para")
        self._add(CellMatches(node, first))
        self._blank()


def _chunk_end(text: str, lo: int) -> tuple[int, int]:
    """Where a giant paragraph's piece starting at lo ends, and where the next starts: at a newline
    (which the cut stands for), else after a sentence end, else at a space, else at CHUNK."""
    limit = lo + CHUNK
    if limit >= len(text):
        return len(text), len(text)
    floor = lo + CHUNK // 2
    nl = text.rfind("\n", floor, limit)
    if nl >= 0:
        return nl, nl + 1
    best = max(text.rfind(ch, floor, limit) for ch in SENTENCE_ENDS)
    if best >= 0:
        return best + 1, best + 1
    space = text.rfind(" ", floor, limit)
    if space >= 0:
        return space + 1, space + 1
    return limit, limit


class Layout:
    """A document's line numbering at one width: per-piece line counts (estimated until a piece is
    wrapped) and each piece's first line."""

    def __init__(self, doc: Document, geo: Geometry) -> None:
        self.doc = doc
        self.geo = geo
        self.counts = []
        self.exact = bytearray(len(doc.pieces))
        for i, piece in enumerate(doc.pieces):
            n = piece.known(geo)
            if n is None:
                n = piece.estimate(geo)
            else:
                self.exact[i] = 1
            self.counts.append(n)
        self.starts: list[int] = []
        self._restart()
        self._cursor = 0  # refine: the next piece that may not be exact
        self._known: dict[int, int] = {}  # counts found by refine, not yet absorbed

    def _restart(self) -> None:
        line = 0
        starts = [0] * (len(self.counts) + 1)
        for i, c in enumerate(self.counts):
            starts[i] = line
            line += c
        starts[-1] = line
        self.starts = starts

    @property
    def height(self) -> int:
        return self.starts[-1]

    @property
    def complete(self) -> bool:
        return self._cursor >= len(self.counts) and not self._known

    def piece_at(self, line: int) -> int:
        """The piece that shows this line (the last one, when it is past the end)."""
        return max(0, min(len(self.counts) - 1, bisect_right(self.starts, line) - 1))

    def settle(self, i: int) -> None:
        """Make piece i's line count exact (wrapping it if need be)."""
        if not 0 <= i < len(self.counts) or self.exact[i]:
            return
        n = self._known.pop(i, None)
        if n is None:
            n = self.doc.pieces[i].count(self.geo)
        self.exact[i] = 1
        delta = n - self.counts[i]
        if delta:
            self.counts[i] = n
            starts = self.starts
            for j in range(i + 1, len(starts)):
                starts[j] += delta

    def settle_range(self, top: int, height: int) -> None:
        """Make exact every piece that shows a line in [top, top + height)."""
        i = self.piece_at(top)
        while i < len(self.counts):
            self.settle(i)
            if self.starts[i] + self.counts[i] >= top + height and self.counts[i]:
                break
            i += 1

    def refine(self, budget: float) -> bool:
        """Wrap not-yet-exact pieces for about `budget` seconds (their counts wait for `absorb`);
        True when every piece is known."""
        from time import perf_counter

        end = perf_counter() + budget
        pieces = self.doc.pieces
        while self._cursor < len(pieces):
            i = self._cursor
            self._cursor += 1
            if not self.exact[i]:
                self._known[i] = pieces[i].count(self.geo)
                if perf_counter() > end:
                    break
        return self._cursor >= len(pieces)

    def absorb(self) -> bool:
        """Apply the counts refine found; True when a line number changed."""
        changed = False
        for i, n in self._known.items():
            if not self.exact[i]:
                self.exact[i] = 1
                if self.counts[i] != n:
                    self.counts[i] = n
                    changed = True
        self._known.clear()
        if changed:
            self._restart()
        return changed

    def finish(self) -> None:
        """Every count exact, now (tests, copying the whole document)."""
        while not self.refine(1.0):
            pass
        self.absorb()

    def block(self, node: Node) -> Block | None:
        span = self.doc.block_of.get(id(node))
        if span is None:
            return None
        return Block(node, self.starts[span[0]], self.starts[span[1]])
