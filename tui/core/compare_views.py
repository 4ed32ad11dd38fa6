"""Each comparison as an exportable `View` (one table of text and numbers).

Every printed figure is three columns: the number the model parsed (a number in CSV and JSON, blank
for a text cell, never 0), its markers and qualifier (“#”, “▲”, “以上”, “预计”) and the figure as
printed (“3.20”, “1000以上”, “增速高于…”: nothing of the plan's text is lost). Computed numbers are
rounded to 4 decimals so an export shows what the screen shows; growth and shares are in per cent.
"""

from __future__ import annotations

import math

from tui.core.compare import Figure, Grid, Pair, Share
from tui.core.export import Value, View, format_value
from tui.core.indicators import KIND_LABELS
from tui.core.model import Cell


class Printed(str):
    """A figure as printed (“130以上”, “2.8#”), carrying the number the model parsed from it, so a
    table sorts on the figure, never on its text parsed again."""

    value: float | None

    def __new__(cls, cell: Cell | None) -> Printed:
        self = super().__new__(cls, "" if cell is None else cell.printed)
        value = None if cell is None else cell.value
        self.value = float(value) if isinstance(value, (int, float)) and value == value else None
        return self


printed = Printed


def marker(cell: Cell | None) -> str:
    """A figure's markers and qualifier as printed around its number (“▲”, “#”, “以上”, “* 左右”)."""
    if cell is None:
        return ""
    parts = ["".join(cell.markers)] if cell.markers else []
    if cell.qualifier:
        parts.append(cell.qualifier)
    return " ".join(parts)


def figure_columns(label: str) -> list[str]:
    """A printed figure's three export columns: number, 标记 (markers, qualifier), 原文 (as printed)."""
    return [label, f"{label}标记", f"{label}原文"]


FIGURE_NUMERIC = [True, False, False]


def figure_values(cell: Cell | None) -> list[Value]:
    """[number, markers, as printed] of one figure: an integer number as an int (369, not 369.0)."""
    raw = None if cell is None else cell.value
    number: Value = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw):
        number = int(raw) if float(raw).is_integer() and abs(raw) < 1e15 else float(raw)
    return [number, marker(cell), "" if cell is None else printed(cell)]


def _r(x: float | None, scale: float = 1.0) -> float | None:
    return None if x is None else round(x * scale, 4)


def direction_flag(fig: Figure) -> list[str]:
    return {"≥": ["计算值为下限"], "≤": ["计算值为上限"], "≈": ["计算值为约数"]}.get(fig.direction, [])


def _flags(fig: Figure) -> str:
    return "；".join(fig.flags + direction_flag(fig))


GRID_COLUMNS = ["key", "指标", "单位", "规划", "时期", "基期年", *figure_columns("基期"), "目标年",
                *figure_columns("目标"), "远景年", *figure_columns("远景"), "倍数", "年均增长%", "百分点变化", "印年均增长",
                "标记"]
GRID_NUMERIC = [False] * 5 + [True, *FIGURE_NUMERIC, True, *FIGURE_NUMERIC, True, *FIGURE_NUMERIC, True, True, True,
                                False, False]


def grid_view(grid: Grid, title: str = "指标对比") -> View:
    """Long form: one line per indicator and plan that prints it."""
    rows: list[list[Value]] = []
    for grow in grid.rows:
        for plan in grid.plans:
            fig = grow.cells.get(plan.id)
            if fig is None:
                continue
            rows.append([
                grow.key, grow.name, fig.unit, plan.shown_short, plan.meta.period_name,
                fig.base_year if fig.baseline is not None else None, *figure_values(fig.baseline),
                fig.target_year if fig.target is not None else None, *figure_values(fig.target),
                fig.vision_year if fig.vision is not None else None, *figure_values(fig.vision),
                _r(fig.multiple), _r(fig.growth, 100), _r(fig.pp_change), printed(fig.growth_printed),
                _flags(fig),
            ])
    #     指标 单位 规划 基期年 基期原文 目标年 目标原文 倍数 年均增长 百分点 印年均增长 标记
    return View(title, list(GRID_COLUMNS), rows, list(GRID_NUMERIC), brief=[1, 2, 3, 5, 8, 9, 12, 17, 18, 19, 20, 21])


PAIR_SIDE = ["指标名", "基期年", *figure_columns("基期"), "目标年", *figure_columns("目标"), "倍数"]


def pair_view(p: Pair) -> View:
    """Two plans row by row: 段 (对齐, 仅A, 仅B), key, 指标, then each plan's printed name, baseline,
    target (number, markers, as printed) and multiple."""
    rows = [[group, ind_key, name, *_side(fa), *_side(fb)] for group, ind_key, name, fa, fb in pair_rows(p)]
    return pair_view_of(p.a.shown_short, p.b.shown_short, rows)


