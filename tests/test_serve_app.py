"""The app when it runs in a browser (`plans serve`, `App.is_web`): export becomes a download, copy
says where it went, the page's terminal takes the theme's default colours; in a terminal none of it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from screen_host import MINI, Host, screen_text

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.compare import CompareScreen

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"
OSC = re.compile(r"\x1b\](1?1[01]);?([^\x07]*)\x07")


def served(monkeypatch: pytest.MonkeyPatch, cls: type) -> None:
    monkeypatch.setattr(cls, "is_web", property(lambda self: True))


async def test_export_in_the_browser_is_a_download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    served(monkeypatch, Host)
    app = Host(CompareScreen(load_corpus(FIXTURE), export_dir=tmp_path))
    delivered: list[tuple[str, str, str | None]] = []

    def deliver_text(file: io.StringIO, *, save_filename: str, encoding: str | None = None) -> str:
        delivered.append((save_filename, file.read(), encoding))
        return "key"

    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(app, "deliver_text", deliver_text)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert [name for name, _, _ in delivered] == ["compare-grid.csv", "compare-grid.md"]
        assert delivered[0][1].startswith("\ufeffkey,指标,单位,规划")  # with a BOM, for Excel and delivered[0][2] == "utf-8"
        assert "| key |" in delivered[1][1] or "|key|" in delivered[1][1].replace(" ", "")
        assert "已下载 compare-grid.csv、compare-grid.md" in screen_text(app)
    assert list(tmp_path.iterdir()) == []  # nothing written where the server runs


async def test_copy_in_the_browser_says_so(monkeypatch: pytest.MonkeyPatch):
    served(monkeypatch, PlansApp)
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard
        assert any("到浏览器剪贴板" in str(n.message) for n in app._notifications)


def osc_writes(app: PlansApp, sink: list[str]) -> None:
    assert app._driver is not None
    write = app._driver.write

    def record(data: str) -> None:
        sink.extend("".join(m) for m in OSC.findall(data) if m[0] in ("10", "11", "110", "111"))
        write(data)

    app._driver.write = record  # type: ignore[method-assign]


async def test_page_default_colours_follow_the_theme(monkeypatch: pytest.MonkeyPatch):
    served(monkeypatch, PlansApp)
    app = PlansApp(load_corpus(MINI), save_settings=False)
    sink: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        osc_writes(app, sink)
        app.theme = "plans-ink"
        await pilot.pause()
        colours = app.get_css_variables()
        assert sink[-2:] == ["10" + colours["foreground"], "11" + colours["background"]]
        app.theme = "plans-ansi"  # 16 colours: the page's own defaults again
        await pilot.pause()
        assert sink[-2:] == ["110", "111"]


async def test_in_a_terminal_nothing_changes(tmp_path: Path):
    app = PlansApp(load_corpus(MINI), save_settings=False)
    sink: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        osc_writes(app, sink)
        app.theme = "plans-ink"
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert sink == []
        assert not any("浏览器" in str(n.message) for n in app._notifications)
