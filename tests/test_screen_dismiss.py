"""A screen closed twice (two closing keys typed together) closes once: the screen under it stays."""

from __future__ import annotations

from corpora import MINI

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen


async def test_second_dismiss_leaves_the_screen_below() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        help_screen = HelpScreen([])
        await app.push_screen(help_screen)  # help over search
        help_screen.dismiss()
        help_screen.dismiss()  # queued twice: must not close the search screen too
        await pilot.pause()
        assert app.screen is search
        search.dismiss(None)
        await pilot.pause()
        search.dismiss(None)  # only the main screen is left: nothing to close, no ScreenStackError
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.return_code is None


async def test_closed_before_it_was_up() -> None:
    """Esc right after `m` on a slow machine: the screen is closed once mounted, not half-built."""
    from tui.screens.compare import CompareScreen

    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        compare = CompareScreen(app.corpus)
        app.push_screen(compare)
        compare.dismiss(None)  # before its on_mount
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.return_code is None
