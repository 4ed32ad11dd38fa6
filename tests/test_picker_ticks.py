"""The plan picker: a ticked and an unticked plan must look different in every theme (in 16 colours
both showed as "X")."""

from __future__ import annotations

import pytest
from conftest import MINI
from textual.widgets import SelectionList

import themes
from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus


@pytest.mark.parametrize("theme", list(themes.THEMES))
async def test_unticked_box_is_empty_and_ticked_box_shows_its_mark(theme):
    app = PlansApp(load_corpus(MINI), config=Config(theme=theme), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("p")  # the picker is filled when it is first shown
        await pilot.pause()
        picker = app.screen.query_one(SelectionList)
        picker.deselect(picker.get_option_at_index(1).value)
        await pilot.pause()
        ticked, unticked = picker.render_line(0), picker.render_line(1)

        def mark(strip):
            seg = next(s for s in strip if s.text == "X")
            return seg.style

        on, off = mark(ticked), mark(unticked)
        assert off.color == off.bgcolor  # an empty box: the X drawn in the box's colour
        assert on.color != on.bgcolor and on.bold
