"""SearchScreen: type, see results, Enter returns a Jump, escape returns None; markup stays literal;
the palette provider finds names."""

from __future__ import annotations

import threading

import pytest
from screen_host import REAL, UNSET, Host, mini, screen_text, wait_for_workers
from textual.color import Color

from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.search import SEARCH_HELP, SearchScreen


async def test_type_pinyin_and_jump():
    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"jcdl")
        await wait_for_workers(pilot)
        shown = screen_text(app)
        assert "专栏1：集成电路重大科技专项" in shown and "专栏" in shown
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == Jump("alpha-2021/3.1.2", "jcdl")


async def test_down_then_enter_and_escape():
    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"重点")
        await wait_for_workers(pilot)
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
        await wait_for_workers(pilot)
        shown = screen_text(app)
        assert "搜索专栏" in shown and "芯片设计" in shown and "重点发展行业" not in shown
    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"[bold")
        await wait_for_workers(pilot)
        assert "[bold]不是标记[/bold]" in screen_text(app)
        assert app.result is UNSET


def test_help_text_lists_operators():
    for op in ("'", "!", "@", "#专栏", "yfjf"):
        assert op in SEARCH_HELP


async def test_palette_provider_finds_names_and_jumps():
    from textual.app import App
    from textual.screen import Screen

    from tui.core.model import Corpus
    from tui.providers import PROVIDER

    jumped: list[tuple[str, str]] = []

    class Jumps(Screen):
        """Where the provider's commands land: records each jump."""

        def action_jump_key(self, node_key: str, query: str = "") -> None:
            jumped.append((node_key, query))

    class Main(App):
        def __init__(self, corpus: Corpus) -> None:
            super().__init__()
            self.corpus = corpus

        def get_default_screen(self) -> Screen:
            return Jumps()

    app = Main(mini())
    async with app.run_test() as pilot:
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
        await wait_for_workers(pilot)
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
                prompt = results.prompt_at(i)
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
        await wait_for_workers(pilot)
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
        await wait_for_workers(pilot)
        results = app.screen.query_one(SearchResults)
        for name in themes.THEMES:
            app.theme = name
            await pilot.pause()
            variables = app.theme_variables
            style = results.get_component_rich_style("search-results--highlighted", partial=True)
            cursor_bg = Color.parse(variables["block-cursor-background"])
            shown = Color.from_rich_color(style.bgcolor) if style.bgcolor is not None else None
            assert shown is not None, name
            if cursor_bg.ansi is not None:
                assert shown.ansi == cursor_bg.ansi, name
            else:
                assert shown.rgb == cursor_bg.rgb, name


def _slow_index(monkeypatch, corpus, delay: float = 0.15, gate: threading.Event | None = None):
    """The corpus's index with a search that takes `delay` s, so keys arrive before its results; with
    `gate`, a search in the worker thread waits until the test opens it (however slow the machine)."""
    import time

    from tui.core.search import index_for

    index = index_for(corpus)
    real = index.search

    def slow(*args, **kwargs):
        time.sleep(delay)
        if gate is not None and threading.current_thread() is not threading.main_thread():
            assert gate.wait(30), "the test never opened the gate"
        return real(*args, **kwargs)

    monkeypatch.setattr(index, "search", slow)
    return index


async def test_enter_typed_before_the_results_jumps_to_the_first_when_they_come(monkeypatch):
    corpus = mini()
    gate = threading.Event()  # the worker's query ends only once Enter has been seen to wait
    _slow_index(monkeypatch, corpus, gate=gate)
    app = Host(SearchScreen(corpus))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"jcdl", "enter")  # in one go, as a terminal delivers `/ jcdl ⏎`
        assert app.result is UNSET  # nothing to choose yet …
        gate.set()
        await wait_for_workers(pilot)
    assert app.result == Jump("alpha-2021/3.1.2", "jcdl")  # … then the first result


async def test_down_typed_before_the_results_moves_when_they_come(monkeypatch):
    corpus = mini()
    index = _slow_index(monkeypatch, corpus, 0.0)
    expected = index.search("重点", limit=100).hits[1].unit.key
    _slow_index(monkeypatch, corpus)
    app = Host(SearchScreen(corpus))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"重点", "down", "enter")
        await wait_for_workers(pilot)
    assert app.result == Jump(expected, "重点")


async def test_enter_typed_before_no_results_stays_and_says_so(monkeypatch):
    corpus = mini()
    _slow_index(monkeypatch, corpus)
    app = Host(SearchScreen(corpus))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"量子引力", "enter")
        await wait_for_workers(pilot)
        assert "无结果" in screen_text(app)
        await pilot.press(*"x")  # the remembered Enter is spent: a later query's results don't jump
        await wait_for_workers(pilot)
        assert isinstance(app.screen, SearchScreen)
    assert app.result is UNSET


