"""Every screen alike: j/k/g/G move in every list and table, q and Esc close every screen, `?` works on
the 专栏 list (the filter takes focus only on `/` or typing), and `a` says what it did (footer too)."""

from __future__ import annotations

import pytest
from conftest import MINI, REAL
from textual.widgets import Input

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.help import HelpScreen
from widgets.key_footer import KeyFooter


def position(app) -> int | None:
    focused = app.screen.focused
    for attr in ("cursor_row", "highlighted"):
        if hasattr(focused, attr):
            return getattr(focused, attr)
    return None


@pytest.mark.parametrize("keys, screen", [
    (["t"], "TablesScreen"),
    (["m"], "CompareScreen"),
    (["m", "p"], "CompareScreen"),  # the plan picker
    (["c"], "ColumnsScreen"),
])
async def test_j_k_g_G_move_in_every_list(keys, screen):
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == screen
        seen = [position(app)]
        for key in "jjkGg":
            await pilot.press(key)
            await pilot.pause()
            seen.append(position(app))
        assert seen[:4] == [0, 1, 2, 1]
        assert seen[4] is not None and seen[4] > 2  # G: the last row
        assert seen[5] == 0


@pytest.mark.parametrize("keys", [["c"], ["t"], ["i"], ["m"], ["B"], ["question_mark"]])
async def test_q_and_escape_close_every_screen(keys):
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.screen
        for close in ("q", "escape"):
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            assert app.screen is not main
            await pilot.press(close)
            await pilot.pause()
            assert app.screen is main, close


async def test_columns_list_keys_and_type_to_filter():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        columns = app.screen
        assert type(columns.focused).__name__ == "ColumnList"
        await pilot.press("question_mark")  # help, not a "?" in the filter
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is columns
        await pilot.press("研")  # a Chinese character moves to the filter and is typed there
        await pilot.pause()
        box = columns.query_one("#columns-filter", Input)
        assert columns.focused is box and box.value == "研"
        await pilot.press("q")  # q in the filter is a letter (pinyin)
        await pilot.pause()
        assert app.screen is columns and box.value == "研q"
        await pilot.press("escape")  # back to the list, the filter kept
        await pilot.pause()
        assert type(columns.focused).__name__ == "ColumnList" and box.value == "研q"
        await pilot.press("slash")
        await pilot.pause()
        assert columns.focused is box
        await pilot.press("ctrl+u")  # empty the filter: `?` is help again
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert box.value == ""
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"


async def test_a_toggles_the_bookmark_and_the_footer_says_which():
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert any("a 加书签" in line for line in footer.plain_lines())
        await pilot.press("a")
        await pilot.pause()
        assert any("a 删书签" in line for line in footer.plain_lines())
        assert "再按 a 删除" in list(app._notifications)[-1].message
        await pilot.press("a")
        await pilot.pause()
        assert any("a 加书签" in line for line in footer.plain_lines())
        assert "已删除书签" in list(app._notifications)[-1].message
