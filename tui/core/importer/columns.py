"""专栏 (boxed lists): where each one ends and how it splits into entries.

A 专栏 has no end marker in the text. The heuristic: its first paragraph always belongs to it and sets the
list style (—— bullets, numbered 1．2．…, labelled "生物医药：…" or "新材料产业。…", or plain); a plain first
paragraph may be an introduction followed by a list. The 专栏 runs while paragraphs keep that style (numbers
counting on by one) and ends at the first that does not, or at a chapter/section/专栏 heading. Where that is
wrong, the source's metadata gives a hint (`ColumnHint`); every 专栏 records in `end` how its end was decided.
"""

from __future__ import annotations

import re

from tui.core.importer.line_kinds import balance_quotes, column_heading, entry_parts, entry_style, is_boundary
from tui.core.importer.pieces import TableUnit, Unit
from tui.core.importer.sources import ColumnHint, Source, SourceError
from tui.core.model import Break, Node

STYLE_NAMES = {
    "dash": "—— entries",
    "num": "numbered entries",
    "colon": "labelled entries (…：)",
    "stop": "labelled entries (…。)",
    "plain": "a paragraph",
}


def _excerpt(text: str, n: int = 14) -> str:
    return text[:n] + ("…" if len(text) > n else "")


def _is_stop(piece: Unit | TableUnit, back_starts: list[str]) -> str:
    """Why a 专栏 cannot run into this piece ("" when it can)."""
    if isinstance(piece, TableUnit):
        return "an indicator table"
    if is_boundary(piece.text):
        return f"the heading “{_excerpt(piece.text)}”"
    if any(piece.text.startswith(b) for b in back_starts):
        return "the back matter"
    return ""


def _heuristic(pieces: list, i: int, end: int, back_starts: list[str]) -> tuple[int, str]:
    """(index after the 专栏's last piece, how the end was decided)."""
    style0: str | None = None
    last_num: int | None = None
    first_num: int | None = None
    taken = 0
    k = i
    while k < end:
        piece = pieces[k]
        why = _is_stop(piece, back_starts)
        if why:
            return k, f"heuristic: ends at {why}"
        if piece.is_page:
            k += 1
            continue
        style, num = entry_style(piece.text)
        if style0 is None:
            style0, last_num, first_num = style, num, num
        elif style0 == "plain" and taken == 1 and (style in ("dash", "colon") or (style == "num" and num == 1)):
            style0, last_num, first_num = style, num, num  # an introduction, then the list
        elif style == style0 and style0 != "plain" and (style != "num" or num == (last_num or 0) + 1):
            last_num = num
        else:
            if style0 == "num":
                what = f"numbered entries {first_num}–{last_num} end"
            elif style0 == "plain":
                what = "one-paragraph 专栏"
            else:
                what = STYLE_NAMES[style0] + " end"
            nxt = f"numbered {num}" if style == "num" else STYLE_NAMES[style].replace("entries", "entry")
            return k, f"heuristic: {what}; next is {nxt} “{_excerpt(piece.text)}”"
        taken += 1
        k += 1
    return k, "heuristic: ends at the end of the text"


def _hinted(pieces: list, i: int, end: int, hint: ColumnHint, back_starts: list[str],
            where: str) -> tuple[int, str]:
    target = hint.end_before or hint.end_after
    k = i
    while k < end:
        piece = pieces[k]
        if isinstance(piece, Unit) and piece.text.startswith(target):
            if hint.end_before:
                return k, f"hint: ends before “{_excerpt(target, 20)}”"
            return k + 1, f"hint: ends after “{_excerpt(target, 20)}”"
        if _is_stop(piece, back_starts):
            break
        k += 1
    raise SourceError(f"{where}: no paragraph starting “{target}” before the next heading")


def _grid(pieces: list, i: int, end: int, back_starts: list[str], cells: int) -> tuple[int, str]:
    k = i
    while k < end and not _is_stop(pieces[k], back_starts):
        k += 1
    return k, f"hint: a grid of {cells} cells a row, one cell a line; ends at the next heading"


def _join(units: list[Unit], sep: str = "\n") -> tuple[str, list[Break]]:
    text = ""
    breaks: list[Break] = []
    for n, u in enumerate(units):
        if n:
            text += sep
        breaks.extend(Break(len(text) + b.at, b.text) for b in u.breaks)
        text += u.text
    return text, breaks


