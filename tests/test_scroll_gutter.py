"""The reader's and the 专栏 pane's vertical scrollbar stays in its reserved column (widgets/scroll_size.py):

- going from a long target to a short one and back neither hides nor shows it, and nothing asks for a
  layout of the whole screen (which redrew every widget on it, in the key's frame);
- with nothing to scroll it is drawn as the bare column was (the view's background), the scroll keys
  pass on as before (`allow_vertical_scroll`), and `thumb_shown` says whether there is a thumb;
- its lines (and the tree's bar's), made directly from the bar's segments, are the lines Textual's own
  path draws, in every theme, whole or cropped, with the bar at the top, the middle and the end.
"""

from __future__ import annotations

import pytest
from conftest import REAL
from textual.geometry import Region
from textual.widget import Widget

import themes
from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.column_detail import ColumnDetail
from widgets.plan_tree import PlanTree
from widgets.reader import Reader
from widgets.scroll_size import GutterScrollBar

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="needs data/plans.yaml")


async def test_the_scrollbar_stays_and_nothing_asks_for_a_layout(monkeypatch: pytest.MonkeyPatch):
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        reader = screen.query_one(Reader)
        detail = screen.query_one(ColumnDetail)
        plan = app.corpus.plans[0]
        columns = [n for p in app.corpus.plans for n in p.walk() if n.kind == "column"]
        long_column = max(columns, key=lambda c: len(c.full_text()))
        short_column = min(columns, key=lambda c: len(c.full_text()))
        short_section = min((n for n in plan.walk() if n.kind == "section"),
                            key=lambda n: len(n.full_text()), default=None)
        assert short_section is not None
        layouts: list[str] = []  # the views (and their bars) that asked for a layout of the screen

        def counting(widget: Widget) -> None:
            refresh = widget.refresh

            def counted(*regions: Region, repaint: bool = True, layout: bool = False,
                        recompose: bool = False) -> Widget:
                if layout:
                    layouts.append(type(widget).__name__)
                return refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

            monkeypatch.setattr(widget, "refresh", counted)

        for view in (reader, detail):
            counting(view)
            counting(view.vertical_scrollbar)
        for target, long_reader, long_detail in ((plan, True, False), (short_section, False, False),
                                                 (long_column, True, True), (short_column, None, False),
                                                 (plan, True, False)):
            layouts.clear()
            screen.go_to(target)
            await pilot.pause()
            for view, long in ((reader, long_reader), (detail, long_detail)):
                bar = view.vertical_scrollbar
                assert isinstance(bar, GutterScrollBar) and bar.display and view.show_vertical_scrollbar
                if long is not None:
                    assert view.thumb_shown is long and view.allow_vertical_scroll is long, (target, view)
            assert not layouts, f"{layouts} asked for a layout of the screen after go_to({type(target).__name__})"
        # a short reader draws its column blank, in its own background
        screen.go_to(short_section)
        await pilot.pause()
        bar = reader.vertical_scrollbar
        lines = bar.render_lines(Region(0, 0, 1, bar.size.height))
        background = reader.background_colors[1].rich_color
        assert all(seg.text == " " and seg.style is not None and seg.style.bgcolor == background
                   for line in lines for seg in line)


async def test_the_bar_draws_what_textual_draws():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for plan in app.corpus.plans:  # the tree longer than its pane: its scrollbar shown
            screen.go_to(next(n for n in plan.walk() if n.kind == "column"))
        await pilot.pause()
        compared = 0
        for theme in themes.THEMES:
            app.theme = theme
            await pilot.pause()
            for view in (screen.query_one(Reader), screen.query_one(ColumnDetail), screen.query_one(PlanTree)):
                bar = view.vertical_scrollbar
                height = bar.size.height
                assert height > 10
                for virtual, position in ((1200, 0), (1200, 600), (1200, 1200 - height), (height + 1, 1),
                                          (3 * height, height)):
                    bar.window_virtual_size, bar.window_size, bar.position = virtual, height, position
                    for crop in (Region(0, 0, 1, height), Region(0, 5, 1, 10)):
                        ours = bar.render_lines(crop)
                        bar._styles_cache.clear()
                        textuals = Widget.render_lines(bar, crop)
                        assert [list(line) for line in ours] == [list(line) for line in textuals], \
                            (theme, type(view).__name__, virtual, position, crop)
                        compared += 1
        assert compared == len(themes.THEMES) * 3 * 5 * 2
