"""Cut a one-line snippet around the first match, measured in terminal cells (CJK = 2), never in
the middle of a character."""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


def snippet(text: str, spans: list[tuple[int, int]], width: int,
            lead: int | None = None) -> tuple[str, list[tuple[int, int]]]:
    """(one-line text of at most `width` cells, spans shifted into it). Line breaks become spaces;
    a cut is marked with …; about `lead` cells (default a quarter) of context precede the match."""
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if width <= 0:
        return "", []
    widths = [cell_len(c) for c in flat]
    if sum(widths) <= width:
        return flat, [(s, e) for s, e in spans if e > s]
    focus = spans[0][0] if spans else 0
    lead = width // 4 if lead is None else lead
    start, acc = focus, 0
    while start > 0 and acc + widths[start - 1] <= lead:
        start -= 1
        acc += widths[start]
    prefix = ELLIPSIS if start > 0 else ""
    room = width - cell_len(prefix)
    end, used = start, 0
    while end < len(flat) and used + widths[end] <= room:
        used += widths[end]
        end += 1
    suffix = ""
    if end < len(flat):
        suffix = ELLIPSIS
        while end > start and used + cell_len(suffix) > room:
            end -= 1
            used -= widths[end]
    else:  # the text ends inside the window: use the room left for more context before
        while start > 0 and used + widths[start - 1] <= room:
            start -= 1
            used += widths[start]
        if start == 0:
            prefix = ""
    out = prefix + flat[start:end] + suffix
    shift = len(prefix) - start
    shifted = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end and e > s]
    return out, shifted
