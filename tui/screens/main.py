"""The main screen: plan tree on the left, reader in the centre, 专栏 detail on the right.

MainScreen owns the browsing state: the corpus, what is shown (`current`, `focus_node`), the
back/forward history and the bookmarks. Other screens are imported only when their key is pressed
and hand back a `Jump`, which `go_to` follows (reveal in the tree, show in the reader, scroll,
highlight the query). Its keys and tasks are mixins beside it, one module each: the search keys
(`/`, `z`, `n`/`N`) in `main_search`, the moving keys (`]`/`[`, `}`/`{`, `b`/`f`) in `main_moves`,
bookmarks, copy and the session in `main_marks`, the pane, theme and key-list actions in
`main_panes`, the warm-up after the first frame in `main_warm`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.app import PlansApp
from tui.core.bookmarks import Bookmarks
from tui.core.history import History
from tui.core.model import Corpus, Node, Plan
from tui.core.outline import MatterGroup, matter_group, outline_node
from tui.core.safetext import visible
from tui.jump import Jump
from tui.screens.main_marks import MarkActions, key_of
from tui.screens.main_moves import MoveActions
from tui.screens.main_panes import PaneActions
from tui.screens.main_search import SearchActions
from tui.screens.main_warm import WARM_UP_AFTER, WarmUp
from tui.screens.one_frame import OneFrame
from tui.screens.registry import SCREENS
from widgets.breadcrumb import Breadcrumb
from widgets.column_detail import ColumnDetail, enclosing_column
from widgets.kept_styles import KeptStyles
from widgets.key_footer import KeyFooter
from widgets.plan_header import PlanHeader
from widgets.plan_tree import Item, PlanTree
from widgets.reader import Reader

if TYPE_CHECKING:
    from tui.screens.kept import KeptScreens  # (imported when first used: the warm-up uses it ahead)

BOOKMARKS_INLINE = 1 << 20  # a bookmarks file up to this size (~7,000) is read before the first frame
NARROW = 110  # below this width the 专栏 pane leaves the side of the reader
TINY = 60

# group descriptions are short: the footer has two lines at 80 columns for every key (the help says more)
SECTION = Binding.Group("节", compact=True)  # [ ]
COLUMN = Binding.Group("专栏", compact=True)  # { }
MATCH = Binding.Group("匹配", compact=True)  # N n
HISTORY = Binding.Group("后退/前进", compact=True)

__all__ = ["MainScreen", "key_of"]


class MainScreen(SearchActions, MoveActions, MarkActions, PaneActions, WarmUp, KeptStyles, OneFrame, Screen):
    """Tree, reader and 专栏 pane, with history and bookmarks."""

    AUTO_FOCUS = "#tree"

    # the header's sub-title (the plan's title): Screen's repaints the whole screen when it changes, a
    # second frame after the key's own (every move onto another plan); PlanHeader redraws its line itself
    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)

    BINDINGS = [
        Binding("question_mark", "help", "帮助", id="main.help"),
        Binding("slash", "search", "搜索", id="main.search"),
        Binding("z", "search_columns", "搜专栏", id="main.search_columns"),
        Binding("c", "columns", "专栏表", id="main.columns"),
        Binding("t", "tables", "指标", id="main.tables"),
        Binding("i", "info", "信息", id="main.info"),
        Binding("m", "compare", "对比", id="main.compare"),
        Binding("left_square_bracket", "prev_section", "上一节", id="main.prev_section", group=SECTION),
        Binding("right_square_bracket", "next_section", "下一节", id="main.next_section", group=SECTION),
        Binding("left_curly_bracket", "prev_column", "上一专栏", id="main.prev_column", group=COLUMN),
        Binding("right_curly_bracket", "next_column", "下一专栏", id="main.next_column", group=COLUMN),
        # n/N only while a query is highlighted (check_action): the footer has no room for keys that do nothing
        Binding("N", "prev_match", "上一匹配", id="main.prev_match", group=MATCH),
        Binding("n", "next_match", "下一匹配", id="main.next_match", group=MATCH),
        Binding("b,alt+left", "back", "后退", id="main.back", group=HISTORY),
        Binding("f,alt+right", "forward", "前进", id="main.forward", group=HISTORY),
        Binding("a", "bookmark", "加书签", id="main.bookmark"),
        Binding("B", "bookmarks", "书签", id="main.bookmarks"),
        Binding("y", "copy", "复制", id="main.copy"),
        Binding("d", "toggle_detail", "专栏栏", id="main.detail"),
        Binding("w", "toggle_tree", "目录", id="main.tree"),
        Binding("less_than_sign", "tree_width(-4)", "目录变窄", show=False, id="main.tree_narrower"),
        Binding("greater_than_sign", "tree_width(4)", "目录变宽", show=False, id="main.tree_wider"),
        Binding("ctrl+t", "cycle_theme", "主题", id="main.theme"),
        Binding("escape", "focus_tree", "回目录", show=False, id="main.focus_tree"),
        Binding("q", "app.quit", "退出", id="main.quit"),
    ]

    def __init__(self, corpus: Corpus, *, start_key: str | None = None, start_query: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.history = History()
        self.bookmarks = Bookmarks()
        self.current: Node | MatterGroup | Plan | None = None  # what the reader shows (a plan or an outline node)
        self.focus_node: Node | None = None  # the exact node jumped to (inside current)
        self.search_query = ""
        self.start_key = start_key
        self.start_query = start_query
        self._landed: TreeNode[Item] | None = None  # the tree node whose content was last shown for the cursor
        self._kept: KeptScreens | None = None

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield PlanHeader(icon="≡")
        with Horizontal(id="body"):
            yield PlanTree(self.corpus, id="tree")
            with Vertical(id="main-pane"):
                yield Breadcrumb(id="crumb")
                with Horizontal(id="content"):
                    yield Reader(id="reader")
                    yield ColumnDetail(id="detail")
        yield KeyFooter()

    @property
    def plan_tree(self) -> PlanTree:
        return self.query_one(PlanTree)

    @property
    def plans_app(self) -> PlansApp:
        """The app, typed: the main screen runs only inside PlansApp."""
        app = self.app
        assert isinstance(app, PlansApp)
        return app

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def detail(self) -> ColumnDetail:
        return self.query_one(ColumnDetail)

    def on_mount(self) -> None:
        app = self.plans_app
        self.plan_tree.on_cursor = self._cursor_landed
        self.set_class(not getattr(app, "config", None) or not app.config.detail, "-no-detail")
        problems = list(getattr(app, "problems", []))
        if self.bookmarks.size() <= BOOKMARKS_INLINE:
            self.bookmarks.load()
            if self.bookmarks.problem:
                problems.append(self.bookmarks.problem)
        else:
            self._load_bookmarks()
        self._report(problems)
        self._layout_for(self.size.width)
        width = getattr(getattr(app, "config", None), "tree_width", 0)
        if width:
            self._set_tree_width(width)
        start = self.resolve_key(self.start_key) if self.start_key else None
        if start is not None:
            self.go_to(start, query=self.start_query)
        elif not self.start_key and self._resume(problems_seen=problems):
            pass
        else:
            first = self.corpus.plans[0] if self.corpus.plans else None
            if first is not None:
                self.go_to(first)
        # once the first screen is painted: counted from the first frame written, not from now (on a busy
        # machine the first frame can take longer than WARM_UP_AFTER, and loading the index beside it
        # would hold it up)
        self.call_after_refresh(self.set_timer, WARM_UP_AFTER, self._warm_up)
        self.mark_styled()  # its widgets were styled as they mounted: its first resume need not restyle them

    def on_key(self, event: Key) -> None:
        self._last_key = time.monotonic()  # (not stopped: only noted, for `_give_way`)

    def _report(self, problems: list[str]) -> None:
        report = getattr(self.app, "report_problems", None)
        if report is not None:
            report(problems)
        else:
            for problem in problems:
                self.notify(problem, title="设置", severity="warning", timeout=8, markup=False)

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width)

    def _saves(self) -> bool:
        return bool(getattr(self.app, "save_settings", False))

    def on_unmount(self) -> None:
        """Remember the history and the current place for the next start."""
        self._save_session()

    def on_screen_resume(self) -> None:
        self._bookmark_state_changed()  # the bookmarks screen may have deleted this one

    def _layout_for(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < TINY, "-tiny")

    # -- resolving and showing ----------------------------------------------------------
    def resolve_key(self, key: str) -> Node | Plan | None:
        if "/" in key:
            return self.corpus.node(key)
        return next((p for p in self.corpus.plans if p.id == key), None)

    def _show(self, target: Node | MatterGroup | Plan | None, *, focus: Node | None = None, query: str = "",
              record: bool = False) -> None:
        """Show target in the reader, breadcrumb and detail pane (the tree is left alone)."""
        self._note_place()  # (where the reader was on the place being left, for `b`)
        self.current = target
        self.focus_node = focus
        if query != self.search_query:
            self.search_query = query
            self.refresh_bindings()  # n/N appear in the footer while a query is highlighted
        self.reader.show(target, query=query, focus=focus)
        self.query_one(Breadcrumb).set_parts(self._crumbs(focus or target))
        self.detail.show(self._detail_column(focus or target))
        plan = target if isinstance(target, Plan) else (target.plan if target is not None else None)
        # the header: the plan, and "第 k / n 条" while a search result is shown
        self.sub_title = self.search_title(visible(plan.title, multiline=False) if plan is not None else "")
        if record and target is not None:
            self.history.visit(key_of(focus or target), query)
        self._bookmark_state_changed()

    def _crumbs(self, target: Node | MatterGroup | Plan | None) -> list[str]:
        if target is None:
            return []
        if isinstance(target, Plan):
            meta = target.meta
            parts = [meta.province, meta.parent_region if meta.level == "district" else "", target.title]
            return [p for p in parts if p]
        if isinstance(target, Node) and target.kind in ("front", "back"):  # a line of 印发通知 / 抄送
            group = matter_group(target)
            if group is not None:
                return group.breadcrumb()
        return target.breadcrumb()

    @staticmethod
    def _detail_column(target: Node | MatterGroup | Plan | None) -> Node | None:
        if isinstance(target, Node):
            column = enclosing_column(target)
            if column is not None:
                return column
            return next((n for n in target.walk() if n.kind == "column"), None)
        return None

    def go_to(self, target: Node | Plan, *, query: str = "", record: bool = True) -> None:
        """Reveal target in the tree and show it (its outline node in the reader, scrolled to it)."""
        if isinstance(target, Plan):
            shown: Node | MatterGroup | Plan = target
            focus = None
        else:
            shown = outline_node(target)
            focus = target if target is not shown else None
        self._show(shown, focus=focus, query=query, record=record)
        self.plan_tree.reveal(shown)

    def jump(self, jump: Jump | None) -> None:
        """Follow a Jump returned by a pushed screen (None: the user went back without picking)."""
        if jump is None:
            return
        target = self.resolve_key(jump.node_key)
        if target is None:
            self.notify(f"这份数据里没有节点 {jump.node_key}", severity="error", markup=False)
            return
        self.go_to(target, query=jump.query)

    def action_jump_key(self, node_key: str, query: str = "") -> None:
        """Go to a node by key (used by the command palette provider)."""
        self.jump(Jump(node_key, query))

    # -- tree events --------------------------------------------------------------------------
    def _target_of(self, item: Item | None) -> Node | MatterGroup | Plan | None:
        if item is None:
            return None
        if item.kind == "plan":
            return item.plan
        if item.kind == "node":
            return item.node
        return None

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self, event: Tree.NodeHighlighted[Item]) -> None:
        if event.node is not self.plan_tree.cursor_node:
            return  # a stale message: the cursor has moved on (e.g. a jump at start-up)
        self._cursor_landed(event.node)

    def _cursor_landed(self, node: TreeNode[Item]) -> None:
        """Show what the tree's cursor is on: called by the tree as the cursor moves (so it is drawn in
        the cursor's frame), and again by NodeHighlighted (then it has been shown: nothing to do)."""
        if node is self._landed:
            return
        self._landed = node
        item = node.data
        target = self._target_of(item)
        if target is None:
            if item is not None and item.kind == "region":
                self._show_region(item)
            return
        if target is self.current:
            return
        self._show(target)

    def _show_region(self, item: Item) -> None:
        region = item.region
        if region is None:
            return
        plans = [p for r in region.walk() for p in r.plans]
        self.current = None
        self.focus_node = None
        self.reader.show(None)
        names = "、".join(p.shown_short for p in plans) or "（无）"
        self.query_one(Breadcrumb).set_parts([region.name, f"{len(plans)} 个规划：{names}"])
        self.detail.show(None)
        self.sub_title = visible(region.name, multiline=False)  # (not the title of the plan shown before)

    @on(Tree.NodeSelected, "#tree")
    def _selected(self, event: Tree.NodeSelected[Item]) -> None:
        target = self._target_of(event.node.data)
        if event.node.allow_expand:
            event.node.toggle()
        if target is None:
            return
        if target is not self.current:
            self._show(target)
        self.history.visit(key_of(target))

    # -- other screens --------------------------------------------------------------------------------
    @property
    def kept(self) -> KeptScreens:
        """The screens this one opens, kept between opens (tui/screens/kept.py)."""
        if self._kept is None:
            from tui.screens.kept import KeptScreens

            self._kept = KeptScreens(self.app)
        return self._kept

    def _push(self, name: str, **kwargs: object) -> None:
        cls: Callable[..., Screen] = SCREENS[name].load()  # each takes the corpus, then its own options
        self.kept.push(name, lambda: cls(self.corpus, **kwargs), self.jump, **kwargs)

    def _plan_id(self) -> str | None:
        plan = self._plan()
        return plan.id if plan is not None else None

    def action_columns(self) -> None:
        self._push("columns")

    def action_tables(self) -> None:
        self._push("tables", plan_id=self._plan_id())

    def action_info(self) -> None:
        plan_id = self._plan_id()
        if plan_id is None:
            self.notify("先选择一个规划", severity="warning", markup=False)
            return
        self._push("info", plan_id=plan_id)

    def action_compare(self) -> None:
        self._push("compare", plan_id=self._plan_id())
