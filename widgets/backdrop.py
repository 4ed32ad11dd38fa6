"""The dimmed screen behind a modal screen, tinted once per style instead of once per character run.

Textual draws a modal screen with a translucent background over the screen under it
(`BackgroundScreen`): each time the modal repaints itself whole (every open) it renders the screen
below and blends the tint into every segment, building two `Color`s and a `Style` for each of the
~1,700 runs of a full main screen — 20–40 ms of every `B` on a loaded machine. A screen has a few
dozen distinct styles: `QuickBackdrop` blends each once (`tint`) and keeps the result, so the backdrop
costs the render of the screen below and a dictionary look-up per run. It looks exactly as Textual's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[object]
else:
    _Base = object

TINTS_MAX = 4096  # styles kept per tint colour (a screen has tens; a theme change brings new ones)

_tints: dict[tuple[Style | None, Color], Style] = {}


def tint(style: Style | None, color: Color) -> Style:
    """`style` as Textual's `BackgroundScreen` draws it under a modal whose background is `color`."""
    key = (style, color)
    got = _tints.get(key)
    if got is None:
        if len(_tints) >= TINTS_MAX:
            _tints.clear()
        segment = next(iter(BackgroundScreen.process_segments([Segment(" ", style)], color)))
        got = _tints[key] = segment.style or Style()
    return got


class QuickTint(BackgroundScreen):
    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:
        if color.a == 0:
            yield from super().process_segments(segments, color)
            return
        for segment in segments:
            text, style, control = segment
            yield segment if control else Segment(text, tint(style, color), control)


class QuickBackdrop(_Base):
    """Mixin for a modal screen (before the Screen class in the bases)."""

    def render(self) -> RenderableType:
        rendered = super().render()
        if type(rendered) is BackgroundScreen:
            return QuickTint(rendered.screen, rendered.color)
        return rendered
