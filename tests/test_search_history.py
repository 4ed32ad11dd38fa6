"""Search history (issue 11): recent queries kept across restarts in the state directory, `/` reopens
on the last query, its result list and its cursor; ↑/↓ walk the recent queries while the box is empty."""

from __future__ import annotations

import pytest
from conftest import MINI
from screen_host import Host, mini, screen_of, screen_text, wait_for_workers
from textual.widgets import Input

from tui.app import PlansApp
from tui.core import locations
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.core.search_history import (
    MAX_QUERIES,
    LastSearch,
    SearchMemory,
    load_history,
    remember,
    save_search,
)
from tui.jump import Jump
from tui.screens.main import MainScreen
from tui.screens.search import HISTORY_HINT, SearchScreen
from widgets.search_results import SearchResults

# -- the state file ------------------------------------------------------------------------------


def test_remember_dedups_bounds_and_skips_empty_queries():
    queries = remember([], "研发")
    queries = remember(queries, "  yfjf ")
    queries = remember(queries, "研发")  # again: moves to the end
    queries = remember(queries, "   ")
    assert queries == ["yfjf", "研发"]
    many: list[str] = []
    for i in range(MAX_QUERIES + 7):
        many = remember(many, f"q{i}")
    assert len(many) == MAX_QUERIES and many[0] == "q7" and many[-1] == f"q{MAX_QUERIES + 6}"
    assert remember(["a"], "x\ny") == ["a", "x y"]  # one line


def test_saved_queries_and_last_list_survive_and_merge_two_sessions():
    save_search("研发经费", "all", 2)
    save_search("yfjf", "columns", 0)  # "another session": the first one's query is kept
    save_search("研发经费", add=True)  # again: newest, once
    history, problem = load_history()
    assert problem is None
    assert history.queries == ["yfjf", "研发经费"]
    assert history.last == {"all": LastSearch("研发经费", 2), "columns": LastSearch("yfjf", 0)}
    text = locations.search_history_file().read_text(encoding="utf-8")
    assert text.startswith("#") and "研发经费" in text  # readable, not escaped


def test_a_damaged_file_is_reported_in_chinese_set_aside_and_replaced():
    path = locations.search_history_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("queries: [unclosed\n", encoding="utf-8")
    history, problem = load_history()
    assert history.queries == [] and problem is not None
    assert str(path) in problem and "YAML 有误" in problem and "corrupt" in problem
    assert path.with_name(path.name + ".corrupt").exists()
    assert load_history() == (history, None)  # reported once
    path.write_text("queries: {a: 1}\n", encoding="utf-8")
    _, problem = load_history()
    assert problem is not None and "应为查询词列表" in problem


def test_an_unreadable_file_is_left_alone_and_not_saved_over():
    from tui.core.statefile import StateFileError

    path = locations.search_history_file()
    path.mkdir(parents=True)  # a directory in its place: cannot be read, by root either
    _, problem = load_history()
    assert problem is not None and "无法读取" in problem and "目录" in problem
    with pytest.raises(StateFileError, match="无法读取"):
        save_search("yfjf")
    assert path.is_dir()


# -- the search screen -------------------------------------------------------------------------


async def test_empty_box_lists_recent_queries_and_enter_searches_one_again():
    memory = SearchMemory(persist=False)
    memory.queries = ["研发", "集成电路", "jcdl"]
    app = Host(SearchScreen(mini(), memory=memory))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(pilot)
        results = app.screen.query_one(SearchResults)
        assert results.queries == ["jcdl", "集成电路", "研发"]  # newest first
        shown = screen_text(app)
        assert HISTORY_HINT in shown and "↺ 集成电路" in shown and "Enter 再搜" in shown
        await pilot.press("down", "enter")
        await wait_for_workers(pilot)
        assert app.screen.query_one(Input).value == "集成电路"
        assert results.hits and not results.queries and "Enter 跳转" in screen_text(app)
        await pilot.press("ctrl+u")
        await wait_for_workers(pilot)
        assert results.queries[0] == "jcdl"
        await pilot.press("up", "enter")  # ↑ at the top stays on the newest
        await wait_for_workers(pilot)
        assert app.screen.query_one(Input).value == "jcdl"
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == Jump("alpha-2021/3.1.2", "jcdl")
    assert memory.queries[-1] == "jcdl" and memory.walk is not None and memory.walk.query == "jcdl"


async def test_typing_over_a_reopened_query_replaces_it():
    memory = SearchMemory(persist=False)
    memory.last["all"] = LastSearch("研发", 0)
    app = Host(SearchScreen(mini(), memory=memory))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(pilot)
        assert app.screen.query_one(Input).value == "研发"
        await pilot.press(*"jcdl")
        await wait_for_workers(pilot)
        assert app.screen.query_one(Input).value == "jcdl"


async def results_of(app: PlansApp) -> SearchResults:
    return app.screen.query_one(SearchResults)


async def test_slash_reopens_on_the_last_query_list_and_cursor_in_the_session_and_after_a_restart():
    app = PlansApp(load_corpus(MINI), config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"重点")
        await wait_for_workers(pilot)
        results = await results_of(app)
        hits = list(results.hits)
        assert len(hits) >= 3
        await pilot.press("down", "down", "escape")  # read, not chosen: kept all the same
        await wait_for_workers(pilot)
        await pilot.press("slash")
        await pilot.pause()
        results = await results_of(app)
        # in the session: the same list at once (no new search), the cursor where it was
        assert app.screen.query_one(Input).value == "重点"
        assert results.hits == hits and results.highlighted == 2
        await pilot.press("enter")
        await wait_for_workers(pilot)
        main = screen_of(app, MainScreen)
        chosen = main.focus_node or main.current
        assert chosen is not None and hits[2].unit.key in (getattr(chosen, "key", ""), getattr(chosen, "id", ""))
    history, _ = load_history()
    assert history.queries == ["重点"] and history.last["all"] == LastSearch("重点", 2)

    again = PlansApp(load_corpus(MINI), config=Config())
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        await wait_for_workers(pilot)
        results = await results_of(again)
        assert again.screen.query_one(Input).value == "重点"
        assert [h.unit.key for h in results.hits] == [h.unit.key for h in hits] and results.highlighted == 2
        await pilot.press("ctrl+u")
        await wait_for_workers(pilot)
        assert results.queries == ["重点"]  # the history survived the restart


async def test_z_keeps_its_own_list_and_nothing_is_written_without_settings():
    app = PlansApp(load_corpus(MINI), config=Config(), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"jcdl")
        await wait_for_workers(pilot)
        await pilot.press("escape", "z")
        await wait_for_workers(pilot)
        assert app.screen.query_one(Input).value == ""
        assert app.screen.query_one(SearchResults).queries == ["jcdl"]
        await pilot.press("escape", "slash")
        await wait_for_workers(pilot)
        assert app.screen.query_one(Input).value == "jcdl"
    assert not locations.search_history_file().exists()
