"""One language: Chinese by default everywhere the user reads (the command line's help and errors,
Textual's own strings in the app), English with `--lang en`, PLANS_LANG=en or an en_* locale."""

from __future__ import annotations

import re

import pytest
from conftest import MINI
from screen_host import screen_text

from tui.app import PlansApp
from tui.cli import main
from tui.core import i18n
from tui.core.config import load_config
from tui.core.load import load_corpus

# Textual's own English, as it would show on screen (palette, quit prompt, system commands).
TEXTUAL_ENGLISH = ["Search for commands", "No matches found", "to quit", "Do you want to quit", "Change the current",
                   "Maximize", "Screenshot", "Keys", "Theme", "Quit", "palette", "Search for themes"]
ARGPARSE_ENGLISH = ["usage:", "options", "positional arguments", "show this help", "required", "error:",
                    "unrecognized", "invalid choice"]


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


# -- the language ------------------------------------------------------------------------------------
@pytest.mark.parametrize("env, expected", [
    ({}, "zh"),
    ({"LANG": "C.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"PLANS_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
    ({"PLANS_LANG": "en"}, "en"),
])
def test_language_from_the_environment(env, expected):
    assert i18n.detect(env) == expected


def test_catalogue_pairs_are_unique_both_ways():
    zh = [a for a, _ in i18n.CATALOGUE]
    en = [b for _, b in i18n.CATALOGUE]
    assert len(set(zh)) == len(zh) and len(set(en)) == len(en)
    for a, b in i18n.CATALOGUE:  # same placeholders on both sides
        assert sorted(re.findall(r"\{\w+\}|%\(\w+\)\w|%\w", a)) == sorted(re.findall(r"\{\w+\}|%\(\w+\)\w|%\w", b))


# -- the command line ----------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [["--help"], ["search", "--help"], ["compare", "--help"], ["open", "--help"],
                                  ["import", "--help"], ["check", "--help"], ["indicators", "--help"]])
def test_help_is_chinese_by_default(capsys, argv):
    code, out, _err = run_cli(capsys, *argv)
    assert code == 0
    assert out.startswith("用法：plans")
    for word in ARGPARSE_ENGLISH:
        assert word not in out, word
    # every option's help is Chinese: no line of help prose in English
    prose = [line for line in out.splitlines() if re.search(r"[a-z]{3,} [a-z]{3,} [a-z]{3,}", line)]
    assert prose == []


def test_help_in_english_on_request(capsys, monkeypatch):
    code, out, _ = run_cli(capsys, "--lang", "en", "--help")
    assert code == 0 and out.startswith("usage: plans") and "show this help message" in out
    i18n.set_lang(None)
    monkeypatch.setenv("PLANS_LANG", "en")
    code, out, _ = run_cli(capsys, "search", "--help")
    assert "usage: plans search" in out and "at most N results" in out
    i18n.set_lang(None)
    monkeypatch.delenv("PLANS_LANG")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    code, out, _ = run_cli(capsys, "--help")
    assert out.startswith("usage: plans")


@pytest.mark.parametrize("argv, chinese", [
    (["search"], "plans search：缺少必需的参数：关键词"),
    (["search", "--limit", "0", "研发"], "至少为 1"),
    (["foo", "--bar"], "没有子命令“foo”"),
    (["compare", "--format", "x"], "无效的选项值"),
    (["--data", "/nonexistent/plans.yaml"], "文件不存在"),
    (["--data", str(MINI), "search", "zzzzqqqq"], "没有找到"),
    (["--data", str(MINI), "open", "zzzz", "专栏99"], "plans open："),
])
def test_errors_are_one_chinese_line(capsys, argv, chinese):
    code, _out, err = run_cli(capsys, *argv)
    assert code != 0
    assert chinese in err and len(err.strip().splitlines()) == 1
    for word in ("the following", "unrecognized", "invalid choice", "must be at least", "no such file",
                 "no results", "try:", "see plans"):
        assert word not in err


def test_errors_in_english_on_request(capsys):
    _code, _out, err = run_cli(capsys, "--lang", "en", "search")
    assert "the following arguments are required: QUERY" in err


# -- the app -------------------------------------------------------------------------------------------
def english_on_screen(app) -> list[str]:
    text = screen_text(app)
    return [w for w in TEXTUAL_ENGLISH if w in text]


async def test_no_textual_english_on_any_screen_or_the_palette():
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert english_on_screen(app) == []
        await pilot.press("ctrl+c")  # Textual: "Do you want to quit? Press ctrl+q to quit the app"
        await pilot.pause()
        await pilot.pause()
        assert [(n.title, n.message) for n in app._notifications] == [("要退出吗？", "按 q 退出")]
        assert english_on_screen(app) == []
        app.clear_notifications()
        await pilot.press("ctrl+p")
        await pilot.pause()
        text = screen_text(app)
        assert "搜索命令" in text and english_on_screen(app) == []
        # the system commands the palette lists with an empty query: ours, in Chinese
        titles = [c.title for c in app.get_system_commands(app.screen_stack[0])]
        assert "退出" in titles and "截图" in titles and "按键" in titles
        assert not {"Theme", "Quit", "Keys", "Maximize", "Screenshot"} & set(titles)
        for ch in "zqxzqxzqx":
            await pilot.press(ch)
        await pilot.pause(1.0)  # the palette's no-match line comes after a short countdown
        await pilot.pause()
        assert "没有匹配的命令" in screen_text(app) and english_on_screen(app) == []
        await pilot.press("escape")
        await pilot.pause()
        for keys in (["c"], ["t"], ["i"], ["m"], ["B"], ["question_mark"], ["slash"]):
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            assert english_on_screen(app) == [], keys
            await pilot.press("escape")
            await pilot.pause()


async def test_the_palette_keys_command_opens_the_help():
    from tui.screens.help import HelpScreen

    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = next(c for c in app.get_system_commands(app.screen) if c.title == "按键")
        keys.callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_corrupt_settings_file_is_reported_in_chinese():
    from tui.core import locations

    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: plans-ink\ndetail: [oops\n", encoding="utf-8")
    _config, problem = load_config()
    assert problem is not None
    assert "YAML 有误" in problem
    assert not re.search(r"[a-z]{3,} [a-z]{3,}", problem), problem


async def test_the_palette_screenshot_is_told_in_chinese(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any(c.title == "截图" for c in app.get_system_commands(app.screen))
        app._palette_screenshot()  # what the palette's 截图 runs (after a 0.1 s timer, so the palette is gone)
        await pilot.pause()
        notes = list(app._notifications)
        assert notes and notes[-1].title == "已保存截图"
        assert list(tmp_path.glob("*.svg"))
