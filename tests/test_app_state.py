"""Pilot tests: history, bookmarks, copy with citation, deep links, themes, keymap, help, other screens."""

from __future__ import annotations

import pytest
from conftest import MINI
from screen_host import cursor_of, node_of, screen_of, shown_node
from textual.binding import Binding

from tui.app import PlansApp
from tui.core import locations
from tui.core.bookmarks import Bookmarks
from tui.core.config import load_config
from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from widgets.plan_tree import PlanTree
from widgets.reader import Reader


def make_app(**kwargs) -> PlansApp:
    kwargs.setdefault("save_settings", True)
    return PlansApp(load_corpus(MINI), **kwargs)


async def test_history_back_and_forward_over_jumps():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        screen.action_jump_key("alpha-2021/3.1.2")
        screen.action_jump_key("beta-2021/1.2")
        await pilot.pause()
        assert screen.history.items() == ["alpha-2021", "alpha-2021/3.1.2", "beta-2021/1.2"]
        await pilot.press("b")
        assert shown_node(screen).key == "alpha-2021/3.1.2"
        assert str(cursor_of(screen.query_one(PlanTree)).label) == "栏 专栏1 集成电路重大科技专项"
        await pilot.press("b")
        assert screen.current is app.corpus.plans[0]
        await pilot.press("b")  # nothing earlier: stays
        assert screen.current is app.corpus.plans[0]
        await pilot.press("f", "f")
        assert shown_node(screen).key == "beta-2021/1.2"
        await pilot.press("alt+left")
        assert shown_node(screen).key == "alpha-2021/3.1.2"


async def test_jump_to_paragraph_with_query_highlights_and_n_moves():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        screen.jump(Jump("alpha-2021/2.1.1", query="研发"))  # a para inside a section
        await pilot.pause()
        reader = screen.query_one(Reader)
        assert shown_node(screen).key == "alpha-2021/2.1"  # its section is shown …
        assert screen.focus_node is not None and screen.focus_node.key == "alpha-2021/2.1.1"  # … scrolled to the paragraph
        assert reader.match_count == 1 and reader.match_index == 0
        screen.jump(Jump("alpha-2021/2", query="指标"))
        await pilot.pause()
        total = reader.match_count
        assert total >= 2
        await pilot.press("n")
        assert reader.match_index == 1
        await pilot.press("N", "N")
        assert reader.match_index == total - 1
        screen.jump(Jump("nope-1/1"))
        await pilot.pause()
        assert shown_node(screen).key == "alpha-2021/2"


async def test_bookmarks_add_list_jump_delete_and_persist():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        screen.action_jump_key("alpha-2021/3.1.2")
        await pilot.pause()
        await pilot.press("a")
        screen.action_jump_key("beta-2021/1")
        await pilot.pause()
        await pilot.press("a")
        saved = Bookmarks().load()
        assert [b.key for b in saved.items] == ["alpha-2021/3.1.2", "beta-2021/1"]
        assert saved.items[0].label == "甲市 › 二、主要任务 › （一）建设重大创新平台。 › 专栏1 集成电路重大科技专项"
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("enter")  # the first one
        await pilot.pause()
        assert screen_of(app, MainScreen) is screen and shown_node(screen).key == "alpha-2021/3.1.2"
        await pilot.press("B", "j", "d")  # delete the second
        await pilot.press("escape")
        assert [b.key for b in Bookmarks().load().items] == ["alpha-2021/3.1.2"]
        await pilot.press("a")  # on a bookmarked place: removes it
        assert Bookmarks().load().items == []


