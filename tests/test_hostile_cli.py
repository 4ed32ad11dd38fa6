"""Issue 8 §1 on the command line: plan text full of escape sequences never reaches a terminal or a
spreadsheet, in any command or format; JSON keeps it exact.

Each command runs in-process (`tui.cli.main`) with stdout/stderr captured; "in a terminal" means a
stream whose isatty() is true, so Rich writes colour (its own SGR sequences) as it would to a tty.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from export_parse import parse_csv, parse_markdown
from hostile import HOSTILE, write_hostile

from tui.cli import main
from tui.core.export import View, to_csv, to_markdown
from tui.core.safetext import BIDI, visible

ROOT = Path(__file__).resolve().parents[1]
SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colours: the only escape sequence allowed in a terminal
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI)) + "]")  # newline is fine
STAND_IN = "␛]52;c;UFdORUQ=␇␛]0;PWNTITLE␇"


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def run(monkeypatch, *argv: str, tty: bool = False) -> tuple[int, str, str]:
    out, err = Stream(tty), Stream(tty)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setenv("COLUMNS", "120")
    if tty:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.delenv("NO_COLOR", raising=False)
    code = main(list(argv))
    monkeypatch.undo()
    return code, out.getvalue(), err.getvalue()


def assert_clean(text: str, what: str) -> None:
    rest = SGR.sub("", text)
    bad = [(m.group(), rest[max(0, m.start() - 20):m.start() + 20]) for m in FORBIDDEN.finditer(rest)]
    assert not bad, f"{what}: {bad[:3]}"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


def test_search_in_a_terminal_in_a_pipe_and_as_json(files, monkeypatch):
    plans, _ = files
    code, out, err = run(monkeypatch, "search", "--data", str(plans), "PWNTITLE", tty=True)
    assert code == 0, err
    assert SGR.search(out), "a terminal gets colour"
    assert_clean(out, "search in a terminal")
    assert "␛]8;;https://evil.example/x␛\\LINK" in SGR.sub("", out)  # the OSC 8 hyperlink is shown, not made
    code, out, err = run(monkeypatch, "search", "--data", str(plans), "PWNTITLE")
    assert code == 0, err
    assert_clean(out.replace("\t", " "), "search in a pipe")
    assert all(line.count("\t") == 3 for line in out.splitlines())  # four fields, still
    assert STAND_IN in out
    code, out, err = run(monkeypatch, "search", "--data", str(plans), "--json", "PWNTITLE")
    assert code == 0, err
    hits = [json.loads(line) for line in out.split("\n") if line]
    assert any(HOSTILE in hit["text"] for hit in hits)  # JSON: exact
    assert not FORBIDDEN.search(out)  # …and every control escaped


def test_search_errors_that_name_plans(files, monkeypatch):
    plans, _ = files
    code, _out, err = run(monkeypatch, "search", "--data", str(plans), "--plan", "nowhere", "x", tty=True)
    assert code == 2
    assert_clean(err, "search --plan error")
    assert "␛" in err  # the plan names are listed, as stand-ins


@pytest.mark.parametrize("mode", ["grid", "pair", "share", "results"])
def test_compare_table_in_every_mode(files, monkeypatch, mode):
    plans, catalog = files
    extra = ["--plans", "keqiao-2021,shaoxing-2021"] if mode == "pair" else []
    code, out, err = run(monkeypatch, "compare", "--data", str(plans), "--catalog", str(catalog), "--mode", mode,
                         *extra, tty=True)
    assert code == 0, err
    assert_clean(out, f"compare --mode {mode}")
    assert "␛" in out


@pytest.mark.parametrize("mode", ["grid", "pair", "results"])
def test_compare_csv_and_markdown_are_safe_and_parse_back_as_shown(files, monkeypatch, mode):
    plans, catalog = files
    extra = ["--plans", "keqiao-2021,shaoxing-2021"] if mode == "pair" else []
    base = ["compare", "--data", str(plans), "--catalog", str(catalog), "--mode", mode, *extra]
    _, js, _ = run(monkeypatch, *base, "--format", "json")
    assert not FORBIDDEN.search(js)
    exact = json.loads(js)
    assert any(isinstance(v, str) and HOSTILE in v for row in exact["rows"] for v in row)  # exact
    numeric = exact["numeric"]
    for fmt in ("csv", "md"):
        code, out, err = run(monkeypatch, *base, "--format", fmt)
        assert code == 0, err
        assert_clean(out.replace("\t", " "), f"compare --format {fmt}")
        assert STAND_IN in out
    _, out, _ = run(monkeypatch, *base, "--format", "csv")
    header, rows = parse_csv(out, numeric)
    assert header == [visible(c) for c in exact["columns"]]
    assert rows == [[visible(v) if isinstance(v, str) else v for v in row] for row in exact["rows"]]


def test_indicators_unmapped_every_format(files, monkeypatch):
    plans, _ = files  # the real catalog: the hostile row names map to nothing
    code, out, err = run(monkeypatch, "indicators", "--data", str(plans), "--unmapped", tty=True)
    assert code == 0, err
    assert_clean(out, "indicators --unmapped")
    assert "␛" in out
    for fmt in ("csv", "md"):
        code, out, err = run(monkeypatch, "indicators", "--data", str(plans), "--unmapped", "--format", fmt)
        assert_clean(out.replace("\t", " "), f"indicators --unmapped --format {fmt}")
    code, out, err = run(monkeypatch, "indicators", "--data", str(plans), "--unmapped", "--format", "json")
    assert not FORBIDDEN.search(out)
    assert any(isinstance(v, str) and HOSTILE in v for row in json.loads(out)["rows"] for v in row)


def test_indicators_catalog_table(files, monkeypatch):
    plans, catalog = files
    code, out, err = run(monkeypatch, "indicators", "--data", str(plans), "--catalog", str(catalog), tty=True)
    assert code == 0, err
    assert_clean(out, "indicators")
    assert "␛" in out


def test_check_lines_quote_plan_text_safely(files, monkeypatch):
    plans, _ = files
    code, out, _err = run(monkeypatch, "check", str(plans), tty=True)
    assert code == 2  # hostile row names map to no catalog entry
    assert "maps to no indicator" in out
    assert_clean(out, "check")
    assert STAND_IN in out


def test_open_and_browse_errors_quote_plan_text_safely(files, monkeypatch):
    plans, _ = files
    code, _out, err = run(monkeypatch, "open", "--data", str(plans), "nowhere", "at all", tty=True)
    assert code == 2
    assert "plans" in err and "␛" in err
    assert_clean(err, "open")


def test_a_broken_file_quoting_hostile_text(tmp_path, monkeypatch):
    from hostile import hostile_plans

    data = hostile_plans()
    data["plans"] = data["plans"][:1]
    data["plans"][0]["meta"]["level"] = HOSTILE  # invalid: the message quotes it
    plans = tmp_path / "broken.yaml"
    plans.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for argv in (["check", str(plans)], ["--data", str(plans)], ["compare", "--data", str(plans)]):
        code, out, err = run(monkeypatch, *argv, tty=True)
        assert code == 2, argv
        assert_clean(out + err, " ".join(argv[:1]))


def test_import_error_quoting_a_hostile_title(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(ROOT / "data" / "sources" / "jiaxing-2016.txt", sources)
    meta = yaml.safe_load((ROOT / "data" / "sources" / "jiaxing-2016.yaml").read_text(encoding="utf-8"))
    meta["title"] = HOSTILE + meta["title"]
    (sources / "jiaxing-2016.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    code, _out, err = run(monkeypatch, "import", "--sources", str(sources), "--out", str(tmp_path / "p.yaml"), tty=True)
    assert code == 2
    assert "标题" in err and "␛" in err
    assert_clean(err, "import")


def test_csv_cells_a_spreadsheet_would_run_get_an_apostrophe_and_parse_back():
    rows: list[list[str | int | float | None]] = [
        ["=HYPERLINK(\"http://x\")", 1.5], ["@SUM(A1)", -2], ["+cmd|' /C calc'!A0", None], ["-cmd", 3], ["-2.8", 4],
        ["+6.4%/年", 5], ["-", 6], ["'=already", 7], ["普通", 8]]
    view = View("t", ["名称", "值"], rows, [False, True])
    text = to_csv(view)
    cells = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'+cmd|' /C calc'!A0", "'-cmd", "-2.8", "+6.4%/年", "-",
                     "''=already", "普通"]
    assert [row[1] for row in csv.reader(io.StringIO(text))][1:] == ["1.5", "-2", "", "3", "4", "5", "6", "7", "8"]
    assert parse_csv(text, [False, True]) == (view.columns, view.rows)


def test_markdown_shows_stand_ins_and_parses_back_as_shown():
    view = View("t\x1b]0;T\x07", ["a"], [[HOSTILE]])
    text = to_markdown(view)
    assert_clean(text.replace("\t", " "), "markdown")
    _title, _header, rows = parse_markdown(text, [False])
    assert rows == [[visible(HOSTILE)]]
