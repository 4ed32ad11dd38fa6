"""The 专栏 pane takes the reader's keys once Tab gives it the focus (found by a first user: a long 专栏
in the pane at 120×40, Tab Tab, then j and G did nothing; only the arrows scrolled it)."""

from __future__ import annotations

from corpora import REAL
from screen_host import plan_of, screen_of

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.column_detail import ColumnDetail


async def test_j_k_g_G_and_space_scroll_the_focused_zhuanlan_pane() -> None:
    corpus = load_corpus(REAL)
    column = next(c for c in plan_of(corpus, "keqiao-2021").columns() if c.number == "6")
    app = PlansApp(corpus, save_settings=False, start_key=column.key)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab")
        await pilot.pause()
        pane = app.focused
        assert isinstance(pane, ColumnDetail) and pane.max_scroll_y > 3
        for key, where in (("j", 1), ("j", 2), ("k", 1), ("G", pane.max_scroll_y), ("g", 0), ("space", None)):
            await pilot.press(key)
            await pilot.pause()
            assert (pane.scroll_y > 1) if where is None else (pane.scroll_y == where), (key, pane.scroll_y)
        rows = dict(screen_of(app, MainScreen).key_rows())["专栏栏"]
        assert ("j,down", "下滚", "detail.down") in rows
