"""`?` on every pushed screen shows that screen's keys (final QA: it did nothing on t, i, m and B)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.help import HelpScreen

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


@pytest.mark.parametrize("keys, name, binding_id", [
    (["t"], "TablesScreen", "tables.next_table"),
    (["i"], "PlanInfoScreen", "info.next_plan"),
    (["m"], "CompareScreen", "compare.export"),
    (["a", "B"], "BookmarksScreen", "bookmarks.delete"),
])
async def test_question_mark_on_a_pushed_screen_lists_its_keys(keys, name, binding_id):
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == name
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = [row[2] for _title, rows in app.screen.rows for row in rows]
        assert binding_id in ids and "app.help" in ids
        await pilot.press("question_mark")  # closes help, back on the same screen
        await pilot.pause()
        assert app.screen is screen


async def test_question_mark_in_a_filter_input_is_typed_not_help():
    """In the 专栏 list's filter: typed once there is a query; help while the filter is empty."""
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("slash", "x", "question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.focused is not None and getattr(app.screen.focused, "value", None) == "x?"
