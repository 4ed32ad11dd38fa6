"""The plan tree's rows (a mixin of `widgets.plan_tree.PlanTree`, and what its labels say): labels cut
to the room their depth leaves, the lines built without measuring every one, each row cached by what it
shows (so expanding a node redraws only the new rows), and the rows a search landing will reveal drawn
ahead (`prepare_reveal`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, geometry
from textual._loop import loop_last
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets._tree import _TreeLine
from textual.widgets.tree import TreeNode

from tui.core.model import Node, Plan
from tui.core.outline import MatterGroup, Region
from tui.core.safetext import safe_text
from tui.core.textwidth import cut_text
from widgets.scroll_size import OwnVirtualSize, set_virtual_size

ROWS_A_STEP = 8  # rows drawn ahead a step (`prepare_reveal_steps`): a few ms

# the style Textual's Tree gives its expand/collapse icon: the meta makes a click on it toggle the node
TOGGLE_STYLE = Style.from_meta({"toggle": True})


@dataclass(frozen=True)
class Item:
    """What a tree node stands for: a region group, a plan, or a plan node."""

    kind: str  # region | plan | node
    region: Region | None = None
    plan: Plan | None = None
    node: Node | MatterGroup | None = None  # a plan node, or a run of front/back matter


def plan_label(plan: Plan) -> str:
    """Short, the region being the row above: "十四五 2021–2025" (fits a district's row at 80 columns)."""
    meta = plan.meta
    period = meta.period_name or "规划"
    years = f" {meta.period_start}–{meta.period_end}" if meta.period_start else ""
    return user_mark(plan) + period + years


def user_mark(plan: Plan) -> str:
    """"自添 " before a plan the user added (`plans add`), nothing before a shipped one."""
    if not plan.is_user:
        return ""
    return f"自添 {plan.tell} " if plan.tell else "自添 "


def plan_label_shorter(plan: Plan) -> list[str]:
    """For a pane too narrow for plan_label (a scrollbar takes a column): "十四五 2021–25", then "十四五"."""
    meta = plan.meta
    period = meta.period_name or meta.short or "规划"
    out = [f"{period} {meta.period_start}–{meta.period_end % 100:02d}"] if meta.period_start else []
    mark = user_mark(plan)
    if plan.tell:  # one of two added plans of this period: what tells them apart stays, then the period
        return [mark + x for x in out + [period]] + [f"自 {plan.tell} {period}", f"自 {plan.tell}", plan.tell]
    return [mark + x for x in out + [period]] + ([f"自 {period}"] if mark else [])


class _Ahead:
    """The lines `reveal` will show, as a step of `prepare_reveal_steps` worked them out, and the tree's
    lines and the collapsed ancestors they were made from."""

    def __init__(self) -> None:
        self.made_from: list[_TreeLine[Item]] | None = None
        self.closed: list[TreeNode[Item]] = []
        self.lines: list[_TreeLine[Item]] = []


if TYPE_CHECKING:
    class _Base(OwnVirtualSize, Tree[Item]): ...
else:
    _Base = object


class TreeLines(_Base):
    """Rows for `PlanTree` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by PlanTree
        _shown_lines: LRUCache[tuple[object, ...], tuple[Strip, int]]
        _label_widths: dict[int, tuple[object, bool, int, int]]
        _plan_nodes: dict[str, TreeNode[Item]]
        def _invalidate(self) -> None: ...
        def tree_node_for(self, node: Node | MatterGroup) -> TreeNode[Item] | None: ...

    # -- labels fit the pane ---------------------------------------------------------
    def _kind_style(self, item: Item | None) -> tuple[str, str]:
        """(component class for the whole label, component class for a one-character tag)."""
        if item is None:
            return "", ""
        if item.kind == "region":
            return "plan-tree--region", ""
        if item.kind == "plan":
            return "plan-tree--plan", ""
        kind = item.node.kind if item.node else ""
        if kind == "column":
            return "plan-tree--column", "plan-tree--tag"
        if kind == "table":
            return "plan-tree--table", "plan-tree--tag"
        if kind == "chapter":
            return "plan-tree--chapter", ""
        if kind in ("front", "back"):
            return "plan-tree--matter", "plan-tree--tag"
        return "", ""

    def get_label_width(self, node: TreeNode[Item]) -> int:
        """The label's width without rendering it (Tree asks for every line's, hundreds of plans'
        at start-up): `render_label` cuts a label to the room there is, so it is the label's own
        width or that room, whichever is less."""
        label = node.label
        expand = node.allow_expand
        known = self._label_widths.get(node.id)
        if known is not None and known[0] is label and known[1] == expand:
            natural, depth = known[2], known[3]
        else:  # (once per label: Tree measures every line at every build, ~1,000 lines at 100 plans)
            natural = cell_len(label if isinstance(label, str) else label.plain)
            if expand:
                natural += max(cell_len(self.ICON_NODE_EXPANDED), cell_len(self.ICON_NODE))
            depth = 0
            parent = node.parent
            while parent is not None:
                depth += 1
                parent = parent.parent
            self._label_widths[node.id] = (label, expand, natural, depth)
        width = self._build_width if self._build_width is not None else self.scrollable_content_region.width
        room = width - depth * self.guide_depth
        return min(natural, room) if room > 0 else natural

    _build_width: int | None = None  # the pane's width while Tree._build asks every line for its width

    def _build(self) -> None:
        """Tree's build (its lines, each node's line number, the virtual size, the cursor kept on its
        node), without measuring every line when none can be wider than the pane: each label is cut
        to the room its depth leaves (`get_label_width`), so while every depth leaves some room no
        line is wider than the pane less one guide, and that is the virtual width (Tree measured all
        of them at every build: ~1,000 lines at 100 plans, 10–30 ms, at every `}` into a new chapter)."""
        width = self.scrollable_content_region.width
        self._built_width = width
        guide = self.guide_depth
        lines: list[_TreeLine[Item]] = []
        add_line = lines.append
        deepest = 0

        def add_node(path: list[TreeNode[Item]], node: TreeNode[Item], last: bool) -> None:
            nonlocal deepest
            child_path = [*path, node]
            node._line = len(lines)
            add_line(_TreeLine(child_path, last))
            deepest = max(deepest, len(child_path))
            if node._expanded:
                for last_child, child in loop_last(node._children):
                    add_node(child_path, child, last_child)

        if self.show_root:  # (never: set off in __init__) Tree's own build
            self._build_width = width
            try:
                super()._build()
            finally:
                self._build_width = None
            return
        for node in self.root._children:
            add_node([], node, True)
        self._tree_lines_cached = lines
        height = self.scrollable_content_region.height
        if width and len(lines) > height > 0 and not self.show_vertical_scrollbar and self.styles.overflow_y == "auto":
            # the rows will bring the scrollbar (set_virtual_size below): built for the width it leaves, not
            # built and drawn at this width and then again once the scrollbar has come (a search's first landing)
            width = max(0, width - self.styles.scrollbar_size_vertical)
            self._built_width = width
        if width - deepest * guide > 0 or not width:  # (no width: not laid out yet, built again once it is)
            virtual_width = max(0, width - guide)
        else:  # a pane too narrow for the deepest rows: their labels are not cut, measure every line
            self._build_width = width
            try:
                virtual_width = max((self.get_label_width(line.node) + line._get_guide_width(guide, False)
                                     for line in lines), default=self.size.width)
            finally:
                self._build_width = None
        # not `self.virtual_size = …` (a reactive that lays the whole screen out): the scrollbar follows now
        set_virtual_size(self, Size(virtual_width if lines else self.size.width, len(lines)))
        if self.cursor_line != -1:
            if self.cursor_node is not None:
                self.cursor_line = self.cursor_node._line
            if self.cursor_line >= len(lines):
                self.cursor_line = -1

    _built_width = -1  # the width its lines were last built at

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if changed and self._tree_lines_cached is not None and self._built_width != self.scrollable_content_region.width:
            self._invalidate()  # (built before it had this width: built again for the frame the layout draws)
        return changed

    def _on_resize(self, event: events.Resize) -> None:
        if self._tree_lines_cached is not None and self._built_width == self.scrollable_content_region.width:
            # built at this width already (the first frame, drawn by the layout that sized it, before this
            # event): Tree's handler would build them all again and redraw the pane, a frame later
            self._line_cache.grow(event.size.height)
            event.prevent_default()

    _frame_style: Style | None = None  # the tree's own style, once per frame (see render_lines)

    def render_lines(self, crop: geometry.Region) -> list[Strip]:
        # `rich_style` walks the CSS of every ancestor (~0.2 ms): Tree asked for it once per line, half
        # the cost of drawing the whole tree again (after a node is expanded, at every `}` into a new chapter)
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    def render_line(self, y: int) -> Strip:
        """Tree's render_line, with the style of the frame."""
        scroll_x, scroll_y = self.scroll_offset
        style = self._frame_style or self.rich_style
        return self._render_line(y + scroll_y, scroll_x, scroll_x + self.size.width, style)

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """Tree's line, cached by what it shows rather than by the tree's generation and line number:
        Tree forgets every line whenever a node is expanded or added, so `}` into another chapter (which
        expands it) drew the whole pane again, though only the new rows were new. A line that has moved
        (rows were added above it) is the cached one with its line number (the click target) changed."""
        lines = self._tree_lines
        if y >= len(lines):
            return super()._render_line(y, x1, x2, base_style)
        line = lines[y]
        # (by what the row's nodes show, not by their `_updates`, which expanding one adds to: so the rows
        # `prepare_reveal` draws ahead, under nodes it has not expanded yet, are found once they are)
        key = (x1, x2, base_style, self.size.width, self.scrollable_content_region.width, self.virtual_size.width,
               self._pseudo_class_state, self.has_focus, self.cursor_line == y, self.hover_line == y, line.last,
               self.guide_depth,
               tuple((id(n), id(n._label), n._allow_expand, n._expanded, n._selected, n._hover, n.is_last)
                     for n in line.path))
        cached = self._shown_lines.get(key)
        if cached is None:
            strip = super()._render_line(y, x1, x2, base_style)
        elif cached[1] == y:
            return cached[0]
        else:
            strip = cached[0]
            strip = Strip(Segment.apply_style(list(strip), post_style=Style.from_meta({"line": y})), strip.cell_length)
        self._shown_lines[key] = (strip, y)
        return strip

    def notify_style_update(self) -> None:
        self._shown_lines.clear()  # a new theme (focus and hover are in the key)
        super().notify_style_update()

    def render_label(self, node: TreeNode[Item], base_style: Style, style: Style) -> Text:
        shown = node.label  # Text (Textual's setter makes it one; the property is typed str | Text)
        label = shown.copy() if isinstance(shown, Text) else Text(shown)
        whole, tag = self._kind_style(node.data)
        if whole:
            label.stylize(self.get_component_rich_style(whole, partial=True))
        if tag:
            label.stylize(self.get_component_rich_style(tag, partial=True), 0, 1)
        label.stylize(style)
        if node.allow_expand:
            prefix = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE, base_style + TOGGLE_STYLE)
        else:
            prefix = ("", base_style)
        text = Text.assemble(prefix, label)
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        item = node.data
        if room > 0 and text.cell_len > room and item is not None and item.kind == "plan" and item.plan:
            for candidate in plan_label_shorter(item.plan):  # shorter labels before a cut
                short = safe_text(candidate, style=label.style)
                short.stylize(self.get_component_rich_style("plan-tree--plan", partial=True))
                short.stylize(style)
                text = Text.assemble(prefix, short)
                if text.cell_len <= room:
                    break
        if room > 0 and text.cell_len > room:
            text = cut_text(text, room, style=style)
        return text

    def prepare_reveal(self, node: Node | MatterGroup | Plan) -> None:
        """Draw ahead the rows `reveal(node)` will show (a search result's landing, prepared while the
        search list is up): the rows' lines are kept by what they show (`_render_line`), so its frame
        finds them drawn. The tree is left as it was: the ancestors reveal would expand, the cursor and
        the rows are those of then only while the rows are drawn, and nothing is redrawn on screen."""
        for _ in self.prepare_reveal_steps(node):
            pass

    def prepare_reveal_steps(self, node: Node | MatterGroup | Plan, rows: int = ROWS_A_STEP) -> Iterator[None]:
        """`prepare_reveal` in steps of `rows` rows (the tree as it is then at each step)."""
        tree_node = self._plan_nodes.get(node.id) if isinstance(node, Plan) else self.tree_node_for(node)
        if tree_node is None:
            return
        done = 0
        known = _Ahead()
        while self._draw_ahead(tree_node, done, rows, known):
            done += rows
            yield

    def _draw_ahead(self, tree_node: TreeNode[Item], skip: int, count: int, known: _Ahead) -> bool:
        """Draw rows `skip` to `skip + count` of those `reveal(tree_node)` will show; whether any are left.
        `known`: the lines worked out by the step before, while the tree's are those they were made from."""
        height = self.scrollable_content_region.height
        if not self.is_mounted or height <= 0 or self._tree_lines_cached is None:
            return False
        closed = []
        parent = tree_node.parent
        while parent is not None:
            if not parent._expanded:
                closed.append(parent)
            parent = parent.parent
        cursor = self.cursor_node
        lines_now, line_now = self._tree_lines_cached, self.cursor_line
        scrollbar, virtual = self.show_vertical_scrollbar, self.virtual_size
        selected = [(n, n._selected_) for n in (cursor, tree_node) if n is not None]
        try:
            for parent in closed:
                parent._expanded = True
            if known.made_from is lines_now and known.closed == closed:
                lines = known.lines
            else:  # (a thousand lines at a hundred plans: once, not at every step)
                lines = known.lines = self._lines_shown()
                known.made_from, known.closed = lines_now, list(closed)
            y = next((i for i, line in enumerate(lines) if line.node is tree_node), -1)
            if y < 0:
                return False
            if len(lines) > height and not scrollbar:  # the rows will need the scrollbar: one column less
                self.set_reactive(Widget.show_vertical_scrollbar, True)
            width = self.scrollable_content_region.width
            if width - max(len(line.path) for line in lines) * self.guide_depth <= 0:
                return False  # (too narrow for every row: `_build` measures them all; not drawn ahead)
            self.set_reactive(Widget.virtual_size, Size(max(0, width - self.guide_depth), len(lines)))
            top = int(self.scroll_y)  # where `move_cursor` scrolls to: the row just into view
            if y < top:
                top = y
            elif y >= top + height:
                top = y - height + 1
            top = max(0, min(top, len(lines) - height))
            if cursor is not None:
                cursor._selected_ = False
            tree_node._selected_ = True
            self._tree_lines_cached = lines
            self.set_reactive(Tree.cursor_line, y)
            scroll_x = int(self.scroll_x)
            style = self.rich_style
            end = min(len(lines), top + height)
            for row in range(top + skip, min(end, top + skip + count)):
                self._render_line(row, scroll_x, scroll_x + self.size.width, style)
            return top + skip + count < end
        finally:
            for parent in closed:
                parent._expanded = False
            for n, was in selected:
                n._selected_ = was
            self._tree_lines_cached = lines_now
            self.set_reactive(Tree.cursor_line, line_now)
            self.set_reactive(Widget.show_vertical_scrollbar, scrollbar)
            self.set_reactive(Widget.virtual_size, virtual)
            self._line_cache.clear()  # (Tree's own, by its nodes' `_updates`: it holds a row drawn as of then)

    def _lines_shown(self) -> list[_TreeLine[Item]]:
        """The tree's lines as `_build` makes them (without numbering the nodes)."""
        lines: list[_TreeLine[Item]] = []

        def add_node(path: list[TreeNode[Item]], node: TreeNode[Item], last: bool) -> None:
            child_path = [*path, node]
            lines.append(_TreeLine(child_path, last))
            if node._expanded:
                for last_child, child in loop_last(node._children):
                    add_node(child_path, child, last_child)

        for node in self.root._children:
            add_node([], node, True)
        return lines
