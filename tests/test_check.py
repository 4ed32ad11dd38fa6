"""`plans check`: the schema on the good fixture, on each kind of bad file, and on the real data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from corpora import FIXTURES, MINI, REAL

from tui.cli import main
from tui.core import schema
from tui.core.load import SafeLoader, check_file
from tui.core.schema import zh

BAD = FIXTURES / "bad"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<path>[^:]+): (?P<what>.+)$")


def check(capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, [line for line in (out + err).splitlines() if line]


@pytest.fixture
def english(monkeypatch):
    """The problem lines as written (English: `--lang en`); their Chinese is tested in test_check_chinese."""
    monkeypatch.setenv("PLANS_LANG", "en")


@pytest.fixture
def schema_only(monkeypatch):
    """The schema alone: leave the indicator catalog (another module's evolving checks) out."""
    import tui.cmd_check

    monkeypatch.setattr(tui.cmd_check, "extra_problems", lambda corpus: [])


def test_good_fixture_prints_one_summary_line(capsys, schema_only):
    code, lines = check(capsys, str(MINI))
    assert code == 0
    assert lines == [f"{MINI.relative_to(Path.cwd()) if MINI.is_relative_to(Path.cwd()) else MINI}：正常 — "
                     "2 个规划、2 个专栏、1 张表、2 行"]


def test_data_option_and_relative_path(capsys, monkeypatch, schema_only):
    monkeypatch.chdir(FIXTURES)
    code, lines = check(capsys, "--data", "mini.yaml")
    assert (code, lines) == (0, ["mini.yaml：正常 — 2 个规划、2 个专栏、1 张表、2 行"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("invalid_yaml.yaml", ":16: invalid YAML: mapping values are not allowed"),
        ("empty.yaml", ": empty file"),
        ("not_utf8.yaml", ":5: not UTF-8 text"),
        ("top_list.yaml", ":2: (top level): expected a mapping with 'version' and 'plans', got a list"),
        ("top_scalar.yaml", ":1: (top level): expected a mapping with 'version' and 'plans', got a string"),
        ("unknown_kind.yaml", ":15: plans[0].nodes[0].children[0].kind: unknown kind 'chaptr'"),
        ("missing_field.yaml", ":3: plans[0].meta.title: missing"),
        ("wrong_type.yaml", ":9: plans[0].meta.period_start: expected a year (integer), got a string '2021'"),
        ("duplicate_id.yaml", ":18: plans[1].meta.id: duplicate plan id 'gamma-2021' (also plans[0])"),
        ("cell_count.yaml", ":28: plans[0].nodes[1].table.rows[0].cells: 1 cells but the table has 2 value columns"),
    ],
)
@pytest.mark.usefixtures("english")
def test_each_kind_of_bad_file_is_one_clear_line(capsys, monkeypatch, name, expected):
    monkeypatch.chdir(BAD)
    code, lines = check(capsys, name)
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith(name + expected), lines[0]


def test_missing_file_and_directory(capsys, tmp_path):
    code, lines = check(capsys, str(tmp_path / "nope.yaml"))
    assert (code, lines) == (2, [f"{tmp_path / 'nope.yaml'}：文件不存在"])
    code, lines = check(capsys, str(tmp_path))
    assert (code, lines) == (2, [f"{tmp_path}：是目录，不是规划文件"])


def test_comments_only_file_is_empty(capsys, tmp_path):
    path = tmp_path / "comments.yaml"
    path.write_text("# nothing here\n\n", encoding="utf-8")
    code, lines = check(capsys, str(path))
    assert code == 2 and lines == [f"{path}：空文件（只有注释，没有 YAML 内容）"]


@pytest.mark.usefixtures("english")
def test_multiple_problems_all_reported_with_lines(capsys, monkeypatch):
    monkeypatch.chdir(BAD)
    code, lines = check(capsys, "multiple.yaml")
    assert code == 2
    matched = [LINE.match(x) for x in lines]
    got = [(int(m["line"]), m["path"]) if m else None for m in matched]
    assert got == [
        (4, "plans[0].meta.id"),
        (8, "plans[0].meta.level"),
        (10, "plans[0].meta.period_end"),
        (11, "plans[0].meta.issue_date"),
        (13, "plans[0].nodes[0].heading"),
        (15, "plans[0].nodes[0].children[0].kind"),
        (19, "plans[0].nodes[0].children[1].breaks[0]"),
        (20, "plans[1].meta.parent_region"),
        (29, "plans[1].nodes[0].number"),
        (32, "plans[1].nodes[0].children[0].kind"),
    ]
    text = "\n".join(lines)
    assert "'Gamma 2021' is not slug form" in text
    assert "expected one of city, district, got 'county'" in text
    assert "period_end 2021 is before period_start 2025" in text
    assert "an entry belongs inside a 专栏" in text
    assert "offset 99 is outside the node's text (0–7)" in text
    assert "a 专栏 (column) holds only entries (and page furniture), not a para node" in text


def _mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plans.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_no(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.usefixtures("english")
def test_duplicate_mapping_key_is_reported_by_check(capsys, tmp_path):
    text = _mini_text().replace("    short: 甲市\n", "    short: 甲市\n    short: 甲\n", 1)
    path = _write(tmp_path, text)
    code, lines = check(capsys, str(path))
    assert code == 2
    first = _line_no(text, "short: 甲市")
    assert lines == [f"{path}:{first + 1}: plans[0].meta.short: duplicate key (also on line {first}); "
                     "only the last one is kept"]


@pytest.mark.parametrize(
    ("old", "new", "path", "what", "at"),
    [
        ("issue_date: '2021-07-25'", "issue_date: 2021-07-25", "plans[0].meta.issue_date", "a date (quote it", "issue_date:"),
        ("issue_date: '2021-07-25'", "issue_date: '2021-02-30'", "plans[0].meta.issue_date", "not a real date", "issue_date:"),
        ("period_end: 2025", "period_end: 3025", "plans[0].meta.period_end", "implausible year 3025", "period_end: 3025"),
        ("period_name: 十四五", "period_name: 十三五", "plans[0].meta.period_start", "does not fit period_name 十三五",
         "period_start: 2021"),
        ("vision_year: 2035", "vision_year: 2020", "plans[0].meta.vision_year", "before period_end", "vision_year:"),
        ("- {printed: 2.8▲, value: 2.8, estimated: true, markers: ['▲']}",
         "- {printed: '', value: 2.8, estimated: true, markers: ['▲']}",
         "plans[0].nodes[1].children[1].table.rows[0].cells[0].printed", "empty", "{printed: ''"),
        ("- {printed: '1784', value: 1784.0}", "- {printed: '1784', value: '1784'}",
         "plans[0].nodes[1].children[1].table.rows[1].cells[0].value", "expected a number, got a string",
         "value: '1784'"),
        ("- {printed: '3000', value: 3000.0}", "- {printed: '3000'}",
         "plans[0].nodes[1].children[1].table.rows[1].cells[1]", "has neither a value nor a text",
         "- {printed: '3000'}"),
        ("- {printed: 2025年, role: target, year: 2025}", "- {printed: 2025年, role: goal, year: 2025}",
         "plans[0].nodes[1].children[1].table.columns[3].role", "unknown role 'goal'", "role: goal"),
        ("          label: 芯片设计\n", "          label: 芯片设计\n          txt: 多余\n",
         "plans[0].nodes[2].children[0].children[1].children[0].txt", "unknown field 'txt'", "txt:"),
        ("      end: 'heuristic: next line is a section heading'\n      children:",
         "      label: 专栏\n      end: 'heuristic: next line is a section heading'\n      children:",
         "plans[1].nodes[0].children[1].label", "'label' has no meaning on a column node", "label: 专栏"),
        ("  - kind: front\n    text: 甲政发〔2021〕1号\n", "  - kind: front\n    text: 甲政发〔2021〕1号\n    breaks: [[0]]\n",
         "plans[0].nodes[0].breaks[0]", "expected an [offset, text] pair", "breaks: [[0]]"),
        ("version: 1", "version: 2", "version", "unsupported version 2", "version: 2"),
    ],
)
@pytest.mark.usefixtures("english")
def test_schema_rules(capsys, tmp_path, old, new, path, what, at):
    text = _mini_text()
    assert old in text
    text = text.replace(old, new, 1)
    file = _write(tmp_path, text)
    code, lines = check(capsys, str(file))
    assert code == 2
    assert len(lines) == 1, lines
    m = LINE.match(lines[0])
    assert m and m["path"] == path and what in m["what"], lines[0]
    assert int(m["line"]) == _line_no(text, at), lines[0]


def test_section_cannot_hold_a_chapter_and_subsection_needs_section(tmp_path):
    data = yaml.load(_mini_text(), Loader=SafeLoader)
    section = data["plans"][0]["nodes"][1]["children"][0]
    section["children"].append({"kind": "chapter", "heading": "三、保障措施"})
    data["plans"][1]["nodes"][0]["children"].append({"kind": "subsection", "heading": "(一)迷路的目"})
    got = {(p.dotted, p.message) for p in schema.validate(data)}
    assert got == {
        ("plans[0].nodes[1].children[0].children[1].kind", "a chapter cannot stand inside a section"),
        ("plans[1].nodes[0].children[2].kind", "a subsection belongs inside a section, not inside a chapter node"),
    }


def test_extra_checks_are_reported_and_fail_the_check(capsys, monkeypatch):
    def catalog_says(corpus):
        return [f"data/indicators.yaml:12: rd: unit mismatch in {corpus.plans[0].id}"]

    monkeypatch.setattr(schema, "EXTRA_CHECKS", [catalog_says])
    code, lines = check(capsys, str(MINI))
    assert code == 2
    assert "data/indicators.yaml:12: rd: unit mismatch in alpha-2021" in lines


def test_the_indicator_catalog_check_is_run_when_present(capsys, monkeypatch):
    indicators = pytest.importorskip("tui.core.indicators")
    seen = []

    def check_catalog(corpus, *args, **kwargs):
        seen.append(len(corpus.plans))
        return ["data/indicators.yaml:3: rd_intensity: unit '%' but a row has unit '家'"]

    monkeypatch.setattr(indicators, "check_catalog", check_catalog)
    code, lines = check(capsys, str(MINI))
    assert seen == [2]
    assert code == 2 and lines == ["data/indicators.yaml:3: rd_intensity: unit '%' but a row has unit '家'"]


def test_a_crashing_extra_check_is_one_line_not_a_traceback(capsys, monkeypatch):
    def broken(corpus):
        raise KeyError("boom")

    monkeypatch.setattr(schema, "EXTRA_CHECKS", [broken])
    code, lines = check(capsys, str(MINI))
    assert code == 2
    assert any("check failed: KeyError: 'boom'" in line for line in lines)


@pytest.mark.usefixtures("english")
def test_check_does_not_use_the_cache(capsys, tmp_path):
    path = tmp_path / "plans.yaml"
    shutil.copy(MINI, path)
    from tui.core.load import load_corpus

    load_corpus(path)  # fills the cache
    path.write_text(_mini_text().replace("kind: para", "kind: prose", 1), encoding="utf-8")
    code, lines = check(capsys, str(path))
    assert code == 2 and "unknown kind 'prose'" in lines[0]


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
def test_real_data_validates_clean():
    result = check_file(REAL)
    assert result.problems == [], "\n".join(result.problems[:20])
    assert result.corpus is not None and len(result.corpus.plans) == 5


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, path + (i,))


def test_no_wrong_value_anywhere_crashes_validation_or_slips_past_it():
    """Every value of the fixture replaced by each wrong type: validate never raises, and whatever it
    passes builds a model (so loading can only fail with a PlansFileError)."""
    import copy

    from tui.core.model import corpus_from_dict

    base = yaml.load(_mini_text(), Loader=SafeLoader)
    paths = list(_paths(base))
    assert len(paths) > 150
    messages: set[str] = set()
    for path in paths[1:]:
        for wrong in (None, 7, -1, 2.5, True, "x", "", [], [1], {}, {"a": 1}):
            data = copy.deepcopy(base)
            target = data
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = wrong
            problems = schema.validate(data)
            messages.update(p.message for p in problems)
            if not problems:
                corpus_from_dict(data)
        if isinstance(path[-1], str):  # and the field left out
            data = copy.deepcopy(base)
            target = data
            for part in path[:-1]:
                target = target[part]
            del target[path[-1]]
            problems = schema.validate(data)
            messages.update(p.message for p in problems)
            if not problems:
                corpus_from_dict(data)
    # … and every message it wrote has its Chinese (the user's language: `plans check`, the browser's error)
    assert len(messages) > 40
    assert [m for m in messages if zh.message(m) == m or _english_words(zh.message(m))] == []


def _english_words(line: str) -> list[str]:
    """Runs of two or more English words left in a translated line (quoted values and fields aside)."""
    bare = re.sub(r"'[^']*'|\S*[\[\]_.]\S*", "", line)
    return re.findall(r"[A-Za-z]{2,}(?: [A-Za-z]{2,})+", bare)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &a [*a]\n", ":1: a: YAML anchor &a: plans files do not use anchors and aliases; write the value out"),
        ("version: 1\nplans:\n- meta: {id: a-1, title: t, short: s, region: r, level: city, period_start: 2021, "
         "period_end: 2025}\n  nodes:\n  - &h\n    kind: chapter\n    heading: x\n    children: [*h]\n",
         ":5: plans[0].nodes[0]: YAML anchor &h: plans files do not use anchors and aliases; write the value out"),
        ("version: 1\n---\nplans: []\n", ":2: invalid YAML: but found another document"),
        ("version: 1\nplans:\n\t- x\n", ":3: invalid YAML: found character that cannot start any token"),
        ("version: 1\nplans: null\n", ":2: plans: expected a list of plans, got null"),
    ],
)
@pytest.mark.usefixtures("english")
def test_odd_yaml_is_one_line_per_problem(capsys, tmp_path, text, expected):
    path = _write(tmp_path, text)
    code, lines = check(capsys, str(path))
    assert code == 2
    assert lines[0] == f"{path}{expected}", lines


