"""Each comparison as an exportable `View` (one table of text and numbers).

Numbers are rounded to 4 decimals here so an export shows what the screen shows and parses
back exactly; growth and shares are in per cent.
"""

from __future__ import annotations

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


def _r(x: float | None, scale: float = 1.0) -> float | None:
    return None if x is None else round(x * scale, 4)


def direction_flag(fig: Figure) -> list[str]:
    return {"≥": ["计算值为下限"], "≤": ["计算值为上限"], "≈": ["计算值为约数"]}.get(fig.direction, [])


def _flags(fig: Figure) -> str:
    return "；".join(fig.flags + direction_flag(fig))


GRID_COLUMNS = ["key", "指标", "单位", "规划", "基期年", "基期", "目标年", "目标", "远景",
                "倍数", "年均增长%", "百分点变化", "印年均增长", "标记"]
GRID_NUMERIC = [False, False, False, False, True, False, True, False, False, True, True, True, False, False]


def grid_view(grid: Grid, title: str = "指标对比") -> View:
    """Long form: one line per indicator and plan that prints it."""
    rows: list[list[Value]] = []
    for grow in grid.rows:
        for plan in grid.plans:
            fig = grow.cells.get(plan.id)
            if fig is None:
                continue
            rows.append([
                grow.key, grow.name, fig.unit, plan.short,
                fig.base_year if fig.baseline is not None else None, printed(fig.baseline),
                fig.target_year if fig.target is not None else None, printed(fig.target),
                printed(fig.vision),
                _r(fig.multiple), _r(fig.growth, 100), _r(fig.pp_change), printed(fig.growth_printed),
                _flags(fig),
            ])
    return View(title, list(GRID_COLUMNS), rows, list(GRID_NUMERIC), brief=[1, 2, 3, 5, 7, 9, 10, 11, 12, 13])


def pair_view(p: Pair) -> View:
    a, b = p.a.short, p.b.short
    columns = ["段", "key", "指标", f"{a}·指标名", f"{a}·基期", f"{a}·目标", f"{a}·倍数",
               f"{b}·指标名", f"{b}·基期", f"{b}·目标", f"{b}·倍数"]
    numeric = [False] * 6 + [True] + [False] * 3 + [True]

    def side(fig: Figure | None) -> list:
        if fig is None:
            return ["", "", "", None]
        return [fig.ref.row.printed_name, printed(fig.baseline), printed(fig.target), _r(fig.multiple)]

    rows: list[list[Value]] = []
    for ind, fa, fb in p.aligned:
        rows.append(["对齐", ind.key, ind.name, *side(fa), *side(fb)])
    for fa in p.only_a:
        rows.append([f"仅{a}", fa.key, fa.name, *side(fa), *side(None)])
    for fb in p.only_b:
        rows.append([f"仅{b}", fb.key, fb.name, *side(None), *side(fb)])
    return View(f"{a} 与 {b} 指标对照", columns, rows, numeric, brief=[0, 2, 4, 5, 6, 8, 9, 10])


SHARE_COLUMNS = ["key", "指标", "单位", "区", "市", "区基期", "市基期", "基期占比%", "区目标", "市目标",
                 "目标占比%", "说明"]
SHARE_NUMERIC = [False] * 7 + [True] + [False] * 2 + [True, False]


def shares_view(shares: list[Share]) -> View:
    rows: list[list[Value]] = []
    for s in shares:
        rows.append([
            s.indicator.key, s.indicator.name, s.indicator.unit, s.district.plan.short, s.city.plan.short,
            printed(s.district.baseline), printed(s.city.baseline), _r(s.baseline_share, 100),
            printed(s.district.target), printed(s.city.target), _r(s.target_share, 100), s.reason,
        ])
    return View("区在市中的占比", list(SHARE_COLUMNS), rows, list(SHARE_NUMERIC), brief=[1, 2, 3, 5, 6, 7, 8, 9, 10, 11])


RESULT_COLUMNS = ["规划", "key", "指标", "单位", "年份", "目标", "实绩", "是否完成(印)", "是否完成(按数)", "一致", "标记"]
RESULT_NUMERIC = [False, False, False, False, True] + [False] * 6


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
            f.plan.short, f.key, f.name, f.unit, f.result_year, printed(f.planned), printed(f.actual),
            printed(f.met), _yes_no(mc), agree, "；".join(flags),
        ])
    return View("目标与实绩", list(RESULT_COLUMNS), rows, list(RESULT_NUMERIC), brief=[0, 2, 3, 5, 6, 7, 8, 9, 10])


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
