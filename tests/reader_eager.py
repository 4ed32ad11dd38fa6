"""The reader as it was before it became lazy: the whole document wrapped and styled at once.

Kept only as the reference for `test_reader_lazy.py`, which checks that the lazy reader shows exactly
these lines for every node of every plan. (It is the old `widgets/reader.py` builder, unchanged but
for its imports.)
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.core.model import HEADING_KINDS, Node, Plan
from tui.core.outline import MatterGroup
from widgets.cjk_text import wrap_text
from widgets.column_detail import column_heading, entry_prefix, header_line
from widgets.reader import Reader
from widgets.reader_pieces import find_matches, split_breaks, with_breaks


@dataclass
class Block:
    node: Node | None
    start: int  # first document line
    end: int  # one past the last line


class EagerBuilder:
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
        strip = Strip(segments, full.cell_len).crop_extend(0, self.width, None).apply_style(self.base)
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
    def document(self, target: Node | Plan | None) -> None:
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
            elif child.kind == "header":  # a grid's header row: its cells on one line, not numbered
                self.paragraph(Text(header_line(child), style=self.styles["entry-label"]), width=inner, frame=frame)
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
