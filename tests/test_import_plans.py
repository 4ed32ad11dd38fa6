"""The committed data/plans.yaml against the sources: counts per plan and spot checks read off the texts.

Every expected value here was checked by reading data/sources/<id>.txt (line numbers are 1-based)."""

from __future__ import annotations

import pytest
from corpora import REAL

from tui.core.load import load_corpus


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REAL)


def column(plan, number):
    found = [c for c in plan.columns() if c.number == number]
    assert len(found) == 1, f"专栏{number}: {len(found)} found"
    return found[0]


def heading(plan, printed):
    found = [n for n in plan.walk() if n.heading == printed]
    assert len(found) == 1, f"{printed!r}: {len(found)} found"
    return found[0]


COUNTS = {
    "keqiao-2021": {"chapter": 5, "section": 22, "column": 12, "table": 2, "row": 27},
    "shaoxing-2021": {"chapter": 5, "section": 22, "column": 13, "table": 2, "row": 26},
    "huzhou-2021": {"chapter": 5, "section": 20, "column": 10, "table": 1, "row": 17},
    "jiaxing-2016": {"chapter": 4, "section": 16, "column": 7, "table": 1, "row": 11},
    "haishu-2021": {"chapter": 6, "section": 20, "column": 12, "table": 1, "row": 8},
}


def test_plans_in_seed_order(corpus):
    assert [p.id for p in corpus.plans] == list(COUNTS)


@pytest.mark.parametrize("pid", list(COUNTS))
def test_counts(corpus, pid):
    assert corpus.plan(pid).counts() == COUNTS[pid]


@pytest.mark.parametrize("pid", list(COUNTS))
def test_columns_numbered_in_order_with_entries_and_end(corpus, pid):
    cols = corpus.plan(pid).columns()
    numbers = [c.number.split("-")[-1] for c in cols]
    assert numbers == [str(i) for i in range(1, len(cols) + 1)]
    for c in cols:
        assert c.children and all(e.kind in ("entry", "header") for e in c.children), c.heading
        assert all(e.kind == "entry" for e in c.children[1:]), c.heading  # a header row comes first
        assert c.end.startswith(("heuristic: ", "hint: ")), c.heading
        assert c.parent is not None and c.parent.kind in ("chapter", "section", "subsection", "item")


def test_keqiao(corpus):
    p = corpus.plan("keqiao-2021")
    m = p.meta
    assert (m.short, m.parent_region, m.level, m.period_start, m.period_end, m.vision_year) == (
        "柯桥区", "绍兴市", "district", 2021, 2025, 2035)
    assert m.doc_number == "" and m.issuer == ""  # neither is printed (line 1 is the title, line 2 the preamble)
    assert p.nodes[0].kind == "front" and p.nodes[0].text == "柯桥区科技创新发展“十四五”规划"
    assert p.nodes[1].kind == "para" and p.nodes[1].text.startswith("根据《绍兴市柯桥区国民经济")
    assert [n.title for n in p.nodes if n.kind == "chapter"] == [
        "发展基础与面临形势", "总体思路", "重点任务", "重点领域", "保障措施"]
    c1 = column(p, "1")
    assert c1.title == "空间载体" and c1.parent.heading == "1．建设空间载体。"
    assert [e.label for e in c1.children] == ["金柯桥科技城", "省级高新技术产业园区", "杭州临空经济示范拓展区"]
    c10 = column(p, "10")  # line 317
    assert c10.title == "“互联网+”" and len(c10.children) == 7
    assert c10.children[0].text.startswith("——“互联网+制造”。推动互联网与制造业深度融合")
    assert c10.children[-1].text.endswith("康复照料等居家养老服务。")
    c12 = column(p, "12")
    assert c12.title == "社会服务业" and c12.children[-1].label == "疾病防治技术"
    assert "五、保障措施" in c12.end
    sec = heading(p, "（二）战略性新兴产业 。")
    assert sec.kind == "section" and sec.title == "战略性新兴产业"
    item = heading(p, "1．科技创新水平不断提高。")
    assert item.children[0].text.startswith("2020年，柯桥区在全国科技创新百强区中排名升至第11位")
    results = p.tables()[0]
    assert results.parent.heading == "（一）发展基础。"
    assert [c.printed for c in results.table.rows[0].cells] == ["2.8", "3.00▲", "是"]