def _split(unit: Unit, pattern: str) -> list[Unit]:
    """Split one paragraph into several at each match of `pattern` (the matched separator is dropped:
    it must be whitespace, which the lossless check ignores); page breaks go with the piece they follow."""
    text = unit.text
    cuts = [(m.start(), m.end()) for m in re.finditer(pattern, text) if m.end() > m.start() or m.start() > 0]
    bounds: list[tuple[int, int, int]] = []  # (piece start, piece end, next piece start)
    start = 0
    for a, b in cuts:
        if a > start:
            bounds.append((start, a, b))
        start = b
    bounds.append((start, len(text), len(text) + 1))
    out: list[Unit] = []
    lo = 0  # breaks from the end of the previous piece's separator on belong to this piece
    for a, end, nxt in bounds:
        piece = text[a:end]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        breaks = [Break(min(max(x.at - a - lead, 0), len(body)), x.text) for x in unit.breaks if lo <= x.at < nxt]
        lo = nxt
        if body or breaks:
            out.append(Unit(text=body, line=unit.line, breaks=breaks))
    return out


def _entry(text: str, breaks: list[Break], label: str | None = None) -> Node:
    _number, found = entry_parts(text)  # the number stays in the text; entries carry only a label
    return Node(kind="entry", text=text, label=found if label is None else label, breaks=breaks)


def take_column(source: Source, pieces: list, i: int, end: int, used: set[str]) -> tuple[Node, int]:
    """Build the 专栏 whose heading is pieces[i]; return it and the index of the first piece after it."""
    head: Unit = pieces[i]
    parsed = column_heading(head.text)
    assert parsed is not None
    number, printed_title = parsed
    hint = source.hints.columns.get(number)
    where = f"{source.meta_path}: hints.columns.{number}"
    back = source.back_starts
    if hint is not None:
        used.add(number)
    if hint is not None and (hint.end_before or hint.end_after):
        stop, how = _hinted(pieces, i + 1, end, hint, back, where)
    elif hint is not None and hint.grid:
        stop, how = _grid(pieces, i + 1, end, back, hint.grid)
    else:
        stop, how = _heuristic(pieces, i + 1, end, back)
    members = pieces[i + 1:stop]
    # page furniture after the last entry stands outside the 专栏
    while members and isinstance(members[-1], Unit) and members[-1].is_page:
        members.pop()
        stop -= 1
    if not any(isinstance(m, Unit) and not m.is_page for m in members):
        raise SourceError(f"{source.text_path}:{head.line + 1}: 专栏{number} has no entries "
                          f"(its end was decided by {how})")
    column = Node(kind="column", heading=head.text, number=number, title=balance_quotes(printed_title),
                  end=how, breaks=head.breaks)
    if hint is not None and hint.grid:
        cells = [m for m in members if not m.is_page]
        if len(cells) % hint.grid:
            raise SourceError(f"{where}.grid: {len(cells)} lines do not make rows of {hint.grid} cells")
        # a page number between cells goes with the cell before it (at its end), so nothing is lost
        after: dict[int, list[Break]] = {}
        seen = -1
        for m in members:
            if m.is_page:
                after.setdefault(max(seen, 0), []).append(Break(len(cells[max(seen, 0)].text) if seen >= 0 else 0,
                                                                m.text))
            else:
                seen += 1
        for r in range(0, len(cells), hint.grid):
            row = [Unit(text=c.text, line=c.line, breaks=c.breaks + after.get(r + k, []))
                   for k, c in enumerate(cells[r:r + hint.grid])]
            text, breaks = _join(row)
            if r == 0:  # the first row of a grid names its columns: a header, not an entry
                column.children.append(Node(kind="header", text=text, breaks=breaks))
            else:
                column.children.append(_entry(text, breaks, label=row[0].text))
        return column, stop
    pending: list[Break] = []  # page furniture before the first entry
    for m in members:
        if m.is_page:
            # a page number between two entries stays with the entry it follows (a 专栏 holds only entries)
            if column.children:
                prev = column.children[-1]
                prev.breaks.append(Break(len(prev.text), m.text))
            else:
                pending.append(Break(0, m.text))
            continue
        parts = _split(m, hint.entry_split) if hint is not None and hint.entry_split else [m]
        if hint is not None and hint.entry_split and len(parts) < 2 and len(members) == 1:
            raise SourceError(f"{where}.entry_split: the pattern splits nothing")
        for part in parts:
            column.children.append(_entry(part.text, pending + part.breaks))
            pending = []
    return column, stop
