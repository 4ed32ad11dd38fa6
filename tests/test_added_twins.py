"""Two added plans of one region and period (two versions of one city's plan, `plans add` twice)
are told apart wherever a plan is named: the tree, the compare picker, the compare heads and the
export (each by its source file's name); shipped plans and a lone added plan keep their names."""

from __future__ import annotations

from pathlib import Path

from tui.core.adder import store
from tui.core.adder.prepare import prepare
from tui.core.compare import build_grid
from tui.core.compare_views import grid_view
from tui.core.indicators import load_catalog
from tui.core.load import load_corpus
from tui.core.locations import DEFAULT_DATA
from tui.core.search.index import SearchIndex
from tui.screens.compare_modes import picker_label
from widgets.plan_tree import plan_label, plan_label_shorter, user_mark

JIAXING = Path(__file__).resolve().parents[1] / "data" / "sources" / "jiaxing-2016.txt"


def test_two_versions_of_one_plan_are_told_apart(tmp_path: Path) -> None:
    for pid, name in (("mine-2016", "jx-draft.txt"), ("mine2-2016", "jx-final.txt")):
        (tmp_path / name).write_bytes(JIAXING.read_bytes())
        prep = prepare(tmp_path / name)
        prep.meta.id, prep.meta.source = pid, f"{pid}.txt"
        store.save(prep, None)
    corpus = load_corpus(DEFAULT_DATA)
    shipped = [p for p in corpus.plans if not p.is_user]
    a, b = [p for p in corpus.plans if p.is_user]
    assert a.meta.short == b.meta.short and a.meta.period_name == b.meta.period_name
    assert (a.tell, b.tell) == ("jx-draft", "jx-final")
    assert a.shown_short == f"{a.meta.short}（自添 jx-draft）"
    for label in (user_mark, plan_label, lambda p: picker_label(p, True), lambda p: p.shown_short):
        assert label(a) != label(b) and "jx-draft" in label(a) and "jx-final" in label(b)
    for x, y in zip(plan_label_shorter(a), plan_label_shorter(b)):  # a narrow tree's labels, each
        assert x != y
    assert all(p.shown_short == p.meta.short and not user_mark(p) and not p.tell for p in shipped)
    shorts = {u.plan_short for u in SearchIndex.build(corpus).units if u.plan_id in (a.id, b.id)}
    assert shorts == {a.shown_short, b.shown_short}  # the search results' names
    view = grid_view(build_grid(corpus, load_catalog(), [a, b]))  # the CSV export's rows
    names = {str(row[3]) for row in view.rows}
    assert names == {a.shown_short, b.shown_short}
