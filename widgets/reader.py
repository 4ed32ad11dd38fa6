"""The reader: a node's (or a whole plan's) full text, rendered for reading Chinese.

Headings are styled by level, paragraphs are wrapped with `tui.core.cjkwrap` (kinsoku, cell widths),
专栏 are boxed panels in place, tables are drawn as tables with their notes, page furniture is dimmed.
It is a line-API `ScrollView`: the document is rendered to strips once per width, so long plans scroll
cheaply. `show(target, query=…, focus=…)` sets what is shown; `n`/`N` move between query matches.

Plan text only ever becomes `rich.text.Text` (never markup).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.model import HEADING_KINDS, Node, Plan
from tui.core.outline import MatterGroup
from widgets.cjk_text import wrap_text
from widgets.column_detail import column_heading, entry_prefix


@dataclass
class Block:
    node: Node | None
    start: int  # first document line
    end: int  # one past the last line


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
        marker = " ".join(printed.split())
        out.append(" ")
        first = len(out.plain)
        out.append(marker, style)
        nobreak.update(range(first + 1, first + len(marker)))
        out.append(" ")
        at = cut
    out.append_text(text[at:])
    return out, nobreak


def query_terms(query: str) -> list[str]:
    return [t for t in query.split() if t]


def find_matches(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the query matches in text, as the search engine sees it (Chinese, full pinyin,
    initials, mixed scripts): sorted, merged (start, end) spans. Cached, since a rebuild (n/N,
    resize) asks again for every paragraph of the plan."""
    if not terms or not text:
        return []
    return list(_engine_spans(text, " ".join(terms)))


@lru_cache(maxsize=8192)
def _engine_spans(text: str, query: str) -> tuple[tuple[int, int], ...]:
    from tui.core.search.index import match_spans  # only once there is something to highlight

    return tuple(match_spans(text, query))


