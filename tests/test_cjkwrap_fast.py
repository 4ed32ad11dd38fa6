"""`tui.core.cjkwrap` finds each line's end by bisection in the run's summed cell widths: it breaks
every text exactly where the character-at-a-time original did (kept here as the reference)."""

from __future__ import annotations

import random

from conftest import REAL
from rich.cells import cell_len

from tui.core.cjkwrap import _find_break, wrap_offsets
from tui.core.load import load_corpus


def _reference_run(text: str, start: int, end: int, width: int, starts: list[int], first: int,
                   nobreak: frozenset[int] | set[int]) -> None:
    line_start = start
    cells = 0
    i = start
    room = first
    while i < end:
        w = cell_len(text[i])
        if cells + w > room and i > line_start:
            if text[i] == " " and i not in nobreak:
                i += 1
                cells += w
                continue
            brk = _find_break(text, line_start, i, nobreak)
            starts.append(brk)
            line_start = brk
            room = width
            cells = cell_len(text[line_start:i])
            continue
        cells += w
        i += 1


def _reference(text: str, width: int, first_width: int | None = None,
               nobreak: frozenset[int] | set[int] = frozenset()) -> list[int]:
    width = max(1, width)
    first = max(1, first_width) if first_width is not None else width
    starts: list[int] = []
    pos = 0
    while True:
        starts.append(pos)
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        _reference_run(text, pos, end, width, starts, first if pos == 0 else width, nobreak)
        if nl == -1:
            return starts
        pos = nl + 1


PIECES = ["科技", "创新", "，", "。", "（", "）", "《规划》", " ", "  ", "R&D", "2.8%", "GDP", "x", "\n", "─ 14 ─",
          "\u200b", "\u0301", "🙂", "ＡＢ", "…", "-", "(", "abcdefghijklmnopqrstuvwxyz0123456789"]


def test_breaks_as_the_reference_on_random_text() -> None:
    rnd = random.Random(9)
    for _ in range(3000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 40)))
        width = rnd.choice([1, 2, 3, 4, 5, 7, 10, 16, 30])
        first = rnd.choice([None, 1, 3, width + 5, max(1, width - 2)])
        nobreak = frozenset(rnd.sample(range(len(text) + 1), min(len(text) + 1, rnd.randint(0, 4))))
        assert wrap_offsets(text, width, first, nobreak) == _reference(text, width, first, nobreak), (text, width)


def test_breaks_as_the_reference_on_plan_text() -> None:
    texts = [n.text or n.heading for p in load_corpus(REAL).plans for n in p.walk() if n.text or n.heading]
    assert texts
    for width in (7, 79):
        for text in texts:
            assert wrap_offsets(text, width) == _reference(text, width), (text[:40], width)
            assert wrap_offsets(text, width, width // 2) == _reference(text, width, width // 2)
