"""The palette's "no matches" line, due half a second after a query that matched nothing, never
crashes a palette whose list is already gone (the app closing as the timer fires: `NoMatches` seen in a
full test run)."""

from __future__ import annotations

import asyncio

from corpora import MINI
from screen_host import wait_for_workers
from textual.command import CommandList

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.providers import PlansCommandPalette


async def test_no_matches_line_after_the_list_is_gone() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, PlansCommandPalette)
        await pilot.press(*"qqxqz")  # matches nothing
        await wait_for_workers(pilot)  # (no gathering left to fill the list that is about to go)
        palette._start_no_matches_countdown("qqxqz")  # the countdown as a query starts it
        await palette.query_one(CommandList).remove()
        await asyncio.sleep(palette._NO_MATCHES_COUNTDOWN + 0.3)
        await pilot.pause()
        assert app.return_code is None and app.screen is palette


async def test_no_matches_line_is_shown() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, PlansCommandPalette)
        await pilot.press(*"qqxqz")
        await asyncio.sleep(palette._NO_MATCHES_COUNTDOWN + 0.3)
        await pilot.pause()
        commands = palette.query_one(CommandList)
        assert commands.option_count == 1 and commands.get_option_at_index(0).disabled
