"""Pilot tests of the compare screen: modes, plan toggles, sort, filter, chart, export, Enter/escape."""

from __future__ import annotations

from pathlib import Path

from screen_host import UNSET, Host, hostile, screen_of, screen_text
from textual.widgets import SelectionList

from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.compare import CompareScreen
from tui.screens.compare_modes import Item
from widgets.bar_chart import BarChart
from widgets.compare_table import CompareTable

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"
SIZE = (120, 40)


def host(tmp_path: Path, corpus=None) -> Host:
    return Host(CompareScreen(corpus or load_corpus(FIXTURE), export_dir=tmp_path))


def table(app: Host) -> CompareTable:
    return app.screen.query_one("#compare-table", CompareTable)


def cell_text(app: Host, row: int, col: int) -> str:
    return table(app).rows[row].cells[col].plain


def labels(app: Host) -> list[str]:
    """Each column's first header line."""
    return [c.header.plain.split("\n")[0] for c in table(app).columns]


def row_key(line: Item) -> str:
    """The catalog key of a row of the grid (the test expects the grid mode)."""
    assert line.grid_row is not None, line
    return line.grid_row.key


def first_target(line: Item) -> float | None:
    """The first plan's target number in a row of the pair mode (the test expects an aligned row)."""
    figure = line.figures[0]
    assert figure is not None and figure.target is not None, line
    return figure.target.value


def data_rows(app: Host) -> int:
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return len(screen.lines)


