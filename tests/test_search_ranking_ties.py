"""Ranking leftovers: ties in document order, numbers in indicator rows, catalogue aliases."""

from __future__ import annotations

import re

import pytest
from conftest import REAL

from tui.core.load import load_corpus
from tui.core.search.index import SearchIndex


@pytest.fixture(scope="module")
def ix() -> SearchIndex:
    if not REAL.exists():
        pytest.skip("data file not built")
    return SearchIndex.build(load_corpus(REAL))  # built here: no cached index of other code


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
