"""The search box keeps its border rows between keystrokes (widgets/kept_edges.py), and every row it
shows is the one Textual draws for the box as it is: after typing, after losing and regaining focus
(the border's colour changes), after a theme change, at another width. The result list, which keeps
its finished lines by what they show and pads new ones itself, shows what Textual's own path draws."""

from __future__ import annotations

import pytest
from screen_host import MINI, Host, wait_for_workers
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from tui.core.load import load_corpus
from tui.screens.search import SearchBox, SearchScreen
from widgets.search_results import SearchResults

pytestmark = pytest.mark.skipif(not MINI.exists(), reason="needs the mini corpus")


def textual_rows(box: SearchBox) -> list[Strip]:
    """The box's rows as Textual alone draws them (its styles cache emptied first)."""
    box._styles_cache.clear()
    return Widget.render_lines(box, Region(0, 0, box.region.width, box.region.height))


def shown_rows(box: SearchBox) -> list[Strip]:
    return box.render_lines(Region(0, 0, box.region.width, box.region.height))


def list_rows(results: SearchResults) -> tuple[list[Strip], list[Strip]]:
    """The list's rows as it shows them, and as Textual's styles cache draws them from `render_line`."""
    region = Region(0, 0, results.region.width, results.region.height)
    shown = results.render_lines(region)
    results._styles_cache.clear()
    return shown, Widget.render_lines(results, region)


def text_of(rows: list[Strip]) -> list[str]:
    return [row.text for row in rows]


async def test_the_search_box_draws_what_textual_draws_and_keeps_its_border_rows():
    screen = SearchScreen(load_corpus(MINI))
    app = Host(screen)
    async with app.run_test(size=(90, 24)) as pilot:
        await wait_for_workers(pilot)
        box = screen.query_one("#search-input", SearchBox)
        box.cursor_blink = False
        await pilot.pause()
        assert box.region.height == 3  # a border row above and below the text
        first = shown_rows(box)

        await pilot.press(*"重点")
        await wait_for_workers(pilot)
        typed = shown_rows(box)
        assert "重点" in typed[1].text
        assert typed[0] is first[0] and typed[2] is first[2]  # the border rows kept, not drawn again
        assert typed == textual_rows(box)
        results = screen.query_one(SearchResults)
        assert results.count >= 2
        shown, drawn = list_rows(results)
        assert shown == drawn and "重点" in "".join(row.text for row in shown)
        await pilot.press("down")
        await pilot.pause()
        shown, drawn = list_rows(results)
        assert shown == drawn

        box.blur()  # unfocused: another border colour
        await pilot.pause()
        blurred = shown_rows(box)
        assert blurred[0] is not typed[0] and blurred == textual_rows(box)
        box.focus()
        await pilot.pause()
        assert shown_rows(box) == textual_rows(box)

        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert shown_rows(box) == textual_rows(box)
        shown, drawn = list_rows(results)
        assert shown == drawn

        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        rows = shown_rows(box)
        assert [row.cell_length for row in rows] == [70] * 3 and rows == textual_rows(box)
        assert "重点" in text_of(rows)[1]
        shown, drawn = list_rows(results)
        assert shown == drawn and {row.cell_length for row in shown} == {results.region.width}
        assert screen.query_one(Input) is box
