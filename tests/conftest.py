"""Shared test set-up: never touch the user's real config, state or cache directories.

Config and state directories are new for every test. The cache directory (loaded plans files and
search indexes, keyed by content: read-only data) is shared by the whole session, so the same
file is parsed and indexed once rather than in every test; only the tests of the cache itself
(FRESH_CACHE) get an empty one.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import textual._wait
from corpora import FIXTURES, MINI, REAL, ROOT
from screen_host import wait_for_workers as _wait_for_workers
from textual.pilot import Pilot

from tui.app import FULL_GC_EVERY, YOUNG_GC_EVERY

__all__ = ["FIXTURES", "MINI", "REAL", "ROOT"]  # older tests import the paths from here


FRESH_CACHE = {"test_load", "test_corpus_store"}  # test modules that look into the cache directory itself
# test modules whose apps build their screens ahead as the user's does (tui/screens/prepare.py); in the
# others the preparer builds nothing: seven screens built in the background of every Pilot test made
# the suite a third slower, and what a prepared screen shows is checked against a new one here
PREPARING = {"test_screens_prepared", "test_lists_prepared", "test_palette_kept", "test_random_keys",
             "test_startup_path", "test_crashes"}
# Test modules holding the suite's longest tests (2-20 s each on 2 busy cores), longest first. They
# are collected first, so that xdist (`make test`: --dist loadgroup, one test at a time to a free
# worker) starts them on different workers at the outset instead of one finishing alone at the end.
SLOW_FIRST = ("test_random_keys", "test_tree_width", "test_serve_browser", "test_reader_lazy",
              "test_app_reader_visible", "test_hostile_screens", "test_compare_mix_footer",
              "test_search_walk_nested", "test_screens_kept", "test_snapshots_screens", "test_snapshots_compare",
              "test_palette_kept", "test_screens_prepared", "test_lists_prepared", "test_compare_grid",
              "test_compare_widths", "test_screens_reopen_cheap", "test_crashes", "test_serve")
# modules whose module-, class- or session-scoped fixture is slow to build (a 100-plan store, documents
# in every format, search indexes of the five plans): under --dist loadgroup their tests stay on one
# worker, which builds it once; they are collected right after SLOW_FIRST
ONE_WORKER = ("test_add_roundtrip", "test_corpus_store", "test_search_patterns", "test_search",
              "test_search_ranking_ties")
# s: the step of Pilot.pause's wait for the process to go idle (Textual's: 0.02, which
# PLANS_TEST_IDLE_STEP=0.02 restores, to compare)
IDLE_STEP = float(os.environ.get("PLANS_TEST_IDLE_STEP", "0.004"))


def pytest_configure(config: pytest.Config) -> None:
    """The collector as `plans` runs it once its first frame is up (tui/app.py, on_ready): Python's
    defaults ran a full collection every ~7,000 net new objects, and a test process keeps hundreds of
    thousands alive (corpora, indexes, what earlier apps cached), so full collections took a quarter
    of the suite's CPU time."""
    _, middle, _ = gc.get_threshold()
    gc.set_threshold(YOUNG_GC_EVERY, middle, FULL_GC_EVERY)
    # xdist's mark (ONE_WORKER), known also when a run goes without xdist (-p no:xdist)
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker")


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("plans-cache")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch, request, _session_cache):
    base = tmp_path_factory.mktemp("plans-home")
    for name in ("CONFIG", "STATE", "CACHE", "DATA"):
        d = base / name.lower()
        d.mkdir()
        monkeypatch.setenv(f"PLANS_{name}_DIR", str(d))
    if request.module.__name__ not in FRESH_CACHE:
        monkeypatch.setenv("PLANS_CACHE_DIR", str(_session_cache))
    if request.module.__name__ not in PREPARING:
        import tui.screens.prepare

        monkeypatch.setattr(tui.screens.prepare, "PREPARED", ())
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    # the user's language: Chinese unless a test asks otherwise, whatever the machine's LANG
    monkeypatch.setenv("PLANS_LANG", "zh")
    from tui.core.i18n import set_lang

    set_lang(None)
    yield
    set_lang(None)


@pytest.fixture
def finer_idle_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """`pilot.pause()` waits until the process goes idle: it sleeps in steps of 20 ms until a step
    passes with under 1 ms of CPU (textual._wait). For a test that pauses after every few keys those
    steps were most of its time (several a pause on a loaded machine). Steps of IDLE_STEP with the
    same idle ratio wait for the same thing, with less slack: a test that checks what a timer or a
    layout pass shows some frames later may need the default steps, so only tests that ask get it."""
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", IDLE_STEP)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", IDLE_STEP / 20)


@pytest.fixture
def wait_for_workers() -> Callable[[Pilot], Awaitable[None]]:
    """`await wait_for_workers(pilot)`: every worker done and its result on screen (no sleeps)."""
    return _wait_for_workers


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """SLOW_FIRST's modules first, then ONE_WORKER's (in that order, the rest as collected); each of
    ONE_WORKER's modules as one xdist group."""
    rank = {name: i for i, name in enumerate(SLOW_FIRST + ONE_WORKER)}

    def module_of(item: pytest.Item) -> str:
        module = getattr(item, "module", None)
        return module.__name__ if module is not None else ""

    for item in items:
        if module_of(item) in ONE_WORKER:
            item.add_marker(pytest.mark.xdist_group(module_of(item)))
    items.sort(key=lambda item: rank.get(module_of(item), len(rank)))
