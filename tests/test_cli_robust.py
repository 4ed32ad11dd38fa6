"""The command line ends every way with an exit status and at most one line: Ctrl-C at any point of
start-up (130, quiet), a full disk (74, one line), a closed pipe (quiet), an unexpected error (70,
one line naming what and where, and a report file); a 7,200-character query is refused, not a
RecursionError."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import tui.cli
from tui import entry
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"


def test_ctrl_c_while_building_the_parser_is_quiet(capsys, monkeypatch):
    def interrupted(only=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(tui.cli, "build_parser", interrupted)
    assert main(["check", str(MINI)]) == 130
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_ctrl_c_while_importing_the_command_line_is_quiet(capsys, monkeypatch):
    """The console entry imports tui.cli inside its try: an interrupt there is exit 130, no traceback."""
    import builtins

    real_import = builtins.__import__

    def importing(name, *args, **kwargs):
        if name == "tui.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    quiet: list[int] = []
    monkeypatch.setattr(builtins, "__import__", importing)
    monkeypatch.setattr(entry, "_quiet_exit", quiet.append)
    assert entry.main() == 130
    assert quiet == [130]
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_the_console_script_is_the_tiny_entry():
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["plans"] == "tui.entry:main"
    source = (ROOT / "tui" / "entry.py").read_text(encoding="utf-8")
    top_imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert top_imports == ["import os", "import sys"]


def _plans(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANS_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "tui", *argv], cwd=ROOT, env=env, capture_output=False, check=False, **kwargs)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", [["search", "--data", str(MINI), "研发"], ["check", str(MINI)], ["search", "--help"]])
def test_a_full_disk_is_one_line(argv):
    with open("/dev/full", "w") as full:
        done = _plans(*argv, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 74
    assert done.stderr.splitlines() == [f"plans {argv[0]}：无法写出输出：No space left on device"]


def test_a_closed_pipe_is_quiet():
    proc = subprocess.Popen([sys.executable, "-m", "tui", "search", "--data", str(MINI), "--limit", "50", "--json",
                             "市"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PLANS_NO_CACHE": "1"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(1)
    proc.stdout.close()  # like `| head -c 1`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err
    assert err == ""


def test_an_unexpected_error_is_one_line_with_a_report(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PLANS_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("PLANS_DEBUG", raising=False)
    import tui.cmd_check

    def broken(args):
        secret = "local value that must not be printed"  # noqa: F841
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(tui.cmd_check, "run", broken)
    assert main(["check", str(MINI)]) == 70
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and len(lines) == 1, lines
    reports = list((tmp_path / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1
    assert lines[0] == (f"plans check：意外错误，已退出：ZeroDivisionError: division by zero"
                        f"（tests/test_cli_robust.py:{_line_of_raise()} in broken）。完整报告：{reports[0]}")
    report = reports[0].read_text(encoding="utf-8")
    assert "ZeroDivisionError: division by zero" in report and "in broken" in report
    assert "local value that must not be printed" not in report  # no locals


def _line_of_raise() -> int:
    source = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(source, 1) if 'raise ZeroDivisionError("division by zero")' in line)


def test_a_very_long_query_is_refused_in_one_line(capsys, monkeypatch):
    monkeypatch.setenv("PLANS_NO_CACHE", "1")
    code = main(["search", "--data", str(MINI), "a" * 7200])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.splitlines() == ["plans search：查询太长（7,200 个字符，最多 500 个）"]


def test_the_pinyin_matcher_does_not_recurse_on_long_input():
    """A long ASCII term through the pinyin matcher: no RecursionError, whatever the limit."""
    from tui.core.load import load_corpus
    from tui.core.search import index_for

    index = index_for(load_corpus(MINI, use_cache=False))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(400)
    try:
        result = index.search("ab" * 1500, limit=5)
    finally:
        sys.setrecursionlimit(limit)
    assert len(result.hits) <= 5