def test_a_byte_order_mark_is_accepted(capsys, tmp_path, schema_only):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.read_bytes())
    code, lines = check(capsys, str(path))
    assert code == 0 and lines[0].endswith("：正常 — 2 个规划、2 个专栏、1 张表、2 行")


def test_problem_lines_are_in_the_users_language(capsys, monkeypatch):
    """FILE:LINE: path, then what is wrong in Chinese (the browser's start-up error quotes the first line);
    `--lang en` (PLANS_LANG=en) as written."""
    monkeypatch.chdir(BAD)
    code, lines = check(capsys, "multiple.yaml")
    assert code == 2 and len(lines) == 10
    assert lines[0] == "multiple.yaml:4: plans[0].meta.id：'Gamma 2021' 不是编号格式（小写字母、数字和“-”，如 keqiao-2021）"
    assert "multiple.yaml:15: plans[0].nodes[0].children[0].kind：entry 应在专栏（column）里，不应在 chapter 节点里" in lines
    assert all(re.match(r"multiple\.yaml:\d+: \S+：", line) for line in lines)
    monkeypatch.setenv("PLANS_LANG", "en")
    code, lines = check(capsys, "multiple.yaml")
    assert lines[0] == ("multiple.yaml:4: plans[0].meta.id: 'Gamma 2021' is not slug form (lower-case letters, digits "
                        "and '-', e.g. keqiao-2021)")
