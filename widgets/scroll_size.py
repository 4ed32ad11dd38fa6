"""Scroll views that change their virtual size without laying the whole screen out again.

Setting `virtual_size` (a reactive with `layout=True`) makes Textual lay out the whole screen, and
the scrollbar's new thumb is drawn in a frame of its own after that: two or three frames for one
key. `set_virtual_size` updates the size and the scrollbar in this turn instead (a scrollbar that
comes or goes still lays the screen out: `show_vertical_scrollbar` asks for that itself).

`SizedScrollView` goes with it. Textual's compositor tells a scroll view without children that its
virtual size is its visible area, which never equals the real one, so after *every* layout of the
screen (another widget's) the scroll view updated its scrollbars and drew them in one more frame. A
`SizedScrollView` knows its own virtual size (set only through `set_virtual_size`) and updates its
scrollbars when that, its size or its container changes.

A `SizedScrollView` whose scrollbar column is reserved (`scrollbar-gutter: stable`) keeps its vertical
scrollbar in that column all the time, drawn blank (the view's background, as the bare column was)
while there is nothing to scroll: a scrollbar that came or went laid the whole screen out and
redrew every widget on it (the reader moving from a long section to a short one, the 专栏 pane from
a long 专栏 to a short one: 10–25 ms of a key's frame).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.events import Mount
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` this virtual size, its scrollbars updated now (see the module docstring)."""
    if view.virtual_size == size:
        return
    if not (view.is_mounted and view.container_size):
        view.virtual_size = size  # not laid out yet: its first layout sizes the scrollbars
        return
    view.set_reactive(Widget.virtual_size, size)
    view._scroll_update(size)  # the scrollbars' windows, and the scroll clamped to fit


if TYPE_CHECKING:
    _Base = ScrollView
else:
    _Base = object


class OwnVirtualSize(_Base):
    """Mixin for a scroll view (before it in the bases): its virtual size is its own, not the
    compositor's, and its scrollbars follow a change of it in the same turn."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def watch_virtual_size(self, size: Size) -> None:
        # assigned (by Textual's own code, e.g. Tree's): the scrollbars now, not after a layout
        if self.is_mounted and self.container_size:
            self._scroll_update(size)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """A `GutterScrollBar` (Textual's, drawn for less), made on first use as Textual makes its own."""
        if self._vertical_scrollbar is None:
            bar = self._vertical_scrollbar = GutterScrollBar(
                vertical=True, name="vertical", thickness=self.styles.scrollbar_size_vertical)
            bar.display = False
            self.app._start_widget(self, bar)
        return super().vertical_scrollbar


class GutterScrollBar(ScrollBar):
    """The vertical scrollbar of an `OwnVirtualSize` view (the reader, the 专栏 pane, the tree). Kept in
    its reserved column (`SizedScrollView`), it is blank, in its view's background, while the whole
    content fits (nothing to scroll, nothing to click).

    Its lines are made directly from the bar's segments, one `Strip` a line, and kept while the bar
    shows the same thing: Textual's own path (a Rich render, then its styles cache, line by line)
    cost 1–2 ms a bar for every key that moved the reader or the tree (a bar is redrawn whole). The
    lines are the ones Textual draws (tests/test_scroll_gutter.py)."""

    _kept: tuple[tuple[object, ...], list[Strip]] | None = None

    def _blank(self) -> bool:
        return self.window_virtual_size <= self.window_size and not self.grabbed

    def _view_background(self) -> Color:
        view = self.parent
        return view.background_colors[1] if isinstance(view, Widget) else Color(0, 0, 0, 0)

    def render_lines(self, crop: Region) -> list[Strip]:
        width, height = self.size
        if not (self.vertical and width and height):
            return super().render_lines(crop)
        renderable = None if self._blank() else self.render()
        if renderable is None:
            state: tuple[object, ...] = (self._view_background(),)
        elif isinstance(renderable, ScrollBarRender):
            state = (renderable.virtual_size, renderable.window_size, renderable.position, renderable.style)
        else:
            return super().render_lines(crop)
        base_background, background = self.background_colors
        filters = tuple(self.get_line_filters())
        key = (width, height, base_background, background, filters, *state)
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, self._lines(width, height, renderable, base_background + background, filters,
                                           background))
        lines = self._kept[1][crop.y:crop.bottom]
        if crop.x or crop.width != width:
            lines = [line.crop(crop.x, crop.right) for line in lines]
        return lines

    def _lines(self, width: int, height: int, renderable: ScrollBarRender | None, under: Color,
               filters: Sequence[LineFilter], background: Color) -> list[Strip]:
        """The bar's lines as Textual's styles cache makes them: each segment over the widget's background
        (and, for the bar, its own style)."""
        inner = Style(bgcolor=under.rich_color)
        if renderable is None:  # blank: the view's background, as its bare gutter was drawn
            segments = [Segment(" " * width, Style(bgcolor=self._view_background().rich_color))] * height
        else:
            inner += self.visual_style.rich_style
            style = renderable.style if isinstance(renderable.style, Style) else Style.parse(str(renderable.style))
            bar = renderable.render_bar(size=height, virtual_size=renderable.virtual_size,
                                        window_size=renderable.window_size, position=renderable.position,
                                        thickness=width, vertical=True,
                                        back_color=style.bgcolor or RichColor.parse("#555555"),
                                        bar_color=style.color or RichColor.parse("bright_magenta"))
            segments = bar.segments
        lines = []
        for segment in segments[:height]:
            strip = Strip([Segment(segment.text, inner + segment.style if segment.style else inner)], width)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            lines.append(strip)
        return lines


