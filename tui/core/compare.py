"""Indicator comparisons across plans: the grid, two plans side by side, district within city,
targets against results. UI-free; the screen and `plans compare` both build on these.

Numbers are computed only from cells that carry a parsed `value`; a text cell (增速高于…, —)
never gets a number. Qualifiers (以上, 左右, 力争 …) are kept as printed and turn a computed
figure into a bound (≥, ≤) or an approximation (≈); estimated (预计) baselines are flagged.

- multiple       target ÷ baseline
- annual growth  (target ÷ baseline)^(1 / years) − 1, years = target year − baseline year
- pp change      target − baseline, for indicators in % (percentage points), and per year
- share of city  district figure ÷ city figure, only for counts and amounts (never for %)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from tui.core.indicators import Catalog, Indicator, RowRef, iter_rows, row_name
from tui.core.model import Cell, Corpus, Plan, TableColumn
from tui.core.names import no_spaces, normalise_name

LOWER_BOUND = ("以上", "超", "超过", "不低于", "不少于", "突破", "力争超", "力争达到以上")
MET_YES = ("是", "完成", "已完成", "√", "✓", "达到", "超额完成")
MET_NO = ("否", "未完成", "×", "✗", "未达到")


# -- one row's figures ------------------------------------------------------------------------


def value_columns(columns: list[TableColumn], ncells: int) -> list[TableColumn]:
    """The columns the row's cells stand under (cells follow the number and name columns)."""
    if len(columns) == ncells:
        return list(columns)
    return [c for c in columns if c.role not in ("number", "name")]


def numeric(cell: Cell | None) -> float | None:
    """The cell's number, or None for blank and text cells."""
    if cell is None or cell.value is None:  # a text cell (增速高于…, —) has no value
        return None
    if isinstance(cell.value, float) and (math.isnan(cell.value) or math.isinf(cell.value)):
        return None
    return float(cell.value)


def _bound(cell: Cell | None) -> str:
    """'lower' when the printed number is a floor (3.5以上), 'approx' for 左右/力争, else ''."""
    if cell is None:
        return ""
    q = (cell.qualifier or "").strip()
    if not q or q == "预计":  # an estimate is flagged, not a bound
        return ""
    if any(x in q for x in LOWER_BOUND):
        return "lower"
    return "approx"  # 左右, 约, 力争 and anything else printed beside the number


