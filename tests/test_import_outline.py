"""Mechanics of the outline builder on small hand-made sources (independent of the real texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.importer.outline import build_plan
from tui.core.importer.sources import SourceError, load_source
from tui.core.lossless import printed_stream, squeeze
from tui.core.model import Plan

META = """id: demo-2021
order: 0
title: 甲市科技创新“十四五”规划
short: 甲市
region: 甲市
period_start: 2021
period_end: 2025
source: demo-2021.txt
"""


def make(tmp_path: Path, text: str, hints: str = "") -> Plan:
    (tmp_path / "demo-2021.txt").write_text(text, encoding="utf-8")
    (tmp_path / "demo-2021.yaml").write_text(META + hints, encoding="utf-8")
    return build_plan(load_source(tmp_path / "demo-2021.yaml"))


TEXT = """甲市人民政府文件
甲政发〔2021〕1号
甲市科技创新“十四五”规划
为加快建设创新型城市，制定本规划。
一、发展基础
（一）现实基础。“十三五”以来，全市创新能力显著增强。
(一)研发投入
研发投入持续增长。
（二）主要任务
1．建设创新平台。加快建设实验室。
专栏1：重点平台
——甲实验室。建设甲实验室。
——乙实验室。建设乙实验室。
2．培育创新企业。实施企业培育计划。
专栏2：企业名单
1．甲公司
2．乙公司
3．丙公司
本段是第二项之后的正文。
专栏3：人才计划
实施更加积极的人才政策。
生物医药：引进领军人才。
医疗器械：培育青年人才。
3．第三项。其后的正文。
专栏4：单段专栏
只有一段。
另一段正文。
抄送：各部门。
"""


def test_outline_front_back_and_partition(tmp_path):
    plan = make(tmp_path, TEXT)
    assert [n.text for n in plan.nodes if n.kind == "front"] == [
        "甲市人民政府文件", "甲政发〔2021〕1号", "甲市科技创新“十四五”规划"]
    assert [n.text for n in plan.nodes if n.kind == "back"] == ["抄送：各部门。"]
    chapter = next(n for n in plan.nodes if n.kind == "chapter")
    sec1, sec2 = chapter.children
    assert (sec1.heading, sec1.title, sec1.children[0].text) == (
        "（一）现实基础。", "现实基础", "“十三五”以来，全市创新能力显著增强。")
    sub = sec1.children[1]  # (一) under a （一） section is a subsection
    assert (sub.kind, sub.number, sub.title) == ("subsection", "(一)", "研发投入")
    assert sec2.title == "主要任务"
    # nothing dropped, repeated or moved
    assert squeeze(printed_stream(plan)) == squeeze(TEXT)


def test_column_heuristics(tmp_path):
    plan = make(tmp_path, TEXT)
    cols = {c.number: c for c in plan.columns()}
    assert [e.label for e in cols["1"].children] == ["甲实验室", "乙实验室"]
    assert cols["1"].parent is not None and cols["1"].parent.heading == "1．建设创新平台。"
    assert "—— entries end; next is numbered 2" in cols["1"].end
    assert [e.text for e in cols["2"].children] == ["1．甲公司", "2．乙公司", "3．丙公司"]
    assert "numbered entries 1–3 end" in cols["2"].end
    item = cols["2"].parent
    assert item is not None and item.parent is not None
    after2 = item.parent.children  # a para after a run-on item belongs to the item's parent
    assert any(n.kind == "para" and n.text == "本段是第二项之后的正文。" for n in after2)
    # an introduction, then labelled entries
    assert [e.label for e in cols["3"].children] == ["", "生物医药", "医疗器械"]
    assert [e.text for e in cols["4"].children] == ["只有一段。"]
    assert "one-paragraph 专栏" in cols["4"].end


def test_end_hint(tmp_path):
    hints = "hints:\n  columns:\n    '4':\n      end_after: 另一段\n"
    plan = make(tmp_path, TEXT, hints)
    col = next(c for c in plan.columns() if c.number == "4")
    assert [e.text for e in col.children] == ["只有一段。", "另一段正文。"]
    assert col.end == "hint: ends after “另一段”"


def test_end_hint_must_match(tmp_path):
    hints = "hints:\n  columns:\n    '4':\n      end_before: 没有这段\n"
    with pytest.raises(SourceError, match=r"demo-2021.yaml: hints.columns.4: no paragraph starting “没有这段”"):
        make(tmp_path, TEXT, hints)


def test_grid_hint(tmp_path):
    text = "甲市科技创新“十四五”规划\n一、任务\n专栏1  平台\n名称\n单位\n\n甲平台\n甲单位\n二、保障\n"
    plan = make(tmp_path, text, "hints:\n  columns:\n    '1':\n      grid: 2\n")
    col = plan.columns()[0]
    assert [(e.kind, e.label, e.text) for e in col.children] == [("header", "", "名称\n单位"),
                                                                ("entry", "甲平台", "甲平台\n甲单位")]
    assert col.title == "平台"
