"""The list screens open in one frame (issue 9): `/`, `c` and `B` are built while the user reads
(tui/screens/prepare.py) and kept between opens; a kept screen is restyled only when the theme
changed; a modal's backdrop is tinted as Textual tints it; a search result is followed before the
search screen closes. What they show is what a screen built on the key shows."""

from __future__ import annotations

from conftest import MINI
from screen_host import screen_of, screen_text, screens_prepared, wait_for_workers
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.columns import ColumnsScreen, ListDetail
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from widgets.column_list import ColumnList
from widgets.search_results import SearchResults

NAMES = ("columns", "bookmarks")


async def prepared(pilot: Pilot) -> MainScreen:
    """Wait (no sleeps: pauses) until the main screen has built every screen ahead."""
    main = await screens_prepared(pilot)
    assert all(main.kept.get(name) is not None for name in NAMES)
    return main


async def opened(pilot: Pilot, key: str) -> str:
    await pilot.press(key)
    await wait_for_workers(pilot)
    await pilot.pause()
    return screen_text(pilot.app)


async def test_prepared_screens_open_as_screens_built_on_the_key() -> None:
    # built on the key: the first keys come before the warm-up (0.5 s after the first frame)
    fresh = PlansApp(load_corpus(MINI), save_settings=False)
    texts: dict[str, str] = {}
    async with fresh.run_test(size=(100, 30)) as pilot:
        for key in ("c", "B"):
            texts[key] = await opened(pilot, key)
            await pilot.press("escape")
            await pilot.pause()

    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        focused = app.screen.focused
        main = await prepared(pilot)
        assert main.focused is focused and focused is not None  # built off screen: the focus stays
        kept = main.kept
        for key, name, kind in (("c", "columns", ColumnsScreen), ("B", "bookmarks", BookmarksScreen)):
            screen = kept.get(name)
            assert isinstance(screen, kind) and screen not in app.screen_stack  # built, not shown
            assert await opened(pilot, key) == texts[key]  # the first open shows what a new screen does
            assert app.screen is screen
            await pilot.press("escape")
            await pilot.pause()
        assert app.screen is main
        # and they work as ever: the 专栏 list filters and goes to a 专栏
        await pilot.press("c")
        await pilot.pause()
        columns = screen_of(app, ColumnsScreen)
        listing = columns.query_one(ColumnList)
        assert app.screen.focused is listing and listing.cursor_row == 0
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.screen is main and main.current is not None


async def test_a_kept_list_is_restyled_only_after_the_theme_changed() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        columns = screen_of(app, ColumnsScreen)
        restyles: list[int] = []
        original = columns.update_node_styles

        def counted(animate: bool = True) -> None:
            restyles.append(1)
            original(animate)

        columns.update_node_styles = counted  # type: ignore[method-assign]
        detail = columns.query_one(ListDetail)
        before = detail._styles_key()
        await pilot.press("escape", "c")
        await pilot.pause()
        assert app.screen is columns and restyles == []  # the same CSS: nothing re-applied
        await pilot.press("escape", "ctrl+t")  # another theme while the list is away
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is columns and restyles == [1]
        assert detail._styles_key() != before  # the pane's lines rebuilt in the new theme's colours
        assert detail._styled_with == detail._styles_key()


async def test_a_chosen_result_is_shown_as_the_search_closes_and_back_returns() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = screen_of(app, MainScreen)
        before = main.current
        await pilot.press("slash", *"重点")
        await wait_for_workers(pilot)
        search = screen_of(app, SearchScreen)
        hit = search.query_one(SearchResults).current()
        assert hit is not None
        landed: list[tuple[bool, object]] = []
        # the main screen resumes on the hit: it was shown under the search screen, before the pop
        original = main.jump

        def jump(to: Jump | None) -> None:
            original(to)
            landed.append((app.screen is search, main.current))

        search.follow = jump
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is main
        assert landed and landed[0][0] is True  # followed while the search screen was still on top
        assert main.current is landed[0][1] and main.current is not before
        assert main.search_query == "重点"
        await pilot.press("b")  # back: where the search started
        await pilot.pause()
        assert main.current is before
        await pilot.press("slash")  # the kept screen: the query, its list, the cursor, text selected
        await pilot.pause()
        assert screen_of(app, SearchScreen) is search
        box = search.query_one(Input)
        assert box.value == "重点" and box.selection == (0, len("重点"))
        assert search.query_one(SearchResults).current() == hit


async def test_a_key_that_comes_while_a_screen_is_prepared_gets_a_screen_of_its_own() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False, prepare_screens=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = screen_of(app, MainScreen)
        keeper = main.kept
        building = keeper.prepare("columns", lambda: ColumnsScreen(app.corpus))
        preparing = keeper.get("columns")
        assert preparing is not None and not preparing.is_mounted
        main.action_columns()  # the key `c`, before the prepared screen is up (no await between)
        await pilot.pause()
        opened = screen_of(app, ColumnsScreen)
        await building
        await pilot.pause()
        assert keeper.get("columns") is opened and opened is not preparing and not preparing.is_attached
        await pilot.press("escape", "c")
        await pilot.pause()
        assert app.screen is opened


async def test_bookmarks_reopen_rebuilds_the_list_only_when_the_bookmarks_changed() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = screen_of(app, MainScreen)
        main.go_to(app.corpus.plans[0].nodes[0])
        await pilot.pause()
        await pilot.press("a", "B")  # one bookmark
        await pilot.pause()
        screen = screen_of(app, BookmarksScreen)
        options = screen.query_one(OptionList)
        first = options.get_option_at_index(0)
        assert options.option_count == 1 and first.id is not None
        await pilot.press("escape", "B")
        await pilot.pause()
        assert app.screen is screen and options.get_option_at_index(0) is first  # not rebuilt
        assert options.highlighted == 0 and app.screen.focused is options
        await pilot.press("escape")
        main.go_to(app.corpus.plans[1])
        await pilot.pause()
        await pilot.press("a", "B")  # another: the list is rebuilt with it
        await pilot.pause()
        assert app.screen is screen and options.option_count == 2 and options.highlighted == 0
