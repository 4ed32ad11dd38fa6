"""The bitmask prefilter (units narrowed by character, letter-pair, plan and kind masks before any
regex runs) gives exactly the results of scanning the whole text, on every keystroke of the
benchmark's replay and of the queries the other tests use."""

from __future__ import annotations

import pytest
from corpora import MINI, REAL

from bench.search import QUERIES, keystrokes
from tui.core.load import load_corpus
from tui.core.search.index import SearchIndex
from tui.core.search.masks import iter_bits

EXTRA = ["zd", "cd", "changqi", "zhangqi", "hangye", "xingye", "jichengdl", "jcdl", "yf", "wl", "gdp", "研投",
         "专栏 jc", "研发tr", "重点 实验室", "'zhongdian", "重点 !银行", "重点 !yinhang", "yan fa", "重点 @乙区",
         "重点 @yiqu", "#zl 重点", "#指标", "科技 #标题", "重点 #bogus", "k", "[bold", "zdsy @hz", "数字 jj", "g",
         "科技创薪", "人工智障", "数字经纪", "yanfzhj", "人才 !shisan", "国国", "国国 发展", "创新创新"]


def snapshot(ix: SearchIndex, q: str, limit: int):
    r = ix.search(q, limit=limit)
    return [(h.unit.key, h.unit.text, h.tier, h.score, h.spans) for h in r.hits], r.more, r.errors


@pytest.mark.parametrize("path", [MINI, REAL], ids=["mini", "real"])
def test_narrowed_equals_full_scan_on_every_keystroke(path):
    if not path.exists():
        pytest.skip("data file not built")
    fast = SearchIndex.build(load_corpus(path))
    slow = SearchIndex.build(load_corpus(path))
    slow.narrow = False
    n = 0
    for q in keystrokes(QUERIES + EXTRA):
        for limit in (50, 3):
            assert snapshot(fast, q, limit) == snapshot(slow, q, limit), (q, limit)
            n += 1
    assert n > 300


def test_iter_bits_in_order():
    assert list(iter_bits(0b1010_0000_0001 | 1 << 70)) == [0, 9, 11, 70]
    assert list(iter_bits(0)) == []


def test_initials_triples_narrow_below_the_pairs():
    """zdsy: the first-letter triple masks keep fewer candidates than the pair masks alone, and
    every unit the initials pattern hits."""
    if not REAL.exists():
        pytest.skip("data file not built")
    from tui.core.search.query import Term

    ix = SearchIndex.build(load_corpus(REAL))
    assert ix.trigram_buckets
    m = ix.matcher(Term("zdsy"))
    i = next(k for k, spec in enumerate(m.specs) if spec[2])  # the pattern on the initials text
    cand = ix.cand_mask(m, i)
    assert cand is not None, "expected the initials' letter pairs to narrow the candidates"
    pairs = ix.pair_masks["zd"] & ix.pair_masks["ds"] & ix.pair_masks["sy"]
    assert cand & ~pairs == 0 and cand.bit_count() < pairs.bit_count()
    pat = m.pattern(i)
    hits = [uid for uid in range(len(ix)) if pat.hit(ix.unit_text(uid), ix.unit_initials(uid), 0, len(ix.unit_text(uid)))]
    assert hits and all(cand >> uid & 1 for uid in hits)
