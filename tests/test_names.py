"""tui.core.names: the forms names are compared in."""

from __future__ import annotations

import pytest

from tui.core.names import (
    match_form,
    match_form_mapped,
    no_spaces,
    normalise_name,
    normalise_unit,
    search_form,
    squash,
    title_form,
)


def test_no_spaces_and_title_form() -> None:
    assert no_spaces("绍 兴\u3000市\n科技") == "绍兴市科技"
    assert title_form("“十四五” 科技 创新\"规划\"") == "十四五科技创新规划"


def test_squash_folds_width_case_and_spaces() -> None:
    assert squash("Ｈｕ Ｚｈｏｕ") == "huzhou"
    assert squash("（二） 突出") == "(二)突出"


@pytest.mark.parametrize("printed, form", [
    ("高新技术企业数（家）", "高新技术企业数"),
    ("高新技术企业数(个数)", "高新技术企业数(个数)"),  # not a unit: kept
    ("全社会Ｒ＆Ｄ经费支出占 GDP 比重▲", "全社会r&d经费支出占gdp比重"),
    ("研发投入*（%）", "研发投入"),
    ("", ""),
])
def test_normalise_name(printed: str, form: str) -> None:
    assert normalise_name(printed) == form


def test_normalise_unit() -> None:
    assert normalise_unit("％") == "%"
    assert normalise_unit(" 亿 元 ") == "亿元"
    assert normalise_unit("") == ""


def test_match_form_maps_back_to_the_printed_text() -> None:
    assert match_form("全社会 R＆D 投入") == "全社会r&d投入"
    form, where = match_form_mapped("a Ｂ\nc")
    assert form == "abc" and where == [0, 2, 4]
    form, where = match_form_mapped("ﬁ1")  # one printed character, two in the form
    assert form == "fi1" and where == [0, 0, 1]


def test_search_form_keeps_length() -> None:
    for text in ["ＹａｎＦＡ　经费\n", "R&D\t研发\x00GDP", "", "已是小写"]:
        out = search_form(text)
        assert len(out) == len(text)
    assert search_form("ＹａｎＦＡ　经费\n") == "yanfa 经费 "
    assert search_form("R&D\t研发\x00GDP") == "r&d 研发 gdp"
