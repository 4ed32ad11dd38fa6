"""Ranking leftovers: ties in document order, numbers in indicator rows, catalogue aliases."""

from __future__ import annotations

import re

import pytest
from conftest import REAL

from tui.core.load import load_corpus
from tui.core.search.index import SearchIndex

_KEEP: list[object] = []


@pytest.fixture(scope="module")
def ix() -> SearchIndex:
    if not REAL.exists():
        pytest.skip("data file not built")
    corpus = load_corpus(REAL)
    _KEEP.append(corpus)  # the index reads its table values from the corpus, held weakly
    return SearchIndex.build(corpus)  # built here: no cached index of other code


def test_tied_column_titles_come_in_document_order(ix):
    """湖州 专栏: every 专栏 title matches alike, so they come as the plan numbers them (4-1, 4-2,
    4-3…), not shortest title first."""
    hits = [h for h in ix.search("湖州 专栏", limit=200).hits if h.unit.kind == "column"]
    assert len(hits) >= 10
    numbers = []
    for h in hits:
        m = re.match(r"专栏\s*(\d+)-(\d+)", h.unit.text)
        assert m, h.unit.text
        numbers.append((int(m.group(1)), int(m.group(2))))
    assert numbers == sorted(numbers)
    assert [h.unit.order for h in hits] == sorted(h.unit.order for h in hits)


def test_a_catalogue_alias_finds_the_indicator_rows_before_scattered_matches(ix):
    """研发强度 is an alias of rd_intensity in data/indicators.yaml: every unit's row of that
    indicator (printed 全社会R&D经费支出占GDP比重, 研发与试验发展经费…) comes before the
    scattered 研…强… matches; the same rows under a plan filter."""
    from tui.core.indicators import load_catalog

    ind = load_catalog().get("rd_intensity")
    assert ind is not None and "研发强度" in ind.aliases
    names = {ind.name, *ind.aliases}
    hits = ix.search("研发强度").hits
    rows = [h for h in hits if h.unit.kind == "indicator" and any(n in h.unit.text for n in names)]
    assert len(rows) >= 5
    assert hits[: len(rows)] == rows
    assert any("研发投入强度" in h.unit.text for h in hits[len(rows) : len(rows) + 3])
    huzhou = ix.search("湖州 研发强度").hits
    assert huzhou[0].unit.plan_id == "huzhou-2021" and huzhou[0].unit.kind == "indicator"
    assert not [h for h in ix.search("研发强度", kinds=["para"]).hits if h.unit.kind == "indicator"]


def test_a_number_finds_indicator_rows_holding_it_as_a_value(ix):
    """3.5% finds 柯桥's row 全社会R&D经费支出占GDP比重（%） whose 2025 target cell is 3.5 (the %
    is in the row's name, not the cell), after the paragraph printing 3.5%; a bare 3.5 finds it
    too; the rows found hold 3.5 as a value, never only 35 or 13.5."""
    for q in ("3.5%", "3.5", "3.50%"):
        hits = ix.search(q).hits
        rows = [h.unit for h in hits if h.unit.kind == "indicator"]
        assert any(u.plan_id == "keqiao-2021" and "GDP" in u.text for u in rows), q
        assert hits[0].unit.kind == "para" and "3.5%" in hits[0].unit.text, q
    text, starts, uids = ix.row_values()
    for h in ix.search("3.5").hits:
        if h.unit.kind == "indicator":
            line = text[starts[uids.index(ix.units.index(h.unit))] :].split("\n")[0]
            assert re.search(r"(?<![\d.])3\.50*(?!\d)", line), line
    assert not [h for h in ix.search("3.5元").hits if h.unit.kind == "indicator"]  # 3.5 is a %
    assert not [h for h in ix.search("13.5%").hits if h.unit.plan_id == "keqiao-2021" and "GDP" in h.unit.text]
    assert not [h for h in ix.search("湖州 3.5%").hits if h.unit.plan_id != "huzhou-2021"]
