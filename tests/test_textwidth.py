"""tui.core.textwidth: every cut ends in …, never splits a character, and fits its width in cells."""

from __future__ import annotations

import random

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tui.core.textwidth import ELLIPSIS, cut, cut_chars, cut_left, cut_lines, cut_text, pad

SAMPLES = ["", "a", "研", "R&D 经费", "（二）突出核心攻关,促进产业基础高级化发展", "a研b发c经d费", "𠀀𪚥甲", "abc def ghi"]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", range(0, 14))
def test_cut_fits_and_keeps_whole_characters(text: str, width: int) -> None:
    out = cut(text, width)
    assert cell_len(out) <= max(0, width)
    if cell_len(text) <= width:
        assert out == text
    elif width > 0:
        assert out.endswith(ELLIPSIS) and text.startswith(out[:-1])
        # as much as fits: one more character would not
        kept = out[:-1]
        nxt = text[len(kept)]
        assert cell_len(kept) + cell_len(nxt) + 1 > width


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", range(1, 14))
def test_cut_text_is_cut_with_styles(text: str, width: int) -> None:
    styled = Text(end="")
    for i, ch in enumerate(text):
        styled.append(ch, "bold" if i % 2 else "italic")
    out = cut_text(styled.copy(), width, style="dim")
    assert out.plain == cut(text, width)
    if out.plain != text:
        assert out.spans[-1].style == "dim" and out.spans[-1].start == len(out.plain) - 1
        for s in out.spans[:-1]:
            assert styled.plain[s.start:s.end] == out.plain[s.start:s.end]
            assert s.style == ("bold" if s.start % 2 else "italic")


def test_cut_text_tidy_drops_trailing_gaps_and_separators() -> None:
    line = Text("湖州市 · 专栏 · 四、重点任务 › （二）突出核心攻关", end="")
    for width in range(2, line.cell_len):
        out = cut_text(line.copy(), width, tidy=(" ›", " ·"))
        assert out.cell_len <= width
        assert out.plain.endswith(ELLIPSIS)
        kept = out.plain[:-1]
        assert not kept.endswith((" ", " ›", " ·")), (width, out.plain)
    assert cut_text(Text("ab"), 0).plain == "…"  # never narrower than the ellipsis
    assert cut_text(Text("a"), 0).plain == "a"


def test_cut_text_keeps_text_settings() -> None:
    text = Text("研发经费支出占比", no_wrap=True, overflow="ellipsis", end="")
    out = cut_text(text, 5)
    assert (out.plain, out.no_wrap, out.overflow, out.end) == ("研发…", True, "ellipsis", "")


def test_cut_left_drops_leading_parts_then_cuts() -> None:
    parts = ["湖州市", "四、重点任务", "（二）突出核心攻关", "专栏4-3 核心技术攻关重点领域"]
    assert cut_left(parts, 200) == " › ".join(parts)
    assert cut_left(parts, 60) == "… › （二）突出核心攻关 › 专栏4-3 核心技术攻关重点领域"
    assert cut_left(parts, 40) == "… › 专栏4-3 核心技术攻关重点领域"
    assert cut_left(parts, 12) == cut(parts[-1], 12)
    assert cut_left([], 5) == ""


def _truncated(text: Text, width: int, lines: int, console: Console, more: str = "") -> Text:
    """The same cut made with Rich's own truncate (what the compare grid did before)."""
    wrapped = text.wrap(console, width, overflow="fold")
    if len(wrapped) <= lines:
        return text
    keep = list(wrapped[:lines])
    last = keep[-1].copy()
    tail = "…" + more
    last.rstrip()
    room = max(0, width - cell_len(tail))
    if last.cell_len > room:
        last.truncate(room)
        last.rstrip()
    last.append(tail, style="dim")
    keep[-1] = last
    return Text("\n").join(keep)


def test_cut_lines_as_rich_truncate() -> None:
    console = Console(width=200)
    rng = random.Random(7)
    alphabet = "研发经费 R&D，。（）abc 2.8% "
    for _ in range(300):
        text = Text("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))), overflow="fold")
        width, lines = rng.randint(1, 20), rng.randint(1, 4)
        more = rng.choice(["", " d 全文"])
        out = cut_lines(text.copy(), width, lines, console, more)
        want = _truncated(text.copy(), width, lines, console, more)
        assert out.plain == want.plain, (text.plain, width, lines)
        assert len(out.plain.split("\n")) <= lines
    assert cut_lines(Text("abc"), 0, 1, console).plain == "abc"


def test_cut_chars_counts_characters() -> None:
    assert cut_chars("研发经费", 4) == "研发经费"
    assert cut_chars("研发经费投入", 4) == "研发经…"
    assert cut_chars("abcdef", 1) == "…"


def test_pad_by_cells() -> None:
    assert pad("研发", 6) == "研发  "
    assert pad("研发", 6, right=True) == "  研发"
    assert pad("研发经费", 4) == "研发经费"
    assert pad("研发经费", 3) == "研发经费"  # never cut
