"""Search landings prepared ahead (tui/screens/main_search.py): while the search list is up, the
result under its cursor is prepared once typing stops, and after each landing the next `n`'s node;
Enter and that `n` then find the reader's lines drawn, and what they show is exactly what the same
place shows drawn afresh (reader, tree and 专栏 pane)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import REAL
from screen_host import wait_for_workers
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.column_detail import ColumnDetail
from widgets.plan_tree import PlanTree
from widgets.reader import Reader
from widgets.search_results import SearchResults

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="needs data/plans.yaml")


def shown_lines(widget: Widget) -> list[list[tuple[str, str]]]:
    lines = widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))
    return [[(seg.text, str(seg.style)) for seg in line] for line in lines]


async def wait_for(pilot: Pilot, done: Callable[[], bool]) -> None:
    for _ in range(300):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError("never prepared")


def landing_ready(app: PlansApp, main: MainScreen, query: str) -> Callable[[], bool]:
    """The result under the search list's cursor prepared, every step of it."""
    def ready() -> bool:
        hit = app.screen.query_one("#search-results", SearchResults).current()
        return hit is not None and main._landing_prepared == (hit.unit.key, query) and main._steps is None
    return ready


def check_afresh(screen: MainScreen) -> None:
    """What the reader, the tree and the 专栏 pane show, against the same drawn from nothing kept."""
    reader, tree, detail = screen.query_one(Reader), screen.query_one(PlanTree), screen.query_one(ColumnDetail)
    seen = shown_lines(reader), shown_lines(tree), [list(line) for line in detail._lines]
    reader._strips.clear()
    tree._shown_lines.clear()
    tree._line_cache.clear()
    tree._clear_line_cache()
    tree._tree_lines_cached = None
    column, detail.node, detail._built = detail.node, None, False
    detail._wrapped.clear()
    detail.show(column)
    assert shown_lines(reader) == seen[0]
    assert shown_lines(tree) == seen[1]
    assert [list(line) for line in detail._lines] == seen[2]


async def test_enter_and_n_find_their_landing_prepared_and_show_it_as_unprepared():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        reader = main.query_one(Reader)
        for query, downs in (("科技成果", 0), ("shiyanshi", 2)):
            await pilot.press("slash", *query)
            await wait_for_workers(pilot)
            for _ in range(downs):
                await pilot.press("down")
            await wait_for(pilot, landing_ready(app, main, query))  # once the keys stop
            strips = dict(reader._strips)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is main and main.search_query == query
            # nothing of what it shows was drawn on the key (its lines were drawn ahead)
            assert not [k for k in reader._strips if k not in strips and k[0] == reader._doc.serial]
            check_afresh(main)
            main._walk_landed()  # (what was prepared for the next `n` was just dropped: again)
            walk = main.search_walk()
            assert walk is not None
            crossed = 0
            for _ in range(12):
                await wait_for(pilot, lambda: main.prepared_walk == main._walk_serial)
                strips = dict(reader._strips)
                index = walk.index
                await pilot.press("n")
                await pilot.pause()
                if walk.index != index:  # on to another node: its lines were drawn ahead
                    crossed += 1
                    assert not [k for k in reader._strips if k not in strips and k[0] == reader._doc.serial]
                    check_afresh(main)
                    main._walk_landed()
            assert crossed >= 2
