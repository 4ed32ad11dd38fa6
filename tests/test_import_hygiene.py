"""The core (model, loading, search, alignment, state files …) must never import Textual, and the
`plans` command must not pay for Textual before it needs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK_CORE = r"""
import importlib, pkgutil, sys
import tui.core
names = sorted(m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core."))
for name in names:
    importlib.import_module(name)
assert len(names) >= 8, names
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(len(names), "modules;", "textual loaded by core!" if bad else "clean")
sys.exit(1 if bad else 0)
"""

CHECK_CLI = r"""
import sys
import tui.cli, tui.cmd_browse, tui.cmd_open
tui.cli.build_parser(only="browse"); tui.cli.build_parser(only="open")
sys.exit(1 if "textual" in sys.modules else 0)
"""


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_core_never_imports_textual():
    result = _run(CHECK_CORE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "clean" in result.stdout


def test_command_line_imports_no_textual_before_the_app():
    result = _run(CHECK_CLI)
    assert result.returncode == 0, result.stdout + result.stderr