class SizedScrollView(OwnVirtualSize, ScrollView):
    """A scroll view whose virtual size is its own (set with `set_virtual_size`), not the compositor's;
    with a reserved scrollbar column, its vertical scrollbar never comes or goes (see the module docstring)."""

    @property
    def thumb_shown(self) -> bool:
        """The vertical scrollbar's thumb is shown (there is more than fits)."""
        return bool(self.show_vertical_scrollbar) and self.virtual_size.height > self.scrollable_content_region.height

    def _kept_bar(self) -> bool:
        """The vertical scrollbar stays in its reserved column (shown blank when nothing scrolls)."""
        styles = self.styles
        return styles.scrollbar_gutter == "stable" and styles.overflow_y == "auto"

    def _overflows(self) -> bool:
        """More lines than fit: what Textual's own test for showing the scrollbar is."""
        return self.virtual_size.height > self._container_size.height

    def _on_mount(self, event: Mount) -> None:
        super()._on_mount(event)
        if self._kept_bar():  # shown from the start, so the first layout places it (not a second one)
            self.show_vertical_scrollbar = True
            self.vertical_scrollbar.display = True

    def _refresh_scrollbars(self) -> None:
        if not (self._kept_bar() and self.is_scrollable and self.container_size):
            super()._refresh_scrollbars()
            return
        # the vertical scrollbar is shown once and for all (later changes of size only redraw it); the
        # horizontal one as Textual shows it (never, for a view whose lines are wrapped to its width)
        overflow_x = self.styles.overflow_x
        width = self._container_size.width - self.styles.scrollbar_size_vertical
        show_horizontal = overflow_x == "scroll" or (overflow_x == "auto" and self.virtual_size.width > width)
        self.show_horizontal_scrollbar = show_horizontal
        if self._horizontal_scrollbar is not None or show_horizontal:
            self.horizontal_scrollbar.display = show_horizontal
        self.show_vertical_scrollbar = True
        self.vertical_scrollbar.display = True

    @property
    def allow_vertical_scroll(self) -> bool:
        """As Textual's (scroll keys and the wheel pass to the parent when there is nothing to scroll)."""
        if self._kept_bar():
            return not self._check_disabled() and self.is_scrollable and self._overflows()
        return super().allow_vertical_scroll
