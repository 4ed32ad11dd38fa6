"""Line breaking for Chinese text measured in terminal cells (no UI imports).

`wrap_offsets(text, width)` returns the offsets where lines start. The rules:

- lines never exceed `width` cells (measured with Rich's `cell_len`), unless a single character is
  wider than the width;
- a line may break between any two CJK characters, and at spaces; runs of Latin letters, digits
  and ASCII punctuation ("R&D", "2.8%", "GDP") are kept whole when they fit on a line;
- no line starts with closing punctuation (，。、；：？！）》」” …) and no line ends with opening
  punctuation (（《「“ …): the character before is carried to the next line (kinsoku, push-out);
- newlines in the text are hard breaks; every character of the text stays (nothing is dropped),
  spaces at a soft break stay on the line they end.

`nobreak` (offsets) forbids a soft break just before those characters: a marker the caller inserted
(a page number “─ 14 ─”) stays on one line.

Cutting a label to a width (with …) is `tui.core.textwidth`.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import cell_len

NO_START = set("，。、；：？！）》」』”’〕】〉…—·%,.;:?!)]}>％～~-")  # may not begin a line
NO_END = set("（《「『“‘〔【〈([{<")  # may not end a line


def _word_char(ch: str) -> bool:
    """Characters that glue into an unbreakable Latin/number run."""
    return ch.isascii() and not ch.isspace() and ch not in "([{<"


def _can_break_before(text: str, i: int, nobreak: frozenset[int] | set[int] = frozenset()) -> bool:
    """May a soft line break fall just before text[i]?"""
    if i <= 0 or i >= len(text) or i in nobreak:
        return False
    prev, ch = text[i - 1], text[i]
    if ch in NO_START or prev in NO_END:
        return False
    if _word_char(prev) and _word_char(ch):
        return False
    if ch == " " and prev == " ":
        return False
    return True


def wrap_offsets(text: str, width: int, first_width: int | None = None,
                 nobreak: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """Offsets (into text) where each display line starts; always starts with 0.

    `first_width` is the room on the very first line (after a prefix), if it differs from `width`.
    Newline characters end a line and are not part of the next one.
    """
    width = max(1, width)
    first = max(1, first_width) if first_width is not None else width
    starts: list[int] = []
    pos = 0
    n = len(text)
    while True:
        starts.append(pos)
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        _wrap_run(text, pos, end, width, starts, first if pos == 0 else width, nobreak)
        if nl == -1:
            break
        pos = nl + 1
    return starts


_WIDTHS: dict[str, int] = {}  # each character's cells (`cell_len`), as met


def _cells(run: str) -> list[int]:
    """The cells of each character of `run`."""
    get = _WIDTHS.get
    out = [get(ch, -1) for ch in run]
    if -1 in out:
        for k, w in enumerate(out):
            if w < 0:
                out[k] = _WIDTHS[run[k]] = cell_len(run[k])
    return out


def _wrap_run(text: str, start: int, end: int, width: int, starts: list[int], first: int,
              nobreak: frozenset[int] | set[int] = frozenset()) -> None:
    """Append soft-break starts for text[start:end] (a run without newlines).

    The running cell count (`cum`) is summed once for the run, and each line's overflowing character
    found by bisection in it: not a character at a time (a screen of reader text is wrapped as a key
    lands, and at the first frame)."""
    if start >= end:
        return
    cum = list(accumulate(_cells(text[start:end]), initial=0))  # cum[k]: the cells of text[start:start + k]
    line_start = start
    room = first
    i = start  # the characters before it are placed
    while True:
        # the first character from i on that overflows the line: text[start + k - 1], the smallest k past
        # i - start with cum[k] - cum[line_start - start] > room
        k = bisect_right(cum, cum[line_start - start] + room, i - start + 1)
        if k > end - start:
            return
        i = start + k - 1
        if i == line_start or (text[i] == " " and i not in nobreak):
            i += 1  # a character wider than the line stays on it; a space may hang past the edge
            continue
        line_start = _find_break(text, line_start, i, nobreak)
        starts.append(line_start)
        room = width  # (text[i] is placed again, on the new line)


def _find_break(text: str, line_start: int, i: int, nobreak: frozenset[int] | set[int] = frozenset()) -> int:
    """Where to break a line that overflows at text[i]: the last allowed break <= i."""
    j = i
    while j > line_start:
        if _can_break_before(text, j, nobreak):
            return j
        j -= 1
    return i  # no allowed break on this line: break hard (a long Latin run)


def wrap_lines(text: str, width: int) -> list[str]:
    """The display lines of text wrapped to width (newlines removed, trailing spaces kept)."""
    starts = wrap_offsets(text, width)
    out: list[str] = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(text)
        out.append(text[s:e].rstrip("\n"))
    return out
