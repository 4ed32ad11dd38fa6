"""TablesScreen: rows and cells as printed, plan/table switching, sorting, jump to the mentioning text."""

from __future__ import annotations

import pytest
from screen_host import (
    HOSTILE_HEADER,
    HOSTILE_INDICATOR,
    HOSTILE_NOTE,
    REAL,
    UNSET,
    Host,
    hostile,
    mini,
    screen_of,
    screen_text,
)
from textual.widgets import OptionList

from tui.core.indicators import Catalog, Indicator
from tui.core.load import load_corpus
from tui.core.model import Cell, Corpus, Meta, Node, Plan, Row, Table, TableColumn
from tui.jump import Jump
from tui.screens.tables import MentionChooser, TablesScreen
from widgets.indicator_table import IndicatorTable


def plain_rows(grid: IndicatorTable) -> list[list[str]]:
    return [[cell.plain for cell in grid.row_cells(i)] for i in range(grid.row_count)]


def headers(grid: IndicatorTable) -> list[str]:
    return [label.plain for label in grid.labels]


def cell(printed: str, value: float | None = None) -> Cell:
    return Cell(printed=printed, value=value, text="" if value is not None else printed)


def made_corpus() -> Corpus:
    """One plan with two tables (results, targets) and text that mentions 高新技术企业 three times."""
    results = Table(kind="results", caption="十三五完成情况", columns=[
        TableColumn("序号", "number"), TableColumn("指标", "name"),
        TableColumn("规划目标", "target", 2020), TableColumn("实绩", "actual", 2020), TableColumn("是否完成", "met"),
    ], rows=[
        Row("1", "高新技术企业数（家）", "高新技术企业数", "家", cells=[cell("100", 100), cell("120", 120), cell("是")]),
    ])
    targets = Table(kind="targets", caption="主要指标", columns=[
        TableColumn("序号", "number"), TableColumn("指标", "name"), TableColumn("2025年", "target", 2025),
    ], rows=[
        Row("1", "甲（%）", "甲", "%", cells=[cell("5", 5)]),
        Row("2", "乙（%）", "乙", "%", cells=[cell("")]),
        Row("3", "丙（%）", "丙", "%", cells=[cell("—")]),
        Row("4", "丁（%）", "丁", "%", cells=[cell("1.5以上", 1.5)]),
        Row("5", "戊（家）", "戊", "家", cells=[cell("12", 12)]),
        Row("10", "高新技术企业数（家）", "高新技术企业数", "家", cells=[cell("300", 300)]),
    ], notes=[])
    plan = Plan(Meta(id="made-2021", title="丙市规划", short="丙市", region="丙市"), nodes=[
        Node("chapter", heading="一、基础", number="一", title="基础", children=[
            Node("para", text="高新技术企业数达到120家。"),
            Node("table", heading="十三五完成情况", table=results),
            Node("table", heading="主要指标", table=targets),
        ]),
        Node("chapter", heading="二、任务", number="二", title="任务", children=[
            Node("section", heading="（一）培育高新技术企业。", number="（一）", title="培育高新技术企业", children=[
                Node("para", text="实施高新技术 企业倍增计划。"),
            ]),
            Node("column", heading="专栏1：企业培育", number="1", title="企业培育", children=[
                Node("entry", text="——新增高新技术企业200家。"),
            ]),
        ]),
    ]).index()
    return Corpus(plans=[plan])


async def test_rows_and_cells_as_printed_and_notes():
    corpus = mini()
    app = Host(TablesScreen(corpus))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(IndicatorTable)
        table = corpus.plans[0].tables()[0].table
        assert table is not None
        assert headers(grid) == ["序号", "指标", "单位", "2020年", "2025年"]
        assert plain_rows(grid) == [
            [r.number, r.printed_name, r.unit] + [c.printed for c in r.cells] for r in table.rows
        ]
        assert plain_rows(grid)[0] == ["1", "R&D经费支出占GDP比重（%）*", "%", "2.8▲", "3.5以上"]
        text = screen_text(app)
        assert table.notes[0].printed in text
        assert "甲市" in text and "目标" in text


