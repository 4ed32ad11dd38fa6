"""SearchScreen: type, see results, Enter returns a Jump, escape returns None; markup stays literal;
the palette provider finds names."""

from __future__ import annotations

from screen_host import UNSET, Host, mini, screen_text

from tui.jump import Jump
from tui.screens.search import SEARCH_HELP, SearchScreen


async def settle(pilot, app, text: str, tries: int = 40) -> None:
    for _ in range(tries):
        await pilot.pause(0.02)
        if text in screen_text(app):
            return


async def test_type_pinyin_and_jump():
    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"jcdl")
        await settle(pilot, app, "集成电路")
        shown = screen_text(app)
        assert "专栏1：集成电路重大科技专项" in shown and "专栏" in shown
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == Jump("alpha-2021/3.1.2", "jcdl")


async def test_down_then_enter_and_escape():
    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"重点")
        await settle(pilot, app, "条结果")
        await pilot.press("down", "enter")
        await pilot.pause()
    assert isinstance(app.result, Jump) and app.result.query == "重点"
    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_column_only_search_and_markup_literal():
    app = Host(SearchScreen(mini(), kinds=("column", "entry")))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"重点")
        await settle(pilot, app, "条结果")
        shown = screen_text(app)
        assert "搜索专栏" in shown and "芯片设计" in shown and "重点发展行业" not in shown
    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"[bold")
        await settle(pilot, app, "条结果")
        assert "[bold]不是标记[/bold]" in screen_text(app)
        assert app.result is UNSET


def test_help_text_lists_operators():
    for op in ("'", "!", "@", "#专栏", "yfjf"):
        assert op in SEARCH_HELP


async def test_palette_provider_finds_names_and_jumps():
    from textual.app import App

    from tui.providers import PROVIDER

    jumped: list[tuple[str, str]] = []

    class Main(App):
        def __init__(self, corpus) -> None:
            super().__init__()
            self.corpus = corpus

    app = Main(mini())
    async with app.run_test() as pilot:
        app.screen.action_jump_key = lambda key, query="": jumped.append((key, query))
        provider = PROVIDER(app.screen)
        await provider.startup()
        hits = [h async for h in provider.search("jcdl")]
        assert [h.text for h in hits] == ["专栏1：集成电路重大科技专项"]
        hits[0].command()
        await pilot.pause()
    assert jumped == [("alpha-2021/3.1.2", "jcdl")]