@dataclass
class Figure:
    """The figures of one table row (one indicator in one plan)."""

    ref: RowRef
    indicator: Indicator | None
    baseline: Cell | None = None
    base_year: int | None = None
    target: Cell | None = None
    target_year: int | None = None
    vision: Cell | None = None
    vision_year: int | None = None
    growth_printed: Cell | None = None  # a printed 年均增长 column (嘉兴)
    planned: Cell | None = None  # results tables: the previous plan's target
    actual: Cell | None = None
    met: Cell | None = None  # 是否完成 as printed
    result_year: int | None = None

    @property
    def plan(self) -> Plan:
        return self.ref.plan

    @property
    def key(self) -> str:
        return self.indicator.key if self.indicator else ""

    @property
    def name(self) -> str:
        return self.indicator.name if self.indicator else row_name(self.ref.row)

    @property
    def unit(self) -> str:
        return self.ref.row.unit or (self.indicator.unit if self.indicator else "")

    @property
    def is_percent(self) -> bool:
        if self.indicator is not None:
            return self.indicator.is_percent
        return self.ref.row.unit.strip() in ("%", "％")

    @property
    def years(self) -> int | None:
        if self.base_year is None or self.target_year is None:
            return None
        span = self.target_year - self.base_year
        return span if span > 0 else None

    @property
    def multiple(self) -> float | None:
        """target ÷ baseline; None for growth-rate indicators, where a ratio of rates means nothing."""
        if self.indicator is not None and self.indicator.kind == "growth":
            return None
        b, t = numeric(self.baseline), numeric(self.target)
        if b is None or t is None or b == 0:
            return None
        return t / b

    @property
    def growth(self) -> float | None:
        """Implied average annual growth as a fraction (0.152 for 15.2 %)."""
        m, n = self.multiple, self.years
        if m is None or n is None or m <= 0:
            return None
        return m ** (1.0 / n) - 1.0

    @property
    def pp_change(self) -> float | None:
        """Percentage-point change, for indicators in %."""
        b, t = numeric(self.baseline), numeric(self.target)
        if not self.is_percent or b is None or t is None:
            return None
        return t - b

    @property
    def pp_per_year(self) -> float | None:
        d, n = self.pp_change, self.years
        return None if d is None or n is None else d / n

    @property
    def direction(self) -> str:
        """'≥', '≤' or '≈' when qualifiers make the computed figures bounds or approximations."""
        tb, bb = _bound(self.target), _bound(self.baseline)
        if "approx" in (tb, bb) or (tb == "lower" and bb == "lower"):
            return "≈"
        if tb == "lower":
            return "≥"
        if bb == "lower":
            return "≤"
        return ""

    @property
    def flags(self) -> list[str]:
        out: list[str] = []
        for label, cell in (("基期", self.baseline), ("目标", self.target)):
            if cell is None:
                continue
            if cell.estimated:
                out.append(f"{label}预计")
            if cell.qualifier and cell.qualifier != "预计":
                out.append(f"{label}{cell.qualifier}")
            if cell.printed.strip() and numeric(cell) is None:
                out.append(f"{label}为文字")
        check = self.growth_check
        if check is False:
            out.append("印年均增长与计算不符")
        return out

    @property
    def growth_check(self) -> bool | None:
        """Whether a printed 年均增长 agrees with the computed one (within its printed precision)."""
        cell = self.growth_printed
        printed = numeric(cell)
        if cell is None or printed is None:
            return None
        text = cell.printed
        if "百分点" in text:
            computed = self.pp_per_year
        else:
            computed = None if self.growth is None else self.growth * 100
        if computed is None:
            return None
        digits = re.search(r"\d+(?:\.(\d+))?", text)
        decimals = len(digits.group(1) or "") if digits else 0
        return abs(computed - printed) <= 0.5 * 10 ** (-decimals) + 1e-9

    # -- results tables ------------------------------------------------------------------------
    @property
    def met_printed(self) -> bool | None:
        if self.met is None:
            return None
        text = no_spaces(self.met.printed)
        if text in MET_NO or text.startswith("未") or text.startswith("否"):
            return False
        if text in MET_YES or text.startswith("是"):
            return True
        return None

    @property
    def met_computed(self) -> bool | None:
        p, a = numeric(self.planned), numeric(self.actual)
        if p is None or a is None:
            return None
        lower = self.indicator is not None and self.indicator.better == "lower"
        return a <= p if lower else a >= p


def figure_of(ref: RowRef, indicator: Indicator | None) -> Figure:
    table = ref.node.table
    fig = Figure(ref, indicator)
    if table is None:
        return fig
    cols = value_columns(table.columns, len(ref.row.cells))
    for col, cell in zip(cols, ref.row.cells):
        role = col.role
        if role == "baseline" and fig.baseline is None:
            fig.baseline, fig.base_year = cell, col.year
        elif role == "target" and fig.target is None:
            fig.target, fig.target_year = cell, col.year
        elif role == "vision" and fig.vision is None:
            fig.vision, fig.vision_year = cell, col.year
        elif role == "growth" and fig.growth_printed is None:
            fig.growth_printed = cell
        elif role == "planned" and fig.planned is None:
            fig.planned = cell
            fig.result_year = fig.result_year or col.year
        elif role == "actual" and fig.actual is None:
            fig.actual = cell
            fig.result_year = col.year or fig.result_year
        elif role == "met" and fig.met is None:
            fig.met = cell
    if fig.base_year is None and fig.baseline is not None:
        fig.base_year = ref.plan.meta.period_start - 1 if ref.plan.meta.period_start else None
    if fig.target_year is None and fig.target is not None:
        fig.target_year = ref.plan.meta.period_end or None
    return fig


def is_results(ref: RowRef) -> bool:
    table = ref.node.table
    if table is None:
        return False
    return table.kind == "results" or any(c.role in ("planned", "actual") for c in table.columns)


