"""Sorting the compare table's rows on the figures behind the cells: numbers by number (never text
parsed again from what the table shows), then names in pinyin order, blanks last."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from tui.core.collate import sort_text

T = TypeVar("T")


def sort_value(v: Any) -> tuple[int, float, str]:
    """Numbers (and printed figures, by the number behind them) before text; blanks are `blank`."""
    if isinstance(v, bool):
        return (1, 0.0, str(v))
    if isinstance(v, (int, float)):
        return (0, float(v), "")
    number = getattr(v, "value", None)
    if isinstance(number, float):
        return (0, number, str(v))
    return (1, 0.0, sort_text(str(v)))  # names in pinyin order


def blank(v: Any) -> bool:
    return v is None or v == ""


def sort_by(items: Sequence[T], value: Callable[[T], Any], reverse: bool = False) -> list[T]:
    """Items ordered by `value` (numbers by number, then text), blanks last whichever the direction;
    ties keep their order."""
    present = [x for x in items if not blank(value(x))]
    empty = [x for x in items if blank(value(x))]
    present.sort(key=lambda x: sort_value(value(x)), reverse=reverse)
    return present + empty