async def test_footer_shows_the_keys_and_everything_fits_80x24():
    from widgets.key_footer import KeyFooter

    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"重点")
        await wait_for_workers(pilot)
        footer = app.screen.query_one(KeyFooter)
        shown = " ".join(footer.plain_lines())
        for keys in ("↑↓ 选择", "Enter 跳转", "Esc 关闭", "PgDn 下页"):
            assert keys in shown
        assert len(footer.plain_lines()) == 1
        lines = screen_text(app).splitlines()
        assert any("'精确" in ln and "!排除" in ln for ln in lines)  # the operator hint line stays
        assert any("条结果" in ln for ln in lines)
        assert lines[-1].strip().startswith("↑↓ 选择")  # the footer is the last row
        from rich.cells import cell_len

        line = footer.plain_lines()[0]
        await pilot.click(KeyFooter, offset=(cell_len(line[:line.index("Enter")]) + 1, 0))
        await pilot.pause()
        await pilot.pause()
    assert isinstance(app.result, Jump)  # the footer's Enter chooses too


async def test_unknown_plan_and_kind_filters_are_reported_in_chinese():
    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press(*"重点 @nothing")
        await wait_for_workers(pilot)
        shown = screen_text(app)
        assert "没有规划匹配“@nothing”（可选：甲市、乙区）" in shown and "no plan" not in shown
        await pilot.press("ctrl+u", *"重点 #bogus")
        await wait_for_workers(pilot)
        assert "没有这种类型“#bogus”" in screen_text(app)


def test_help_text_is_chinese_and_aligned():
    from rich.cells import cell_len

    assert "精确" in SEARCH_HELP and "排除" in SEARCH_HELP and "exclude" not in SEARCH_HELP
    from tui.core.search.display import SEARCH_HELP_ZH

    lines = SEARCH_HELP.splitlines()
    starts = {cell_len(line[:line.index(meaning)]) for line, (_, meaning) in zip(lines, SEARCH_HELP_ZH)}
    assert len(starts) == 1  # every meaning starts in the same column (CJK examples counted in cells)
    assert max(cell_len(line) for line in lines) <= 66  # the help screen's width at 80 columns: no wrapping


async def test_keys_arriving_in_one_read_still_jump():
    """`jcdl⏎` in one terminal read: the Enter (a screen binding) is handled before the Input has
    taken the letters; it must wait for them, then for their results."""
    from textual import events

    app = Host(SearchScreen(mini()))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        for key, char in [("j", "j"), ("c", "c"), ("d", "d"), ("l", "l"), ("enter", "\r")]:
            app.post_message(events.Key(key, char))
        await wait_for_workers(pilot)
    assert app.result == Jump("alpha-2021/3.1.2", "jcdl")


async def test_ctrl_u_then_typing_in_one_read_keeps_the_new_text():
    """Input's own ctrl+u ran after the keys that came with it and wiped them too."""
    from textual import events
    from textual.widgets import Input

    app = Host(SearchScreen(mini(), query="旧词"))
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        for key, char in [("ctrl+u", None), ("j", "j"), ("c", "c"), ("d", "d"), ("l", "l")]:
            app.post_message(events.Key(key, char))
        await wait_for_workers(pilot)
        assert app.screen.query_one(Input).value == "jcdl"


async def test_palette_jump_with_nowhere_to_go_says_so_in_chinese():
    from textual.app import App

    from tui.providers import PROVIDER

    class Main(App):
        def __init__(self, corpus) -> None:
            super().__init__()
            self.corpus = corpus

    app = Main(mini())
    async with app.run_test() as pilot:
        provider = PROVIDER(app.screen)
        await provider.startup()
        hits = [h async for h in provider.search("jcdl")]
        hits[0].command()
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["没有可以跳转到这里的界面"]


async def test_clear_type_down_enter_in_one_read_picks_the_second_result():
    """`^u zhongdian ↓ ⏎` in one read: the emptied box's (late) change must not drop the ↓ and ⏎."""
    from textual import events

    from tui.core.search import index_for

    corpus = mini()
    app = Host(SearchScreen(corpus, query="旧词"))
    async with app.run_test(size=(90, 30)) as pilot:
        await wait_for_workers(pilot)
        keys = [("ctrl+u", None)] + [(c, c) for c in "zhongdian"] + [("down", None), ("enter", "\r")]
        for key, char in keys:
            app.post_message(events.Key(key, char))
        await wait_for_workers(pilot)
    expected = index_for(corpus).search("zhongdian", limit=100).hits[1].unit.key
    assert app.result == Jump(expected, "zhongdian")
