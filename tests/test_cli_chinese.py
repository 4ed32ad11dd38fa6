"""Every line the command line's sub-commands print for a user is Chinese (found by trying each one as a
first user would: `plans add` with a wrong file, `plans remove` of a plan that is not there, …).

The core raises its errors in English (tests and `--lang en` read them so); the command line translates
each whole line through `tui.core.i18n.t_line` before printing it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.cli import main
from tui.core import i18n

SEED = Path(__file__).resolve().parents[1] / "data" / "sources" / "keqiao-2021.txt"
ENGLISH = re.compile(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}")  # three English words in a row: a sentence


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def plan_copy(tmp_path: Path) -> Path:
    f = tmp_path / "柯桥.txt"
    f.write_bytes(SEED.read_bytes())
    return f


@pytest.mark.parametrize("name, data, argv, chinese", [
    (None, b"", [], "请给出文件"),
    ("missing.txt", None, [], "文件不存在"),
    ("a.xlsx", b"x", [], "是电子表格，不是规划"),
    ("scan.png", b"x", [], "是图片，不是规划"),
    ("old.doc", b"x", [], "旧版 Word 文件"),
    ("bom16.txt", b"\xff\xfe\x00\xd8", [], "字节序标记"),
    ("nul.txt", "规划\x00".encode(), [], "二进制数据"),
    ("latin.txt", b"abc\xff\xff\xff", [], "认不出编码"),
    ("note.txt", "今天天气很好。\n".encode(), [], "不是规划"),
    ("note.txt", "今天天气很好。\n".encode(), ["--set", "colour=red"], "没有这个字段"),
    ("note.txt", "今天天气很好。\n".encode(), ["--set", "colour"], "应为 字段=值"),
    ("plan", None, ["--set", "level=x"], "应为 city（市）或 district（区/县）"),
    ("plan", None, ["--set", "vision_year=明年"], "应为年份"),
    ("plan", None, ["--set", "issue_date=去年"], "应为日期"),
    ("plan", None, ["--set", "id=Bad"], "只能用小写字母"),
    ("plan", None, ["--set", "id=keqiao-2021"], "内置规划已用了这个编号"),
    ("plan", None, ["--set", "title=没有这一行"], "文中没有这样一行"),
])
def test_add_errors_are_one_chinese_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str | None,
                                         data: bytes | None, argv: list[str], chinese: str) -> None:
    args = ["add", *argv]
    if name == "plan":
        args.append(str(plan_copy(tmp_path)))
    elif name is not None:
        f = tmp_path / name
        if data is not None:
            f.write_bytes(data)
        args.append(str(f))
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("plans add：") and chinese in err and err.count("\n") == 1, err
    assert not ENGLISH.search(err.replace("plans add", "")), err


def test_add_again_and_remove_say_so_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = plan_copy(tmp_path)
    assert run(capsys, "add", str(f))[0] == 0
    code, out, _ = run(capsys, "add", str(f))
    assert code == 0 and "已添加为 keqiao-2021-2（未变）：无需操作" in out and "nothing to do" not in out
    code, _, err = run(capsys, "remove", "nope")
    assert code == 2 and err == "plans remove：没有自添规划 'nope'（已添加：keqiao-2021-2）\n"
    assert run(capsys, "remove", "keqiao-2021-2")[0] == 0
    code, _, err = run(capsys, "remove", "keqiao-2021-2")
    assert code == 2 and err == "plans remove：没有自添规划 'keqiao-2021-2'（还没有添加任何规划）\n"


def test_english_on_request_is_the_core_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.xlsx"
    f.write_bytes(b"x")
    try:
        code, _, err = run(capsys, "--lang", "en", "add", str(f))
    finally:
        i18n.set_lang(None)
    assert code == 2 and "a spreadsheet, not a plan" in err


def test_every_line_pattern_compiles_and_gives_chinese() -> None:
    for pattern, template in i18n.LINE_PATTERNS:
        re.compile(pattern)
        assert not ENGLISH.search(re.sub(r"\\g<\w+>", "", template)), template


@pytest.mark.parametrize("argv, chinese", [
    (["search", "#foo", "研发"], "plans search：没有这种类型“#foo”（可用 #专栏"),
    (["compare", "--indicator", "nope"], "没有指标 'nope'（见 plans indicators）"),
    (["compare", "--mode", "pair"], "--mode pair 需要恰好两个规划"),
    (["check", "/nonexistent/plans.yaml"], "/nonexistent/plans.yaml：文件不存在"),
])
def test_other_commands_errors_are_chinese(capsys: pytest.CaptureFixture[str], argv: list[str], chinese: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and chinese in out + err and (out + err).count("\n") == 1, out + err
    assert not ENGLISH.search((out + err).replace("plans indicators", "")), out + err


def test_check_ok_line_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0 and "：正常 — 5 个规划、" in out and " ok " not in out


def test_add_review_field_names_line_up_in_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rich.cells import cell_len

    code, out, _ = run(capsys, "add", str(plan_copy(tmp_path)), "--dry-run")
    assert code == 0
    keys = ("id", "title", "parent_region", "period_start", "vision_year")
    starts = {}
    for line in out.splitlines():
        for key in keys:
            at = line.find(f" {key} ")
            if line.startswith("  ") and at > 0 and key not in starts:
                starts[key] = cell_len(line[: at + 1])
    assert set(starts) == set(keys) and len(set(starts.values())) == 1, starts  # 编号 and 上级地区 alike


def test_open_names_two_plans_of_one_place_by_their_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A user's own copy of 柯桥's plan: `plans open 柯桥 …` must say which ids to choose from, not
    "柯桥区、柯桥区"."""
    from tui.core.deeplink import DeepLinkError, resolve
    from tui.core.load import load_corpus
    from tui.core.locations import DEFAULT_DATA

    assert run(capsys, "add", str(plan_copy(tmp_path)))[0] == 0
    with pytest.raises(DeepLinkError) as info:
        resolve(load_corpus(DEFAULT_DATA), ["柯桥", "专栏1"])
    line = i18n.t_line(str(info.value))
    assert "（柯桥区 keqiao-2021、柯桥区 keqiao-2021-2）" in line, line
    assert resolve(load_corpus(DEFAULT_DATA), ["keqiao-2021-2", "专栏1"]).plan.id == "keqiao-2021-2"


