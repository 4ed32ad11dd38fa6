"""Closing search while its index or results are still being worked out: the late result is
dropped (it used to reach a dismissed screen: NoMatches, and the app quit)."""

from __future__ import annotations

import threading

import pytest
from screen_host import UNSET, Host, mini

from tui.core.search import index_for
from tui.screens import search as search_screen
from tui.screens.search import SearchScreen


async def test_escape_while_the_index_loads(monkeypatch: pytest.MonkeyPatch, wait_for_workers) -> None:
    corpus = mini()
    release = threading.Event()

    def slow_index_for(c):  # the index is still being built when Esc is pressed
        release.wait(5)
        return index_for(c)

    monkeypatch.setattr(search_screen, "index_for", slow_index_for)
    monkeypatch.setattr(search_screen, "cached_index", lambda c: None)
    app = Host(SearchScreen(corpus, query="重点"))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        assert app.result is None
        release.set()
        await wait_for_workers(pilot)
        assert app.return_code is None  # still running: the late index went nowhere


async def test_a_late_hand_over_to_a_closed_screen_is_dropped(wait_for_workers) -> None:
    """The narrow case: the worker hands its index over between the screen's widgets being removed
    and the worker being cancelled (this raised NoMatches once in four full runs)."""
    corpus = mini()
    screen = SearchScreen(corpus)
    app = Host(screen)
    async with app.run_test(size=(90, 30)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("escape")
        screen._if_open(screen._index_ready, index_for(corpus))  # what the worker's hand-over runs
        await pilot.pause()
        assert app.return_code is None and app.result is None


async def test_escape_while_a_search_runs(monkeypatch: pytest.MonkeyPatch, wait_for_workers) -> None:
    corpus = mini()
    index = index_for(corpus)
    release = threading.Event()
    real = index.search

    def slow_search(*args, **kwargs):
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(index, "search", slow_search)
    app = Host(SearchScreen(corpus))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"重点")
        await pilot.press("escape")
        assert app.result is None
        release.set()
        await wait_for_workers(pilot)
        assert app.return_code is None
    assert app.result is not UNSET