def figures(corpus: Corpus, catalog: Catalog, results: bool = False) -> list[Figure]:
    """Every row of every targets table (or, with results=True, of every results table)."""
    out = []
    for ref in iter_rows(corpus):
        if is_results(ref) != results:
            continue
        out.append(figure_of(ref, catalog.match(row_name(ref.row))))
    return out


# -- plan selection -----------------------------------------------------------------------------


class CompareError(Exception):
    """A comparison that cannot be made (unknown plan or indicator). One line."""


def resolve_plans(corpus: Corpus, names: list[str] | None) -> list[Plan]:
    if not names:
        return list(corpus.plans)
    out: list[Plan] = []
    for name in names:
        plan = corpus.plan(name.strip())
        if plan is None:
            known = ", ".join(f"{p.id} ({p.short})" for p in corpus.plans)
            raise CompareError(f"no plan {name.strip()!r}; loaded: {known}")
        if plan not in out:
            out.append(plan)
    return out


# -- the grid: indicator × plan ------------------------------------------------------------------


@dataclass
class GridRow:
    key: str  # catalog key, or "" for a row no entry matches
    name: str
    unit: str
    indicator: Indicator | None
    cells: dict[str, Figure] = field(default_factory=dict)  # plan id -> figure


@dataclass
class Grid:
    plans: list[Plan]
    rows: list[GridRow]


def build_grid(corpus: Corpus, catalog: Catalog, plans: list[Plan] | None = None,
               indicator: str | None = None) -> Grid:
    """Canonical indicators (catalog order) × plans; a plan's targets-table rows fill its column.

    Rows that map to no entry get a row of their own (key "") so nothing printed is hidden."""
    plans = list(corpus.plans) if plans is None else plans
    ids = {p.id for p in plans}
    by_key: dict[str, GridRow] = {}
    loose: list[GridRow] = []
    for fig in figures(corpus, catalog):
        if fig.plan.id not in ids:
            continue
        if fig.indicator is None:
            row = GridRow("", row_name(fig.ref.row), fig.ref.row.unit, None, {fig.plan.id: fig})
            loose.append(row)
            continue
        ind = fig.indicator
        row = by_key.setdefault(ind.key, GridRow(ind.key, ind.name, ind.unit, ind))
        row.cells.setdefault(fig.plan.id, fig)  # a plan printing one indicator twice: the first
    rows = [by_key[i.key] for i in catalog if i.key in by_key] + loose
    if indicator:
        wanted = catalog.resolve(indicator)
        if wanted is None:
            raise CompareError(f"no indicator {indicator!r} in {catalog.path} (see plans indicators)")
        rows = [r for r in rows if r.key == wanted.key]
    return Grid(plans, rows)


# -- two plans side by side ------------------------------------------------------------------------


@dataclass
class Pair:
    a: Plan
    b: Plan
    aligned: list[tuple[Indicator, Figure, Figure]]
    only_a: list[Figure]
    only_b: list[Figure]


def pair(corpus: Corpus, catalog: Catalog, a: Plan, b: Plan, results: bool = False) -> Pair:
    """Two plans' indicator tables aligned row by row by catalog key (A's order), the rest below."""
    figs = figures(corpus, catalog, results=results)
    fa = [f for f in figs if f.plan is a]
    fb = [f for f in figs if f.plan is b]
    b_by_key: dict[str, Figure] = {}
    for f in fb:
        if f.indicator is not None:
            b_by_key.setdefault(f.key, f)
    aligned: list[tuple[Indicator, Figure, Figure]] = []
    used_b: set[int] = set()
    only_a: list[Figure] = []
    seen: set[str] = set()
    for f in fa:
        other = b_by_key.get(f.key) if f.indicator is not None else None
        if other is not None and f.indicator is not None and f.key not in seen:
            seen.add(f.key)
            aligned.append((f.indicator, f, other))
            used_b.add(id(other))
        else:
            only_a.append(f)
    only_b = [f for f in fb if id(f) not in used_b]
    return Pair(a, b, aligned, only_a, only_b)


