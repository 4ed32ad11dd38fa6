"""Cutting and padding text to a width in terminal cells (no UI imports).

Every label, cell and one-line message that must fit a width goes through here, so a cut looks the
same everywhere: it ends in “…”, never splits a character (a two-cell CJK character that does not fit
is left out whole), and is measured in cells (Rich's `cell_len`), so Chinese text lines up.

- `cut(text, width)`: a plain string cut to `width` cells;
- `cut_text(text, width)`: the same for a styled `rich.text.Text` (styles kept);
- `cut_left(parts, width)`: a path (`a › b › c`) that drops its leading parts first;
- `cut_lines(text, width, lines)`: wrapped text kept to a number of lines;
- `cut_chars(text, limit)`: a string cut to `limit` characters (messages that count characters);
- `pad(text, width)`: padded with spaces to `width` cells, left- or right-aligned.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.style import Style
from rich.text import Text

ELLIPSIS = "…"


def _kept(text: str, room: int) -> int:
    """How many leading characters of `text` fit in `room` cells (a character is kept whole or not at all)."""
    used = 0
    for i, ch in enumerate(text):
        used += cell_len(ch)
        if used > room:
            return i
    return len(text)


def cut(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, ending in … when cut; never splits a character."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return text[: _kept(text, width - cell_len(ELLIPSIS))] + ELLIPSIS


def cut_text(text: Text, width: int, *, style: str | Style = "", tidy: tuple[str, ...] | None = None) -> Text:
    """A styled `text` cut to at most `width` cells (at least the …), ending in … (in `style`) when cut;
    `text` itself is cut and returned (its settings and styles kept).

    With `tidy`, the kept part loses its trailing spaces and any trailing separators listed (" ›"),
    so the … follows the last word kept rather than a gap or a dangling separator."""
    width = max(1, width)
    if text.cell_len <= width:
        return text
    out = text
    out.right_crop(len(out) - _kept(out.plain, width - cell_len(ELLIPSIS)))
    if tidy is not None:
        out.rstrip()
        while tidy and out.plain.endswith(tidy):
            sep = next(s for s in tidy if out.plain.endswith(s))
            out.right_crop(len(sep))
            out.rstrip()
    out.append(ELLIPSIS, style)
    return out


def cut_left(parts: list[str], width: int, sep: str = " › ") -> str:
    """`parts` joined with `sep`; when too wide, leading parts go first (replaced by …), then the
    last part is cut."""
    joined = sep.join(parts)
    if cell_len(joined) <= width:
        return joined
    for k in range(1, len(parts)):
        candidate = ELLIPSIS + sep + sep.join(parts[k:])
        if cell_len(candidate) <= width:
            return candidate
    return cut(parts[-1] if parts else "", width)


def cut_lines(text: Text, width: int, lines: int, console: Console, more: str = "") -> Text:
    """`text` wrapped to `width` cells, at most `lines` lines; when cut, the last line shown ends in …
    (then `more`, e.g. a key hint, dim), so nothing is cut silently."""
    if width <= 0 or lines <= 0:
        return text
    wrapped = text.wrap(console, width, overflow="fold")
    if len(wrapped) <= lines:
        return text
    tail = ELLIPSIS + more
    keep = list(wrapped[:lines])
    last = keep[-1].copy()
    room = max(0, width - cell_len(tail))
    last.rstrip()
    if last.cell_len > room:
        last.right_crop(len(last) - _kept(last.plain, room))
        last.rstrip()
    last.append(tail, style="dim")
    keep[-1] = last
    out = Text("\n").join(keep)
    out.overflow = "fold"
    out.no_wrap = False
    return out


def cut_chars(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters (not cells), ending in … when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + ELLIPSIS


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells (right-aligned with `right`); a longer text is kept whole."""
    size = cell_len(text)
    if size >= width:
        return text
    return " " * (width - size) + text if right else set_cell_size(text, width)


def cut_middle(parts: list[str], width: int, sep: str = " › ") -> str:
    """`parts` joined with `sep`, at most `width` cells; when too wide, cut from the middle: the first
    and the last part stay (a breadcrumb's chapter and its 专栏 or heading), parts after the first give
    way (replaced by …) from the second on, then the first part is cut; the last part is cut (at its
    end) only when it alone does not fit beside the …."""
    if width <= 0 or not parts:
        return ""
    joined = sep.join(parts)
    if cell_len(joined) <= width:
        return joined
    if len(parts) == 1:
        return cut(joined, width)
    first, last = parts[0], parts[-1]
    for k in range(2, len(parts)):  # parts[1:k] dropped, the rest kept
        candidate = first + sep + ELLIPSIS + sep + sep.join(parts[k:])
        if cell_len(candidate) <= width:
            return candidate
    tail = (sep + ELLIPSIS + sep if len(parts) > 2 else sep) + last
    room = width - cell_len(tail)
    if room >= cell_len(first[0]) + cell_len(ELLIPSIS):  # at least one character of the first
        return cut(first, room) + tail
    return cut(ELLIPSIS + sep + last, width)
