"""Indicator tables: region detection and parsing on the five real sources, plus synthetic layouts.

Every expected value below was read off the source text (data/sources/*.txt, byte-identical to
the seeds); line numbers in comments are 1-based source lines.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tui.core.importer.tables import TableError, find_tables, parse_table, split_name
from tui.core.model import Table

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"


@cache
def raw(source_id: str) -> tuple[str, ...]:
    return tuple((SOURCES / f"{source_id}.txt").read_text(encoding="utf-8").split("\n"))


@cache
def tables(source_id: str) -> tuple[Table, ...]:
    lines = list(raw(source_id))
    return tuple(parse_table(lines[a:b], source_id) for a, b in find_tables(lines, source_id))


def roles(t: Table) -> list[str]:
    return [c.role for c in t.columns]


def row(t: Table, number: str):
    return next(r for r in t.rows if r.number == number)


# -- regions ----------------------------------------------------------------------------------

# (first line, last line) 1-based, as a reader marks them: caption … last note (or last row)
REGIONS = {
    "keqiao-2021": [(9, 92), (111, 209)],
    "shaoxing-2021": [(135, 166), (328, 378)],
    "huzhou-2021": [(85, 267)],
    "jiaxing-2016": [(58, 118)],
    "haishu-2021": [(103, 177)],
}


@pytest.mark.parametrize("source_id", sorted(REGIONS))
def test_regions(source_id):
    lines = list(raw(source_id))
    got = [(a + 1, b) for a, b in find_tables(lines, source_id)]
    assert got == REGIONS[source_id]


def test_region_edges_as_printed():
    k = list(raw("keqiao-2021"))
    (a1, b1), (_a2, b2) = find_tables(k, "keqiao-2021")
    assert k[a1] == "“十三五”科技创新主要指标完成情况"
    assert k[b1 - 1] == "注：标▲为预估值。"
    assert k[b1] == "（二）形势背景。"  # the next heading is not swallowed
    assert k[b2 - 1] == "注：标*为“六倍增、六提高”指标，标▲为预计数。"
    assert k[b2] == "三、重点任务 "  # directly under the note, no blank line between
    s = list(raw("shaoxing-2021"))
    (a1, b1), (_a2, b2) = find_tables(s, "shaoxing-2021")
    assert [s[i] for i in range(b1 - 3, b1)] == ["注：标", "#", "为预计数。"]  # a note split over 3 lines
    assert s[b1 + 1].startswith("（二）面临形势。")
    assert s[b2 + 1] == "三、重点领域"
    h = list(raw("haishu-2021"))
    (a, b), = find_tables(h, "haishu-2021")
    assert h[b - 1] == "25" and h[b + 1].startswith("三、创新策源")  # no note: ends at the last cell
    j = list(raw("jiaxing-2016"))
    (a, b), = find_tables(j, "jiaxing-2016")
    assert j[a] == " “十三五”嘉兴科技创新发展规划主要指标" and j[b - 1] == "\t15%"
    z = list(raw("huzhou-2021"))
    (a, b), = find_tables(z, "huzhou-2021")
    assert z[b - 1] == "注:*八倍增八提升指标" and z[b + 1] == "三、创新布局"


@pytest.mark.parametrize("source_id", sorted(REGIONS))
def test_lines_are_the_regions_nonblank_lines_as_printed(source_id):
    lines = list(raw(source_id))
    for (a, b), t in zip(find_tables(lines, source_id), tables(source_id)):
        assert t.lines == [x for x in lines[a:b] if x.strip()]
        assert t.lines[0] == lines[a]


# -- the seven tables ---------------------------------------------------------------------------


def test_keqiao_results():
    t = tables("keqiao-2021")[0]
    assert (t.number, t.caption, t.kind) == ("", "“十三五”科技创新主要指标完成情况", "results")
    assert roles(t) == ["number", "name", "planned", "actual", "met"]
    assert [c.printed for c in t.columns] == ["序号", "指标", "2020年规划目标", "2020年实绩", "是否完成"]
    assert [c.year for c in t.columns] == [None, None, 2020, 2020, None]
    assert len(t.rows) == 12
    r = row(t, "1")
    assert (r.printed_name, r.name, r.unit, r.markers) == ("全社会R&D经费支出占GDP比重（%）", "全社会R&D经费支出占GDP比重", "%", [])
    assert [c.printed for c in r.cells] == ["2.8", "3.00▲", "是"]
    assert (r.cells[1].value, r.cells[1].estimated, r.cells[1].markers) == (3.0, True, ["▲"])
    assert r.cells[2].text == "是" and r.cells[2].value is None
    assert row(t, "8").cells[2].text == "否"  # 年专利授权量 7000 / 5987 / 否
    assert [c.value for c in row(t, "8").cells[:2]] == [7000.0, 5987.0]
    r = row(t, "11")  # name wrapped onto an untabbed line
    assert r.printed_name == "规上战略性新兴产业增加值占规上工业增加值比重（%）"
    assert (r.unit, [c.printed for c in r.cells]) == ("%", ["34", "40.6", "是"])
    assert row(t, "9").unit == "件/万人"
    assert t.notes[0].printed == "注：标▲为预估值。" and t.notes[0].markers == {"▲": "预估值"}


def test_keqiao_targets():
    t = tables("keqiao-2021")[1]
    assert (t.caption, t.kind) == ("“十四五”时期及2035年全区科技创新主要指标", "targets")
    assert roles(t) == ["number", "name", "baseline", "target", "vision"]
    assert [c.year for c in t.columns[2:]] == [2020, 2025, 2035]
    assert len(t.rows) == 15
    r = row(t, "1")
    assert (r.printed_name, r.name, r.unit, r.markers) == ("R&D经费支出占GDP比重（%）*", "R&D经费支出占GDP比重", "%", ["*"])
    assert [(c.value, c.estimated) for c in r.cells] == [(3.0, True), (3.5, False), (4.0, False)]
    r = row(t, "8")  # full-width ％ in the unit
    assert (r.printed_name, r.unit) == ("数字经济核心产业增加值占GDP比重（％）*", "%")
    assert r.cells[2].printed == "-" and r.cells[2].value is None and r.cells[2].text == "-"
    r = row(t, "12")
    assert (r.markers, r.cells[1].text, r.cells[1].value) == ([], "增速高于固定资产投资增速", None)
    assert row(t, "6").unit == "人年" and row(t, "10").unit == "万元/人"
    assert row(t, "15").cells[2].value == 26.0
    assert t.notes[0].markers == {"*": "“六倍增、六提高”指标", "▲": "预计数"}


def test_shaoxing_results():
    t = tables("shaoxing-2021")[0]
    assert (t.caption, t.kind) == ("绍兴市“十三五”科技创新规划主要指标完成情况", "results")
    assert roles(t) == ["number", "name", "planned", "actual"]
    assert [c.printed for c in t.columns] == ["序号", "指标", "“十三五”目标值", "2020年完成值"]
    assert [c.year for c in t.columns[2:]] == [2020, 2020]  # 十三五 ends in 2020
    assert len(t.rows) == 10
    r = row(t, "1")
    assert r.printed_name == "全社会 R&D经费支出占 GDP比重（%）"  # the PDF's spaces kept as printed
    assert r.name == "全社会R&D经费支出占GDP比重"
    assert [(c.printed, c.value, c.estimated) for c in r.cells] == [("2.8", 2.8, False), ("2.8#", 2.8, True)]
    assert row(t, "2").printed_name == "高新技术产业增加值占工业增加值比重（%）"  # line starts with a page-break space
    assert (row(t, "5").name, row(t, "5").unit) == ("高新技术企业数", "")  # no unit printed
    r = row(t, "8")
    assert (r.name, r.unit) == ("省级以上工程技术研究中心（重点实验室）", "家")
    assert t.notes[0].printed == "注：标#为预计数。" and t.notes[0].markers == {"#": "预计数"}


def test_shaoxing_targets_wrapped_rows():
    t = tables("shaoxing-2021")[1]
    assert (t.caption, t.kind) == ("绍兴市科技创新“十四五”主要指标", "targets")
    assert roles(t) == ["number", "name", "baseline", "target", "vision"]
    assert t.columns[1].printed == "指 标"
    assert len(t.rows) == 16
    assert [r.number for r in t.rows] == [str(i) for i in range(1, 17)]
    r = row(t, "3")  # "3" / name / "（%）*" / "2.30# 3.0 4.0" on four lines
    assert r.printed_name == "规上工业企业 R&D经费支出占营业收入比重（%）*"
    assert (r.name, r.unit, r.markers) == ("规上工业企业R&D经费支出占营业收入比重", "%", ["*"])
    assert [c.printed for c in r.cells] == ["2.30#", "3.0", "4.0"]
    r = row(t, "9")
    assert r.printed_name == "数字经济增加值占 GDP比重（数字经济核心产业增加值占 GDP比重）（%）*"
    assert (r.name, r.unit) == ("数字经济增加值占GDP比重（数字经济核心产业增加值占GDP比重）", "%")
    assert [(c.printed, c.value, c.text) for c in r.cells] == [
        ("33（3.4）", 33.0, "（3.4）"), ("50（10）", 50.0, "（10）"), ("—", None, "—")]
    r = row(t, "13")  # a text cell wrapped over four lines: 增速高 / 于固定 / 资产投 / 资增速
    assert r.printed_name == "高新技术产业投资增速（%）"
    assert [c.printed for c in r.cells] == ["9.9", "增速高于固定资产投资增速", "—"]
    assert r.cells[1].value is None and r.cells[1].text == "增速高于固定资产投资增速"
    assert row(t, "10").unit == "名"
    assert [c.printed for c in row(t, "16").cells] == ["13.6", "18.5", "26"]  # after a page-break space
    assert t.notes[0].markers == {"*": "“六倍增、六提高”指标", "#": "预计数"}


def test_huzhou_targets_damaged_text():
    t, = tables("huzhou-2021")
    assert (t.number, t.kind) == ("2-1", "targets")
    assert t.caption == "“十四五”时期及2035年全市科技创新主要指标"  # lost ” restored in the parsed caption
    assert t.lines[0] == "2-1 “十四五时期及2035年全市科技创新主要指标"  # printed as it is
    assert roles(t) == ["number", "name", "baseline", "target", "vision"]
    assert [c.printed for c in t.columns] == ["序号", "标", "2020", "2025", "2035"]
    assert [c.year for c in t.columns[2:]] == [2020, 2025, 2035]
    assert len(t.rows) == 17
    assert all(r.group == "" for r in t.rows)  # no category rows in this table
    r = row(t, "1")
    assert (r.printed_name, r.name, r.unit, r.markers) == ("全社会R&D经费支出占GDP比重(%*", "全社会R&D经费支出占GDP比重", "%", ["*"])
    r = row(t, "13")  # "(%" with no marker
    assert (r.printed_name, r.unit, r.markers) == ("高新技术产业投资增幅(%", "%", [])
    assert r.cells[1].text == "增速高于固定资产投资增幅"
    r = row(t, "10")
    assert (r.cells[1].value, r.cells[1].qualifier) == (130.0, "以上")
    r = row(t, "17")
    c = r.cells[0]
    assert (c.printed, c.value, c.qualifier, c.estimated) == ("预计65%", 65.0, "预计", True)
    assert row(t, "11").printed_name == "高新技术产业增加值占规上工业比重(%)*"
    assert row(t, "16").unit == "万元"
    assert t.notes[0].printed == "注:*八倍增八提升指标" and t.notes[0].markers == {"*": "八倍增八提升指标"}


def test_jiaxing_growth_column():
    t, = tables("jiaxing-2016")
    assert (t.number, t.caption, t.kind) == ("", "“十三五”嘉兴科技创新发展规划主要指标", "targets")
    assert roles(t) == ["name", "baseline", "target", "growth"]
    assert [c.year for c in t.columns] == [None, 2015, 2020, None]
    assert len(t.rows) == 11
    assert all(r.number == "" for r in t.rows)  # no 序号 column
    r = t.rows[0]
    assert (r.printed_name, r.unit) == ("R&D经费占GDP比重（%）", "%")
    assert [(c.printed, c.value, c.text) for c in r.cells] == [
        ("2.73", 2.73, ""), ("3.20", 3.2, ""), ("0.05个百分点", 0.05, "个百分点")]
    r = t.rows[1]
    assert r.printed_name == "企业R＆D经费支出占主营业务收入比重（%）" and r.name == "企业R&D经费支出占主营业务收入比重"
    r = t.rows[8]
    assert r.name == "高新技术企业数"
    assert [(c.value, c.qualifier, c.text) for c in r.cells] == [(567.0, "", ""), (1000.0, "以上", ""), (12.02, "", "%")]
    assert t.rows[-1].printed_name == "高新技术产业投资（亿元）"
    assert t.notes == []


def test_haishu_two_line_header():
    t, = tables("haishu-2021")
    assert (t.number, t.caption, t.kind) == ("表1", "海曙区“十四五”科技创新核心指标目标", "targets")
    assert [c.printed for c in t.columns] == ["序号", "目标名称", "2020年完成值", "2025年目标值"]
    assert roles(t) == ["number", "name", "baseline", "target"]
    assert len(t.rows) == 8
    r = row(t, "1")
    assert (r.name, r.unit) == ("研发与试验发展经费支出占地区生产总值比重", "%")
    assert [c.value for c in r.cells] == [2.28, 3.6]
    r = row(t, "8")
    assert (r.printed_name, r.unit, [c.printed for c in r.cells]) == ("技术交易额(亿元)", "亿元", ["17.5", "25"])
    assert t.notes == []


def test_row_counts():
    got = {sid: [len(t.rows) for t in tables(sid)] for sid in REGIONS}
    assert got == {"keqiao-2021": [12, 15], "shaoxing-2021": [10, 16], "huzhou-2021": [17],
                   "jiaxing-2016": [11], "haishu-2021": [8]}


@pytest.mark.parametrize("source_id", sorted(REGIONS))
def test_every_row_has_one_cell_per_value_column(source_id):
    for t in tables(source_id):
        values = sum(1 for c in t.columns if c.role not in ("number", "name"))
        assert all(len(r.cells) == values for r in t.rows)
        assert sum(c.role == "name" for c in t.columns) == 1
        for r in t.rows:
            assert r.name and "*" not in r.name and " " not in r.name
            assert all(c.value is not None or c.text for c in r.cells)


# -- synthetic layouts: shape, not line numbers ----------------------------------------------------


def test_space_table_without_note_stops_at_the_body():
    lines = ["前文。", "", "某市“十四五”主要指标", "", "序号 指标 2020年 2025年", "",
             "1 研发投入强度（%） 2.5 3.0", "", "2", "高新技术企业", "", "数（家） 100 200",
             "", "三、重点任务", "", "正文段落。"]
    (a, b), = find_tables(lines, "test")
    assert (a, b) == (2, 12)
    t = parse_table(lines[a:b], "test")
    assert [r.printed_name for r in t.rows] == ["研发投入强度（%）", "高新技术企业数（家）"]
    assert [c.value for c in t.rows[1].cells] == [100.0, 200.0]


def test_line_table_shifted_in_the_text():
    body = ["表2 某区主要指标", "", "序号", "", "指标", "", "2020年", "", "2025年", "",
            "1", "", "研发人员（人）", "", "10", "", "20", "", "2", "", "专利（件）", "", "5", "", "9"]
    lines = ["正文。"] * 7 + body + ["", "四、保障措施"]
    (a, b), = find_tables(lines, "test")
    assert (a, b) == (7, 7 + len(body))
    t = parse_table(lines[a:b], "test")
    assert (t.number, t.caption, len(t.rows)) == ("表2", "某区主要指标", 2)


def test_no_table_in_plain_text():
    lines = ["一、总体要求", "", "指标体系不断完善，各项工作扎实推进。", "序号不是表格。"]
    assert find_tables(lines, "test") == []


def test_parse_table_rejects_a_region_that_is_not_a_table():
    with pytest.raises(TableError, match="test: no table header"):
        parse_table(["一、总体要求", "正文。"], "test")
    lines = list(raw("haishu-2021"))
    (a, b), = find_tables(lines, "haishu-2021")
    with pytest.raises(TableError, match="outside the table"):
        parse_table(lines[a:b + 2], "haishu-2021")


@pytest.mark.parametrize("printed, name, unit, markers", [
    ("全社会R&D经费支出占GDP比重(%*", "全社会R&D经费支出占GDP比重", "%", ["*"]),
    ("高新技术产业投资增幅(%", "高新技术产业投资增幅", "%", []),
    ("每万名就业人员中研发人员（人年）*", "每万名就业人员中研发人员", "人年", ["*"]),
    ("省级以上工程技术研究中心（重点实验室）（家）", "省级以上工程技术研究中心（重点实验室）", "家", []),
    ("省级以上工程技术研究中心（重点实验室）", "省级以上工程技术研究中心（重点实验室）", "", []),
    ("高新技术企业数", "高新技术企业数", "", []),
])
def test_split_name(printed, name, unit, markers):
    assert split_name(printed) == (name, unit, markers)
