"""One line above the reader: 绍兴市 › 四、主要任务 › （一）… cut from the left to fit, never mid-character."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.core.safetext import visible
from tui.core.textwidth import cut_left


class Breadcrumb(Widget):
    """Shows `parts` joined by ›; the leading parts give way first when the line is too narrow."""

    DEFAULT_CSS = """
    Breadcrumb {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    Breadcrumb > .breadcrumb--last { color: $foreground; text-style: bold; }
    """

    COMPONENT_CLASSES = {"breadcrumb--last"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.parts: list[str] = []

    def set_parts(self, parts: list[str]) -> None:
        self.parts = [visible(p.replace("\n", " "), multiline=False) for p in parts if p]
        self.refresh()

    @property
    def plain(self) -> str:
        return " › ".join(self.parts)

    def render(self) -> Text:
        width = self.content_region.width or 80
        line = cut_left(self.parts, width)
        text = Text(line, no_wrap=True, overflow="crop")
        last = self.parts[-1] if self.parts else ""
        if last and line.endswith(last):
            text.stylize(self.get_component_rich_style("breadcrumb--last"), len(line) - len(last))
        return text
