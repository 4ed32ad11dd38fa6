"""A scrollable stack of Rich renderables drawn through the line API: rendered once per width.

The help screen was a dozen `Static`s, one Rich table each, in a `VerticalScroll`: Textual rendered
every table to measure its height, then again to draw it, and laid out a dozen widgets, 100–200 ms
on a loaded machine. `StackedView` renders its renderables one under the other once for a width (as
a `Static` renders one, with the app's console), keeps the lines, and hands the visible ones to
Textual per line (`render_line`): scrolling, reopening and repainting cost no rendering.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual import work
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class StackedView(ScrollView, can_focus=False):
    """`renderables` one under the other, `gaps[i]` blank lines above the i-th. (The scrollbar's gutter
    is kept, shown or not: the lines are rendered for one width whatever their number.)"""

    DEFAULT_CSS = """
    StackedView { height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; }
    """

    def __init__(self, renderables: list[RenderableType], gaps: list[int] | None = None, *,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._renderables = list(renderables)
        self._gaps = list(gaps) if gaps is not None else [0] * len(self._renderables)
        self._lines: dict[int, list[Strip]] = {}  # width → every line, rendered

    def update(self, renderables: list[RenderableType], gaps: list[int] | None = None) -> None:
        """Show other renderables (rendered again, from the top)."""
        self._renderables = list(renderables)
        self._gaps = list(gaps) if gaps is not None else [0] * len(self._renderables)
        self._lines.clear()
        self._fit()
        self.scroll_home(animate=False, immediate=True)
        self.refresh()

    def lines(self, width: int) -> list[Strip]:
        """Every line at `width` (rendered on first need, then kept)."""
        lines = self._lines.get(width)
        if lines is None:
            lines = self._lines[width] = self._render_stack(width, self._renderables, self._gaps)
        return lines

    def _render_stack(self, width: int, renderables: list[RenderableType], gaps: list[int]) -> list[Strip]:
        """The lines at `width`, as a Static renders a renderable (the app's console; Rich's console
        renders under its own lock, so a worker thread may call this too)."""
        app = self.app
        options = app.console_options.update(highlight=False, width=width)
        lines: list[Strip] = []
        for renderable, gap in zip(renderables, gaps, strict=True):
            lines.extend(Strip.blank(width) for _ in range(gap))
            lines.extend(Strip(line, width) for line in app.console.render_lines(renderable, options, pad=True))
        return lines

    def _fit(self) -> None:
        width = self.scrollable_content_region.width
        if width > 0:
            self.virtual_size = Size(width, len(self.lines(width)))

    def on_resize(self, event: Resize) -> None:
        width = self.scrollable_content_region.width
        if width > 0 and width not in self._lines and not self.screen.is_current:
            # laid out off-screen (a screen built ahead, tui/screens/kept.py): rendered in a thread,
            # the event loop stays free for the keys the user types meanwhile
            self._render_apart(width, self._renderables, self._gaps)
        else:
            self._fit()

    @work(thread=True, exclusive=True, group="stacked-view", exit_on_error=False)
    def _render_apart(self, width: int, renderables: list[RenderableType], gaps: list[int]) -> None:
        lines = self._render_stack(width, renderables, gaps)
        self.app.call_from_thread(self._rendered, width, renderables, lines)

    def _rendered(self, width: int, renderables: list[RenderableType], lines: list[Strip]) -> None:
        if renderables is self._renderables:  # (not replaced meanwhile)
            self._lines.setdefault(width, lines)
            self._fit()
            self.refresh(layout=True)  # its screen lays it out again (off-screen too) with its new height

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self._lines.get(width)
        if lines is None:
            # off-screen the lines come from the thread (on_resize); shown, they are rendered now
            lines = self.lines(width) if width > 0 and self.screen.is_current else []
        index = y + self.scroll_offset.y
        line = lines[index] if 0 <= index < len(lines) else Strip.blank(width)
        return line.apply_style(self.rich_style)


__all__ = ["StackedView"]
