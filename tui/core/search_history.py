"""What the user searched for, kept across restarts (no UI imports).

Two things, in one small YAML file (`locations.search_history_file()`):

- the recent queries, oldest first: at most `MAX_QUERIES`, no empty ones, each once (searching for
  a query again moves it to the end);
- where each search list was left (`/` for everything, `z` for 专栏 only): its query and the cursor,
  so that `/` after a restart reopens on the same list with the cursor on the same result.

::

    # plans: recent searches (newest last) and where each search list was left
    queries:
    - 研发经费
    - yfjf
    last:
      all: {query: yfjf, cursor: 3}

The file is written like the bookmarks and the session (`tui.core.statefile`): under its lock,
after reading it again (so two sessions' queries both survive), atomically. A damaged file is
reported once in Chinese, set aside (``NAME.corrupt``) and replaced; one that cannot be read is
reported and left alone. Keys this version does not know are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core import locations
from tui.core.statefile import (
    StateFileError,
    dump_yaml,
    load_yaml_state,
    parse_yaml,
    update_state,
)

if TYPE_CHECKING:
    from tui.core.search import Hit

HEADER = "# plans: recent searches (newest last) and where each search list was left; delete to forget\n"
MAX_QUERIES = 100  # the oldest go first
MAX_LENGTH = 200  # characters of one query kept (the search box takes no more)
SCOPES = ("all", "columns")  # `/` and `z`


@dataclass
class LastSearch:
    """Where one search list was left: its query and the cursor (0 = the first result)."""

    query: str
    cursor: int = 0


@dataclass
class SearchHistory:
    queries: list[str] = field(default_factory=list)  # oldest first
    last: dict[str, LastSearch] = field(default_factory=dict)  # scope -> where it was left


def clean_query(query: str) -> str:
    """The query as it is kept: one line, trimmed, at most MAX_LENGTH characters ("" = not kept)."""
    return " ".join(query.split())[:MAX_LENGTH]


def remember(queries: list[str], query: str, limit: int = MAX_QUERIES) -> list[str]:
    """`queries` with `query` (cleaned) moved or added to the end, at most `limit` long."""
    query = clean_query(query)
    if not query:
        return list(queries)
    out = [q for q in queries if q != query]
    out.append(query)
    return out[-limit:]


def _check(raw: Any) -> SearchHistory:
    if not isinstance(raw, dict):
        raise ValueError("应为映射（queries: …）")
    queries = raw.get("queries") or []
    if not isinstance(queries, list):
        raise ValueError("queries：应为查询词列表")
    kept: list[str] = []
    for i, q in enumerate(queries, 1):
        if not isinstance(q, (str, int, float)) or isinstance(q, bool):
            raise ValueError(f"queries 第 {i} 项：应为查询词")
        kept = remember(kept, str(q))
    last: dict[str, LastSearch] = {}
    raw_last = raw.get("last") or {}
    if not isinstance(raw_last, dict):
        raise ValueError("last：应为映射（all: {query: …, cursor: …}）")
    for scope, value in raw_last.items():
        if not isinstance(value, dict) or not isinstance(value.get("query", ""), (str, int, float)):
            raise ValueError(f"last.{scope}：应为 {{query: …, cursor: …}}")
        cursor = value.get("cursor", 0)
        if not isinstance(cursor, int) or isinstance(cursor, bool):
            raise ValueError(f"last.{scope}.cursor：应为整数")
        query = clean_query(str(value.get("query", "")))
        if query:
            last[str(scope)] = LastSearch(query, max(0, cursor))
    return SearchHistory(kept, last)


def _data(history: SearchHistory) -> dict[str, Any]:
    return {"queries": list(history.queries),
            "last": {scope: {"query": s.query, "cursor": s.cursor} for scope, s in history.last.items()}}


def load_history(path: Path | None = None) -> tuple[SearchHistory, str | None]:
    """The saved history (empty when there is none) and a one-line Chinese problem, or None."""
    return load_yaml_state(path or locations.search_history_file(), _check, SearchHistory(), HEADER, to_data=_data)


def save_search(query: str, scope: str = "all", cursor: int | None = None, *, add: bool = True,
                path: Path | None = None) -> SearchHistory:
    """Record a search: `query` added to the recent queries (when `add`) and, when `cursor` is given,
    the list of `scope` left at `cursor`. Merged with what other sessions saved meanwhile; returns
    the history as saved. Raises StateFileError (a Chinese line) when it cannot be saved."""
    path = path or locations.search_history_file()
    saved: list[SearchHistory] = []

    def change(text: str | None) -> str:
        import yaml

        try:
            raw = parse_yaml(text) if text else None
        except yaml.YAMLError:  # a damaged file is simply replaced by this session's state
            raw = None
        merged: dict[str, Any] = dict(raw) if isinstance(raw, dict) else {}
        try:
            history = _check(merged) if merged else SearchHistory()
        except (ValueError, TypeError):
            history = SearchHistory()
        if add:
            history.queries = remember(history.queries, query)
        if cursor is not None:
            q = clean_query(query)
            if q:
                history.last[scope] = LastSearch(q, max(0, cursor))
        saved.append(history)
        merged.update(_data(history))
        return HEADER + dump_yaml(merged)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        update_state(path, change)
    except OSError as exc:  # the state directory itself cannot be made
        raise StateFileError(f"{path}：无法写入：{exc.strerror or exc}；这次的搜索记录未保存") from exc
    return saved[0]


# -- in one session --------------------------------------------------------------------------------
@dataclass
class ShownList:
    """A search list as it was left in this session: reopened as it was, without searching again."""

    query: str
    cursor: int
    hits: list[Hit]
    more: bool
    index: object  # the index that found them (a new index: search again)


@dataclass
class ResultWalk:
    """The result list `n`/`N` in the reader go on through: the hits' node keys in rank order and the
    one shown (`index`, 0-based)."""

    query: str
    keys: list[str]
    index: int
    more: bool = False
    scope: str = "all"

    @property
    def position(self) -> str:
        """“第 k / n 条”."""
        return f"第 {self.index + 1} / {len(self.keys)}{'+' if self.more else ''} 条"


class SearchMemory:
    """The main screen's memory of its searches: recent queries (loaded from the state file on first
    use), each search list as it was left, and the result list the reader walks."""

    def __init__(self, persist: bool = True, path: Path | None = None) -> None:
        self.persist = persist  # False: nothing is read or written (a test, a demo)
        self.path = path
        self.loaded = not persist
        self.queries: list[str] = []  # oldest first
        self.last: dict[str, LastSearch] = {}
        self.shown: dict[str, ShownList] = {}
        self.walk: ResultWalk | None = None

    def load(self) -> str | None:
        """Read the state file once; the one-line problem (a damaged file), or None."""
        if self.loaded:
            return None
        self.loaded = True
        history, problem = load_history(self.path)
        self.queries = history.queries + [q for q in self.queries if q not in history.queries]
        for scope, last in history.last.items():
            self.last.setdefault(scope, last)
        return problem

    def recent(self) -> list[str]:
        """The recent queries, newest first."""
        return self.queries[::-1]

    def reopen(self, scope: str, index: object) -> ShownList | LastSearch | None:
        """How the `scope` list was left: as shown in this session (when `index` is the one that found
        it), else its query and cursor (from an earlier session, or found by another index)."""
        shown = self.shown.get(scope)
        if shown is not None and shown.index is index and index is not None:
            return shown
        return self.last.get(scope)

    def leave(self, scope: str, query: str, cursor: int, hits: list[Hit], more: bool, index: object,
              *, add: bool) -> None:
        """The `scope` list is closed on `query` with the cursor at `cursor` (`add`: a query worth
        keeping in the history: a result was chosen, or results were read)."""
        q = clean_query(query)
        if not q:
            return
        self.shown[scope] = ShownList(query, cursor, list(hits), more, index)
        self.last[scope] = LastSearch(q, cursor)
        if add:
            self.queries = remember(self.queries, q)

    def choose(self, query: str, hits: list[Hit], index: int, more: bool, scope: str = "all") -> ResultWalk:
        self.walk = ResultWalk(query, [h.unit.key for h in hits], index, more, scope)
        return self.walk

    def walked(self, walk: ResultWalk) -> bool:
        """`n`/`N` moved the walk on: its list (if it is still the last one of its scope) reopens with
        the cursor on the result now shown. True when it is."""
        last = self.last.get(walk.scope)
        if last is None or last.query != clean_query(walk.query):
            return False
        last.cursor = walk.index
        shown = self.shown.get(walk.scope)
        if shown is not None and clean_query(shown.query) == last.query:
            shown.cursor = walk.index
        return True

    def save(self, query: str, scope: str, cursor: int, *, add: bool) -> None:
        """Write the search to the state file (call it off the UI thread). Raises StateFileError."""
        if not self.persist or not clean_query(query):
            return
        saved = save_search(query, scope, cursor, add=add, path=self.path)
        # other sessions' queries too; any of ours not yet written stay the newest
        self.queries = (saved.queries + [q for q in self.queries if q not in saved.queries])[-MAX_QUERIES:]
