"""Cut a one-line snippet around the first match, measured in terminal cells (CJK = 2), never in
the middle of a character."""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


class _CharCells(dict[str, int]):
    """A character's width in cells (`cell_len` of it alone), looked up once per character: the
    snippet measures its window character by character, and `cell_len` per call cost most of a
    search result's snippet (a keystroke draws ~16 of them)."""

    def __missing__(self, char: str) -> int:
        if len(self) >= 65_536:  # (hostile text of every character there is: bounded all the same)
            self.clear()
        cells = self[char] = cell_len(char)
        return cells


_CELLS = _CharCells()


def snippet(text: str, spans: list[tuple[int, int]], width: int,
            lead: int | None = None) -> tuple[str, list[tuple[int, int]]]:
    """(one-line text of at most `width` cells, spans shifted into it). Line breaks become spaces;
    a cut is marked with …; about `lead` cells (default a quarter) of context precede the match.
    Characters are measured one by one, and only where the window goes (not a whole paragraph)."""
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if width <= 0:
        return "", []
    cells = _CELLS
    if len(flat) * 2 > width:  # (a character is at most two cells: shorter text always fits)
        total = 0
        for c in flat:
            total += cells[c]
            if total > width:
                break
        else:
            return flat, [(s, e) for s, e in spans if e > s]
    else:
        return flat, [(s, e) for s, e in spans if e > s]
    focus = spans[0][0] if spans else 0
    lead = width // 4 if lead is None else lead
    start, acc = focus, 0
    while start > 0 and acc + cells[flat[start - 1]] <= lead:
        start -= 1
        acc += cells[flat[start]]
    prefix = ELLIPSIS if start > 0 else ""
    room = width - cell_len(prefix)
    end, used = start, 0
    while end < len(flat) and used + cells[flat[end]] <= room:
        used += cells[flat[end]]
        end += 1
    suffix = ""
    if end < len(flat):
        suffix = ELLIPSIS
        while end > start and used + cell_len(suffix) > room:
            end -= 1
            used -= cells[flat[end]]
    else:  # the text ends inside the window: use the room left for more context before
        while start > 0 and used + cells[flat[start - 1]] <= room:
            start -= 1
            used += cells[flat[start]]
        if start == 0:
            prefix = ""
    out = prefix + flat[start:end] + suffix
    shift = len(prefix) - start
    shifted = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end and e > s]
    return out, shifted
