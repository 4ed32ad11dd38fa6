"""parse_cell: numbers, qualifiers, estimate marks, text cells (every printed case from the 7 tables)."""

import pytest

from tui.core.importer.cells import is_dash, looks_numeric, parse_cell, split_markers


def test_plain_numbers():
    assert parse_cell("2.8").value == 2.8
    c = parse_cell("21.27")
    assert (c.value, c.qualifier, c.estimated, c.markers, c.text) == (21.27, "", False, [], "")
    assert parse_cell("33000").value == 33000.0
    assert parse_cell("3.20").value == 3.2  # printed keeps the trailing zero
    assert parse_cell("3.20").printed == "3.20"


@pytest.mark.parametrize("printed, value, marker", [
    ("3.00▲", 3.0, "▲"),  # 柯桥 十三五 实绩
    ("185▲", 185.0, "▲"),
    ("2.8#", 2.8, "#"),  # 绍兴 PDF
    ("2.30#", 2.3, "#"),
    ("160#", 160.0, "#"),
])
def test_estimate_markers_by_default(printed, value, marker):
    c = parse_cell(printed)
    assert c.value == value
    assert c.markers == [marker]
    assert c.estimated is True
    assert c.text == ""
    assert c.printed == printed


def test_estimate_markers_follow_the_notes():
    # a table whose notes give ▲ another meaning: the mark is kept but is no estimate
    c = parse_cell("3.0▲", estimate_markers=())
    assert (c.value, c.markers, c.estimated) == (3.0, ["▲"], False)
    # and a table whose notes say * is 预计数
    assert parse_cell("12*", estimate_markers=["*"]).estimated is True
    # full-width marks are reported as their ASCII form, so they match the notes
    assert parse_cell("5＊").markers == ["*"]


def test_qualifiers():
    c = parse_cell("130以上")  # 湖州 顶尖人才 2025
    assert (c.value, c.qualifier, c.estimated, c.text) == (130.0, "以上", False, "")
    c = parse_cell("3000以上")  # 嘉兴 科技型中小企业 2020
    assert (c.value, c.qualifier) == (3000.0, "以上")
    c = parse_cell("预计65%")  # 湖州 科技进步贡献率 2020
    assert (c.value, c.qualifier, c.estimated, c.text) == (65.0, "预计", True, "%")
    assert (parse_cell("60%左右").value, parse_cell("60%左右").qualifier) == (60.0, "左右")
    assert (parse_cell("力争3.5").value, parse_cell("力争3.5").qualifier) == (3.5, "力争")
    assert (parse_cell("超70%").value, parse_cell("超70%").qualifier) == (70.0, "超")
    assert (parse_cell("约12").value, parse_cell("约12").qualifier) == (12.0, "约")
    assert parse_cell("5以内").qualifier == "以内"
    assert parse_cell("力争3000以上").qualifier == "力争…以上"


def test_units_and_remainders_go_to_text():
    c = parse_cell("0.05个百分点")  # 嘉兴 年均增长
    assert (c.value, c.text) == (0.05, "个百分点")
    c = parse_cell("1.07%")
    assert (c.value, c.text) == (1.07, "%")
    c = parse_cell("33（3.4）")  # 绍兴 数字经济 2020: 核心产业 in brackets
    assert (c.value, c.text) == (33.0, "（3.4）")
    assert parse_cell("12％").text == "％"  # as printed, not normalised


@pytest.mark.parametrize("printed", ["增速高于固定资产投资增速", "增速高于固定资产投资增幅", "-", "—", "是", "否"])
def test_text_cells(printed):
    c = parse_cell(printed)
    assert c.value is None
    assert c.text == printed
    assert c.estimated is False
    assert c.qualifier == ""


def test_not_numbers():
    assert parse_cell("5G基站").value is None
    assert parse_cell("5G基站").text == "5G基站"
    assert parse_cell("").value is None and parse_cell("").text == ""
    assert parse_cell("-5").value == -5.0  # a sign on a number is a number, a bare dash is not
    assert is_dash("—") and is_dash("--") and not is_dash("-5")
    assert looks_numeric("2.8#") and looks_numeric("—") and looks_numeric("33（3.4）")
    assert not looks_numeric("（%）*") and not looks_numeric("增速高")


def test_split_markers_keeps_order():
    assert split_markers("1▲*") == ("1", ["▲", "*"])
