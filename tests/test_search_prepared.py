"""The search screen is built ahead like the other screens (tui/screens/prepare.py, issue 9): `/` then
pushes a screen already composed and laid out. Whenever `/` comes — before the build starts, while the
screen is being made, mounted or laid out off screen, or after — the keys typed next are drawn: each
writes a frame showing the box's text, and the results follow."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from corpora import MINI
from screen_host import screen_of, screen_text, wait_for_workers
from textual.await_complete import AwaitComplete
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from tui.screens.prepare import PREPARED, ScreenPreparer
from tui.screens.search import SearchScreen
from widgets.search_results import SearchResults

QUERY = "zd"  # 重点 by its initials


async def typed_and_drawn(pilot: Pilot[Any], frames: list[object]) -> SearchScreen:
    """Type QUERY into the search screen on top; each key must write a frame showing the text so far."""
    app = pilot.app
    search = screen_of(app, SearchScreen)
    for k, ch in enumerate(QUERY, 1):
        before = len(frames)
        await pilot.press(ch)
        await pilot.pause()
        assert len(frames) > before, f"no frame written after typing {QUERY[:k]!r}"
        assert screen_of(app, SearchScreen) is search
        assert search.query_one(Input).value == QUERY[:k]
        assert any(QUERY[:k] in line for line in screen_text(app).splitlines()[:4])  # the box, as drawn
    await wait_for_workers(pilot)
    await pilot.pause()
    assert search.query_one(SearchResults).count > 0
    assert "重点" in screen_text(app)
    return search


async def awaited(building: AwaitComplete) -> None:
    await building


async def test_search_is_built_ahead_and_typed_into_whenever_slash_comes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "search" in PREPARED
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = screen_of(app, MainScreen)
        frames: list[object] = []
        display = app._display

        def counted(screen: Screen[Any], update: Any) -> None:
            frames.append(screen)
            display(screen, update)

        monkeypatch.setattr(app, "_display", counted)  # every frame written
        make = ScreenPreparer(main)._maker("search")
        assert make is not None
        for steps in (None, 0, 3, 20):
            main.kept.drop("search")
            if steps is not None:  # the build under way, `steps` turns of the event loop in
                building = asyncio.ensure_future(awaited(main.kept.prepare("search", make)))
                for _ in range(steps):
                    await asyncio.sleep(0)
            await pilot.press("slash")
            await pilot.pause()
            search = await typed_and_drawn(pilot, frames)
            assert app.screen is search and search.focused is search.query_one(Input)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen_stack == [main]
            if steps is not None:
                await building
        # built ahead and left alone until `/`: the screen pushed is the one built, laid out for the terminal
        main.kept.drop("search")
        await main.kept.prepare("search", make)
        built = main.kept.get("search")
        assert isinstance(built, SearchScreen) and built not in app.screen_stack
        assert built.query_one(SearchResults).size.width > 0
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen is built
        await typed_and_drawn(pilot, frames)
