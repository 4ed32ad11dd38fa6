"""The search engine: units, ranking tiers, pinyin (full, initials, heteronyms, mixed), operators,
filters, highlights, snippets."""

from __future__ import annotations

import pytest
from conftest import MINI, REAL
from rich.cells import cell_len

from tui.core.load import load_corpus
from tui.core.search import index_for, match_spans, parse, snippet
from tui.core.search.index import SearchIndex
from tui.core.search.pinyin import Vocab, normalize, readings


@pytest.fixture(scope="module")
def ix() -> SearchIndex:
    return SearchIndex.build(load_corpus(MINI))


def texts(result) -> list[str]:
    return [h.unit.text for h in result.hits]


def marked(hit) -> list[str]:
    return [hit.unit.text[s:e] for s, e in hit.spans]


def test_units_cover_every_kind(ix):
    kinds = {u.kind for u in ix.units}
    assert {"plan", "meta", "heading", "para", "column", "entry", "table", "indicator", "front"} <= kinds
    ind = next(u for u in ix.units if u.kind == "indicator" and u.text.startswith("R&D"))
    assert ind.key == "alpha-2021/2.2" and ind.crumbs[0] == "甲市"
    assert ix.units[0].kind == "plan"  # rank order: plans first


def test_readings_have_every_heteronym():
    assert {"zhong", "chong"} <= set(readings("重"))
    assert {"chang", "zhang"} <= set(readings("长"))
    assert {"hang", "xing"} <= set(readings("行"))
    assert readings("绿")[0] == "lv"
    assert readings("a") == ()


def test_normalize_keeps_length():
    s = "ＡＢｃ R&D\u3000GDP\n中文"
    assert len(normalize(s)) == len(s) and normalize(s) == "abc r&d gdp 中文"


def test_exact_chinese_and_highlight(ix):
    r = ix.search("研发")
    assert len(r.hits) == 2 and all(h.tier_name == "exact" for h in r.hits)
    assert all(marked(h) == ["研发"] for h in r.hits)
    # shorter text first within a tier (deterministic)
    assert texts(r)[0].startswith("芯片设计")


@pytest.mark.parametrize("q", ["zhongdian", "chongdian", "zd", "cd"])
def test_polyphone_zhong_chong(ix, q):
    r = ix.search(q)
    assert r.hits and all("重点" in marked(h) for h in r.hits if "重点" in h.unit.text)
    assert any(h.unit.text.startswith("重点发展") for h in r.hits)


@pytest.mark.parametrize("q", ["changqi", "zhangqi"])
def test_polyphone_chang_zhang(ix, q):
    assert marked(ix.search(q).hits[0]) == ["长期"]


@pytest.mark.parametrize("q", ["hangye", "xingye"])
def test_polyphone_hang_xing(ix, q):
    assert marked(ix.search(q).hits[0]) == ["行业"]


def test_full_pinyin_above_initials_and_typing_in_progress(ix):
    full = ix.search("jichengdianlu").hits
    assert full[0].tier_name == "pinyin" and marked(full[0]) == ["集成电路"]
    partial = ix.search("jichengdia").hits
    assert partial[0].tier_name == "pinyin" and marked(partial[0]) == ["集成电"]
    ini = ix.search("jcdl").hits
    assert ini[0].tier_name == "initials" and marked(ini[0]) == ["集成电路"]
    mixed = ix.search("jichengdl").hits  # full, then initials
    assert marked(mixed[0]) == ["集成电路"]
    assert full[0].score > ini[0].score


def test_initials_y_w_use_first_letters(ix):
    # 研 (yan) and 未 (wei) have no initial in pypinyin's INITIALS style
    assert "研发" in marked(ix.search("yf").hits[0])
    assert any("未来" in marked(h) for h in ix.search("wl").hits)


def test_exact_ranks_above_pinyin(ix):
    r = ix.search("gdp")
    assert r.hits[0].tier_name == "exact" and "GDP" in marked(r.hits[0])


def test_mixed_scripts(ix):
    r = ix.search("R&D jingfei")
    assert r.hits and r.hits[0].unit.kind == "indicator"
    assert marked(r.hits[0]) == ["R&D经费"]
    r = ix.search("专栏 jc")
    assert r.hits[0].unit.kind == "column" and marked(r.hits[0]) == ["专栏", "集成"]
    r = ix.search("研发tr")  # one term, Han then initials
    assert marked(r.hits[0]) == ["研发投入"]


def test_scattered_below_exact(ix):
    r = ix.search("研投")
    assert r.hits[0].tier_name == "scattered" and marked(r.hits[0]) == ["研", "投"]


def test_loose_match_for_a_typo(ix):
    r = ix.search("高新技猫企业")
    assert r.hits and r.hits[0].tier_name == "loose" and r.hits[0].unit.kind == "indicator"


def test_sound_match_for_a_homophone_typo(ix):
    r = ix.search("高新技书企业")  # 书 typed for 术 (both shu)
    assert r.hits and r.hits[0].tier_name == "sound" and marked(r.hits[0]) == ["高新技术企业"]


def test_headings_and_columns_rank_above_body(ix):
    kinds = [h.unit.kind for h in ix.search("科技").hits]
    assert kinds.index("column") < kinds.index("para") and kinds.index("column") < kinds.index("entry")
    kinds = [h.unit.kind for h in ix.search("创新").hits]
    assert kinds[:2] == ["plan", "plan"] and {"heading", "table"} <= set(kinds[2:])


