"""`y` cites the 发文字号 and the date of issue as well as the path."""

from __future__ import annotations

from conftest import MINI

from tui.core.cite import chinese_date, citation
from tui.core.load import load_corpus


def test_citation_has_doc_number_and_date():
    corpus = load_corpus(MINI)
    plan = corpus.plans[0]
    line = citation(None, plan)
    assert f"（{plan.meta.doc_number}，2021年7月25日印发）" in line


def test_chinese_date():
    assert chinese_date("2021-07-05") == "2021年7月5日"
    assert chinese_date("2021年") == "2021年"
    assert chinese_date("") == ""
