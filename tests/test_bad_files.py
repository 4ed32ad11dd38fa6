"""Bad plans files through every entry point (`plans check`, `plans search`, the browser's start):
one line per problem, ``FILE:LINE: path: what is wrong`` (or ``FILE:LINE: what``), exit 2, never a
traceback; and the one-pass YAML reader (`tui.core.yamlpos`) reads exactly what PyYAML reads."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest
import yaml

from tui.cli import main
from tui.core import textfile, yamlpos


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """The problem lines as written (English: `--lang en`); their Chinese is tested in test_check_chinese."""
    monkeypatch.setenv("PLANS_LANG", "en")


ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
REAL = ROOT / "data" / "plans.yaml"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?:(?P<path>[^:]+): )?(?P<what>.+)$")
ALIAS_ADVICE = "plans files do not use anchors and aliases; write the value out"


@pytest.fixture(autouse=True)
def _no_catalog(monkeypatch):
    """The schema alone: the indicator catalog's checks are another module's."""
    import tui.cmd_check

    monkeypatch.setattr(tui.cmd_check, "extra_problems", lambda corpus: [])


def run(capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, [line for line in (out + err).splitlines() if line]


def mini(old: str, new: str) -> str:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def alias_bomb() -> str:
    """Ten chained anchors, each a chapter whose children are ten aliases to the previous one."""
    out = ["version: 1", "plans:", "- meta: {id: a-2021, title: t, short: s, region: r, level: city,",
           "          period_start: 2021, period_end: 2025}", "  nodes:",
           "  - &c0 {kind: para, text: x}"]
    for i in range(1, 11):
        out.append(f"  - &c{i} {{kind: chapter, heading: h, children: [{', '.join([f'*c{i - 1}'] * 10)}]}}")
    return "\n".join(out) + "\n"


BIG = "9" * 5000
CASES = [
    # (name, text, needle on the reported line, path, what)
    ("date-feb-30", mini("issue_date: '2021-07-25'", "issue_date: 2021-02-30"), "issue_date:",
     "plans[0].meta.issue_date", "2021-02-30 is an impossible date (day is out of range for month)"),
    ("date-13-45", mini("issue_date: '2021-07-25'", "issue_date: 2021-13-45"), "issue_date:",
     "plans[0].meta.issue_date", "2021-13-45 is an impossible date (month must be in 1..12)"),
    ("datetime-25-61-61", mini("issue_date: '2021-07-25'", "issue_date: 2021-07-25 25:61:61"), "issue_date:",
     "plans[0].meta.issue_date", "is an impossible date (hour must be in 0..23)"),
    ("year-5000-digits", mini("period_start: 2021", f"period_start: {BIG}"), "period_start:",
     "plans[0].meta.period_start", "expected a year (integer), got a 5,000-digit integer (too long to read)"),
    ("cell-5000-digits", mini("value: 1784.0", f"value: {BIG}"), "value: 99",
     "plans[0].nodes[1].children[1].table.rows[1].cells[0].value", "got a 5,000-digit integer (too long to read)"),
    ("cell-400-digits", mini("value: 1784.0", f"value: {'9' * 400}"), "value: 99",
     "plans[0].nodes[1].children[1].table.rows[1].cells[0].value",
     "expected a finite number, got a 400-digit integer"),
    ("year-400-digits", mini("vision_year: 2035", f"vision_year: {'9' * 400}"), "vision_year:",
     "plans[0].meta.vision_year", "implausible year 9999"),
    ("alias-bomb", alias_bomb(), "&c0", "plans[0].nodes[0]", f"YAML anchor &c0: {ALIAS_ADVICE}"),
    ("anchor-on-scalar", mini("short: 甲市", "short: &s 甲市"), "short: &s", "plans[0].meta.short",
     f"YAML anchor &s: {ALIAS_ADVICE}"),
    ("tagged-bad-int", mini("period_end: 2025", "period_end: !!int abc"), "period_end:",
     "plans[0].meta.period_end", "expected a year (integer), got not an integer (tagged !!int) abc"),
    ("python-tag", mini("title: 发展基础", "title: !!python/name:os.system ''"), "!!python",
     "plans[0].nodes[1].title", "tag tag:yaml.org,2002:python/name:os.system is not used in plans files"),
    ("list-as-key", mini("    short: 甲市\n", "    short: 甲市\n    ? [a, b]\n    : c\n"), "? [a, b]",
     "plans[0].meta", "a mapping or list used as a key: keys are plain text"),
]


@pytest.mark.parametrize(("name", "text", "needle", "path", "what"), CASES, ids=[c[0] for c in CASES])
def test_plans_check_one_line_with_file_line_and_path(capsys, tmp_path, name, text, needle, path, what):
    file = tmp_path / f"{name}.yaml"
    file.write_text(text, encoding="utf-8")
    code, lines = run(capsys, "check", str(file))
    assert code == 2
    assert len(lines) == 1, lines
    m = LINE.match(lines[0])
    assert m, lines[0]
    assert m["file"] == str(file)
    assert int(m["line"]) == line_of(text, needle), lines[0]
    assert m["path"] == path, lines[0]
    assert what in m["what"], lines[0]
    assert len(lines[0]) < 300  # a long value is cut short, not printed whole


def test_the_alias_bomb_is_refused_at_once_by_the_reader():
    with pytest.raises(yamlpos.YamlProblem) as info:
        yamlpos.read(alias_bomb())
    assert info.value.line == 6 and "anchor &c0" in str(info.value)
    with pytest.raises(yamlpos.YamlProblem) as info:
        yamlpos.read("a: [1, 2]\nb: *x\n")  # an alias without its anchor is refused the same way
    assert (info.value.line, info.value.path) == (2, ("b",)) and "alias *x" in str(info.value)


@pytest.mark.parametrize("entry", ["search", "browse"])
@pytest.mark.parametrize("case", ["date-feb-30", "cell-400-digits", "alias-bomb"])
def test_search_and_the_browser_say_the_same_one_line(capsys, tmp_path, monkeypatch, entry, case):
    monkeypatch.setenv("PLANS_NO_CACHE", "1")
    _, text, needle, path, what = next(c for c in CASES if c[0] == case)
    file = tmp_path / "plans.yaml"
    file.write_text(text, encoding="utf-8")
    argv = ["search", "--data", str(file), "研发"] if entry == "search" else ["--data", str(file)]
    code, lines = run(capsys, *argv)
    assert code == 2
    assert len(lines) == 1, lines
    assert f"{file}:{line_of(text, needle)}: {path}: " in lines[0]
    assert what in lines[0]


def test_a_nul_byte_reports_its_line(capsys, tmp_path):
    text = mini("title: 发展基础", "title: 发展\x00基础")
    file = tmp_path / "nul.yaml"
    file.write_text(text, encoding="utf-8")
    code, lines = run(capsys, "check", str(file))
    assert code == 2
    expected = (f"{file}:{line_of(text, chr(0))}: invalid YAML: control character U+0000 is not allowed "
                "in YAML (in a double-quoted string write it as \\x00)")
    assert lines == [expected]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_without_reading_it(capsys):
    code, lines = run(capsys, "check", "/dev/zero")
    assert (code, lines) == (2, ["/dev/zero: not a regular file (a character device); give the path of a YAML file"])
    code, lines = run(capsys, "--data", "/dev/zero")
    assert code == 2
    assert lines == ["plans: /dev/zero: not a regular file (a character device); give the path of a YAML file"]


def test_a_file_over_the_size_cap_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(textfile, "MAX_BYTES", 1000)
    file = tmp_path / "big.yaml"
    file.write_bytes(MINI.read_bytes())
    code, lines = run(capsys, "check", str(file))
    assert code == 2 and lines == [f"{file}: too large ({file.stat().st_size:,} bytes; at most 1,000 bytes)"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_is_read_up_to_the_cap(tmp_path, monkeypatch):
    """A named pipe (as `plans check <(…)` gives) is read, but never past the cap."""
    import threading

    monkeypatch.setattr(textfile, "MAX_BYTES", 1000)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as fh:
            try:
                fh.write(b"x" * 100_000)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(ValueError, match=r"pipe: too large \(more than 1,000 bytes\)"):
        textfile.read_bytes(fifo, ValueError)
    writer.join()


def test_problems_printed_are_capped(capsys, tmp_path):
    text = mini("  - kind: front\n", "".join(f"  - kind: bogus{i}\n" for i in range(450)) + "  - kind: front\n")
    file = tmp_path / "many.yaml"
    file.write_text(text, encoding="utf-8")
    code, lines = run(capsys, "check", str(file))
    assert code == 2
    assert len(lines) == 201
    assert all(LINE.match(line) for line in lines[:200])
    assert lines[-1] == "… and 250 more problems (fix these and run plans check again)"


def test_duplicate_keys_and_bad_values_are_all_reported_in_file_order(capsys, tmp_path):
    text = mini("issue_date: '2021-07-25'", "issue_date: 2021-02-30")
    text = text.replace("    short: 甲市\n", "    short: 甲市\n    short: 甲\n", 1)
    file = tmp_path / "two.yaml"
    file.write_text(text, encoding="utf-8")
    code, lines = run(capsys, "check", str(file))
    assert code == 2
    matched = [LINE.match(x) for x in lines]
    assert [int(m["line"]) if m else None for m in matched] == [line_of(text, "short: 甲市") + 1,
                                                            line_of(text, "issue_date:")]


# -- the reader reads what PyYAML reads ----------------------------------------------------------


def same(a: object, b: object) -> bool:
    """Equal with the same types all the way down (1 == 1.0 == True would hide a resolver slip)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)  # same type, checked above
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    return a == b


