"""A pinyin term that spells one Chinese term finds what that term finds (a first user: 研发经费
found 13 results, yfjf and yanfajingfei 4): its own matches first (the Chinese term as printed),
then the indicator rows the catalogue names by it and the term's scattered matches; a pinyin term
that spells a catalogue name the plans never print (yfqd: 研发强度) finds that name's rows. An
ambiguous pinyin term (yanfa: 研发, 广泛…) gets nothing it did not spell."""

from __future__ import annotations

import pytest

from tui.core.load import load_corpus
from tui.core.locations import DEFAULT_DATA
from tui.core.search.index import SearchIndex
from tui.core.search.terms import EXACT, INITIALS, PINYIN, SCATTERED


@pytest.fixture(scope="module")
def ix() -> SearchIndex:
    return SearchIndex.build(load_corpus(DEFAULT_DATA, use_cache=False, user_plans=False))


def units(ix: SearchIndex, q: str) -> list[str]:
    return [h.unit.key for h in ix.search(q, limit=100).hits]


@pytest.mark.parametrize(("chinese", "pinyin"), [("研发经费", "yfjf"), ("研发经费", "yanfajingfei"),
                                                 ("研发经费", "yanfajf"), ("研发强度", "yfqd"),
                                                 ("研发强度", "yanfaqiangdu")])
def test_pinyin_finds_what_its_chinese_term_finds(ix, chinese, pinyin):
    want = units(ix, chinese)
    assert len(want) > 4
    assert units(ix, pinyin) == want  # the same units in the same order
    hits = ix.search(pinyin, limit=100).hits
    tiers = [h.tier for h in hits]
    assert tiers == sorted(tiers)  # what it spells first, scattered matches after
    assert SCATTERED in tiers
    for h in hits:  # each result shows where it matched
        assert h.spans, h.unit.text


def test_exact_spellings_rank_first_and_are_highlighted_as_the_chinese_term(ix):
    hits = ix.search("yfjf", limit=100).hits
    firsts = [h for h in hits if h.tier in (EXACT, PINYIN, INITIALS)]
    assert firsts and hits[: len(firsts)] == firsts
    assert all("研发经费" in h.unit.text for h in firsts)
    scattered = [h for h in hits if h.tier == SCATTERED]
    assert scattered
    for h in scattered:  # 研…发…经…费 highlighted
        assert set("研发经费") <= set("".join(h.unit.text[a:b] for a, b in h.spans)), h.unit.text


def test_an_ambiguous_pinyin_term_adds_no_chinese_terms_matches(ix):
    assert ix.search("yanfa", limit=500).hits  # 研发, 广泛, 厂房…
    assert all(h.tier != SCATTERED for h in ix.search("yanfa", limit=500).hits)
    assert ix.catalog_spelled("yanfa") is None  # no catalogue name in full
    assert ix.catalog_spelled("yfqd") == "研发强度"