async def test_plan_switch_and_table_switch():
    corpus = mini()
    app = Host(TablesScreen(corpus, plan_id="alpha-2021"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, TablesScreen)
        await pilot.press("]")
        await pilot.pause()
        assert screen.plan is not None and screen.plan.id == "beta-2021"
        assert not screen.query_one(IndicatorTable).display
        assert "乙区 没有指标表" in screen_text(app)
        await pilot.press("[")
        await pilot.pause()
        assert screen.plan is not None and screen.plan.id == "alpha-2021" and screen.query_one(IndicatorTable).row_count == 2

    app = Host(TablesScreen(made_corpus()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(IndicatorTable)
        assert headers(grid) == ["序号", "指标", "单位", "规划目标", "实绩", "是否完成"]
        assert "完成情况" in screen_text(app) and "主要指标" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert headers(grid) == ["序号", "指标", "单位", "2025年"]
        assert grid.row_count == 6
        await pilot.press("t")
        await pilot.pause()
        assert grid.row_count == 1


async def test_sort_numbers_by_value_blanks_last():
    app = Host(TablesScreen(made_corpus()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        grid = app.screen.query_one(IndicatorTable)
        names = lambda: [r.name for r in grid.rows_in_order]  # noqa: E731
        await pilot.press("s")  # 序号, numerically: 10 after 5
        await pilot.pause()
        assert names() == ["甲", "乙", "丙", "丁", "戊", "高新技术企业数"]
        await pilot.press("s")  # 指标: by pinyin (bing ding gao jia wu yi), not by code point
        await pilot.pause()
        assert names() == ["丙", "丁", "高新技术企业数", "甲", "戊", "乙"]
        await pilot.press("s", "s")  # 单位, then 2025年
        await pilot.pause()
        assert grid.sort_column == 3
        assert names() == ["丁", "甲", "戊", "高新技术企业数", "丙", "乙"]  # 1.5 5 12 300, then — , then blank
        assert headers(grid)[3] == "2025年 ↑"
        title = str(app.screen.query_one("#tables-title").render())
        assert "按 2025年 升序" in title  # in the title line, not a pile of toasts
        assert not app._notifications
        await pilot.press("r")
        await pilot.pause()
        assert names() == ["高新技术企业数", "戊", "甲", "丁", "丙", "乙"]  # blanks still last
        assert headers(grid)[3] == "2025年 ↓"
        assert "按 2025年 降序" in str(app.screen.query_one("#tables-title").render())
        await pilot.press("s")  # past the last column: print order again
        await pilot.pause()
        assert grid.sort_column is None and names()[0] == "甲"
        await pilot.click(IndicatorTable, offset=(2, 0))  # header click sorts by that column (序号)
        await pilot.pause()
        assert grid.sort_column == 0


async def test_goto_single_mention_jumps_with_printed_words():
    corpus = mini()
    app = Host(TablesScreen(corpus, catalog=None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # row 1: R&D经费支出占GDP比重 → "研发投入占GDP比重" in 现实基础
        await pilot.pause()
    para = corpus.plans[0].nodes[1].children[0].children[0]
    assert app.result == Jump(para.key, query="研发投入占GDP比重")


async def test_goto_uses_catalog_aliases():
    corpus = mini()
    catalog = Catalog([Indicator("hte", "高新技术企业数", "家", "count", aliases=["高新技术企业数", "重点实验室数"])])
    app = Host(TablesScreen(corpus, catalog=catalog))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "o")  # 高新技术企业数 is not in mini's text, its alias 重点实验室 is
        await pilot.pause()
        assert isinstance(app.screen, MentionChooser)
        assert [m.printed for m in app.screen.mentions] == ["重点实验室", "重点实验室"]
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == Jump(corpus.plans[0].nodes[1].children[0].children[0].key, query="重点实验室")


async def test_goto_without_mention_notifies_and_stays():
    app = Host(TablesScreen(mini(), catalog=None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "o")  # 高新技术企业数: not in mini's text
        await pilot.pause()
        assert isinstance(app.screen, TablesScreen)
        assert any("高新技术企业数" in str(n.message) for n in app._notifications)
    assert app.result is UNSET


async def test_goto_several_mentions_opens_chooser():
    corpus = made_corpus()
    app = Host(TablesScreen(corpus, catalog=None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, MentionChooser)
        chooser = app.screen
        keys = [m.node.key for m in chooser.mentions]
        first_chapter = corpus.plans[0].nodes[0]
        tasks = corpus.plans[0].nodes[1]
        # full name first, then shortened 高新技术企业 in print order; the 专栏 stands for its entry
        assert keys == [first_chapter.children[0].key, tasks.children[0].key,
                        tasks.children[0].children[0].key, tasks.children[1].key]
        assert chooser.mentions[2].printed == "高新技术 企业"  # as printed, space kept
        assert chooser.query_one(OptionList).option_count == 4
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
    assert app.result == Jump(tasks.children[1].key, query="高新技术企业")


async def test_chooser_escape_returns_to_table():
    app = Host(TablesScreen(made_corpus(), catalog=None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TablesScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_markup_like_plan_text_is_verbatim(tmp_path):
    app = Host(TablesScreen(hostile(tmp_path)))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(IndicatorTable)
        assert headers(grid)[-1] == HOSTILE_HEADER
        assert plain_rows(grid)[1][1] == HOSTILE_INDICATOR
        text = screen_text(app)
        assert HOSTILE_INDICATOR in text and HOSTILE_HEADER in text and HOSTILE_NOTE in text
        await pilot.press("down", "o")  # the notify quotes the name: must not be parsed either
        await pilot.pause()
        assert isinstance(app.screen, TablesScreen)


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
async def test_real_tables_every_row_shown():
    corpus = load_corpus(REAL)
    app = Host(TablesScreen(corpus))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = screen_of(app, TablesScreen)
        grid = screen.query_one(IndicatorTable)
        for _ in corpus.plans:
            for _t in range(len(screen.table_nodes)):
                node = screen.table_node
                assert node is not None and node.table is not None
                table = node.table
                assert grid.row_count == len(table.rows)
                assert [r[screen_name_col(grid)] for r in plain_rows(grid)] == [r.printed_name for r in table.rows]
                await pilot.press("t")
            await pilot.press("]")


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
async def test_at_80_columns_names_wrap_and_every_figure_is_on_screen():
    """At 80×24 the 指标 column narrows and wraps (no name cut, no figure pushed off the right edge)."""
    corpus = load_corpus(REAL)
    app = Host(TablesScreen(corpus, "keqiao-2021"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app, TablesScreen)
        grid = screen.query_one(IndicatorTable)
        for _ in range(len(screen.table_nodes)):
            await pilot.pause()
            assert grid.name_width is not None  # the natural table is wider than 80
            assert grid.virtual_size.width <= grid.scrollable_content_region.width
            text = screen_text(app)
            assert headers(grid)[-1] in text  # the last column's header is on screen
            await pilot.press("t")
    wide = Host(TablesScreen(corpus, "keqiao-2021"))
    async with wide.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert wide.screen.query_one(IndicatorTable).name_width is None  # fits: one line per row


async def test_resizing_keeps_the_row_under_the_cursor():
    app = Host(TablesScreen(made_corpus()))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("t", "down", "down")
        await pilot.pause()
        grid = app.screen.query_one(IndicatorTable)
        row = grid.row_at_cursor
        await pilot.resize_terminal(30, 24)
        await pilot.pause()
        assert grid.name_width is not None and grid.row_at_cursor is row
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert grid.name_width is None and grid.row_at_cursor is row


def screen_name_col(grid: IndicatorTable) -> int:
    return headers(grid).index("指标")


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
async def test_wrapped_names_follow_kinsoku_at_80_columns():
    """Wrapped 指标 names break by tui.core.cjkwrap: no line of a name starts with “）” or “，” (the
    DataTable's own folding put “）” at a line start), and no character is lost."""
    from tui.core.cjkwrap import NO_START

    corpus = load_corpus(REAL)
    app = Host(TablesScreen(corpus, "keqiao-2021"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app, TablesScreen)
        grid = screen.query_one(IndicatorTable)
        console = app.console
        checked = 0
        for _ in range(len(screen.table_nodes)):
            await pilot.pause()
            width = grid.name_width
            assert width is not None
            column = screen_name_col(grid)
            for i, row in enumerate(grid.rows_in_order):
                cell = grid.row_cells(i)[column]
                options = console.options.update_width(width)
                lines = ["".join(s.text for s in line).rstrip() for line in console.render_lines(cell, options, pad=False)]
                assert "".join("".join(lines).split()) == "".join(row.printed_name.split())
                for line in lines[1:]:
                    assert line and line[0] not in NO_START, f"{row.printed_name!r} wraps as {lines}"
                checked += len(lines) > 1
            await pilot.press("t")
        assert checked  # some names did wrap
