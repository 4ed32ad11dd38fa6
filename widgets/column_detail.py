"""The 专栏 detail pane: a 专栏's number, title, host section and its entries as a numbered list.

Reused by the main screen (beside the reader) and by the 专栏 screen. Call `show(node)` with a 专栏
node, a node inside one (an entry), or None to clear it.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import NamedTuple

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.strip import Strip

from tui.core.model import HEADING_KINDS, Node
from tui.core.safetext import body as body_text
from tui.core.safetext import safe_text, squeeze
from widgets.cjk_text import CJKText
from widgets.scroll_size import SizedScrollView, set_virtual_size

KEPT_COLUMNS = 6  # 专栏 whose lines are kept (per width and style): `{`, `b` and `f` come back to recent ones
SELF_NUMBERED = re.compile(r"^\s*(?:[0-9０-９]+\s*[．.、)）]|[（(][0-9０-９一二三四五六七八九十]+[)）])")


def header_line(node: Node) -> str:
    """A grid 专栏's header row on one line: its cells (one a line as printed) three spaces apart."""
    return "   ".join(line.strip() for line in node.text.splitlines() if line.strip())


def entry_prefix(entry: Node, n: int, width: int) -> str:
    """"3. " before an entry, unless the entry prints its own number (1．… or （一）…)."""
    if SELF_NUMBERED.match(entry.text or entry.label):
        return ""
    return f"{n}.".rjust(width - 1) + " "


def enclosing_column(node: Node | None) -> Node | None:
    """The 专栏 node itself, or the 专栏 that holds this node, or None."""
    while node is not None:
        if node.kind == "column":
            return node
        node = node.parent
    return None


def column_heading(column: Node) -> str:
    """The 专栏's heading as printed (专栏1：空间载体), on one line; built from number and title if missing.
    Shown on screen: control characters as stand-ins."""
    return squeeze(column.heading or f"专栏{column.number}  {column.title}")


def host_path(column: Node) -> list[str]:
    """Plan short name and the headings above the 专栏 (its host section), as shown (one line each)."""
    parts = [column.plan.short] if column.plan else []
    parts += [a.label_text for a in column.ancestors() if a.kind in HEADING_KINDS]
    return [squeeze(p) for p in parts]


class Wrapped(NamedTuple):
    """A 专栏's lines at one width: the node, its lines, its plain text (`shown`), what they were made of."""

    node: Node | None
    lines: list[Strip]
    shown: list[str]
    items: list[RenderableType]


