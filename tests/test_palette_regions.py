"""The palette (ctrl+p) lists first the plans a query names by their region's initials or pinyin:
`hz` put the headings about 合作 (he zuo) above 湖州市's plan, which was not even listed; the rest
keeps the engine's order."""

from __future__ import annotations

import pytest
from rich.text import Text

from tui.core.load import load_corpus
from tui.core.locations import DEFAULT_DATA
from tui.core.search.index import SearchIndex
from tui.providers import LIMIT, PALETTE_KINDS, PlansProvider


@pytest.fixture(scope="module")
def provider() -> PlansProvider:
    corpus = load_corpus(DEFAULT_DATA, use_cache=False, user_plans=False)
    p = PlansProvider.__new__(PlansProvider)  # its search alone: no app, no screen
    p._corpus = corpus
    p._index = SearchIndex.build(corpus)
    return p


async def listed(p: PlansProvider, query: str) -> list[str]:
    return [str(h.text) async for h in p.search(query)]


@pytest.mark.parametrize(("query", "region"), [("hz", "湖州市"), ("huz", "湖州市"), ("kq", "柯桥区"),
                                               ("hs", "海曙区"), ("sx", "绍兴市"), ("湖州", "湖州市")])
async def test_a_region_spelled_by_its_initials_is_listed_first(provider, query, region):
    got = await listed(provider, query)
    assert got[0].startswith(region), got[:3]
    assert len(got) <= LIMIT


async def test_the_rest_keeps_the_engines_order(provider):
    index = provider._index
    assert index is not None
    engine = [h.unit.text for h in index.search("hz", limit=LIMIT, kinds=PALETTE_KINDS).hits]
    got = await listed(provider, "hz")
    assert got[1:] == [t for t in engine if not t.startswith("湖州市")][: LIMIT - 1]
    heading = await listed(provider, "zl")  # no region spelled: the engine's order as it was
    assert heading == [h.unit.text for h in index.search("zl", limit=LIMIT, kinds=PALETTE_KINDS).hits]


async def test_the_plan_listed_first_shows_what_matched(provider):
    hits = [h async for h in provider.search("hz")]
    shown = hits[0].match_display
    assert isinstance(shown, Text)
    bold = "".join(shown.plain[s.start:s.end] for s in shown.spans if "bold" in str(s.style))
    assert bold.startswith("湖州"), bold
