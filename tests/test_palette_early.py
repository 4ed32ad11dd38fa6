"""ctrl+p pressed before the main screen's first frame: the main screen is drawn behind the palette
(Textual lays out no screen beneath a modal one, so it stayed blank until the palette closed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from corpora import MINI
from textual.screen import Screen

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.palette import PlansPalette
from tui.screens.kept import KeptScreens
from tui.screens.main import MainScreen


async def test_ctrl_p_before_the_first_frame_opens_over_the_drawn_main_screen(monkeypatch: pytest.MonkeyPatch
                                                                                ) -> None:
    behind: list[tuple[bool, object]] = []
    mount = MainScreen.on_mount

    def on_mount(self: MainScreen) -> None:
        mount(self)
        self.app.action_command_palette()  # as if ctrl+p had come in with the start-up's first keys

    push = KeptScreens.push

    def pushed(self: KeptScreens, name: str, make: Callable[[], Screen[Any]],
               callback: Callable[[Any], Any] | None = None, **kwargs: Any) -> Screen[Any]:
        if name.startswith("palette"):
            app = self.app
            assert isinstance(app, PlansApp)
            behind.append((app._drawn(app.screen), app.screen.outer_size))
        return push(self, name, make, callback, **kwargs)

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    monkeypatch.setattr(KeptScreens, "push", pushed)
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlansPalette)
        assert behind == [(True, app.size)]