def test_shaoxing(corpus):
    p = corpus.plan("shaoxing-2021")
    m = p.meta
    assert (m.issuer, m.doc_number, m.issue_date, m.level) == (
        "绍兴市人民政府", "绍政发〔2021〕20号", "2021-07-25", "city")
    front = [n.text for n in p.nodes if n.kind == "front"]
    assert front[1] == "绍政发〔2021〕20号" and "（此件公开发布）" in front
    assert front[-1] == "绍兴市科技创新“十四五”发展规划"
    back = [n.text for n in p.nodes if n.kind == "back"]
    assert len(back) == 1 and back[0].startswith("抄送：市委各部门") and back[0].endswith("市检察院。")
    # a two-line section heading of the PDF joined back into one
    sec = heading(p, "（一）以绍兴科创大走廊建设为引领，实施创新平台提能造峰工程")
    assert sec.kind == "section" and sec.parent.heading == "四、主要任务"
    runon = heading(p, "（一）现实基础。")
    assert runon.title == "现实基础" and runon.children[0].text.startswith("“十三五”以来，按照高质量发展要求")
    assert heading(p, "1．集成电路：").title == "集成电路"
    assert [e.label for e in column(p, "2").children] == ["生物医药", "医疗器械"]
    c8 = column(p, "8")
    assert c8.title == "绍兴科创大走廊十大标志性工程" and len(c8.children) == 10
    assert c8.children[3].text == "4．迪荡湖科技 CBD"
    c9 = column(p, "9")
    assert len(c9.children) == 20 and c9.end.startswith("hint: ")
    assert c9.children[16].text == "嵊州市真丝·领带产业创新服务综合体"  # a middle dot (U+00B7) as printed
    assert c9.children[-1].text == "新昌茶产业创新服务综合体"
    c10 = column(p, "10")
    assert len(c10.children) == 20 and c10.children[-1].text == "20．浙江省住宅产业化与建设工程技术研究中心"
    c7 = column(p, "7")  # page 14 stands between the 量子信息 and 新一代通信 entries
    assert [b.text for b in c7.children[1].breaks] == ["─ 14 ─"]
    pages = sorted(b.text for n in p.walk() for b in n.breaks)
    assert pages == ["─ 14 ─", "─ 27 ─", "─ 34 ─"]
    c13 = column(p, "13")
    assert c13.children[0].text.startswith("抓住长三角共建全球技术交易市场")
    assert c13.children[0].text.endswith("实现技术合同交易额 200亿元以上。")
    targets = p.tables()[1].table
    row5 = next(r for r in targets.rows if r.number == "5")
    assert [c.printed for c in row5.cells] == ["1784", "3700", "8000"]


def test_huzhou(corpus):
    p = corpus.plan("huzhou-2021")
    m = p.meta
    assert (m.issuer, m.doc_number, m.issue_date, m.publish_date) == (
        "湖州市人民政府", "", "2021-12-28", "2021-12-30")
    front = [n.text for n in p.nodes if n.kind == "front"]
    assert "当前位置:首页" in front and front[-1] == "湖州市科技创新发展十四五规划"  # quotes lost in the scrape
    assert [n.text for n in p.nodes if n.kind == "back"] == ["(本文有删减)", "扫一扫在手机打开当前页"]
    c1 = column(p, "4-1")
    assert c1.heading == "专栏4-1 “五谷丰登计划" and c1.title == "五谷丰登计划"
    assert len(c1.children) == 5 and c1.children[0].text.startswith("1.“科学谷位于湖州高铁站旁")
    assert c1.parent.heading == "(一)突出资源整合,构筑高能级创新平台体系"
    c2 = column(p, "4-2")
    assert [e.label for e in c2.children] == ["", "吴兴区", "南浔区", "德清县", "长兴县", "安吉县", "南太湖新区"]
    c3 = column(p, "4-3")
    assert len(c3.children) == 8 and c3.children[-1].label == "生态环境与公共安全技术"
    c9 = column(p, "4-9")
    assert len(c9.children) == 1
    after = c9.parent.children[c9.parent.children.index(c9) + 1]
    assert after.kind == "para" and after.text.startswith("深化新型科研管理体制改革。")
    c10 = column(p, "4-10")
    assert c10.title == "湖州市科技创新发展重大政策"
    assert [e.text for e in c10.children][-1] == "4.关于加快研究院经济发展的实施意见"
    t = p.tables()[0]
    assert t.table.number == "2-1" and t.parent.heading == "(三)主要目标"