async def test_grid_shows_every_indicator_against_every_plan(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        t = table(app)
        assert t.row_count == 26 and len(t.columns) == 6
        # plans of another period stand apart (嘉兴 十三五 last, after a rule), each with its years
        assert labels(app) == ["指标", "柯桥区 十四五", "绍兴市 十四五", "湖州市 十四五", "海曙区 十四五", "嘉兴市 十三五"]
        assert [c.header.plain.split("\n")[1] for c in t.columns[1:]] == ["2020→2025"] * 4 + ["2015→2020"]
        assert [c.rule for c in t.columns] == [False] * 5 + [True]
        assert cell_text(app, 0, 1) == "3.0▲ → 3.5\n×1.17 +3.1%/年"
        assert cell_text(app, 0, 5) == "2.73 → 3.20\n×1.17 +3.2%/年"
        basic = next(i for i, line in enumerate(screen_of(app, CompareScreen).lines) if row_key(line) == "basic_research_share")
        assert cell_text(app, basic, 1) == ""  # 柯桥区 sets no such target: blank, not 0
        jiaxing_hte = next(i for i, line in enumerate(screen_of(app, CompareScreen).lines) if row_key(line) == "hitech_enterprises")
        assert cell_text(app, jiaxing_hte, 5) == "567 → 1000以上\n≥×1.76 +12.0%/年"
        text = screen_text(app)
        assert "指标对比：26 行 · 5/5 个规划 · 十四五 4 个 │ 十三五 1 个（分开，x 混排）" in text
        assert "rd_intensity" in text  # the detail line of the name column: the catalog entry


async def test_chart_follows_the_cursor_and_toggles(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        chart = app.screen.query_one(BarChart)
        assert [b.label for b in chart.bars] == ["柯桥区", "绍兴市", "湖州市", "海曙区", "嘉兴市"]
        assert (chart.bars[0].baseline, chart.bars[0].target) == (3.0, 3.5)
        await pilot.press("down", "right")
        await pilot.pause()
        assert chart.bars[0].baseline_printed == "2.2▲"
        assert "柯桥区  规上工业企业R&D经费支出占营业收入比重（%）*" in screen_text(app)  # detail of that cell
        await pilot.press("v")
        await pilot.pause()
        assert not chart.display or "hidden" in chart.classes
        await pilot.press("v")
        await pilot.pause()
        assert "hidden" not in chart.classes


async def test_toggle_plans(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        plans = app.screen.query_one(SelectionList)
        assert plans.display and app.screen.focused is plans
        await pilot.press("space")  # 柯桥区 off
        await pilot.pause()
        assert labels(app) == ["指标", "绍兴市 十四五", "湖州市 十四五", "海曙区 十四五", "嘉兴市 十三五"]
        await pilot.press("down", "space", "down", "space", "down", "space", "down", "space")  # all off
        await pilot.pause()
        assert table(app).row_count == 0
        assert "没有可比较的指标" in screen_text(app)
        await pilot.press("space")  # 海曙区 back on
        await pilot.pause()
        assert table(app).row_count == 8
        await pilot.press("escape")
        await pilot.pause()
        assert not plans.display and app.screen.focused is table(app)
        assert app.result is UNSET  # escape from the list does not close the screen


async def test_sort_by_a_plan_column_and_reverse(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")  # by name
        await pilot.pause()
        assert labels(app)[0] == "指标 ▲"
        await pilot.press("s")  # by 柯桥区's multiple
        await pilot.pause()
        lines = screen_of(app, CompareScreen).lines
        multiples = [line.figures[0].multiple if line.figures[0] else None for line in lines]
        present = [m for m in multiples if m is not None]
        assert present == sorted(present) and len(present) == 13  # 15 rows less - → 60 and a text target
        assert all(m is None for m in multiples[len(present):])  # blanks last
        await pilot.press("r")
        await pilot.pause()
        multiples = [line.figures[0].multiple if line.figures[0] else None for line in screen_of(app, CompareScreen).lines]
        present = [m for m in multiples if m is not None]
        assert present == sorted(present, reverse=True) and multiples[-1] is None
        assert "柯桥区 十四五 ▼" in labels(app)


async def test_filter_box(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        for ch in "专利":
            await pilot.press(ch)
        await pilot.pause()
        keys = [row_key(line) for line in screen_of(app, CompareScreen).lines]
        assert keys == ["invention_patents_per_10k", "invention_patents", "high_value_patents_per_10k", "pct_applications"]
        await pilot.press("escape")  # back to the table, filter kept
        await pilot.pause()
        assert app.screen.focused is table(app) and table(app).row_count == 4
        assert app.result is UNSET


async def test_modes(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert screen_of(app, CompareScreen).mode == "pair" and data_rows(app) == 18
        assert "甲 绍兴市 · 乙 柯桥区" in screen_text(app)
        # no 段 column: the groups are section rows (the cursor skips them)
        assert labels(app)[0] == "指标" and "段" not in labels(app)
        sections = [r.section.plain for r in table(app).rows if r.section is not None]
        assert sections == ["── 对齐（13 项）", "── 仅绍兴市（3 项）", "── 仅柯桥区（2 项）"]
        assert table(app).rows[table(app).cursor_row].section is None
        await pilot.press("b")
        await pilot.pause()
        assert "甲 绍兴市 · 乙 湖州市" in screen_text(app)
        section = table(app).rows[-1 - sum(1 for i in screen_of(app, CompareScreen).lines if i.group == "仅湖州市")].section
        assert section is not None and section.plain.startswith("── 仅湖州市")
        await pilot.press("3")
        await pilot.pause()
        assert screen_of(app, CompareScreen).mode == "share" and table(app).row_count == 13
        rows = {cell_text(app, r, 0): r for r in range(table(app).row_count)}
        assert cell_text(app, rows["高新技术企业数（家）"], 8) == "20.3%"
        assert cell_text(app, rows["全社会R&D经费支出占GDP比重（%）"], 8) == ""  # no share of a ratio
        await pilot.press("4")
        await pilot.pause()
        assert screen_of(app, CompareScreen).mode == "results" and table(app).row_count == 22
        chart = app.screen.query_one(BarChart)
        assert chart.bars[0].labels == ("目标", "实绩")
        await pilot.press("1")
        await pilot.pause()
        assert screen_of(app, CompareScreen).mode == "grid" and table(app).row_count == 26


async def test_enter_jumps_to_the_table_and_escape_returns_none(tmp_path):
    corpus = load_corpus(FIXTURE)
    app = host(tmp_path, corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "enter")  # 绍兴市's R&D row
        await pilot.pause()
    assert isinstance(app.result, Jump)
    node = corpus.node(app.result.node_key)
    assert node is not None and node.kind == "table" and node.plan is not None and node.plan.short == "绍兴市"
    assert node.table is not None and node.table.kind == "targets"
    assert app.result.query == "全社会R&D经费支出占GDP比重" or app.result.query == ""

    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_plan_text_is_never_markup(tmp_path):
    app = host(tmp_path, hostile(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        names = [cell_text(app, r, 0) for r in range(table(app).row_count)]
        assert "[bold]高新技术企业数[/ [00]（家）" in names  # no catalog entry: a row of its own, printed as is
        t = table(app)
        t.move_cursor(row=names.index("[bold]高新技术企业数[/ [00]（家）"), column=0)
        await pilot.pause()
        from textual.widgets import Static

        tip = app.screen.query_one("#compare-detail", Static).tooltip
        # a str tooltip would be parsed as markup by Textual's Tooltip (a Static): it must be Text
        assert tip is not None and not isinstance(tip, str)


def test_fit_widths_gives_way_widest_first_and_keeps_minimums():
    from tui.screens.compare import fit_widths

    assert fit_widths([8, 40, 10], [6, 6, 6], 100) == [8, 40, 10]  # fits: untouched
    widths = fit_widths([8, 40, 10], [6, 6, 6], 40)
    assert sum(widths) == 40 and widths[0] == 8 and widths[2] == 10  # only the wide column gave way
    widths = fit_widths([20, 20, 20], [6, 6, 6], 31)
    assert sum(widths) == 31 and max(widths) - min(widths) <= 1  # even cut, the spare cell used
    assert fit_widths([20, 20], [12, 12], 10) == [12, 12]  # never below the minimum


async def test_pair_sorts_printed_numbers_by_value(tmp_path):
    """130以上, 2.0, 15 and 2000 sort as numbers (they were compared as strings: 120 < 130以上 < 15 < 2.0)."""
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        col = [c.header.plain.split("\n")[-1] for c in table(app).columns].index("目标2025")  # 绍兴市's
        for _ in range(col + 1):
            await pilot.press("s")
        await pilot.pause()
        assert table(app).columns[col].header.plain.split("\n")[0].endswith("▲")
        targets = [first_target(i) for i in screen_of(app, CompareScreen).lines if i.group == "对齐"]
        values = [v for v in targets if v is not None]
        assert len(values) > 5 and values == sorted(values)  # the figures' numbers, not their text


async def test_columns_fit_the_screen_and_refit_on_resize(tmp_path):
    """At 80 and 100 columns the pair, share and results views fit without sideways scrolling (long
    names and headers wrap instead); a resize fits them again."""
    app = host(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for size in ((100, 30), (80, 24), (200, 50)):
            await pilot.resize_terminal(*size)
            for mode in "234":
                await pilot.press(mode)
                await pilot.pause()
                t = table(app)
                assert t.virtual_size.width <= t.scrollable_content_region.width, (size, mode)
        await pilot.press("2")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "柯桥区" in labels(app) and "倍数" in table(app).columns[-1].header.plain  # both plans on screen
        assert table(app).header_height == 2


async def test_a_small_terminal_keeps_the_table_the_main_thing(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app, CompareScreen)
        chart = screen.query_one(BarChart)
        assert screen.compact and "hidden" in chart.classes  # no chart until g
        detail = screen.query_one("#compare-detail")
        assert detail.size.height == 2 and str(detail.render()).endswith("… d 全文")
        assert "研发强度" in str(detail.render()) and "ratio" not in str(detail.render())
        t = table(app)
        assert t.size.height >= 16 and all(t._offsets[i + 1] - t._offsets[i] <= 2 for i in range(t.row_count))
        assert t.cell_lines(0)[0][-1].plain.endswith("…") and t.is_cut(0, 0)  # a cut name says so
        await pilot.press("d")
        await pilot.pause()
        assert "合为一项" in str(detail.render())  # the whole catalog note
        await pilot.press("v")
        await pilot.pause()
        assert "hidden" not in chart.classes
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not screen_of(app, CompareScreen).compact and "hidden" not in app.screen.query_one(BarChart).classes
