"""A screen whose layout draws one frame: no second layout for a scrollbar that came, and no frame of
the layout's own when the whole screen is repainted in the same update.

Two habits of Textual's `Screen._refresh_layout` drew two or three frames for one key (measured with
bench/search_keys.py and bench/keytrace.py; the second frame waits for the next tick of the screen's
60 Hz update timer, so the last frame came 20–35 ms after the first):

- Laying the screen out gives each widget its size with `_size_updated`, which sets its `virtual_size`
  reactive, and that reactive asks for another layout of the whole screen. For a scrollbar that has just
  come (a long 专栏, the tree grown past its pane, the result list filling up) or changed size, that layout
  has nothing to do — a scrollbar has no children and its place was worked out by this layout — yet it
  came a frame later. Those requests are dropped here, so the layout's frame is the last.
- Coming back from a screen that covered this one (Enter on a search result, which goes there as the
  search screen closes) with a layout due, Textual drew the laid-out regions, then the whole screen again
  in the same update: two frames. The layout then draws no frame of its own; the repaint that follows it
  in `_on_timer_update` draws the one frame.
- A frame of the whole screen draws every widget, those whose repaint is still to be announced too (a
  widget tells the screen on its own idle turn, which may come after the frame: the tree the jump
  expanded and moved, the reader): those announcements came after the frame and drew one more frame, of
  lines just drawn. They are dropped as the whole screen is drawn; a partial frame draws such widgets
  too (a scrollbar whose thumb a layout's sizes moved, `b`'s frame: its announcement came after the
  frame and drew the bar again, a frame later).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size
from textual.scrollbar import ScrollBar

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[object]
else:
    _Base = object


class OneFrame(_Base):
    """Mixin, before the Screen class in the bases (see the module docstring)."""

    _layout_then_repaint = False  # a layout is under way and the whole screen is repainted right after it

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        full = not scroll or bool(self._layout_widgets)  # (as Textual decides: a reflow, not a scroll)
        self._layout_then_repaint = self._repaint_required and self.is_current
        try:
            super()._refresh_layout(size, scroll)
        finally:
            self._layout_then_repaint = False
        if full:
            for widget, _geometry in self._compositor.layers:
                if isinstance(widget, ScrollBar):
                    widget._layout_required = False  # (asked for by its size given just now: see above)

    def _compositor_refresh(self) -> None:
        if self._layout_then_repaint:
            return  # (the repaint right after the layout draws the frame)
        if self.is_current:
            if self in self._dirty_widgets:  # the whole screen: every widget is drawn now
                for widget in self._compositor.visible_widgets:
                    widget._repaint_required = False  # (its lines marked dirty are drawn in this frame)
            else:  # a partial frame: the widgets whose repaint is still to be announced are drawn in it too
                pending = [widget for widget in self._compositor.visible_widgets if widget._repaint_required]
                if pending:
                    self._compositor.update_widgets(set(pending))
                    for widget in pending:
                        widget._repaint_required = False
        super()._compositor_refresh()
