"""One indicator table: 序号, 指标 (as printed), 单位, then every printed cell, with a row cursor.

Drawn as the compare grid is (`widgets.compare_table`, Textual's Line API): only the lines on
screen are drawn, and the table is laid out when it is given (no second frame once column widths
are measured, as a DataTable needs). The columns up to 指标 stay in place when it scrolls sideways.

Cells are `Text` as printed, markers included (never markup). Sorting: `sort_on(i)` sorts by a
column (numbers by their parsed value, text by its characters; blanks and non-numbers last in
either direction), `cycle_sort()` steps through the columns and back to print order; a click on a
header sorts by that column (again: the other way).

When the table is wider than the widget (80 columns), the 指标 column narrows and its names wrap
onto more lines (by `tui.core.cjkwrap`), so the figures stay on screen and every character of the
name is still shown. A cell of several printed lines shows them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Span, Text
from textual import events
from textual.message import Message

from tui.core.cjkwrap import wrap_offsets
from tui.core.collate import sort_text
from tui.core.model import Row, Table
from tui.core.safetext import safe_text
from widgets.compare_table import PAD, Column, CompareTable
from widgets.compare_table import Row as Line

_NUM = re.compile(r"-?\d+(?:\.\d+)?")
NAME_LABEL = "指标"
NAME_MIN = 12  # cells: the 指标 column never gets narrower than this (the table scrolls sideways instead)


def _number(text: str) -> float | None:
    m = _NUM.search(text)
    return float(m.group()) if m else None


# A sort key is (bucket, value): bucket 0 numbers, 1 text, 2 blank; blanks always last.
SortKey = tuple[int, float | str]  # (0, number) | (1, text) | (2, "") for a blank


@dataclass
class ColumnSpec:
    label: str  # as printed (for value columns) or ours (序号, 指标, 单位, 类别)
    numeric: bool
    cell: Callable[[Row], Text]
    key: Callable[[Row], SortKey]


def _text_key(text: str) -> SortKey:
    return (2, "") if not text.strip() else (1, sort_text(text))  # names in pinyin order


def _value_key(row: Row, i: int) -> SortKey:
    if i >= len(row.cells):
        return (2, "")
    cell = row.cells[i]
    if cell.value is not None:
        return (0, cell.value)
    return _text_key(cell.printed)


def _number_key(row: Row) -> SortKey:
    n = _number(row.number)
    return (0, n) if n is not None else _text_key(row.number)


def cjk_wrapped(text: Text, width: int) -> Text:
    """text broken into lines of at most `width` cells by `tui.core.cjkwrap` (no line starts with “）”
    or “，”, numbers with their units stay whole), so the DataTable's own folding never has to."""
    starts = wrap_offsets(text.plain, max(1, width))
    if len(starts) == 1:
        return text
    pieces = text.divide(starts[1:])
    out = Text(end="", justify=text.justify)
    for k, piece in enumerate(pieces):
        piece.rstrip()  # a space at a break hangs: drop it rather than let it fold onto a line of its own
        if k:
            out.append("\n")
        out.append_text(piece)
    return out


