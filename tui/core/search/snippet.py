"""Cut a one-line snippet around the first match, measured in terminal cells (CJK = 2), never in
the middle of a character."""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


def snippet(text: str, spans: list[tuple[int, int]], width: int,
            lead: int | None = None) -> tuple[str, list[tuple[int, int]]]:
    """(one-line text of at most `width` cells, spans shifted into it). Line breaks become spaces;
    a cut is marked with …; about `lead` cells (default a quarter) of context precede the match.
    Characters are measured one by one, and only where the window goes (not a whole paragraph)."""
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if width <= 0:
        return "", []
    total = 0
    for c in flat:
        total += cell_len(c)
        if total > width:
            break
    else:
        return flat, [(s, e) for s, e in spans if e > s]
    focus = spans[0][0] if spans else 0
    lead = width // 4 if lead is None else lead
    start, acc = focus, 0
    while start > 0 and acc + cell_len(flat[start - 1]) <= lead:
        start -= 1
        acc += cell_len(flat[start])
    prefix = ELLIPSIS if start > 0 else ""
    room = width - cell_len(prefix)
    end, used = start, 0
    while end < len(flat) and used + cell_len(flat[end]) <= room:
        used += cell_len(flat[end])
        end += 1
    suffix = ""
    if end < len(flat):
        suffix = ELLIPSIS
        while end > start and used + cell_len(suffix) > room:
            end -= 1
            used -= cell_len(flat[end])
    else:  # the text ends inside the window: use the room left for more context before
        while start > 0 and used + cell_len(flat[start - 1]) <= room:
            start -= 1
            used += cell_len(flat[start])
        if start == 0:
            prefix = ""
    out = prefix + flat[start:end] + suffix
    shift = len(prefix) - start
    shifted = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end and e > s]
    return out, shifted
