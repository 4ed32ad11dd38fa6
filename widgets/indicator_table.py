"""One indicator table in a DataTable: 序号, 指标 (as printed), 单位, then every printed cell.

Cells are `Text` as printed, markers included (never markup). Sorting: `sort_on(i)` sorts by a
column (numbers by their parsed value, text by its characters; blanks and non-numbers last in
either direction), `cycle_sort()` steps through the columns and back to print order.

When the table is wider than the widget (80 columns), the 指标 column narrows and its names wrap
onto more lines, so the figures stay on screen and every character of the name is still shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from tui.core.cjkwrap import wrap_offsets
from tui.core.model import Row, Table
from tui.core.safetext import safe_text

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
    return (2, "") if not text.strip() else (1, text)


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


class IndicatorTable(DataTable):
    """Shows one `Table`. `row_at_cursor` is the `Row` under the cursor."""

    DEFAULT_CSS = """
    IndicatorTable {
        height: 1fr;
        background: $surface;
    }
    IndicatorTable > .datatable--header {
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    """

    class Sorted(Message):
        """The sort changed (column index or None for print order)."""

        def __init__(self, table: IndicatorTable, column: int | None, reverse: bool) -> None:
            super().__init__()
            self.table = table
            self.column = column
            self.reverse = reverse

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id, classes=classes)
        self.table: Table | None = None
        self.specs: list[ColumnSpec] = []
        self.sort_column: int | None = None
        self.sort_reverse = False
        self._rows: list[Row] = []  # in display order
        self.name_width: int | None = None  # cells given to the 指标 column when it wraps; None: its natural width

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
        self._fill(list(table.rows) if table is not None else [])

    def _label(self, i: int) -> Text:
        label = safe_text(self.specs[i].label)
        if i == self.sort_column:
            label.append(" ↓" if self.sort_reverse else " ↑")
        return label

    def fit_name_width(self) -> int | None:
        """Cells for the 指标 column so the whole table fits the widget's width (None: it fits as is)."""
        total = self.size.width
        name = next((i for i, spec in enumerate(self.specs) if spec.label == NAME_LABEL), None)
        if total <= 0 or name is None or self.table is None:
            return None
        pad = 2 * self.cell_padding
        rows = self.table.rows
        widths = [max([self._label(i).cell_len] + [spec.cell(r).cell_len for r in rows]) + pad
                  for i, spec in enumerate(self.specs)]
        room = total - self.styles.scrollbar_size_vertical - (sum(widths) - widths[name]) - pad
        natural = widths[name] - pad
        return None if natural <= room else max(NAME_MIN, room)

    def _fill(self, rows: list[Row]) -> None:
        """Rebuild columns (their labels show the sort) and rows."""
        self.clear(columns=True)
        self.name_width = self.fit_name_width()
        for i, spec in enumerate(self.specs):
            wrap = spec.label == NAME_LABEL and self.name_width is not None
            self.add_column(self._label(i), key=str(i), width=self.name_width if wrap else None)
        self._rows = rows
        height = None if self.name_width is not None else 1  # None: rows grow to the wrapped name
        for n, row in enumerate(rows):
            cells = [spec.cell(row) for spec in self.specs]
            if self.name_width is not None:
                name = next(i for i, spec in enumerate(self.specs) if spec.label == NAME_LABEL)
                cells[name] = cjk_wrapped(cells[name], self.name_width)
            self.add_row(*cells, key=str(n), height=height)

    def on_resize(self) -> None:
        if self.table is not None and self.fit_name_width() != self.name_width:
            keep = self.row_at_cursor
            self._fill(self._rows)
            at = next((i for i, r in enumerate(self._rows) if r is keep), None)
            if at is not None:
                self.move_cursor(row=at)

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
        self._fill(rows)
        at = next((i for i, r in enumerate(rows) if r is keep), None)
        if at is not None:
            self.move_cursor(row=at)
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

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        i = event.column_index
        self.sort_on(i, not self.sort_reverse if i == self.sort_column else False)

    # -- cursor -----------------------------------------------------------------
    @property
    def row_at_cursor(self) -> Row | None:
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row]
