"""The compare screen's panes under its table: the highlighted cell's detail (its figures, an
indicator's catalog note, a cut cell in full), the bar chart of the row's indicator, the status line.

Each is drawn from what the table shows (`CompareScreen.current()`); an update that changes nothing a
pane shows leaves it alone, so a cursor move or a reopen repaints only what differs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tui.core import compare as cmp
from tui.core.safetext import safe_text, visible
from tui.core.textwidth import cut_lines
from widgets.bar_chart import Bar, BarChart
from widgets.compare_cells import bar_of, detail_line

if TYPE_CHECKING:
    from tui.screens.compare import CompareScreen

DETAIL_LINES = (4, 2)  # the detail's lines at full height / compact (d shows it all)


def detail_text(screen: CompareScreen) -> tuple[Text, Text | None]:
    """The detail pane's text as drawn (cut to its lines unless shown in full), and in full for its
    tooltip (None: no tooltip)."""
    item, fig = screen.current()
    table = screen.table
    if item is None:
        return Text("（没有可比较的指标）" if not screen.filter_text else "（没有匹配的指标）", style="dim"), None
    text = Text()
    if table.cursor_column == 0 and item.grid_row is not None:
        ind = item.grid_row.indicator
        if ind is not None:
            text.append(visible(ind.name, multiline=False), style="bold")
            text.append(visible(f"（{ind.unit}，{ind.kind_label}）", multiline=False))
            if ind.note:
                text.append("  " + visible(ind.note, multiline=False))
            text.append(visible(f"  [{ind.key}]", multiline=False), style="dim")
        else:
            text.append("目录中没有这一指标名（plans indicators --unmapped）", style="italic")
    elif fig is not None:
        text = detail_line(fig)
    col = table.cursor_column
    if table.is_cut(table.cursor_row, col):  # the cell under the cursor is shown cut: its full text first
        name = visible(column_name(screen, col), multiline=False)
        full = item.cells[col].plain.replace("\n", " ")
        text = Text.assemble((f"{name}：", "dim"), full, "  ", text)
    tooltip = text.copy() if text.plain else None  # Text: a str tooltip is parsed as markup
    if not screen.detail_full:
        detail = screen.query_one("#compare-detail", Static)
        width = (detail.size.width or screen.app.size.width) - 2
        text = cut_lines(text, width, DETAIL_LINES[screen.compact], screen.app.console, " d 全文")
    return text, tooltip


def chart_of(screen: CompareScreen) -> tuple[str, list[Bar], int]:
    """The chart's title, bars and the room it keeps (the plans a row can hold)."""
    item, fig = screen.current()
    if item is None:
        return "", [], 0
    bars: list[Bar] = [bar_of(f) for f in item.figures if f is not None]
    if screen.mode == "results":
        bars = [Bar(f.plan.shown_short, cmp.numeric(f.planned), cmp.printed(f.planned),
                    cmp.numeric(f.actual), cmp.printed(f.actual), f.result_year, f.result_year,
                    labels=("目标", "实绩"))
                for f in item.figures if f is not None]
    name = fig.name if fig is not None else ""
    unit = fig.unit if fig is not None else ""
    slots = max((len(i.figures) for i in screen.lines[:1]), default=0)
    return (f"{name}（{unit}）" if unit else name), bars, slots


def column_name(screen: CompareScreen, i: int) -> str:
    columns = screen.table.columns
    return columns[i].header.plain.split("\n")[0] if 0 <= i < len(columns) else ""


def update_side(screen: CompareScreen) -> None:
    """The detail and the chart for the cell under the cursor (each repainted only if it changed)."""
    text, tooltip = detail_text(screen)
    detail = screen.query_one("#compare-detail", Static)
    detail.tooltip = tooltip
    if screen.panes_shown.get("detail") != text:
        screen.panes_shown["detail"] = text
        detail.update(text, layout=screen.detail_full)
    chart = screen.query_one("#compare-chart", BarChart)
    chart.show(*chart_of(screen))
    chart.set_class(not screen.chart_on, "hidden")


def status_text(screen: CompareScreen, mode_name: str) -> str:
    parts = [f"{mode_name}：{len(screen.lines)} 行"]
    if screen.table_model is not None:
        parts += screen.table_model.status
    if screen.filter_text:
        parts.append(f"筛选“{screen.filter_text}”")
    if screen.last_export:
        parts.append("已导出 " + "、".join(p.name for p in screen.last_export))
    return " · ".join(parts)


def set_status(screen: CompareScreen, message: str) -> None:
    """The status line (unchanged text: nothing repainted)."""
    status = screen.query_one("#compare-status", Static)
    if screen.panes_shown.get("status") != message:
        screen.panes_shown["status"] = message
        status.update(safe_text(message, no_wrap=True, overflow="ellipsis"))
