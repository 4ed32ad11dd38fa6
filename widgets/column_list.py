"""A list of 专栏 (plan, id, entry count, title), one row each, cells as `Text` (never markup).

The title column takes the width left over by the other columns; a title longer than that ends in
“…” (never cut silently, never pushing the row into a sideways scroll). The whole title is in the
detail pane beside the list.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from tui.core.model import Node

TITLE_MIN = 8  # cells: below this the title column stops shrinking (and the list scrolls sideways)
HEADERS = (("规划", "plan"), ("编号", "id"), ("条目", "entries"), ("标题", "title"))


def entry_count(node: Node) -> int:
    return sum(1 for child in node.children if child.kind == "entry")


def row_cells(node: Node) -> tuple[Text, Text, Text, Text]:
    title = Text(node.title or node.heading, no_wrap=True, overflow="ellipsis", end="")
    return (
        Text(node.plan.short if node.plan else ""),
        Text(node.number),
        Text(str(entry_count(node)), justify="right"),
        title,
    )


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
        def __init__(self, column_list: ColumnList, node: Node | None) -> None:
            super().__init__()
            self.column_list = column_list
            self.node = node

    class Chosen(Message):
        def __init__(self, column_list: ColumnList, node: Node) -> None:
            super().__init__()
            self.column_list = column_list
            self.node = node

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id, classes=classes)
        self._by_key: dict[str, Node] = {}
        self._order: list[Node] = []
        self._title_width: int | None = None

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        # the entry count before the title, so a long title never pushes it off an 80-column screen
        self._title_width = self.title_width()
        for label, key in HEADERS:
            width = self._title_width if key == "title" else None
            self.add_column(Text(label), key=key, width=width)

    def title_width(self) -> int | None:
        """Cells for the title column: what the other columns leave (None before the first layout)."""
        total = self.size.width
        if total <= 0:
            return None
        pad = 2 * self.cell_padding
        others = 0
        for i, (label, _key) in enumerate(HEADERS[:-1]):
            widths = [cell_len(label)] + [row_cells(n)[i].cell_len for n in self._order]
            others += max(widths) + pad
        scrollbar = self.styles.scrollbar_size_vertical
        return max(TITLE_MIN, total - scrollbar - others - pad)

    def on_resize(self) -> None:
        if self.title_width() != self._title_width:
            self.set_nodes(self._order, keep_cursor=True)

    @property
    def nodes(self) -> list[Node]:
        """The 专栏 shown, in order."""
        return list(self._order)

    def set_nodes(self, nodes: list[Node], keep_cursor: bool = False) -> None:
        """Show these 专栏, cursor on the first (or, with `keep_cursor`, on the same 专栏 if still listed)."""
        keep = self.highlighted_node if keep_cursor else None
        self.clear(columns=True)
        self._by_key = {}
        self._order = list(nodes)
        self._add_columns()
        for node in nodes:
            self._by_key[node.key] = node
            self.add_row(*row_cells(node), key=node.key)
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
        # an empty table reports a highlight with no row key (cursor_row -1)
        key = event.row_key.value if event.row_key is not None else None
        self.post_message(self.Highlighted(self, self._by_key.get(key or "")))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value if event.row_key is not None else None
        node = self._by_key.get(key or "")
        if node is not None:
            self.post_message(self.Chosen(self, node))
