"""The compare screen's table: a Line-API grid that draws only the lines and columns on screen.

Its first `frozen` columns (the indicator names) and its header lines stay in place while the rest
scrolls, so scrolling right never scrolls the names away. A row's height is the most lines any of
its cells folds into (at most `max_lines`: a cell cut there ends in “…”, and `is_cut` says so); a
line is drawn from the visible columns only, and drawn lines are cached until the table, its width,
the cursor row or the styles change. Section rows (“仅绍兴市”) hold one label across the table and
are skipped by the cursor.

Drawing a line: `widgets.compare_draw` (with `Column` and `Row`). Sorting on the figures behind the
cells: `widgets.compare_sort`. Folding cells and fitting column widths: `widgets.compare_fit`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from widgets.compare_draw import PAD, RULE, Column, Row, TableDrawing
from widgets.compare_fit import ellipsize, fit_widths, fold
from widgets.compare_sort import sort_by
from widgets.scroll_size import OwnVirtualSize, set_virtual_size

__all__ = ["PAD", "RULE", "Column", "CompareTable", "Row", "ellipsize", "fit_widths", "fold", "sort_by"]
CURSOR = "compare-table--cursor"  # the component class of the cell (or row) under the cursor


class CompareTable(TableDrawing, OwnVirtualSize, ScrollView, can_focus=True):
    """Rows of cells under a header, a cell cursor. Posts `Highlighted` when the cursor moves, `Selected`
    on Enter (or a click on the cursor's cell), `Resized` when its width changes (to fit columns again)."""

    COMPONENT_CLASSES = {
        "compare-table--header", "compare-table--cursor", "compare-table--cursor-row",
        "compare-table--odd", "compare-table--section", "compare-table--rule",
    }

    DEFAULT_CSS = """
    CompareTable {
        height: 1fr;
        background: $surface;
    }
    CompareTable > .compare-table--header {
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    CompareTable > .compare-table--odd {
        background: $surface-lighten-1;
    }
    CompareTable > .compare-table--cursor-row {
        background: $boost;
    }
    CompareTable > .compare-table--section {
        color: $text-muted;
        text-style: bold;
    }
    CompareTable > .compare-table--rule {
        color: $primary;
    }
    CompareTable > .compare-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    CompareTable:focus > .compare-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    BINDINGS = [
        Binding("up", "cursor_up", "上", show=False),
        Binding("down", "cursor_down", "下", show=False),
        Binding("left", "cursor_left", "左", show=False),
        Binding("right", "cursor_right", "右", show=False),
        Binding("pageup", "page(-1)", "上页", show=False),
        Binding("pagedown", "page(1)", "下页", show=False),
        Binding("home", "cursor_first", "首", show=False),
        Binding("end", "cursor_last", "末", show=False),
        Binding("enter", "select", "前往", show=False),
    ]

    row_cursor = False  # True: the cursor is the whole row (its column only scrolls it into sight)
    cursor_row: reactive[int] = reactive(0, always_update=True)
    cursor_column: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, row: int, column: int) -> None:
            super().__init__()
            self.row = row
            self.column = column

    class Selected(Message):
        def __init__(self, row: int, column: int) -> None:
            super().__init__()
            self.row = row
            self.column = column

    class Resized(Message):
        pass

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.rows: list[Row] = []
        self.frozen = 1
        self.max_lines = 0  # 0: a row as tall as its tallest cell
        self._header: list[list[Text]] = []  # per column, its header lines
        self._header_height = 1
        self._offsets: list[int] = [0]  # first line of each row; the last item is the body's height
        self._x: list[int] = []  # each column's x (frozen columns from 0, the others from 0 after them)
        self._frozen_width = 0
        self._scroll_width = 0
        self._cut: set[tuple[int, int]] = set()
        self._lines: LRUCache[tuple[int, int], list[list[Text]]] = LRUCache(256)  # row -> cell lines
        self._strips: LRUCache[tuple[Any, ...], Strip] = LRUCache(1024)  # drawn lines
        self._styles: dict[tuple[str, bool], Style] = {}
        self._width_seen = 0
        self._styles_checked = False  # the styles have not changed since `_drawn_in` was taken
        self._drawn_in: tuple[Style, ...] = ()  # the styles the cached lines were drawn in

    # -- content ---------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def header_height(self) -> int:
        return self._header_height

    def set_table(self, columns: list[Column], rows: list[Row], frozen: int = 1, max_lines: int = 0,
                  cursor: tuple[int, int] | None = None) -> None:
        """Show these columns and rows; the cursor stays where it was (or moves to `cursor`), kept
        inside the table and off section rows."""
        self.columns, self.rows = columns, rows
        self.frozen = min(frozen, len(columns))
        self.max_lines = max_lines
        self._header = [fold(c.header, c.width) for c in columns]
        self._header_height = max([1] + [len(h) for h in self._header])
        self._lines.clear()
        self._strips.clear()
        self._cut = set()
        offsets = [0]
        for i, each in enumerate(rows):
            offsets.append(offsets[-1] + self._row_height(i, each))
        self._offsets = offsets
        x, xs = 0, []
        for i, col in enumerate(columns):
            if i == self.frozen:
                self._frozen_width, x = x, 0
            x += 1 if col.rule else 0
            xs.append(x)
            x += col.width + 2 * PAD
        if self.frozen >= len(columns):
            self._frozen_width, x = x, 0
        self._x, self._scroll_width = xs, x
        # in place, no layout of the screen (widgets.scroll_size): a new table is one frame
        set_virtual_size(self, Size(self._frozen_width + self._scroll_width, self._header_height + offsets[-1]))
        row, column = cursor if cursor is not None else (self.cursor_row, self.cursor_column)
        # both at once (each watcher scrolls to the cursor: never with one of them out of the new table)
        self.set_reactive(CompareTable.cursor_column, max(0, min(column, len(columns) - 1)))
        self.set_reactive(CompareTable.cursor_row, self._data_row(max(0, min(row, len(rows) - 1)), 1))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.cursor_row, self.cursor_column))

    def _row_height(self, i: int, row: Row) -> int:
        if row.section is not None:
            return 1
        height = 1
        for c, (cell, col) in enumerate(zip(row.cells, self.columns)):
            plain = cell.plain
            if "\n" not in plain and cell_len(plain) <= col.width:
                continue  # the usual case: one line, nothing to fold
            n = len(fold(cell, col.width))
            if self.max_lines and n > self.max_lines:
                self._cut.add((i, c))
                n = self.max_lines
            height = max(height, n)
        return height

    def is_cut(self, row: int, column: int) -> bool:
        """Whether that cell is shown cut (its last shown line ends in “…”)."""
        return (row, column) in self._cut

    def cell_lines(self, i: int) -> list[list[Text]]:
        """Row i's cells as the lines they are drawn in (cut cells end in “…”)."""
        key = (i, self._width_seen)
        lines = self._lines.get(key)
        if lines is None:
            lines = []
            for cell, col in zip(self.rows[i].cells, self.columns):
                folded = fold(cell, col.width)
                if self.max_lines and len(folded) > self.max_lines:
                    folded = folded[: self.max_lines]
                    folded[-1] = ellipsize(folded[-1], col.width)
                lines.append(folded)
            self._lines[key] = lines
        return lines

    # -- geometry --------------------------------------------------------------------------------
    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - self._header_height)

    def row_at_line(self, line: int) -> int:
        """The row drawn on body line `line` (0 = the first line under the header, unscrolled)."""
        return bisect_right(self._offsets, line) - 1

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width_seen:
            self._width_seen = event.size.width
            self._strips.clear()
            self.post_message(self.Resized())

    def notify_style_update(self) -> None:
        # Textual applies every style again each time a screen comes back (push, pop): the drawn lines
        # are kept unless the styles they were drawn in have changed (checked when next drawn, once
        # the component classes' styles are up to date too)
        super().notify_style_update()
        self._styles.clear()
        self._styles_checked = False

    def _check_styles(self) -> None:
        self._styles_checked = True
        # (the cursor's style alone follows focus: lines on the cursor's row are cached per focus)
        drawn_in = tuple(self._style(name) for name in ("", *sorted(self.COMPONENT_CLASSES - {CURSOR})))
        if drawn_in != self._drawn_in:
            self._drawn_in = drawn_in
            self._strips.clear()

    # -- cursor ----------------------------------------------------------------------------------
    def _data_row(self, row: int, step: int) -> int:
        """The nearest row from `row` on (in the direction of `step`) that is not a section row."""
        if not self.rows:
            return 0
        i = max(0, min(row, len(self.rows) - 1))
        while 0 <= i < len(self.rows) and self.rows[i].section is not None:
            i += step
        if not 0 <= i < len(self.rows):
            i = max(0, min(row, len(self.rows) - 1))
            while 0 <= i < len(self.rows) and self.rows[i].section is not None:
                i -= step
        return max(0, min(i, len(self.rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._moved(old)

    def watch_cursor_column(self, old: int, new: int) -> None:
        self._moved(self.cursor_row)

    def _moved(self, old_row: int) -> None:
        """Scroll the cursor into sight; redraw the rows it left and entered (all, if it scrolled)."""
        before = self.scroll_offset
        self._scroll_to_cursor()
        if self.scroll_offset != before or not self.rows:
            self.refresh()
        else:
            width = self.scrollable_content_region.width
            for row in {old_row, self.cursor_row}:
                if 0 <= row < len(self.rows):
                    top = self._header_height + self._offsets[row] - int(self.scroll_y)
                    self.refresh(Region(0, top, width, self._offsets[row + 1] - self._offsets[row]))
        self.post_message(self.Highlighted(self.cursor_row, self.cursor_column))

    def _scroll_to_cursor(self) -> None:
        if not self.rows or not 0 <= self.cursor_row < len(self.rows):
            return
        top, bottom = self._offsets[self.cursor_row], self._offsets[self.cursor_row + 1]
        if self.cursor_row > 0 and self.rows[self.cursor_row - 1].section is not None:
            top -= 1  # the section's label stays in sight above its first row
        height = self._body_height()
        y = int(self.scroll_y)
        if top < y:
            y = top
        elif bottom > y + height:
            y = max(top, bottom - height) if bottom - top <= height else top
        x = int(self.scroll_x)
        c = self.cursor_column
        if self.frozen <= c < len(self.columns):
            room = max(1, self.scrollable_content_region.width - self._frozen_width)
            left = self._x[c] - (1 if self.columns[c].rule else 0)
            right = self._x[c] + self.columns[c].width + 2 * PAD
            if left < x:
                x = left
            elif right > x + room:
                # the first column edge that brings it into sight: no column shown cut on the left
                edges = [self._x[k] - (1 if self.columns[k].rule else 0) for k in range(self.frozen, c + 1)]
                x = min([e for e in edges if e >= right - room] or [left])
        elif c < self.frozen:
            pass  # frozen columns are always in sight
        self.scroll_to(x=x, y=y, animate=False, immediate=True)

    def place_cursor(self, row: int, column: int) -> None:
        """Put the cursor there (kept inside the table and off section rows) without a `Highlighted`
        message: the whole table is drawn again from the lines it has cached."""
        self.set_reactive(CompareTable.cursor_column, max(0, min(column, len(self.columns) - 1)))
        self.set_reactive(CompareTable.cursor_row, self._data_row(max(0, min(row, len(self.rows) - 1)), 1))
        self._scroll_to_cursor()
        self.refresh()

    def move_cursor(self, row: int | None = None, column: int | None = None) -> None:
        if column is not None:
            self.cursor_column = max(0, min(column, len(self.columns) - 1))
        if row is not None:
            step = 1 if row >= self.cursor_row else -1
            self.cursor_row = self._data_row(row, step)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=min(self.cursor_row + 1, len(self.rows) - 1))

    def action_cursor_up(self) -> None:
        self.move_cursor(row=max(self.cursor_row - 1, 0))

    def action_cursor_left(self) -> None:
        self.move_cursor(column=self.cursor_column - 1)

    def action_cursor_right(self) -> None:
        self.move_cursor(column=self.cursor_column + 1)

    def action_cursor_first(self) -> None:
        self.move_cursor(row=0)

    def action_cursor_last(self) -> None:
        self.move_cursor(row=len(self.rows) - 1)

    def action_page(self, direction: int) -> None:
        if not self.rows:
            return
        line = self._offsets[self.cursor_row] + direction * self._body_height()
        line = max(0, min(line, self._offsets[-1] - 1))
        self.move_cursor(row=self.row_at_line(line))

    def action_select(self) -> None:
        if self.rows and self.rows[self.cursor_row].section is None:
            self.post_message(self.Selected(self.cursor_row, self.cursor_column))

    def on_click(self, event: events.Click) -> None:
        if event.y < self._header_height or not self.rows:
            return
        line = int(self.scroll_y) + event.y - self._header_height
        if line >= self._offsets[-1]:
            return
        row = self.row_at_line(line)
        x = event.x if event.x < self._frozen_width else int(self.scroll_x) + event.x - self._frozen_width
        columns = range(self.frozen) if event.x < self._frozen_width else range(self.frozen, len(self.columns))
        column = next((c for c in columns if self._x[c] <= x < self._x[c] + self.columns[c].width + 2 * PAD),
                      self.cursor_column)
        if (row, column) == (self.cursor_row, self.cursor_column):
            self.action_select()
        else:
            self.move_cursor(row=row, column=column)
