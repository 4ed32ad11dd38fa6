"""Snapshots of the compare screen at 120×40 (update with --snapshot-update after a deliberate change)."""

from __future__ import annotations

from pathlib import Path

from screen_host import Host

from tui.core.load import load_corpus
from tui.screens.compare import CompareScreen

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"


def _app(tmp_path: Path) -> Host:
    return Host(CompareScreen(load_corpus(FIXTURE), export_dir=tmp_path))


def test_compare_grid_snapshot(snap_compare, tmp_path):
    assert snap_compare(_app(tmp_path), terminal_size=(120, 40))


def test_compare_pair_snapshot(snap_compare, tmp_path):
    assert snap_compare(_app(tmp_path), press=["2", "down"], terminal_size=(120, 40))
