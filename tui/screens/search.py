"""`/` (and `z`, 专栏 only): search everything as you type.

An Input at the top (Textual's own, so an IME's cursor stays where it should), the operator syntax
in one line under it, and the ranked results: plan · kind · breadcrumb, then a snippet with the
matched characters highlighted; the screen's keys in the footer. ↑/↓ move, Enter goes there
(dismisses with `Jump(node_key, query)`), escape closes (None). Enter or ↓ pressed before the
results of what was typed have arrived (keys typed in one go) are remembered and applied when they
come: Enter then goes to the first result, or says 无结果. The index is built (or loaded from the
cache) in a worker thread, and every query runs in an exclusive thread worker, so typing never
waits for results.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.core.model import Corpus
from tui.core.safetext import safe_text
from tui.core.search import SEARCH_HINT, Result, SearchIndex, cached_index, index_for
from tui.core.search.display import SEARCH_HELP_ZH, filter_problems
from tui.core.search.query import MAX_QUERY
from tui.core.textwidth import pad
from tui.jump import Jump
from widgets.key_footer import KeyFooter
from widgets.screen_base import PlansScreen, is_open
from widgets.search_results import SearchResults
from widgets.text_input import TextInput

LIMIT = 100
EMPTY_HINT = "边输入边搜索"
NO_RESULTS = "无结果"
PICK = Binding.Group("选择", compact=True)  # ↑ ↓


def _help_text(rows: list[tuple[str, str]]) -> str:
    width = max(cell_len(example) for example, _ in rows) + 2
    return "\n".join(pad(example, width) + meaning for example, meaning in rows)


# for the help screen: the syntax, one row per operator
SEARCH_HELP = _help_text(SEARCH_HELP_ZH)


class SearchScreen(PlansScreen[Jump | None]):
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
        height: auto;
        max-height: 3;  /* a long error (unknown @plan lists the plans) wraps instead of being cut */
        padding: 0 1;
        color: $text-muted;
        background: $panel;
    }
    """

    BINDINGS = [
        # priority: the focused Input binds these keys too (hiding them from the footer); it is one
        # line, so it needs none of them
        Binding("up", "move(-1)", "上", key_display="↑", group=PICK, priority=True, id="search.up"),
        Binding("down", "move(1)", "下", key_display="↓", group=PICK, priority=True, id="search.down"),
        Binding("enter", "choose", "跳转", key_display="Enter", priority=True, id="search.choose"),
        Binding("pageup", "move(-10)", "上页", key_display="PgUp", priority=True, id="search.pageup"),
        Binding("pagedown", "move(10)", "下页", key_display="PgDn", priority=True, id="search.pagedown"),
        Binding("ctrl+u", "clear", "清空", priority=True, id="search.clear"),
        Binding("escape", "close", "关闭", key_display="Esc", id="search.close"),
    ]

    def __init__(self, corpus: Corpus, kinds: tuple[str, ...] | list[str] | None = None, query: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.kinds = tuple(kinds) if kinds else None
        self.index: SearchIndex | None = cached_index(corpus)
        self._initial = query
        self._shown_query: str | None = None
        self._pending_moves = 0  # ↓/↑ pressed before the current query's results came
        self._pending_enter = False  # Enter pressed before the current query's results came

    def compose(self) -> ComposeResult:
        title = "搜索专栏" if self.kinds and set(self.kinds) <= {"column", "entry"} else "搜索"
        yield Static(Text(title), id="search-title")
        yield TextInput(value=self._initial[:MAX_QUERY], placeholder="输入关键词或拼音…  (yanfa / yfjf / 专栏 sys)",
                        id="search-input", max_length=MAX_QUERY)
        yield Static(Text(SEARCH_HINT), id="search-hint")
        yield SearchResults(id="search-results")
        yield Static(Text(""), id="search-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        found = self.query("#search-results").results(SearchResults)
        results = next(found, None)
        if results is None:  # closed (or the app quitting) before the screen was up: nothing to start
            return
        results.can_focus = False
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
            self._hand_over(self._status, f"无法建立搜索索引：{type(exc).__name__}: {exc}")
            return
        self._hand_over(self._index_ready, index)

    def _hand_over(self, callback: Callable[..., None], *args: object) -> None:
        """From a worker: run `callback` on the UI thread, unless the screen was closed meanwhile
        (Esc while the index loads: the late index or results have nowhere to go)."""
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._if_open, callback, *args)

    def _if_open(self, callback: Callable[..., None], *args: object) -> None:
        if is_open(self):
            callback(*args)

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
            if query != self.query_one("#search-input", Input).value:
                return  # a stale emptiness (ctrl+u, then more typed): keep what is pending for the rest
            self._shown_query = query
            self.query_one("#search-results", SearchResults).show([])
            self._status(EMPTY_HINT)
            self._pending_moves, self._pending_enter = 0, False
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
                _ = hit.spans
        except Exception as exc:  # an engine bug must not take the whole app down with it
            self._hand_over(self._failed, query, exc)
            return
        self._hand_over(self._show, query, result)

    def _show(self, query: str, result: Result) -> None:
        if query != self.query_one("#search-input", Input).value:
            return  # typing went on; a newer query is on its way
        self._shown_query = query
        results = self.query_one("#search-results", SearchResults)
        results.show(result.hits)
        errors = (filter_problems(self.index, query) or list(result.errors)) if result.errors else []
        if errors:
            self._status("\n".join(errors))
        elif not result.hits:
            self._status(NO_RESULTS)
        else:
            self._status(f"{len(result.hits)}{'+' if result.more else ''} 条结果")
        moves, enter = self._pending_moves, self._pending_enter
        self._pending_moves, self._pending_enter = 0, False
        if moves:
            self._move(moves)
        if enter:
            self._choose(results.current())

    def _failed(self, query: str, exc: Exception) -> None:
        if query != self.query_one("#search-input", Input).value:
            return
        self._shown_query = query
        self._pending_moves, self._pending_enter = 0, False
        self.query_one("#search-results", SearchResults).show([])
        self._status(f"搜索出错：{type(exc).__name__}: {exc}")

    def _status(self, message: str) -> None:
        self.query_one("#search-status", Static).update(safe_text(message, multiline=True))

    # -- keys ------------------------------------------------------------------------------
    def _waiting(self) -> bool:
        """True while the results on screen are not (yet) those of what is typed."""
        query = self.query_one("#search-input", Input).value
        return bool(query.strip()) and self._shown_query != query

    # ↑↓/Enter are priority bindings, handled as soon as they arrive: keys typed in one go (`yfjf⏎`)
    # may still be queued for the Input. So each acts from the Input's queue, behind those keys.
    def action_move(self, delta: int) -> None:
        self.query_one("#search-input", Input).call_later(self._move, delta)

    def action_choose(self) -> None:
        self.query_one("#search-input", Input).call_later(self._enter)

    def action_clear(self) -> None:
        box = self.query_one("#search-input", Input)
        box.call_later(box.clear)  # not the Input's own ctrl+u: that acts after the keys typed behind it

    def _move(self, delta: int) -> None:
        if self._waiting():
            self._pending_moves += delta
            return
        results = self.query_one("#search-results", SearchResults)
        if not results.hits:
            return
        i = results.highlighted or 0
        results.highlighted = max(0, min(len(results.hits) - 1, i + delta))

    def _enter(self) -> None:
        if self._waiting():
            self._pending_enter = True
            return
        self._choose(self.query_one("#search-results", SearchResults).current())

    def on_input_submitted(self, event: Input.Submitted) -> None:  # (Enter is the screen's binding)
        event.stop()
        self._enter()

    def on_search_results_chosen(self, event: SearchResults.Chosen) -> None:
        event.stop()
        results = self.query_one("#search-results", SearchResults)
        self._choose(results.hits[event.index] if 0 <= event.index < len(results.hits) else None)

    def _choose(self, hit) -> None:
        if hit is None:
            return
        self.dismiss(Jump(hit.unit.key, self.query_one("#search-input", Input).value.strip()))

    def action_close(self) -> None:
        self.dismiss(None)
