"""A jump draws one frame (measured in bench/search_keys.py and bench/keytrace.py; the causes are checked
here): Enter on a search result brings the main screen back in one whole-screen frame, though the jump
made the tree's or the 专栏 pane's scrollbar come (no second layout for the scrollbar, no frame of the
layout's own before the repaint, no late frame for a widget that announced its repaint after the whole
screen was drawn); the tree reveals and scrolls to the result in the jump's own turn, asking for no
layout of the screen; `b`/`f` draw one frame too."""

from __future__ import annotations

import pytest
from conftest import REAL
from rich.console import RenderableType
from screen_host import wait_for_workers
from textual.screen import Screen

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from widgets.column_detail import ColumnDetail
from widgets.plan_tree import PlanTree

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="needs data/plans.yaml")


class FramesApp(PlansApp):
    """Notes the kind of each frame written (a whole-screen update or a partial one)."""

    frames: list[str]

    def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        if renderable is not None:
            self.frames.append(type(renderable).__name__)
        super()._display(screen, renderable)


async def test_enter_on_a_result_and_back_and_forward_draw_one_frame():
    app = FramesApp(load_corpus(REAL), save_settings=False)
    app.frames = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        tree = screen.query_one(PlanTree)
        detail = screen.query_one(ColumnDetail)
        scrollbars: list[tuple[bool, bool]] = []
        for query in ("zhongdian shiyanshi", "科技成果"):
            await pilot.press("slash")
            await wait_for_workers(pilot)
            search = app.screen
            assert isinstance(search, SearchScreen)
            await pilot.press(*query)
            await wait_for_workers(pilot)
            app.frames.clear()
            await pilot.press("enter")
            await wait_for_workers(pilot)
            assert app.screen is screen and screen.search_query == query
            assert app.frames == ["LayoutUpdate"], query  # (Textual's name for a whole-screen update)
            scrollbars.append((tree.show_vertical_scrollbar, detail.show_vertical_scrollbar))
        # the first jump opened a plan in the tree: its scrollbar came (a layout) within that one frame
        assert scrollbars[0][0]
        for key in ("b", "b", "f"):
            app.frames.clear()
            await pilot.press(key)
            await wait_for_workers(pilot)
            assert len(app.frames) == 1, key


async def test_a_jump_reveals_and_scrolls_the_tree_in_its_own_turn():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        tree = screen.query_one(PlanTree)
        height = tree.scrollable_content_region.height
        # the last plan's last section, then the first plan's first: far apart, each needing a scroll
        last = [n for n in app.corpus.plans[-1].walk() if n.kind == "section"][-1]
        first = next(n for n in app.corpus.plans[0].walk() if n.kind == "section")
        screen.jump(Jump(last.key, "科技"))  # (the tree's scrollbar comes: a layout of its own)
        await pilot.pause()
        for node in (first, last, first):
            screen.jump(Jump(node.key, "科技"))
            # in the jump's own turn: the cursor is on the result's row and that row is in view …
            cursor = tree.cursor_node
            assert cursor is not None and cursor.data is not None and cursor.data.node is node
            top = int(tree.scroll_y)
            assert top <= tree.cursor_line < top + height
            assert not tree._layout_required  # … and the tree asked for no layout (its size is its own)
            await pilot.pause()
            assert int(tree.scroll_y) == top  # no later scroll (it was a frame of its own)
            assert tree.virtual_size.height == len(tree._tree_lines)
            assert tree.vertical_scrollbar.window_virtual_size == len(tree._tree_lines)
