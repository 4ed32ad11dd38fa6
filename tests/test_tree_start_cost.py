"""The plan tree's start-up costs what its first frame needs: adding every region and plan row invalidates the
tree once, not at every row (1,500 times at 100 plans), and its build before it has a width (before the
first layout, built again once it is laid out) measures no label."""

from __future__ import annotations

import pytest
from corpora import MINI

from tui.core.load import load_corpus
from widgets.plan_tree import PlanTree


def test_rows_added_invalidate_the_tree_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = PlanTree._clear_line_cache

    def counted(tree: PlanTree) -> None:
        calls.append(1)
        original(tree)

    monkeypatch.setattr(PlanTree, "_clear_line_cache", counted)
    corpus = load_corpus(MINI)
    tree = PlanTree(corpus)
    assert len(tree.root.children) >= 1 and len(tree._plan_nodes) == len(corpus.plans)
    assert len(calls) == 1  # (the root expanded once every row is in)


def test_a_build_before_the_first_layout_measures_no_label(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = PlanTree(load_corpus(MINI))
    measured: list[object] = []

    def measure(self: PlanTree, node: object) -> int:
        measured.append(node)
        return 0

    monkeypatch.setattr(PlanTree, "get_label_width", measure)
    tree._build()
    assert tree._tree_lines_cached and measured == []
