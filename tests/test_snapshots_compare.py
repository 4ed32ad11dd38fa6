"""SVG snapshots of the compare screen in each mode (grid, the grid scrolled right, pair, share,
results) at 80×24 and 120×40 in each of our themes, and the export dialog: one app session per theme
and size, many snapshots in each (cheap).

Regenerate after a deliberate change with: .venv/bin/pytest tests/test_snapshots_compare.py --snapshot-update
and look at the pictures (tests/__snapshots__/test_snapshots_compare/) before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension  # type: ignore[import-untyped]
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot
from textual.widgets import Input

import themes
from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"


async def shot(pilot: Pilot, snapshot: SnapshotAssertion, name: str, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    assert pilot.app.export_screenshot(title="plans") == snapshot(name=name)


@pytest.mark.parametrize("theme", list(themes.THEMES))
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_compare_modes(snapshot: SnapshotAssertion, theme: str, size: tuple[int, int], tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    snap = snapshot.use_extension(SVGImageExtension)
    app = PlansApp(load_corpus(FIXTURE), config=Config(theme=theme), save_settings=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await shot(pilot, snap, "grid", "m")
        await shot(pilot, snap, "grid-scrolled", "j", *["right"] * 5)
        await shot(pilot, snap, "pair", "2", "j")
        await shot(pilot, snap, "share", "3")
        await shot(pilot, snap, "results", "4")
        if size == (80, 24):
            await pilot.press("1", "e")
            await pilot.pause()
            path = app.screen.query_one("#export-path", Input)
            path.value = "compare-grid.csv"  # no absolute path in a snapshot
            path.cursor_blink = False  # the cursor shown, whichever half of a blink the picture falls in
            await shot(pilot, snap, "export-dialog")
