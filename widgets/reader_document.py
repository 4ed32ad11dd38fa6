"""The reader's document: what a plan (or a node) looks like, as pieces wrapped and styled on demand.

`Document(target)` turns a plan, an outline node or a front/back-matter group into a flat list of
pieces in reading order — a wrapped paragraph, a one-line rule, a 专栏 box top, an indicator table —
and the blocks (which pieces show which node). Building it wraps nothing: a piece is wrapped only
when the reader needs its line count (`Piece.count`) or its lines (`Piece.render`), for one width.

`Layout(document, width)` holds the document's line numbering at one width: each piece's line
count, estimated from its length until it is wrapped (`settle`, or `refine` in idle time), and the
first line of every piece. So landing on a plan wraps only the pieces on screen, whatever its size.

Query matches are numbered in reading order over the whole document (`Document.match_ids`): the
count does not depend on the width, so the reader's “3/41” is known before anything is wrapped.

A paragraph longer than `GIANT` characters (never in a real plan: the longest is ~600) is cut into
pieces of about `CHUNK` characters at a line or sentence end, each wrapped on its own, so a
17-million-character paragraph costs what one screen of it costs.

Plan text only ever becomes `rich.text.Text` (never markup), through `safe()`: terminal control
characters become visible stand-ins (`tui.core.safetext.visible`, one character for one, so match
and page-break offsets stay valid) and tabs become spaces.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import count as _serials

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from tui.core.cjkwrap import wrap_offsets
from tui.core.model import HEADING_KINDS, Node, Plan
from tui.core.outline import MatterGroup
from tui.core.safetext import visible
from widgets.cjk_text import wrap_text
from widgets.column_detail import column_heading, entry_prefix, header_line

GUTTER = 2  # focus marker column + space
GIANT = 20_000  # a paragraph longer than this is cut into pieces …
CHUNK = 4_000  # … of about this many characters
SENTENCE_ENDS = "。！？；"  # then a space (Latin text), then anywhere

Target = Node | Plan | MatterGroup | None


def safe(text: str) -> str:
    """Plan text as the reader shows it: control characters visible, tabs as spaces (same length)."""
    return visible(text).replace("\t", " ")


def query_terms(query: str) -> list[str]:
    return [t for t in query.split() if t]


def find_matches(text: str, terms: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the query matches in text, as the search engine sees it (Chinese, full pinyin,
    initials, mixed scripts): sorted, merged (start, end) spans. Cached: a piece is asked again
    for every width and highlight state it is drawn in."""
    if not terms or not text:
        return []
    return list(_engine_spans(text, " ".join(terms)))


@lru_cache(maxsize=8192)
def _engine_spans(text: str, query: str) -> tuple[tuple[int, int], ...]:
    from tui.core.search.index import (
        match_spans,  # only once there is something to highlight
    )

    return tuple(match_spans(text, query))


def split_breaks(node: Node) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """A node's page furniture as (offset, printed) pairs into its heading and into its text
    (`Node.breaks` offsets run over heading + text)."""
    head, body = [], []
    n = len(node.heading)
    for brk in sorted(node.breaks, key=lambda b: b.at):
        if node.heading and (brk.at < n or (brk.at == n and not node.text)):
            head.append((max(0, brk.at), brk.text))
        elif node.heading and brk.at == n:
            head.append((n, brk.text))  # between heading and text: end of the heading line
        else:
            body.append((min(max(0, brk.at - n), len(node.text)), brk.text))
    return head, body


def with_breaks(text: Text, breaks: list[tuple[int, str]], style: Style) -> tuple[Text, set[int]]:
    """text with each page break's printed furniture put back at its offset as a dim inline marker
    (“ ─ 14 ─ ”), and the offsets a line may not break before (inside a marker)."""
    if not breaks:
        return text, set()
    out = Text(end="")
    out.style = text.style
    nobreak: set[int] = set()
    at = 0
    for offset, printed in breaks:
        cut = min(max(offset, at), len(text.plain))
        out.append_text(text[at:cut])
        marker = " ".join(safe(printed).split())
        out.append(" ")
        first = len(out.plain)
        out.append(marker, style)
        nobreak.update(range(first + 1, first + len(marker)))
        out.append(" ")
        at = cut
    out.append_text(text[at:])
    return out, nobreak


