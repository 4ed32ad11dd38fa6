"""The plan tree: province › city › district, then each plan's outline (chapters, sections, items,
专栏 and indicator tables as their own marked nodes).

Plans are collapsed at start and their outlines are added when first expanded (or revealed), so
start-up costs only the dozen region and plan rows. Labels are `Text` (never markup) and are cut to
the pane width with `tui.core.cjkwrap.fit`, never mid-character.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, geometry
from textual._loop import loop_last
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets._tree import _TreeLine
from textual.widgets.tree import TreeNode

from tui.core.model import Corpus, Node, Plan
from tui.core.outline import MatterGroup, Region, has_outline_children, outline_children, outline_node, region_groups
from tui.core.safetext import safe_text, squeeze
from tui.core.textwidth import cut_text
from widgets.scroll_size import OwnVirtualSize, set_virtual_size

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


MOVE = Binding.Group("移动", compact=True)
SHOWN_LINES = 160  # rendered lines kept (`_render_line`): a few panes' worth


class PlanTree(OwnVirtualSize, Tree[Item]):
    """Tree of every plan. `reveal(node)` expands the way to a node and puts the cursor on it."""

    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "

    BINDINGS = [
        Binding("j", "cursor_down", "下", show=False, id="tree.down"),
        Binding("k", "cursor_up", "上", show=False, id="tree.up"),
        Binding("l,right", "expand_or_down", "展开", show=False, id="tree.expand"),
        Binding("h,left", "collapse_or_parent", "收起", show=False, id="tree.collapse"),
        Binding("g,home", "cursor_first", "首行", show=False, id="tree.first"),
        Binding("G,end", "cursor_last", "末行", show=False, id="tree.last"),
        Binding("p,backspace", "cursor_parent", "上级", show=False, id="tree.parent"),
        Binding("asterisk,plus", "expand_all", "全部展开", show=False, id="tree.expand_all"),
        Binding("minus", "collapse_all", "全部收起", show=False, id="tree.collapse_all"),
    ]

    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {
        "plan-tree--region", "plan-tree--plan", "plan-tree--column", "plan-tree--table",
        "plan-tree--chapter", "plan-tree--matter", "plan-tree--tag",
    }

    DEFAULT_CSS = """
    PlanTree {
        background: $surface;
        padding: 0;
        scrollbar-size-vertical: 1;
    }
    PlanTree > .plan-tree--region { color: $text-muted; text-style: bold; }
    PlanTree > .plan-tree--plan { color: $primary; text-style: bold; }
    PlanTree > .plan-tree--chapter { text-style: bold; }
    PlanTree > .plan-tree--column { color: $accent; }
    PlanTree > .plan-tree--table { color: $secondary; }
    PlanTree > .plan-tree--matter { color: $text-muted; }
    PlanTree > .plan-tree--tag { text-style: reverse; }
    """

    def __init__(self, corpus: Corpus, *, id: str | None = None, classes: str | None = None) -> None:
        self._shown_lines: LRUCache[tuple[object, ...], tuple[Strip, int]] = LRUCache(SHOWN_LINES)
        # by node id: (label, allow_expand, label's cells with its icon, depth), for get_label_width
        self._label_widths: dict[int, tuple[object, bool, int, int]] = {}
        super().__init__(Text("plans"), id=id, classes=classes)  # (a str would be parsed as markup)
        self.corpus = corpus
        self._plan_nodes: dict[str, TreeNode[Item]] = {}
        self.on_cursor: Callable[[TreeNode[Item]], None] | None = None  # called as the cursor lands on a node
        self._populated: set[int] = set()
        self.set_reactive(Tree.show_root, False)
        self.set_reactive(Tree.guide_depth, 2)
        self.auto_expand = False
        self._line_cache = LRUCache(1)  # Tree's own (by line number and generation), behind ours: one line, not 1,024
        self._add_regions()

    # -- building ---------------------------------------------------------------
    _adding = False  # the rows of every region and plan are being added (`_invalidate` waits for the last)

    def _add_regions(self) -> None:
        def add_region(parent: TreeNode[Item], region: Region) -> None:
            branch = parent.add(safe_text(region.name), data=Item("region", region=region), expand=True)
            for plan in region.plans:
                self._plan_nodes[plan.id] = branch.add(
                    safe_text(plan_label(plan)), data=Item("plan", plan=plan), allow_expand=plan.has_nodes()
                )
            for child in region.children:
                add_region(branch, child)

        # (Tree invalidates itself at every row added: 1,500 times at 100 plans, before the first frame)
        self._adding = True
        try:
            for province in region_groups(self.corpus):
                add_region(self.root, province)
        finally:
            self._adding = False
        self.root.expand()

    def _populate(self, tree_node: TreeNode[Item]) -> None:
        """Add the outline children of a plan or plan node (once)."""
        if tree_node.id in self._populated:
            return
        self._populated.add(tree_node.id)
        item = tree_node.data
        if item is None or item.kind == "region":
            return
        nodes = item.plan.nodes if item.kind == "plan" and item.plan else (item.node.children if item.node else [])
        for node in outline_children(nodes):
            tree_node.add(self.node_label(node), data=Item("node", plan=node.plan, node=node),
                          allow_expand=has_outline_children(node))

    def process_label(self, label: str | Text) -> Text:
        """A label as Tree keeps it: ours are `Text` of one line already (Tree's own splits every label
        into lines to keep the first, which cost half of adding the rows of a few hundred plans)."""
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    @staticmethod
    def node_label(node: Node | MatterGroup) -> Text:
        """Plain label text (styles are applied in render_label, so theme changes restyle them);
        plan text with its control characters shown as stand-ins."""
        kind = node.kind
        if kind == "column" and isinstance(node, Node):
            return safe_text(f"栏 专栏{node.number} {node.title}".strip())
        if kind == "table":
            return safe_text("表 " + node.label_text)
        if isinstance(node, MatterGroup):
            if len(node.nodes) == 1:  # one line: the line itself
                only = node.nodes[0]
                label = squeeze(only.text or only.heading)
            else:
                label = node.label_text
            return safe_text(("前 " if kind == "front" else "附 ") + label)
        return safe_text(squeeze(node.label_text))

    def _walk(self, node: TreeNode[Item]):
        yield node
        for child in node.children:
            yield from self._walk(child)

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        """Tell `on_cursor` at once (NodeHighlighted is posted too): what the cursor lands on is shown in
        the same frame as the cursor itself, not in a frame of its own a turn later."""
        before = self.cursor_node
        super().watch_cursor_line(previous_line, line)
        node = self.cursor_node
        if node is not None and node is not before and self.on_cursor is not None:
            self.on_cursor(node)

    def _invalidate(self) -> None:
        """Tree's, without laying the screen out: rows added or expanded change only the tree's own
        virtual size, which it sets itself as it builds its lines (`OwnVirtualSize` brings the
        scrollbar along, and asks for a layout only when the scrollbar comes or goes). Tree's asked for a
        layout of the whole screen, and so a full repaint, whenever `]` or `}` opened a chapter."""
        if self._adding:
            return
        self._clear_line_cache()
        self._updates += 1
        self.root._reset()
        self.refresh()

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[Item]) -> None:
        self._populate(event.node)

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
        key = (x1, x2, base_style, self.size.width, self.scrollable_content_region.width, self.virtual_size.width,
               self._pseudo_class_state, self.has_focus, self.cursor_line == y, self.hover_line == y, line.last,
               self.guide_depth,
               tuple((id(n), n._updates, n._expanded, n._selected, n._hover, n.is_last) for n in line.path))
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

    # -- where things are -----------------------------------------------------------
    @property
    def current_item(self) -> Item | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def tree_node_for(self, node: Node | MatterGroup) -> TreeNode[Item] | None:
        """The tree node showing this plan node (populating the way down), or None."""
        if node.plan is None:
            return None
        target = outline_node(node)
        current = self._plan_nodes.get(node.plan.id)
        if current is None:
            return None
        for step in [*[a for a in target.ancestors()], target]:
            self._populate(current)
            nxt = next((c for c in current.children if c.data is not None and c.data.node is step), None)
            if nxt is None:
                continue  # an ancestor without its own tree node (never for outline kinds)
            current = nxt
        return current

    def reveal(self, node: Node | MatterGroup | Plan) -> TreeNode[Item] | None:
        """Expand the ancestors of a node (or a plan) and move the cursor to it."""
        if isinstance(node, Plan):
            tree_node = self._plan_nodes.get(node.id)
        else:
            tree_node = self.tree_node_for(node)
        if tree_node is None:
            return None
        parent = tree_node.parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        _ = self.last_line  # (reading it lays the lines out again: the node gets its line number)
        self.move_cursor(tree_node)  # (scrolls to it now, in this frame, once the tree has its size)
        if not (self.is_mounted and self.scrollable_content_region.height):
            self.call_after_refresh(self._scroll_cursor_visible, tree_node)  # not laid out yet
        return tree_node

    def _scroll_cursor_visible(self, tree_node: TreeNode[Item]) -> None:
        if self.cursor_node is tree_node:
            self.scroll_to_node(tree_node, animate=False)

    # -- actions ------------------------------------------------------------------------
    def action_cursor_first(self) -> None:
        self.action_scroll_home()

    def action_cursor_last(self) -> None:
        self.action_scroll_end()

    def action_expand_or_down(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_cursor_parent(self) -> None:
        node = self.cursor_node
        if node is not None and node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def _expand_deep(self, tree_node: TreeNode[Item]) -> None:
        self._populate(tree_node)
        if tree_node.allow_expand:
            tree_node.expand()
        for child in tree_node.children:
            self._expand_deep(child)

    def action_expand_all(self) -> None:
        """Expand everything under the cursor (its plan when on a plan node; all plans on a region)."""
        node = self.cursor_node
        if node is not None:
            self._expand_deep(node)

    def action_collapse_all(self) -> None:
        """Collapse every plan outline and put the cursor on the plan."""
        node = self.cursor_node
        plan_node = node
        while plan_node is not None and (plan_node.data is None or plan_node.data.kind == "node"):
            plan_node = plan_node.parent
        for tn in self._plan_nodes.values():
            tn.collapse_all()
            tn.collapse()
        if plan_node is not None and plan_node.data is not None and plan_node.data.kind == "plan":
            self.move_cursor(plan_node)