class IndicatorTable(CompareTable):
    """Shows one `Table`. `row_at_cursor` is the `Row` under the cursor; Enter (or a click on the
    cursor's row) posts `CompareTable.Selected`."""

    DEFAULT_CSS = """
    IndicatorTable {
        height: 1fr;
        background: $surface;
    }
    IndicatorTable > .compare-table--header {
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    """

    row_cursor = True

    class Sorted(Message):
        """The sort changed (column index or None for print order)."""

        def __init__(self, table: IndicatorTable, column: int | None, reverse: bool) -> None:
            super().__init__()
            self.table = table
            self.column = column
            self.reverse = reverse

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.table: Table | None = None
        self.specs: list[ColumnSpec] = []
        self.sort_column: int | None = None
        self.sort_reverse = False
        self._rows: list[Row] = []  # in display order
        self._cells: dict[int, list[Text]] = {}  # id(row) -> its cells as printed (made once per table)
        self.name_width: int | None = None  # cells given to the 指标 column when it wraps; None: its natural width
        self._natural: list[int] = []  # each column's natural width (its label and every cell on one line)

    # -- building -----------------------------------------------------------
    def _specs_for(self, table: Table) -> list[ColumnSpec]:
        # every cell is plan text: controls shown as stand-ins (safe_text)
        specs = [ColumnSpec("序号", True, lambda r: safe_text(r.number, justify="right"), _number_key)]
        if any(r.group for r in table.rows):
            specs.append(ColumnSpec("类别", False, lambda r: safe_text(r.group), lambda r: _text_key(r.group)))
        specs.append(ColumnSpec(NAME_LABEL, False, lambda r: safe_text(r.printed_name),
                                lambda r: _text_key(r.name or r.printed_name)))
        specs.append(ColumnSpec("单位", False, lambda r: safe_text(r.unit), lambda r: _text_key(r.unit)))
        value_cols = [c for c in table.columns if c.role not in ("number", "name")]
        width = max([len(value_cols)] + [len(r.cells) for r in table.rows])
        for i in range(width):
            label = value_cols[i].printed if i < len(value_cols) else ""

            def cell(r: Row, i: int = i) -> Text:
                if i >= len(r.cells):
                    return Text("")
                c = r.cells[i]
                return safe_text(c.printed, "italic" if c.estimated else "",
                                 justify="right" if c.value is not None else "left")

            def key(r: Row, i: int = i) -> SortKey:
                return _value_key(r, i)

            specs.append(ColumnSpec(label, True, cell, key))
        return specs

    def show_table(self, table: Table | None) -> None:
        """Show `table` (None clears), in print order."""
        self.table = table
        self.sort_column = None
        self.sort_reverse = False
        self.specs = self._specs_for(table) if table is not None else []
        rows = list(table.rows) if table is not None else []
        self._cells = {id(r): [_spanned(spec.cell(r)) for spec in self.specs] for r in rows}
        self._natural = [max([self._label(i).cell_len] + [_widest(self._cells[id(r)][i]) for r in rows])
                         for i in range(len(self.specs))]
        self._fill(rows, cursor=(0, 0))

    def _label(self, i: int) -> Text:
        label = safe_text(self.specs[i].label)
        if i == self.sort_column:
            label.append(" ↓" if self.sort_reverse else " ↑")
        return label

    @property
    def labels(self) -> list[Text]:
        """The column headers as shown (the sorted column's with its arrow)."""
        return [self._label(i) for i in range(len(self.specs))]

    @property
    def _name_column(self) -> int | None:
        return next((i for i, spec in enumerate(self.specs) if spec.label == NAME_LABEL), None)

    def _room(self) -> int:
        """Cells across the table (before its first layout: the screen's width, which it spans)."""
        return (self.size.width or self.app.size.width) - self.styles.scrollbar_size_vertical

    def fit_name_width(self) -> int | None:
        """Cells for the 指标 column so the whole table fits the widget's width (None: it fits as is)."""
        name = self._name_column
        if name is None or self.table is None:
            return None
        widths = [max(w, self._label(i).cell_len) for i, w in enumerate(self._natural)]
        total = sum(widths) + 2 * PAD * len(widths)
        room = self._room()
        if total <= room:
            return None
        return max(NAME_MIN, widths[name] - (total - room))

    def _fill(self, rows: list[Row], cursor: tuple[int, int] | None = None) -> None:
        """Lay out the columns (their labels show the sort) and rows, and draw them."""
        self._rows = rows
        self.name_width = self.fit_name_width()
        name = self._name_column
        columns = []
        for i in range(len(self.specs)):
            label = self._label(i)
            width = max(self._natural[i], label.cell_len)
            if i == name and self.name_width is not None:
                width = self.name_width
            columns.append(Column(label, width))
        lines = []
        for row in rows:
            cells = list(self._cells[id(row)])
            if name is not None and self.name_width is not None:
                cells[name] = cjk_wrapped(cells[name], self.name_width)
            lines.append(Line(cells))
        self.set_table(columns, lines, frozen=(name + 1) if name is not None else 1, cursor=cursor)

    def row_cells(self, i: int) -> list[Text]:
        """The cells of display row `i` as drawn (a wrapped name with its line breaks)."""
        return list(self.rows[i].cells)

    def on_resize(self, event: events.Resize) -> None:  # (CompareTable's runs after it: Textual calls both)
        if self.table is not None and self.fit_name_width() != self.name_width:
            self._fill(self._rows)  # the cursor stays on its row: rows keep their order

    # -- moving sideways ----------------------------------------------------------
    def action_cursor_left(self) -> None:
        """Scroll one column to the left (the row cursor has no column of its own)."""
        edges = [self._x[c] for c in range(self.frozen, len(self.columns))]
        x = max([e for e in edges if e < int(self.scroll_x)] or [0])
        self.scroll_to(x=x, animate=False, immediate=True)

    def action_cursor_right(self) -> None:
        edges = [self._x[c] for c in range(self.frozen, len(self.columns))]
        x = min([e for e in edges if e > int(self.scroll_x)] or [int(self.scroll_x)])
        self.scroll_to(x=min(x, int(self.max_scroll_x)), animate=False, immediate=True)

    # -- sorting --------------------------------------------------------------
    @property
    def rows_in_order(self) -> list[Row]:
        """The rows as displayed (after sorting)."""
        return list(self._rows)

    def sort_on(self, column: int | None, reverse: bool = False) -> None:
        """Sort by column index (None: print order). Blanks and non-numbers stay last either way."""
        if self.table is None:
            return
        rows = list(self.table.rows)
        if column is not None:
            spec = self.specs[column]
            keyed = [(spec.key(r), r) for r in rows]
            present = [t for t in keyed if t[0][0] == 0]
            texts = [t for t in keyed if t[0][0] == 1]
            blanks = [t for t in keyed if t[0][0] == 2]
            present.sort(key=lambda t: t[0][1], reverse=reverse)
            texts.sort(key=lambda t: t[0][1], reverse=reverse)
            rows = [r for _, r in present + texts + blanks]
        self.sort_column = column
        self.sort_reverse = reverse if column is not None else False
        keep = self.row_at_cursor
        at = next((i for i, r in enumerate(rows) if r is keep), 0)
        self._fill(rows, cursor=(at, self.cursor_column))
        self.post_message(self.Sorted(self, self.sort_column, self.sort_reverse))

    def cycle_sort(self) -> None:
        """Next column (ascending); after the last column, back to print order."""
        if not self.specs:
            return
        nxt = 0 if self.sort_column is None else self.sort_column + 1
        self.sort_on(nxt if nxt < len(self.specs) else None)

    def reverse_sort(self) -> None:
        if self.sort_column is not None:
            self.sort_on(self.sort_column, not self.sort_reverse)

    def on_click(self, event: events.Click) -> None:
        """A header sorts by its column (a second click the other way); a row moves the cursor there
        (a click on the cursor's row selects it)."""
        if event.y >= self.header_height or not self.columns:
            return  # CompareTable's handler moves the cursor (Textual calls both)
        event.prevent_default()
        x = event.x if event.x < self._frozen_width else int(self.scroll_x) + event.x - self._frozen_width
        columns = range(self.frozen) if event.x < self._frozen_width else range(self.frozen, len(self.columns))
        i = next((c for c in columns if self._x[c] <= x < self._x[c] + self.columns[c].width + 2 * PAD), None)
        if i is not None:
            self.sort_on(i, not self.sort_reverse if i == self.sort_column else False)

    # -- cursor -----------------------------------------------------------------
    @property
    def row_at_cursor(self) -> Row | None:
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row]


def _spanned(text: Text) -> Text:
    """`text` with its own style (italic: an estimated figure) as a span over it: the table draws
    cells from their spans."""
    if not text.style or not text.plain:
        return text
    out = text.copy()
    out.style = ""
    out.spans.insert(0, Span(0, len(out.plain), text.style))
    return out


def _widest(text: Text) -> int:
    """The cells of a cell's widest line."""
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)
