"""Pilot tests of the main screen: tree navigation, reader, 专栏 pane, layout, markup safety."""

from __future__ import annotations

import pytest
from conftest import MINI, REAL
from rich.cells import cell_len
from screen_host import cursor_of, line_of, node_of, plan_of, screen_of, shown_node
from textual.widgets.tree import TreeNode

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.breadcrumb import Breadcrumb
from widgets.column_detail import ColumnDetail
from widgets.plan_tree import Item, PlanTree
from widgets.reader import Reader


def make_app(path=MINI, **kwargs) -> PlansApp:
    return PlansApp(load_corpus(path), save_settings=False, **kwargs)


def cursor_label(app) -> str:
    return str(cursor_of(app.screen.query_one(PlanTree)).label)


def reader_text(app) -> str:
    return "\n".join(app.screen.query_one(Reader).plain_lines())


async def test_start_shows_regions_plans_and_first_plan():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        assert isinstance(screen, MainScreen)
        tree = screen.query_one(PlanTree)
        labels = [str(line_of(tree, i).label) for i in range(tree.last_line + 1)]
        assert labels[:4] == ["浙江省", "甲市", "十四五 2021–2025", "乙区"]
        assert cursor_label(app) == "十四五 2021–2025"
        assert screen.current is app.corpus.plans[0]
        text = reader_text(app)
        assert "甲市科技创新“十四五”规划" in text and "甲政发〔2021〕1号" in text
        assert screen.query_one(Breadcrumb).plain.endswith("甲市科技创新“十四五”规划")


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
async def test_real_data_every_plan_on_first_screen_grouped():
    app = make_app(REAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(PlanTree)
        rows = []
        for line in range(tree.last_line + 1):
            node = line_of(tree, line)
            rows.append((node, str(node.label)))
        plan_rows = [(n, label) for n, label in rows if n.data and n.data.kind == "plan"]
        assert len(plan_rows) == 5
        assert max(n._line for n, _ in plan_rows) < 24 - 3  # all visible without scrolling
        parent_of = {plan_id(n): str(up(n).label) for n, _ in plan_rows}
        assert parent_of["keqiao-2021"] == "柯桥区" and str(up(up(next(n for n, _ in plan_rows
                                                                  if plan_id(n) == "keqiao-2021"))).label) == "绍兴市"
        haishu = next(n for n, _ in plan_rows if plan_id(n) == "haishu-2021")
        assert str(up(haishu).label) == "海曙区" and str(up(up(haishu)).label) == "宁波市"
        city = up(up(haishu)).data
        assert city is not None and city.region is not None, "expected 宁波市's row to stand for its region"
        assert city.region.plans == []


def plan_id(row: TreeNode[Item]) -> str:
    assert row.data is not None and row.data.plan is not None, f"expected a plan row: {row.label}"
    return row.data.plan.id


def up(row: TreeNode[Item]) -> TreeNode[Item]:
    assert row.parent is not None, f"expected a parent above {row.label}"
    return row.parent


async def test_tree_vim_keys_expand_collapse_parent():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(PlanTree)
        await pilot.press("l")  # expand 甲市 plan: outline appears lazily
        assert cursor_of(tree).is_expanded
        await pilot.press("j")
        assert cursor_label(app).startswith("前 ")
        await pilot.press("j")
        assert cursor_label(app) == "一、发展基础"
        assert shown_node(screen_of(app, MainScreen)).label_text == "一、发展基础"
        assert "全社会研发投入占GDP比重达到2.8%" in reader_text(app)
        await pilot.press("l", "l")  # expand, then move to first child
        assert cursor_label(app) == "（一）现实基础。"
        await pilot.press("h")  # a leaf: to its parent
        assert cursor_label(app) == "一、发展基础"
        await pilot.press("h")  # expanded: collapse
        assert not cursor_of(tree).is_expanded
        await pilot.press("k", "k")
        assert cursor_label(app) == "十四五 2021–2025"
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line == 0 and cursor_label(app) == "浙江省"
        await pilot.press("down", "down", "asterisk")  # expand all under 甲市's plan
        labels = {str(line_of(tree, i).label) for i in range(tree.last_line + 1)}
        assert "栏 专栏1 集成电路重大科技专项" in labels and "表 甲市科技创新主要指标" in labels
        await pilot.press("G", "p")  # jump to parent
        row = cursor_of(tree).data
        assert row is not None and row.kind in ("plan", "region", "node")
        await pilot.press("minus")  # collapse all outlines
        assert all(not n.is_expanded for n in tree._plan_nodes.values())


async def test_enter_opens_records_history_and_toggles():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        await pilot.press("enter")  # on the plan: expands it
        assert cursor_of(screen.query_one(PlanTree)).is_expanded
        await pilot.press("j", "j", "enter")
        assert screen.history.current == "alpha-2021/2"


async def test_reader_next_previous_section_and_column():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        await pilot.press("right_square_bracket")
        assert shown_node(screen).label_text == "一、发展基础"
        await pilot.press("right_square_bracket")
        assert shown_node(screen).label_text == "（一）现实基础。"
        assert cursor_label(app) == "（一）现实基础。"  # the tree follows (ancestors expanded)
        await pilot.press("left_square_bracket")
        assert shown_node(screen).label_text == "一、发展基础"
        await pilot.press("right_curly_bracket")
        assert shown_node(screen).kind == "column"
        assert cursor_label(app) == "栏 专栏1 集成电路重大科技专项"
        text = reader_text(app)
        assert "╭─ 专栏1：集成电路重大科技专项" in text and "│ 1. 芯片设计：重点研发高端处理器芯片。" in text
        await pilot.press("right_curly_bracket")  # no further 专栏 in this plan
        assert shown_node(screen).kind == "column"
        await pilot.press("left_curly_bracket")
        assert shown_node(screen).kind == "column"


async def test_column_detail_pane_wide_and_narrow():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        detail = screen.query_one(ColumnDetail)
        assert detail.display and detail.region.width > 0
        screen.go_to(node_of(app.corpus, "alpha-2021/3.1.2"))
        await pilot.pause()
        assert detail.node is not None and detail.node.key == "alpha-2021/3.1.2"
        assert detail.shown[0] == "专栏1：集成电路重大科技专项"
        assert detail.shown[1] == "所在：甲市 › 二、主要任务 › （一）建设重大创新平台。  · 2 条"
        assert detail.shown[2:] == ["1. 芯片设计：重点研发高端处理器芯片。", "2. ——建设重点实验室，长期稳定支持基础研究。"]
        screen.go_to(node_of(app.corpus, "alpha-2021/3.1.2.2"))  # an entry: its 专栏 is shown
        await pilot.pause()
        assert detail.node is not None and detail.node.key == "alpha-2021/3.1.2"
        await pilot.press("d")  # hide it (remembered in config)
        assert not detail.display
        await pilot.press("d")
        assert detail.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow") and not detail.display  # no room: out of the way
        await pilot.press("d")  # asked for: stacked under the reader
        await pilot.pause()
        assert detail.display and detail.region.y > screen.query_one(Reader).region.y
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert not screen.has_class("-narrow") and detail.display
        assert detail.region.x > screen.query_one(Reader).region.x


async def test_plan_text_is_never_markup():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        screen.go_to(node_of(app.corpus, "alpha-2021/3.1.1"))
        await pilot.pause()
        text = reader_text(app).replace("\n", "").replace(" ", "")
        assert "[bold]不是标记[/bold]与[/和[00]原样显示。" in text
        # the same paragraph in a tree label and the breadcrumb
        crumb = screen.query_one(Breadcrumb)
        crumb.set_parts(["[bold]x[/bold]", "[/ [00]"])
        assert crumb.render().plain.endswith("[bold]x[/bold] › [/ [00]")
        tree = screen.query_one(PlanTree)
        node = cursor_of(tree)
        node.set_label(tree.node_label(node_of(app.corpus, "alpha-2021/3.1.1.1")))
        await pilot.pause()
        assert "[bold]不是标记[/bold]" in str(node.label)


async def test_reader_wraps_within_width_and_keeps_text():
    app = make_app(REAL if REAL.exists() else MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        reader = screen.query_one(Reader)
        plan = app.corpus.plans[0]
        screen.go_to(plan)
        await pilot.pause()
        width = reader.scrollable_content_region.width
        for line in reader.plain_lines():
            assert cell_len(line) <= width
        squashed = "".join(reader.plain_lines()).replace(" ", "")
        for node in plan.walk():
            if node.kind == "para":
                assert node.text.replace(" ", "").replace("\n", "") in squashed


async def test_labels_fit_the_tree_never_mid_character():
    app = make_app(REAL if REAL.exists() else MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(PlanTree)
        tree.action_expand_all()
        await pilot.pause()
        width = tree.scrollable_content_region.width
        for y in range(min(tree.last_line + 1, 200)):
            node = line_of(tree, y)
            depth = 0
            parent = node.parent
            while parent is not None:
                depth += 1
                parent = parent.parent
            label = tree.render_label(node, tree.rich_style, tree.rich_style)
            assert cell_len(label.plain) + depth * tree.guide_depth <= width + 0
            if label.plain.endswith("…"):
                assert str(node.label).startswith(label.plain[2 if node.allow_expand else 0 : -1])


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_plan_rows_are_whole_at_80_columns(size):
    """Every plan row (a district's is the deepest) shows its period and years uncut: “十四五 2021–2025”,
    not “十四五规划 2021–…”."""
    app = make_app(REAL)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(PlanTree)
        screen_rows = [strip.text for strip in app.screen._compositor.render_strips()]
        for plan in app.corpus.plans:
            node = tree._plan_nodes[plan.id]
            label = tree.render_label(node, tree.rich_style, tree.rich_style).plain
            want = f"{plan.meta.period_name} {plan.meta.period_start}–{plan.meta.period_end}"
            assert label.endswith(want) and "…" not in label, label
            y = node.line - int(tree.scroll_y) + tree.region.y
            assert want in screen_rows[y], screen_rows[y]


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
async def test_front_matter_is_one_tree_node_with_every_line_in_the_reader():
    app = make_app(REAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        tree = screen.query_one(PlanTree)
        haishu = plan_of(app.corpus, "海曙")
        screen.go_to(haishu)
        await pilot.pause()
        await pilot.press("l", "j")  # expand the plan, first row under it
        assert cursor_label(app) == "前 印发通知（18 行）"
        plan_row = tree._plan_nodes[haishu.id]
        labels = [str(c.label) for c in plan_row.children]
        assert sum(label.startswith("前 ") for label in labels) == 1
        assert sum(label.startswith("附 ") for label in labels) == 1
        shown = "".join(reader_text(app).split())
        fronts = [n for n in haishu.nodes if n.kind == "front"]
        assert "".join("".join(n.text for n in fronts).split()) in shown
        assert screen.query_one(Breadcrumb).plain == "海曙区 › 印发通知"
        # a deep link / jump to one front line lands on the group, scrolled to that line
        screen.action_jump_key(fronts[11].key)
        await pilot.pause()
        assert cursor_label(app) == "前 印发通知（18 行）" and screen.focus_node is fronts[11]
        await pilot.press("right_square_bracket")  # next section from the front matter: the first chapter
        assert shown_node(screen).kind == "chapter"
        await pilot.press("b")
        assert screen.focus_node is fronts[11]
        screen.go_to(haishu)  # then down onto the front matter's row: the whole group, no line singled out
        await pilot.pause()
        await pilot.press("j")
        assert cursor_label(app) == "前 印发通知（18 行）" and screen.focus_node is None
        await pilot.press("y")  # copy works on the group too: every line, then the citation
        assert app.clipboard.startswith(fronts[0].text) and fronts[-1].text in app.clipboard
        assert app.clipboard.rstrip().endswith("出处：《海曙区科技创新“十四五”规划》（海政办发〔2021〕52号，2021年12月31日印发）")
        await pilot.press("G")  # the last row of the tree: 海曙's back matter
        assert cursor_label(app).startswith("附 解读")


async def test_page_numbers_inside_text_are_shown_dim_in_place():
    """A page number printed inside a paragraph (`Node.breaks`) reaches the reader at its offset, dim,
    on one line, and the paragraph reads on around it."""
    from tui.core.model import Break

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        node = node_of(app.corpus, "alpha-2021/2.1.1")
        at = node.text.index("重点")
        node.breaks = [Break(at, "─ 14 ─")]
        screen_of(app, MainScreen).action_jump_key(node.key)
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        squashed = "".join("".join(reader.plain_lines()).split())
        assert "2.8%，─14─重点实验室建设加快。" in squashed  # in place, the paragraph around it
        line = next(i for i, text in enumerate(reader.plain_lines()) if "─ 14 ─" in text)
        dim = [seg for seg in reader.document_strips()[line] if "14" in seg.text]
        assert dim and all(seg.style and seg.style.dim for seg in dim)
