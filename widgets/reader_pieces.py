"""The reader's pieces: one paragraph, rule, 专栏 box top or indicator table each, wrapped and
styled on demand for one width (`reader_document` puts them in reading order).

A piece is wrapped only when the reader needs its line count (`Piece.count`) or its lines
(`Piece.render`); until then `Piece.estimate` guesses its height from its length. Query matches are
found in the text as shown (`find_matches`), so a piece knows how many it holds before it is wrapped.

Plan text only ever becomes `rich.text.Text` (never markup), through `safe()`: terminal control
characters become visible stand-ins (`tui.core.safetext.visible`, one character for one, so match
and page-break offsets stay valid) and tabs become spaces.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from tui.core.cjkwrap import wrap_offsets
from tui.core.model import Node
from tui.core.safetext import visible
from widgets.cjk_text import wrap_text

GUTTER = 2  # focus marker column + space
GIANT = 20_000  # a paragraph longer than this is cut into pieces by reader_document (and not cached whole)


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


SPANS_KEPT = 8192  # texts' spans kept (a whole plan's texts are ~300–3,000)
_SPANS: OrderedDict[tuple[str, str], tuple[tuple[int, int], ...]] = OrderedDict()


def _engine_spans(text: str, query: str) -> tuple[tuple[int, int], ...]:
    key = (text, query)
    spans = _SPANS.get(key)
    if spans is None:
        from tui.core.search.terms import match_spans  # only once there is something to highlight

        spans = _keep(key, tuple(match_spans(text, query)))
    else:
        _SPANS.move_to_end(key)
    return spans


def _keep(key: tuple[str, str], spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    _SPANS[key] = spans
    if len(_SPANS) > SPANS_KEPT:
        _SPANS.popitem(last=False)
    return spans


def prime_matches(texts: list[str], terms: list[str] | tuple[str, ...]) -> None:
    """Find the query's matches in many texts at once (`match_spans_many`: one vocabulary and one
    matcher per term for all of them, rather than one per text, the same spans), so that
    `find_matches` then answers each from its cache."""
    if not terms:
        return
    query = " ".join(terms)
    todo = list(dict.fromkeys(t for t in texts if t and (t, query) not in _SPANS))
    if not todo:
        return
    from tui.core.search.terms import match_spans_many

    for text, spans in zip(todo, match_spans_many(todo, query).spans):
        _keep((text, query), tuple(spans))


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
        return sum(len(find_matches(text, terms)) for text in self.match_texts()) if terms else 0

    def match_texts(self) -> list[str]:
        """The texts its matches are found in (`matches` counts them)."""
        return []

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

    def match_texts(self) -> list[str]:
        return [self.display()[0]]

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

    def match_texts(self) -> list[str]:
        return [self.heading]

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
    """An indicator table drawn as a table (Rich's, folded to the text width); cell matches styled.

    Drawing one is the dearest thing a piece does (5–15 ms for a large table), and the reader asks
    for a piece's line count just before its lines: so the lines drawn for the count are kept (the
    last drawing, per piece), drawn in the styles tables were last shown with (`styles_hint`), and
    the render that follows finds them made."""

    __slots__ = ("_counts", "_made", "node", "owners")

    styles_hint: ClassVar[dict[str, Style]] = {}  # the styles the last table was shown with

    def __init__(self, node: Node) -> None:
        self.node = node
        self._counts: dict[int, int] = {}
        self._made: tuple[int, dict[str, Style], tuple[str, ...], list[Text]] | None = None

    def _made_lines(self, geo: Geometry, styles: dict[str, Style], terms: tuple[str, ...]) -> list[Text]:
        made = self._made
        if made is not None and made[0] == geo.width and made[1] is styles and made[2] == terms:
            return made[3]
        lines = self._lines(geo, styles, terms)
        self._made = (geo.width, styles, terms, lines)
        self._counts[geo.width] = len(lines)  # (styles and highlights never change the line count)
        return lines

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
            n = len(self._made_lines(geo, TableGrid.styles_hint, ()))
        return n

    def known(self, geo: Geometry) -> int | None:
        return self._counts.get(geo.width)

    def estimate(self, geo: Geometry) -> int:
        n = self._counts.get(geo.width)
        table = self.node.table
        return n if n is not None else 2 + (len(table.rows) if table else 0)

    def render(self, geo: Geometry, ctx: Context, first_id: int, current: int) -> list[Text]:
        TableGrid.styles_hint = ctx.styles
        return self._made_lines(geo, ctx.styles, ctx.terms)


class CellMatches(Piece):
    """No lines: the matches in a table's cells, counted after its notes, shown at its first line."""

    __slots__ = ("at", "node", "owners")

    def __init__(self, node: Node, at: int) -> None:
        self.node = node
        self.at = at  # the piece whose first line the matches are at

    def count(self, geo: Geometry) -> int:
        return 0

    def match_texts(self) -> list[str]:
        table = self.node.table
        if table is None:
            return []
        return [safe(v) for row in table.rows for v in [row.printed_name] + [c.printed for c in row.cells]]

    def render(self, geo: Geometry, ctx: Context, first_id: int, current: int) -> list[Text]:
        return []
