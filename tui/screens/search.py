"""`/` (and `z`, 专栏 only): search everything as you type.

An Input at the top (Textual's own, so an IME's cursor stays where it should), the operator syntax
in one line under it, and the ranked results: plan · kind · breadcrumb, then a snippet with the
matched characters highlighted. ↑/↓ move, Enter goes there (dismisses with `Jump(node_key, query)`),
escape closes (None). The index is built (or loaded from the cache) in a worker thread, and every
query runs in an exclusive thread worker, so typing never waits for results.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from tui.core.model import Corpus
from tui.core.search import SEARCH_HINT, Result, SearchIndex, cached_index, index_for
from tui.core.search import SEARCH_HELP as _HELP_ROWS
from tui.jump import Jump
from widgets.search_results import SearchResults

LIMIT = 100
KEYS_HINT = "边输入边搜索  ↑↓ 选择  Enter 跳转  Esc 关闭"  # the screen's keys (it has no footer)

# for the help screen: the syntax, one row per operator
SEARCH_HELP = "\n".join(f"{example:<28} {meaning}" for example, meaning in _HELP_ROWS)


class SearchScreen(Screen[Jump | None]):
    DEFAULT_CSS = """
    SearchScreen {
        background: $background;
    }
    SearchScreen #search-title {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    SearchScreen #search-input {
        margin: 0;
    }
    SearchScreen #search-hint {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    SearchScreen #search-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        background: $panel;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "关闭", id="search.close"),
        Binding("down", "move(1)", "下", show=False, id="search.down"),
        Binding("up", "move(-1)", "上", show=False, id="search.up"),
        Binding("pagedown", "move(10)", "下页", show=False, id="search.pagedown"),
        Binding("pageup", "move(-10)", "上页", show=False, id="search.pageup"),
    ]

    def __init__(self, corpus: Corpus, kinds: tuple[str, ...] | list[str] | None = None, query: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.kinds = tuple(kinds) if kinds else None
        self.index: SearchIndex | None = cached_index(corpus)
        self._initial = query
        self._shown_query: str | None = None

    def compose(self) -> ComposeResult:
        title = "搜索专栏" if self.kinds and set(self.kinds) <= {"column", "entry"} else "搜索"
        yield Static(Text(title), id="search-title")
        yield Input(value=self._initial, placeholder="输入关键词或拼音…  (yanfa / yfjf / 专栏 sys)", id="search-input")
        yield Static(Text(SEARCH_HINT), id="search-hint")
        yield SearchResults(id="search-results")
        yield Static(Text(""), id="search-status")

    def on_mount(self) -> None:
        self.query_one("#search-results", SearchResults).can_focus = False
        self.query_one("#search-input", Input).focus()
        if self.index is None:
            self._status("正在建立索引…")
            self._build_index()
        else:
            self._run(self.query_one("#search-input", Input).value)

    # -- index and queries -------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self) -> None:
        try:
            index = index_for(self.corpus)
        except Exception as exc:  # an engine bug must not take the whole app down with it
            self.app.call_from_thread(self._status, f"无法建立搜索索引：{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: SearchIndex) -> None:
        self.index = index
        self._run(self.query_one("#search-input", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._run(event.value)

    def _run(self, query: str) -> None:
        if self.index is None:
            return
        if not query.strip():
            self._shown_query = query
            self.query_one("#search-results", SearchResults).show([])
            self._status(KEYS_HINT)
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="search-query")
    def _search(self, query: str) -> None:
        index = self.index
        if index is None:
            return
        try:
            result = index.search(query, limit=LIMIT, kinds=self.kinds)
            for hit in result.hits[:30]:  # work out the visible rows' highlights off the UI thread
                hit.spans
        except Exception as exc:  # an engine bug must not take the whole app down with it
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._failed, query, exc)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, result)

    def _show(self, query: str, result: Result) -> None:
        if query != self.query_one("#search-input", Input).value:
            return  # typing went on; a newer query is on its way
        self._shown_query = query
        self.query_one("#search-results", SearchResults).show(result.hits)
        if result.errors:
            self._status("；".join(result.errors))
        elif not result.hits:
            self._status("没有结果")
        else:
            n = len(result.hits)
            self._status(f"{n}{'+' if result.more else ''} 条结果  ↑↓ 选择  Enter 跳转  Esc 关闭")  # = KEYS_HINT

    def _failed(self, query: str, exc: Exception) -> None:
        if query != self.query_one("#search-input", Input).value:
            return
        self._shown_query = query
        self.query_one("#search-results", SearchResults).show([])
        self._status(f"搜索出错：{type(exc).__name__}: {exc}")

    def _status(self, message: str) -> None:
        self.query_one("#search-status", Static).update(Text(message))

    # -- keys ------------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        results = self.query_one("#search-results", SearchResults)
        if not results.hits:
            return
        i = results.highlighted or 0
        results.highlighted = max(0, min(len(results.hits) - 1, i + delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one("#search-results", SearchResults).current())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        results = self.query_one("#search-results", SearchResults)
        self._choose(results.hits[event.option_index] if 0 <= event.option_index < len(results.hits) else None)

    def _choose(self, hit) -> None:
        if hit is None:
            return
        self.dismiss(Jump(hit.unit.key, self.query_one("#search-input", Input).value.strip()))

    def action_close(self) -> None:
        self.dismiss(None)