class Reader(ScrollView, can_focus=True):
    """Shows a plan or a node. `show()` changes it; `target`, `focus_node`, `query` say what is shown."""

    class MatchMoved(Message):
        def __init__(self, index: int, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    BINDINGS = [
        Binding("j,down", "scroll_down", "下滚", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "上滚", show=False, id="reader.up"),
        Binding("space,pagedown,ctrl+f", "page_down", "下页", show=False, id="reader.page_down"),
        Binding("pageup,ctrl+b", "page_up", "上页", show=False, id="reader.page_up"),
        Binding("g,home", "scroll_home", "顶部", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "底部", show=False, id="reader.bottom"),
    ]

    COMPONENT_CLASSES = {
        "reader--title", "reader--meta", "reader--chapter", "reader--section", "reader--item",
        "reader--para", "reader--matter", "reader--page", "reader--column", "reader--column-title",
        "reader--entry-number", "reader--entry-label", "reader--table", "reader--table-header",
        "reader--note", "reader--match", "reader--match-current", "reader--focus", "reader--empty",
    }

    DEFAULT_CSS = """
    Reader {
        background: $background;
        padding: 0 1 0 1;
        scrollbar-size-vertical: 1;
        /* keep the scrollbar's column reserved: text is wrapped once per width, and a scrollbar that
           appears after wrapping would cover the last cell of every line */
        scrollbar-gutter: stable;
    }
    Reader > .reader--title { color: $primary; text-style: bold; }
    Reader > .reader--meta { color: $text-muted; }
    Reader > .reader--chapter { color: $primary; text-style: bold; }
    Reader > .reader--section { color: $secondary; text-style: bold; }
    Reader > .reader--item { text-style: bold; }
    Reader > .reader--para { }
    Reader > .reader--matter { color: $text-muted; }
    Reader > .reader--page { color: $text-muted; text-style: dim; }
    Reader > .reader--column { color: $accent; }
    Reader > .reader--column-title { color: $accent; text-style: bold; }
    Reader > .reader--entry-number { color: $text-muted; }
    Reader > .reader--entry-label { text-style: bold; }
    Reader > .reader--table { color: $secondary; }
    Reader > .reader--table-header { text-style: bold; }
    Reader > .reader--note { color: $text-muted; }
    Reader > .reader--match { background: $warning 40%; }
    Reader > .reader--match-current { background: $warning; color: $background; text-style: bold; }
    Reader > .reader--focus { background: $accent; }
    Reader > .reader--empty { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.target: Node | MatterGroup | Plan | None = None
        self.focus_node: Node | None = None
        self.highlight_query = ""
        self.match_index = -1
        self._match_lines: list[int] = []
        self._lines: list[Strip] = []
        self._blocks: list[Block] = []
        self._width = 0
        self._styles_used: tuple = ()

    # -- public --------------------------------------------------------------------
    @property
    def match_count(self) -> int:
        return len(self._match_lines)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def plain_lines(self) -> list[str]:
        """The rendered document as plain text lines (for tests and copying what is seen)."""
        return ["".join(seg.text for seg in strip if not seg.control).rstrip() for strip in self._lines]

    def show(self, target: Node | MatterGroup | Plan | None, query: str = "", focus: Node | None = None) -> None:
        """Show a plan or node; highlight `query`; scroll to `focus` (a node inside target) or the first match."""
        self.target = target
        self.focus_node = focus
        self.highlight_query = query
        self.match_index = 0 if query_terms(query) else -1
        self._rebuild()
        self._scroll_to_start()

    def _scroll_to_start(self) -> None:
        if self.match_count:
            self._scroll_to_line(self._match_lines[0])
        elif self.focus_node is not None:
            self.scroll_to_node(self.focus_node)
        else:
            self.scroll_to(0, 0, animate=False)
        self._announce()

    def set_query(self, query: str) -> None:
        self.highlight_query = query
        self.match_index = 0 if query_terms(query) else -1
        self._rebuild()
        if self.match_count:
            self._scroll_to_line(self._match_lines[0])
        self._announce()

    def block_for(self, node: Node) -> Block | None:
        return next((b for b in self._blocks if b.node is node), None)

    def scroll_to_node(self, node: Node) -> None:
        block = self.block_for(node)
        if block is not None:
            self.scroll_to(0, max(0, block.start - 1), animate=False)

    def top_node(self) -> Node | None:
        """The node whose text is at the top of the view."""
        y = int(self.scroll_y)
        node = None
        for block in self._blocks:
            if block.start > y:
                break
            node = block.node
        return node

    def next_match(self, step: int = 1) -> bool:
        if not self._match_lines:
            return False
        self.match_index = (self.match_index + step) % len(self._match_lines)
        self._rebuild(keep_scroll=True)
        self._scroll_to_line(self._match_lines[self.match_index])
        self._announce()
        return True

    # -- rendering ---------------------------------------------------------------------
    def _announce(self) -> None:
        self.post_message(self.MatchMoved(self.match_index, self.match_count))

    def _scroll_to_line(self, line: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if not (top <= line < top + height):
            self.scroll_to(0, max(0, line - height // 3), animate=False)

    def _content_width(self) -> int:
        width = self.scrollable_content_region.width
        if width <= 0:
            width = self.size.width or 80
        return max(10, width)

    def on_resize(self) -> None:
        if self._content_width() == self._width:
            return
        if not self._width:  # the first render: after the first frame, so the screen is up at once
            self._width = -1
            self.call_after_refresh(self._first_render)
            return
        if self._width < 0:
            return
        top = self.top_node()
        self._rebuild()
        if top is not None:
            self.scroll_to_node(top)

    def _first_render(self) -> None:
        self._width = 0
        self._rebuild()
        self._scroll_to_start()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted and self._width and self._style_signature() != self._styles_used:
            self._rebuild(keep_scroll=True)

    def _style_signature(self) -> tuple:
        return (self.rich_style, *(self.get_component_rich_style(n, partial=True) for n in sorted(self.COMPONENT_CLASSES)))

    def _rebuild(self, keep_scroll: bool = False) -> None:
        if not self.is_mounted or not self.size.width or self._width < 0:
            return  # rendered after the first resize, once the width is known
        scroll = self.scroll_offset
        builder = _Builder(self, self._content_width(), query_terms(self.highlight_query), self.match_index, self.focus_node)
        builder.document(self.target)
        self._width = builder.width
        self._styles_used = self._style_signature()
        self._lines = builder.strips
        self._blocks = builder.blocks
        self._match_lines = builder.match_lines
        if self.match_index >= len(self._match_lines):
            self.match_index = 0 if self._match_lines else -1
        self.virtual_size = Size(builder.width, len(self._lines))
        if keep_scroll:
            self.scroll_to(scroll.x, scroll.y, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)


class _Builder:
    """Renders a document into strips, recording blocks and match lines."""

    GUTTER = 2  # focus marker column + space

    def __init__(self, reader: Reader, width: int, terms: list[str], current: int, focus: Node | None) -> None:
        self.reader = reader
        self.console = reader.app.console
        self.width = width
        self.text_width = max(8, width - self.GUTTER)
        self.terms = terms
        self.current = current
        self.focus = focus
        self.strips: list[Strip] = []
        self.blocks: list[Block] = []
        self.match_lines: list[int] = []
        self._focused_depth = 0
        s = reader.get_component_rich_style
        self.styles = {name.split("--")[1]: s(name, partial=True) for name in Reader.COMPONENT_CLASSES}
        self.base = reader.rich_style

    # -- helpers ----------------------------------------------------------------
    def _highlight(self, text: Text) -> list[tuple[int, int]]:
        """Style matches in text; return (offset, match id) for each."""
        found: list[tuple[int, int]] = []
        for start, end in find_matches(text.plain, self.terms):
            mid = len(self.match_lines) + len(found)
            style = self.styles["match-current"] if mid == self.current else self.styles["match"]
            text.stylize(style, start, end)
            found.append((start, mid))
        return found

    def _emit(self, line: Text) -> None:
        gutter = Text(" " * self.GUTTER)
        if self._focused_depth:
            gutter.stylize(self.styles["focus"], 0, 1)
        full = Text.assemble(gutter, line, end="")
        segments = list(full.render(self.console, end=""))
        strip = Strip(segments, full.cell_len).crop_extend(0, self.width, None)
        self.strips.append(strip)

    def blank(self) -> None:
        self._emit(Text(""))

    def paragraph(self, text: Text, prefix: Text | str = "", indent: int | None = None, width: int | None = None,
                  frame: tuple[Text, Text] | None = None, breaks: list[tuple[int, str]] | None = None) -> None:
        """Wrap and emit text; `frame` (left, right) draws box sides around each line; `breaks` (page
        furniture at offsets into text) are shown in place, dim."""
        nobreak: set[int] = set()
        if breaks:
            text, nobreak = with_breaks(text, breaks, self.styles["page"])
        prefix = prefix if isinstance(prefix, Text) else Text(prefix)
        indent = prefix.cell_len if indent is None else indent
        width = width or self.text_width
        matches = self._highlight(text)
        lines, starts = wrap_text(text, width, prefix, indent, nobreak)
        first_line = len(self.strips)
        for line in lines:
            if frame is not None:
                pad = width - line.cell_len
                line = Text.assemble(frame[0], line, " " * max(0, pad), frame[1], end="")
            self._emit(line)
        for offset, _mid in matches:
            self.match_lines.append(first_line + max(0, bisect_right(starts, offset) - 1))

    def _start(self, node: Node | None) -> int:
        return len(self.strips)

    def _end(self, node: Node | None, start: int) -> None:
        self.blocks.append(Block(node, start, len(self.strips)))

    # -- document ------------------------------------------------------------------
    def document(self, target: Node | MatterGroup | Plan | None) -> None:
        if target is None:
            self.paragraph(Text("从左侧选择一个规划或章节。", style=self.styles["empty"]))
            return
        if isinstance(target, Plan):
            self.plan_header(target)
            for node in target.nodes:
                self.node(node, 0)
        elif isinstance(target, MatterGroup):  # a run of front/back matter: every line of it
            for node in target.nodes:
                self.node(node, 0)
        else:
            self.node(target, 0)
        # blocks sorted by start for lookups
        self.blocks.sort(key=lambda b: b.start)

    def plan_header(self, plan: Plan) -> None:
        start = len(self.strips)
        self.paragraph(Text(plan.title, style=self.styles["title"]))
        m = plan.meta
        bits = [m.issuer, m.doc_number, m.issue_date, f"{m.period_name} {m.period_start}–{m.period_end}" if m.period_start else ""]
        meta = "  ·  ".join(b for b in bits if b)
        if meta:
            self.paragraph(Text(meta, style=self.styles["meta"]))
        self.blank()
        self.blocks.append(Block(None, start, len(self.strips)))

    def node(self, node: Node, depth: int) -> None:
        focused = node is self.focus
        if focused:
            self._focused_depth += 1
        start = len(self.strips)
        kind = node.kind
        head_breaks, text_breaks = split_breaks(node) if node.breaks else ([], [])
        if kind in HEADING_KINDS:
            style = {"chapter": "chapter", "section": "section"}.get(kind, "item")
            if kind == "chapter" and self.strips:
                self.blank()
                start = len(self.strips)
            self.paragraph(Text(node.heading or node.title, style=self.styles[style]),
                           breaks=head_breaks if node.heading else None)
            if kind == "chapter":
                self._emit(Text("─" * min(self.text_width, max(4, cell_len(node.heading or node.title))),
                                style=self.styles["chapter"]))
            if node.text:
                self.paragraph(Text(node.text, style=self.styles["para"]), prefix="  ", indent=0, breaks=text_breaks)
            elif text_breaks and not node.heading:
                self.paragraph(Text("", style=self.styles["para"]), breaks=text_breaks)
            self.blank()
            self._end(node, start)
            for child in node.children:
                self.node(child, depth + 1)
        elif kind == "para":
            self.paragraph(Text(node.text, style=self.styles["para"]), prefix="  ", indent=0, breaks=text_breaks)
            self.blank()
            self._end(node, start)
        elif kind in ("front", "back"):
            for part, part_breaks in ((node.heading, head_breaks), (node.text, text_breaks)):
                if part or part_breaks:
                    self.paragraph(Text(part, style=self.styles["matter"]), breaks=part_breaks)
            siblings = node.parent.children if node.parent else (node.plan.nodes if node.plan else [])
            later = siblings[siblings.index(node) + 1 :] if node in siblings else []
            if not later or later[0].kind != kind:  # one blank line after a run of front/back matter
                self.blank()
            self._end(node, start)
            for child in node.children:
                self.node(child, depth + 1)
        elif kind == "page":  # a page number between paragraphs: a dim line of its own
            self.paragraph(Text(f"〔页码〕{' '.join(node.text.split())}", style=self.styles["page"]),
                           breaks=text_breaks)
            self._end(node, start)
        elif kind == "column":
            self.column(node)
            self._end(node, start)
        elif kind == "table":
            self.table(node)
            self._end(node, start)
        elif kind == "entry":  # an entry shown on its own (jump target)
            self.paragraph(Text(node.text or node.label, style=self.styles["para"]),
                           breaks=text_breaks if node.text else None)
            self.blank()
            self._end(node, start)
        else:
            text = node.full_text()
            if text:
                self.paragraph(Text(text))
                self.blank()
            self._end(node, start)
        if focused:
            self._focused_depth -= 1

    def column(self, node: Node) -> None:
        """A boxed panel: the heading as printed in the top border (wrapped inside the box when too
        long for it), then the entries."""
        border = self.styles["column"]
        inner = max(6, self.text_width - 4)
        frame = (Text("│ ", style=border), Text(" │", style=border))
        heading = column_heading(node)
        title = Text(f" {heading} ", style=self.styles["column-title"])
        if title.cell_len <= self.text_width - 4:
            matches = self._highlight(title)
            top = Text("╭─", style=border)
            top.append_text(title)
            top.append("─" * max(0, self.text_width - 3 - title.cell_len) + "╮", style=border)
            for _, _mid in matches:
                self.match_lines.append(len(self.strips))
            self._emit(top)
        else:
            self._emit(Text("╭" + "─" * max(0, self.text_width - 2) + "╮", style=border))
            self.paragraph(Text(heading, style=self.styles["column-title"]), width=inner, frame=frame)
        if node.breaks:  # page furniture inside the 专栏's heading: a dim line under it
            marks = "  ".join(" ".join(b.text.split()) for b in node.breaks)
            self.paragraph(Text(marks, style=self.styles["page"]), width=inner, frame=frame)
        entries = [c for c in node.children if c.kind == "entry"]
        width = len(str(len(entries))) + 2
        n = 0
        for child in node.children:
            start = len(self.strips)
            focused = child is self.focus
            if focused:
                self._focused_depth += 1
            if child.kind == "entry":
                n += 1
                text = Text(child.text or child.label)
                if child.label and text.plain.startswith(child.label):
                    text.stylize(self.styles["entry-label"], 0, len(child.label))
                prefix = Text(entry_prefix(child, n, width), style=self.styles["entry-number"])
                self.paragraph(text, prefix=prefix, width=inner, frame=frame,
                               breaks=split_breaks(child)[1] if child.breaks and child.text else None)
            else:
                self.paragraph(Text(child.full_text()), width=inner, frame=frame,
                               breaks=split_breaks(child)[1] if child.breaks and not child.heading else None)
            self.blocks.append(Block(child, start, len(self.strips)))
            if focused:
                self._focused_depth -= 1
        if not node.children:
            self.paragraph(Text("（无条目）", style=self.styles["empty"]), width=inner, frame=frame)
        self._emit(Text("╰" + "─" * max(0, self.text_width - 2) + "╯", style=border))
        self.blank()

    def table(self, node: Node) -> None:
        table = node.table
        caption = node.heading or (table.caption if table else "") or "指标表"
        self.paragraph(Text(caption, style=self.styles["table"] + Style(bold=True)))
        if table is None:
            self.blank()
            return
        first = len(self.strips)
        if table.columns and table.rows:
            from rich import box
            from rich.table import Table as RichTable

            grid = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
                             header_style=self.styles["table-header"], border_style=self.styles["table"])
            headers = [c.printed for c in table.columns]
            has_number = bool(table.columns) and table.columns[0].role == "number"
            for h in headers:
                grid.add_column(Text(h), overflow="fold")
            group = ""
            for row in table.rows:
                if row.group and row.group != group:
                    group = row.group
                    cells = [Text("")] * len(headers)
                    cells[1 if has_number and len(headers) > 1 else 0] = Text(group, style=self.styles["table-header"])
                    grid.add_row(*cells)
                values = ([row.number] if has_number else []) + [row.printed_name] + [c.printed for c in row.cells]
                values = (values + [""] * len(headers))[: len(headers)]
                extra = ([row.number] if has_number else []) + [row.printed_name] + [c.printed for c in row.cells]
                if len(extra) > len(headers):  # more cells than headers: keep them in the last column
                    values[-1] = " ".join(extra[len(headers) - 1 :])
                texts = []
                for v in values:
                    t = Text(v)
                    for s, e in find_matches(v, self.terms):
                        t.stylize(self.styles["match"], s, e)
                    texts.append(t)
                grid.add_row(*texts)
            options = self.console.options.update_width(self.text_width)
            for segments in self.console.render_lines(grid, options, pad=False):
                line = Text()
                for seg in segments:
                    line.append(seg.text, seg.style)
                self._emit(line)
            for note in table.notes:
                self.paragraph(Text(note.printed, style=self.styles["note"]))
        else:
            for printed in table.lines[1:] if node.heading else table.lines:
                self.paragraph(Text(printed, style=self.styles["para"]))
        if self.terms:  # matches in table cells: count them at the table's first line
            for row in table.rows:
                for v in [row.printed_name] + [c.printed for c in row.cells]:
                    for _ in find_matches(v, self.terms):
                        self.match_lines.append(first)
        self.blank()
