"""What the main screen's moving keys no longer do on their path, and that what they show is unchanged.

- an indicator table is drawn once for its line count and its lines (it was drawn twice), and a
  section's table below the view is not drawn when the section is shown;
- the tree builds its lines without measuring each one, and draws exactly what Tree's own build did;
- the 专栏 pane makes its lines directly: the same segments as Rich's rendering of the whole group;
- garbage is collected in the pause after a key, not left to fall inside a later one.
"""

from __future__ import annotations

import gc

import pytest
from conftest import REAL
from rich.console import Group
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Tree

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.reader_pieces import Context, Geometry, TableGrid

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="needs data/plans.yaml")


def main_screen(app: PlansApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def test_a_table_is_drawn_once_for_its_count_and_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console
    from rich.style import Style

    corpus = load_corpus(REAL)
    node = next(n for p in corpus.plans for n in p.walk() if n.kind == "table" and n.table and n.table.rows)
    drawn: list[int] = []
    lines = TableGrid._lines

    def counted(self: TableGrid, geo: Geometry, styles: dict[str, Style], terms: tuple[str, ...]) -> list:
        drawn.append(geo.width)
        return lines(self, geo, styles, terms)

    monkeypatch.setattr(TableGrid, "_lines", counted)
    styles = {"table": Style(color="green"), "table-header": Style(bold=True), "match": Style(reverse=True)}
    geo = Geometry(80, Console(width=80))
    TableGrid.styles_hint = styles  # as after the reader has shown a table
    piece = TableGrid(node)
    n = piece.count(geo)
    shown = piece.render(geo, Context(styles, ()), 0, -1)
    assert len(shown) == n and drawn == [80]  # the count's drawing was the render's
    highlighted = piece.render(geo, Context(styles, ("发展",)), 0, -1)  # another highlight: drawn again
    assert len(highlighted) == n and drawn == [80, 80]
    assert piece.count(geo) == n and drawn == [80, 80]  # a known count draws nothing
    narrow = Geometry(50, geo.console)
    assert piece.count(narrow) >= n and drawn == [80, 80, 50]


async def test_moving_keys_draw_what_they_drew(monkeypatch: pytest.MonkeyPatch) -> None:
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        reader = screen.reader

        # a section whose table lies below the view is shown without drawing the table
        drawn: set[int] = set()
        lines = TableGrid._lines

        def counted(self: TableGrid, geo: Geometry, styles: dict, terms: tuple[str, ...]) -> list:
            drawn.add(id(self))
            return lines(self, geo, styles, terms)

        monkeypatch.setattr(TableGrid, "_lines", counted)
        below = 0
        with_tables = [n for p in app.corpus.plans for n in p.walk()
                       if n.kind in ("chapter", "section") and any(m.kind == "table" for m in n.walk())]
        for section in with_tables:
            drawn.clear()
            screen.go_to(section)
            reader.render_lines(Region(0, 0, reader.size.width, reader.size.height))
            layout = reader._layout()
            for i, piece in enumerate(reader._doc.pieces):
                if isinstance(piece, TableGrid) and layout.starts[i] > reader.scroll_y + reader.size.height + 2:
                    below += 1
                    assert id(piece) not in drawn, f"{section.key}: a table below the view was drawn"
        monkeypatch.undo()
        assert below  # (the data has sections with a table below their first screen)

        # the tree's lines: the same as Tree's own build, collapsed and with everything open
        tree = screen.plan_tree

        def drawn_tree() -> tuple[list[int], list[list[tuple[str, object]]]]:
            tree._shown_lines.clear()
            tree._line_cache.clear()
            style = tree.rich_style
            rows = tree._tree_lines
            return ([line.node.id for line in rows],
                    [[(s.text, s.style) for s in tree._render_line(y, 0, tree.size.width, style)]
                     for y in range(len(rows))])

        for step in ("collapsed", "expanded"):
            if step == "expanded":
                tree.cursor_line = 1
                tree.action_expand_all()
                await pilot.pause()
            tree._tree_lines_cached = None
            ours = drawn_tree()
            assert tree.virtual_size.width <= tree.scrollable_content_region.width
            tree._tree_lines_cached = None
            Tree._build(tree)
            assert drawn_tree() == ours, step

        # the 专栏 pane's lines: what Rich made of the whole group
        detail = screen.detail
        console = app.console
        for column in [n for p in app.corpus.plans for n in p.walk() if n.kind == "column"] + [None]:
            detail.show(column)
            width = detail._lines_width
            assert width > 0
            made = [Strip(line) for line in console.render_lines(
                Group(*detail._content), console.options.update_width(width), style=detail.rich_style, pad=False)]
            assert [list(s) for s in detail._lines] == [list(s) for s in made], column.key if column else "none"
            assert [s.cell_length for s in detail._lines] == [s.cell_length for s in made]


async def test_garbage_is_collected_in_the_pause_after_a_key() -> None:
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app._young_gc = True  # as `plans` runs (on_ready, after start-up's pause; a test process is not frozen)
        collections: list[int] = []

        def note(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                collections.append(info["generation"])

        thresholds = gc.get_threshold()
        gc.set_threshold(10**7, 10**6, 10**6)  # the collector's own collections out of the way: only the app's
        gc.callbacks.append(note)
        try:
            await pilot.press("down", "down", "down")
            for _ in range(50):
                await pilot.pause(0.02)
                if collections:
                    break
        finally:
            gc.callbacks.remove(note)
            gc.set_threshold(*thresholds)
        assert collections and max(collections) <= 1  # the young (and middle) generations, once the keys paused
        assert app._young_gc_timer is None