def estimate_lines(text: str, width: int, first: int) -> int:
    """About how many lines text wraps to (cells counted from UTF-8 length: CJK 2, ASCII 1)."""
    total = 0
    room = max(1, width)
    for k, run in enumerate(text.split("\n")):
        cells = len(run) + (len(run.encode("utf-8", "surrogatepass")) - len(run)) // 2
        if k == 0:
            cells += max(0, room - first)
        total += max(1, -(-cells // room))
    return total


class Geometry:
    """One width's measures: the reader's content width, the text column, a 专栏 box's inside."""

    def __init__(self, width: int, console: Console) -> None:
        self.width = width
        self.text_width = max(8, width - GUTTER)
        self.inner = max(6, self.text_width - 4)
        self.console = console


class Context:
    """What a piece is styled with: the reader's component styles and the highlighted query terms."""

    def __init__(self, styles: dict[str, Style], terms: tuple[str, ...]) -> None:
        self.styles = styles
        self.terms = terms


# -- pieces ----------------------------------------------------------------------------------------
class Piece:
    """One unit of the document: a fixed number of lines at a given width."""

    owners: tuple[Node, ...] = ()  # the nodes it shows, outermost first (the focus marker)

    def count(self, geo: Geometry) -> int:
        return 1

    def estimate(self, geo: Geometry) -> int:
        return self.count(geo)

    def known(self, geo: Geometry) -> int | None:
        """The exact line count when it costs nothing to know (cached, or a short piece)."""
        return self.count(geo)

    def matches(self, terms: tuple[str, ...]) -> int:
        return 0

    def match_line(self, geo: Geometry, terms: tuple[str, ...], k: int) -> int:
        """The line (into this piece) of its k-th match."""
        return 0

    def render(self, geo: Geometry, ctx: Context, first_id: int, current: int) -> list[Text]:
        raise NotImplementedError


class Para(Piece):
    """Wrapped text: a first-line prefix, a hanging indent, page furniture in place, optionally
    inside a 专栏 box's sides. `src[lo:hi]` is the text (a slice, so a giant paragraph is not copied)."""

    __slots__ = (
        "_counts",
        "_display",
        "breaks",
        "framed",
        "hi",
        "indent",
        "inner",
        "label",
        "lo",
        "owners",
        "prefix",
        "prefix_style",
        "src",
        "style",
    )

    def __init__(self, src: str, style: str = "", *, prefix: str = "", prefix_style: str = "",
                 indent: int | None = None, inner: bool = False, framed: bool = False,
                 breaks: list[tuple[int, str]] | None = None, label: int = 0,
                 lo: int = 0, hi: int | None = None) -> None:
        self.src = src
        self.lo = lo
        self.hi = len(src) if hi is None else hi
        self.style = style
        self.prefix = prefix
        self.prefix_style = prefix_style
        self.indent = indent
        self.inner = inner
        self.framed = framed
        self.breaks = breaks or []
        self.label = label  # the first `label` characters are the entry's label (bold)
        self._display: tuple[str, set[int]] | None = None
        self._counts: dict[int, int] = {}

    def text(self) -> str:
        if self.lo == 0 and self.hi == len(self.src):
            return safe(self.src)
        return safe(self.src[self.lo:self.hi])

    def display(self) -> tuple[str, set[int]]:
        """The plain text as shown (page markers put in) and the offsets no line may start at."""
        if self._display is not None:
            return self._display
        plain = self.text()
        nobreak: set[int] = set()
        if self.breaks:
            shown, nobreak = with_breaks(Text(plain), self.breaks, Style())
            plain = shown.plain
        if self.hi - self.lo <= GIANT:  # a chunk of a giant paragraph is not kept twice
            self._display = (plain, nobreak)
        return plain, nobreak

    def _measures(self, geo: Geometry) -> tuple[int, int, int]:
        width = geo.inner if self.inner else geo.text_width
        pcells = cell_len(self.prefix)
        indent = pcells if self.indent is None else self.indent
        return width, pcells, indent

    def starts(self, geo: Geometry) -> list[int]:
        plain, nobreak = self.display()
        width, pcells, indent = self._measures(geo)
        return wrap_offsets(plain, max(2, width - indent), width - pcells, nobreak)

    def count(self, geo: Geometry) -> int:
        n = self._counts.get(geo.width)
        if n is None:
            n = self._counts[geo.width] = len(self.starts(geo))
        return n

    def known(self, geo: Geometry) -> int | None:
        n = self._counts.get(geo.width)
        if n is None and self.hi - self.lo < 40:  # a heading: as cheap to wrap as to guess
            n = self.count(geo)
        return n

    def estimate(self, geo: Geometry) -> int:
        n = self._counts.get(geo.width)
        if n is not None:
            return n
        width, pcells, indent = self._measures(geo)
        return estimate_lines(self.src[self.lo:self.hi], max(2, width - indent), width - pcells)

    def matches(self, terms: tuple[str, ...]) -> int:
        return len(find_matches(self.display()[0], terms)) if terms else 0

    def match_line(self, geo: Geometry, terms: tuple[str, ...], k: int) -> int:
        spans = find_matches(self.display()[0], terms)
        if not 0 <= k < len(spans):
            return 0
        return max(0, bisect_right(self.starts(geo), spans[k][0]) - 1)

    def render(self, geo: Geometry, ctx: Context, first_id: int, current: int) -> list[Text]:
        styles = ctx.styles
        text = Text(self.text(), style=styles[self.style] if self.style else "")
        if self.label:
            text.stylize(styles["entry-label"], 0, self.label)
        nobreak: set[int] = set()
        if self.breaks:
            text, nobreak = with_breaks(text, self.breaks, styles["page"])
        for k, (start, end) in enumerate(find_matches(text.plain, ctx.terms)):
            text.stylize(styles["match-current"] if first_id + k == current else styles["match"], start, end)
        prefix = Text(self.prefix, style=styles[self.prefix_style] if self.prefix_style else "")
        width, _, indent = self._measures(geo)
        lines, _ = wrap_text(text, width, prefix, indent, nobreak)
        if self.framed:
            border = styles["column"]
            left, right = Text("│ ", style=border), Text(" │", style=border)
            lines = [Text.assemble(left, line, " " * max(0, width - line.cell_len), right, end="") for line in lines]
        return lines


class Rule(Piece):
    """One line of the reader's own: blank, a chapter's underline, a 专栏 box's top or bottom."""

    __slots__ = ("kind", "owners", "title")

    def __init__(self, kind: str, title: str = "") -> None:
        self.kind = kind
        self.title = title

    def render(self, geo: Geometry, ctx: Context, first_id: int, current: int) -> list[Text]:
        tw = geo.text_width
        if self.kind == "chapter":
            return [Text("─" * min(tw, max(4, cell_len(self.title))), style=ctx.styles["chapter"])]
        if self.kind == "top":
            return [Text("╭" + "─" * max(0, tw - 2) + "╮", style=ctx.styles["column"])]
        if self.kind == "bottom":
            return [Text("╰" + "─" * max(0, tw - 2) + "╯", style=ctx.styles["column"])]
        return [Text("")]


class ColumnTitle(Piece):
    """A 专栏's heading as printed, in its box's top border (wrapped inside the box when too long)."""

    __slots__ = ("heading", "owners", "para")

    def __init__(self, heading: str) -> None:
        self.heading = heading
        self.para = Para(heading, "column-title", inner=True, framed=True)

    def _fits(self, geo: Geometry) -> bool:
        return cell_len(f" {self.heading} ") <= geo.text_width - 4

    def count(self, geo: Geometry) -> int:
        return 1 if self._fits(geo) else 1 + self.para.count(geo)

    def matches(self, terms: tuple[str, ...]) -> int:
        return len(find_matches(self.heading, terms)) if terms else 0

    def match_line(self, geo: Geometry, terms: tuple[str, ...], k: int) -> int:
        return 0 if self._fits(geo) else 1 + self.para.match_line(geo, terms, k)

    def render(self, geo: Geometry, ctx: Context, first_id: int, current: int) -> list[Text]:
        styles = ctx.styles
        border = styles["column"]
        tw = geo.text_width
        if not self._fits(geo):
            top = Text("╭" + "─" * max(0, tw - 2) + "╮", style=border)
            return [top] + self.para.render(geo, ctx, first_id, current)
        title = Text(f" {self.heading} ", style=styles["column-title"])
        for k, (start, end) in enumerate(find_matches(self.heading, ctx.terms)):
            title.stylize(styles["match-current"] if first_id + k == current else styles["match"], start + 1, end + 1)
        top = Text("╭─", style=border)
        top.append_text(title)
        top.append("─" * max(0, tw - 3 - title.cell_len) + "╮", style=border)
        return [top]


def _table_values(node: Node) -> Iterator[tuple[list[str], str]]:
    """Each row of a node's table as (cell values under the headers, group started by the row)."""
    table = node.table
    assert table is not None
    n = len(table.columns)
    has_number = bool(table.columns) and table.columns[0].role == "number"
    for row in table.rows:
        values = ([row.number] if has_number else []) + [row.printed_name] + [c.printed for c in row.cells]
        shown = (values + [""] * n)[:n]
        if len(values) > n:  # more cells than headers: keep them in the last column
            shown[-1] = " ".join(values[n - 1:])
        yield [safe(v) for v in shown], row.group


class TableGrid(Piece):
    """An indicator table drawn as a table (Rich's, folded to the text width); cell matches styled."""

    __slots__ = ("_counts", "node", "owners")

    def __init__(self, node: Node) -> None:
        self.node = node
        self._counts: dict[int, int] = {}

    def _lines(self, geo: Geometry, styles: dict[str, Style], terms: tuple[str, ...]) -> list[Text]:
        from rich import box
        from rich.table import Table as RichTable

        table = self.node.table
        assert table is not None
        grid = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
                         header_style=styles.get("table-header", ""), border_style=styles.get("table", ""))
        headers = [safe(c.printed) for c in table.columns]
        has_number = bool(table.columns) and table.columns[0].role == "number"
        for h in headers:
            grid.add_column(Text(h), overflow="fold")
        group = ""
        for values, row_group in _table_values(self.node):
            if row_group and row_group != group:
                group = row_group
                cells = [Text("")] * len(headers)
                cells[1 if has_number and len(headers) > 1 else 0] = Text(safe(group), style=styles.get("table-header", ""))
                grid.add_row(*cells)
            texts = []
            for v in values:
                t = Text(v)
                for s, e in find_matches(v, terms):
                    t.stylize(styles["match"], s, e)
                texts.append(t)
            grid.add_row(*texts)
        options = geo.console.options.update_width(geo.text_width)
        out = []
        for segments in geo.console.render_lines(grid, options, pad=False):
            line = Text()
            for seg in segments:
                line.append(seg.text, seg.style)
            out.append(line)
        return out

    def count(self, geo: Geometry) -> int:
        n = self._counts.get(geo.width)
        if n is None:
            n = self._counts[geo.width] = len(self._lines(geo, {}, ()))
        return n

    def known(self, geo: Geometry) -> int | None:
        return self._counts.get(geo.width)

    def estimate(self, geo: Geometry) -> int:
        n = self._counts.get(geo.width)
        table = self.node.table
        return n if n is not None else 2 + (len(table.rows) if table else 0)

    def render(self, geo: Geometry, ctx: Context, first_id: int, current: int) -> list[Text]:
        return self._lines(geo, ctx.styles, ctx.terms)


class CellMatches(Piece):
    """No lines: the matches in a table's cells, counted after its notes, shown at its first line."""

    __slots__ = ("at", "node", "owners")

    def __init__(self, node: Node, at: int) -> None:
        self.node = node
        self.at = at  # the piece whose first line the matches are at

    def count(self, geo: Geometry) -> int:
        return 0

    def matches(self, terms: tuple[str, ...]) -> int:
        table = self.node.table
        if not terms or table is None:
            return 0
        return sum(len(find_matches(safe(v), terms))
                   for row in table.rows for v in [row.printed_name] + [c.printed for c in row.cells])

    def render(self, geo: Geometry, ctx: Context, first_id: int, current: int) -> list[Text]:
        return []


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
