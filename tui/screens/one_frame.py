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

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self, cast

from textual._compositor import Compositor
from textual._time import get_time
from textual.geometry import Region, Size
from textual.messages import Layout, Update
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets._toast import ToastRack

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[object]
else:
    _Base = object


class CoveredCompositor(Compositor):
    """Textual's compositor, but a widget whose every cell in the frame is covered by widgets in front
    of it is not rendered: the screen and the containers (`Horizontal`, `Vertical`) under the tree,
    reader and panes drew a blank line per row (and had it cut at every widget's edge) only for it to be
    thrown away, a tenth of the first frame. The frame is the same: Textual paints front to back, the
    first strip for a cell wins, and a cell is only ever filled by a widget's whole strip between two cuts."""

    def _render_chops(self, crop: Region, is_rendered_line: Callable[[int], bool]) -> Sequence[Mapping[int, Strip]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        intersection = Region.intersection
        contains_region = Region.contains_region
        crop_overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():
            if not crop_overlaps(clip):
                continue
            render_region = intersection(region, clip)
            first_cut, last_cut = render_region.column_span
            lines = [y for y in render_region.line_range if is_rendered_line(y)]
            if all(chops[y].get(cut) is not None for y in lines for cut in cuts[y] if first_cut <= cut < last_cut):
                continue  # (every cell it would draw is drawn already, by widgets in front of it)
            if contains_region(clip, region):
                strips = widget.render_lines(Region(0, 0, region.width, region.height))
            else:
                new_x, new_y, new_width, new_height = render_region
                if not (new_width and new_height):
                    continue
                strips = widget.render_lines(Region(new_x - region.x, new_y - region.y, new_width, new_height))
            render_x = render_region.x
            for y, strip in zip(render_region.line_range, strips):
                if not is_rendered_line(y):
                    continue
                chops_line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                cut_strips = strip.divide([cut - render_x for cut in final_cuts[1:]])
                get_chops_line = chops_line.get
                for cut, cut_strip in zip(final_cuts, cut_strips):
                    if get_chops_line(cut) is None:
                        chops_line[cut] = cut_strip
        return cast("Sequence[Mapping[int, Strip]]", chops)


class OneFrame(_Base):
    """Mixin, before the Screen class in the bases (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compositor = CoveredCompositor()

    _layout_then_repaint = False  # a layout is under way and the whole screen is repainted right after it
    _laid_out = False  # the screen has been laid out once
    _laid_out_at = float("-inf")  # when the last full layout began (textual._time.get_time)

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        full = not scroll or bool(self._layout_widgets)  # (as Textual decides: a reflow, not a scroll)
        # what each widget asked for before: a request made by this layout's own sizes is dropped below
        first = full and not self._laid_out  # the screen's first layout: every widget is arranged afresh
        # (the first layout draws its frame at once: the widgets that wait for their size to fill it, the
        # reader and the 专栏 pane, fill it as the layout sizes them, not at their Resize event after it)
        self._layout_then_repaint = self._repaint_required and self.is_current and not first
        asked = {widget: (widget._layout_required and not first, widget.show_vertical_scrollbar,
                          widget.show_horizontal_scrollbar)
                 for widget in (self, *self.walk_children(Widget))} if full else {}
        if first:
            self._laid_out = True
            for widget in asked:
                widget._clear_arrangement_cache()  # (so nothing arranged before its requests is used)
                if isinstance(widget, ToastRack) and not self.app._notifications:
                    # as App._refresh_notifications leaves it, right after this layout: hidden now, so
                    # hiding it then asks for no second layout
                    widget.display = False
        if full:
            self._laid_out_at = get_time()
        self._first_frame = first
        try:
            super()._refresh_layout(size, scroll)
        finally:
            self._layout_then_repaint = False
            self._first_frame = False
        # its frame, drawn just now, is the whole screen: Screen._on_screen_resume's repaint right after it
        # would draw it all again
        self._drawn_whole = first and self.is_current and not self._dirty_widgets
        if full:
            for widget, _geometry in self._compositor.layers:
                if isinstance(widget, ScrollBar):
                    widget._layout_required = False  # (asked for by its size given just now: see above)
            for widget, before in asked.items():
                if not widget._layout_required or before[0]:
                    continue  # (nothing asked, or it had asked before this layout)
                # its `virtual_size`, given by this layout: the layout is the same again unless its
                # scrollbars came or went (only a scrollable widget's virtual size places anything)
                if not widget.is_scrollable or (widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar) == before[1:]:
                    widget._layout_required = False

    _drawn_whole = False  # the first layout has just drawn the whole screen

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._drawn_whole:
            self._drawn_whole = False
            if repaint and not (regions or layout or recompose):
                return self  # (see _refresh_layout)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    _first_frame = False  # the screen's first layout is under way: its frame is the whole screen
    _first_drawn_at = float("-inf")  # when that frame was drawn (textual._time.get_time)

    async def _on_update(self, message: Update) -> None:
        # (Textual calls this before Screen's own `_on_update`, which a prevented default skips)
        if message.time < self._first_drawn_at:
            message.stop()  # a repaint asked for before the first frame, which drew the whole screen
            message.prevent_default()

    async def _on_layout(self, message: Layout) -> None:
        # (Textual calls this before Screen's own `_on_layout`, which a prevented default skips)
        if message.time < self._laid_out_at:
            # asked for before the last full layout began: that layout arranged its widget as it is now
            # (the request cleared the arrangements it changed as it was made). Those made as the screen
            # was composed came in after its first layout, which a second one followed, before the first frame
            message.stop()
            message.prevent_default()

    def _compositor_refresh(self) -> None:
        if self._layout_then_repaint:
            return  # (the repaint right after the layout draws the frame)
        if self.is_current:
            if self in self._dirty_widgets or self._first_frame:  # the whole screen: every widget is drawn now
                for widget in self._compositor.visible_widgets:
                    widget._repaint_required = False  # (its lines marked dirty are drawn in this frame)
                if self._first_frame:
                    # and those announced already, whose messages are still to come: drawn in it too
                    self._first_drawn_at = get_time()
            else:  # a partial frame: the widgets whose repaint is still to be announced are drawn in it too
                pending = [widget for widget in self._compositor.visible_widgets if widget._repaint_required]
                if pending:
                    self._compositor.update_widgets(set(pending))
                    for widget in pending:
                        widget._repaint_required = False
        super()._compositor_refresh()
