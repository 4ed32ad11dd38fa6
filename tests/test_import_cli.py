"""`plans import`: up-to-date check on the committed file, determinism, and one-line errors for bad sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "data" / "plans.yaml"
SOURCES = ROOT / "data" / "sources"


def test_committed_file_is_up_to_date(capsys):
    assert main(["import", "--check"]) == 0, capsys.readouterr().err


def test_import_writes_the_committed_file_byte_for_byte(tmp_path, capsys):
    out = tmp_path / "plans.yaml"
    assert main(["import", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.count("coverage 100.0%") == 5
    assert "shaoxing-2021" in printed and "专栏 13" in printed
    assert out.read_bytes() == REAL.read_bytes()


def test_check_reports_a_stale_file(tmp_path, capsys):
    stale = tmp_path / "plans.yaml"
    stale.write_text(REAL.read_text(encoding="utf-8").replace("绍兴科创大走廊", "绍兴科创走廊", 1), encoding="utf-8")
    assert main(["import", "--check", "--out", str(stale)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "已过期" in err and str(stale) in err


@pytest.fixture
def sources(tmp_path):
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    return copy


def _error(sources, tmp_path, capsys) -> str:
    code = main(["import", "--sources", str(sources), "--out", str(tmp_path / "out.yaml")])
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert "\n" not in err and "Traceback" not in err
    assert not (tmp_path / "out.yaml").exists()
    return err


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_missing_metadata(sources, tmp_path, capsys):
    (sources / "huzhou-2021.yaml").unlink()
    err = _error(sources, tmp_path, capsys)
    assert "huzhou-2021.txt" in err and "no metadata" in err


def test_hint_that_matches_nothing(sources, tmp_path, capsys):
    _edit(sources / "shaoxing-2021.yaml", "end_before: 4．高起点建设海内外创新平台", "end_before: 4．不存在的段落")
    err = _error(sources, tmp_path, capsys)
    assert "shaoxing-2021.yaml" in err and "hints.columns.9" in err and "4．不存在的段落" in err


def test_hint_for_a_column_that_is_not_there(sources, tmp_path, capsys):
    _edit(sources / "haishu-2021.yaml", "    '10':", "    '13':")
    err = _error(sources, tmp_path, capsys)
    assert "haishu-2021.yaml" in err and "hints.columns.13" in err and "no 专栏13" in err


@pytest.mark.parametrize("old,new,words", [
    ("issue_date: '2021-07-25'", "issue_date: 2021年7月25日", ["issue_date", "ISO 日期"]),
    ("level: city", "level: town", ["level", "town"]),
    ("title: 绍兴市科技创新“十四五”发展规划", "title: 绍兴市科技规划", ["没有一行是", "给出的标题"]),
    ("period_start: 2021\n", "", ["period_start", "缺少"]),
    ("hints:\n", "hints:\n  fold: true\n", ["hints.fold", "没有这种提示"]),
    ("id: shaoxing-2021", "id: [shaoxing", ["YAML 有误"]),
])
def test_bad_metadata(sources, tmp_path, capsys, old, new, words):
    _edit(sources / "shaoxing-2021.yaml", old, new)
    err = _error(sources, tmp_path, capsys)
    assert "shaoxing-2021" in err
    for word in words:
        assert word in err
