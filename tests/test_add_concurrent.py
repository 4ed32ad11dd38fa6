"""Two `plans add` at once: the second waits for the first (a lock on the user plans file from the id
chosen to the file rebuilt), so they never take the same id or lose each other's plan; a lock held too
long is one line naming the file, and nothing is written."""

from __future__ import annotations

import threading
import time
import types
from pathlib import Path

import pytest

from tui.cli import main
from tui.core import statefile
from tui.core.adder import store
from tui.core.adder.prepare import prepare
from tui.core.load import load_corpus
from tui.core.locations import DEFAULT_DATA
from tui.core.userplans import plans_dir

JIAXING = Path(__file__).resolve().parents[1] / "data" / "sources" / "jiaxing-2016.txt"


def _waiting_clock(waiting: threading.Event) -> types.SimpleNamespace:
    """statefile's clock, telling the test when a lock is being waited for."""
    def sleep(seconds: float) -> None:
        waiting.set()
        time.sleep(seconds)
    return types.SimpleNamespace(monotonic=time.monotonic, sleep=sleep)


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    text = JIAXING.read_text(encoding="utf-8")
    first, second = tmp_path / "甲.txt", tmp_path / "乙.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text + "\n乙方补充的一段。\n", encoding="utf-8")
    return first, second


def test_a_second_add_waits_and_takes_the_next_free_id(tmp_path: Path, monkeypatch, capsys) -> None:
    first, second = _two_files(tmp_path)
    waiting = threading.Event()
    monkeypatch.setattr(statefile, "time", _waiting_clock(waiting))
    codes: list[int] = []
    with store.writing():  # another `plans add` is between choosing its id and rebuilding the file
        worker = threading.Thread(target=lambda: codes.append(main(["add", str(second)])))
        worker.start()
        assert waiting.wait(60), "the second add did not wait for the lock"
        prep = prepare(first)
        prep.meta.id, prep.meta.source = "jiaxing-2016-2", "jiaxing-2016-2.txt"
        store.save(prep, None)
    worker.join(60)
    assert codes == [0]
    user = {p.id: p for p in load_corpus(DEFAULT_DATA).plans if p.is_user}
    assert sorted(user) == ["jiaxing-2016-2", "jiaxing-2016-3"]
    assert (plans_dir() / "jiaxing-2016-2" / "original.txt").read_bytes() == first.read_bytes()
    assert (plans_dir() / "jiaxing-2016-3" / "original.txt").read_bytes() == second.read_bytes()
    assert "乙方补充的一段。" in "".join(n.text for n in user["jiaxing-2016-3"].walk())


@pytest.mark.parametrize("argv", [["add", "{file}"], ["add", "--rebuild"], ["remove", "jiaxing-2016-2"]])
def test_a_lock_held_too_long_is_one_line_and_nothing_is_written(tmp_path: Path, monkeypatch, capsys,
                                                                  argv: list[str]) -> None:
    first, _ = _two_files(tmp_path)
    if argv[0] == "remove":
        assert main(["add", str(first)]) == 0
    data = plans_dir().parent  # the user's data dir: the plans' directories and user-plans.yaml
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file() and ".lock" not in p.name}
    monkeypatch.setattr(store, "WRITE_WAIT", 0.05)
    capsys.readouterr()
    codes: list[int] = []
    with store.writing():
        worker = threading.Thread(target=lambda: codes.append(main([a.format(file=first) for a in argv])))
        worker.start()
        worker.join(60)
    assert codes == [2]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "user-plans.yaml" in err and "另一个 plans 会话一直占着它" in err
    after = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file() and ".lock" not in p.name}
    assert after == before and (argv[0] == "add" or before)


def test_a_dry_run_does_not_wait_for_the_lock(tmp_path: Path, capsys) -> None:
    first, _ = _two_files(tmp_path)
    with store.writing():
        assert main(["add", str(first), "--dry-run"]) == 0
    assert "未写入" in capsys.readouterr().out
