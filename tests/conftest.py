"""Shared test set-up: never touch the user's real config, state or cache directories."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini.yaml"
REAL = ROOT / "data" / "plans.yaml"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("plans-home")
    for name in ("CONFIG", "STATE", "CACHE", "DATA"):
        d = base / name.lower()
        d.mkdir()
        monkeypatch.setenv(f"PLANS_{name}_DIR", str(d))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    # the user's language: Chinese unless a test asks otherwise, whatever the machine's LANG
    monkeypatch.setenv("PLANS_LANG", "zh")
    from tui.core.i18n import set_lang

    set_lang(None)
    yield
    set_lang(None)