# -- district within city ------------------------------------------------------------------------------


@dataclass
class Share:
    district: Figure
    city: Figure
    indicator: Indicator

    @property
    def meaningful(self) -> bool:
        return self.indicator.additive

    @property
    def reason(self) -> str:
        if not self.meaningful:
            return {"ratio": "比重/比率不计占比", "growth": "增速不计占比",
                    "intensity": "人均/每万人指标不计占比"}.get(self.indicator.kind, "不计占比")
        if self.target_share is None and self.baseline_share is None:
            return "缺数值"
        return ""

    @staticmethod
    def _ratio(part: Cell | None, whole: Cell | None) -> float | None:
        p, w = numeric(part), numeric(whole)
        if p is None or w is None or w == 0:
            return None
        return p / w

    @property
    def baseline_share(self) -> float | None:
        return self._ratio(self.district.baseline, self.city.baseline) if self.meaningful else None

    @property
    def target_share(self) -> float | None:
        return self._ratio(self.district.target, self.city.target) if self.meaningful else None


def city_of(corpus: Corpus, plan: Plan) -> Plan | None:
    """The loaded plan of the district's city for the same period, if any."""
    parent = plan.meta.parent_region
    if not parent or plan.meta.level != "district":
        return None
    for other in corpus.plans:
        if other is plan or parent not in (other.meta.region, other.short):
            continue
        if plan.meta.period_name and other.meta.period_name and plan.meta.period_name != other.meta.period_name:
            continue
        return other
    return None


def district_shares(corpus: Corpus, catalog: Catalog) -> list[Share]:
    """For every district whose city is loaded: its indicators that the city also sets."""
    figs = figures(corpus, catalog)
    out: list[Share] = []
    for plan in corpus.plans:
        city = city_of(corpus, plan)
        if city is None:
            continue
        city_by_key: dict[str, Figure] = {}
        for f in figs:
            if f.plan is city and f.indicator is not None:
                city_by_key.setdefault(f.key, f)
        for f in figs:
            if f.plan is plan and f.indicator is not None and f.key in city_by_key:
                out.append(Share(f, city_by_key.pop(f.key), f.indicator))
    return out


# -- targets against results ------------------------------------------------------------------------------


def results(corpus: Corpus, catalog: Catalog, plans: list[Plan] | None = None) -> list[Figure]:
    ids = None if plans is None else {p.id for p in plans}
    return [f for f in figures(corpus, catalog, results=True) if ids is None or f.plan.id in ids]


# -- filtering ------------------------------------------------------------------------------------------


def matches_filter(row: GridRow, query: str) -> bool:
    """Substring (ignoring spaces, case, full/half width), else the search engine's matcher (pinyin
    initials, full pinyin, scattered characters) over key, name, aliases and the printed names."""
    q = normalise_name(query)
    if not q:
        return True
    texts = [row.key, row.name]
    if row.indicator is not None:
        texts += row.indicator.aliases
    for fig in row.cells.values():
        texts.append(row_name(fig.ref.row))
    norm = [normalise_name(t) for t in texts]
    if any(q in t for t in norm):
        return True
    return _search_engine_matches(texts, query)


def _search_engine_matches(texts: list[str], query: str) -> bool:
    """The search engine's matcher (pinyin initials, full pinyin, scattered characters), name by name."""
    from tui.core.search import match_spans  # the search engine loads only when a filter needs it

    return any(match_spans(t, query) for t in texts if t)


# -- formatting (shared by the screen and the command line) ---------------------------------------------


def fmt_multiple(fig: Figure) -> str:
    m = fig.multiple
    return "" if m is None else f"{fig.direction}×{m:.2f}"


def fmt_growth(fig: Figure) -> str:
    g = fig.growth
    return "" if g is None else f"{g * 100:+.1f}%/年"


def fmt_pp(fig: Figure) -> str:
    d = fig.pp_change
    return "" if d is None else f"{fig.direction}{d:+.2f}个百分点"


def printed(cell: Cell | None) -> str:
    return "" if cell is None else cell.printed