async def test_corrupt_bookmarks_file_is_reported_once():
    path = locations.bookmarks_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ not: [valid", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert sum("bookmarks.yaml" in m for m in messages) == 1
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not any("bookmarks.yaml" in str(n.message) for n in app._notifications)


async def test_copy_puts_text_and_citation_on_clipboard():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen_of(app, MainScreen).action_jump_key("alpha-2021/3.1.2")
        await pilot.pause()
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("专栏1：集成电路重大科技专项\n芯片设计：重点研发高端处理器芯片。")
        assert copied.splitlines()[-1] == (
            "出处：《甲市科技创新“十四五”规划》（甲政发〔2021〕1号，2021年7月25日印发） 二、主要任务 › （一）建设重大创新平台。 › 专栏1 集成电路重大科技专项")


async def test_deep_link_start_key_and_query():
    app = make_app(start_key="alpha-2021/2.2", start_query="高新技术企业数")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        assert shown_node(screen).kind == "table"
        assert str(cursor_of(screen.query_one(PlanTree)).label) == "表 甲市科技创新主要指标"
        assert screen.query_one(Reader).match_count >= 1


async def test_theme_key_cycles_and_is_remembered():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "plans-paper"
        await pilot.press("ctrl+t")
        assert app.theme == "plans-ink"
        await pilot.press("ctrl+t")
        assert app.theme == "plans-ansi"
    assert load_config()[0].theme == "plans-ansi"
    app = make_app(config=load_config()[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "plans-ansi"


async def test_theme_from_palette_commands():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "主题：墨（深色）" in commands and "书签列表" in commands and "专栏一览" in commands
        commands["主题：墨（深色）"].callback()
        await pilot.pause()
        assert app.theme == "plans-ink"
        assert load_config()[0].theme == "plans-ink"


async def test_user_keymap_rebinds_by_id():
    app = make_app(keymap={"main.copy": "ctrl+y", "main.bookmark": "x"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen_of(app, MainScreen).action_jump_key("alpha-2021/3.1.2")
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == ""
        await pilot.press("ctrl+y")
        assert app.clipboard.startswith("专栏1：")
        await pilot.press("x")
        assert [b.key for b in Bookmarks().load().items] == ["alpha-2021/3.1.2"]


async def test_help_lists_every_key_with_keymap_applied():
    app = make_app(keymap={"main.copy": "ctrl+y"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = dict(screen_of(app, MainScreen).key_rows())
        everything = {binding_id: keys for section in rows.values() for keys, _, binding_id in section}
        assert everything["main.copy"] == "ctrl+y"
        for binding in type(app.screen).BINDINGS:
            assert isinstance(binding, Binding), binding  # every key a Binding with an id (the keymap's handle)
            assert binding.id in everything
        assert "tree.expand_all" in everything and "reader.page_down" in everything
        from tui.screens.bookmarks import BookmarksScreen
        from tui.screens.columns import ColumnsScreen
        from tui.screens.tables import TablesScreen

        for screen_cls in (BookmarksScreen, ColumnsScreen, TablesScreen):  # other screens' keys are listed too
            for binding in screen_cls.BINDINGS:
                assert isinstance(binding, Binding), binding
                if binding.id:
                    assert binding.id in everything, binding.id
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("key, module, name", [
    ("c", "tui.screens.columns", "ColumnsScreen"),
    ("t", "tui.screens.tables", "TablesScreen"),
    ("i", "tui.screens.info", "PlanInfoScreen"),
    ("slash", "tui.screens.search", "SearchScreen"),
    ("m", "tui.screens.compare", "CompareScreen"),
])
async def test_other_screens_open_and_their_jump_is_followed(key, module, name):
    cls = getattr(pytest.importorskip(module), name)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        main = screen_of(app, MainScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, cls)
        app.screen.dismiss(Jump("beta-2021/1.2", query="科技城"))
        await pilot.pause()
        assert app.screen is main and shown_node(main).key == "beta-2021/1.2"
        assert main.query_one(Reader).match_count >= 1
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main and shown_node(main).key == "beta-2021/1.2"


async def test_notifications_with_markup_like_plan_text_do_not_crash():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        node = node_of(app.corpus, "alpha-2021/3.1.1")
        node.heading = "1．[bold]打造[/ 科创[00]走廊[/bold"
        screen_of(app, MainScreen).action_jump_key(node.key)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        toasts = [str(n.message) for n in app._notifications]
        assert any("1．[bold]打造[/ 科创[00]走廊[/bold" in t for t in toasts)
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
