"""`plans` and `plans open` fail with one line on stderr and exit status 2, before any UI starts."""

from __future__ import annotations

import subprocess
import sys

import pytest
from corpora import MINI, ROOT


def plans(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("content, words", [
    (None, "文件不存在"),
    ("plans: [\n  - {", "YAML 有误"),
    ("version: 1\n", "plans：缺少"),  # the schema's problem in Chinese too
    ("version: 1\nplans: []\n", "plans：为空：没有规划"),
])
def test_bad_data_file_one_line_exit_2(tmp_path, content, words):
    path = tmp_path / "plans.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = plans("--data", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("where, words", [
    (["甲市", "专栏9"], "甲市没有专栏9"),
    (["上海", "专栏1"], "没有名为 '上海' 的规划"),
])
def test_open_nothing_matches_one_line_exit_2(where, words):
    result = plans("open", "--data", str(MINI), *where)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0]
    assert "Traceback" not in result.stderr
