"""A horizontal bar chart of one indicator across plans: baseline beside target, drawn with
Rich Text. Baseline bars are light shade (░), target bars full blocks (█), so the two read
apart in any theme, 16 colours and monochrome included; every bar carries its printed value.
A value that is not a number (增速高于…, —) gets no bar, only its printed text."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size  # set_cell_size: pad or cut to exactly N cells
from rich.text import Text
from textual.widget import Widget

from tui.core.safetext import visible

BASE_CHAR = "░"
TARGET_CHAR = "█"


@dataclass
class Bar:
    label: str  # the plan (柯桥区)
    baseline: float | None
    baseline_printed: str
    target: float | None
    target_printed: str
    base_year: int | None = None
    target_year: int | None = None
    labels: tuple[str, str] = ("基期", "目标")  # what the two bars are (目标/实绩 for results)


def render_bars(title: str, bars: list[Bar], width: int) -> Text:
    """The chart as Text, `width` cells wide (plan text kept as plain text, never markup, its control
    characters shown as stand-ins)."""
    title = visible(title, multiline=False)
    bars = [Bar(visible(b.label, multiline=False), b.baseline, visible(b.baseline_printed, multiline=False), b.target,
                visible(b.target_printed, multiline=False), b.base_year, b.target_year, b.labels) for b in bars]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(title, style="bold")
    first, second = bars[0].labels if bars else ("基期", "目标")
    text.append("   ")
    text.append(BASE_CHAR * 2 + " " + first, style="dim")
    text.append("  ")
    text.append(TARGET_CHAR * 2 + " " + second, style="bold")
    if not bars:
        text.append("\n（无数据）", style="dim")
        return text
    label_w = max(cell_len(b.label) for b in bars)
    year_w = 8  # "2020基期": four digits and two CJK cells
    value_w = min(24, max([cell_len(b.baseline_printed) for b in bars] + [cell_len(b.target_printed) for b in bars] + [1]))
    bar_w = max(4, width - label_w - 1 - year_w - 1 - value_w - 1)
    top = max([abs(v) for b in bars for v in (b.baseline, b.target) if v is not None] or [0.0])
    for b in bars:
        for first_bar, kind, value, printed, year in ((True, b.labels[0], b.baseline, b.baseline_printed, b.base_year),
                                                      (False, b.labels[1], b.target, b.target_printed, b.target_year)):
            text.append("\n")
            text.append(set_cell_size(b.label if first_bar else "", label_w) + " ")
            text.append(set_cell_size(f"{year or ''}{kind}" if year else kind, year_w) + " ", style="dim")
            n = 0 if value is None or top == 0 else max(1 if value else 0, round(abs(value) / top * bar_w))
            char, style = (BASE_CHAR, "dim") if first_bar else (TARGET_CHAR, "bold")
            text.append(char * n, style=style)
            text.append(" " * (bar_w - n) + " ")
            text.append(printed if printed else "", style="italic" if value is None and printed else "")
    return text


class BarChart(Widget):
    """Shows `render_bars` for the bars it is given; redraws to its width."""

    DEFAULT_CSS = """
    BarChart {
        height: auto;
        max-height: 14;
        padding: 0 1;
        border-top: solid $primary;
        background: $surface;
        color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._title = ""
        self._bars: list[Bar] = []
        self._slots = 0  # room kept for this many bars, so the height stays as the bars come and go

    def show(self, title: str, bars: list[Bar], slots: int | None = None) -> None:
        """Draw these bars; `slots`: keep room for that many (the plans a table shows), so moving from
        row to row changes no layout (the screen's other parts keep their place)."""
        if title == self._title and bars == self._bars and slots in (None, self._slots):
            return  # the same chart: nothing to draw again
        before = self._lines()
        self._title, self._bars = title, list(bars)
        if slots is not None:
            self._slots = slots
        self.refresh(layout=self._lines() != before)

    def _lines(self) -> int:
        n = max(len(self._bars), self._slots)
        return 1 + 2 * n if n else 2

    @property
    def bars(self) -> list[Bar]:
        return list(self._bars)

    def get_content_height(self, container, viewport, width: int) -> int:
        return self._lines()

    def render(self) -> Text:
        return render_bars(self._title, self._bars, max(20, self.content_size.width))
