"""Reopening the compare, tables and info screens costs what it shows (issue 9): a kept screen is not
restyled whole unless a theme changed while it was away (then it takes the new colours), the compare
table keeps the lines it drew when it shows the same rows again, and each pane is filled once per open.
The tables screen's grid is laid out when given (no measuring pass a frame later)."""

# (apps made with prepare_screens=False: these count what a reopen does, with no screen being built ahead meanwhile)
from __future__ import annotations

from typing import Any

import pytest
from corpora import MINI
from rich.style import Style
from textual import events
from textual.screen import Screen

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.compare import CompareScreen
from tui.screens.info import PlanInfoScreen
from tui.screens.main import MainScreen
from tui.screens.tables import TablesScreen
from widgets.compare_table import CompareTable
from widgets.indicator_table import IndicatorTable
from widgets.plan_info import PlanInfo


def restyles(screen: Screen, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The `refresh_styles` of every resume the screen sees from now (read after its own handler)."""
    seen: list[bool] = []
    original = Screen._on_screen_resume

    def spy(self: Screen, event: events.ScreenResume) -> None:
        if self is screen:
            seen.append(event.refresh_styles)
        original(self, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", spy)
    return seen


def first_style(table: CompareTable) -> Style:
    """The style of the first body line's first cell as drawn now."""
    style = next(iter(table.render_line(table.header_height))).style
    assert style is not None
    return style


async def test_kept_screens_are_restyled_only_after_a_theme_change(monkeypatch: pytest.MonkeyPatch) -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        for key, cls in (("m", CompareScreen), ("t", TablesScreen), ("i", PlanInfoScreen)):
            await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, cls)
            await pilot.press("escape")
            await pilot.pause()
            seen = restyles(screen, monkeypatch)
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen and seen == [False], cls.__name__  # nothing changed: not restyled
            await pilot.press("escape")
            await pilot.pause()
            app.theme = "plans-ink" if app.theme != "plans-ink" else "plans-paper"
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen and seen == [False, True], cls.__name__  # a theme changed: restyled
            await pilot.press("escape")
            await pilot.pause()


async def test_a_reopened_compare_table_takes_a_new_themes_colours() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        table = compare.query_one(CompareTable)
        before = first_style(table)
        await pilot.press("escape")
        await pilot.pause()
        app.theme = "plans-ink" if app.theme != "plans-ink" else "plans-paper"
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is compare
        after = first_style(table)
        fresh = CompareScreen(app.corpus)
        await app.push_screen(fresh)
        await pilot.pause()
        new = fresh.query_one(CompareTable)
        assert after.bgcolor != before.bgcolor
        assert after.bgcolor == first_style(new).bgcolor


async def test_reopening_compare_keeps_its_drawn_lines_and_fills_panes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        table = compare.query_one(CompareTable)
        await pilot.press("j", "j", "right")  # the cursor moved: the reopen puts it back on the first row
        await pilot.pause()
        assert table.cursor_row > 0
        await pilot.press("escape")
        await pilot.pause()
        tables: list[int] = []
        sides: list[int] = []
        monkeypatch.setattr(CompareTable, "set_table", lambda self, *a, **k: tables.append(1))
        original = CompareScreen._update_side

        def side(self: CompareScreen) -> None:
            sides.append(1)
            original(self)

        monkeypatch.setattr(CompareScreen, "_update_side", side)
        cached = list(table._strips.keys())  # (an LRUCache: not iterable itself)
        drawn = {key: table._strips.get(key) for key in cached}
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is compare
        assert tables == []  # the same rows: the table was not given them again
        assert len(sides) == 1  # the detail and chart, once
        assert (table.cursor_row, table.cursor_column) == (table._data_row(0, 1), 0)
        kept = [key for key in drawn if table._strips.get(key) is drawn[key]]
        assert kept  # lines drawn before are drawn from the cache again


async def test_a_first_compare_open_fills_the_table_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Filled at mount for the width the table will have (not again when its first layout says so)."""
    fills: list[int] = []
    original = CompareTable.set_table

    def counting(self: CompareTable, *args: Any, **kwargs: Any) -> None:
        fills.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(CompareTable, "set_table", counting)
    app = PlansApp(load_corpus(MINI), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one(CompareTable)
        assert table.rows and fills == [1]
        assert screen._fitted_width == table.size.width


async def test_the_plan_picker_is_made_when_p_first_shows_it() -> None:
    from textual.widgets import SelectionList

    app = PlansApp(load_corpus(MINI), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert not compare.query(SelectionList)  # not made with the screen
        await pilot.press("p")
        await pilot.pause()
        picker = compare.query_one(SelectionList)
        assert picker.display and compare.focused is picker
        assert set(picker.selected) == set(compare.plan_ids)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("m", "p")
        await pilot.pause()
        assert len(compare.query(SelectionList)) == 1  # made once, shown again
        await pilot.press("escape", "escape")


async def test_tables_and_info_are_laid_out_before_their_first_frame() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        grid = app.screen.query_one(IndicatorTable)
        assert grid.row_count and grid.virtual_size.height == grid.header_height + sum(
            grid._offsets[i + 1] - grid._offsets[i] for i in range(grid.row_count))
        await pilot.press("escape", "i")
        await pilot.pause()
        info = app.screen.query_one(PlanInfo)
        assert info.virtual_size.width == info.scrollable_content_region.width
        assert info.virtual_size.height == len(info._lines) >= len(info.fields)


async def test_a_new_view_keeps_the_cursors_column_in_sight() -> None:
    """The table's virtual size is set in place (widgets.scroll_size): no layout of the screen after
    a new table, and so no layout clamping the sideways scroll back to 0 with the cursor's column off
    screen (it did, coming back to the grid with the cursor on its last plan at 80 columns)."""
    from pathlib import Path

    app = PlansApp(load_corpus(Path(__file__).parent / "fixtures" / "compare.yaml"), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in (["m"], ["j"] + ["right"] * 5, ["2", "j"], ["3"], ["4"], ["1"]):
            await pilot.press(*keys)
            await pilot.pause()
            table = app.screen.query_one(CompareTable)
            c = table.cursor_column
            room = table.scrollable_content_region.width - table._frozen_width
            if c >= table.frozen:
                left, right = table._x[c], table._x[c] + table.columns[c].width
                assert table.scroll_x <= left and right <= table.scroll_x + room, keys
        assert table.cursor_column == 5 and table.scroll_x > 0