def test_every_option_of_every_command_says_what_it_does() -> None:
    """`plans compare --help` listed --format with no word about it."""
    import argparse

    from tui.cli import COMMANDS, build_parser

    parser = build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name in COMMANDS:
        sub = subs.choices[name]
        silent = [a.option_strings or a.dest for a in sub._actions if not a.help and a.help is not argparse.SUPPRESS]
        assert silent == [], (name, silent)


@pytest.mark.parametrize("argv, line", [
    (["compare", "-n", "3"], "plans compare：无法识别的参数：-n 3（见 plans compare --help）\n"),
    (["check", "a.yaml", "b.yaml"], "plans check：无法识别的参数：b.yaml（见 plans check --help）\n"),
])
def test_an_unknown_option_is_named_by_its_command(capsys: pytest.CaptureFixture[str], argv: list[str],
                                                    line: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2 and capsys.readouterr().err == line


@pytest.mark.parametrize("argv, hint", [
    (["serach", "人才"], "是要 plans search 吗？"),
    (["--theme", "plans-ink", "湖州", "专栏4-3"], "要打开某处：plans open 湖州 专栏4-3"),
])
def test_a_word_that_is_no_command_says_so(capsys: pytest.CaptureFixture[str], argv: list[str], hint: str) -> None:
    """`plans serach 人才` said “plans browse：无法识别的参数：serach 人才”: browse was never asked for."""
    code, out, err = run(capsys, *argv)
    word = next(a for a in argv if not a.startswith("-") and a != "plans-ink")
    assert code == 2 and out == "" and err.startswith(f"plans：没有子命令“{word}”（子命令：browse、open、")
    assert err.rstrip().endswith(hint) and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv, chinese", [
    (["--max-sessions", "0"], "plans serve：--max-sessions 0：应在 1 到 1000 之间"),
    (["--port", "70000"], "plans serve：--port 70000：应在 0 到 65535 之间"),
    (["--token", "abc"], "plans serve：--token：至少 8 个可打印的 ASCII 字符，不含空格"),
])
def test_serve_refuses_in_chinese(capsys: pytest.CaptureFixture[str], argv: list[str], chinese: str) -> None:
    code, out, err = run(capsys, "serve", *argv)
    assert code == 2 and out == "" and err == chinese + "\n"


