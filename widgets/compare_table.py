"""The compare screen's table: a `DataTable` that reports its resizes, the fitting of column widths
to the room there is, and sorting on the figures behind the cells.

Sorting uses the numbers the model parsed (`Cell.value`, a multiple, a share), never text parsed
again from what the table shows: a printed figure in a view row is a `compare_views.Printed` string
that carries its cell's number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from textual.message import Message
from textual.widgets import DataTable

T = TypeVar("T")


class CompareTable(DataTable):
    """The comparison table; tells the screen when its size changes (to fit the columns again) and
    when the cursor is pushed past its first or last column (`Edge`: a screen that holds only the
    columns that fit shows the next ones)."""

    class Resized(Message):
        pass

    class Edge(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step  # -1: left of the first figure column, +1: right of the last

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    def action_cursor_right(self) -> None:
        if self.cursor_type == "cell" and self.columns and self.cursor_column >= len(self.columns) - 1:
            self.post_message(self.Edge(1))
        super().action_cursor_right()

    def action_cursor_left(self) -> None:
        if self.cursor_type == "cell" and self.cursor_column == 1:
            self.post_message(self.Edge(-1))
        super().action_cursor_left()


def fit_widths(natural: list[int], minimum: list[int], room: int) -> list[int]:
    """Column widths that fit `room` cells: the widest columns give way first (water-filling down to a
    common cap), none below its minimum; the natural widths when they already fit."""
    if sum(natural) <= room:
        return list(natural)

    def total(cap: int) -> int:
        return sum(max(m, min(n, cap)) for n, m in zip(natural, minimum))

    lo, hi = 0, max(natural)  # largest cap whose total fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if total(mid) <= room:
            lo = mid
        else:
            hi = mid - 1
    widths = [max(m, min(n, lo)) for n, m in zip(natural, minimum)]
    spare = room - sum(widths)  # less than one cell per column still short: widest first
    for i in sorted(range(len(widths)), key=lambda i: -natural[i]):
        if spare <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            spare -= 1
    return widths


def sort_value(v: Any) -> tuple[int, float, str]:
    """Numbers (and printed figures, by the number behind them) before text; blanks are `blank`."""
    if isinstance(v, bool):
        return (1, 0.0, str(v))
    if isinstance(v, (int, float)):
        return (0, float(v), "")
    number = getattr(v, "value", None)
    if isinstance(number, float):
        return (0, number, str(v))
    return (1, 0.0, str(v))


def blank(v: Any) -> bool:
    return v is None or v == ""


def sort_by(items: Sequence[T], value: Callable[[T], Any], reverse: bool = False) -> list[T]:
    """Items ordered by `value` (numbers by number, then text), blanks last whichever the direction;
    ties keep their order."""
    present = [x for x in items if not blank(value(x))]
    empty = [x for x in items if blank(value(x))]
    present.sort(key=lambda x: sort_value(value(x)), reverse=reverse)
    return present + empty
