"""Pilot tests of the compare grid (widgets/compare_table.py on the compare screen): frozen names and
header, years in every column, periods apart unless mixed, the two-plan view at 80 columns, list keys,
sorting on the figures."""

from __future__ import annotations

from pathlib import Path

from screen_host import Host, screen_text
from textual.pilot import Pilot

from tui.core.indicators import load_catalog
from tui.core.load import load_corpus
from tui.screens import compare_modes as modes
from tui.screens.compare import CompareScreen
from widgets.bar_chart import BarChart
from widgets.compare_table import CompareTable

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"


def host(tmp_path: Path) -> Host:
    return Host(CompareScreen(load_corpus(FIXTURE), export_dir=tmp_path))


def screen_of(app: Host) -> CompareScreen:
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return screen


def table(app: Host) -> CompareTable:
    return app.screen.query_one("#compare-table", CompareTable)


def first_lines(app: Host) -> list[str]:
    return [c.header.plain.split("\n")[0] for c in table(app).columns]


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_scrolling_right_keeps_the_names_and_header_in_sight(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        t = table(app)
        assert t.virtual_size.width > t.scrollable_content_region.width  # five plans do not fit in 80
        assert "嘉兴市" not in screen_text(app)
        for _ in range(5):
            await pilot.press("right")
        await pilot.pause()
        assert t.cursor_column == 5 and t.scroll_x > 0
        text = screen_text(app)
        assert "嘉兴市 十三五" in text and "2015→2020" in text  # the last plan, with its period and years
        lines = text.splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith(" 指标"))  # the name column stays
        assert lines[header + 2].startswith(" 全社会R&D经")  # and so do the names under the header
        assert "柯桥区" not in text  # the first plan scrolled out, whole (no half column on the left)
        await press(pilot, "home")
        assert t.cursor_row == 0
        for _ in range(5):
            await pilot.press("left")
        await pilot.pause()
        assert t.cursor_column == 0 and t.scroll_x == 0 and "柯桥区" in screen_text(app)


