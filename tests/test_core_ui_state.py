"""UI-free pieces of the browser: CJK wrapping and label fitting, history, bookmarks, config and
keymap files, citations, deep links, region grouping and next/previous moves."""

from __future__ import annotations

import pytest
from conftest import MINI, REAL
from rich.cells import cell_len

from tui.core import locations
from tui.core.bookmarks import Bookmarks
from tui.core.cite import citation, copy_text
from tui.core.cjkwrap import NO_END, NO_START, wrap_lines, wrap_offsets
from tui.core.config import Config, load_config, load_keymap, save_config
from tui.core.deeplink import DeepLinkError, norm_number, resolve
from tui.core.history import History
from tui.core.load import load_corpus
from tui.core.model import Corpus, Node
from tui.core.outline import next_node, outline_node, region_groups
from tui.core.textwidth import cut, cut_left

PARA = "统筹推进镜湖科技城建设，[bold]不是标记[/bold] 与 [/ 和 [00] 原样显示。全社会研发投入占GDP比重达到2.8%，重点实验室建设加快。"


@pytest.fixture(scope="module")
def mini():
    return load_corpus(MINI)


@pytest.fixture(scope="module")
def real():
    if not REAL.exists():
        pytest.skip("data/plans.yaml not built yet")
    return load_corpus(REAL)


# -- wrapping --------------------------------------------------------------------------
@pytest.mark.parametrize("width", [3, 5, 8, 13, 20, 37, 80])
def test_wrap_keeps_every_character_and_fits(width):
    lines = wrap_lines(PARA, width)
    assert "".join(lines) == PARA
    for line in lines:
        assert cell_len(line.rstrip(" ")) <= width


@pytest.mark.parametrize("width", [8, 9, 12, 17, 24])  # wider than the longest Latin run
def test_wrap_kinsoku(width):
    lines = wrap_lines(PARA, width)
    for line in lines[1:]:
        assert line[0] not in NO_START, (width, lines)
    for line in lines[:-1]:
        assert line.rstrip(" ")[-1] not in NO_END, (width, lines)


def test_wrap_keeps_latin_runs_whole():
    lines = wrap_lines("全社会研发投入占GDP比重达到2.8%，重点", 16)
    assert any("GDP" in line for line in lines)
    assert any("2.8%，" in line for line in lines)


def test_wrap_first_line_room_and_newlines():
    starts = wrap_offsets("一二三四五六七八", 8, first_width=4)
    assert starts == [0, 2, 6]
    assert wrap_lines("甲乙\n丙丁", 10) == ["甲乙", "丙丁"]


@pytest.mark.parametrize("width", range(6, 20))
def test_wrap_never_breaks_inside_a_nobreak_run(width):
    text = "开展前沿研究 ─ 14 ─ 加强交叉学科"
    inside = set(range(text.index("─") + 1, text.index("─ 加") + 1))  # within "─ 14 ─"
    starts = wrap_offsets(text, width, nobreak=inside)
    assert not inside & set(starts), (width, wrap_lines(text, width))
    assert "".join(text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])) == text


def test_cjk_text_crops_a_hanging_space_by_cells():
    """A space hanging past the edge after CJK text is cropped (Text.rstrip_end counts characters)."""
    from widgets.cjk_text import CJKText

    for width in range(4, 30):
        for line in CJKText("人才资源总量达到 165万人，其中新引进集聚人才 50名").lines(width):
            assert line.cell_len <= width, (width, line.plain)


@pytest.mark.parametrize("width", range(1, 12))
def test_fit_never_cuts_a_character(width):
    label = "（二）突出核心攻关,促进产业基础高级化发展"
    out = cut(label, width)
    assert cell_len(out) <= width
    if out != label:
        assert out.endswith("…")
        assert label.startswith(out[:-1])


def test_fit_left_drops_leading_parts():
    parts = ["湖州市", "四、重点任务", "（二）突出核心攻关", "专栏4-3 核心技术攻关重点领域"]
    assert cut_left(parts, 200) == " › ".join(parts)
    out = cut_left(parts, 40)
    assert cell_len(out) <= 40 and out.startswith("…") and out.endswith("重点领域")


# -- history -------------------------------------------------------------------------------
def test_history_back_forward_and_branch():
    h = History()
    for key in ("a", "b", "c"):
        h.visit(key)
    h.visit("c")  # same place again: nothing
    assert h.items() == ["a", "b", "c"]
    assert h.back() == "b" and h.back() == "a" and h.back() is None
    assert h.forward() == "b"
    h.visit("d")  # drops the forward part
    assert h.items() == ["a", "b", "d"] and not h.can_forward
    small = History(limit=3)
    for key in "abcde":
        small.visit(key)
    assert small.items() == ["c", "d", "e"]


