"""Keys are written in one style wherever the user reads one (footers, help, hints): Esc, Enter, Tab,
F2, PgUp, 空格, ^p; never Textual's lower-case "esc", "⏎", "f2" beside our "Esc" and "Enter"."""

from __future__ import annotations

import pytest
from corpora import MINI
from textual.binding import Binding

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.keynames import key_label, keys_label
from tui.screens.help import pretty_keys
from tui.screens.main import MainScreen
from tui.screens.registry import SCREENS

TEXTUAL_STYLE = {"esc", "⏎", "tab", "space", "pgup", "pgdn", "del", "home", "end", "f2", "escape", "enter"}


@pytest.mark.parametrize("key, shown", [
    ("escape", "Esc"), ("enter", "Enter"), ("space", "空格"), ("f2", "F2"), ("pagedown", "PgDn"),
    ("ctrl+p", "^p"), ("shift+tab", "Shift+Tab"), ("alt+left", "Alt+←"), ("left_curly_bracket", "{"),
    ("question_mark", "?"), ("G", "G"),
])
def test_one_key(key: str, shown: str) -> None:
    assert key_label(key) == shown


def test_every_screens_keys_in_the_one_style() -> None:
    """The footers (the app's get_key_display) and the help (pretty_keys) write every binding alike."""
    app = PlansApp(load_corpus(MINI))
    classes: list[type] = [MainScreen, *(entry.load() for entry in SCREENS.values())]
    seen = 0
    for cls in classes:
        for klass in cls.__mro__:
            for b in vars(klass).get("BINDINGS", []):
                if not isinstance(b, Binding):
                    continue
                for key in b.key.split(","):
                    one = Binding(key, b.action, b.description, key_display=b.key_display)
                    shown = app.get_key_display(one)
                    assert shown not in TEXTUAL_STYLE, (cls.__name__, key, shown)
                    if not b.key_display:
                        assert shown == pretty_keys(key)
                    seen += 1
    assert seen > 40
    assert keys_label("escape,q,question_mark") == "Esc / q / ?"
    assert pretty_keys("tab / shift+tab") == "Tab / Shift+Tab"