async def test_list_keys_move_the_cursor_and_the_view_follows(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        t = table(app)
        await press(pilot, "j", "j")
        assert t.cursor_row == 2
        await press(pilot, "k")
        assert t.cursor_row == 1
        await press(pilot, "G")
        assert t.cursor_row == t.row_count - 1 and t.scroll_y > 0
        last = screen_of(app).lines[-1].cells[0].plain[:4]
        assert last in screen_text(app)  # the last row is drawn
        await press(pilot, "g")
        assert t.cursor_row == 0 and t.scroll_y == 0
        await press(pilot, "pagedown")
        assert t.cursor_row > 2


async def test_years_in_every_column_and_periods_apart_until_mixed(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        t = table(app)
        assert first_lines(app) == ["指标", "柯桥区 十四五", "绍兴市 十四五", "湖州市 十四五", "海曙区 十四五", "嘉兴市 十三五"]
        assert [c.header.plain.split("\n")[1] for c in t.columns[1:]] == ["2020→2025"] * 4 + ["2015→2020"]
        assert [c.rule for c in t.columns] == [False] * 5 + [True]  # a rule between the periods
        assert "┃" in screen_text(app)
        await press(pilot, "x")  # mixed: as the corpus lists them, no rule; the years stay in each header
        assert screen_of(app).mix
        assert first_lines(app) == ["指标", "柯桥区 十四五", "绍兴市 十四五", "湖州市 十四五", "嘉兴市 十三五", "海曙区 十四五"]
        assert not any(c.rule for c in t.columns)
        assert t.columns[4].header.plain.endswith("2015→2020")
        assert "（混排，x 分开）" in screen_text(app)
        await press(pilot, "x")
        assert first_lines(app)[-1] == "嘉兴市 十三五" and "（分开，x 混排）" in screen_text(app)


def test_a_cell_whose_years_differ_from_its_column_says_so():
    corpus = load_corpus(FIXTURE)
    ctx = modes.Context(corpus, load_catalog(), list(corpus.plans), None, 120, False)
    first = modes.grid(ctx)
    fig = first.items[0].figures[0]
    assert fig is not None and fig.plan.short == "柯桥区"
    fig.base_year = 2019  # as if this row's baseline column were headed 2019年 (the cached grid is reused)
    table = modes.grid(ctx)
    assert table.items[0].cells[1].plain.endswith("2019→2025年")
    assert table.columns[1].header.plain.endswith("2020→2025")  # the column keeps its plan's years
    assert "→2025年" not in table.items[1].cells[1].plain  # other cells: the header says it


async def test_two_plans_at_80_columns_fit_without_a_group_column(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "2")
        t = table(app)
        assert t.virtual_size.width <= t.scrollable_content_region.width  # both plans' columns on screen
        assert t.columns[0].width >= 12  # names get 6 characters a line, not 4
        assert first_lines(app) == ["指标", "绍兴市", "", "", "柯桥区", "", ""]
        assert [c.header.plain.split("\n")[1] for c in t.columns[1:]] == ["基期2020", "目标2025", "倍数"] * 2
        assert t.columns[4].rule
        text = screen_text(app)
        assert "── 对齐（13 项）" in text and "段" not in text.split("\n")[3]
        await press(pilot, "G")
        assert t.rows[t.cursor_row].section is None
        await press(pilot, "g")
        assert t.cursor_row == 1  # the first data row, under its section row


async def test_sorting_the_grid_uses_the_multiples_and_results_the_numbers(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "s", "s", "s")  # name, 柯桥区, 绍兴市
        screen = screen_of(app)
        multiples = [i.figures[1].multiple for i in screen.lines if i.figures[1] is not None]
        present = [m for m in multiples if m is not None]
        assert present == sorted(present) and len(present) > 5
        assert first_lines(app)[2] == "绍兴市 十四五 ▲"
        await press(pilot, "4", "s", "s", "s", "s", "s")  # results: sorted on 实绩 (column 4)
        actual = [i.figures[0].actual.value for i in screen.lines
                  if i.figures[0] is not None and i.figures[0].actual is not None and i.figures[0].actual.value is not None]
        assert len(actual) > 5 and actual == sorted(actual)
        assert first_lines(app)[4] == "实绩 ▲"


async def test_only_one_period_says_nothing_about_periods(tmp_path):
    corpus = load_corpus(FIXTURE)
    corpus.plans = [p for p in corpus.plans if p.meta.period_name == "十四五"]
    app = Host(CompareScreen(corpus, export_dir=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not any(c.rule for c in table(app).columns)
        assert "混排" not in screen_text(app).splitlines()[-2]


async def test_switching_to_a_smaller_table_keeps_the_cursor_inside(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for mode in "4312":  # from each table's last row and column to a smaller one
            await press(pilot, "G", *["right"] * 9, mode)
            t = table(app)
            assert 0 <= t.cursor_row < t.row_count and 0 <= t.cursor_column < len(t.columns)
        await press(pilot, "slash", *"zzqq", "enter")  # nothing matches: an empty table
        assert table(app).row_count == 0 and "没有匹配的指标" in screen_text(app)
        await press(pilot, "j", "G", "right", "enter", "s", "r")
        assert isinstance(app.screen, CompareScreen)


async def test_the_table_keeps_its_height_as_the_cursor_moves(tmp_path):
    """Rows with figures for 2 plans or 5 (chart bars), 1 detail line or 4: nothing below the table
    changes its height, so the table never jumps and a key costs no layout."""
    app = host(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        heights = set()
        bars = set()
        for _ in range(12):
            await press(pilot, "j")
            heights.add((table(app).size.height, app.screen.query_one("#compare-detail").size.height))
            bars.add(len(app.screen.query_one("#compare-chart", BarChart).bars))
        assert len(bars) > 1 and len(heights) == 1
