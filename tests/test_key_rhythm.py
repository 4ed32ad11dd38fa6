"""Work ahead (the warm-up's steps, the screens built ahead) waits for a pause in the user's typing, and a
pause is longer than the gap between their keys: keys typed one every 0.25 s left pauses of exactly the
warm-up's old fixed quiet (0.25 s), so its work started just before each next key, which waited for it."""

from __future__ import annotations

import time

import pytest
from corpora import MINI
from textual import events
from textual.geometry import Size
from textual.screen import Screen

from tui.app import PlansApp
from tui.app_keys import RHYTHM_GAP_MAX
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from tui.screens.prepare import keys_quiet


async def test_the_quiet_needed_follows_the_typing_rhythm() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert app.quiet_needed(0.1) == 0.1  # no key yet: the least asked for
        await pilot.press("j", "k", "j")  # (Pilot's keys come well under a second apart)
        assert 1 <= len(app._key_gaps) <= 4
        app._key_gaps = [0.25, 0.24, 0.26, 0.25]  # one key every 0.25 s
        assert app.quiet_needed(0.1) == 0.5  # twice the rhythm: no work starts between two such keys
        assert app.quiet_needed(0.8) == 0.8  # never less than asked for
        app._key_gaps = [0.9, 0.95, 0.9, 0.95]
        assert app.quiet_needed(0.1) == RHYTHM_GAP_MAX  # a slow typist: at most a second
        app._key_gaps = [0.25, 0.25, 0.25]
        main._last_key = app._last_key = time.monotonic() - 0.3  # 0.3 s since the last key of such a rhythm
        assert keys_quiet(main, 0.1) > 0  # … is no pause yet: the next screen waits
        main._last_key = app._last_key = time.monotonic() - 2
        assert keys_quiet(main, 0.1) == 0


async def test_a_long_gap_is_a_pause_not_the_rhythm() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app._key_gaps = []
        app._last_key = time.monotonic() - 5  # the last key five seconds ago
        await pilot.press("j")
        assert app._key_gaps == []  # that gap is a pause: it says nothing about how fast the user types


async def test_a_size_the_screens_have_already_lays_nothing_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal's size reported again (as the driver does twice as it starts, and a screen's first
    layout tells the screen itself) lays nothing out again; a new size is laid out as ever."""
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen) and main.outer_size == Size(100, 30)
        layouts: list[Size] = []
        original = Screen._refresh_layout

        def counted(screen: Screen[object], size: Size | None = None, scroll: bool = False) -> None:
            layouts.append(screen.outer_size)
            original(screen, size, scroll)

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        app.post_message(events.Resize(Size(100, 30), Size(100, 30)))  # as the driver reports it
        await pilot.pause()
        await pilot.pause()
        main.post_message(events.Resize(Size(100, 30), Size(100, 30)))  # as a screen's first layout tells it
        await pilot.pause()
        assert layouts == []
        await pilot.resize_terminal(90, 28)
        await pilot.pause()
        assert layouts and main.outer_size == Size(90, 28)
