"""The screen under a modal screen, tinted: Textual's translucent-screen background, its lines memoised.

A modal screen with a translucent background (`$background 60%`: the command palette, the help, the
bookmarks) is drawn over the screen under it through Textual's `BackgroundScreen`: the whole screen
below rendered, every segment re-coloured, the result cut into lines again — about half of each such
frame (10–15 ms at 120×40 on a loaded machine), on every open, though what is under it has rarely
changed since the last. `Backdrop` draws the same lines — the screen below as its compositor renders
it, each segment tinted by `BackgroundScreen.process_segments` and put over the modal's base style, as
Textual's widget rendering does — and keeps each tinted line, keyed by the line it tinted: a line of
the screen below that has not changed is not tinted again.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.color import Color
from textual.css.styles import RulesMap
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

LineKey = tuple[RichStyle, Color, tuple[Segment, ...]]
Lines = LRUCache[LineKey, Strip]


_SHARED: Lines = LRUCache(maxsize=1200)


def memo() -> Lines:
    """The memo of tinted lines, one for every modal screen (a few screens' worth): the lines are keyed by
    the modal's own style and tint too, and the screen under the help, the palette and the bookmarks is
    usually the same, so the first of them tints the lines the others' first opens then find."""
    return _SHARED


class Backdrop(BackgroundScreen):
    """Textual's `BackgroundScreen` (still a Rich renderable), shown through `visualize` by a
    `TintedLines` Visual that memoises its lines in `lines`."""

    def __init__(self, screen: Screen[object], color: Color, lines: Lines) -> None:
        super().__init__(screen, color)
        self.lines = lines

    def visualize(self) -> Visual:
        return TintedLines(self)


class TintedLines(Visual):
    def __init__(self, backdrop: Backdrop) -> None:
        self.backdrop = backdrop

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.backdrop.screen.size.height

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        base = style.rich_style
        tint = self.backdrop.color
        memo = self.backdrop.lines
        below = self.backdrop.screen._compositor.render_strips()  # (what BackgroundScreen renders)
        if height is not None:
            below = below[:height]
        out: list[Strip] = []
        for line in below:
            key = (base, tint, tuple(line))
            tinted = memo.get(key)
            if tinted is None:
                # as Textual's widget rendering puts a rendered segment over the widget's style (_Styled)
                tinted = Strip([Segment(text, base + segment_style if segment_style else base)
                                for text, segment_style, _control in BackgroundScreen.process_segments(line, tint)])
                if tinted.cell_length != width:
                    tinted = tinted.crop_extend(0, width, base)
                memo[key] = tinted
            out.append(tinted)
        return out


def backdrop(rendered: RenderableType, lines: Lines) -> RenderableType:
    """For a modal screen's `render`: Textual's `Screen.render()` result, with the BackgroundScreen it
    chose (if it did) drawn with memoised lines."""
    if type(rendered) is BackgroundScreen:
        return Backdrop(rendered.screen, rendered.color, lines)
    return rendered
