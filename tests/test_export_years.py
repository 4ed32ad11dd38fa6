"""Exports say the year of every figure (issue 11: 嘉兴's 2015→2020 beside 2025 targets with no year
in sight): the two-plan view has each side's 基期年 and 目标年 (it had none), the grid its 远景年."""

from __future__ import annotations

from pathlib import Path

from export_parse import parse_csv

from tui.core import compare as cmp
from tui.core.compare_views import grid_view, pair_view
from tui.core.export import to_csv
from tui.core.indicators import load_catalog
from tui.core.load import load_corpus

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"


def test_pair_export_has_each_sides_years():
    corpus = load_corpus(FIXTURE)
    shaoxing, jiaxing = corpus.plan("绍兴市"), corpus.plan("嘉兴市")
    assert shaoxing is not None and jiaxing is not None
    view = pair_view(cmp.pair(corpus, load_catalog(), shaoxing, jiaxing))
    row = dict(zip(view.columns, next(r for r in view.rows if r[1] == "hitech_enterprises")))
    assert (row["绍兴市·基期年"], row["绍兴市·目标年"]) == (2020, 2025)
    assert (row["嘉兴市·基期年"], row["嘉兴市·目标年"]) == (2015, 2020)
    assert row["嘉兴市·目标"] == 1000 and row["嘉兴市·目标标记"] == "以上"
    shown = [view.columns[i] for i in view.brief or []]
    assert "绍兴市·基期年" in shown and "嘉兴市·目标年" in shown  # `plans compare` prints them too
    header, rows = parse_csv(to_csv(view), view.numeric)
    assert header == view.columns and rows == view.rows  # years read back as numbers


def test_grid_export_has_the_vision_year():
    corpus = load_corpus(FIXTURE)
    view = grid_view(cmp.build_grid(corpus, load_catalog()))
    row = dict(zip(view.columns, next(r for r in view.rows if r[0] == "hitech_enterprises" and r[3] == "柯桥区")))
    assert (row["远景年"], row["远景"]) == (2035, 1600)
    jx = dict(zip(view.columns, next(r for r in view.rows if r[0] == "hitech_enterprises" and r[3] == "嘉兴市")))
    assert jx["远景年"] is None and jx["远景"] is None  # no vision figure: no year either
