"""ctrl+t (or the palette) changes the theme: the 专栏 pane restyles in the new theme's colours. It
rebuilt its text when its own style changed, before Textual had restyled its component classes, so
it kept the old theme's title and muted colours (墨's #a8a296 on a light 纸 page, or truecolour in
the 16-colour ANSI theme)."""

from __future__ import annotations

import pytest
from conftest import REAL

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from widgets.column_detail import ColumnDetail


@pytest.mark.parametrize("first, then", [("plans-ink", "plans-ansi"), ("plans-ink", "plans-paper")])
async def test_the_column_pane_takes_the_new_themes_colours(first, then):
    app = PlansApp(load_corpus(REAL), config=Config(theme=first), save_settings=False,
                   start_key="keqiao-2021/6.1.3")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(ColumnDetail)
        assert detail.shown and detail.shown[0].startswith("专栏6")
        app.theme = then
        await pilot.pause()
        await pilot.pause()
        wanted = {name: detail.get_component_rich_style(name).color
                  for name in ("column-detail--title", "column-detail--host")}
        drawn: dict[int, object] = {}
        for y in range(2):
            for segment in detail.render_line(y):
                if segment.text.strip() and segment.style is not None:
                    drawn.setdefault(y, segment.style.color)
        assert drawn == {0: wanted["column-detail--title"], 1: wanted["column-detail--host"]}
