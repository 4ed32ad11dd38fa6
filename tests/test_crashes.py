"""The crash sequences users hit, and what any unexpected error leaves: the terminal gets one line
naming what failed and where the report is; the report (traceback, no locals) is in the state dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES, MINI
from textual.widget import Widget
from textual.widgets import Input

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.compare import CompareScreen
from widgets.option_lists import PagedOptionList as OptionList

COMPARE = FIXTURES / "compare.yaml"


async def test_compare_pair_filter_with_text_in_no_name_does_not_crash():
    """`m` `2` `/` then `zzq` (initials of nothing) and `x`: the filter once called a removed function."""
    app = PlansApp(load_corpus(COMPARE), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("2", "slash")
        await pilot.pause()
        for key in ("z", "z", "q"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.query_one("#compare-filter", Input).value == "zzqx"
        assert app.return_code is None  # still running: no exception reached the app


@pytest.mark.parametrize("height", [7, 5, 3])
async def test_bookmark_list_pages_in_a_terminal_too_short_to_show_it(height):
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.resize_terminal(80, height)
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        await pilot.press("pagedown", "pageup", "pagedown", "end", "home")
        await pilot.pause()
        assert options.highlighted == 0
        await pilot.resize_terminal(100, 30)  # room again: paging works as usual
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        assert options.highlighted == 0 and app.return_code is None


async def test_an_option_list_with_no_rows_pages_by_one_option():
    from textual.app import App, ComposeResult

    class Tiny(App[None]):
        CSS = "OptionList { height: 0; }"

        def compose(self) -> ComposeResult:
            yield OptionList(*[f"option {i}" for i in range(5)])

    app = Tiny()
    async with app.run_test(size=(40, 5)) as pilot:
        options = app.query_one(OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.pause()
        await pilot.press("pagedown")
        assert options.highlighted == 1
        await pilot.press("pageup", "pageup")
        assert options.highlighted == 0  # a page does not wrap round
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown", "pagedown")
        assert options.highlighted == 4


class Boom(Widget):
    """A widget that fails on its first paint, with a large local variable in the failing frame."""

    def render(self) -> str:
        corpus_dump = "专栏内容" * 250_000  # a megabyte of locals that must never reach the terminal
        raise RuntimeError(f"boom after {len(corpus_dump)} characters")


async def test_an_unexpected_error_leaves_one_line_and_a_report(capsys):
    app = PlansApp(load_corpus(MINI), save_settings=False)
    with pytest.raises(RuntimeError, match="boom after 1000000 characters"):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            capsys.readouterr()
            await app.screen.mount(Boom())
            await pilot.pause()
            await pilot.pause()
    out, err = capsys.readouterr()
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert len(lines) == 1, lines[:5]
    reports = list((Path(os.environ["PLANS_STATE_DIR"]) / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1
    line = lines[0]
    assert line.startswith("plans：意外错误，已退出：RuntimeError: boom after 1000000 characters（")
    assert "tests/test_crashes.py:" in line and " in render）" in line
    assert line.endswith(f"。完整报告：{reports[0]}")
    assert "专栏内容" not in out + err  # no locals on the terminal
    report = reports[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in report
    assert "RuntimeError: boom after 1000000 characters" in report
    assert "专栏内容专栏内容" not in report  # no locals in the report either
    assert len(report) < 200_000
    assert app.return_code == 70


async def test_a_failing_worker_is_reported_the_same_way(capsys):
    from textual import work

    class Failing(PlansApp):
        @work(thread=True)
        def explode(self) -> None:
            big_local = list(range(100_000))  # noqa: F841
            raise ValueError("worker failed")

    app = Failing(load_corpus(MINI), save_settings=False)
    with pytest.raises(Exception, match="worker failed"):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            capsys.readouterr()
            app.explode()
            await app.workers.wait_for_complete()
            await pilot.pause()
    out, err = capsys.readouterr()
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert len(lines) == 1 and "ValueError: worker failed" in lines[0] and " in explode" in lines[0], lines[:5]
    assert "99999" not in out + err


def test_a_report_that_cannot_be_written_still_gives_one_line(monkeypatch, tmp_path):
    from tui.core import crash

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PLANS_STATE_DIR", str(blocker))
    try:
        raise LookupError("\x1b]0;title\x07" + "x" * 500)
    except LookupError as exc:
        line = crash.line(exc)
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line
    assert line.startswith("plans：意外错误，已退出：LookupError: ␛]0;title␇xxx")
    assert "…（tests/test_crashes.py:" in line and "。无法写入报告：" in line
    assert len(line) < 400
