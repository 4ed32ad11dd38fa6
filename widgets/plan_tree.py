"""The plan tree: province › city › district, then each plan's outline (chapters, sections, items,
专栏 and indicator tables as their own marked nodes).

Plans are collapsed at start and their outlines are added when first expanded (or revealed), so
start-up costs only the dozen region and plan rows. Labels are `Text` (never markup) and are cut to
the pane width with `tui.core.cjkwrap.fit`, never mid-character.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.core.model import Corpus, Node, Plan
from tui.core.outline import MatterGroup, Region, has_outline_children, outline_children, outline_node, region_groups
from tui.core.safetext import safe_text, squeeze
from widgets.plan_tree_lines import TOGGLE_STYLE, Item, TreeLines, plan_label, plan_label_shorter, user_mark
from widgets.scroll_size import OwnVirtualSize

__all__ = ["TOGGLE_STYLE", "Item", "PlanTree", "plan_label", "plan_label_shorter", "user_mark"]

MOVE = Binding.Group("移动", compact=True)
SHOWN_LINES = 160  # rendered lines kept (`_render_line`): a few panes' worth


class PlanTree(TreeLines, OwnVirtualSize, Tree[Item]):
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
        # under a collapsed row the rows added are not shown (until it is expanded, which redraws the
        # tree): the tree is not built and drawn again for them (a search result's way prepared ahead)
        adding, self._adding = self._adding, True
        added = False
        try:
            for node in outline_children(nodes):
                tree_node.add(self.node_label(node), data=Item("node", plan=node.plan, node=node),
                              allow_expand=has_outline_children(node))
                added = True
        finally:
            self._adding = adding
        if added and tree_node.is_expanded:
            self._invalidate()  # (once for all its rows, not once a row)

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
