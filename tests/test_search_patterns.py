"""The regex-free matchers (`tui.core.search.finders`), the incremental pinyin expansion and the
engine's shortcuts (exact masks, typing-on narrowing) give exactly what the plain forms give:
regexes, the one-pass expansion, a full scan; loose (typo) matches score only the best candidates."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import REAL

from tui.core.load import load_corpus
from tui.core.search.finders import Initials, Literal, Scattered, Seqs
from tui.core.search.index import SearchIndex
from tui.core.search.pinyin import MAX_SYLLABLE, TWO_LETTER_INITIALS, Vocab, normalize
from tui.core.search.query import Term
from tui.core.search.typos import LOOSE_TOP

TEXTS = [
    "重点实验室和重点研发计划，长期稳定支持；银行业与行业协会。",
    "研发经费投入强度达到3%，R&D经费支出年均增长10%以上。",
    "专栏 4-1 重大科创平台：实验室体系、长三角一体化，数字经济。",
    "西安先进制造；网络安全与物联网，一体化推进",
]


def reference_expand(v: Vocab, term: str) -> dict[str, int]:
    """The one-pass expansion the incremental one replaced (same rules, no caching)."""
    n = len(term)
    if n == 0:
        return {}

    def options(i):
        ch = term[i]
        opts = [(i + 1, frozenset((ch,)), 0, False)]
        if not ("a" <= ch <= "z"):
            return opts
        for j in range(i + 1, min(n, i + MAX_SYLLABLE) + 1):
            chars = v.full.get(term[i:j])
            if chars:
                opts.append((j, chars, 0, True))
        rest = term[i:]
        if len(rest) <= MAX_SYLLABLE and rest in v.prefix:
            opts.append((n, v.prefix[rest], 0, len(rest) > 1))
        if i + 1 < n:
            opts.append((i + 1, v.prefix.get(ch, frozenset()), 1, False))
            two = term[i : i + 2]
            if two in TWO_LETTER_INITIALS and i + 2 < n:
                opts.append((i + 2, v.prefix.get(two, frozenset()), 1, False))
        return opts

    frontier: list[dict[str, int]] = [{} for _ in range(n + 1)]
    frontier[0][""] = 0
    for i in range(n):
        for seq, qual in frontier[i].items():
            allowed = v.succ.get(seq[-1], set()) if seq else None
            for end, chars, q, syllable in options(i):
                if (syllable and qual) or (q and not seq):
                    continue
                nxt = chars if allowed is None else chars & allowed
                if len(seq) >= 2:
                    nxt = [c for c in nxt if seq[-2:] + c in v.trigrams]
                for c in nxt:
                    s = seq + c
                    qq = max(q, qual)
                    if s not in frontier[end] or qq < frontier[end][s]:
                        frontier[end][s] = qq
    return frontier[n]


TERMS = ["y", "ya", "yan", "yanf", "yanfa", "yanfaj", "yanfajingfei", "yfjf", "yanfjf", "zd", "zdsys",
         "zhongdian", "chongdian", "zhongd", "changqi", "zhangqi", "hangye", "xingye", "yinhangye",
         "wl", "wangluo", "wlaq", "xian", "xia", "xianjin", "r&d", "r&djingf", "专栏sys", "专栏s", "sz",
         "shuziji", "szjj", "3%", "chsh", "zhch", "yitihua", "ytih", "a", "e"]


def test_incremental_expansion_equals_one_pass():
    v = Vocab.build([normalize(t) for t in TEXTS])
    for term in TERMS:
        assert v.expand(term) == reference_expand(v, term), term
    v.clear_cache()
    for term in reversed(TERMS):  # cold, and longest first
        assert v.expand(term) == reference_expand(v, term), term
    assert not v.capped


def test_expansion_readings_heteronyms_y_w_and_mixed():
    v = Vocab.build([normalize(t) for t in TEXTS])
    assert v.expand("zhongdian") == {"重点": 0} and v.expand("chongdian") == {"重点": 0}
    assert v.expand("changqi") == {"长期": 0} and v.expand("zhangqi") == {"长期": 0}
    assert "行业" in v.expand("hangye") and "行业" in v.expand("xingye")
    assert v.expand("yanfjf").get("研发经费") == 1  # full, then initials
    assert "网络" in v.expand("wangl") and "一体" in v.expand("yit")  # y/w syllables
    assert v.expand("r&djingf") == {"r&d经费": 0}
    assert "西安" in v.expand("xian") and "先" in v.expand("xian")  # xi+an and xian
    assert v.expand("3%") == {"3%": 0}  # characters typed as is (the matcher leaves this to the exact tier)


def regex_for(seqs) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s) for s in sorted(seqs, key=len, reverse=True)))


@pytest.mark.parametrize("term", ["zhongdian", "zhongd", "changq", "hangye", "xingye", "yanfaj", "yanfjf", "wangl",
                                  "xian", "shuz", "r&djingf", "yit", "jing", "y", "s"])
def test_seqs_matcher_equals_the_regex_it_replaces(term):
    norms = [normalize(t) for t in TEXTS]
    v = Vocab.build(norms)
    seqs = [s for s in v.expand(term) if s != term]
    assert seqs
    pat, ref = Seqs(seqs, v.itable), regex_for(seqs)
    blob = "\x00".join(norms) + "\x00"
    iblob = v.initials_text(blob)
    for text in norms + [blob]:
        itext = v.initials_text(text)
        m = ref.search(text)
        assert pat.search(text, itext, 0, len(text)) == (m.start() if m else -1)
        assert pat.hit(text, itext, 0, len(text)) == bool(m)
        assert pat.spans(text, itext) == [x.span() for x in ref.finditer(text)]
    starts = [0]
    for t in norms:
        starts.append(starts[-1] + len(t) + 1)
    for k in range(len(norms)):  # within one unit of the blob
        s, e = starts[k], starts[k + 1] - 1
        m = ref.search(blob, s, e)
        assert pat.search(blob, iblob, s, e) == (m.start() if m else -1)
        assert pat.hit(blob, iblob, s, e) == bool(m)


@pytest.mark.parametrize("term", ["重点", "研经", "实室", "长稳", "重重", "专一", "业会", "经济体", "3%", "a"])
def test_literal_and_scattered_equal_their_regexes(term):
    blob = "\x00".join(normalize(t) for t in TEXTS) + "\x00"
    lit = Literal(term)
    ref = re.compile(re.escape(term))
    assert lit.spans(blob, blob) == [m.span() for m in ref.finditer(blob)]
    parts = []
    for k, ch in enumerate(term):
        e = re.escape(ch)
        if k:
            parts.append(f"[^{e}\\x00]*+")
        parts.append(f"({e})")
    sref = re.compile("".join(parts))
    sc = Scattered(term)
    for start in range(0, len(blob), 7):
        m = sref.search(blob, start)
        assert sc.search(blob, blob, start, len(blob)) == (m.start() if m else -1), (term, start)
    for text in TEXTS:
        t = normalize(text)
        m = sref.search(t)
        spans = sc.spans(t, t)  # the tightest match (fewest runs, then narrowest), not always the leftmost
        assert bool(spans) == bool(m)
        if m:
            assert "".join(t[a:b] for a, b in spans) == term and spans == sorted(spans)
            pieces = 1 + sum(b[0] != a[1] for a, b in itertools.pairwise(spans))
            regex_pieces = 1 + sum(m.start(g + 1) != m.end(g) for g in range(1, len(term)))
            assert (pieces, spans[-1][1] - spans[0][0]) <= (regex_pieces, m.end() - m.start())


def test_initials_pattern_matches_on_the_initials_text():
    v = Vocab.build([normalize(t) for t in TEXTS])
    text = normalize(TEXTS[0])
    itext = v.initials_text(text)
    pattern = v.initials_pattern("zdsys")
    assert pattern is not None
    pat = Initials(pattern)
    assert pat.hit(itext=itext, text=text, start=0, end=len(text))
    s, e = pat.spans(text, itext)[0]
    assert text[s:e] == "重点实验室"
    pattern = v.initials_pattern("cdsys")
    assert pattern is not None and Initials(pattern).hit(text, itext, 0, len(text))  # 重 is chong too


def snapshot(ix: SearchIndex, q: str, limit: int = 50):
    r = ix.search(q, limit=limit)
    return [(h.unit.key, h.tier, h.score, h.spans) for h in r.hits], r.more, r.errors


@pytest.fixture(scope="module")
def real_pair():
    if not REAL.exists():
        pytest.skip("data file not built")
    fast = SearchIndex.build(load_corpus(REAL))
    slow = SearchIndex.build(load_corpus(REAL))
    slow.narrow = False
    return fast, slow


@pytest.mark.parametrize("q", ["高新技书", "科技创薪", "人工智障", "高薪技术", "数字经纪", "研发经废投入", "长三角一题化"])
def test_loose_matches_same_with_or_without_narrowing(real_pair, q):
    fast, slow = real_pair
    got = snapshot(fast, q)
    assert got == snapshot(slow, q)
    assert got == snapshot(fast, q, 50)  # again, with everything cached
    assert snapshot(fast, q, 3)[0] == got[0][:3]  # the limit cuts the same ranking


@pytest.mark.parametrize("typo, word", [("高新技书企业", "高新技术企业"), ("研发经废", "研发经费"), ("重点实验示", "重点实验室"),
                                        ("数字经纪", "数字经济"), ("长三角一题化", "长三角一体化")])
def test_loose_typo_finds_the_intended_word_first(real_pair, typo, word):
    """Only the LOOSE_TOP candidates holding most of the term's characters and pairs are scored;
    the units with the intended word still rank first among the typo matches (each typo here is a
    homophone: the sound tier finds the word, the loose tier comes after)."""
    fast, _ = real_pair
    fast.clear_caches()
    r = fast.search(typo)
    fuzzy = [h for h in r.hits if h.tier_name in ("sound", "loose")]
    assert fuzzy and all(word in h.unit.text for h in fuzzy[:3]), [h.unit.text[:30] for h in fuzzy[:3]]
    loose = [h for h in r.hits if h.tier_name == "loose"]
    assert len(loose) <= LOOSE_TOP
    scores = [h.score for h in loose]
    assert scores == sorted(scores, reverse=True)


def test_loose_scores_only_the_best_candidates(real_pair):
    fast, _ = real_pair
    fast.clear_caches()
    r = fast.search("高新技猫企业")  # ~190 units hold five of its six characters (猫 is not in the plans)
    assert not any(h.tier_name == "sound" for h in r.hits)
    assert LOOSE_TOP // 2 < len(r.hits) <= LOOSE_TOP and r.more  # some were left unscored
    assert all("高新技术企业" in h.unit.text for h in r.hits[:10])


def test_typing_on_narrows_only_when_safe(real_pair):
    fast, _ = real_pair
    t = lambda *xs: [Term(x) for x in xs]  # noqa: E731
    fast.search("yanfa")
    assert fast._extends(t("yanfa"), t("yanfaj"))
    assert fast._extends(t("yan", "fa"), t("yan", "fa", "j"))
    assert not fast._extends(t("yan", "fa"), t("yan"))  # fewer terms match more
    assert not fast._extends(t("yanfa"), t("yanfb"))
    assert not fast._extends(t("zh"), t("zho"))  # zh may have been an initial
    assert not fast._extends([Term("gdp", exact=True)], t("gdpx"))


@pytest.mark.parametrize("typed", ["yanfzhj", "zdsysz", "重点 !yinhang", "人才 !十三五", "@hz zdsy", "#zl jishu",
                                   "gxjsqy 'R", "yan fa jing fei", "R&D jingfei", "专栏 sys"])
def test_every_keystroke_equals_a_full_scan(real_pair, typed):
    fast, slow = real_pair
    fast.clear_caches()
    for k in range(1, len(typed) + 1):
        q = typed[:k]
        assert snapshot(fast, q) == snapshot(slow, q), q
        assert snapshot(fast, q, 3) == snapshot(slow, q, 3), q
