"""`/` (and `z`, 专栏 only): search everything as you type.

An Input at the top (Textual's own, so an IME's cursor stays where it should), the operator syntax
in one line under it, and the ranked results: plan · kind · breadcrumb, then a snippet with the
matched characters highlighted; the screen's keys in the footer. ↑/↓ move, Enter goes there
(dismisses with `Jump(node_key, query)`), escape closes (None). Enter or ↓ pressed before the
results of what was typed have arrived (keys typed in one go) are remembered and applied when they
come: Enter then goes to the first result, or says 无结果. The index is built (or loaded from the
cache) in a worker thread, and queries run in an exclusive thread worker, so typing never waits for
results; once they prove quick (under INLINE_UNDER, a fraction of a millisecond at five plans) they
run on the keystroke itself, so its results are drawn in the keystroke's own frame. A small index
(INLINE_UNITS) starts that way; one slow query (a new term's first masks, a busy machine) does not
send the next keystrokes to the thread, only the middle of the last three queries' times does.

With a `SearchMemory` (the main screen's), the screen opens on the query, the result list and the
cursor it was left with (text selected: typing replaces it), and while the box is empty it lists the
recent queries: ↑/↓ walk them, Enter searches again. A query is kept in the history when a result
is chosen, or when results were shown as the screen closed; that is written to the state file by
an app worker (off the key path).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import perf_counter

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.core.model import Corpus
from tui.core.safetext import safe_text
from tui.core.search import SEARCH_HINT, Hit, Result, SearchIndex, cached_index, index_for
from tui.core.search.display import SEARCH_HELP_ZH, filter_problems
from tui.core.search.query import MAX_QUERY
from tui.core.search_history import LastSearch, SearchMemory, ShownList
from tui.core.statefile import StateFileError
from tui.core.textwidth import pad
from tui.jump import Jump
from tui.screens.one_frame import OneFrame
from widgets.kept_edges import KeptEdges
from widgets.kept_styles import KeptStyles
from widgets.key_footer import KeyFooter
from widgets.screen_base import PlansScreen, is_open
from widgets.search_results import SearchResults
from widgets.text_input import TextInput

LIMIT = 100
INLINE_UNDER = 0.004  # s: a query quicker than this runs in the keystroke's turn, a slower one in a thread
INLINE_UNITS = 20_000  # an index this small (five plans: ~1,000 units) runs its first queries inline too
EMPTY_HINT = "边输入边搜索"
HISTORY_HINT = "最近的搜索：↑↓ 选择，Enter 再搜一次；或输入新的关键词"
NO_RESULTS = "无结果"
PICK = Binding.Group("选择", compact=True)  # ↑ ↓


class SearchBox(KeptEdges, TextInput):
    """The search box: its border rows are not drawn again for each keystroke (see KeptEdges)."""


def _help_text(rows: list[tuple[str, str]]) -> str:
    width = max(cell_len(example) for example, _ in rows) + 2
    return "\n".join(pad(example, width) + meaning for example, meaning in rows)


# for the help screen: the syntax, one row per operator
SEARCH_HELP = _help_text(SEARCH_HELP_ZH)


class SearchScreen(KeptStyles, OneFrame, PlansScreen[Jump | None]):
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

    def __init__(self, corpus: Corpus, kinds: tuple[str, ...] | list[str] | None = None, query: str = "",
                 memory: SearchMemory | None = None, follow: Callable[[Jump], None] | None = None) -> None:
        super().__init__()
        # `follow`: the screen below goes to a chosen result *before* this one closes, so the result is
        # drawn in the frame that uncovers it (else that frame shows the old place, and the next the
        # result); the screen then dismisses with None. Without it the Jump is the dismiss result.
        self.follow = follow
        self.corpus = corpus
        self.kinds = tuple(kinds) if kinds else None
        self.scope = "columns" if self.kinds and set(self.kinds) <= {"column", "entry"} else "all"
        self.index: SearchIndex | None = cached_index(corpus)
        self.memory = memory
        self._reopen = memory.reopen(self.scope, self.index) if memory is not None and not query else None
        self._initial = query or (self._reopen.query if self._reopen is not None else "")
        self._shown_query: str | None = None
        self._more = False  # the results shown are the first LIMIT of more
        self._pending_moves = 0  # ↓/↑ pressed before the current query's results came
        self._pending_enter = False  # Enter pressed before the current query's results came
        self._queries_listed = False  # the list shows recent queries, not results
        self._requested: str | None = None  # the last query run (or sent to the worker)
        self._inline = False  # queries have proved quick (in the worker): run them on the keystroke (see _run)
        self._took: list[float] = []  # the last queries' times (s), newest last
        self._status_shown = ""
        self._status_tall = False

    def compose(self) -> ComposeResult:
        title = "搜索专栏" if self.scope == "columns" else "搜索"
        yield Static(Text(title), id="search-title")
        yield SearchBox(value=self._initial[:MAX_QUERY], placeholder="输入关键词或拼音…  (yanfa / yfjf / 专栏 sys)",
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
        box = self.query_one("#search-input", Input)
        box.focus()
        # as the value changes, not a message later: a keystroke's results are drawn in its own frame
        self.watch(box, "value", self._typed, init=False)
        if is_open(self):  # (built ahead, off screen: `reopen` starts it when `/` shows it, with the index
            self._start(results)  # the warm-up has loaded meanwhile, not a second load of its own now)

    def reopen(self, kinds: tuple[str, ...] | list[str] | None = None, query: str = "",
               memory: SearchMemory | None = None, follow: Callable[[Jump], None] | None = None) -> None:
        """Kept between opens (tui/screens/kept.py; one screen per scope): as a new screen would open —
        on the query, results and cursor the memory has for this scope (text selected), or on `query`,
        or empty with the recent queries — without composing and laying out the screen again."""
        self.kinds = tuple(kinds) if kinds else None
        self.memory, self.follow = memory, follow
        if self.index is None:
            self.index = cached_index(self.corpus)
        self._reopen = memory.reopen(self.scope, self.index) if memory is not None and not query else None
        self._initial = query or (self._reopen.query if self._reopen is not None else "")
        self._shown_query, self._more, self._requested = None, False, None
        self._pending_moves, self._pending_enter = 0, False
        box = self.query_one("#search-input", Input)
        results = self.query_one("#search-results", SearchResults)
        with box.prevent(Input.Changed):
            self._quiet = True  # (the value watcher: the query is run below, once)
            try:
                box.value = self._initial[:MAX_QUERY]
            finally:
                self._quiet = False
        box.cursor_position = len(box.value)
        box.select_all()  # typing replaces it, as on a new screen (Input selects all as it gains focus)
        box.focus()
        # the cursor's blink starts again, as when a new box gains focus: kept while the screen was
        # away, the blink timer went on, and its next toggle (a frame) fell anywhere in the open's first
        # half-second, at once if it came due (Input has no public call for it)
        box._restart_blink()
        self._start(results)

    _quiet = False  # the box's value is being set by `reopen`: not a query typed

    def _start(self, results: SearchResults) -> None:
        """Show what the screen opens on: the list as it was left, or the query's results once run."""
        reopen = self._reopen
        if isinstance(reopen, ShownList) and reopen.query == self._initial:  # as it was left, at once
            self._shown_query, self._more = reopen.query, reopen.more
            results.show(reopen.hits, highlighted=reopen.cursor)
            self._status(self._count_line(len(reopen.hits), reopen.more) if reopen.hits else NO_RESULTS)
            return
        if isinstance(reopen, LastSearch) and reopen.query == self._initial:
            self._pending_moves = reopen.cursor  # the cursor where it was, once the results come
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
        if event.value != self._requested:  # (the value watcher has run it)
            self._typed(event.value)

    def _typed(self, query: str) -> None:
        if self._quiet:
            return
        if query == self._shown_query and query.strip():
            self._requested = query
            return  # its results are on screen (a reopened list, or typing came back to it)
        self._run(query)

    def _run(self, query: str) -> None:
        self._requested = query
        if self.index is None:
            return
        if not query.strip():
            if query != self.query_one("#search-input", Input).value:
                return  # a stale emptiness (ctrl+u, then more typed): keep what is pending for the rest
            self._shown_query = query
            recent = self.memory.recent() if self.memory is not None else []
            self.query_one("#search-results", SearchResults).show_queries(recent)
            self._status(HISTORY_HINT if recent else EMPTY_HINT)
            self._listing_queries(bool(recent))
            self._pending_moves, self._pending_enter = 0, False
            return
        if not self._took:  # no query timed yet: a small index is taken to be quick
            self._inline = len(self.index) <= INLINE_UNITS
        if self._inline and self.index is not None:
            # a quick engine (a fraction of a ms at five plans): no thread hand-over, the results join
            # the keystroke's frame; a slow query sends the next ones to the worker
            start = perf_counter()
            try:
                result = self.index.search(query, limit=LIMIT, kinds=self.kinds)
            except Exception as exc:  # an engine bug must not take the whole app down with it
                self._failed(query, exc)
                return
            self._timed(perf_counter() - start)
            self._show(query, result)
            return
        self._search(query)

    def _timed(self, took: float) -> None:
        """Run the next queries inline while the middle of the last three took under INLINE_UNDER."""
        self._took = [*self._took[-2:], took]
        self._inline = sorted(self._took)[(len(self._took) - 1) // 2] < INLINE_UNDER

    @work(thread=True, exclusive=True, group="search-query")
    def _search(self, query: str) -> None:
        index = self.index
        if index is None:
            return
        try:
            start = perf_counter()
            result = index.search(query, limit=LIMIT, kinds=self.kinds)
            self._timed(perf_counter() - start)
            for hit in result.hits[:30]:  # work out the visible rows' highlights off the UI thread
                _ = hit.spans
        except Exception as exc:  # an engine bug must not take the whole app down with it
            self._hand_over(self._failed, query, exc)
            return
        self._hand_over(self._show, query, result)

    def _show(self, query: str, result: Result) -> None:
        if query != self.query_one("#search-input", Input).value:
            return  # typing went on; a newer query is on its way
        self._shown_query, self._more = query, result.more
        results = self.query_one("#search-results", SearchResults)
        results.show(result.hits)
        self._listing_queries(False)
        errors = (filter_problems(self.index, query) or list(result.errors)) if result.errors else []
        if errors:
            self._status("\n".join(errors))
        elif not result.hits:
            self._status(NO_RESULTS)
        else:
            self._status(self._count_line(len(result.hits), result.more))
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
        self._listing_queries(False)
        self._status(f"搜索出错：{type(exc).__name__}: {exc}")

    def _listing_queries(self, listing: bool) -> None:
        """The list shows recent queries (Enter searches one again) or results (Enter goes there)."""
        if listing != self._queries_listed:
            self._queries_listed = listing
            self.refresh_bindings()

    def binding_description(self, binding: Binding) -> str:
        """The footer's word for a key at the moment (see `KeyFooter`)."""
        if binding.id == "search.choose" and self._queries_listed:
            return "再搜"
        return binding.description

    @staticmethod
    def _count_line(count: int, more: bool) -> str:
        return f"{count}{'+' if more else ''} 条结果"

    def _status(self, message: str) -> None:
        if message == self._status_shown:
            return  # ("100+ 条结果" for keystroke after keystroke)
        status = self.query_one("#search-status", Static)
        tall = "\n" in message or cell_len(message) > status.content_region.width
        # a one-line status replacing a one-line status: the same size, no screen layout
        status.update(safe_text(message, multiline=True), layout=tall or self._status_tall or not self._status_shown)
        self._status_shown, self._status_tall = message, tall

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
        if not results.count:
            return
        i = results.highlighted or 0
        results.highlighted = max(0, min(results.count - 1, i + delta))

    def _enter(self) -> None:
        if self._waiting():
            self._pending_enter = True
            return
        results = self.query_one("#search-results", SearchResults)
        if results.queries:
            self._recall(results.current_query())
            return
        self._choose(results.current())

    def on_input_submitted(self, event: Input.Submitted) -> None:  # (Enter is the screen's binding)
        event.stop()
        self._enter()

    def on_search_results_chosen(self, event: SearchResults.Chosen) -> None:
        event.stop()
        results = self.query_one("#search-results", SearchResults)
        if results.queries:
            self._recall(results.current_query())
            return
        self._choose(results.hits[event.index] if 0 <= event.index < len(results.hits) else None)

    def _recall(self, query: str | None) -> None:
        """A recent query into the box (its text, the cursor at the end): searched as if typed."""
        if query is None:
            return
        box = self.query_one("#search-input", Input)
        box.value = query[:MAX_QUERY]
        box.cursor_position = len(box.value)

    def _choose(self, hit: Hit | None) -> None:
        if hit is None:
            return
        query = self.query_one("#search-input", Input).value.strip()
        results = self.query_one("#search-results", SearchResults)
        if self.memory is not None and hit in results.hits:
            self.memory.choose(query, results.hits, results.hits.index(hit), self._more, self.scope)
        self._remember(add=True)
        jump = Jump(hit.unit.key, query)
        if self.follow is not None and self.is_active:
            resume = _collect_after_frame()
            self.follow(jump)
            self.dismiss(None)
            self.app.screen.call_after_refresh(resume)  # (the screen under this one, now on top)
        else:
            self.dismiss(jump)

    def action_close(self) -> None:
        self._remember(add=bool(self.query_one("#search-results", SearchResults).hits))
        self.dismiss(None)

    def _remember(self, *, add: bool) -> None:
        """Keep the list as it is left (query, cursor) for the next `/`, and the query in the history
        when `add`; written to the state file off the key path."""
        memory = self.memory
        if memory is None or not self.is_mounted:
            return
        query = self.query_one("#search-input", Input).value
        results = self.query_one("#search-results", SearchResults)
        if not query.strip() or self._shown_query != query:
            return  # nothing searched, or its results never came: nothing to reopen
        cursor = results.highlighted or 0
        memory.leave(self.scope, query, cursor, results.hits, self._more, self.index, add=add)
        save_in_background(self.app, memory, query, self.scope, cursor, add=add)


GC_HELD_AT_MOST = 0.25  # s: collection resumes after this even if the frame's callback never ran


def _collect_after_frame() -> Callable[[], None]:
    """Hold garbage collection until the frame that shows the result is written; returns the call that
    resumes it (idempotent; also made by a timer, at most GC_HELD_AT_MOST s later). Enter on a result
    redraws the whole main screen (the search screen covered it): ~1,000 new strips, each with its own
    caches, are over the collector's young threshold, so one or two collections (2–10 ms) came in the
    middle of the frame. The app collects the young generation in the pause after a key anyway
    (PlansApp._young_gc_soon): this only keeps that collection out of the key's frame. Nothing when
    collection is off already (before the first frame, or paused by someone else)."""
    import gc

    if not gc.isenabled():
        return lambda: None
    gc.disable()
    held = [True]

    def resume() -> None:
        if held[0]:
            held[0] = False
            gc.enable()

    # (a thread's timer, not the app's: it fires even if the app closes before that frame, e.g. in a test)
    fallback = threading.Timer(GC_HELD_AT_MOST, resume)
    fallback.daemon = True
    fallback.start()
    return resume


def save_in_background(app: App[object], memory: SearchMemory, query: str, scope: str, cursor: int, *,
                       add: bool) -> None:
    """Write a search to the history file in an app worker (the screen may close meanwhile); a
    failure is a notification."""
    if not memory.persist:
        return

    def save() -> None:
        try:
            memory.save(query, scope, cursor, add=add)
        except StateFileError as exc:
            app.call_from_thread(app.notify, str(exc), title="搜索记录未保存", severity="error", timeout=8,
                                 markup=False)

    app.run_worker(save, thread=True, group="search-history", exit_on_error=False)
