"""tui/core/mentions.py: shortened forms of indicator names and where the plan text mentions them."""

from __future__ import annotations

import pytest
from screen_host import REAL, mini

from tui.core.indicators import load_catalog
from tui.core.load import load_corpus
from tui.core.mentions import MentionIndex, name_forms
from tui.core.model import Meta, Node, Plan
from tui.core.names import match_form, match_form_mapped


def test_normalise_ignores_spaces_width_and_case():
    assert match_form("全社会 R＆D 投入占 GDP比重") == "全社会r&d投入占gdp比重"
    norm, where = match_form_mapped("a Ｂ\nc")
    assert norm == "abc" and where == [0, 2, 4]


def test_forms_are_shortened_sensibly():
    assert name_forms("高新技术企业数") == ["高新技术企业数", "高新技术企业"]
    forms = name_forms("全社会R&D经费支出占GDP比重")
    assert forms[0] == "全社会r&d经费支出占gdp比重"  # the name itself first
    for expected in ("r&d投入占gdp比重", "研发投入占gdp比重", "r&d经费支出", "研发投入"):
        assert expected in forms
    assert forms[1:] == sorted(forms[1:], key=len, reverse=True)
    assert "研发" not in forms and "r&d" not in forms  # too generic
    assert name_forms("每万人高价值发明专利拥有量")[-1] == "高价值发明专利"
    assert "公民具备科学素质" in name_forms("公民具备科学素质的比例")
    assert set(name_forms("顶尖人才和科技领军人才")) >= {"顶尖人才", "科技领军人才"}
    assert "工程技术研究中心" in name_forms("省级以上工程技术研究中心（重点实验室）")
    assert name_forms("高新技术企业数*") == name_forms("高新技术企业数")  # a trailing marker is not a word


def _plan() -> Plan:
    return Plan(Meta(id="p", title="规划", short="甲", region="甲"), nodes=[
        Node("chapter", heading="一、基础", number="一", title="基础", children=[
            Node("para", text="2020年，全社会 R&D 投入占 GDP比重预计达到 2.8%。"),
            Node("para", text="研发投入持续增加。"),
            Node("table", heading="主要指标"),
        ]),
        Node("column", heading="专栏1：研发投入", number="1", title="研发投入", children=[
            Node("entry", text="加大研发投入。"),
            Node("entry", text="全社会研发投入占GDP比重达到3%。"),
        ]),
    ]).index()


def test_find_ranks_specific_forms_first_and_maps_back_to_print():
    plan = _plan()
    found = MentionIndex(plan).find("全社会R&D经费支出占GDP比重")
    chapter, column = plan.nodes
    assert [m.node.key for m in found] == [chapter.children[0].key, column.key, chapter.children[1].key]
    assert found[0].printed == "全社会 R&D 投入占 GDP比重"  # as printed, spaces kept
    assert found[1].printed == "全社会研发投入占GDP比重"  # entry reported as its 专栏, with its best form
    assert found[2].printed == "研发投入"
    assert "2.8%" in found[0].snippet
    assert MentionIndex(plan).find("全社会R&D经费支出占GDP比重", limit=1) == found[:1]


def test_no_mention_and_table_text_ignored():
    plan = _plan()
    idx = MentionIndex(plan)
    assert idx.find("科技进步贡献率") == []
    assert idx.find("主要指标") == []  # the table caption is not a mention


def test_fixture_mention():
    corpus = mini()
    plan = corpus.plans[0]
    table = plan.tables()[0].table
    assert table is not None
    rows = table.rows
    idx = MentionIndex(plan)
    found = idx.for_row(rows[0])
    assert [m.printed for m in found] == ["研发投入占GDP比重"]
    assert idx.for_row(rows[1]) == []


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
def test_real_data_mentions():
    corpus = load_corpus(REAL)
    shaoxing = corpus.plan("shaoxing-2021")
    assert shaoxing is not None
    found = MentionIndex(shaoxing).find("全社会R&D经费支出占GDP比重")
    assert found and match_form(found[0].printed) in ("全社会r&d投入占gdp比重", "全社会r&d经费支出占gdp比重")
    # most indicator rows are mentioned somewhere in their own plan's text; the catalog's other
    # printed names find more (海曙's 研发与试验发展经费支出占地区生产总值比重 is 全社会研发投入 in its text)
    catalog = load_catalog()
    rows = plain = with_catalog = 0
    for plan in corpus.plans:
        idx = MentionIndex(plan)
        for node in plan.tables():
            assert node.table is not None
            for row in node.table.rows:
                rows += 1
                plain += bool(idx.for_row(row))
                with_catalog += bool(idx.for_row(row, catalog=catalog))
    assert rows > 50
    assert plain / rows >= 0.6, f"{plain}/{rows} rows mentioned"
    assert with_catalog > plain
    haishu = corpus.plan("haishu-2021")
    assert haishu is not None
    row = next(r for t in haishu.tables() if t.table for r in t.table.rows if r.name.startswith("研发与试验发展"))
    found = MentionIndex(haishu).for_row(row, catalog=catalog)
    assert found and "研发投入占地区生产总值比重" in match_form(found[0].printed)
