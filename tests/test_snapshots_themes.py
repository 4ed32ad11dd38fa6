"""SVG snapshots of every theme: the main screen at 80×24 and 120×40, and the 专栏 list, tables,
plan info, bookmarks and help at 80×24 (the compare and search screens have their own snapshots).

Regenerate after a deliberate change with: .venv/bin/pytest tests/test_snapshots_themes.py --snapshot-update
"""

from __future__ import annotations

import os

import pytest
from conftest import MINI

import themes
from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus

THEMES = list(themes.THEMES)


def app_for(theme: str) -> PlansApp:
    # the info pane names the data file: a path relative to the checkout keeps the snapshot the same anywhere
    return PlansApp(load_corpus(os.path.relpath(MINI)), config=Config(theme=theme), start_key="alpha-2021/3.1.2", save_settings=False)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_main(snap_compare, theme, size):
    assert snap_compare(app_for(theme), terminal_size=size)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("keys", [["c"], ["t"], ["i"], ["B"], ["question_mark"]], ids=["columns", "tables",
                                                                                          "info", "bookmarks", "help"])
def test_screen(snap_compare, theme, keys):
    assert snap_compare(app_for(theme), terminal_size=(80, 24), press=keys)
