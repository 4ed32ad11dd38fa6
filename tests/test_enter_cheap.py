"""Enter on a search result restyles nothing: the reader's match counter gets its bottom edge from the
reader's own styles (a CSS class restyled the reader and its component classes on the first query
highlighted: most of that key's time), and the edge follows the theme as the CSS did. Garbage collection
waits until the frame showing the result is written, and resumes then."""

from __future__ import annotations

import gc
from typing import Any

from conftest import REAL
from textual.color import Color
from textual.dom import DOMNode

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from tui.screens.search import SearchScreen
from widgets.reader import Reader


async def test_enter_on_a_result_restyles_nothing_and_the_counter_edge_follows_the_theme() -> None:
    app = PlansApp(load_corpus(REAL), save_settings=False, start_key="keqiao-2021/3.1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.counter_text() == "" and reader.styles.border_bottom[0] == ""  # no query: no edge
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"yanfa")
        await pilot.pause()
        restyled: list[DOMNode] = []
        update_styles = app.update_styles

        def recorded(node: DOMNode, animate: bool = True) -> None:
            restyled.append(node)
            update_styles(node, animate)

        app.update_styles = recorded  # type: ignore[method-assign]
        collecting: list[bool] = []
        show = reader.show

        def noted(*args: Any, **kwargs: Any) -> None:
            collecting.append(gc.isenabled())
            show(*args, **kwargs)

        reader.show = noted  # type: ignore[method-assign]
        assert gc.isenabled()
        await pilot.press("enter")
        await pilot.pause()
        app.update_styles = update_styles  # type: ignore[method-assign]
        del reader.show
        assert collecting == [False] and gc.isenabled()  # held while the result was shown, resumed after its frame
        assert isinstance(app.screen, MainScreen)
        assert restyled == []  # (the -counting class restyled the reader and its 19 component classes)
        assert reader.counter_text().startswith("“yanfa” 匹配 1/")
        edge, colour = reader.styles.border_bottom
        assert edge == "hkey" and colour == Color.parse(app.theme_variables["panel"])
        before = colour
        app.theme = "plans-paper" if app.theme != "plans-paper" else "plans-ink"
        await pilot.pause()
        await pilot.pause()
        edge, colour = reader.styles.border_bottom
        assert edge == "hkey" and colour == Color.parse(app.theme_variables["panel"]) != before
        await pilot.press("escape", "j")  # the tree: another node, shown without the query
        await pilot.pause()
        assert reader.counter_text() == "" and reader.styles.border_bottom[0] == ""
