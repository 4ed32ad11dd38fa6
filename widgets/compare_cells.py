"""Rich Text for the compare screen's cells and detail line (plan text never parsed as markup, its
control characters shown as stand-ins: `_plain`).

Styles are bold/italic/dim only, so the grid reads the same in the 16-colour theme:
estimated (预计) baselines are italic, qualified targets (以上, 左右, 力争) underlined, text
cells dim; a missing value is an empty cell, never 0.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from tui.core.compare import Figure, fmt_growth, fmt_multiple, fmt_pp, numeric
from tui.core.safetext import visible
from widgets.bar_chart import Bar


def _plain(text: str) -> str:
    return visible(text, multiline=False)


def _value(text: Text, cell, role: str) -> None:
    if cell is None or not cell.printed.strip():
        return
    style = ""
    if numeric(cell) is None:
        style = "dim"
    elif role == "baseline" and cell.estimated:
        style = "italic"
    elif cell.qualifier and cell.qualifier != "预计":
        style = "underline"
    text.append(_plain(cell.printed), style=style)


def grid_cell(fig: Figure | None, width: int = 0) -> Text:
    """'3.0▲ → 3.5' over '×1.17 +3.1%/年' (the second line only where both are numbers). Given a column
    `width`, a line that would not fit loses its optional spaces ('1623→3000以上') and '/年' first."""
    text = Text(overflow="fold")
    if fig is None:
        return text
    arrow = " → "
    if width:
        wide = sum(cell_len(_plain(c.printed)) for c in (fig.baseline, fig.target) if c is not None) + 3
        arrow = " → " if wide <= width else "→"
    _value(text, fig.baseline, "baseline")
    if fig.baseline is not None or fig.target is not None:
        text.append(arrow, style="dim")
    _value(text, fig.target, "target")
    figures = " ".join(x for x in (fmt_multiple(fig), fmt_growth(fig)) if x)
    if not figures and fig.pp_change is not None:
        figures = fmt_pp(fig)
    if width and cell_len(figures) > width:
        figures = figures.replace("/年", "")
    if figures:
        text.append("\n")
        text.append(figures, style="bold")
    return text


def name_cell(name: str, unit: str, unmapped: bool = False) -> Text:
    text = Text(overflow="fold")
    text.append(_plain(name), style="italic" if unmapped else "")
    if unit:
        text.append(f"（{_plain(unit)}）", style="dim")
    return text


def detail_line(fig: Figure) -> Text:
    """Everything about one plan's figures for an indicator, on one line."""
    text = Text(no_wrap=False)
    text.append(_plain(fig.plan.shown_short), style="bold")
    text.append("  ")
    text.append(_plain(fig.ref.row.printed_name))
    text.append("  ")
    if fig.baseline is not None:
        text.append(f"{fig.base_year or ''}年 ", style="dim")
        text.append(_plain(fig.baseline.printed))
    if fig.target is not None:
        text.append(f"  {fig.target_year or ''}年 ", style="dim")
        text.append(_plain(fig.target.printed))
    if fig.vision is not None and fig.vision.printed.strip():
        text.append(f"  {fig.vision_year or ''}年 ", style="dim")
        text.append(_plain(fig.vision.printed))
    figures = [x for x in (fmt_multiple(fig), fmt_growth(fig), fmt_pp(fig)) if x]
    if figures:
        text.append("  " + " ".join(figures), style="bold")
    if fig.growth_printed is not None:
        text.append("  印年均增长 ", style="dim")
        text.append(_plain(fig.growth_printed.printed))
    flags = fig.flags
    if flags:
        text.append("  [" + _plain("；".join(flags)) + "]", style="italic")
    return text


def bar_of(fig: Figure) -> Bar:
    return Bar(fig.plan.shown_short, numeric(fig.baseline), fig.baseline.printed if fig.baseline else "",
               numeric(fig.target), fig.target.printed if fig.target else "",
               fig.base_year if fig.baseline is not None else None,
               fig.target_year if fig.target is not None else None)
