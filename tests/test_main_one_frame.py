"""The main screen's keys land in one frame: nothing on their path lays the screen out again or
draws a frame of its own after the key's (measured in bench/latency.py; here the causes are checked).

- the 专栏 pane keeps its scrollbar's column: a long 专栏 after a short one is wrapped at the same width
  (it was wrapped again, one column narrower, in a second frame);
- the reader's idle wrapping waits while keys are coming;
- the tree's lines, kept across expansions, are the lines it would draw afresh.
"""

from __future__ import annotations

from time import monotonic

import pytest
from conftest import REAL
from textual.geometry import Region

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.column_detail import ColumnDetail
from widgets.plan_tree import PlanTree
from widgets.reader import Reader

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="needs data/plans.yaml")


def main_screen(app: PlansApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_the_column_pane_wraps_at_one_width_whatever_the_column_length():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        detail = screen.query_one(ColumnDetail)
        columns = [n for p in app.corpus.plans for n in p.walk() if n.kind == "column"]
        longest = max(columns, key=lambda c: len(c.full_text()))
        shortest = min(columns, key=lambda c: len(c.full_text()))
        widths, scrolls = [], []
        for column in (shortest, longest, shortest):
            screen.go_to(column)
            await pilot.pause()
            assert detail.node is column
            widths.append(detail._lines_width)
            scrolls.append(detail.thumb_shown)
        assert len(set(widths)) == 1 and widths[0] > 0
        assert scrolls == [False, True, False]  # only the long one scrolls


async def test_idle_wrapping_waits_while_keys_are_coming():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        plan = max(app.corpus.plans, key=lambda p: len(list(p.walk())))
        reader.show(plan)
        layout = reader._layout()
        assert not layout.complete
        exact = sum(layout.exact)
        app._last_key = monotonic()  # a key just now
        reader._refine()
        assert layout._cursor == 0 and not layout._known and sum(layout.exact) == exact  # nothing wrapped …
        assert reader._refiner is not None  # … it is due again once the keys stop
        app._last_key = 0.0
        reader._refine()
        assert layout._cursor > 0 or layout.complete


async def test_the_tree_draws_from_its_line_cache_what_it_would_draw_afresh():
    """PlanTree keeps rendered lines across expansions (keyed by what a line shows): after every kind of
    change, each visible line equals the one drawn with no cache at all."""
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        tree = screen.query_one(PlanTree)

        def drawn() -> list[list[tuple[str, object]]]:
            tree._styles_cache.clear()  # (Textual's own cache of the widget's finished lines)
            strips = tree.render_lines(Region(0, 0, tree.size.width, tree.size.height))
            return [[(seg.text, seg.style) for seg in strip] for strip in strips]

        async def same() -> None:
            await pilot.pause()
            cached = drawn()
            tree._shown_lines.clear()
            tree._line_cache.clear()
            assert cached == drawn()

        plan = app.corpus.plans[0]
        sections = [n for n in plan.walk() if n.kind == "section"]
        screen.go_to(sections[0])  # a plan and a chapter expanded
        await same()
        screen.go_to(sections[-1])  # another chapter: the rows below move
        await same()
        for key in ("up", "up", "left", "down", "enter", "end", "home"):  # cursor, collapse, expand
            await pilot.press(key)
            await same()
        screen.reader.focus()  # the tree loses focus: its cursor row is drawn otherwise
        await same()
        await pilot.press("ctrl+t")  # another theme
        await same()


async def test_a_click_on_a_tree_row_that_moved_lands_on_that_row():
    """A cached tree line that moved carries its new line number (Tree reads the clicked line from it)."""
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        tree = screen.query_one(PlanTree)
        sections = [n for n in app.corpus.plans[0].walk() if n.kind == "section"]
        other = [n for n in app.corpus.plans[-1].walk() if n.kind == "section"][-1]
        for node in (other, sections[-1]):  # more rows than fit (the scrollbar is there already)
            screen.go_to(node)
            await pilot.pause()
        moved_from = {id(line.node): y for y, line in enumerate(tree._tree_lines)}
        screen.go_to(sections[0])  # a chapter above opens: the rows below it move down
        await pilot.pause()
        top = int(tree.scroll_y)
        moved = [y - top for y, line in enumerate(tree._tree_lines)
                 if top <= y < top + tree.size.height and moved_from.get(id(line.node), y) != y]
        assert len(moved) > 3
        for row in sorted(moved, reverse=True)[:3]:  # (a click on a row that opens or closes moves those below)
            expected = tree._tree_lines[int(tree.scroll_y) + row].node
            await pilot.click(PlanTree, offset=(12, row))
            await pilot.pause()
            assert tree.cursor_node is expected