SCALARS = """\
plain: text
cjk: 甲市科技创新
quoted: '2021'
double: "yes"
int: 2021
neg: -17
under: 1_000
hex: 0x1F
oct: 0o17
old_oct: 017
sexa: 1:30
float: 2.5
exp: 1e3
inf: .inf
nan: .NaN
bool11: yes
off: Off
t: true
null1: ~
null2:
null3: null
date: 2021-07-25
stamp: 2001-12-14t21:59:43.10-05:00
space_stamp: 2001-12-14 21:59:43.10
merge_key: {'<<': 1}
bin: !!binary aGVsbG8=
str_tag: !!str 2021
float_tag: !!float 3
block: |
  line one
  line two
folded: >-
  a
  b
list: [1, '2', three, {a: b}]
1: int key
2021-07-25: date key
~: null key
"""


@pytest.mark.parametrize("source", ["scalars", "mini", "real"])
def test_reader_matches_pyyaml(source):
    if source == "real" and not REAL.exists():
        pytest.skip("data/plans.yaml not built yet")
    text = {"scalars": lambda: SCALARS, "mini": lambda: MINI.read_text(encoding="utf-8"),
            "real": lambda: REAL.read_text(encoding="utf-8")}[source]()
    doc = yamlpos.read(text)
    assert same(doc.data, yaml.load(text, Loader=yaml.SafeLoader))
    assert doc.duplicates == [] and doc.bad == []


