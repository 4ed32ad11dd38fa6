"""Where the tests' plan files are: the one place that names them (tests import from here)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini.yaml"  # two small plans, every kind of node
REAL = ROOT / "data" / "plans.yaml"  # the five imported plans
