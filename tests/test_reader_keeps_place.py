"""The reader keeps the reader's place when its width changes (`w` hides the tree, `<` `>`, `d`, a resized
terminal): found by a first user who read down to 柯桥's table of 十三五 results, pressed `w` twice and
was back at the paragraph that opens the section."""

from __future__ import annotations

from corpora import REAL
from screen_host import plan_of, screen_of

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.reader import Reader


async def test_hiding_and_showing_the_tree_keeps_the_table_at_the_top() -> None:
    corpus = load_corpus(REAL)
    plan = plan_of(corpus, "keqiao-2021")
    app = PlansApp(corpus, save_settings=False, start_key=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        reader = screen.query_one(Reader)
        assert screen.current is plan
        doc = reader._doc
        table_node = next(n for n in plan.walk() if n.kind == "table" and "十三五" in n.heading)
        first, _end = doc.block_of[id(table_node)]
        spacer = first - 1  # the blank line closing the paragraph above: part of that paragraph's node
        assert any(f <= spacer < e and node is not table_node for node, f, e in doc.blocks)
        layout = reader._layout()
        layout.settle(spacer)
        reader.scroll_to(0, layout.starts[spacer], animate=False)
        await pilot.pause()
        assert reader._layout().piece_at(int(reader.scroll_y)) == spacer
        for key in ("w", "w", "greater_than_sign", "less_than_sign"):
            await pilot.press(key)
            await pilot.pause()
            layout = reader._layout()
            assert layout.starts[spacer] == int(reader.scroll_y), key  # the table next, not the paragraph above


async def test_inside_a_long_table_a_width_change_keeps_the_reader_as_far_into_it() -> None:
    corpus = load_corpus(REAL)
    plan = plan_of(corpus, "keqiao-2021")
    app = PlansApp(corpus, save_settings=False, start_key=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader = screen_of(app, MainScreen).query_one(Reader)
        table_node = next(n for n in plan.walk() if n.kind == "table" and "十三五" in n.heading)
        first, end = reader._doc.block_of[id(table_node)]
        layout = reader._layout()
        for i in range(first, end):
            layout.settle(i)
        grid = max(range(first, end), key=lambda i: layout.counts[i])  # the piece with its rows
        half = layout.counts[grid] // 2
        reader.scroll_to(0, layout.starts[grid] + half, animate=False)
        await pilot.pause()
        for key in ("w", "w"):
            await pilot.press(key)
            await pilot.pause()
            layout = reader._layout()
            y = int(reader.scroll_y)
            assert layout.piece_at(y) == grid, key
            assert y - layout.starts[grid] >= layout.counts[grid] // 3, key  # not back at the table's top
        assert abs(int(reader.scroll_y) - layout.starts[grid] - half) <= 1  # the same width again: the same place
