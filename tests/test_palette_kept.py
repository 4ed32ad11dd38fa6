"""The command palette and the help are kept between opens, and the main screen's are built off-screen
before the first (tui/palette.py, tui/screens/kept.py): every open must look and behave as a new one
would — an empty prompt, the same commands, the first one highlighted, the keys of the screen it is
opened on, the current theme."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from corpora import MINI, REAL
from rich.segment import Segment
from screen_host import wait_for_workers
from textual import events
from textual.command import CommandInput, CommandList
from textual.pilot import Pilot
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.visual import Visual, visualize
from textual.widgets import Input

from themes import THEMES
from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.core.model import Corpus
from tui.core.search import index_for
from tui.core.search.searchable import plan_units
from tui.core.store.corpus import StoredPlan
from tui.palette import PlansPalette
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from widgets.backdrop import Backdrop, memo


class Unprepared(PlansApp):
    """The app without its idle-time preparation: every palette and help is built on its key."""

    def __init__(self, corpus: Corpus, **kwargs: Any) -> None:
        super().__init__(corpus, prepare_screens=False, **kwargs)


def same(a: object, b: object) -> bool:
    """`a is b`, without narrowing either's type (mypy narrows both operands of an `is`)."""
    return a is b


def listed(palette: PlansPalette) -> list[str]:
    commands = palette.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def prepared(pilot: Pilot) -> PlansPalette:
    """Wait (no sleeps: the machine's own pace) until the app has built the main screen's palette
    and help off-screen, and the palette has listed its commands."""
    app = pilot.app
    assert isinstance(app, PlansApp)
    for _ in range(1000):
        palette = app.kept_screens.get("palette-MainScreen")
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        if isinstance(palette, PlansPalette) and palette._discovered is not None and main.kept.get("help"):
            return palette
        await pilot.pause(0.01)
    raise AssertionError("the palette and help were not prepared in 10 s")


async def picture(pilot: Pilot) -> str:
    """The screen as the snapshot tests take it (a steady cursor)."""
    app = pilot.app
    await wait_for_workers(pilot)
    for box in app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()
    await pilot.pause()
    return app.export_screenshot(simplify=True)


