"""Every 专栏 of every plan: a filter box, the list (plan, id, title, entries) and the detail pane.

The filter is the search engine's (tui/core/search) restricted to 专栏 headings and entries: terms,
pinyin (jcdl → 集成电路), `@规划`; best matches first.

Keys: the list has focus, so `j`/`k`/`g`/`G`, `q`, `?` work as on every screen; `/` (or typing a
Chinese character or any letter that is not a key) moves to the filter, ↓ or Esc back to the list,
Enter goes to the 专栏, F2 (or `d` in the list) shows/hides the detail pane, Esc or `q` in the list
closes. `?` in an empty filter shows the keys (a lone "?" filters nothing). Below 100 columns the
detail pane stacks under the list.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import Input, Static

from tui.core.columns import ColumnRow, column_rows
from tui.core.model import Corpus
from tui.core.safetext import visible
from tui.core.search import SEARCH_HINT, cached_index, index_for
from tui.jump import Jump
from tui.screens.list_keys import LIST_KEYS, ListKeys
from widgets.column_detail import ColumnDetail
from widgets.column_list import ColumnList
from widgets.kept_styles import KeptStyles
from widgets.key_footer import KeyFooter
from widgets.screen_base import PlansScreen
from widgets.text_input import TextInput

COLUMN_KINDS = ("column", "entry")  # search kinds of a 专栏: its heading and its entries


class FilterInput(TextInput):
    """The filter box: `?` while it is empty is the help key, not a one-character query."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if key == "question_mark" and not self.value:
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "question_mark" and not self.value:
            event.prevent_default()  # Input's own handler would type it; the key bubbles to `?`
            return
        await super()._on_key(event)


class ListDetail(ColumnDetail):
    """The detail pane of this screen: restyled only when its styles changed.

    Textual re-applies every widget's CSS each time a screen is shown again (`ScreenResume`), and
    `ColumnDetail` rebuilds its lines after every style update (a theme change bakes new colours into
    them). With the screen kept between opens that rebuild came after the open's frame and drew a
    second one, 30–50 ms after the first. The styles it bakes in are the same unless the theme changed
    while the screen was away: then it rebuilds as before."""

    _styled_with: tuple[Style, ...] | None = None  # the styles self's lines were built with

    def _styles_key(self) -> tuple[Style, ...]:
        return (self.rich_style, *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)))

    def _refresh_content(self) -> None:
        super()._refresh_content()
        self._styled_with = self._styles_key()

    def _restyle(self) -> None:
        self._rich_style_cache.clear()  # (component styles cached from before the change)
        if self._styled_with is not None and self._styles_key() == self._styled_with:
            return  # the same colours: the lines built are right as they are
        super()._restyle()


