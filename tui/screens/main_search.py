"""The main screen's search keys: `/` and `z` open the search screen (on the last query, its result
list and its cursor), and `n`/`N` step through the query's matches in the reader, then on to the
next/previous search result in another node.

`SearchActions` is a mixin of `MainScreen`: it keeps the searches' memory (`SearchMemory`: recent
queries, saved in the state directory; each list as it was left; the result list being walked) and
says where the walk is ("第 k / n 条") in the header beside the plan's title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.model import Corpus, Node, Plan
from tui.core.outline import MatterGroup, outline_node
from tui.core.safetext import visible
from tui.core.textwidth import cut
from tui.jump import Jump
from widgets.reader import Reader

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from tui.core.search_history import ResultWalk, SearchMemory
    from tui.screens.kept import KeptScreens

QUERY_CELLS = 16  # of the query shown in the header beside "第 k / n 条"


def _inside(node: Node, outer: object) -> bool:
    """`node` is a descendant of `outer` (a node or a plan)."""
    parent = node.parent
    while parent is not None:
        if parent is outer:
            return True
        parent = parent.parent
    return isinstance(outer, Plan) and node.plan is outer


class SearchActions:
    """Search keys for `MainScreen` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by MainScreen / Screen
        current: Node | MatterGroup | Plan | None
        search_query: str

        app: App[object]
        corpus: Corpus
        @property
        def reader(self) -> Reader: ...
        @property
        def kept(self) -> KeptScreens: ...
        def go_to(self, target: Node | Plan, *, query: str = "", record: bool = True) -> None: ...
        def jump(self, jump: Jump | None) -> None: ...
        def resolve_key(self, key: str) -> Node | Plan | None: ...
        def _saves(self) -> bool: ...
        def _report(self, problems: list[str]) -> None: ...
        def refresh_bindings(self) -> None: ...
        def resume_walk(self) -> bool: ...
        def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
                   timeout: float | None = None, markup: bool = True) -> None: ...

    _search_memory: SearchMemory | None = None

    @property
    def search_memory(self) -> SearchMemory:
        """Recent queries and the lists as they were left (the state file is read on first use)."""
        if self._search_memory is None:
            from tui.core.search_history import SearchMemory  # (not on the way to the first frame)

            self._search_memory = SearchMemory(persist=self._saves())
        return self._search_memory

    # -- opening the search screen -----------------------------------------------------------
    def action_search(self) -> None:
        self._open_search(None)

    def action_search_columns(self) -> None:
        self._open_search(("column", "entry"))

    def _open_search(self, kinds: tuple[str, ...] | None) -> None:
        from tui.screens.search import SearchScreen

        memory = self.search_memory
        problem = memory.load()
        if problem:
            self._report([problem])
        # kept between opens, one per scope (tui/screens/kept.py): a later `/` composes and lays out nothing
        name = "search-columns" if kinds else "search"
        self.kept.push(name, lambda: SearchScreen(self.corpus, kinds=kinds, memory=memory, follow=self.jump),
                       self._search_jumped, kinds=kinds, memory=memory, follow=self.jump)

    def _search_jumped(self, jump: Jump | None) -> None:
        """Back from the search screen: go where it says (the memory now holds the result list
        `n`/`N` walk)."""
        self.jump(jump)

    # -- n / N -------------------------------------------------------------------------------
    def search_walk(self) -> ResultWalk | None:
        """The result list `n`/`N` go on through, while its query is the one highlighted."""
        walk = self.search_memory.walk if self._search_memory is not None else None
        if walk is None or not walk.keys or not self.search_query or walk.query != self.search_query:
            return None
        return walk

    def _shown_for(self, target: Node | Plan) -> Node | MatterGroup | Plan:
        return target if isinstance(target, Plan) else outline_node(target)

    def search_title(self, title: str) -> str:
        """The header's subtitle: the plan's title, and where the walk is while its result is shown."""
        walk = self.search_walk()
        if walk is None or not 0 <= walk.index < len(walk.keys):
            return title
        target = self.resolve_key(walk.keys[walk.index])
        if target is None or self._shown_for(target) is not self.current:
            return title
        query = cut(visible(walk.query, multiline=False), QUERY_CELLS)
        return f"“{query}” {walk.position} · {title}"

    def _walk(self, step: int) -> bool:
        """Go to the next (step 1) or previous (-1) node holding results, on its first match (on
        the way back, its last): each node once, at the rank of its best result. False when every
        result is in this node."""
        walk = self.search_walk()
        if walk is None:
            return False
        count = len(walk.keys)
        shown: list[object] = []  # the node each result is shown in (None: no longer in the data)
        for key in walk.keys:
            target = self.resolve_key(key)
            shown.append(None if target is None else self._shown_for(target))
        firsts: set[int] = set()  # the best result of each node
        seen: set[int] = set()
        for i, node in enumerate(shown):
            if node is not None and id(node) not in seen:
                seen.add(id(node))
                firsts.add(i)
        j, wrapped = walk.index, False
        for _ in range(count):
            j += step
            if not 0 <= j < count:
                j %= count
                wrapped = True
            target = self.resolve_key(walk.keys[j])
            if target is None or j not in firsts or shown[j] is self.current:
                continue
            walk.index = j
            if self.search_memory.walked(walk):  # `/` reopens on it, after a restart too
                from tui.screens.search import save_in_background

                save_in_background(self.app, self.search_memory, walk.query, walk.scope, j, add=False)
            self.go_to(target, query=walk.query)
            # the other results' nodes inside this one (a 专栏 in its section) are walked on their own:
            # their matches are passed over here, so no match is stepped through twice
            here = shown[j]
            inner = tuple(node for i, node in enumerate(shown) if i in firsts and i != j
                          and isinstance(node, Node) and node is not here and _inside(node, here))
            self.reader.skip_matches_in(inner)
            self.reader.set_query(walk.query)  # its first match, not its result's own: the whole node is walked
            if step < 0:
                self.reader.next_match(-1)  # from its first match round to its last
            if wrapped:
                where = f"回到第 {j + 1} 条" if step > 0 else f"转到最后一条（第 {j + 1} 条）"
                self.notify(f"搜索结果{'到底了' if step > 0 else '到头了'}，{where}", timeout=3, markup=False)
            return True
        return False

    def action_next_match(self) -> None:
        reader = self.reader
        if reader.at_edge(1) and (self.search_walk() is not None or self.resume_walk()) and self._walk(1):
            return
        if not reader.next_match(1):
            self.notify("没有匹配（从搜索跳转时会高亮查询词）", timeout=2, markup=False)

    def action_prev_match(self) -> None:
        reader = self.reader
        if reader.at_edge(-1) and (self.search_walk() is not None or self.resume_walk()) and self._walk(-1):
            return
        if not reader.next_match(-1):
            self.notify("没有匹配", timeout=2, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "prev_match"):
            return bool(self.search_query)
        return True
