"""A list of 专栏 (plan, id, entry count, title), one row each, cells as `Text` (never markup)."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from tui.core.model import Node


def entry_count(node: Node) -> int:
    return sum(1 for child in node.children if child.kind == "entry")


class ColumnList(DataTable):
    """专栏 rows keyed by `Node.key`. Posts `Highlighted` as the cursor moves and `Chosen` on Enter/click."""

    DEFAULT_CSS = """
    ColumnList {
        height: 1fr;
        background: $surface;
    }
    ColumnList > .datatable--header {
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    """

    class Highlighted(Message):
        def __init__(self, column_list: "ColumnList", node: Node | None) -> None:
            super().__init__()
            self.column_list = column_list
            self.node = node

    class Chosen(Message):
        def __init__(self, column_list: "ColumnList", node: Node) -> None:
            super().__init__()
            self.column_list = column_list
            self.node = node

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id, classes=classes)
        self._by_key: dict[str, Node] = {}
        self._order: list[Node] = []

    def on_mount(self) -> None:
        # the entry count before the title, so a long title never pushes it off an 80-column screen
        for label, key in (("规划", "plan"), ("编号", "id"), ("条目", "entries"), ("标题", "title")):
            self.add_column(Text(label), key=key)

    @property
    def nodes(self) -> list[Node]:
        """The 专栏 shown, in order."""
        return list(self._order)

    def set_nodes(self, nodes: list[Node], keep_cursor: bool = False) -> None:
        """Show these 专栏, cursor on the first (or, with `keep_cursor`, on the same 专栏 if still listed)."""
        keep = self.highlighted_node if keep_cursor else None
        self.clear()
        self._by_key = {}
        self._order = list(nodes)
        for node in nodes:
            self._by_key[node.key] = node
            self.add_row(
                Text(node.plan.short if node.plan else ""),
                Text(node.number),
                Text(str(entry_count(node)), justify="right"),
                Text(node.title or node.heading),
                key=node.key,
            )
        if keep is not None and keep.key in self._by_key:
            self.move_cursor(row=self.get_row_index(keep.key))
        elif nodes:
            self.move_cursor(row=0)
        self.post_message(self.Highlighted(self, self.highlighted_node))

    @property
    def highlighted_node(self) -> Node | None:
        if not self._order or not 0 <= self.cursor_row < len(self._order):
            return None
        return self._order[self.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, self._by_key.get(event.row_key.value or "")))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        node = self._by_key.get(event.row_key.value or "")
        if node is not None:
            self.post_message(self.Chosen(self, node))
