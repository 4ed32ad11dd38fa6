"""The main screen's marks: `a` (bookmark here, or remove the bookmark), `B` (the bookmarks), `y` (copy
what is shown, with its source), the bookmarks file read off the first frame when it is big, and the
session (history and place) resumed at start and saved at exit. `MarkActions` is a mixin of
`MainScreen`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, overload

from textual import work
from textual.binding import Binding

from tui.core.bookmarks import Bookmarks
from tui.core.cite import copy_text
from tui.core.history import History, Place
from tui.core.model import Corpus, Node, Plan
from tui.core.outline import MatterGroup
from tui.core.statefile import StateFileError

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.core.search_history import ResultWalk, SearchMemory
    from tui.jump import Jump
    from tui.screens.kept import KeptScreens
    from widgets.reader import Reader

    _Base = Screen[object]
else:
    _Base = object


@overload
def key_of(target: Node | MatterGroup | Plan) -> str: ...
@overload
def key_of(target: None) -> None: ...
def key_of(target: Node | MatterGroup | Plan | None) -> str | None:
    if target is None:
        return None
    return target.id if isinstance(target, Plan) else target.key


class MarkActions(_Base):
    """Bookmarks, copy and the session for `MainScreen` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by MainScreen
        corpus: Corpus
        current: Node | MatterGroup | Plan | None
        focus_node: Node | None
        history: History
        bookmarks: Bookmarks
        search_query: str
        _search_memory: SearchMemory | None
        @property
        def search_memory(self) -> SearchMemory: ...
        def search_walk(self) -> ResultWalk | None: ...
        def _shown_for(self, target: Node | Plan) -> Node | MatterGroup | Plan: ...
        @property
        def reader(self) -> Reader: ...
        @property
        def kept(self) -> KeptScreens: ...
        def go_to(self, target: Node | Plan, *, query: str = "", record: bool = True) -> None: ...
        def jump(self, jump: Jump | None) -> None: ...
        def resolve_key(self, key: str) -> Node | Plan | None: ...
        def _crumbs(self, target: Node | MatterGroup | Plan | None) -> list[str]: ...
        def _saves(self) -> bool: ...
        def _report(self, problems: list[str]) -> None: ...

    def _bookmarked_here(self) -> bool:
        key = key_of(self._here())
        return key is not None and key in self.bookmarks

    def _bookmark_state_changed(self) -> None:
        """The footer says 删书签 on a bookmarked node, 加书签 elsewhere."""
        marked = self._bookmarked_here()
        if marked != getattr(self, "_marked", False):
            self._marked = marked
            self.refresh_bindings()

    def binding_description(self, binding: Binding) -> str:
        if binding.id == "main.bookmark" and getattr(self, "_marked", False):
            return "删书签"
        return binding.description

    # -- actions ----------------------------------------------------------------------------------
    def _here(self) -> Node | MatterGroup | Plan | None:
        return self.focus_node or self.current

    def action_bookmark(self) -> None:
        here = self._here()
        if here is None:
            self.notify("这里没有可加书签的内容", severity="warning", markup=False)
            return
        key = key_of(here)
        if key is None:
            return
        self.bookmarks.refresh()  # another session may have added or removed it
        try:
            label = " › ".join(self._crumbs(here))
            if key in self.bookmarks:
                self.bookmarks.remove(key)
                self._bookmark_state_changed()
                self.notify(f"已删除书签：{label}（再按 a 加回）", timeout=3, markup=False)
                return
            plan = here if isinstance(here, Plan) else here.plan
            self.bookmarks.add(key, label, plan.short if plan else "")
        except StateFileError as exc:
            self.notify(str(exc), title="书签未保存", severity="error", timeout=8, markup=False)
            return
        self._bookmark_state_changed()
        self.notify(f"已加书签：{label}（再按 a 删除）", timeout=3, markup=False)

    def action_bookmarks(self) -> None:
        from tui.screens.bookmarks import BookmarksScreen

        self.bookmarks.refresh()  # show what other sessions added or removed too
        self.kept.push("bookmarks", lambda: BookmarksScreen(self.bookmarks, self.corpus), self.jump,
                       bookmarks=self.bookmarks)

    def action_copy(self) -> None:
        here = self._here()
        if here is None:
            self.notify("没有可复制的内容", severity="warning", markup=False)
            return
        text = copy_text(None, here) if isinstance(here, Plan) else copy_text(here)
        self.app.copy_to_clipboard(text)
        where = "到浏览器剪贴板" if self.app.is_web else ""
        self.notify(f"已复制 {len(text)} 字（含出处）{where}", timeout=2, markup=False)

    # -- the reading place kept with the history ---------------------------------------------------
    _place_reader: Reader | None = None

    def _note_place(self) -> None:
        """Keep where the reader is on the history's current entry, as the user leaves it (`b`/`f`
        and the next start come back to this line, with this query highlighted)."""
        reader = self._place_reader
        if reader is None:  # (kept: at exit the screen's widgets are gone before it saves the session)
            reader = self._place_reader = self.reader
        here = self.focus_node or self.current
        if here is None or key_of(here) != self.history.current:
            return  # (the tree's cursor has moved on to a place not in the history)
        piece, into, lines = reader.reading_place()
        match = reader.match_index if self.search_query else -1
        self.history.note(Place(key_of(here), self.search_query, piece, into, lines, match))

    def _go_place(self) -> None:
        """Show the history's current entry where the reader was (`b`, `f`, the session resumed)."""
        place = self.history.place
        target = self.resolve_key(place.key) if place is not None else None
        if place is None or target is None:
            return
        walk = self._search_memory.walk if self._search_memory is not None else None
        if walk is not None and place.query and walk.query == place.query and place.key in walk.keys:
            walk.index = walk.keys.index(place.key)  # back on a result: "第 k / n 条" and `n` go on from it
        self.go_to(target, query=place.query, record=False)
        if place.piece >= 0 or place.match >= 0:
            self.reader.return_to(place.piece, place.into, place.lines, place.match)

    _walk_resumed_for = ""  # the query `resume_walk` last tried (once a query, found or not)

    def resume_walk(self) -> bool:
        """`n`/`N` past the shown node's last (first) match after a restart, the query still highlighted:
        the result list the last session walked (its query and cursor are kept in the search history
        file) found again, so the walk goes on to the next result's node as it did before the restart.
        Done on that key, not at start: it may have to load the search index. True when resumed."""
        query = self.search_query
        if not query or self._walk_resumed_for == query:
            return False
        self._walk_resumed_for = query
        from tui.core.search import cached_index, index_for
        from tui.core.search_history import ResultWalk, clean_query
        from tui.screens.search import LIMIT

        memory = self.search_memory
        problem = memory.load()
        if problem:
            self._report([problem])
        if memory.walk is not None and memory.walk.query == query:
            return True
        found: list[ResultWalk] = []  # `/`'s list first, then `z`'s (专栏 only)
        for scope in sorted(memory.last, key=lambda s: s != "all"):
            last = memory.last[scope]
            if last.query != clean_query(query):
                continue
            index = cached_index(self.corpus) or index_for(self.corpus)
            result = index.search(last.query, limit=LIMIT, kinds=None if scope == "all" else ("column", "entry"))
            if result.hits:
                keys = [h.unit.key for h in result.hits]
                found.append(ResultWalk(query, keys, min(last.cursor, len(keys) - 1), result.more, scope))
        for walk in found:
            here = [i for i, key in enumerate(walk.keys) if self._shown_in(key) is self.current]
            if here:  # the list holding the node shown, from it (its cursor may be on another result)
                walk.index = here[0]
                memory.walk = walk
                return True
        if found:
            memory.walk = found[0]
        return bool(found)

    def _shown_in(self, key: str) -> Node | MatterGroup | Plan | None:
        target = self.resolve_key(key)
        return None if target is None else self._shown_for(target)

    # -- the bookmarks file and the session -------------------------------------------------------
    @work(thread=True, exclusive=True, group="bookmarks")
    def _load_bookmarks(self) -> None:
        """A big bookmarks file is read off the first frame (`a` and `B` before it is done read the file
        themselves, under its lock, so nothing is missed)."""
        loaded = Bookmarks(self.bookmarks.path).load()
        self.app.call_from_thread(self._bookmarks_loaded, loaded)

    def _bookmarks_loaded(self, loaded: Bookmarks) -> None:
        self.bookmarks = loaded
        if loaded.problem:
            self._report([loaded.problem])

    def _resume(self, problems_seen: list[str]) -> bool:
        """Reopen where the last session left off, with its back/forward history. False: nothing to resume."""
        if not self._saves():
            return False
        from tui.core.session import load_session

        session, problem = load_session()
        if problem and problem not in problems_seen:
            self._report([problem])
        current = session.current
        if current is None or self.resolve_key(current) is None:
            return False
        # the saved position among the keys that still resolve (a key may be in the history twice)
        kept = [(i, k) for i, k in enumerate(session.history) if self.resolve_key(k) is not None]
        keys = [k for _, k in kept]
        places = [session.places[i] for i, _ in kept] if session.places else None
        self.history.restore(keys, [i for i, _ in kept].index(session.pos), places)
        self._go_place()
        return True

    def _save_session(self) -> None:
        """Remember the history and the current place for the next start."""
        if not self._saves() or not len(self.history):
            return
        from tui.core.session import Session, save_session

        self._note_place()
        try:
            save_session(Session(self.history.items(), self.history.pos, self.history.places()))
        except StateFileError as exc:
            self.log.warning(str(exc))
