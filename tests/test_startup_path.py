"""What the start-up path does around the first frame and the warm-up (no timing: behaviour)."""

from __future__ import annotations

import gc

import pytest
from conftest import MINI

from tui.app import PlansApp
from tui.core.load import load_corpus


def test_freezing_the_warm_up_never_runs_a_full_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up thread freezes what it built once the index is loaded; a full collection there
    (60–100 ms with a 100× index) would hold the interpreter while the first keys wait."""
    calls: list[tuple[int, ...]] = []
    frozen: list[bool] = []

    def collect(*generation: int) -> int:
        calls.append(generation)
        return 0

    monkeypatch.setattr(gc, "collect", collect)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    app = PlansApp(load_corpus(MINI), resume_gc=True)
    app.freeze_heap()
    assert frozen == [True]
    assert calls and all(g and g[0] < 2 for g in calls)  # young generations only


def test_a_test_app_never_freezes(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    PlansApp(load_corpus(MINI)).freeze_heap()
    assert frozen == []
