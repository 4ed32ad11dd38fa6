"""Pilot tests of the compare screen: modes, plan toggles, sort, filter, chart, export, Enter/escape."""

from __future__ import annotations

import os
from pathlib import Path

from screen_host import UNSET, Host, hostile, screen_text
from textual.coordinate import Coordinate
from textual.widgets import DataTable, SelectionList

from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.compare import CompareScreen
from widgets.bar_chart import BarChart
from widgets.compare_confirm import ConfirmOverwrite

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"
SIZE = (120, 40)


def host(tmp_path: Path, corpus=None) -> Host:
    return Host(CompareScreen(corpus or load_corpus(FIXTURE), export_dir=tmp_path))


def table(app: Host) -> DataTable:
    return app.screen.query_one("#compare-table", DataTable)


def cell_text(app: Host, row: int, col: int) -> str:
    return table(app).get_cell_at(Coordinate(row, col)).plain


async def test_grid_shows_every_indicator_against_every_plan(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        t = table(app)
        assert t.row_count == 26 and len(t.columns) == 6
        assert [c.label.plain for c in t.columns.values()] == ["指标", "柯桥区", "绍兴市", "湖州市", "嘉兴市", "海曙区"]
        assert cell_text(app, 0, 1) == "3.0▲ → 3.5\n×1.17 +3.1%/年"
        assert cell_text(app, 0, 4) == "2.73 → 3.20\n×1.17 +3.2%/年"
        basic = next(i for i, line in enumerate(app.screen.lines) if line.grid_row.key == "basic_research_share")
        assert cell_text(app, basic, 1) == ""  # 柯桥区 sets no such target: blank, not 0
        jiaxing_hte = next(i for i, line in enumerate(app.screen.lines) if line.grid_row.key == "hitech_enterprises")
        assert cell_text(app, jiaxing_hte, 4) == "567 → 1000以上\n≥×1.76 +12.0%/年"
        text = screen_text(app)
        assert "指标对比：26 行 · 5/5 个规划" in text
        assert "rd_intensity" in text  # the detail line of the name column: the catalog entry


async def test_chart_follows_the_cursor_and_toggles(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        chart = app.screen.query_one(BarChart)
        assert [b.label for b in chart.bars] == ["柯桥区", "绍兴市", "湖州市", "嘉兴市", "海曙区"]
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
        assert [c.label.plain for c in table(app).columns.values()] == ["指标", "绍兴市", "湖州市", "嘉兴市", "海曙区"]
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
        assert table(app).columns[next(iter(table(app).columns))].label.plain == "指标 ▲"
        await pilot.press("s")  # by 柯桥区's multiple
        await pilot.pause()
        lines = app.screen.lines
        multiples = [line.figures[0].multiple if line.figures[0] else None for line in lines]
        present = [m for m in multiples if m is not None]
        assert present == sorted(present) and len(present) == 13  # 15 rows less - → 60 and a text target
        assert all(m is None for m in multiples[len(present):])  # blanks last
        await pilot.press("r")
        await pilot.pause()
        multiples = [line.figures[0].multiple if line.figures[0] else None for line in app.screen.lines]
        present = [m for m in multiples if m is not None]
        assert present == sorted(present, reverse=True) and multiples[-1] is None
        assert "柯桥区 ▼" in [c.label.plain for c in table(app).columns.values()]


async def test_filter_box(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        for ch in "专利":
            await pilot.press(ch)
        await pilot.pause()
        keys = [line.grid_row.key for line in app.screen.lines]
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
        assert app.screen.mode == "pair" and table(app).row_count == 18
        assert "甲 绍兴市 · 乙 柯桥区" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert "甲 绍兴市 · 乙 湖州市" in screen_text(app)
        assert cell_text(app, table(app).row_count - 1, 0) == "仅湖州市"
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.mode == "share" and table(app).row_count == 13
        rows = {cell_text(app, r, 0): r for r in range(table(app).row_count)}
        assert cell_text(app, rows["高新技术企业数"], 8) == "20.3%"
        assert cell_text(app, rows["全社会R&D经费支出占GDP比重"], 8) == ""  # no share of a ratio
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.mode == "results" and table(app).row_count == 22
        chart = app.screen.query_one(BarChart)
        assert chart.bars[0].labels == ("目标", "实绩")
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.mode == "grid" and table(app).row_count == 26


async def test_export_never_overwrites_without_asking(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        csv, md = tmp_path / "compare-grid.csv", tmp_path / "compare-grid.md"
        assert csv.exists() and md.exists()
        assert csv.read_text(encoding="utf-8").count("\n") == 1 + 15 + 16 + 17 + 11 + 8  # each targets row
        assert "已导出 compare-grid.csv、compare-grid.md" in screen_text(app)
        csv.write_text("mine\n", encoding="utf-8")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert csv.read_text(encoding="utf-8") == "mine\n"
        assert "未导出" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert csv.read_text(encoding="utf-8").startswith("key,指标,单位,规划")
        await pilot.press("2", "e")  # another mode, another file
        await pilot.pause()
        assert (tmp_path / "compare-pair.csv").read_text(encoding="utf-8").startswith("段,key,指标")


async def test_export_follows_filter_and_toggles(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"gxjsqys", "enter", "e")
        await pilot.pause()
        lines = (tmp_path / "compare-grid.csv").read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1 + 5 and all(",高新技术企业数," in line for line in lines[1:])


async def test_enter_jumps_to_the_table_and_escape_returns_none(tmp_path):
    corpus = load_corpus(FIXTURE)
    app = host(tmp_path, corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "enter")  # 绍兴市's R&D row
        await pilot.pause()
    assert isinstance(app.result, Jump)
    node = corpus.node(app.result.node_key)
    assert node is not None and node.kind == "table" and node.plan.short == "绍兴市" and node.table.kind == "targets"
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
        col = [c.label.plain for c in table(app).ordered_columns].index("绍兴市·目标")
        for _ in range(col + 1):
            await pilot.press("s")
        await pilot.pause()
        assert table(app).ordered_columns[col].label.plain.endswith("▲")
        import re

        values = []
        for r in range(table(app).row_count):
            m = re.search(r"\d+(?:\.\d+)?", cell_text(app, r, col))
            if m and cell_text(app, r, 0) == "对齐":
                values.append(float(m.group()))
        assert len(values) > 5 and values == sorted(values)


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
        names = [c.label.plain.replace("\n", "") for c in table(app).ordered_columns]
        assert "柯桥区·倍数" in names  # the second plan's last column is on screen, header whole
        assert table(app).header_height == 2


async def test_export_to_a_read_only_directory_is_a_one_line_chinese_error(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: fail the write the way a read-only directory does
        import errno

        import tui.screens.compare as screen_module

        def refuse(view, paths):
            raise PermissionError(errno.EACCES, "Permission denied", str(paths[0]))

        monkeypatch.setattr(screen_module, "write_exports", refuse)
    try:
        app = host(locked)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, CompareScreen)  # no crash
            status = str(app.screen.query_one("#compare-status").render())
            assert status == f"导出失败：{locked.resolve()}：没有写入权限"
            assert not list(locked.iterdir())
    finally:
        locked.chmod(0o755)


async def test_the_notice_names_the_full_paths(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert [n.message for n in app._notifications] == [
            f"{tmp_path.resolve()}/compare-grid.csv\n{tmp_path.resolve()}/compare-grid.md"]


async def test_a_small_terminal_keeps_the_table_the_main_thing(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        chart = screen.query_one(BarChart)
        assert screen.compact and "hidden" in chart.classes  # no chart until g
        detail = screen.query_one("#compare-detail")
        assert detail.size.height == 2 and str(detail.render()).endswith("… d 全文")
        assert "研发强度" in str(detail.render()) and "ratio" not in str(detail.render())
        t = table(app)
        assert t.size.height >= 16 and all(row.height <= 2 for row in t.ordered_rows)
        assert cell_text(app, 0, 0).endswith("…")  # a cut name says so
        await pilot.press("d")
        await pilot.pause()
        assert "合为一项" in str(detail.render())  # the whole catalog note
        await pilot.press("v")
        await pilot.pause()
        assert "hidden" not in chart.classes
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.compact and "hidden" not in app.screen.query_one(BarChart).classes
