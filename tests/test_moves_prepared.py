"""`]`/`}` prepare the next target in the same direction once their frame is drawn
(tui/screens/main_moves.py): the next press finds its reader lines and 专栏 pane lines made, and what
it shows is exactly what it shows unprepared."""

from __future__ import annotations

import pytest
from conftest import REAL
from textual.geometry import Region
from textual.pilot import Pilot

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.column_detail import ColumnDetail
from widgets.reader import Reader

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="needs data/plans.yaml")


def shown_lines(reader: Reader) -> list[list[tuple[str, str]]]:
    lines = reader.render_lines(Region(0, 0, reader.outer_size.width, reader.outer_size.height))
    return [[(seg.text, str(seg.style)) for seg in line] for line in lines]


async def settle(pilot: Pilot, screen: MainScreen) -> None:
    await pilot.pause()
    for _ in range(200):  # the preparation is due PREPARE_AFTER after the key's frame
        if screen.prepared_move == screen._move_serial:
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def test_the_next_target_is_prepared_and_shown_as_unprepared():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        reader = screen.query_one(Reader)
        detail = screen.query_one(ColumnDetail)
        plan = app.corpus.plans[1]
        screen.go_to(plan)
        reader.focus()
        await pilot.pause()
        prepared = 0
        for key in ["right_square_bracket"] * 8 + ["right_curly_bracket"] * 6 + ["left_curly_bracket"] * 2:
            await pilot.press(key)
            await settle(pilot, screen)
            strips = dict(reader._strips)
            wrapped = len(detail._wrapped)
            await pilot.press(key)  # its target was prepared after the previous press
            await pilot.pause()
            # no piece of what it shows was drawn now (the next target's may have been prepared since)
            prepared += not [k for k in reader._strips if k not in strips and k[0] == reader._doc.serial]
            assert len(detail._wrapped) <= wrapped + 1
            # what the prepared target shows, against the same target shown afresh
            seen, seen_detail, seen_shown = shown_lines(reader), list(detail._lines), list(detail.shown)
            reader._strips.clear()
            reader._documents.clear()
            detail._wrapped.clear()
            current, focus = screen.current, screen.focus_node
            assert current is not None
            screen.current = None
            detail._built = False
            screen._show(current, focus=focus)
            await pilot.pause()
            assert shown_lines(reader) == seen
            assert [list(line) for line in detail._lines] == [list(line) for line in seen_detail]
            assert detail.shown == seen_shown
        assert prepared >= 12  # every press found its pieces drawn (but where a move found none to go to)