def test_reader_lines_match_the_paths():
    text = MINI.read_text(encoding="utf-8")
    paths = [(), ("version",), ("plans", 0), ("plans", 0, "meta", "short"), ("plans", 1, "meta", "id"),
             ("plans", 0, "nodes", 1, "children", 1, "table", "rows", 1, "cells", 0),
             ("plans", 0, "meta", "no_such_field"), ("plans", 7, "meta")]
    got = yamlpos.lines(text, paths)
    assert got[()] == line_of(text, "version: 1")
    assert got[("version",)] == line_of(text, "version: 1")
    assert got[("plans", 0)] == line_of(text, "- meta:")
    assert got[("plans", 0, "meta", "short")] == line_of(text, "short: 甲市")
    assert got[("plans", 1, "meta", "id")] == line_of(text, "id: beta")
    assert got[("plans", 0, "nodes", 1, "children", 1, "table", "rows", 1, "cells", 0)] == line_of(
        text, "- {printed: '1784'")
    assert got[("plans", 0, "meta", "no_such_field")] == line_of(text, "- meta:")  # its parent, meta:
    assert got[("plans", 7, "meta")] == line_of(text, "plans:")


def test_deep_nesting_is_one_line(capsys, tmp_path):
    """The reader does not recurse; libyaml stops at 1,000 levels with a marked error."""
    nested = yamlpos.read("[" * 900 + "]" * 900).data
    depth = 0
    while isinstance(nested, list) and nested:
        nested, depth = nested[0], depth + 1
    assert depth == 899
    for n in (900, 5000):
        file = tmp_path / f"deep{n}.yaml"
        file.write_text("[" * n + "]" * n, encoding="utf-8")
        code, lines = run(capsys, "check", str(file))
        assert code == 2 and len(lines) == 1 and LINE.match(lines[0]), lines


def test_a_state_file_with_an_impossible_date_is_reported_not_raised():
    from tui.core import locations
    from tui.core.config import load_config

    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: 2021-02-30\n", encoding="utf-8")
    config, problem = load_config()
    assert problem == (f"{path}：值有误：day is out of range for month：已换成默认设置"
                       "（原文件另存为 config.yaml.corrupt）")
    assert config.theme  # the defaults


def test_data_built_with_a_loop_is_a_problem_not_a_hang():
    """YAML cannot make one any more (aliases are refused), but validate() takes any data."""
    from tui.core import schema

    node: dict = {"kind": "chapter", "heading": "一、", "children": []}
    node["children"].append(node)
    meta = {"id": "a-2021", "title": "t", "short": "s", "region": "r", "level": "city",
            "period_start": 2021, "period_end": 2025}
    problems = schema.validate({"version": 1, "plans": [{"meta": meta, "nodes": [node]}]})
    assert ("plans[0].nodes[0].children[0]", "a node that contains itself") in {(p.dotted, p.message)
                                                                                 for p in problems}
