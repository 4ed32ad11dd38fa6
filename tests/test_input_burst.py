"""Keys that arrive in one burst (a paste, a slow SSH link, `tmux send-keys a b BSpace c`) edit every
search and filter box in the order they were typed (Textualize/textual#6605 upstream, fixed in `TextInput`)."""

from __future__ import annotations

import pytest
from conftest import MINI
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input

from tui.app import PlansApp
from tui.core.load import load_corpus
from widgets.text_input import TextInput

# (key, character) as the driver posts them
BURSTS = [
    ([("a", "a"), ("b", "b"), ("backspace", None), ("c", "c")], "ac"),
    ([("a", "a"), ("b", "b"), ("left", None), ("c", "c")], "acb"),
    ([("a", "a"), ("b", "b"), ("home", None), ("c", "c"), ("end", None), ("d", "d")], "cabd"),
    ([("a", "a"), ("b", "b"), ("c", "c"), ("left", None), ("left", None), ("ctrl+k", None), ("x", "x")], "ax"),
]


def burst(app: App, keys: list[tuple[str, str | None]]) -> None:
    """Post every key at once, as the driver does with one read from the terminal (no pause between)."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


class OneInput(App):
    def __init__(self, cls: type[Input]) -> None:
        super().__init__()
        self.cls = cls

    def compose(self) -> ComposeResult:
        yield self.cls()


@pytest.mark.parametrize("keys, expected", BURSTS)
async def test_text_input_applies_a_burst_in_order(keys, expected):
    app = OneInput(TextInput)
    async with app.run_test() as pilot:
        await pilot.pause()
        burst(app, keys)
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(Input).value == expected


async def test_plain_input_still_has_the_upstream_bug():
    """Guards the reason TextInput exists: when this fails, upstream fixed #6605 and TextInput can go."""
    app = OneInput(Input)
    async with app.run_test() as pilot:
        await pilot.pause()
        burst(app, BURSTS[0][0])
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(Input).value == "ab"


@pytest.mark.parametrize("open_keys, input_id", [
    (["slash"], "#search-input"),
    (["z"], "#search-input"),
    (["c", "slash"], "#columns-filter"),
    (["m", "slash"], "#compare-filter"),
])
async def test_every_search_and_filter_box_takes_a_burst_in_order(open_keys, input_id):
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*open_keys)
        await pilot.pause()
        box = app.screen.query_one(input_id, Input)
        assert isinstance(box, TextInput) and app.screen.focused is box
        box.value = ""
        burst(app, BURSTS[0][0] + [("left", None), ("x", "x")])
        for _ in range(3):
            await pilot.pause()
        assert box.value == "axc"


async def test_keys_the_box_does_not_bind_still_reach_the_screen():
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c", "slash")
        await pilot.pause()
        screen = app.screen
        burst(app, [("j", "j"), ("down", None)])  # ↓ leaves the filter for the list (a screen binding)
        for _ in range(3):
            await pilot.pause()
        assert screen.query_one("#columns-filter", Input).value == "j"
        assert screen.focused is not None and screen.focused.id == "columns-list"
