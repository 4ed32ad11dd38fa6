"""Every screen alike (issue 11), the items without a test elsewhere: the reader's match counter
follows n/N, `y` copies the text with a citation naming the 发文字号, the date and the path, and
j/k/g/G move in the bookmark list and the help too."""

from __future__ import annotations

from conftest import MINI, REAL
from screen_host import plan_of, screen_of, screen_text
from textual.widgets import OptionList

from tui.app import PlansApp
from tui.core.bookmarks import Bookmarks
from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.main import MainScreen
from widgets.reader import Reader
from widgets.stacked_view import StackedView


async def test_the_match_counter_follows_n_and_N():
    app = PlansApp(load_corpus(REAL), save_settings=False, start_key="keqiao-2021/3.1")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.counter_text() == "" and not reader.has_class("-counting")  # no query: no counter
        screen_of(app, MainScreen).jump(Jump("keqiao-2021/3.1", query="研发"))
        await pilot.pause()
        total = reader.match_count
        assert total > 2
        assert reader.counter_text() == f"“研发” 匹配 1/{total}"
        assert f"“研发” 匹配 1/{total}" in screen_text(app)  # drawn on the reader's bottom edge
        await pilot.press("n", "n")
        await pilot.pause()
        assert f"“研发” 匹配 3/{total}" in screen_text(app)
        await pilot.press("N", "N", "N")  # back past the first: the last
        await pilot.pause()
        assert f"“研发” 匹配 {total}/{total}" in screen_text(app)
        screen_of(app, MainScreen).jump(Jump("keqiao-2021/3.1", query="没有这个词"))
        await pilot.pause()
        assert "“没有这个词” 本处无匹配" in screen_text(app)
        screen_of(app, MainScreen).jump(Jump("keqiao-2021/3.1"))
        await pilot.pause()
        assert "匹配" not in reader.counter_text() and not reader.has_class("-counting")


async def test_y_cites_the_document_number_the_date_and_the_path():
    corpus = load_corpus(REAL)
    plan = plan_of(corpus, "haishu-2021")
    column = next(c for c in plan.columns() if c.number == "10")
    app = PlansApp(corpus, save_settings=False, start_key=column.key)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        text, citation = copied.rsplit("\n\n", 1)
        assert "综合体名称" in text
        assert citation.startswith("出处：《海曙区科技创新“十四五”规划》（海政办发〔2021〕52号，2021年12月31日印发）")
        assert citation.endswith(column.label_text) and " › " in citation  # the path down to the 专栏
        assert f"已复制 {len(copied)} 字（含出处）" in [n.message for n in app._notifications]


async def test_j_k_g_G_move_in_the_bookmark_list():
    corpus = load_corpus(MINI)
    marks = Bookmarks()
    for key in ("alpha-2021/1", "alpha-2021/2", "alpha-2021/2.1.1", "alpha-2021/3.1.2"):
        marks.add(key, key)
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        options = app.screen.query_one("#bm-list", OptionList)
        seen = [options.highlighted]
        for key in "jjkGg":
            await pilot.press(key)
            seen.append(options.highlighted)
        assert seen == [0, 1, 2, 1, 3, 0]


async def test_j_k_g_G_scroll_the_help():
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one(StackedView)  # the help's one scrolling view
        assert scroll.max_scroll_y > 3  # every screen's keys: longer than 24 lines
        await pilot.press("j", "j")
        await pilot.pause()
        assert scroll.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("k")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y - 1
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
