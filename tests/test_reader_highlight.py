"""The reader highlights what the search engine matched: Chinese, full pinyin, initials, mixed."""

from __future__ import annotations

import pytest
from conftest import REAL

from tui.app import PlansApp
from tui.core.load import load_corpus
from widgets.reader import Reader, find_matches

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("重点实验室", "重点实验室"),
        ("zhongdian", "重点"),
        ("zdsys", "重点实验室"),
        ("R&D jingfei", "R&D经费"),
        ("changsanjiao", "长三角"),
    ],
)
def test_find_matches_follows_the_engine(query, expected):
    text = "推进长三角一体化，建设重点实验室，加大R&D经费投入。"
    spans = find_matches(text, query.split())
    assert expected in [text[s:e] for s, e in spans]


def test_find_matches_nothing_for_no_query_or_no_match():
    assert find_matches("重点实验室", []) == []
    assert find_matches("重点实验室", ["xyzxyz"]) == []


async def test_reader_counts_and_steps_pinyin_matches():
    corpus = load_corpus(REAL)
    plan = corpus.plan("绍兴市")
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        reader.show(plan, query="zhongdian")
        await pilot.pause()
        assert reader.match_count > 10
        first = reader.match_index
        assert reader.next_match(1)
        await pilot.pause()
        assert reader.match_index == first + 1