def test_jiaxing(corpus):
    p = corpus.plan("jiaxing-2016")
    m = p.meta
    assert (m.period_start, m.period_end, m.period_name, m.vision_year, m.doc_number) == (
        2016, 2020, "十三五", None, "")
    assert [n.text for n in p.nodes if n.kind == "front"] == ["（此件公开发布）", "嘉兴市科技创新“十三五”规划"]
    assert not [n for n in p.nodes if n.kind == "back"]
    c1 = column(p, "1")
    assert c1.title == "新一代信息网络技术" and c1.parent.heading == "1.发展新一代信息网络技术。"
    assert [e.label for e in c1.children] == ["移动互联网与物联网", "大数据技术", "工业网络技术", "量子通信技术"]
    c7 = column(p, "7")
    assert c7.title == "科技成果示范应用" and c7.children[-1].label == "智慧城市建设"
    assert "2.推进嘉兴科技大市场建设" in c7.end
    assert heading(p, "1. 建立创新人才引进与培育机制。").title == "建立创新人才引进与培育机制"
    assert heading(p, "（一）推进重点领域关键技术突破，引领高新技术产业集聚发展。").kind == "section"
    t = p.tables()[0].table
    assert [c.printed for c in t.columns][-1] == "年均增长"
    row = next(r for r in t.rows if r.name.startswith("高新技术企业数"))
    assert [c.printed for c in row.cells] == ["567", "1000以上", "12.02%"]


def test_haishu(corpus):
    p = corpus.plan("haishu-2021")
    m = p.meta
    assert (m.issuer, m.doc_number, m.issue_date, m.publish_date, m.parent_region, m.level) == (
        "宁波市海曙区人民政府办公室", "海政办发〔2021〕52号", "2021-12-31", "2022-01-19", "宁波市", "district")
    front = [n.text for n in p.nodes if n.kind == "front"]
    assert front[0].endswith("002943395/2021-42705") and front[-1] == "海曙区科技创新“十四五”规划"
    assert [n.text for n in p.nodes if n.kind == "back"] == ["解读:解读《海曙区科技创新“十四五”规划》"]
    c1 = column(p, "1")  # 专栏1\xa0 高新产业…: number and title separated by two spaces
    assert c1.title == "高新产业关键核心技术专项" and len(c1.children) == 5
    assert column(p, "6").title == "科技企业梯队培育“双培增”行动"
    c10 = column(p, "10")
    assert len(c10.children) == 4 and c10.children[0].text.split() == ["综合体名称", "建设依托单位", "建设目标"]
    assert c10.children[1].label == "浙江省时尚服装服饰产业创新服务综合体"
    c12 = column(p, "12")
    assert c12.title == "中芬平台创新服务中心" and [e.label for e in c12.children] == ["功能定位", "发展目标"]
    assert heading(p, "三、创新策源,高质量建设特色优势产业创新引领地").title == "创新策源,高质量建设特色优势产业创新引领地"
    t = p.tables()[0].table
    assert t.number == "表1" and [c.printed for c in t.rows[-1].cells] == ["17.5", "25"]


# -- the data review (every 专栏 boundary, entry and table row read against the text) -----------------

SOURCES = REAL.parent / "sources"


def _lines(plan):
    text = (SOURCES / plan.meta.source).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()]


def _next_sibling(node):
    siblings = node.parent.children if node.parent is not None else node.plan.nodes
    at = siblings.index(node)
    return siblings[at + 1] if at + 1 < len(siblings) else None


