"""The main screen's search keys: `/` and `z` open the search screen (on the last query, its result
list and its cursor), and `n`/`N` step through the query's matches in the reader, then on to the
next/previous search result in another node.

`SearchActions` is a mixin of `MainScreen`: it keeps the searches' memory (`SearchMemory`: recent
queries, saved in the state directory; each list as it was left; the result list being walked) and
says where the walk is ("第 k / n 条") in the header beside the plan's title.
"""

from __future__ import annotations

from collections.abc import Generator
from time import monotonic, perf_counter
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
    from textual.timer import Timer

    from tui.core.search_history import ResultWalk, SearchMemory
    from tui.screens.kept import KeptScreens
    from widgets.column_detail import ColumnDetail
    from widgets.plan_tree import PlanTree

QUERY_CELLS = 16  # of the query shown in the header beside "第 k / n 条"
LANDING_QUIET = 0.3  # s without a key before the result under the search list's cursor is prepared
WALK_AFTER = 0.03  # s after a search landing's frame (and after the last key) before the next `n` is prepared
STEPS_A_TURN = 0.004  # s of preparing steps a turn of the event loop …
STEP_GAP = 0.002  # … and s between two turns


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
        def detail(self) -> ColumnDetail: ...
        @property
        def plan_tree(self) -> PlanTree: ...
        @property
        def kept(self) -> KeptScreens: ...
        @staticmethod
        def _detail_column(target: Node | MatterGroup | Plan | None) -> Node | None: ...
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
        screen = self.kept.push(name, lambda: SearchScreen(self.corpus, kinds=kinds, memory=memory, follow=self.jump),
                                self._search_jumped, kinds=kinds, memory=memory, follow=self.jump)
        self._watch_landing(screen)

    def _search_jumped(self, jump: Jump | None) -> None:
        """Back from the search screen: go where it says (the memory now holds the result list
        `n`/`N` walk)."""
        self._stop_landing()
        self._drop_steps()  # (what is left of the result's preparation: Enter has shown it)
        self.jump(jump)
        self._walk_landed()  # (Enter on a result: the main screen followed it before this callback)

    # -- landings prepared ahead ---------------------------------------------------------------
    # While the search list is up, the result under its cursor is prepared once the typing stops (the
    # reader's document for its node with the query's matches numbered, the lines of its first screen
    # with that match current, the 专栏 pane's lines, the tree's rows on the way to it): Enter then
    # shows what is ready. After a search landing's frame the next `n`'s node is prepared the same way.
    _landing_timer: Timer | None = None
    _landing_screen: object = None
    _landing_prepared: tuple[str, str] = ("", "")  # (node key, query) last prepared for Enter
    _walk_serial = 0  # search landings made: a frame's callback for an earlier one does nothing
    _walk_timer: Timer | None = None
    prepared_landings = 0  # (tests) results prepared (all their steps) while the search list was up
    prepared_walk = 0  # (tests) the last search landing whose next `n` was prepared (all its steps)

    def _watch_landing(self, screen: object) -> None:
        self._landing_screen = screen
        self._landing_prepared = ("", "")
        if self._landing_timer is None:
            # (the reader's timers: the main screen's own, typed)
            self._landing_timer = self.reader.set_timer(LANDING_QUIET, self._prepare_landing)

    def _stop_landing(self) -> None:
        if self._landing_timer is not None:
            self._landing_timer.stop()
            self._landing_timer = None
        self._landing_screen = None

    def _prepare_landing(self) -> None:
        from textual.widgets import Input

        from widgets.search_results import SearchResults

        self._landing_timer = None
        screen = self._landing_screen
        app = self.app
        if screen is None or screen not in app.screen_stack or not self.reader.is_attached:
            self._stop_landing()  # (closed without its callback: the app is closing)
            return
        # looked at again once no key has come for LANDING_QUIET s (while keys come, once per pause, not
        # on a fixed tick): the cursor may move on, or the query change
        last_key = max(getattr(self, "_last_key", 0.0), getattr(app, "_last_key", 0.0))  # (PlansApp notes every key)
        wait = LANDING_QUIET - (monotonic() - last_key)
        self._landing_timer = self.reader.set_timer(wait if wait > 0 else LANDING_QUIET, self._prepare_landing)
        if app.screen is not screen or wait > 0:
            return
        results = next(iter(app.screen.query("#search-results").results(SearchResults)), None)
        box = next(iter(app.screen.query("#search-input").results(Input)), None)
        hit = results.current() if results is not None and not results.queries else None
        if hit is None or box is None:
            return
        query = box.value.strip()
        if (hit.unit.key, query) == self._landing_prepared:
            return
        self._landing_prepared = (hit.unit.key, query)
        target = self.resolve_key(hit.unit.key)
        if target is not None:
            self._prepare_in_steps(self._target_steps(target, query), LANDING_QUIET, landing=True)

    def _target_steps(self, target: Node | Plan, query: str, walk: tuple[Node, ...] | None = None,
                      last: bool = False) -> Generator[None, None, None]:
        """What `go_to(target, query=query)` shows, prepared (see above), in steps of a few ms."""
        shown = self._shown_for(target)
        focus = target if isinstance(target, Node) and target is not shown else None
        yield from self.reader.prepare_steps(shown, focus=focus, query=query, walk=walk, last=last)
        self.detail.prepare(self._detail_column(focus or shown))  # what `_show` will give it
        yield
        yield from self.plan_tree.prepare_reveal_steps(shown)

    # the steps under way: each after `quiet` s without a key, a few a turn of the event loop (a key that
    # comes meanwhile waits for one step at most: a piece drawn, a few tree rows)
    _steps: Generator[None, None, None] | None = None
    _steps_timer: Timer | None = None
    _steps_quiet = 0.0
    _steps_landing = False  # the steps prepare the search list's result (else the next `n`'s …
    _steps_walk = 0  # … after this search landing)

    def _prepare_in_steps(self, steps: Generator[None, None, None], quiet: float, *, landing: bool = False,
                          walk: int = 0) -> None:
        self._drop_steps()
        self._steps, self._steps_quiet, self._steps_landing, self._steps_walk = steps, quiet, landing, walk
        self._next_steps()

    def _drop_steps(self) -> None:
        if self._steps_timer is not None:
            self._steps_timer.stop()
            self._steps_timer = None
        if self._steps is not None:
            self._steps.close()
            self._steps = None

    def _next_steps(self) -> None:
        self._steps_timer = None
        steps = self._steps
        if steps is None or not self.reader.is_attached:
            return
        last_key = max(getattr(self, "_last_key", 0.0), getattr(self.app, "_last_key", 0.0))  # (the app notes every key)
        wait = self._steps_quiet - (monotonic() - last_key)
        if wait > 0:  # keys are coming: after them
            self._steps_timer = self.reader.set_timer(wait, self._next_steps)
            return
        end = perf_counter() + STEPS_A_TURN
        try:
            while perf_counter() < end:
                next(steps)
        except StopIteration:
            self._steps = None
            if self._steps_landing:
                self.prepared_landings += 1
            else:
                self.prepared_walk = self._steps_walk
            return
        self._steps_timer = self.reader.set_timer(STEP_GAP, self._next_steps)

    def _walk_landed(self) -> None:
        """A search landing (Enter on a result, `n`/`N`): once its frame is drawn, prepare the next `n`."""
        self._drop_steps()
        self._walk_serial += 1
        if self._walk_timer is not None:
            self._walk_timer.stop()
            self._walk_timer = None
        if self.search_walk() is not None:
            self.reader.call_after_refresh(self._after_walk_frame, self._walk_serial)

    def _after_walk_frame(self, serial: int) -> None:
        if serial == self._walk_serial and self.reader.is_attached:
            self._walk_timer = self.reader.set_timer(WALK_AFTER, lambda: self._prepare_walk(serial))

    def _prepare_walk(self, serial: int) -> None:
        self._walk_timer = None
        if serial != self._walk_serial or not self.reader.is_attached:
            return
        since_key = monotonic() - getattr(self.app, "_last_key", 0.0)  # PlansApp notes every key's time
        if since_key < WALK_AFTER:  # keys are coming: after them
            self._walk_timer = self.reader.set_timer(WALK_AFTER - since_key, lambda: self._prepare_walk(serial))
            return
        walk = self.search_walk()
        step = self._walk_next(walk, 1) if walk is not None else None
        if walk is None or step is None:
            self.prepared_walk = serial
            return
        _, target, inner, _ = step
        self._prepare_in_steps(self._target_steps(target, walk.query, walk=inner), WALK_AFTER, walk=serial)

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

    def _walk_next(self, walk: ResultWalk, step: int) -> tuple[int, Node | Plan, tuple[Node, ...], bool] | None:
        """The next (step 1) or previous (-1) node holding results, each node once, at the rank of
        its best result: (its result's number, the result, the other results' nodes inside it, whether
        the walk went round the end). None when every result is in this node."""
        count = len(walk.keys)
        shown = self._walk_shown(walk)
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
            if j not in firsts or shown[j] is None or shown[j] is self.current:
                continue
            target = self.resolve_key(walk.keys[j])
            if target is None:
                continue
            # the other results' nodes inside this one (a 专栏 in its section) are walked on their own:
            # their matches are passed over here, so no match is stepped through twice
            here = shown[j]
            inner = tuple(node for i, node in enumerate(shown) if i in firsts and i != j
                          and isinstance(node, Node) and node is not here and _inside(node, here))
            return j, target, inner, wrapped
        return None

    _shown_walked: tuple[object, list[str], list[object]] | None = None  # (corpus, keys, their nodes)

    def _walk_shown(self, walk: ResultWalk) -> list[object]:
        """The node each result of the walk is shown in (None: no longer in the data), worked out once a
        walk (resolving a key looks through the plans: 100 keys at a hundred plans took ~15 ms a step)."""
        known = self._shown_walked
        if known is not None and known[0] is self.corpus and known[1] == walk.keys:
            return known[2]
        shown: list[object] = []
        for key in walk.keys:
            target = self.resolve_key(key)
            shown.append(None if target is None else self._shown_for(target))
        self._shown_walked = (self.corpus, list(walk.keys), shown)
        return shown

    def _walk(self, step: int) -> bool:
        """Go to the next (step 1) or previous (-1) node holding results, on its first match (on
        the way back, its last): each node once, at the rank of its best result. False when every
        result is in this node."""
        walk = self.search_walk()
        found = self._walk_next(walk, step) if walk is not None else None
        if walk is None or found is None:
            return False
        j, target, inner, wrapped = found
        walk.index = j
        if self.search_memory.walked(walk):  # `/` reopens on it, after a restart too
            from tui.screens.search import save_in_background

            save_in_background(self.app, self.search_memory, walk.query, walk.scope, j, add=False)
        self.go_to(target, query=walk.query)
        self.reader.skip_matches_in(inner)
        self.reader.set_query(walk.query)  # its first match, not its result's own: the whole node is walked
        if step < 0:
            self.reader.next_match(-1)  # from its first match round to its last
        if wrapped:
            where = f"回到第 {j + 1} 条" if step > 0 else f"转到最后一条（第 {j + 1} 条）"
            self.notify(f"搜索结果{'到底了' if step > 0 else '到头了'}，{where}", timeout=3, markup=False)
        return True

    def action_next_match(self) -> None:
        reader = self.reader
        if reader.at_edge(1) and (self.search_walk() is not None or self.resume_walk()) and self._walk(1):
            self._walk_landed()
            return
        if not reader.next_match(1):
            self.notify("没有匹配（从搜索跳转时会高亮查询词）", timeout=2, markup=False)
            return
        self._walk_landed()  # (the view moved: where the next node opens may depend on it)

    def action_prev_match(self) -> None:
        reader = self.reader
        if reader.at_edge(-1) and (self.search_walk() is not None or self.resume_walk()) and self._walk(-1):
            self._walk_landed()
            return
        if not reader.next_match(-1):
            self.notify("没有匹配", timeout=2, markup=False)
            return
        self._walk_landed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "prev_match"):
            return bool(self.search_query)
        return True