async def test_a_reopened_palette_starts_empty_with_the_same_commands() -> None:
    app = Unprepared(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_workers(pilot)
        palette = app.screen
        assert isinstance(palette, PlansPalette)
        first = listed(palette)
        assert any("[规划]" in line for line in first) and any("规划对比" in line for line in first)
        await pilot.press("down", "down")
        await pilot.press(*"jia")  # a query: the list shows its hits
        await wait_for_workers(pilot)
        assert listed(palette) != first
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        await pilot.press("ctrl+p")
        await pilot.pause()
        assert same(app.screen, palette)  # kept, not rebuilt
        assert palette.query_one(CommandInput).value == ""
        assert listed(palette) == first
        assert palette.query_one(CommandList).highlighted == 0

        await pilot.press("down", "down", "escape")  # moved, no query: reopened at the top
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert listed(palette) == first and palette.query_one(CommandList).highlighted == 0


async def test_a_command_chosen_then_the_palette_reopened() -> None:
    app = Unprepared(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_workers(pilot)
        palette = app.screen
        assert isinstance(palette, PlansPalette)
        first = listed(palette)
        await pilot.press(*"规划信息")
        await wait_for_workers(pilot)
        await pilot.press("enter")  # runs 规划信息: the info screen opens
        await wait_for_workers(pilot)
        assert type(app.screen).__name__ == "PlanInfoScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert same(app.screen, palette)
        assert palette.query_one(CommandInput).value == "" and listed(palette) == first
        await pilot.press("enter")  # the first command, as in a new palette
        await wait_for_workers(pilot)
        assert not isinstance(app.screen, PlansPalette)


async def test_the_palette_of_another_screen_lists_that_screens_commands() -> None:
    app = Unprepared(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_workers(pilot)
        on_main = app.screen
        assert isinstance(on_main, PlansPalette)
        assert any("规划对比" in line for line in listed(on_main))  # a main-screen command
        await pilot.press("escape", "t")
        await pilot.pause()
        tables = app.screen
        assert type(tables).__name__ == "TablesScreen"
        await pilot.press("ctrl+p")
        await wait_for_workers(pilot)
        on_tables = app.screen
        assert isinstance(on_tables, PlansPalette) and on_tables is not on_main
        assert not any("规划对比" in line for line in listed(on_tables))
        assert any("截图" in line for line in listed(on_tables))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is tables
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert same(app.screen, on_main) and any("规划对比" in line for line in listed(on_main))


async def test_the_prepared_palette_and_help_look_as_new_ones() -> None:
    """Built off-screen while the user reads, they open as ones built on the key would."""
    shots: list[dict[str, str]] = []
    for app in (PlansApp(load_corpus(MINI), save_settings=False), Unprepared(load_corpus(MINI), save_settings=False)):
        async with app.run_test(size=(100, 30)) as pilot:
            shot: dict[str, str] = {}
            if not isinstance(app, Unprepared):
                palette = await prepared(pilot)
                assert palette not in app.screen_stack
            await pilot.press("ctrl+p")
            await wait_for_workers(pilot)
            assert isinstance(app.screen, PlansPalette)
            if not isinstance(app, Unprepared):
                assert same(app.screen, palette)
            shot["palette"] = await picture(pilot)
            await pilot.press("escape", "question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            shot["help"] = await picture(pilot)
            shots.append(shot)
    assert shots[0]["palette"] == shots[1]["palette"]
    assert shots[0]["help"] == shots[1]["help"]


async def test_a_kept_palette_and_help_take_a_new_theme() -> None:
    """Opened, closed, the theme changed, opened again: drawn in the new theme, as a new one is."""
    config = Config(theme="plans-ink")
    shots: list[dict[str, str]] = []
    for app in (Unprepared(load_corpus(MINI), save_settings=False),
                Unprepared(load_corpus(MINI), save_settings=False, config=config)):
        async with app.run_test(size=(100, 30)) as pilot:
            shot: dict[str, str] = {}
            if app.theme != "plans-ink":
                for key in ("ctrl+p", "escape", "question_mark", "escape"):
                    await pilot.press(key)
                    await wait_for_workers(pilot)
                app.theme = "plans-ink"
                await pilot.pause()
            for name, key in (("palette", "ctrl+p"), ("help", "question_mark")):
                await pilot.press(key)
                await wait_for_workers(pilot)
                shot[name] = await picture(pilot)
                await pilot.press("escape")
                await pilot.pause()
            shots.append(shot)
    assert shots[0] == shots[1]


async def test_help_reopened_on_another_screen_lists_that_screens_keys() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        main_help = app.screen
        assert isinstance(main_help, HelpScreen)
        assert "main.compare" in [row[2] for _title, rows in main_help.rows for row in rows]
        await pilot.press("escape", "t", "question_mark")
        await pilot.pause()
        tables_help = app.screen
        assert isinstance(tables_help, HelpScreen) and tables_help is not main_help
        ids = [row[2] for _title, rows in tables_help.rows for row in rows]
        assert "tables.next_table" in ids and "main.compare" not in ids
        await pilot.press("escape", "escape", "question_mark")
        await pilot.pause()
        assert app.screen is main_help


def test_the_palettes_plans_come_from_the_corpus_in_the_indexs_order() -> None:
    """The empty prompt's plans are listed without the search index, in the order it ranks them."""
    for path in (MINI, REAL):
        corpus = load_corpus(path)
        from_index = [(u.text, u.key, u.breadcrumb, u.plan_short) for u in index_for(corpus).units if u.kind == "plan"]
        assert [(u.text, u.key, u.breadcrumb, u.plan_short) for u in plan_units(corpus)] == from_index


async def test_the_memoised_backdrop_draws_what_textuals_does() -> None:
    """Under the palette, the help and the bookmarks, in every theme: the same segments as Textual's
    BackgroundScreen, the first time (tinted) and again (from the memo)."""
    for theme in THEMES:
        app = PlansApp(load_corpus(MINI), save_settings=False, config=Config(theme=theme))
        async with app.run_test(size=(100, 30)) as pilot:
            for key in ("ctrl+p", "question_mark", "B"):
                await pilot.press(key)
                await wait_for_workers(pilot)
                modal = app.screen
                below = app.screen_stack[-2]
                textuals = segments(modal, BackgroundScreen(below, modal.styles.background))
                lines = memo()
                ours = Backdrop(below, modal.styles.background, lines)
                assert segments(modal, ours) == textuals, (theme, key)
                assert len(lines) and segments(modal, ours) == textuals, (theme, key)
                drawn = getattr(modal, "_backdrop", None)  # the memo the screen's own frames filled
                assert drawn is not None and len(drawn), (theme, key)
                await pilot.press("escape")
                await pilot.pause()


def segments(screen: Screen[object], renderable: object) -> list[list[Segment]]:
    width, height = screen.size
    return [list(strip) for strip in Visual.to_strips(screen, visualize(screen, renderable), width, height,
                                                      screen.visual_style)]


def test_the_palettes_plans_are_listed_without_decoding_stored_plans(tmp_path: Path) -> None:
    """With hundreds of plans the store decodes a plan's nodes only when asked for (tui/core/store):
    listing the plans for the palette must not ask (it decoded every plan: +130 MB at 100 plans)."""
    path = tmp_path / "plans.yaml"
    shutil.copy(REAL, path)
    load_corpus(path)  # writes the store
    corpus = load_corpus(path)  # reads it
    assert corpus.plans and all(isinstance(plan, StoredPlan) and not plan.loaded for plan in corpus.plans)
    units = plan_units(corpus)
    assert len(units) == len(corpus.plans)
    assert not any(isinstance(plan, StoredPlan) and plan.loaded for plan in corpus.plans)
    assert [(u.text, u.key) for u in units] == [(u.text, u.key) for u in index_for(corpus).units if u.kind == "plan"]


async def test_palette_and_help_keys_typed_faster_than_they_open() -> None:
    """ctrl+p, Esc, ctrl+p … and ?, Esc, ? … in one read (pasted over a slow link), before and while
    the palette and help are built ahead: a kept screen pushed again before it was up is aimed when it
    mounts, never queried half-built (it raised NoMatches: the app quit)."""
    for app in (PlansApp(load_corpus(MINI), save_settings=False), Unprepared(load_corpus(MINI), save_settings=False)):
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(3):
                for key in ("ctrl+p", "escape", "ctrl+p", "escape", "question_mark", "escape", "question_mark",
                            "escape", "ctrl+p"):
                    app.post_message(events.Key(key, "?" if key == "question_mark" else None))
                await wait_for_workers(pilot)
                await pilot.pause(0.1)
                assert app.return_code is None
                while not isinstance(app.screen, MainScreen):
                    await pilot.press("escape")
                    await pilot.pause()
                await pilot.press("ctrl+p")  # and both still open as they should
                await wait_for_workers(pilot)
                palette = app.screen
                assert isinstance(palette, PlansPalette)
                assert palette.query_one(CommandInput).value == "" and any("[规划]" in line for line in listed(palette))
                await pilot.press("escape", "question_mark")
                await pilot.pause()
                assert isinstance(app.screen, HelpScreen)
                await pilot.press("escape")
                await pilot.pause()
