"""The reader counts a query's matches in a document with one vocabulary for all its texts
(`match_spans_many`, `prime_matches`): the spans, the counts and the numbering are exactly those of
matching each text on its own (`match_spans`), for every kind of query."""

from __future__ import annotations

import pytest
from corpora import MINI, REAL

from tui.core.load import load_corpus
from tui.core.model import Corpus
from tui.core.search.terms import match_spans, match_spans_many
from widgets import reader_pieces
from widgets.reader_document import Document

QUERIES = ("zhongdian shiyanshi", "科技成果", "yanfa", "yfjf", "人才 引进", "shuzi jingji", "gaoxin qiye", "'GDP",
           "zl", "3.5%", "2025年", "研经", "z", "科技 'GDP", "cyl", "专栏sys", "yanfajf", "研发 jingfei")
_corpora: dict[str, Corpus] = {}


def corpus(path: str) -> Corpus:
    if path not in _corpora:
        _corpora[path] = load_corpus(REAL if path == "real" else MINI)
    return _corpora[path]


def sample(which: str) -> list[str]:
    """Texts of every kind of piece (paragraphs, 专栏 titles, table cells) from each plan."""
    texts: list[str] = []
    for plan in corpus(which).plans:
        mine = [t for piece in Document(plan).pieces for t in piece.match_texts()]
        step = max(1, len(mine) // 25)
        texts.extend(mine[::step])
    return texts


@pytest.mark.parametrize("which", ["mini", "real"])
def test_joint_vocabulary_gives_each_texts_own_spans(which: str) -> None:
    texts = sample(which)
    assert len(texts) > 20
    for query in QUERIES:
        alone = [match_spans(t, query) for t in texts]
        together = match_spans_many(texts, query)
        assert together.spans == alone, query
        again = match_spans_many(texts[::-1], query, together.vocab)  # the vocabulary reused for another call
        assert again.spans == alone[::-1], query
    assert any(match_spans(t, "yanfa") for t in texts)  # (the queries do find something)


def test_a_documents_numbering_is_that_of_each_piece_matched_alone() -> None:
    plan = corpus("real").plans[0]
    section = next(n for n in plan.walk() if n.kind == "section" and len(list(n.walk())) > 5)
    for target in (section, plan):
        for query in ("yanfa", "科技成果", "chuangxin pingtai"):
            reader_pieces._SPANS.clear()
            terms = tuple(query.split())
            doc = Document(target)
            ids = doc.match_ids(terms)
            expected = [0]
            for piece in doc.pieces:
                expected.append(expected[-1] + sum(len(match_spans(t, query)) for t in piece.match_texts()))
            assert ids == expected, (target, query)
            assert ids[-1] > 0 or target is section
