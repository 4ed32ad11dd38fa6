"""Search relevance: the researcher queries of `tests/relevance.yaml` held to a precision floor
(`bench/relevance.py` prints the figures), and the ranking fixes each named query needed."""

from __future__ import annotations

import pytest
from conftest import REAL

from bench.relevance import CASES, TARGET_P1, TARGET_P5, load_cases, score, totals
from tui.core.load import load_corpus
from tui.core.search import index_for, match_spans
from tui.core.search.index import SearchIndex
from tui.core.search.typos import homophone_spelling, pinyin_variants


@pytest.fixture(scope="module")
def ix() -> SearchIndex:
    if not REAL.exists():
        pytest.skip("data file not built")
    return index_for(load_corpus(REAL))


def test_relevance_set_is_big_enough_and_names_real_units(ix):
    cases = load_cases(CASES)
    assert len(cases) >= 40
    units = {(u.key, u.text) for u in ix.units}
    keys = {k for k, _ in units}
    for case in cases:
        for key, text in case.relevant:
            assert (key, text) in units if text is not None else key in keys, (case.query, key, text)


def test_precision_stays_above_the_floor(ix):
    """Not a fixed result: any ranking change may move single queries, but not the figures below
    the targets (measured 0.98 and 0.96 when the set was made; 0.77 and 0.76 before the fixes)."""
    scored = score(ix, load_cases(CASES))
    p1, p5, _ = totals(scored)
    misses = [(s.case.query, s.first) for s in scored if s.first != 1]
    assert p1 >= TARGET_P1, misses
    assert p5 >= TARGET_P5, misses


@pytest.mark.parametrize("query", ["研发强度", "研法经费", "3.5%", "专栏 sys", "zl4-3", "yan fa jing fei", "yanfajinfei",
                                   "huanjiu", "湖州 专栏", "huzhou 专栏"])
def test_the_queries_that_failed_a_researcher_find_their_target_first(ix, query):
    case = next(c for c in load_cases(CASES) if c.query == query)
    hits = ix.search(query).hits
    assert hits and case.is_relevant(hits[0]), [h.unit.text[:30] for h in hits[:3]]


@pytest.mark.parametrize("text, found", [("达到3.5%", True), ("3.5 %", True), ("3.50%", True), ("３.５％", True),
                                         ("嘉委发〔2013〕35号", False), ("13.5%", False), ("3.55%", False), ("35%", False),
                                         ("3.5", False)])
def test_a_percentage_matches_as_a_number(text, found):
    assert bool(match_spans(text, "3.5%")) is found


def test_a_number_matches_whole_numbers_only(ix):
    assert all("3.5%" in h.unit.text for h in ix.search("3.5%").hits)
    assert not any("35号" in h.unit.text for h in ix.search("3.5%").hits)
    hits = ix.search("35号").hits
    assert hits and all("35号" in h.unit.text for h in hits)
    assert match_spans("到2035年", "2035年") == [(1, 6)] and match_spans("到12035年", "2035年") == []


def test_pinyin_phrase_highlights_only_the_phrase(ix):
    hits = ix.search("yan fa jing fei").hits
    assert hits
    for h in hits[:4]:
        marked = {h.unit.text[a:b] for a, b in h.spans}
        assert marked == {"研发经费"}, marked
    assert match_spans("研究开发的研发经费", "yan fa jing fei") == [(5, 9)]


@pytest.mark.parametrize("typed, meant", [("huanjiu", "huangjiu"), ("yanfajinfei", "yanfajingfei"),
                                          ("yanfajingfwi", "yanfajingfei"), ("yanfjingfei", "yanfajingfei"),
                                          ("yanfaajingfei", "yanfajingfei"), ("shuzijinji", "shuzijingji"),
                                          ("gaoxinjisu", "gaoxinjishu")])
def test_pinyin_with_one_letter_wrong_missing_or_extra(ix, typed, meant):
    assert meant in pinyin_variants(typed, ix.vocab)
    hits = ix.search(typed).hits
    assert hits and hits[0].tier_name == "sound"


def test_short_or_unspellable_terms_get_no_sound_alikes(ix):
    assert pinyin_variants("yfj", ix.vocab) == []  # too short to guess
    assert pinyin_variants("qwrtxz", ix.vocab) == []
    assert homophone_spelling("研法经费") == "yanfajingfei" and homophone_spelling("R&D") is None


def test_a_bare_region_name_filters_the_plan(ix):
    for q in ("湖州 专栏", "huzhou 专栏", "湖州市 #专栏"):
        hits = ix.search(q).hits
        assert len(hits) > 5 and {h.unit.plan_id for h in hits} == {"huzhou-2021"}, q
    alone = ix.search("湖州").hits  # alone, the name is searched as text
    assert alone and all("湖州" in h.unit.text for h in alone if h.tier_name == "exact")
    assert "湖州" in alone[0].unit.text


def test_scattered_characters_rank_below_terms_standing_together(ix):
    for q in ("研发强度", "研发 强度"):  # 研发强度 names rd_intensity: its indicator rows come first
        first = next(h for h in ix.search(q).hits if h.unit.kind != "indicator")
        assert "研发投入强度" in first.unit.text, q


def test_initials_prefer_the_common_word(ix):
    hits = ix.search("专栏 sys").hits
    assert "实验室" in hits[0].unit.text and "市优势" in hits[1].unit.text


def test_initials_with_digits(ix):
    hits = ix.search("zl4-3").hits
    assert hits and hits[0].unit.text.startswith("专栏4-3")


def test_typing_a_number_on_is_not_narrowed_to_the_shorter_number(ix):
    ix.search("3")
    ix.search("3.")
    assert [h.unit.key for h in ix.search("3.5").hits] == ["keqiao-2021/4.3.1"]
    ix.clear_caches()
    assert [h.unit.key for h in ix.search("3.5").hits] == ["keqiao-2021/4.3.1"]