# -- bookmarks, config, keymap -----------------------------------------------------------------
def test_bookmarks_persist_atomically():
    bm = Bookmarks().load()
    assert bm.items == [] and bm.problem is None
    bm.add("alpha-2021/3.1.2", "甲市 › 专栏1", "甲市")
    bm.add("alpha-2021/3.1.2", "dup")
    again = Bookmarks().load()
    assert [b.key for b in again.items] == ["alpha-2021/3.1.2"]
    assert "alpha-2021/3.1.2" in again
    assert again.remove("alpha-2021/3.1.2") and not again.remove("alpha-2021/3.1.2")
    assert Bookmarks().load().items == []
    leftovers = [p for p in locations.bookmarks_file().parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize("content", ["key: [unclosed", "just text", "- {label: no key}\n", "\xff\xfe"])
def test_corrupt_bookmarks_reported_once_and_replaced(content):
    path = locations.bookmarks_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if content == "\xff\xfe":
        path.write_bytes(b"\xff\xfe\x00")
    else:
        path.write_text(content, encoding="utf-8")
    first = Bookmarks().load()
    assert first.items == []
    assert first.problem and str(path) in first.problem and "\n" not in first.problem
    assert path.with_name(path.name + ".corrupt").exists()
    second = Bookmarks().load()
    assert second.problem is None and second.items == []


def test_config_round_trip_and_corrupt():
    assert load_config() == (Config(), None)
    save_config(Config(theme="plans-ink", detail=False))
    assert load_config() == (Config(theme="plans-ink", detail=False), None)
    locations.config_file().write_text("theme: [1, 2]\n", encoding="utf-8")
    config, problem = load_config()
    assert config == Config() and problem is not None and "theme" in problem
    assert load_config() == (Config(), None)


def test_keymap_file():
    assert load_keymap() == ({}, None)
    path = locations.keymap_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("main.copy: ctrl+y\nmain.back: [alt+left, b]\n", encoding="utf-8")
    assert load_keymap() == ({"main.copy": "ctrl+y", "main.back": "alt+left,b"}, None)
    path.write_text("- not a mapping\n", encoding="utf-8")
    keymap, problem = load_keymap()
    assert keymap == {} and problem is not None and "映射" in problem
    assert path.read_text(encoding="utf-8").startswith("# plans keymap")
    assert load_keymap() == ({}, None)


# -- citation ---------------------------------------------------------------------------------------
def test_copy_text_has_text_and_citation(mini):
    column = mini.node("alpha-2021/3.1.2")
    assert column.kind == "column"
    line = citation(column)
    assert "甲市科技创新“十四五”规划" in line and "甲政发〔2021〕1号" in line
    assert "二、主要任务 › （一）建设重大创新平台。 › 专栏1 集成电路重大科技专项" in line
    text = copy_text(column)
    assert text.startswith("专栏1：集成电路重大科技专项\n芯片设计：重点研发高端处理器芯片。")
    assert text.endswith(line)
    beta = mini.plan("乙区")
    assert "（" not in citation(None, beta)  # no 发文字号: none printed


# -- deep links --------------------------------------------------------------------------------------
def resolved(corpus: Corpus, terms: list[str]) -> Node:
    """The node a deep link names, which the test expects it to name (not just a plan)."""
    node = resolve(corpus, terms).node
    assert node is not None, f"expected {terms} to name a node"
    return node


def test_deeplink_forms_on_fixture(mini):
    assert resolved(mini, ["甲市", "专栏1"]).key == "alpha-2021/3.1.2"
    assert resolved(mini, ["乙区 专栏 1"]).key == "beta-2021/1.2"
    assert resolved(mini, ["甲市", "二", "（一）", "1"]).label_text == "1．打造科创走廊。"
    assert resolved(mini, ["甲市", "二", "(一)"]).key == "alpha-2021/3.1"
    hit = resolve(mini, ["甲市", "高新技术企业数"])
    assert hit.node is not None and hit.node.kind == "table" and hit.query == "高新技术企业数"
    assert resolved(mini, ["alpha-2021/3.1"]).key == "alpha-2021/3.1"
    assert resolve(mini, ["乙区"]).node is None


@pytest.mark.parametrize("terms, words", [
    (["甲市", "专栏9"], "no 专栏9 in 甲市"),
    (["专栏1"], "several plans"),
    (["上海", "专栏1"], "no plan named '上海'"),
    (["甲市", "不存在的东西"], "nothing in 甲市 matches"),
    (["丙", "乙", "丁"], "no plan named '丙'"),
])
def test_deeplink_errors_are_one_line(mini, terms, words):
    with pytest.raises(DeepLinkError) as info:
        resolve(mini, terms)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_norm_number():
    assert norm_number("（二）") == (True, "二") == norm_number("(二)")
    assert norm_number("四、") == (False, "四")
    assert norm_number("1．") == (False, "1")


def test_deeplink_on_real_data(real):
    column = resolved(real, ["湖州", "专栏4-3"])
    assert column.kind == "column" and column.number == "4-3" and column.plan is not None
    assert column.plan.id == "huzhou-2021"
    assert resolve(real, ["湖州 专栏 4－3"]).node is column
    section = resolved(real, ["绍兴", "四", "（二）"])
    assert section.plan is not None and section.plan.id == "shaoxing-2021"
    assert section.kind in ("section", "subsection")
    assert section.parent is not None and section.parent.number.startswith("四")
    row = next(r for r in real.plan("嘉兴").tables()[0].table.rows if r.name)
    hit = resolve(real, ["嘉兴", row.name])
    assert hit.node is not None and hit.node.kind == "table" and hit.query == row.name


# -- outline -----------------------------------------------------------------------------------------
def test_region_groups_real(real):
    (zhejiang,) = region_groups(real)
    assert zhejiang.name == "浙江省"
    cities = {c.name: c for c in zhejiang.children}
    assert set(cities) >= {"绍兴市", "湖州市", "嘉兴市", "宁波市"}
    assert [p.id for p in cities["绍兴市"].plans] == ["shaoxing-2021"]
    assert [d.name for d in cities["绍兴市"].children] == ["柯桥区"]
    assert cities["宁波市"].plans == []  # a grouping node only
    assert [p.id for d in cities["宁波市"].children for p in d.plans] == ["haishu-2021"]
    assert zhejiang.plan_count() == 5


def test_next_and_previous_moves(mini):
    plan = mini.plan("甲市")
    first = next_node(plan, None, ("chapter", "section"))
    assert first is not None and first.label_text == "一、发展基础"
    second = next_node(plan, first, ("chapter", "section"))
    assert second is not None and second.label_text == "（一）现实基础。"
    assert next_node(plan, second, ("chapter", "section"), -1) is first
    assert next_node(plan, first, ("chapter", "section"), -1) is None
    para = mini.node("alpha-2021/3.1.1.1")
    assert outline_node(para).kind == "item"
    column = next_node(plan, para, ("column",))
    assert column is not None and column.kind == "column"


def test_front_and_back_matter_are_one_outline_node_each(real):
    from tui.core.outline import MatterGroup, outline_children

    for plan in real.plans:
        items = outline_children(plan.nodes)
        assert outline_children(plan.nodes) is items  # the same group objects every time
        groups = [i for i in items if isinstance(i, MatterGroup)]
        fronts = [n for n in plan.nodes if n.kind == "front"]
        backs = [n for n in plan.nodes if n.kind == "back"]
        assert [g.kind for g in groups] == ["front"] * bool(fronts) + ["back"] * bool(backs)
        for group, nodes in zip(groups, [fronts, backs] if fronts else [backs]):
            assert group.nodes == nodes and group.key == nodes[0].key
            assert all(outline_node(n) is group for n in nodes)
            # every character of every line is in the group's text
            assert "".join(group.full_text().split()) == "".join("".join(n.full_text() for n in nodes).split())
    haishu = real.plan("海曙")
    front = outline_children(haishu.nodes)[0]
    assert isinstance(front, MatterGroup), front
    assert front.title == "印发通知" and len(front.nodes) == 18 and front.breadcrumb() == ["海曙区", "印发通知"]
    shaoxing_back = [i for i in outline_children(real.plan("绍兴").nodes) if isinstance(i, MatterGroup)][-1]
    assert shaoxing_back.kind == "back" and shaoxing_back.title == "抄送"


def test_names_sort_by_pinyin_syllable_by_syllable():
    from tui.core.collate import sort_text

    names = ["研发经费投入强度", "高新技术企业数", "先进制造业", "西安", "技术交易额", "", "专利"]
    assert sorted(names, key=sort_text) == ["", "高新技术企业数", "技术交易额", "西安", "先进制造业", "研发经费投入强度",
                                            "专利"]