def test_a_broken_keymap_is_described_in_chinese(tmp_path: Path) -> None:
    """keymap.yaml with ``main.quit: [`` was reported as “缺少应有的 node content”."""
    from tui.core import locations
    from tui.core.config import load_keymap

    locations.keymap_file().parent.mkdir(parents=True, exist_ok=True)
    locations.keymap_file().write_text("main.copy: ctrl+y\nmain.quit: [\n", encoding="utf-8")
    keymap, problem = load_keymap()
    assert keymap == {} and problem is not None
    assert "YAML 有误：缺少应有的内容（值）" in problem and "node" not in problem, problem


def test_the_review_says_how_each_zhuanlan_ends_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`plans add --dry-run` printed 专栏 ends as the importer records them ("heuristic: —— entries end;
    next is numbered 2 …"); every form the shipped plans record, and the hints' forms, read in Chinese."""
    from tui.core.adder.review import end_text
    from tui.core.load import load_corpus
    from tui.core.locations import DEFAULT_DATA

    ends = {col.end for plan in load_corpus(DEFAULT_DATA).plans for col in plan.columns()}
    ends |= {"heuristic: ends at an indicator table", "heuristic: ends at the back matter",
             "heuristic: ends at the end of the text", "hint: ends before “4．”", "hint: ends after “甲”",
             "heuristic: labelled entries (…：) end; next is a paragraph “乙”",
             "hint: a grid of 3 cells a row, one cell a line; ends at the next heading"}
    assert any(e.startswith("hint:") for e in ends) and len(ends) > 10
    for end in ends:
        said = end_text(end)
        assert said.startswith(("推断：", "提示：")) and not re.search("[a-z]{3}", said), (end, said)
    code, out, _ = run(capsys, "add", str(plan_copy(tmp_path)), "--dry-run")
    assert code == 0 and "结束：推断：“——”条目结束；下一段是编号 2 的条目“2．打造双创载体" in out and "heuristic" not in out


@pytest.mark.parametrize("old, new, chinese", [
    ("level: district", "level: town", "level：“town”不是 city, district 之一"),
    ("period_start: 2021", "period_start: 二〇二一", "period_start：应为年份（如 2021），却是 '二〇二一'"),
    ("hints: {}", "hints: {colour: red}", "hints.colour：没有这种提示"),
    ("province: 浙江省", "province: [", "YAML 有误：缺少应有的“,”或“]”"),
])
def test_a_corrected_metadata_file_that_is_wrong_is_said_in_chinese(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, chinese: str) -> None:
    """The README has users correct an added plan's metadata and run `plans add --rebuild`: its
    complaints were English ("level: 'town' is not one of city, district")."""
    from tui.core.userplans import plans_dir

    assert run(capsys, "add", str(plan_copy(tmp_path)))[0] == 0
    meta = plans_dir() / "keqiao-2021-2" / "keqiao-2021-2.yaml"
    text = meta.read_text(encoding="utf-8")
    assert old in text
    meta.write_text(text.replace(old, new), encoding="utf-8")
    code, _, err = run(capsys, "add", "--rebuild")
    assert code == 2 and chinese in err and err.count("\n") == 1, err
    assert not ENGLISH.search(err.replace("plans add", "")), err


def test_search_on_a_terminal_says_there_are_more_in_chinese() -> None:
    """`plans search 黄酒 -n 3` on a terminal ended with “… more results (showing 3; use --limit)”."""
    import io

    from rich.console import Console

    from tui.cmd_search import render_rich
    from tui.core.load import load_corpus
    from tui.core.locations import DEFAULT_DATA
    from tui.core.search import index_for

    result = index_for(load_corpus(DEFAULT_DATA)).search("黄酒", limit=2)
    assert result.more
    out = io.StringIO()
    render_rich(result, Console(file=out, width=80))
    assert out.getvalue().splitlines()[-1] == "… 还有更多结果（显示了 2 条；用 --limit 看更多）"
