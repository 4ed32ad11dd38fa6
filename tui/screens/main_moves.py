"""The main screen's moving keys: `]`/`[` (next/previous section, front and back matter included),
`}`/`{` (next/previous 专栏), `b`/`f` (back/forward in the history), Esc (back to the tree).
`MoveActions` is a mixin of `MainScreen`.

After a `]`, `[`, `}` or `{` has drawn its frame, the next target in the same direction is prepared
(`Reader.prepare`, `ColumnDetail.prepare`: its first screen wrapped and drawn, the 专栏 pane's lines
made), so pressing the key again shows what is ready: a key's frame then costs what going back to a
section seen before does. It waits while keys are coming, and is dropped by the next move.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from tui.core.history import History
from tui.core.model import Node, Plan
from tui.core.outline import SECTION_KINDS, MatterGroup, next_node, outline_node
from widgets.plan_tree import PlanTree

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from widgets.column_detail import ColumnDetail
    from widgets.reader import Reader

    _Base = Screen[object]
else:
    _Base = object


class MoveActions(_Base):
    """Moving keys for `MainScreen` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by MainScreen
        current: Node | MatterGroup | Plan | None
        focus_node: Node | None
        search_query: str
        history: History
        @property
        def plan_tree(self) -> PlanTree: ...
        @property
        def reader(self) -> Reader: ...
        @property
        def detail(self) -> ColumnDetail: ...
        def go_to(self, target: Node | Plan, *, query: str = "", record: bool = True) -> None: ...
        @staticmethod
        def _detail_column(target: Node | MatterGroup | Plan | None) -> Node | None: ...
        def resolve_key(self, key: str) -> Node | Plan | None: ...
        def _note_place(self) -> None: ...
        def _go_place(self) -> None: ...

    PREPARE_AFTER = 0.03  # s after a move, and after the last key, before the next target is prepared
    _preparing: Timer | None = None

    def _plan(self) -> Plan | None:
        if isinstance(self.current, Plan):
            return self.current
        if isinstance(self.current, (Node, MatterGroup)):
            return self.current.plan
        item = self.plan_tree.current_item
        return item.plan if item is not None else None

    def _move(self, kinds: tuple[str, ...], step: int, what: str, matter: bool = False) -> None:
        plan = self._plan()
        if plan is None:
            self.notify("先选择一个规划", severity="warning", markup=False)
            return
        here = self.focus_node or (self.current if isinstance(self.current, Node) else None)
        if here is None and isinstance(self.current, MatterGroup):
            here = self.current.nodes[0]
        target = next_node(plan, here, kinds, step, matter)
        if target is None:
            self.notify(f"没有{'下' if step > 0 else '上'}一{what}了", timeout=2, markup=False)
            return
        self.go_to(target, query=self.search_query)
        if self._preparing is not None:
            self._preparing.stop()
        self._preparing = None
        self._move_serial += 1
        if not self.search_query:  # (with a query, where a target opens depends on its matches)
            serial = self._move_serial
            self.call_after_refresh(self._after_move_frame, serial, kinds, step, matter)

    _move_serial = 0  # moves made: a frame's callback for an earlier move does nothing
    prepared_move = 0  # the last move whose next target was prepared (tests)

    def _after_move_frame(self, serial: int, kinds: tuple[str, ...], step: int, matter: bool) -> None:
        """The move's frame is drawn: prepare the next target a little later (never in this key's frame)."""
        if serial == self._move_serial and self._preparing is None:
            self._preparing = self.set_timer(self.PREPARE_AFTER,
                                             lambda: self._prepare_next(serial, kinds, step, matter))

    def _prepare_next(self, serial: int, kinds: tuple[str, ...], step: int, matter: bool) -> None:
        """Prepare what the same move from here shows (see the module docstring)."""
        self._preparing = None
        if serial != self._move_serial:
            return
        since_key = monotonic() - getattr(self.app, "_last_key", 0.0)  # PlansApp notes every key's time
        if since_key < self.PREPARE_AFTER:  # keys are coming: after them
            self._preparing = self.set_timer(self.PREPARE_AFTER - since_key,
                                             lambda: self._prepare_next(serial, kinds, step, matter))
            return
        self.prepared_move = serial
        plan = self._plan()
        here = self.focus_node or (self.current if isinstance(self.current, Node) else None)
        if plan is None or here is None or self.search_query:
            return
        target = next_node(plan, here, kinds, step, matter)
        if target is None:
            return
        shown = outline_node(target)
        focus = target if target is not shown else None
        self.reader.prepare(shown, focus=focus)
        self.detail.prepare(self._detail_column(focus or shown))  # what `_show` will give it

    def action_next_section(self) -> None:
        self._move(SECTION_KINDS, 1, "节", matter=True)

    def action_prev_section(self) -> None:
        self._move(SECTION_KINDS, -1, "节", matter=True)

    def action_next_column(self) -> None:
        self._move(("column",), 1, "个专栏")

    def action_prev_column(self) -> None:
        self._move(("column",), -1, "个专栏")

    def action_back(self) -> None:
        if not self.history.can_back:
            self.notify("没有更早的位置", timeout=2, markup=False)
            return
        self._note_place()
        self.history.back()
        self._go_place()  # where the reader was there, with its query (tui/screens/main_marks.py)

    def action_forward(self) -> None:
        if not self.history.can_forward:
            self.notify("没有更后的位置", timeout=2, markup=False)
            return
        self._note_place()
        self.history.forward()
        self._go_place()

    def action_focus_tree(self) -> None:
        self.plan_tree.focus()
