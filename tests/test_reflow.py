"""Reflow of PDF-extracted text (source 001, 绍兴市) into logical lines.

The exact checks below were verified by reading data/sources/shaoxing-2021.txt (line numbers
are 0-based raw line indexes into that file).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tui.core.importer.reflow import Logical, is_page_number, print_width, reflow

SOURCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "shaoxing-2021.txt"
WS = re.compile(r"\s+")


def squeeze(s: str) -> str:
    return WS.sub("", s)


def rebuild(logicals: list[Logical]) -> str:
    """All logical texts with their page furniture put back at the offsets, in order."""
    out = []
    for g in logicals:
        text, last = [], 0
        for at, printed in g.breaks:
            text.append(g.text[last:at])
            text.append(printed)
            last = at
        text.append(g.text[last:])
        out.append("".join(text))
    return "".join(out)


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def out(lines) -> list[Logical]:
    return reflow(lines)


@pytest.fixture(scope="module")
def by_line(out) -> dict[int, Logical]:
    return {g.line: g for g in out}


# -- lossless -----------------------------------------------------------------


def test_whole_file_is_lossless(lines, out):
    assert squeeze(rebuild(out)) == squeeze("\n".join(lines))


def test_lossless_on_random_stretches(lines):
    """The importer calls reflow on stretches between tables: any cut must stay lossless."""
    rng = random.Random(2021)
    for _ in range(40):
        a = rng.randrange(len(lines))
        b = rng.randrange(a, len(lines) + 1)
        part = lines[a:b]
        got = reflow(part)
        assert squeeze(rebuild(got)) == squeeze("\n".join(part)), (a, b)
        for g in got:
            assert 0 <= g.line < len(part)
            assert g.text.startswith(part[g.line].strip()) or is_page_number(g.text)


def test_each_logical_starts_at_its_first_raw_line(lines, out):
    starts = [g.line for g in out]
    assert starts == sorted(set(starts))
    for g in out:
        assert g.text == g.text.strip()
        assert g.text.startswith(lines[g.line].strip())
        for at, printed in g.breaks:
            assert 0 < at < len(g.text) and is_page_number(printed)


# -- front and back matter ------------------------------------------------------


def test_front_matter(by_line, out):
    assert [g.text for g in out[:9]] == [
        "绍兴市人民政府文件",
        "绍政发〔2021〕20号",
        "绍兴市人民政府关于印发绍兴市科技创新“十四五”发展规划的通知",  # two printed lines
        "各区、县（市）人民政府，市政府各部门、各单位：",
        "现将《绍兴市科技创新“十四五”发展规划》印发给你们，请认真贯彻执行。",
        "绍兴市人民政府",
        "2021年 7月 25日",
        "（此件公开发布）",
        "绍兴市科技创新“十四五”发展规划",  # page-break leading space dropped
    ]
    assert by_line[4].text.endswith("发展规划的通知")


def test_chaosong_is_one_logical_line(out):
    last = out[-1]
    assert last.line == 1558
    assert last.text == "抄送：市委各部门，市人大常委会办公室，市政协办公室，绍兴军分区，市监委，市中级法院，市检察院。"
    assert out[-2].text.endswith("营造科技创新的法治环境和公平竞争的市场环境。")


# -- headings and paragraphs ------------------------------------------------------


def test_run_on_heading_is_one_logical_line(by_line):
    g = by_line[32]
    assert g.text.startswith("（一）现实基础。“十三五”以来，按照高质量发展要求，大力实施创新驱动发展战略，")
    assert g.text.endswith("为建设高水平创新型城市打下坚实基础。")
    # ASCII kept as printed inside a line, nothing inserted at the joins
    assert "2020年，全社会 R&D 投入占 GDP比重预计达到 2.8%" in g.text
    assert "每万人有效发明专利拥有量26.09件" in g.text


def test_chapter_headings_stand_alone(by_line):
    for line, text in [(30, "一、发展背景"), (247, "二、总体思路"), (379, "三、重点领域"),
                       (629, "四、主要任务"), (1474, "五、保障措施"), (265, "（二）基本原则")]:
        assert by_line[line].text == text


def test_heading_wrapped_over_two_lines(by_line):
    assert by_line[637].text == "（一）以绍兴科创大走廊建设为引领，实施创新平台提能造峰工程"
    assert by_line[994].text == "（四）以“名士之乡”英才引育为引领，实施科技人才集聚裂变工程"
    assert by_line[641].text.startswith("1．高水平推进绍兴科创大走廊建设。对标 G60科创走廊，")


def test_paragraph_across_page_break_drops_leading_space(by_line):
    g = by_line[97]  # line 98 is " 新人才作为关键一招，…" — the first line of a new page
    assert g.text.startswith("3．聚焦人才引领，创新创业人才加快集聚。把集聚高层次创新人才作为关键一招，")
    assert g.text.endswith("2020年人才资源总量达到 135.7万人。")
    assert not g.breaks
    assert by_line[57].text.startswith("1．聚焦战略支撑，创新平台建设加速推进。全面实施绍兴科创大走廊")


def test_number_that_did_not_fit_continues_the_line(by_line):
    # line 93 is short only because "28.6%。" could not be split
    assert by_line[77].text.endswith("创新成果产出明显。发明专利授权量年均增长28.6%。")


def test_page_number_inside_paragraph_is_a_break(by_line):
    g = by_line[1178]
    assert len(g.breaks) == 1
    at, printed = g.breaks[0]
    assert printed == "─ 27 ─"
    assert g.text[:at].endswith("提供创业辅导、工业设计、流")
    assert g.text[at:].startswith("程再造、智能生产等创新型服务")
    g = by_line[1476]
    assert g.breaks == [(g.text.index("识。建立市、县两级"), "─ 34 ─")]


def test_page_number_between_paragraphs_is_its_own_logical(by_line, out):
    page = by_line[605]
    assert page.text == "─ 14 ─" and page.page and page.is_page and not page.breaks
    assert [g.line for g in out if g.page] == [605]
    assert by_line[595].text.endswith("开拓新的交叉学科前沿。")
    assert by_line[607].text.startswith("新一代通信与智能网络：")


# -- 专栏 -----------------------------------------------------------------------


def test_each_column_title_is_its_own_logical_line(lines, out):
    titles = [g for g in out if g.text.startswith("专栏")]
    numbers = [re.match(r"专栏 (\d+)：", g.text) for g in titles]
    assert [m.group(1) if m else None for m in numbers] == [str(i) for i in range(1, 14)]
    for g in titles:
        assert g.text == lines[g.line].strip()
    assert titles[9].text == "专栏 10：绍兴市“十四五”省级以上重点实验室（工程技术研究中心）培育名单"


def test_column_10_items_stay_separate(out, by_line):
    i = next(k for k, g in enumerate(out) if g.text.startswith("专栏 10："))
    items = out[i + 1 : i + 21]
    assert [g.text.split("．")[0] for g in items] == [str(n) for n in range(1, 21)]
    assert items[15].text == "16．浙江省创伤修复材料工程技术研究中心"  # printed after a page break
    assert items[19].text == "20．浙江省住宅产业化与建设工程技术研究中心"
    assert out[i + 21].text.startswith("2．建立健全技术创新中心体系。")


def test_column_8_and_9_items(out, by_line):
    i = next(k for k, g in enumerate(out) if g.text.startswith("专栏 8："))
    assert [g.text for g in out[i + 4 : i + 6]] == ["4．迪荡湖科技 CBD", "5．浙江大学绍兴研究院"]
    j = next(k for k, g in enumerate(out) if g.text.startswith("专栏 9："))
    rows = out[j + 1 : j + 11]
    assert all(g.text.count("综合体") == 2 for g in rows)
    assert rows[-1].text == "新昌轴承产业创新服务综合体 新昌茶产业创新服务综合体"
    assert out[j + 11].text.startswith("4．高起点建设海内外创新平台。")


def test_column_3_labelled_entries(out):
    i = next(k for k, g in enumerate(out) if g.text.startswith("专栏 3："))
    labels = [g.text.split("：")[0] for g in out[i + 1 : i + 7]]
    assert labels == ["机器人", "智能制造装备", "高端电机", "新能源汽车及关键组件", "先进交通装备", "节能环保装备"]
    assert out[i + 2].text.endswith("推进智能纺织装备研发。")
    assert out[i + 7].text.startswith("4．新材料：")


def test_column_5_entry_ending_near_full_width(by_line):
    # line 536 is 36 em wide in a 37-em box; the label "金属加工：" starts the next entry
    assert by_line[532].text.endswith("三废绿色循环处理及生态高值化利用技术开发与应用研究。")
    assert by_line[538].text.startswith("金属加工：高强高导")


def test_table_note_set_around_a_marker(by_line):
    assert by_line[163].text == "注：标#为预计数。"


# -- mechanics on a synthetic example -----------------------------------------------


def test_synthetic_example():
    full = "一二三四五六七八九十" * 2 + "甲乙丙丁戊己庚辛"  # 28 em
    lines = [
        " 标题文件",
        "",
        "一、总则",
        "",
        "（一）目标。" + full[:20],  # first line of a paragraph: 26 em counts as full
        "",
        full,
        "",
        "短句结束。",
        "",
        "",
        "─ 3 ─",
        "",
        " 二段" + full[:22] + "ABC",  # a new page; ends with ASCII ...
        "",
        "DEF" + full[:26],  # ... and so does the next line: a space is kept
        "",
        "写完了。",
        "专栏 1：名单",
        "1．甲单位",
        "2．乙单位",
        "   ",
    ]
    for ln in lines:  # the fixture really has the widths the rules talk about
        assert print_width(ln.strip()) <= 28
    for _ in range(2):  # enough lines to measure the width from
        lines += ["", full, "", "尾。"]
    got = reflow(lines)
    texts = [g.text for g in got]
    assert texts[:8] == [
        "标题文件",
        "一、总则",
        "（一）目标。" + full[:20] + full + "短句结束。",
        "─ 3 ─",
        "二段" + full[:22] + "ABC DEF" + full[:26] + "写完了。",
        "专栏 1：名单",
        "1．甲单位",
        "2．乙单位",
    ]
    assert got[3].page and got[3].line == 11
    assert [g.line for g in got[:8]] == [0, 2, 4, 11, 13, 18, 19, 20]
    assert squeeze(rebuild(got)) == squeeze("".join(lines))


def test_page_number_mid_paragraph_synthetic():
    full = "一二三四五六七八九十" * 2 + "甲乙丙丁戊己庚辛"
    lines = ["（一）目标。" + full[:20], full, full, "", "─ 7 ─", "", full[:10] + "。", full, full]
    got = reflow(lines)
    assert got[0].text == "（一）目标。" + full[:20] + full + full + full[:10] + "。"
    assert got[0].breaks == [(6 + 20 + 28 + 28, "─ 7 ─")]
    assert got[1].text == full + full and got[1].line == 7


def test_empty_and_blank_input():
    assert reflow([]) == []
    assert reflow(["", "   ", ""]) == []
