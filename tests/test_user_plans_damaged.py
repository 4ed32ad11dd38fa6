"""A damaged user plans file (`plans add`'s user-plans.yaml) never stops the shipped plans: the browser
opens with them and one Chinese line naming the file, the line and the repair command; `plans check`
and `plans add` say the same; rebuilding the file never loses the damaged one (it is set aside)."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from tui import cmd_browse
from tui.cli import main
from tui.core.adder import store
from tui.core.adder.prepare import prepare
from tui.core.load import load_corpus
from tui.core.locations import DEFAULT_DATA
from tui.core.userplans import plans_file

JIAXING = Path(__file__).resolve().parents[1] / "data" / "sources" / "jiaxing-2016.txt"
DAMAGED = "version: 1\nplans:\n- meta: {id: x\n  title: : [\n"  # line 3 opens a mapping never closed


@pytest.fixture
def added(tmp_path: Path) -> Path:
    """One added plan (its directory under plans/ and the user plans file built from it)."""
    prep = prepare(JIAXING)
    prep.meta.id, prep.meta.source = "mine-2016", "mine-2016.txt"
    store.save(prep, None)
    return plans_file()


def test_damaged_file_leaves_the_shipped_plans_and_says_how_to_repair(added: Path, monkeypatch, capsys) -> None:
    added.write_text(DAMAGED, encoding="utf-8")
    corpus = load_corpus(DEFAULT_DATA)
    assert len(corpus.plans) == 5 and not any(p.is_user for p in corpus.plans)
    problem = corpus.user_problem
    assert "\n" not in problem and f"{added}:" in problem and "plans add --rebuild" in problem
    assert problem.startswith("自添规划未打开")

    # the browser: that line is one of the notices it opens with
    seen: list[list[str]] = []

    class App:
        return_code = 0

        def __init__(self, corpus: object, **kw: object) -> None:
            seen.append(list(kw["problems"]))  # type: ignore[call-overload]

        def run(self) -> None:
            pass

    monkeypatch.setattr(cmd_browse, "terminal_problem", lambda: None)
    monkeypatch.setattr("tui.app.PlansApp", App)
    assert cmd_browse.start(types.SimpleNamespace(theme=None), corpus) == 0
    assert problem in seen[0]

    # `plans check` (the shipped file: the user's is checked with it) names the line and the repair
    assert main(["check"]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("data/plans.yaml：正常")
    assert any(line.startswith(f"{added}:") for line in out)
    assert out[-1].startswith("修复：plans add --rebuild")

    # `plans add --list` (nothing rebuilt): the browser's line; the file is untouched
    assert main(["add", "--list"]) == 0
    assert problem in capsys.readouterr().err
    assert added.read_text(encoding="utf-8") == DAMAGED


def test_rebuild_sets_a_damaged_file_aside(added: Path, capsys) -> None:
    added.write_text(DAMAGED, encoding="utf-8")
    assert main(["add", "--rebuild"]) == 0
    err = capsys.readouterr().err
    aside = added.with_name("user-plans.yaml.corrupt")
    assert aside.read_text(encoding="utf-8") == DAMAGED and aside.name in err and f"{added}:" in err
    assert [p.id for p in load_corpus(DEFAULT_DATA).plans if p.is_user] == ["mine-2016"]
    added.write_text(DAMAGED + "# again\n", encoding="utf-8")  # damaged again: the first copy is kept too
    assert main(["add", "--rebuild"]) == 0
    assert aside.read_text(encoding="utf-8") == DAMAGED
    assert added.with_name("user-plans.yaml.corrupt-2").read_text(encoding="utf-8") == DAMAGED + "# again\n"


def test_removing_the_last_plan_keeps_plans_only_the_file_has(added: Path) -> None:
    """A file holding a plan `plans/` does not (copied from another machine) is not deleted with the last one."""
    text = added.read_text(encoding="utf-8")
    other = text.replace("id: mine-2016", "id: theirs-2016", 1)
    added.write_text(text + other.split("plans:\n", 1)[1], encoding="utf-8")
    assert {p.id for p in load_corpus(DEFAULT_DATA).plans if p.is_user} == {"mine-2016", "theirs-2016"}
    store.remove("mine-2016")
    assert not added.exists()
    assert "theirs-2016" in added.with_name("user-plans.yaml.corrupt").read_text(encoding="utf-8")
