"""SVG snapshots of every screen but search and compare (those have their own) in every theme at 80×24
and 120×40: the main screen on a 专栏, the same with a query highlighted (the match counter), the 专栏
list (c), the indicator tables (t), plan info (i), bookmarks (B), help (?), the command palette
(ctrl+p), and the main screen on a plan with its whole tree open (*).

One app per theme and size visits every screen (an app start costs more than a dozen screenshots);
each image is taken as `snap_compare` takes it (pytest-textual-snapshot: the same pauses, then
`export_screenshot(simplify=True)`) and compared with syrupy's `snapshot` and the same SVG extension,
so the files are the same kind of file and `--snapshot-report` tooling reads them alike.

Every screen visited is also checked for contrast, character by character as drawn, on a dark and a
light terminal (tests/cell_contrast.py): nothing white on white, yellow on white or black on blue.

Regenerate after a deliberate change with: .venv/bin/pytest tests/test_snapshots_screens.py --snapshot-update
(then look at the images: they are the reference).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from cell_contrast import low_contrast
from conftest import MINI
from pytest_textual_snapshot import SVGImageExtension  # type: ignore[import-untyped]
from screen_host import wait_for_workers
from syrupy.assertion import SnapshotAssertion
from textual.app import App
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Input

import themes
from tui.app import PlansApp
from tui.core.bookmarks import HEADER, Bookmark, Bookmarks, line_of
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.main import MainScreen

THEMES = list(themes.THEMES)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
TEXT_FLOOR = 3.0  # WCAG's floor for large text; our themes' pairs are checked at 4.5 in test_themes.py
LINE_FLOOR = 2.0  # borders, guides and scrollbars: to be seen, not read
LOW: list[str] = []


async def screenshot(pilot: Pilot) -> str:
    """The screen as `snap_compare` would export it (textual._doc.take_svg_screenshot's steps)."""
    app = pilot.app
    app.clear_notifications()  # a toast from the key that led here is not part of the screen
    await wait_for_workers(pilot)  # the palette gathers its commands in a worker
    for box in app.screen.query(Input):
        box.cursor_blink = False  # the cursor shown, steadily: a blinking one is on or off by chance
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    # the ANSI theme's borders and guides must show on any terminal; the truecolor themes' pane edges
    # and guides are hairlines by design (checked for text only)
    line_floor = LINE_FLOOR if app.theme == themes.ANSI.name else 0.0
    LOW.extend(f"{type(app.screen).__name__}: {cell}" for cell in low_contrast(app, TEXT_FLOOR, line_floor))
    return app.export_screenshot(title=app.title, simplify=True)


def palette_listed(app: App[object]) -> bool:
    """The palette lists its plans (they come from the search index, loaded beside its commands)."""
    lists = app.screen.query(CommandList)
    return bool(lists) and any("[规划]" in str(lists.first().get_option_at_index(i).prompt)
                               for i in range(lists.first().option_count))


async def visit(pilot: Pilot, *keys: str, ready: Callable[[App[object]], bool] | None = None) -> str:
    """Press keys, take the screenshot (once `ready` says the screen is complete), and go back to the
    main screen."""
    app = pilot.app
    await pilot.press(*keys)
    await pilot.pause()
    for _ in range(500):  # the index is loaded in a thread: its time is the machine's (no fixed sleep)
        if ready is None or ready(app):
            break
        await pilot.pause(0.01)
    else:
        raise AssertionError(f"{keys}: the screen was not complete in 5 s")
    svg = await screenshot(pilot)
    while not isinstance(app.screen, MainScreen):
        await pilot.press("escape")
        await pilot.pause()
    return svg


async def every_screen(pilot: Pilot) -> dict[str, str]:
    app = pilot.app
    main = app.screen
    assert isinstance(main, MainScreen)
    shots = {"main": await screenshot(pilot)}
    main.jump(Jump("alpha-2021/2.1.1", query="研发"))  # as a search result is followed
    await pilot.pause()
    shots["main-query"] = await screenshot(pilot)
    main.jump(Jump("alpha-2021/3.1.2"))
    await pilot.pause()
    shots["columns"] = await visit(pilot, "c")
    shots["tables"] = await visit(pilot, "t")
    shots["info"] = await visit(pilot, "i")
    shots["bookmarks"] = await visit(pilot, "B")
    shots["help"] = await visit(pilot, "question_mark")
    shots["palette"] = await visit(pilot, "ctrl+p", ready=palette_listed)
    main.jump(Jump("alpha-2021"))
    main.plan_tree.focus()
    await pilot.pause()
    await pilot.press("asterisk")  # the whole tree of the plan open
    shots["main-tree"] = await screenshot(pilot)
    return shots


def two_bookmarks() -> None:
    """A bookmark and one whose node is gone from the data, added at a fixed time (the list shows it)."""
    marks = [Bookmark("alpha-2021/3.1.2", "甲市 › 二、主要任务 › （一）建设重大创新平台。 › 专栏1 集成电路重大科技专项",
                      "甲市", "2026-07-01T09:30:00"),
             Bookmark("alpha-2021/9.9", "甲市 › 已删去的一节", "甲市", "2026-07-02T16:05:00")]
    path = Bookmarks().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(line_of(b) + "\n" for b in marks), encoding="utf-8")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
async def test_every_screen(snapshot: SnapshotAssertion, theme: str, size: str) -> None:
    snapshot = snapshot.use_extension(SVGImageExtension)
    two_bookmarks()
    LOW.clear()
    # the info screen names the data file: relative to the checkout, the image is the same in any clone
    app = PlansApp(load_corpus(os.path.relpath(MINI)), config=Config(theme=theme), start_key="alpha-2021/3.1.2",
                   save_settings=False)
    async with app.run_test(size=SIZES[size], notifications=True) as pilot:
        shots = await every_screen(pilot)
    assert list(shots) == ["main", "main-query", "columns", "tables", "info", "bookmarks", "help", "palette",
                          "main-tree"]
    differ = [name for name, svg in shots.items() if snapshot(name=name) != svg]
    assert not differ, f"screens that differ from their snapshot: {differ}"
    # every character readable on a dark and on a light terminal, in three common palettes
    assert LOW == []
