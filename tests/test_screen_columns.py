"""ColumnsScreen: every 专栏 listed, filter as you type, detail follows the cursor, Enter jumps."""

from __future__ import annotations

import pytest
import yaml
from screen_host import HOSTILE_COLUMN_TITLE, MINI, REAL, UNSET, Host, hostile, mini, screen_text, wait_for_workers
from textual.widgets import Input

from tui.core.load import load_corpus
from tui.core.search import SEARCH_HINT
from tui.jump import Jump
from tui.screens.columns import ColumnsScreen
from widgets.column_detail import ColumnDetail
from widgets.column_list import ColumnList


async def test_lists_every_column_and_detail_follows_cursor():
    corpus = mini()
    app = Host(ColumnsScreen(corpus))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        lst = app.screen.query_one(ColumnList)
        detail = app.screen.query_one(ColumnDetail)
        assert [n.key for n in lst.nodes] == [n.key for p in corpus.plans for n in p.columns()]
        assert lst.row_count == 2
        assert detail.node is lst.nodes[0]
        text = screen_text(app)
        assert "集成电路重大科技专项" in text and "空间载体" in text
        assert "芯片设计：重点研发高端处理器芯片。" in text  # entries in the detail pane
        await pilot.press("down")  # from the filter into the list
        assert app.screen.focused is lst
        await pilot.press("down")
        await pilot.pause()
        assert detail.node is lst.nodes[1]
        assert "金柯桥科技城" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == Jump(corpus.plans[1].columns()[0].key)


async def test_filter_narrows_as_you_type_and_enter_in_filter_jumps():
    corpus = mini()
    app = Host(ColumnsScreen(corpus))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lst = app.screen.query_one(ColumnList)
        await pilot.press(*"空间")
        await wait_for_workers(pilot)  # the index may be (re)loading in a thread
        assert [n.title for n in lst.nodes] == ["空间载体"]
        assert app.screen.query_one(ColumnDetail).node is lst.nodes[0]
        await pilot.press("backspace", "backspace", *"芯片")  # entry text matches too
        await wait_for_workers(pilot)  # the index may be (re)loading in a thread
        assert [n.title for n in lst.nodes] == ["集成电路重大科技专项"]
        await pilot.press("backspace", "backspace", *"@乙区 专栏1")  # plan filter and number
        await wait_for_workers(pilot)  # the index may be (re)loading in a thread
        assert [n.title for n in lst.nodes] == ["空间载体"]
        await pilot.press(*["backspace"] * 8, *"jcdl")  # pinyin initials of 集成电路
        await wait_for_workers(pilot)  # the index may be (re)loading in a thread
        assert [n.title for n in lst.nodes] == ["集成电路重大科技专项"]
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == Jump(corpus.plans[0].columns()[0].key)


async def test_filter_with_no_match_and_escape():
    app = Host(ColumnsScreen(mini()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"没有这个")
        await pilot.pause()
        assert app.screen.query_one(ColumnList).nodes == []
        assert app.screen.query_one(ColumnDetail).node is None
        await pilot.press("enter")  # nothing to go to: stays
        await pilot.pause()
        assert isinstance(app.screen, ColumnsScreen)
        await pilot.press("escape")  # from the filter back to the list
        await pilot.pause()
        assert isinstance(app.screen, ColumnsScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_narrow_stacks_detail_and_key_toggles_it():
    app = Host(ColumnsScreen(mini()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        lst, detail = screen.query_one(ColumnList), screen.query_one(ColumnDetail)
        assert screen.has_class("-narrow")
        assert detail.region.y >= lst.region.bottom  # stacked below
        assert "f2 详情" in screen_text(app)  # key shown in the footer
        assert SEARCH_HINT in screen_text(app)  # the whole filter syntax fits at 80 columns
        await pilot.press("slash", "d")  # in the filter: typed, not a toggle
        await pilot.pause()
        assert detail.display and app.screen.query_one("#columns-filter", Input).value == "d"
        await pilot.press("f2")
        await pilot.pause()
        assert not detail.display
        await pilot.press("f2")
        await pilot.pause()
        assert detail.display
    wide = Host(ColumnsScreen(mini()))
    async with wide.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        lst, detail = wide.screen.query_one(ColumnList), wide.screen.query_one(ColumnDetail)
        assert detail.region.x >= lst.region.right  # side by side
        assert detail.region.y == lst.region.y


async def test_markup_like_title_is_shown_verbatim(tmp_path):
    corpus = hostile(tmp_path)
    app = Host(ColumnsScreen(corpus))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert HOSTILE_COLUMN_TITLE in text  # in the list row and the detail title
        assert text.count(HOSTILE_COLUMN_TITLE) >= 2
        await pilot.press(*"[00]")
        await pilot.pause()
        assert [n.title for n in app.screen.query_one(ColumnList).nodes] == [HOSTILE_COLUMN_TITLE]
    assert app.result is UNSET


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
async def test_real_data_lists_all_columns_and_filters():
    corpus = load_corpus(REAL)
    total = sum(len(p.columns()) for p in corpus.plans)
    app = Host(ColumnsScreen(corpus))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lst = app.screen.query_one(ColumnList)
        assert lst.row_count == total > 20
        await pilot.press(*"@湖州 4-3")
        await pilot.pause()
        keys = [n.key for n in lst.nodes]
        assert keys and all(k.startswith("huzhou-2021/") for k in keys)
        assert lst.nodes[0].number == "4-3"  # best match first
        assert app.screen.query_one(ColumnDetail).node is lst.nodes[0]


async def test_keys_on_an_empty_list_do_not_crash():
    """A filter matching nothing, then ↓ into the empty list and d/F2/↑/↓/Enter there (d crashed)."""
    app = Host(ColumnsScreen(mini()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"没有这个", "down")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one(ColumnList)
        for key in ("d", "up", "down", "enter", "d", "f2", "f2"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, ColumnsScreen)
        assert app.screen.query_one(ColumnDetail).node is None
    assert app.result is UNSET


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_long_titles_end_in_ellipsis_never_cut_silently(tmp_path, size):
    """A title wider than its column ends in “…” on screen; the full title is in the detail pane."""
    long_title = "绍兴市集成电路重大科技专项重点支持内容以及更多很长很长的标题文字"
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    column = data["plans"][0]["nodes"][2]["children"][0]["children"][1]
    column["title"], column["heading"] = long_title, "专栏1：" + long_title
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    corpus = load_corpus(path)
    app = Host(ColumnsScreen(corpus))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lst = app.screen.query_one(ColumnList)
        await pilot.press("f2")  # hide the detail: the title's row alone shows it
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "绍兴市集成电路" in line and "专栏1" not in line)
        if long_title not in row:
            assert "…" in row, row
        assert lst.virtual_size.width <= lst.scrollable_content_region.width  # no sideways scroll


async def test_an_engine_error_in_the_filter_is_shown_not_fatal(monkeypatch):
    from tui.core.search import index_for

    corpus = mini()
    monkeypatch.setattr(index_for(corpus), "search", lambda *a, **k: 1 / 0)
    app = Host(ColumnsScreen(corpus))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"jcdl")
        await pilot.pause()
        assert app.screen.query_one(ColumnList).nodes == []
        assert "筛选出错：ZeroDivisionError" in screen_text(app)
    assert app.result is UNSET
