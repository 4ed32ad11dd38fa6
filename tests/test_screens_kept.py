"""Screens kept alive between opens (tui/screens/kept.py): the second open pushes the same instance,
shows what a new screen would (the plan under the cursor now, no filter, sort or cursor left from last
time), and still returns its result to the main screen."""

from __future__ import annotations

from corpora import MINI
from textual.widgets import Input, Tabs

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.columns import ColumnsScreen
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen
from tui.screens.info import PlanInfoScreen
from tui.screens.main import MainScreen
from tui.screens.tables import TablesScreen
from widgets.column_list import ColumnList
from widgets.compare_table import CompareTable
from widgets.indicator_table import IndicatorTable


def on_top(app: PlansApp, screen: object) -> bool:
    return app.screen is screen


async def test_each_screen_is_kept_and_shows_the_plan_under_the_cursor_now() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        alpha, beta = app.corpus.plans[0], app.corpus.plans[1]
        main.go_to(alpha)
        await pilot.pause()

        await pilot.press("t")
        tables = app.screen
        assert isinstance(tables, TablesScreen) and tables.plan is alpha
        grid = tables.query_one(IndicatorTable)
        await pilot.press("s", "s")  # sorted on a column
        assert grid.sort_column is not None
        await pilot.press("escape")
        main.go_to(beta)
        await pilot.pause()
        await pilot.press("t")
        assert on_top(app, tables) and tables.plan is beta  # the new plan, not the last one shown
        assert grid.sort_column is None
        await pilot.press("escape")
        main.go_to(alpha)
        await pilot.pause()
        await pilot.press("t")
        assert on_top(app, tables) and tables.plan is alpha and grid.table is not None
        assert grid.sort_column is None and grid.cursor_row == 0
        await pilot.press("escape")

        await pilot.press("i")
        info = app.screen
        assert isinstance(info, PlanInfoScreen) and info.plan is alpha
        await pilot.press("]")
        await pilot.press("escape")
        await pilot.press("i")
        assert on_top(app, info) and info.plan is alpha  # where the cursor is, not where `]` left it
        await pilot.press("escape")

        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert on_top(app, help_screen)
        await pilot.press("escape")
        assert on_top(app, main)


async def test_columns_reopen_without_the_last_filter_and_return_a_jump() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        jumps: list[Jump | None] = []
        follow = main.jump

        def spy(jump: Jump | None) -> None:
            jumps.append(jump)
            follow(jump)

        main.jump = spy  # type: ignore[method-assign]  # what each dismissal hands back
        await pilot.press("c")
        columns = app.screen
        assert isinstance(columns, ColumnsScreen)
        listing = columns.query_one(ColumnList)
        every = listing.row_count
        await pilot.press("d")  # detail hidden
        await pilot.press("slash", *"zzzz")  # filtered to nothing
        await pilot.pause()
        assert listing.row_count < every and columns.has_class("-no-detail")
        await pilot.press("escape", "escape")
        assert on_top(app, main)
        await pilot.press("c")
        assert on_top(app, columns)
        assert columns.query_one(Input).value == "" and listing.row_count == every
        assert not columns.has_class("-no-detail") and listing.cursor_row == 0
        assert columns.focused is listing
        first = listing.highlighted_row
        assert first is not None
        await pilot.press("enter")  # the dismissal still reaches the main screen
        await pilot.pause()
        assert on_top(app, main) and jumps == [None, Jump(first.key)]
        await pilot.press("c")
        await pilot.press("j", "enter")
        await pilot.pause()
        assert on_top(app, main) and jumps[2:] == [Jump(listing.rows[1].key)]


async def test_compare_reopens_as_new() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("m")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        table = compare.query_one(CompareTable)
        first_rows = len(table.rows)
        await pilot.press("2", "s", "slash", "x", "y", "z", "enter", "j")
        await pilot.pause()
        assert compare.mode == "pair" and compare.filter_text
        await pilot.press("escape")
        assert on_top(app, main)
        await pilot.press("m")
        await pilot.pause()
        assert on_top(app, compare)
        assert compare.mode == "grid" and compare.query_one(Tabs).active == "tab-grid"
        assert compare.filter_text == "" and compare.query_one("#compare-filter", Input).value == ""
        assert compare.sort_col is None and not compare.mix
        assert len(table.rows) == first_rows and table.cursor_column == 0
        assert compare.focused is table
        await pilot.press("escape")
        assert on_top(app, main)


async def test_bookmarks_reopen_on_the_main_screens_list() -> None:
    """The main screen swaps in the bookmarks read after the first frame: the kept list shows those."""
    from textual.widgets import OptionList

    from tui.core.bookmarks import Bookmarks
    from tui.screens.bookmarks import BookmarksScreen
    from tui.screens.main import key_of

    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("B")
        listing = app.screen
        assert isinstance(listing, BookmarksScreen)
        await pilot.press("escape")
        plan = app.corpus.plans[0]
        main.bookmarks = Bookmarks(main.bookmarks.path)  # as `_bookmarks_loaded` does
        main.bookmarks.add(key_of(plan), "甲市书签", plan.short)
        await pilot.press("B")
        assert on_top(app, listing)
        options = listing.query_one(OptionList)
        assert options.option_count == 1 and options.get_option_at_index(0).id == key_of(plan)
        await pilot.press("escape")
