"""A widget whose border rows are kept while its look is the same: only its content is drawn again.

Textual redraws a whole widget when it is refreshed whole, and a widget refreshes itself whole for
any change of its content: the search box (an `Input`, a `tall` border above and below its one line
of text) drew its two border rows again on every keystroke, two thirds of its part of the keystroke's
frame, though they show the same thing. `KeptEdges` keeps each border (and padding) row as Textual
drew it, by the look it was drawn with (size, colours, border and outline, padding, tint, opacity,
the app's line filters and ANSI theme), and asks Textual only for the content rows; a row is drawn
again, by Textual, as soon as any of that changes (focus, a theme, a resize). A widget with a border
title or subtitle is drawn as Textual draws it, every row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class KeptEdges(_Base):
    """Mixin, before the widget class in the bases."""

    _edges: dict[int, Strip] | None = None  # border/padding row y -> the strip Textual drew for it
    _edges_look: tuple[object, ...] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        styles = self.styles
        top, _right, bottom, _left = styles.gutter
        height = self.region.height  # (the whole widget's, as the styles cache counts its rows)
        if not (top or bottom) or self._border_title is not None or self._border_subtitle is not None:
            return super().render_lines(crop)
        app = self.app
        look = (self.region.size, self.background_colors, styles.border, styles.outline, styles.padding,
                styles.tint, styles.hatch if styles.has_rule("hatch") else None, self.opacity,
                tuple(self.get_line_filters()), app.ansi_theme, app.native_ansi_color, crop.column_span)
        if self._edges is None or look != self._edges_look:
            self._edges, self._edges_look = {}, look
        edges = self._edges
        strips: list[Strip] = []
        content_from = None  # the first row of the run of content rows being gathered
        for y in [*crop.line_range, None]:
            edge = y is not None and (y < top or y >= height - bottom)
            if content_from is not None and (y is None or edge):  # a run of content rows: Textual's
                end = crop.bottom if y is None else y
                strips.extend(super().render_lines(Region(crop.x, content_from, crop.width, end - content_from)))
                content_from = None
            if y is None:
                break
            if edge:
                kept = edges.get(y)
                if kept is None:
                    kept = edges[y] = super().render_lines(Region(crop.x, y, crop.width, 1))[0]
                strips.append(kept)
            elif content_from is None:
                content_from = y
        return strips