def pair_rows(p: Pair) -> list[tuple[str, str, str, Figure | None, Figure | None]]:
    """(段, key, 指标, A's figure, B's figure) in the pair's order: aligned rows, then each plan's own."""
    out: list[tuple[str, str, str, Figure | None, Figure | None]] = []
    for ind, fa, fb in p.aligned:
        out.append(("对齐", ind.key, ind.name, fa, fb))
    out += [(f"仅{p.a.shown_short}", fa.key, fa.name, fa, None) for fa in p.only_a]
    out += [(f"仅{p.b.shown_short}", fb.key, fb.name, None, fb) for fb in p.only_b]
    return out


def _side(fig: Figure | None) -> list[Value]:
    if fig is None:
        return ["", None, *figure_values(None), None, *figure_values(None), None]
    return [fig.ref.row.printed_name, fig.base_year if fig.baseline is not None else None, *figure_values(fig.baseline),
            fig.target_year if fig.target is not None else None, *figure_values(fig.target), _r(fig.multiple)]


def pair_view_of(a: str, b: str, rows: list[list[Value]]) -> View:
    columns = ["段", "key", "指标", *[f"{a}·{c}" for c in PAIR_SIDE], *[f"{b}·{c}" for c in PAIR_SIDE]]
    side = [False, True, *FIGURE_NUMERIC, True, *FIGURE_NUMERIC, True]
    return View(f"{a} 与 {b} 指标对照", columns, rows, [False] * 3 + side + side,
                brief=[0, 2, 4, 7, 8, 11, 12, 14, 17, 18, 21, 22])


def pair_export_row(group: str, key: str, name: str, fa: Figure | None, fb: Figure | None) -> list[Value]:
    return [group, key, name, *_side(fa), *_side(fb)]


SHARE_COLUMNS = ["key", "指标", "单位", "区", "市", *figure_columns("区基期"), *figure_columns("市基期"),
                 "基期占比%", *figure_columns("区目标"), *figure_columns("市目标"), "目标占比%", "说明"]
SHARE_NUMERIC = [False] * 5 + FIGURE_NUMERIC * 2 + [True] + FIGURE_NUMERIC * 2 + [True, False]


def shares_view(shares: list[Share]) -> View:
    rows: list[list[Value]] = []
    for s in shares:
        rows.append([
            s.indicator.key, s.indicator.name, s.indicator.unit, s.district.plan.shown_short, s.city.plan.shown_short,
            *figure_values(s.district.baseline), *figure_values(s.city.baseline), _r(s.baseline_share, 100),
            *figure_values(s.district.target), *figure_values(s.city.target), _r(s.target_share, 100), s.reason,
        ])
    return View("区在市中的占比", list(SHARE_COLUMNS), rows, list(SHARE_NUMERIC),
                brief=[1, 2, 3, 7, 10, 11, 14, 17, 18, 19])


RESULT_COLUMNS = ["规划", "key", "指标", "单位", "年份", *figure_columns("目标"), *figure_columns("实绩"),
                  "是否完成(印)", "是否完成(按数)", "一致", "标记"]
RESULT_NUMERIC = [False, False, False, False, True, *FIGURE_NUMERIC, *FIGURE_NUMERIC] + [False] * 4


def _yes_no(x: bool | None) -> str:
    return {True: "是", False: "否", None: ""}[x]


def results_view(figs: list[Figure]) -> View:
    rows: list[list[Value]] = []
    for f in figs:
        mp, mc = f.met_printed, f.met_computed
        agree = "" if mp is None or mc is None else _yes_no(mp == mc)
        flags = []
        if f.actual is not None and f.actual.estimated:
            flags.append("实绩预计")
        if f.planned is not None and f.planned.qualifier:
            flags.append(f"目标{f.planned.qualifier}")
        for label, cell in (("目标", f.planned), ("实绩", f.actual)):
            if cell is not None and cell.printed.strip() and cell.value is None:
                flags.append(f"{label}为文字")
        rows.append([
            f.plan.shown_short, f.key, f.name, f.unit, f.result_year, *figure_values(f.planned), *figure_values(f.actual),
            printed(f.met), _yes_no(mc), agree, "；".join(flags),
        ])
    return View("目标与实绩", list(RESULT_COLUMNS), rows, list(RESULT_NUMERIC),
                brief=[0, 2, 3, 4, 7, 10, 11, 12, 13, 14])


def display_value(column: str, v) -> str:
    """A number as people read it in that column (×1.17, +3.1%, 20.3%); a catalog kind in Chinese (类型:
    ratio → 比例); other text as it is."""
    if column == "类型" and isinstance(v, str):
        return KIND_LABELS.get(v, v)
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return format_value(v)
    if column.endswith("倍数"):
        return f"×{v:.2f}"
    if column.endswith("年均增长%"):
        return f"{v:+.1f}%"
    if column.endswith("百分点变化"):
        return f"{v:+.2f}"
    if column.endswith("占比%"):
        return f"{v:.1f}%"
    return format_value(v)