class ColumnDetail(SizedScrollView, can_focus=True):
    """Detail of one 专栏. `show(node)` updates it; `node` is the 专栏 shown (or None).

    A line-API view: the content is wrapped once per 专栏 and width into lines, and showing another
    专栏 repaints the pane without laying the screen out (a Static in a scroll container asked for
    two layouts, each drawn in a frame of its own after the key's)."""

    COMPONENT_CLASSES = {"column-detail--title", "column-detail--host", "column-detail--number",
                         "column-detail--label", "column-detail--empty"}

    DEFAULT_CSS = """
    ColumnDetail {
        background: $surface;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        /* the scrollbar's column kept (as the reader's): a 专栏 too long for the pane would otherwise
           be wrapped again one column narrower, and the screen laid out again, in a second frame */
        scrollbar-gutter: stable;
    }
    ColumnDetail:focus { background-tint: $foreground 3%; }
    ColumnDetail > .column-detail--title { text-style: bold; color: $accent; }
    ColumnDetail > .column-detail--host { color: $text-muted; }
    ColumnDetail > .column-detail--number { color: $text-muted; }
    ColumnDetail > .column-detail--label { text-style: bold; color: $secondary; }
    ColumnDetail > .column-detail--empty { color: $text-muted; text-style: italic; }
    """

    BORDER_TITLE = "专栏"

    # the reader's keys (j k g G space …): Tab brings the pane the focus, and a long 专栏 is read here too
    BINDINGS = [
        Binding("j,down", "scroll_down", "下滚", show=False, id="detail.down"),
        Binding("k,up", "scroll_up", "上滚", show=False, id="detail.up"),
        Binding("space,pagedown,ctrl+f", "page_down", "下页", show=False, id="detail.page_down"),
        Binding("pageup,ctrl+b", "page_up", "上页", show=False, id="detail.page_up"),
        Binding("g,home", "scroll_home", "顶部", show=False, id="detail.top"),
        Binding("G,end", "scroll_end", "底部", show=False, id="detail.bottom"),
    ]

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.node: Node | None = None
        self.shown: list[str] = []  # the plain text of what is shown (title, host, entries)
        self._built = False  # the content shows self.node (in the current styles)
        self._content: list[RenderableType] = []
        self._lines: list[Strip] = []
        self._lines_width = 0  # the width self._lines were wrapped at (0: not yet)
        # the lines of the last few 专栏 shown (or prepared), by (专栏, width, style): `{`, `b` and `f` come
        # back to them, `}` goes on to a prepared one; with what they were made of (their text, for `shown`)
        self._wrapped: OrderedDict[tuple[object, ...], Wrapped] = OrderedDict()

    def show(self, node: Node | None) -> None:
        """Show the 专栏 that is or holds `node` (clears the pane when there is none)."""
        column = enclosing_column(node)
        if self._built and column is self.node:  # the same 专栏 (or none) again: nothing to build or lay out
            if self.is_mounted and self.scroll_y:
                self.scroll_home(animate=False)
            return
        self.node = column
        if self.is_mounted:
            if not self._from_kept():
                self._refresh_content()
            self.scroll_home(animate=False)

    def prepare(self, node: Node | None) -> None:
        """Wrap ahead, at the current width, the 专栏 that is or holds `node`: `show` then finds its
        lines made (for the next `}`, after the key's frame: tui/screens/main_moves.py)."""
        column = enclosing_column(node)
        width = self.scrollable_content_region.width if self.is_mounted else 0
        if column is None or column is self.node or width <= 0:
            return
        base = self.rich_style
        key = (id(column), width, base)
        kept = self._wrapped.get(key)
        if kept is not None and kept.node is column:
            return
        items, shown = self._items(column)
        self._keep(key, Wrapped(column, self._content_strips(items, width, base), shown, items))
        shown_key = (id(self.node), self._lines_width, base)
        if shown_key in self._wrapped:
            self._wrapped.move_to_end(shown_key)  # the one shown stays the most recent

    def _from_kept(self) -> bool:
        """Show `self.node` from its kept lines at the current width, if they are kept."""
        width = self.scrollable_content_region.width
        kept = self._wrapped.get((id(self.node), width, self.rich_style)) if width > 0 else None
        if kept is None or kept.node is not self.node:
            return False
        self._wrapped.move_to_end((id(self.node), width, self.rich_style))
        self._built = True
        self._content, self.shown, self._lines = kept.items, kept.shown, kept.lines
        self._lines_width = width
        set_virtual_size(self, Size(width, len(self._lines)))
        self.refresh()
        return True

    def _keep(self, key: tuple[object, ...], wrapped: Wrapped) -> None:
        self._wrapped[key] = wrapped
        self._wrapped.move_to_end(key)
        while len(self._wrapped) > KEPT_COLUMNS:
            self._wrapped.popitem(last=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:  # a theme change: restyle (the component styles are baked into the text)
            # after Textual has restyled the component classes too (it does that after this call)
            self.call_later(self._restyle)

    def _restyle(self) -> None:
        self._rich_style_cache.clear()  # (component styles cached from before the change)
        self._wrapped.clear()
        self._refresh_content()

    def _refresh_content(self) -> None:
        column = self.node
        self._built = True
        style = self.get_component_rich_style
        if column is None:
            self.shown = []
            self._set_content([Text("专栏", style=style("column-detail--title")),
                               CJKText(Text("选中一个专栏可在此查看条目。", style=style("column-detail--empty")))])
            return
        items, self.shown = self._items(column)
        self._set_content(items)

    def _items(self, column: Node) -> tuple[list[RenderableType], list[str]]:
        """What the pane shows of a 专栏 (title, host, entries) and its plain text, for `shown`."""
        style = self.get_component_rich_style
        heading = column_heading(column)
        entries = [c for c in column.children if c.kind == "entry"]
        host = "所在：" + " › ".join(host_path(column)) + f"  · {len(entries)} 条"
        items: list = [CJKText(safe_text(heading, style("column-detail--title"))),
                       CJKText(Text(host, style=style("column-detail--host"))), Text("")]
        num_style = style("column-detail--number")
        label_style = style("column-detail--label")
        shown = [heading, host]
        width = len(str(len(entries))) + 2
        for header in (c for c in column.children if c.kind == "header"):
            line = header_line(header)
            items.append(CJKText(Text(line, style=label_style)))
            shown.append(line)
        for i, entry in enumerate(entries, 1):
            text = safe_text(entry.text or entry.label, multiline=True)
            if entry.label and text.plain.startswith(body_text(entry.label)):
                text.stylize(label_style, 0, len(entry.label))
            prefix = entry_prefix(entry, i, width)
            items.append(CJKText(text, prefix=Text(prefix, style=num_style)))
            shown.append(prefix + text.plain)
        others = [c for c in column.children if c.kind not in ("entry", "header")]
        for other in others:  # anything else the importer put in a 专栏 (paragraphs): keep every character
            items.append(CJKText(safe_text(other.full_text(), multiline=True)))
            shown.append(body_text(other.full_text()))
        if not entries and not others:
            items.append(Text("（无条目）", style=style("column-detail--empty")))
        return items, shown

    # -- lines ---------------------------------------------------------------------------------
    def _set_content(self, items: list[RenderableType]) -> None:
        self._content = items
        self._lines_width = 0
        self._wrap()
        self.refresh()

    def _wrap(self, rendering: bool = False) -> bool:
        """Wrap the content at the current width (if not yet); True if it was wrapped now. While
        rendering, the new height is given to the scroll area after the frame."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._lines_width:
            return False
        base = self.rich_style
        key = (id(self.node), width, base)
        kept = self._wrapped.get(key)
        if kept is not None and kept.node is self.node and kept.items is self._content:
            self._wrapped.move_to_end(key)
            self._lines = kept.lines
        else:
            self._lines = self._content_strips(self._content, width, base)
            self._keep(key, Wrapped(self.node, self._lines, self.shown, self._content))
        self._lines_width = width
        size = Size(width, len(self._lines))
        if rendering:
            self.call_later(set_virtual_size, self, size)
        else:
            set_virtual_size(self, size)
        return True

    def _content_strips(self, content: list[RenderableType], width: int, base: Style) -> list[Strip]:
        """The content's lines at this width, under the pane's style. A wrapped item's lines are made
        into strips directly (what Rich's `render_lines` of the whole group made of them, at half
        the cost: it split and measured every line again); anything else goes through Rich."""
        console = self.app.console
        options = console.options.update_width(width)
        out: list[Strip] = []
        for item in content:
            if isinstance(item, CJKText):
                lines = item.lines(width)
                if all(line.cell_len <= width and "\n" not in line.plain for line in lines):
                    out.extend(Strip(Segment.apply_style(line.render(console, end=""), base), line.cell_len)
                               for line in lines)
                    continue
            out.extend(Strip(line) for line in console.render_lines(item, options, style=base, pad=False))
        return out

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if changed and self.is_mounted:
            self._fill()  # at the size the screen's layout gave it, for the frame that layout draws
        return changed

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """Wrap the content at the current width; with none shown yet, the pane's own (the hint to
        choose a 专栏), made only now: a screen shows one as it mounts (the main screen's start)."""
        if not self._built:
            self._refresh_content()
        else:
            self._wrap()

    def plain_lines(self) -> list[str]:
        """Every line of the pane at its width, scrolled or not, as plain text (tests)."""
        self._fill()
        return ["".join(seg.text for seg in strip if not seg.control) for strip in self._lines]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._wrap(rendering=True)  # the width changed under it (a scrollbar came or went)
        self._line_style = Style(bgcolor=self.rich_style.bgcolor)  # (what pads a line is background only)
        self._line_width = self.scrollable_content_region.width  # (once per frame: each asks the screen)
        try:
            return super().render_lines(crop)
        finally:
            self._line_style = None

    _line_style: Style | None = None
    _line_width = 0

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        style = self._line_style
        if style is None:
            style = Style(bgcolor=self.rich_style.bgcolor)
            width = self.scrollable_content_region.width
        else:
            width = self._line_width
        index = scroll_y + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, style)