@pytest.mark.parametrize("pid", ["keqiao-2021", "huzhou-2021", "jiaxing-2016", "haishu-2021"])
def test_column_entries_are_the_printed_lines(corpus, pid):
    """In the one-line-a-paragraph sources each 专栏 entry is exactly one printed line, the lines right
    after the heading: no two entries glued, none split, none skipped; the grid 专栏 is rows of lines."""
    plan = corpus.plan(pid)
    lines = _lines(plan)
    for col in plan.columns():
        at = lines.index(col.heading.strip())
        after = [line for line in lines[at + 1:] if line]
        cells = int(col.end.split()[4]) if col.end.startswith("hint: a grid of ") else 1
        rows = [after[r:r + cells] for r in range(0, cells * len(col.children), cells)]
        assert [e.text.split("\n") for e in col.children] == rows, col.heading
        # and the line after the last entry is not one of it: a heading, or the text of the next node
        nxt = after[cells * len(col.children)]
        follower = next(n for n in plan.walk() if n.path > col.children[-1].path and n.kind != "page")
        assert nxt.startswith((follower.heading or follower.text)[:10]), (col.heading, nxt[:20])


def test_shaoxing_column_entries_start_printed_lines(corpus):
    """001 is PDF text: every 专栏 entry starts at the start of a printed line (专栏9 prints two a line)."""
    p = corpus.plan("shaoxing-2021")
    starts = [line.replace(" ", "") for line in _lines(p) if line]
    for col in p.columns():
        for n, e in enumerate(col.children):
            head = e.text.replace(" ", "")[:12]
            if col.number == "9" and n % 2:
                continue
            assert any(s.startswith(head) for s in starts), (col.number, e.text[:20])


def test_reviewed_column_ends(corpus):
    """The close calls, each decided by reading the text around the 专栏."""
    hz = corpus.plan("huzhou-2021")
    # 4-3's eight 技术 entries end; the next paragraph is body text parallel to the one before the 专栏
    c3 = column(hz, "4-3")
    assert [e.label for e in c3.children][:2] == ["新一代信息技术", "先进制造与重大装备技术"]
    before = c3.parent.children[c3.parent.children.index(c3) - 1]
    assert before.text.startswith("以开展核心技术攻关为突破,努力抢占科技制高点。")
    assert _next_sibling(c3).text.startswith("以推行绿色智能制造为核心,提升产业链现代化水平。")
    assert c3.end.startswith("heuristic: ")
    # 4-9 is one paragraph; 深化新型科研管理体制改革 is a body task like its neighbours, before 专栏4-10
    c9 = column(hz, "4-9")
    assert c9.children[0].text.endswith("打造人才链、创新链、产业链三链融合新模式。")
    assert _next_sibling(_next_sibling(c9)) is column(hz, "4-10")
    assert _next_sibling(column(hz, "4-1")).text.startswith("打造重量级创新平台。高标准建设湖州科技城")
    assert _next_sibling(column(hz, "4-2")).text.startswith("建设高质量双创载体。")
    for number, body in (("4-4", "鼓励企业加大研发投入。"), ("4-5", "推进企业创新载体建设。"),
                         ("4-7", "增强碳达峰碳中和科技支撑。"), ("4-8", "完善生命健康科技支撑体系。")):
        col = column(hz, number)
        assert len(col.children) == 1 and _next_sibling(col).text.startswith(body), number
    # 绍兴 专栏9: twenty names, two a printed line; it is the last thing in item 3, item 4 follows
    sx = corpus.plan("shaoxing-2021")
    c9 = column(sx, "9")
    assert c9.parent.heading == "3．高标准打造产业创新服务综合体。" and _next_sibling(c9) is None
    assert _next_sibling(c9.parent).heading == "4．高起点建设海内外创新平台。"
    assert [e.text for e in c9.children[:2]] == ["绍兴黄酒产业创新服务综合体", "绍兴越城医疗器械产业创新服务综合体"]
    # 海曙 专栏10: a header row and three rows of 名称 / 依托单位 / 目标, then chapter 四
    hs = corpus.plan("haishu-2021")
    c10 = column(hs, "10")
    assert c10.parent.heading == "3.建设产业技术服务平台。" and _next_sibling(c10) is None
    assert [e.text.split("\n")[1] for e in c10.children] == [
        "建设依托单位", "宁波嘉乐投资控股有限公司", "宁波工业互联网研究院有限公司", "宁波东海集团有限公司"]
    assert c10.children[3].label == "宁波市智慧水务节能漏损检测技术开发及产业化创新联合体(拟建)"
    assert _next_sibling(c10.parent.parent.parent).heading == "四、要素聚合,高标准建设高端创新资源集成先行地"


