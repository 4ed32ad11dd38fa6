"""SVG snapshots of the search screen in every theme at 80×24 and 120×40: the recent queries (empty
box) and a result list with the cursor on the second result. One app session per theme and size,
several snapshots in it.

The results' order is the ranking's: a deliberate ranking change changes these pictures too.
Regenerate with: .venv/bin/pytest tests/test_snapshots_search.py --snapshot-update
"""

from __future__ import annotations

import os

import pytest
from conftest import MINI
from pytest_textual_snapshot import SVGImageExtension  # type: ignore[import-untyped]
from screen_host import wait_for_workers
from syrupy.assertion import SnapshotAssertion
from textual.widgets import Input

import themes
from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen

THEMES = list(themes.THEMES)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_search_screen(snapshot: SnapshotAssertion, theme: str, size: tuple[int, int]) -> None:
    svg = snapshot.use_extension(SVGImageExtension)
    app = PlansApp(load_corpus(os.path.relpath(MINI)), config=Config(theme=theme), start_key="alpha-2021/3.1.2",
                   save_settings=False)
    async with app.run_test(size=size) as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        main.search_memory.queries = ["R&D经费", "集成电路", "yfjf", "重点 @甲市"]  # oldest first
        await pilot.press("slash")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).cursor_blink = False  # the same cursor in every picture
        await pilot.pause()
        assert app.export_screenshot() == svg(name="history")

        await pilot.press(*"重点", "down")
        await wait_for_workers(pilot)
        assert app.export_screenshot() == svg(name="results")
