"""The result list redraws only the lines that change: a keystroke whose results are those on screen
draws none of them again, ↓ draws the two rows the cursor left and came to (a reactive's repaint
redrew every line of the list at every keystroke and every move: most of a keystroke's frame); a line
that shows what a line drawn lately showed (the same hit, highlighted alike) is not drawn again."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from screen_host import REAL, Host, screen_text, wait_for_workers

from tui.core.load import load_corpus
from tui.screens.search import SearchScreen
from widgets.search_results import LINES, SearchResults

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="needs data/plans.yaml")


async def test_only_the_changed_lines_of_the_list_are_drawn_again(monkeypatch: pytest.MonkeyPatch):
    screen = SearchScreen(load_corpus(REAL))
    app = Host(screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"科技")
        await wait_for_workers(pilot)
        results = screen.query_one(SearchResults)
        assert results.count > 10 and results.highlighted == 0
        drawn: list[int] = []
        content = SearchResults._content  # (what draws a line of the list: render_line and render_lines use it)

        def counted(self: SearchResults, y: int) -> tuple[list[Segment], int]:
            drawn.append(y)
            return content(self, y)

        monkeypatch.setattr(SearchResults, "_content", counted)
        before = screen_text(app)

        await pilot.press("down")
        await pilot.pause()
        assert results.highlighted == 1
        assert sorted(drawn) == list(range(2 * LINES))  # the rows 0 and 1, and nothing else
        drawn.clear()

        await pilot.press("up")
        await pilot.pause()
        # back to lines shown before: they are taken as they were drawn, none is drawn again
        assert drawn == [] and screen_text(app) == before

        await pilot.press("space")  # the same terms: the same hits, highlighted alike
        await wait_for_workers(pilot)
        assert drawn == []

        await pilot.press(*"创新")  # other results: their lines are drawn (all of them on screen)
        await wait_for_workers(pilot)
        assert len(drawn) >= results.scrollable_content_region.height - LINES
        assert "科技 创新" in screen_text(app)
