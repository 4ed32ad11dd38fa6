"""Fitting the compare table's cells to its columns: folding a cell into lines of a width, ending a
cut one in “…”, and choosing column widths that fit the room there is. Widths are terminal cells, so
CJK text stays aligned."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from tui.core.cjkwrap import wrap_offsets


def fold(text: Text, width: int) -> list[Text]:
    """`text` in lines of at most `width` cells: at its newlines, then where `tui.core.cjkwrap` breaks a
    line that is too long (at a space, else between characters: CJK has no spaces). Widths by cell, so
    CJK stays aligned."""
    out: list[Text] = []
    for part in text.split("\n", allow_blank=True):
        plain = part.plain
        if cell_len(plain) <= width or width <= 0:
            out.append(part)
            continue
        # (the reader's line breaking: no line starts with “）”, “，” or “%”, numbers keep their units)
        cuts = wrap_offsets(plain, width)[1:]
        out.extend(part.divide(cuts) if cuts else [part])
    return out


def ellipsize(line: Text, width: int) -> Text:
    """The last line of a cut cell: ends in “…” within `width` cells."""
    line = line.copy()
    line.rstrip()
    if line.cell_len > width - 1:
        line.truncate(max(0, width - 1))
        line.rstrip()
    line.append("…", style="dim")
    return line


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
