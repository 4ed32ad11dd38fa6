"""`plans check` on a 100-plan file (the fixture's two plans replicated with new ids): valid, and a
problem in the last plan found at its line. Speed and memory are measured in bench/check.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI

from tui.core.load import check_file


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """The problem lines as written (English: `--lang en`); their Chinese is tested in test_check_chinese."""
    monkeypatch.setenv("PLANS_LANG", "en")


PLANS = 100


def hundred_plans() -> str:
    text = MINI.read_text(encoding="utf-8")
    head, body = text.split("plans:\n", 1)
    copies = [body.replace("id: alpha-2021", f"id: alpha-{n}-2021").replace("id: beta-2021", f"id: beta-{n}-2021")
              for n in range(PLANS // 2)]
    return head + "plans:\n" + "".join(copies)


def test_a_hundred_plans_check_clean(tmp_path: Path):
    path = tmp_path / "plans.yaml"
    path.write_text(hundred_plans(), encoding="utf-8")
    result = check_file(path)
    assert result.problems == [] and result.more == 0
    assert result.corpus is not None and len(result.corpus.plans) == PLANS


def test_a_problem_in_the_last_of_a_hundred_plans_has_its_line(tmp_path: Path):
    text = hundred_plans()
    at = text.rindex("period_end: 2025")
    text = text[:at] + "period_end: 3025" + text[at + len("period_end: 2025"):]
    path = tmp_path / "plans.yaml"
    path.write_text(text, encoding="utf-8")
    line = text[:at].count("\n") + 1
    result = check_file(path)
    expected = f"{path}:{line}: plans[{PLANS - 1}].meta.period_end: implausible year 3025 (expected 1949–2100)"
    assert result.problems == [expected]
