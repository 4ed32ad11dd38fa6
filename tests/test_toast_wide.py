"""Notifications keep every Chinese character at any width (Textual #6357: at 199–200 columns the
专栏 pane's edge fell under "已复制 … 字（含出处）" and cut 含 in half, which showed as blanks)."""

from __future__ import annotations

import pytest
from conftest import REAL
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets._toast import Toast

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from widgets.toast import WholeToast, keep_wide_whole

LONG = "规划纲要：" + "研发经费投入强度达到3.5%，高新技术产业增加值占比超过65%；" * 3


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_a_wide_character_under_a_cut_moves_right():
    strip = Strip([Segment("▌ 字（含出处）   ")])  # 含 at cells 6–7
    kept = keep_wide_whole(strip, [7])
    assert kept.text == "▌ 字（ 含出处）  "
    assert kept.cell_length == strip.cell_length
    # two cuts one cell apart (a scrollbar): nothing wide fits between them
    assert keep_wide_whole(strip, [7, 8]).text == "▌ 字（  含出处） "
    assert keep_wide_whole(strip, [6]) is strip  # between two characters: nothing to do
    assert keep_wide_whole(strip, []) is strip


@pytest.mark.parametrize("width", [199, 200, 80, 120])
async def test_every_character_of_a_notification_reaches_the_screen(width):
    app = PlansApp(load_corpus(REAL), config=Config(), start_key="keqiao-2021/3.2.1", save_settings=False)
    async with app.run_test(size=(width, 50), notifications=True) as pilot:
        # what `y` says (its toast lasts 2 s: too short for a loaded test machine), and a long one
        app.notify("已复制 21349 字（含出处）", timeout=60, markup=False)
        app.notify(LONG, timeout=60, markup=False)
        await pilot.pause()
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 2 and all(isinstance(t, WholeToast) for t in toasts)
        compositor = app.screen._compositor
        lines = compositor.render_strips()
        for toast in toasts:
            content = toast.content_region
            # (to the toast's right edge: a moved character takes a cell of its right padding, kept for that)
            rows = [lines[y].crop(content.x, toast.region.right).text for y in content.line_range]
            message = toast._notification.message
            assert _squeezed(message) == _squeezed("".join(rows)), rows
            # and no gap in it: the toast lies right of the reader's scrollbar and the 专栏 pane's edge
            # (at 120–200 columns they lay under its text: "这里没有可加书  签的内容")
            assert all(row.strip() in message for row in rows), rows
