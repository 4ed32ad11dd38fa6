"""A list of 专栏 (plan, id, entry count, title), one line each, that renders only the lines on screen.

Rows are light `ColumnRow`s (no plan is decoded to list its 专栏); a row's node is looked up only
when it is highlighted or chosen. The title column takes the width left over by the other columns;
a title longer than that ends in “…” (never cut silently, never pushing the row into a sideways
scroll). The whole title is in the detail pane beside the list. The header stays on the first line.
Plan text is drawn as `rich.text.Text` (never markup) through `safetext.visible`.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.columns import ColumnRow
from tui.core.model import Node
from tui.core.safetext import visible

TITLE_MIN = 8  # cells: below this the title column stops shrinking (and the list scrolls sideways)
HEADERS = ("规划", "编号", "条目", "标题")
PAD = 1  # cells of padding on each side of a cell


def entry_count(node: Node) -> int:
    return sum(1 for child in node.children if child.kind == "entry")


class ColumnList(ScrollView, can_focus=True):
    """专栏 rows. Posts `Highlighted` as the cursor moves and `Chosen` on Enter or a click on the
    highlighted row."""

    COMPONENT_CLASSES = {"column-list--header", "column-list--cursor", "column-list--odd"}

    DEFAULT_CSS = """
    ColumnList {
        height: 1fr;
        background: $surface;
    }
    ColumnList > .column-list--header {
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    ColumnList > .column-list--odd {
        background: $surface-lighten-1;
    }
    ColumnList > .column-list--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    ColumnList:focus > .column-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "上", show=False),
        Binding("down,j", "cursor(1)", "下", show=False),
        Binding("pageup", "page(-1)", "上页", show=False),
        Binding("pagedown", "page(1)", "下页", show=False),
        Binding("home,g", "cursor_to(0)", "首", show=False),
        Binding("end,G", "cursor_to(-1)", "末", show=False),
        Binding("enter", "choose", "前往", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

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
        super().__init__(id=id, classes=classes)
        self._rows: list[ColumnRow] = []
        self._widths: tuple[int, int, int] = (cell_len(HEADERS[0]), cell_len(HEADERS[1]), cell_len(HEADERS[2]))

    # -- content ---------------------------------------------------------------------------------
    @property
    def rows(self) -> list[ColumnRow]:
        return list(self._rows)

    @property
    def nodes(self) -> list[Node]:
        """The 专栏 nodes shown, in order (decodes their plans: for callers that need the nodes)."""
        return [n for n in (r.node for r in self._rows) if n is not None]

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: list[ColumnRow], keep_cursor: bool = False) -> None:
        """Show these 专栏, cursor on the first (or, with `keep_cursor`, on the same 专栏 if still listed)."""
        keep = self._rows[self.cursor_row].key if keep_cursor and 0 <= self.cursor_row < len(self._rows) else None
        self._rows = list(rows)
        plans = {id(r.plan): r.plan.shown_short for r in self._rows}
        self._widths = (
            max([cell_len(HEADERS[0])] + [cell_len(s) for s in plans.values()]),
            max([cell_len(HEADERS[1])] + [cell_len(r.number) for r in self._rows]),
            max([cell_len(HEADERS[2])] + [len(str(r.entries)) for r in self._rows]),
        )
        row = 0
        if keep is not None:
            row = next((i for i, r in enumerate(self._rows) if r.key == keep), 0)
        self._update_virtual_size()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor_row = row
        self.refresh()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self._total_width(), len(self._rows) + 1)

    def title_width(self) -> int:
        """Cells for the title column: what the other columns leave."""
        room = self.scrollable_content_region.width or self.size.width
        others = sum(self._widths) + 2 * PAD * 3
        return max(TITLE_MIN, room - others - 2 * PAD)

    def _total_width(self) -> int:
        return sum(self._widths) + self.title_width() + 2 * PAD * 4

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()

    @property
    def highlighted_row(self) -> ColumnRow | None:
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row]

    @property
    def highlighted_node(self) -> Node | None:
        row = self.highlighted_row
        return row.node if row is not None else None

    # -- cursor ----------------------------------------------------------------------------------
    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor_row(self, row: int) -> None:
        if self._rows:
            self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted_node))

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)  # lines under the header
        top = int(self.scroll_y)
        row = self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    def action_cursor(self, step: int) -> None:
        self.cursor_row = self.cursor_row + step

    def action_page(self, direction: int) -> None:
        self.cursor_row = self.cursor_row + direction * max(1, self.scrollable_content_region.height - 2)

    def action_cursor_to(self, row: int) -> None:
        self.cursor_row = row if row >= 0 else len(self._rows) - 1

    def action_choose(self) -> None:
        node = self.highlighted_node
        if node is not None:
            self.post_message(self.Chosen(self, node))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_y) + event.y - 1
        if event.y < 1 or not 0 <= row < len(self._rows):
            return
        if row == self.cursor_row:
            self.action_choose()
        else:
            self.cursor_row = row

    # -- drawing ---------------------------------------------------------------------------------
    def _cells(self, texts: tuple[str, str, str, str], right: bool = True) -> Text:
        w_plan, w_num, w_entries = self._widths
        title = Text(texts[3], no_wrap=True, overflow="ellipsis", end="")
        title.truncate(self.title_width(), overflow="ellipsis", pad=True)
        pad = " " * PAD
        line = Text(no_wrap=True, end="")
        for text, width in ((texts[0], w_plan), (texts[1], w_num)):
            line.append(pad + text + " " * (width - cell_len(text)) + pad)
        entries = texts[2]
        gap = " " * (w_entries - cell_len(entries))
        line.append(pad + (gap + entries if right else entries + gap) + pad)
        line.append(pad)
        line.append_text(title)
        line.append(pad)
        return line

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = int(self.scroll_x)
        base = self.rich_style
        if y == 0:
            text = self._cells(HEADERS, right=False)
            style = base + self.get_component_rich_style("column-list--header")
        else:
            i = int(self.scroll_y) + y - 1
            if not 0 <= i < len(self._rows):
                return Strip.blank(width, base)
            r = self._rows[i]
            text = self._cells((visible(r.plan.shown_short, multiline=False), visible(r.number, multiline=False),
                                str(r.entries), visible(r.title, multiline=False)))
            style = base
            if i % 2:
                style += self.get_component_rich_style("column-list--odd")
            if i == self.cursor_row:
                style += self.get_component_rich_style("column-list--cursor")
        segments = [Segment(s.text, style + s.style if s.style else style) for s in text.render(self.app.console)
                    if s.text]
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, style)