# 001's two tables, every row read off the PDF text (lines 330-395 and 321-… of shaoxing-2021.txt):
# (序号, name, unit, markers, cells as printed); rows 3, 9 and 13 have names or cells wrapped over lines.
SHAOXING_RESULTS: list[tuple[str, str, str, list[str], list[str]]] = [
    ("1", "全社会R&D经费支出占GDP比重", "%", [], ["2.8", "2.8#"]),
    ("2", "高新技术产业增加值占工业增加值比重", "%", [], ["35", "53.7"]),
    ("3", "万人有效发明专利拥有量", "件/万人", [], ["15", "26.09"]),
    ("4", "人才资源总量", "万人", [], ["135", "135.7"]),
    ("5", "高新技术企业数", "", [], ["1500", "1784"]),
    ("6", "新建公共科技服务平台", "家", [], ["20", "35"]),
    ("7", "技术市场交易成交额", "亿元", [], ["10", "104.7"]),
    ("8", "省级以上工程技术研究中心（重点实验室）", "家", [], ["15", "15"]),
    ("9", "每万名就业人员中研发人员", "人年", [], ["123", "160#"]),
    ("10", "科技公共财政支出占公共财政支出", "%", [], ["5", "5"]),
]
SHAOXING_TARGETS = [
    ("1", "全社会R&D经费支出占GDP比重", "%", ["*"], ["2.8#", "3.3", "4.0"]),
    ("2", "基础研究经费占R&D经费比重", "%", [], ["0.3#", "1.5", "5"]),
    ("3", "规上工业企业R&D经费支出占营业收入比重", "%", ["*"], ["2.30#", "3.0", "4.0"]),
    ("4", "高新技术产业增加值占工业增加值比重", "%", ["*"], ["53.7", "60", "65"]),
    ("5", "高新技术企业数", "家", ["*"], ["1784", "3700", "8000"]),
    ("6", "科技型中小企业数", "家", ["*"], ["7818", "14000", "33000"]),
    ("7", "每万名就业人员中研发人员", "人年", ["*"], ["160#", "185", "300"]),
    ("8", "PCT国际专利申请量", "件", [], ["322", "450", "1000"]),
    ("9", "数字经济增加值占GDP比重（数字经济核心产业增加值占GDP比重）", "%", ["*"], ["33（3.4）", "50（10）", "—"]),
    ("10", "顶尖人才和科技领军人才", "名", ["*"], ["—", "200", "—"]),
    ("11", "全社会劳动生产率年均增速", "%", ["*"], ["6.83", "7", "—"]),
    ("12", "科技进步贡献率", "%", ["*"], ["65", "70", "—"]),
    ("13", "高新技术产业投资增速", "%", [], ["9.9", "增速高于固定资产投资增速", "—"]),
    ("14", "技术市场交易成交额", "亿元", ["*"], ["104.7", "200", "400"]),
    ("15", "每万人高价值发明专利拥有量", "件", ["*"], ["7.1", "17", "—"]),
    ("16", "公民具备科学素质的比例", "%", [], ["13.6", "18.5", "26"]),
]


def test_shaoxing_tables_every_row(corpus):
    results, targets = (t.table for t in corpus.plan("shaoxing-2021").tables())
    for table, expected in ((results, SHAOXING_RESULTS), (targets, SHAOXING_TARGETS)):
        got = [(r.number, r.name, r.unit, r.markers, [c.printed for c in r.cells]) for r in table.rows]
        assert got == expected, table.caption
    assert targets.rows[2].printed_name == "规上工业企业 R&D经费支出占营业收入比重（%）*"  # two printed lines joined
    assert targets.rows[8].printed_name == "数字经济增加值占 GDP比重（数字经济核心产业增加值占 GDP比重）（%）*"
    assert [c.value for c in targets.rows[8].cells] == [33.0, 50.0, None]
    assert [(c.estimated, c.markers) for c in results.rows[0].cells] == [(False, []), (True, ["#"])]
    assert [n.markers for n in targets.notes] == [{"*": "“六倍增、六提高”指标", "#": "预计数"}]
