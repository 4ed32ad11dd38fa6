"""海曙 专栏10 is a grid whose first row names its columns (综合体名称 / 建设依托单位 / 建设目标): it is a
header, not entry 1, in the data, the reader and the 专栏 pane."""

from __future__ import annotations

from conftest import REAL
from screen_host import screen_of

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.column_detail import ColumnDetail, header_line


def column10(corpus):
    return next(c for c in corpus.plan("haishu-2021").columns() if c.number == "10")


def test_header_row_is_a_header_node():
    column = column10(load_corpus(REAL))
    kinds = [c.kind for c in column.children]
    assert kinds == ["header", "entry", "entry", "entry"]
    assert header_line(column.children[0]) == "综合体名称   建设依托单位   建设目标"
    assert column.children[1].label == "浙江省时尚服装服饰产业创新服务综合体"


async def test_reader_and_pane_show_it_as_a_header():
    corpus = load_corpus(REAL)
    column = column10(corpus)
    app = PlansApp(corpus, save_settings=False, start_key=column.key)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        lines = screen_of(app, MainScreen).reader.plain_lines()
        head = next(i for i, line in enumerate(lines) if "综合体名称   建设依托单位   建设目标" in line)
        first = next(i for i, line in enumerate(lines) if "1. 浙江省时尚服装服饰产业创新服务综合体" in line)
        assert head < first
        assert not any("1. 综合体名称" in line for line in lines)
        detail = app.screen.query_one(ColumnDetail)
        assert detail.shown[2] == "综合体名称   建设依托单位   建设目标"
        assert "· 3 条" in detail.shown[1]
