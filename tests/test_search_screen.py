"""SearchScreen: type, see results, Enter returns a Jump, escape returns None; markup stays literal;
the palette provider finds names."""

from __future__ import annotations

import pytest
from screen_host import REAL, UNSET, Host, mini, screen_text

from textual.color import Color

from tui.core.load import load_corpus

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


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
async def test_result_rows_fit_their_width_before_and_after_a_resize():
    """Long breadcrumbs end in … on their own line (the scrollbar's arrival used to push the … onto
    a line of its own and the snippet out of view), and rows are re-cut when the terminal shrinks."""
    from rich.cells import cell_len

    from widgets.search_results import SearchResults

    app = Host(SearchScreen(load_corpus(REAL)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"实验室")
        await settle(pilot, app, "条结果")
        results = app.screen.query_one(SearchResults)
        for size in ((100, 30), (80, 24), (200, 50)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert len(results.hits) > 10
            lines = screen_text(app).splitlines()
            assert not [ln for ln in lines if ln.strip() == "…"], size
            width = results.scrollable_content_region.width
            for i in range(min(5, len(results.hits))):
                prompt = results.get_option_at_index(i).prompt
                assert all(cell_len(part) <= width for part in prompt.plain.split("\n")), size
            assert "专栏 10：绍兴市“十四五”省级以上重点实验室" in "\n".join(lines)  # the snippet is on screen


async def test_an_engine_error_shows_in_the_status_line_and_the_app_lives(monkeypatch):
    from tui.core.search import index_for

    corpus = mini()
    index = index_for(corpus)

    def broken(*args, **kwargs):
        raise AttributeError("'SearchIndex' object has no attribute 'narrow'")

    monkeypatch.setattr(index, "search", broken)
    app = Host(SearchScreen(corpus))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"jcdl")
        await settle(pilot, app, "搜索出错")
        assert "搜索出错：AttributeError" in screen_text(app)
        await pilot.press("enter", "down")  # nothing to choose: stays
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    assert app.result is UNSET


async def test_palette_provider_survives_an_engine_error(monkeypatch):
    from textual.app import App

    from tui.core.search import index_for
    from tui.providers import PROVIDER

    class Main(App):
        def __init__(self, corpus) -> None:
            super().__init__()
            self.corpus = corpus

    app = Main(mini())
    monkeypatch.setattr(index_for(app.corpus), "search", lambda *a, **k: 1 / 0)
    async with app.run_test() as pilot:
        provider = PROVIDER(app.screen)
        await provider.startup()
        assert [h async for h in provider.search("jcdl")] == []
        await pilot.pause()
        assert any("ZeroDivisionError" in n.message for n in app._notifications)


async def test_highlighted_result_uses_the_cursor_colours_in_every_theme():
    """The highlight was `$accent 30%`: default text on yellow in the 16-colour theme. It is the cursor's
    colours now (black on cyan there)."""
    import themes
    from widgets.search_results import SearchResults

    app = Host(SearchScreen(mini()))
    themes.register(app)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"重点")
        await settle(pilot, app, "条结果")
        results = app.screen.query_one(SearchResults)
        for name in themes.THEMES:
            app.theme = name
            await pilot.pause()
            variables = app.theme_variables
            style = results.get_component_rich_style("option-list--option-highlighted", partial=True)
            cursor_bg = Color.parse(variables["block-cursor-background"])
            shown = Color.from_rich_color(style.bgcolor) if style.bgcolor is not None else None
            assert shown is not None, name
            if cursor_bg.ansi is not None:
                assert shown.ansi == cursor_bg.ansi, name
            else:
                assert shown.rgb == cursor_bg.rgb, name
