"""The compare, tables and info screens are built off screen in the main screen's warm-up
(`KeptScreens.prepare`, issue 9: the first open as quick as the later ones): composed, mounted, laid out
and drawn without being shown, then pushed by their key as any kept screen is, showing the plan under
the cursor at that moment (not the one of the warm-up)."""

from __future__ import annotations

import pytest
from corpora import MINI
from screen_host import screens_prepared
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.compare import CompareScreen
from tui.screens.compare_modes import default_plans
from tui.screens.info import PlanInfoScreen
from tui.screens.main import MainScreen
from tui.screens.prepare import PREPARED, keys_quiet
from tui.screens.tables import TablesScreen
from widgets.compare_table import CompareTable
from widgets.indicator_table import IndicatorTable
from widgets.plan_info import PlanInfo


async def warmed(app: PlansApp, pilot: Pilot[int]) -> MainScreen:
    """The main screen once its warm-up (the index, then the prepared screens) is done."""
    await pilot.pause(0.7)  # WARM_UP_AFTER
    await app.workers.wait_for_complete()
    return await screens_prepared(pilot)


async def test_the_warm_up_builds_the_screens_off_screen() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await warmed(app, pilot)
        assert {"compare", "tables", "info"} <= set(PREPARED)
        built = {name: main.kept.get(name) for name in ("compare", "tables", "info")}
        assert isinstance(built["compare"], CompareScreen)
        assert isinstance(built["tables"], TablesScreen)
        assert isinstance(built["info"], PlanInfoScreen)
        assert app.screen_stack == [main]  # none of them shown
        for screen in built.values():
            assert screen is not None and screen.is_mounted
        compare, tables, info = built["compare"], built["tables"], built["info"]
        assert isinstance(compare, CompareScreen) and isinstance(tables, TablesScreen)
        assert isinstance(info, PlanInfoScreen)
        table = compare.query_one(CompareTable)
        assert table.size.width == 100 and table.rows  # laid out for the terminal, filled
        assert tables.query_one(IndicatorTable).size.width == 100
        assert info.query_one(PlanInfo).outer_size.width == 100


async def test_a_prepared_screen_opens_on_the_plan_under_the_cursor_now() -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await warmed(app, pilot)
        alpha, beta = app.corpus.plans[0], app.corpus.plans[1]
        prepared = {name: main.kept.get(name) for name in PREPARED}
        main.go_to(beta)  # not the plan the warm-up saw
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        tables = app.screen
        assert tables is prepared["tables"] and isinstance(tables, TablesScreen)
        first = beta.tables()[0].table if beta.tables() else None
        assert tables.plan is beta and tables.query_one(IndicatorTable).table is first
        await pilot.press("escape", "i")
        await pilot.pause()
        info = app.screen
        assert info is prepared["info"] and isinstance(info, PlanInfoScreen) and info.plan is beta
        assert info.query_one(PlanInfo).plan is beta
        await pilot.press("escape", "m")
        await pilot.pause()
        compare = app.screen
        assert compare is prepared["compare"] and isinstance(compare, CompareScreen)
        assert compare.plan_ids == default_plans(app.corpus, beta.id)
        assert compare.focused is compare.query_one(CompareTable)
        await pilot.press("escape")
        await pilot.pause()
        main.go_to(alpha)
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is prepared["tables"] and isinstance(app.screen, TablesScreen)
        assert app.screen.plan is alpha and alpha.tables()
        assert app.screen.query_one(IndicatorTable).table is alpha.tables()[0].table


async def test_a_prepared_screen_takes_a_theme_chosen_before_its_first_open(monkeypatch: pytest.MonkeyPatch) -> None:
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        main = await warmed(app, pilot)
        tables = main.kept.get("tables")
        assert tables is not None
        seen: list[bool] = []
        original = Screen._on_screen_resume

        def spy(self: Screen, event: events.ScreenResume) -> None:
            if self is tables:
                seen.append(event.refresh_styles)
            original(self, event)

        monkeypatch.setattr(Screen, "_on_screen_resume", spy)
        app.theme = "plans-ink" if app.theme != "plans-ink" else "plans-paper"
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is tables and seen == [True]  # styled in the new theme on its first open
        await pilot.press("escape", "t")
        await pilot.pause()
        assert seen == [True, False]


async def test_keys_to_any_screen_hold_the_building_off() -> None:
    """The warm-up builds a screen only once no key has come for a while, to the main screen or any
    other (keys typed into the search screen count too)."""
    import time

    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("slash", "a")  # to the search screen, not the main one
        await pilot.pause()
        assert app.screen is not main
        assert keys_quiet(main, 60.0) > 0  # a key came under a minute ago: the next screen waits
        main._last_key = app._last_key = time.monotonic() - 120
        assert keys_quiet(main, 60.0) == 0  # none for two minutes
