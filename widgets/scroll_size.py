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

from textual.geometry import Size
from textual.scroll_view import ScrollView
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


class SizedScrollView(OwnVirtualSize, ScrollView):
    """A scroll view whose virtual size is its own (set with `set_virtual_size`), not the compositor's."""

    @property
    def thumb_shown(self) -> bool:
        """The vertical scrollbar is shown (there is more than fits)."""
        return bool(self.show_vertical_scrollbar) and self.virtual_size.height > self.scrollable_content_region.height
