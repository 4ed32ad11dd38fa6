"""tui/screens/kept.py: a screen built ahead has its frame drawn too (written to no terminal), so its first
push finds each piece of each line with its terminal text already, as every later push does; a screen
whose frame shows the one under it (a translucent modal) is left for its push to draw."""

from __future__ import annotations

from typing import Any

from conftest import REAL
from textual._compositor import LayoutUpdate
from textual.screen import Screen

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.screens.columns import ColumnsScreen
from tui.screens.help import HelpScreen
from tui.screens.kept import off_screen
from tui.screens.main import MainScreen


def _pieces(screen: Screen[Any], below: list[Screen[Any]]) -> list[Any]:
    update = screen._compositor.render_update(full=True, screen_stack=below)
    assert isinstance(update, LayoutUpdate)
    return [strip for line in update.strips for strip in line]


async def test_a_screen_built_ahead_has_its_frame_drawn() -> None:
    app = PlansApp(load_corpus(REAL), config=Config(), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        await main.kept.prepare("columns", lambda: ColumnsScreen(main.corpus))
        columns = main.kept.get("columns")
        assert columns is not None and off_screen(columns)
        pieces = _pieces(columns, [main])
        assert len(pieces) > 30 and all(piece._render_cache is not None for piece in pieces)
        # a translucent modal (the help) draws the main screen through its backdrop: left to its push
        rows = main.key_rows()
        await main.kept.prepare("help", lambda: HelpScreen(rows))
        help_screen = main.kept.get("help")
        assert help_screen is not None and help_screen.styles.background.a < 1
        assert any(piece._render_cache is None for piece in _pieces(help_screen, [main]))
        # and the push shows the columns screen as a new one would be
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is columns
