"""PgUp/PgDn in the command palette never crash, however small the terminal (found by the random-key test)."""

from __future__ import annotations

from corpora import MINI
from textual.command import CommandList

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.providers import PlansCommandPalette


async def test_page_keys_in_a_palette_without_room() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, PlansCommandPalette)
        await pilot.press("a", "pagedown", "pageup", "pagedown", "down", "pagedown")
        assert app.return_code is None and isinstance(app.screen, PlansCommandPalette)


async def test_page_keys_still_page() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p", "down")  # the list of every command
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        assert commands.option_count > 3
        first = commands.highlighted or 0
        await pilot.press("pagedown")
        paged = commands.highlighted
        assert paged is not None and paged > first
        await pilot.press("pageup")
        assert commands.highlighted is not None and commands.highlighted < paged