class ColumnsScreen(KeptStyles, ListKeys, PlansScreen[Jump | None]):
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
        /* the pane's title on its top edge: Textual draws it in the edge's own colour (1.2:1) */
        border-title-color: $accent;
        border-title-style: bold;
    }
    ColumnsScreen.-no-detail ColumnDetail {
        display: none;
    }
    /* the placeholder says how to filter: Textual's $text-disabled was 2.6:1 on the paper theme */
    ColumnsScreen TextInput > .input--placeholder {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "关闭", id="columns.close"),
        *LIST_KEYS,
        Binding("f2", "toggle_detail", "详情", id="columns.toggle_detail"),
        Binding("d", "toggle_detail", "详情", show=False, id="columns.toggle_detail_d"),
        Binding("slash", "focus_filter", "筛选", key_display="/", id="columns.filter"),
        Binding("down", "focus_list", "列表", show=False, id="columns.focus_list"),
    ]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.all_columns: list[ColumnRow] = column_rows(corpus)  # no plan decoded to list them
        self._by_key = {r.key: r for r in self.all_columns}
        self.errors: list[str] = []  # from the last filter (unknown @plan …)

    def compose(self) -> ComposeResult:
        yield Static("", id="columns-title", markup=False)
        yield FilterInput(placeholder="筛选专栏 " + SEARCH_HINT, id="columns-filter", select_on_focus=False)  # fits 80 columns
        with Container(id="columns-body"):
            yield ColumnList(id="columns-list")
            yield ListDetail(id="columns-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        listing = next(self.query(ColumnList).results(ColumnList), None)
        if listing is None:  # removed before it was up (the app quitting while it was built ahead)
            return
        self._apply_filter("")
        listing.focus()

    def reopen(self) -> None:
        """Kept between opens (tui/screens/kept.py): every 专栏, cursor on the first, detail shown, as a
        new screen would be."""
        self.remove_class("-no-detail")
        box = self.query_one(Input)
        listing = self.query_one(ColumnList)
        if box.value or self.errors or listing.row_count != len(self.all_columns):
            with box.prevent(Input.Changed):
                box.value = ""
            self._apply_filter("")
        else:
            listing.scroll_to(y=0, animate=False, immediate=True)
            listing.cursor_row = 0
        listing.focus()

    async def on_key(self, event: events.Key) -> None:
        """Type to filter: a printable key the list does not use moves to the filter and is typed there;
        `?` in an empty filter is help, not a query."""
        filter_box = self.query_one(Input)
        if self.focused is filter_box:
            return
        if not event.is_printable or event.character is None or event.key in self.active_bindings:
            return
        event.stop()
        event.prevent_default()
        filter_box.focus()
        filter_box.insert_text_at_cursor(event.character)

    # -- filtering ----------------------------------------------------------------
    def matching(self, query: str) -> list[ColumnRow]:
        """专栏 whose heading or entries match the query (the search engine, 专栏 kinds only), best first.

        The query is the search box's: terms (pinyin too), `@规划`, `'精确`, `!排除`. Empty: every 专栏.
        """
        self.errors = []
        if not query.strip():
            return list(self.all_columns)
        index = cached_index(self.corpus)
        if index is None:  # still loading (after start-up a worker loads it): filter when it is here
            self.errors = ["正在载入搜索索引…"]
            self._load_index()
            return []
        try:
            result = index.search(query, limit=100_000, kinds=COLUMN_KINDS)
        except Exception as exc:  # an engine bug must not take the whole app down with it
            self.errors = [f"筛选出错：{type(exc).__name__}: {exc}"]
            return []
        self.errors = list(result.errors)
        out: list[ColumnRow] = []
        seen: set[str] = set()
        for hit in result.hits:
            key = hit.unit.key  # a 专栏's key, or one of its entries' (the 专栏's key and one more step)
            row = self._by_key.get(key) or self._by_key.get(key.rpartition(".")[0])
            if row is not None and row.key not in seen:
                seen.add(row.key)
                out.append(row)
        return out

    @work(thread=True, exclusive=True, group="columns-index", exit_on_error=False)
    def _load_index(self) -> None:
        try:
            index_for(self.corpus)
        except Exception as exc:  # an engine bug must not take the whole app down with it
            self.app.call_from_thread(self.notify, f"无法建立搜索索引：{type(exc).__name__}: {exc}",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self._index_ready)

    def _index_ready(self) -> None:
        if self.is_mounted:
            self._apply_filter(self.query_one(Input).value)

    def _apply_filter(self, query: str) -> None:
        shown = self.matching(query)
        self.query_one(ColumnList).set_rows(shown)
        title = Text(f"专栏  {len(shown)}/{len(self.all_columns)}")
        if query.strip():
            title.append("  筛选：")
            title.append(visible(query.strip(), multiline=False))
        for error in self.errors:
            title.append("  " + visible(error, multiline=False), style="italic")
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
        """Esc in the filter goes back to the list (the filter stays); in the list it closes."""
        if self.focused is self.query_one(Input):
            self.action_focus_list()
            return
        self.dismiss(None)
