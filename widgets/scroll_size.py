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
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
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


class GutterScrollBar(ScrollBar):
    """A vertical scrollbar that, while everything fits, draws the empty gutter (the scroll view's
    own background, as Textual draws a hidden scrollbar's reserved column)."""

    def render(self) -> RenderableType:
        parent = self.parent
        if isinstance(parent, Widget) and self.window_size >= self.window_virtual_size:
            background = parent.background_colors[1].rich_color
            return self.renderer(window_size=0, thickness=self.thickness, vertical=True, style=Style(bgcolor=background))
        return super().render()


class StableGutter(_Base):
    """Mixin for a scroll view (before it in the bases) with `scrollbar-gutter: stable`: its vertical
    scrollbar never comes or goes (it is drawn as the empty gutter while everything fits). Textual
    lays the whole screen out whenever a scrollbar comes or goes, and a key that showed a long
    section after a short one drew that layout in its own frame, although with a stable gutter
    nothing moves."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = bar = GutterScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    @property
    def thumb_shown(self) -> bool:
        """The vertical scrollbar draws a thumb (there is more than fits), not just the gutter."""
        if not self.show_vertical_scrollbar:
            return False
        bar = self.vertical_scrollbar
        return bool(bar.display) and bar.window_size < bar.window_virtual_size

    def _always_shown(self) -> bool:
        styles = self.styles
        return (styles.scrollbar_gutter == "stable" and styles.overflow_y == "auto"
                and styles.overflow_x != "scroll" and self.virtual_size.width <= self.container_size.width)

    def _refresh_scrollbars(self) -> None:
        if not (self.is_scrollable and self.container_size and self._always_shown()):
            super()._refresh_scrollbars()
            return
        self.show_horizontal_scrollbar = False
        self.show_vertical_scrollbar = True  # a layout the first time only
        bar = self.vertical_scrollbar
        if not bar.display:
            bar.display = True
        if self._horizontal_scrollbar is not None and self._horizontal_scrollbar.display:
            self._horizontal_scrollbar.display = False


class SizedScrollView(StableGutter, OwnVirtualSize, ScrollView):
    """A scroll view whose virtual size is its own (set with `set_virtual_size`), not the compositor's;
    with `scrollbar-gutter: stable`, its vertical scrollbar never comes or goes (`StableGutter`)."""