def test_and_exact_exclude(ix):
    both = texts(ix.search("重点 实验室"))
    assert both and all("重点" in t and "实验室" in t for t in both)
    assert all("GDP" in t for t in texts(ix.search("'GDP")))
    assert ix.search("'zhongdian").hits == []  # exact: no pinyin
    body = texts(ix.search("重点 !银行"))
    assert body and not any("银行" in t for t in body)
    assert not any("银行" in t for t in texts(ix.search("重点 !yinhang")))


def test_phrase_first_for_spaced_pinyin(ix):
    r = ix.search("yan fa")
    assert marked(r.hits[0])[0] == "研发"


def test_plan_and_kind_filters(ix):
    assert {h.unit.plan_id for h in ix.search("重点 @乙区").hits} == {"beta-2021"}
    assert {h.unit.plan_id for h in ix.search("重点 @yiqu").hits} == {"beta-2021"}
    assert {h.unit.plan_id for h in ix.search("重点 @beta").hits} == {"beta-2021"}
    assert {h.unit.kind for h in ix.search("#专栏").hits} == {"column", "entry"}
    assert {h.unit.kind for h in ix.search("#zl 重点").hits} <= {"column", "entry"}
    assert {h.unit.kind for h in ix.search("#指标").hits} == {"indicator", "table"}
    assert {h.unit.kind for h in ix.search("科技 #标题").hits} <= {"plan", "heading", "column", "table"}
    assert ix.search("重点 #bogus").errors and not ix.search("重点 #bogus").hits
    assert ix.search("重点 @nowhere").errors
    assert {h.unit.kind for h in ix.search("重点", kinds=("entry",)).hits} == {"entry"}


def test_lone_operator_characters_are_ignored_while_typing():
    q = parse("研发 ' ! @ #")
    assert [t.text for t in q.terms] == ["研发"] and not q.excludes and not q.plan_tokens


def test_limit_and_more(ix):
    r = ix.search("k", limit=2)
    assert len(r.hits) == 2 and r.more


def test_markup_text_is_searchable_literally(ix):
    r = ix.search("[bold")
    assert r.hits and marked(r.hits[0]) == ["[bold"]


def test_match_spans_for_the_reader():
    text = "重点研发投入，长期稳定"
    assert match_spans(text, "zd chang") == [(0, 2), (7, 8)]
    assert match_spans(text, "研发") == [(2, 4)]
    assert match_spans(text, "@甲市 #专栏") == []
    assert match_spans("", "x") == []


def test_snippet_cuts_by_cells_never_mid_character():
    text = "前" * 40 + "研发经费" + "后" * 40
    spans = [(40, 44)]
    out, shifted = snippet(text, spans, 30)
    assert cell_len(out) <= 30 and out.startswith("…") and out.endswith("…")
    s, e = shifted[0]
    assert out[s:e] == "研发经费"
    short, sp = snippet("a\nb", [(0, 1)], 10)
    assert short == "a b" and sp == [(0, 1)]


def test_vocab_expansion_only_follows_corpus_sequences():
    v = Vocab.build([normalize("重点研发，长期稳定")])
    assert set(v.expand("zhongdian")) == {"重点"}
    assert set(v.expand("changq")) == {"长期"}
    assert v.initials_pattern("zd") and v.initials_pattern("z&") is None
    z = v.initials_pattern("z")
    assert z is not None and v.initials_pattern("z1") == z + "1"  # digits as themselves: zl4-3


def test_index_is_built_once_and_cached_on_disk(tmp_path):
    corpus = load_corpus(MINI)
    a = index_for(corpus)
    assert index_for(corpus) is a
    again = load_corpus(MINI)
    b = index_for(again)  # from the disk cache
    assert b is not a and [u.key for u in b.units] == [u.key for u in a.units]
    assert texts(b.search("zd")) == texts(a.search("zd"))


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built")
class TestRealData:
    @pytest.fixture(scope="class")
    def real(self) -> SearchIndex:
        return SearchIndex.build(load_corpus(REAL))

    def test_yfjf_finds_research_funding(self, real):
        hits = [h for h in real.search("yfjf").hits if h.tier_name != "scattered"]  # 研…经费 after (test_search_spelled)
        assert hits and all("研发经费" in marked(h) for h in hits)

    def test_rd_jingfei(self, real):
        hits = real.search("R&D jingfei").hits
        assert hits[0].unit.kind == "indicator" and "R&D经费" in hits[0].unit.text

    def test_column_sys(self, real):
        hits = real.search("专栏 sys").hits
        assert hits and any("实验室" in marked(h) for h in hits)

    def test_changsanjiao_and_initials(self, real):
        assert any("长三角" in marked(h) for h in real.search("changsanjiao").hits)
        assert any("长三角" in marked(h) for h in real.search("zhangsanjiao").hits)
        assert any("重点" in marked(h) for h in real.search("chongdian").hits)

    def test_plan_filter_by_pinyin(self, real):
        assert {h.unit.plan_id for h in real.search("专栏 @huzhou").hits} == {"huzhou-2021"}
        assert {h.unit.plan_id for h in real.search("专栏 @湖州").hits} == {"huzhou-2021"}

    def test_every_key_resolves(self, real):
        corpus = load_corpus(REAL)
        assert all(corpus.node(u.key) is not None for u in real.units)
