"""`?` on the compare plan picker (`m p ?`) lists every key that works there, space (勾选/取消) too:
it is the focused picker's key, not the screen's."""

from __future__ import annotations

from conftest import REAL

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.help import HelpScreen


async def test_picker_help_lists_space() -> None:
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = [row for _, section in app.screen.rows for row in section]
        assert ("space", "勾选/取消", "list.toggle") in rows, rows
        keys = [key for key, _, _ in rows]
        assert len(keys) == len(set(keys)), keys
