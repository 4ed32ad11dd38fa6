"""Every 专栏 of every plan: a filter box, the list (plan, id, title, entries) and the detail pane.

The filter is the search engine's (tui/core/search) restricted to 专栏 headings and entries: terms,
pinyin (jcdl → 集成电路), `@规划`; best matches first.

Keys: type to filter, ↓ into the list, Enter go to the 专栏, `/` back to the filter, F2 (or `d`
in the list) show/hide the detail pane, escape close. Below 100 columns the detail pane stacks
under the list.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import Input, Static

from tui.core.model import Corpus, Node
from tui.core.search import SEARCH_HINT, index_for
from tui.jump import Jump
from widgets.column_detail import ColumnDetail, enclosing_column
from widgets.column_list import ColumnList
from widgets.key_footer import KeyFooter
from widgets.screen_base import PlansScreen

COLUMN_KINDS = ("column", "entry")  # search kinds of a 专栏: its heading and its entries


class ColumnsScreen(PlansScreen[Jump | None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    DEFAULT_CSS = """
    ColumnsScreen {
        background: $background;
    }
    ColumnsScreen #columns-title {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    ColumnsScreen #columns-filter {
        margin: 0;
    }
    ColumnsScreen #columns-body {
        layout: horizontal;
        height: 1fr;
    }
    ColumnsScreen ColumnList {
        width: 1fr;
        height: 1fr;
    }
    ColumnsScreen ColumnDetail {
        width: 45%;
        height: 1fr;
        border-left: tall $panel;
    }
    ColumnsScreen.-narrow #columns-body {
        layout: vertical;
    }
    ColumnsScreen.-narrow ColumnDetail {
        width: 1fr;
        height: 45%;
        border-left: none;
        border-top: tall $panel;
    }
    ColumnsScreen.-no-detail ColumnDetail {
        display: none;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "关闭", id="columns.close"),
        Binding("f2", "toggle_detail", "详情", id="columns.toggle_detail"),
        Binding("d", "toggle_detail", "详情", show=False, id="columns.toggle_detail_d"),
        Binding("slash", "focus_filter", "筛选", key_display="/", id="columns.filter"),
        Binding("down", "focus_list", "列表", show=False, id="columns.focus_list"),
    ]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.all_columns: list[Node] = [n for plan in corpus.plans for n in plan.columns()]
        self.errors: list[str] = []  # from the last filter (unknown @plan …)

    def compose(self) -> ComposeResult:
        yield Static("", id="columns-title", markup=False)
        yield Input(placeholder="筛选专栏 " + SEARCH_HINT, id="columns-filter")  # fits 80 columns
        with Container(id="columns-body"):
            yield ColumnList(id="columns-list")
            yield ColumnDetail(id="columns-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._apply_filter("")
        self.query_one(Input).focus()

    # -- filtering ----------------------------------------------------------------
    def matching(self, query: str) -> list[Node]:
        """专栏 whose heading or entries match the query (the search engine, 专栏 kinds only), best first.

        The query is the search box's: terms (pinyin too), `@规划`, `'精确`, `!排除`. Empty: every 专栏.
        """
        self.errors = []
        if not query.strip():
            return list(self.all_columns)
        try:
            result = index_for(self.corpus).search(query, limit=100_000, kinds=COLUMN_KINDS)
        except Exception as exc:  # an engine bug must not take the whole app down with it
            self.errors = [f"筛选出错：{type(exc).__name__}: {exc}"]
            return []
        self.errors = list(result.errors)
        out: list[Node] = []
        seen: set[str] = set()
        for hit in result.hits:
            column = enclosing_column(self.corpus.node(hit.unit.key))
            if column is not None and column.key not in seen:
                seen.add(column.key)
                out.append(column)
        return out

    def _apply_filter(self, query: str) -> None:
        shown = self.matching(query)
        self.query_one(ColumnList).set_nodes(shown)
        title = Text(f"专栏  {len(shown)}/{len(self.all_columns)}")
        if query.strip():
            title.append("  筛选：")
            title.append(query.strip())
        for error in self.errors:
            title.append("  " + error, style="italic")
        self.query_one("#columns-title", Static).update(title)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply_filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        node = self.query_one(ColumnList).highlighted_node
        if node is not None:
            self.dismiss(Jump(node.key))

    # -- list and detail ----------------------------------------------------------
    def on_column_list_highlighted(self, event: ColumnList.Highlighted) -> None:
        self.query_one(ColumnDetail).show(event.node)

    def on_column_list_chosen(self, event: ColumnList.Chosen) -> None:
        self.dismiss(Jump(event.node.key))

    def action_toggle_detail(self) -> None:
        self.toggle_class("-no-detail")

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_focus_list(self) -> None:
        self.query_one(ColumnList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
