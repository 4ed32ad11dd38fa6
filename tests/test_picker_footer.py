"""With the compare screen's plan picker focused (`p`), the footer says how to tick a plan (space
was a hidden key, described by Textual in English as "Toggle option")."""

from __future__ import annotations

from conftest import MINI
from screen_host import screen_text
from textual.widgets import SelectionList

from tui.app import PlansApp
from tui.core.load import load_corpus


async def test_space_is_in_the_footer_while_picking_plans():
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert "勾选" not in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen.focused, SelectionList)
        footer = "\n".join(screen_text(app).splitlines()[-2:])
        assert "空格 勾选/取消" in footer and "Toggle" not in footer, footer
        picker = app.screen.focused
        before = list(picker.selected)
        await pilot.press("space")
        await pilot.pause()
        assert list(picker.selected) != before  # the key does what the footer says
