"""`?` at 80×24: a key's description longer than its column is wrapped, never cut with “…” (found by a
first user: “tab / shift+tab 在目录、阅读区、专栏栏 …” hid what tab does)."""

from __future__ import annotations

from corpora import MINI

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.help import HelpScreen
from widgets.stacked_view import StackedView


async def test_every_description_is_whole_at_80_columns() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        view = app.screen.query_one(StackedView)
        text = "".join(strip.text.strip() for strip in view.lines(view.scrollable_content_region.width))
        assert "在目录、阅读区、专栏栏之间切换" in text.replace(" ", "").replace("│", "")
        assert "…" not in text
