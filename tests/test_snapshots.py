"""SVG snapshots of the main screen at 80×24 and 120×40 in two themes (pytest-textual-snapshot).

Regenerate after a deliberate change with: .venv/bin/pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from conftest import MINI

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus


def app_for(theme: str, start_key: str | None = None) -> PlansApp:
    return PlansApp(load_corpus(MINI), config=Config(theme=theme), start_key=start_key, save_settings=False)


@pytest.mark.parametrize("theme", ["plans-paper", "plans-ink"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_main_on_a_column(snap_compare, theme, size):
    assert snap_compare(app_for(theme, "alpha-2021/3.1.2"), terminal_size=size)


@pytest.mark.parametrize("theme", ["plans-paper", "plans-ansi"])
def test_main_plan_and_tree(snap_compare, theme):
    assert snap_compare(app_for(theme), terminal_size=(120, 40), press=["l", "asterisk"])


def test_help_screen(snap_compare):
    assert snap_compare(app_for("plans-paper"), terminal_size=(80, 24), press=["question_mark"])
