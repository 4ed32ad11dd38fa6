"""Keys as the user meets them: the footer (every key of the context on screen at 80×24, nothing stray),
the command palette (Chinese titles and help, keys as typed), and keys typed faster than a screen opens."""

from __future__ import annotations

import re

import pytest
from conftest import MINI
from rich.cells import cell_len
from screen_host import bindings_of, screen_of, screen_text
from textual import events

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.help import pretty_keys
from tui.screens.main import MainScreen
from widgets.key_footer import KeyFooter

CJK = re.compile(r"[\u4e00-\u9fff]")


def make_app(**kwargs) -> PlansApp:
    return PlansApp(load_corpus(MINI), save_settings=False, **kwargs)


def footer_rows(app) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    lines = screen_text(app).split("\n")
    return [line.rstrip() for line in lines[footer.region.y:footer.region.bottom]]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_footer_shows_every_key_of_the_context_and_nothing_else(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        rows = footer_rows(app)
        assert rows == app.screen.query_one(KeyFooter).plain_lines()  # no stray character, nothing cut
        shown = " ".join(rows)
        assert all(cell_len(r) <= size[0] for r in rows) and len(rows) <= 2
        for binding in bindings_of(MainScreen):
            if binding.show and binding.action not in ("next_match", "prev_match"):
                key = app.get_key_display(binding.__class__(binding.key.split(",")[0], binding.action))
                assert key in shown, (binding.id, shown)
        assert "上一匹配" not in shown and "Nn" not in shown  # no query highlighted: n/N have nothing to do
        assert "后退/前进 a 加书签" in shown  # a group's label is followed by a space (Textual's Footer: "后退/前进a")
        assert shown.endswith("^p 命令")
        screen.jump(Jump("alpha-2021/2.1.1", query="研发"))
        await pilot.pause()
        rows = footer_rows(app)
        assert "Nn 匹配" in " ".join(rows) and len(rows) <= 2


async def test_footer_keys_can_be_clicked():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = footer.plain_lines()[0]
        x = cell_len(line[: line.index("c 专栏表")])
        await pilot.click(KeyFooter, offset=(x, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "ColumnsScreen"


async def test_palette_commands_are_chinese_with_keys_as_typed():
    app = make_app(keymap={"main.copy": "ctrl+y"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = list(screen_of(app, MainScreen).palette_commands())
        titles = {c.title: c for c in commands}
        for binding in bindings_of(MainScreen):
            if binding.action.startswith("app.") or binding.action == "focus_tree":
                continue
            assert binding.id is not None, binding
            command = next(c for c in commands if f"按 {pretty_keys(app.user_keymap.get(binding.id, binding.key))}）" in c.help
                           or c.help.endswith(f"按 {pretty_keys(binding.key)}"))
            assert CJK.search(command.title) and CJK.search(command.help), command
            assert binding.action not in command.help and "_" not in command.help, command.help
        assert "（按 { ）" not in titles["上一专栏"].help and titles["上一专栏"].help.endswith("（按 {）")
        assert titles["下一节"].help.endswith("（按 ]）")
        assert titles["搜索"].help.endswith("（按 /）")
        assert titles["帮助：全部按键"].help.endswith("（按 ?）")
        assert titles["复制"].help.endswith("（按 ^y）")  # the user's keymap, in the footers' style
        assert titles["后退"].help.endswith("（按 b / Alt+←）")


async def test_keys_typed_before_the_search_screen_is_up_reach_it():
    """`/ yfjf` arriving in one read (fast typing, a paste over SSH): the keys after `/` were forwarded
    to the tree before `/` pushed the search screen, then dropped (an empty search box)."""
    pytest.importorskip("tui.screens.search")
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key, char in [("slash", "/"), ("y", "y"), ("f", "f"), ("j", "j"), ("f", "f")]:
            app.post_message(events.Key(key, char))  # all queued before the first is handled
        for _ in range(10):
            await pilot.pause()
        assert type(app.screen).__name__ == "SearchScreen"
        assert app.screen.query_one(Input).value == "yfjf"
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen) and main.current is app.corpus.plans[0]  # nothing reached the main screen
