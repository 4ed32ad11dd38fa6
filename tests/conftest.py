"""Shared test set-up: never touch the user's real config, state or cache directories."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from corpora import FIXTURES, MINI, REAL, ROOT
from screen_host import wait_for_workers as _wait_for_workers
from textual.pilot import Pilot

__all__ = ["FIXTURES", "MINI", "REAL", "ROOT"]  # older tests import the paths from here


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("plans-home")
    for name in ("CONFIG", "STATE", "CACHE"):
        d = base / name.lower()
        d.mkdir()
        monkeypatch.setenv(f"PLANS_{name}_DIR", str(d))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    yield


@pytest.fixture
def wait_for_workers() -> Callable[[Pilot], Awaitable[None]]:
    """`await wait_for_workers(pilot)`: every worker done and its result on screen (no sleeps)."""
    return _wait_for_workers
