"""A screen built ahead (tui/screens/prepare.py, tui/screens/kept.py) is left with nothing to lay out or
draw at its first push: the help, whose text is rendered in a worker thread, is laid out again once that
text is in (its first `?` took two more frames: 90–110 ms), and the preparer imports the screens the help
lists itself rather than wait for the warm-up's thread; each slice of a build waits for a pause in the
keys."""

from __future__ import annotations

import sys

import pytest
from corpora import MINI
from screen_host import screen_of, screens_prepared

import tui.screens.prepare
from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.help import HelpScreen
from tui.screens.kept import KeptScreens
from tui.screens.main import MainScreen
from tui.screens.prepare import ScreenPreparer
from tui.screens.registry import SCREENS
from widgets.stacked_view import StackedView


async def test_the_help_built_ahead_is_laid_out_with_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tui.screens.prepare, "PREPARED", ("help",))
    # no warm-up thread here: the preparer imports the screens the help lists itself (those not yet imported)
    monkeypatch.setattr(MainScreen, "_warm_up", lambda self: None)
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        main = screen_of(app, MainScreen)
        main.preparer = ScreenPreparer(main)
        main.preparer.start()
        await screens_prepared(pilot)
        assert all(entry.module in sys.modules for entry in SCREENS.values())
        help_screen = main.kept.get("help")
        assert isinstance(help_screen, HelpScreen) and help_screen not in app.screen_stack
        view = help_screen.query_one(StackedView)
        width = view.scrollable_content_region.width
        assert width > 0 and view._lines.get(width)  # its text rendered for the width it has …
        assert view.virtual_size.height == len(view._lines[width])  # … and laid out with it
        assert not help_screen._layout_required and not help_screen._dirty_widgets
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is help_screen


async def test_each_slice_waits_for_a_pause_in_the_keys() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(100, 30)) as pilot:
        keeper = KeptScreens(app)
        waits: list[float] = [0.05, 0.05, 0.0]  # keys came: the build waits twice, then goes on
        asked: list[float] = []

        def pause() -> float:
            wait = waits.pop(0) if waits else 0.0
            asked.append(wait)
            return wait

        await keeper.prepare("help", lambda: HelpScreen([("全局", [("q", "退出", "main.quit")])]), pause=pause)
        await pilot.pause()
        assert asked[:3] == [0.05, 0.05, 0.0] and len(asked) > 3  # asked before every slice
        help_screen = keeper.get("help")
        assert help_screen is not None and not help_screen._layout_required
