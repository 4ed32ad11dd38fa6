"""How the compare table draws a line (`TableDrawing`, a mixin of `widgets.compare_table.CompareTable`):
the frozen columns, then the scrolling columns in sight, each cell padded to its column with its rule
before it; drawn lines are cached by what they show (row, line in it, scroll, width, the cursor on it)
until the table, its width or its styles change. Also the table's columns and rows (`Column`, `Row`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.cache import LRUCache
    from textual.scroll_view import ScrollView

    _Base = ScrollView
else:
    _Base = object

PAD = 1  # cells of padding on each side of a cell
RULE = "┃"  # drawn before a column that starts a new group (another period, the second plan)


@dataclass
class Column:
    header: Text  # lines separated by "\n"; folded to the width like any cell
    width: int
    rule: bool = False  # a rule before this column
    right: bool = False  # numbers: right-aligned


@dataclass
class Row:
    cells: list[Text] = field(default_factory=list)
    section: Text | None = None  # a section row: this label across the table, no cells, no cursor


class TableDrawing(_Base):
    """Drawing for `CompareTable` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by CompareTable
        columns: list[Column]
        rows: list[Row]
        frozen: int
        row_cursor: bool
        cursor_row: int
        cursor_column: int
        _header: list[list[Text]]
        _header_height: int
        _offsets: list[int]
        _x: list[int]
        _frozen_width: int
        _strips: LRUCache[tuple[Any, ...], Strip]
        _styles: dict[tuple[str, bool], Style]
        _styles_checked: bool
        def _check_styles(self) -> None: ...
        def row_at_line(self, line: int) -> int: ...
        def cell_lines(self, i: int) -> list[list[Text]]: ...

    # -- drawing ---------------------------------------------------------------------------------
    def _cell_segments(self, text: Text | None, col: Column, style: Style) -> list[Segment]:
        """One cell line, padded to its column (and its rule before it)."""
        out: list[Segment] = []
        if col.rule:
            out.append(Segment(RULE, style + self.get_component_rich_style("compare-table--rule")))
        used = text.cell_len if text is not None else 0
        gap = " " * max(0, col.width - used)
        right = col.right or (text is not None and text.justify == "right")  # a cell may say so itself
        out.append(Segment(" " * PAD + (gap if right else ""), style))
        if text is not None and used:
            for seg in text.render(self.app.console, end=""):
                if seg.text:
                    out.append(Segment(seg.text, style + seg.style if seg.style else style))
        out.append(Segment(("" if right else gap) + " " * PAD, style))
        return out

    def _visible_columns(self, scroll_x: int, room: int) -> range:
        """The scrolling columns that overlap [scroll_x, scroll_x + room)."""
        n = len(self.columns)
        first = self.frozen
        while first < n and self._x[first] + self.columns[first].width + 2 * PAD <= scroll_x:
            first += 1
        last = first
        while last < n and self._x[last] - (1 if self.columns[last].rule else 0) < scroll_x + room:
            last += 1
        return range(first, last)

    def _line_segments(self, cells: Callable[[int], Text | None], style_of: Callable[[int], Style],
                       columns: Sequence[int]) -> list[Segment]:
        segments: list[Segment] = []
        for c in columns:
            segments += self._cell_segments(cells(c), self.columns[c], style_of(c))
        return segments

    def _style(self, name: str) -> Style:
        """The base style (""), or it with a component class's; cached until the styles change."""
        key = (name, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            base = self.rich_style
            style = self._styles[key] = base + self.get_component_rich_style(name) if name else base
        return style

    def render_line(self, y: int) -> Strip:
        if not self._styles_checked:
            self._check_styles()
        width = self.scrollable_content_region.width
        if not self.columns:
            return Strip.blank(width, self._style(""))
        scroll_x, scroll_y = int(self.scroll_x), int(self.scroll_y)
        if y < self._header_height:
            key: tuple[Any, ...] = ("h", y, scroll_x, width)
        else:
            line = scroll_y + y - self._header_height
            if not self.rows or line >= self._offsets[-1]:
                return Strip.blank(width, self._style(""))
            i = self.row_at_line(line)
            on_row = i == self.cursor_row
            # (on the cursor's row: which cell, and focused or not; `0 == False`, so never one for the other)
            key = ("r", i, line - self._offsets[i], scroll_x, width, on_row,
                   self.cursor_column if on_row and not self.row_cursor else -1, on_row and self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw_line(y, scroll_x, scroll_y, width)
        return strip

    def _draw_line(self, y: int, scroll_x: int, scroll_y: int, width: int) -> Strip:
        room = max(0, width - self._frozen_width)
        visible = self._visible_columns(scroll_x, room)
        frozen = range(self.frozen)
        if y < self._header_height:
            style = self._style("compare-table--header")

            def header(c: int) -> Text | None:
                lines = self._header[c]
                return lines[y] if y < len(lines) else None

            left = self._line_segments(header, lambda c: style, frozen)
            right = self._line_segments(header, lambda c: style, visible)
            return self._join(left, right, visible, scroll_x, room, width, style)
        line = scroll_y + y - self._header_height
        i = self.row_at_line(line)
        row = self.rows[i]
        if row.section is not None:
            style = self._style("compare-table--section")
            label = Text(" ") + row.section
            segs = [Segment(s.text, style + s.style if s.style else style)
                    for s in label.render(self.app.console, end="") if s.text]
            return Strip(segs).crop_extend(0, width, style)
        k = line - self._offsets[i]
        style = self._style("compare-table--odd") if i % 2 else self._style("")
        on_row = i == self.cursor_row
        if on_row:
            style += self._style("compare-table--cursor-row")
        cursor_style = style + self._style("compare-table--cursor")
        lines = self.cell_lines(i)

        def cell(c: int) -> Text | None:
            return lines[c][k] if c < len(lines) and k < len(lines[c]) else None

        def style_of(c: int) -> Style:
            return cursor_style if on_row and (self.row_cursor or c == self.cursor_column) else style

        left = self._line_segments(cell, style_of, frozen)
        right = self._line_segments(cell, style_of, visible)
        return self._join(left, right, visible, scroll_x, room, width, style)

    def _join(self, left: list[Segment], right: list[Segment], visible: range, scroll_x: int, room: int,
              width: int, style: Style) -> Strip:
        """The frozen columns, then the scrolling ones cut to what is in sight (`right` starts at the
        first visible column, its rule included)."""
        shown = Strip([])
        if right and visible:
            first = self.columns[visible.start]
            start = self._x[visible.start] - (1 if first.rule else 0)
            shown = Strip(right).crop(scroll_x - start, scroll_x - start + room)
        strip = Strip(left + list(shown))
        return strip.crop_extend(0, width, style)
