"""What each compare mode shows: its columns (with the years they hold), its rows as cells, the
figure each cell sorts on, and the export of the rows shown.

  grid     indicators × the plans shown; each plan's column header holds its period and years
           (2020→2025), a cell whose years differ says so. Plans of different periods stand in
           groups apart (newest first, a rule between) unless mixed (`mix`).
  pair     two plans row by row: 指标, then each plan's 基期 / 目标 (with their years) and 倍数;
           aligned rows, then each plan's own, under section rows (no 段 column).
  share    a district's figures as a share of its city's.
  results  the 十三五 results tables: target, actual, met as printed and as the numbers say.

Sort keys are the figures (`Cell.value` through `compare_views.Printed`, multiples, shares),
never text parsed again from what is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.text import Text

from tui.core import compare as cmp
from tui.core import compare_views as views
from tui.core.export import View
from tui.core.indicators import Catalog, normalise_name
from tui.core.model import Cell, Corpus, Plan
from tui.core.safetext import visible
from widgets.compare_cells import grid_cell, name_cell
from widgets.compare_table import Column, fit_widths, sort_by

NAME_WIDTH = 22
PLAN_WIDTH = 16
NAME_MIN = 12  # the 指标 column may narrow to this (6 characters a line); more plans scroll beside it
PLAN_MIN = 14  # '2.30# → 3.0' and '×1.36 +6.4%/年' still on one line each
TEXT_MIN = 5  # other views: no column narrower than this when fitting
SHOW_ALL = 12  # up to this many plans the grid starts with all of them


@dataclass
class Item:
    """One row: its cells, the value each displayed column sorts on, and what it stands for."""

    cells: list[Text]
    keys: list[Any]
    figures: list[cmp.Figure | None]
    names: list[str]  # what the filter matches
    export: Any = None  # the row's data for the export view
    grid_row: cmp.GridRow | None = None
    group: str = ""  # a section of its own (pair: 对齐, 仅A, 仅B)


@dataclass
class Table:
    columns: list[Column]
    items: list[Item]
    export: Callable[[list[Item]], View]
    figure_at: list[int | None] = field(default_factory=list)  # column -> index into Item.figures
    status: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the modes need from the screen."""

    corpus: Corpus
    catalog: Catalog
    plans: list[Plan]  # the plans shown (grid, share, results)
    pair: tuple[Plan, Plan] | None
    room: int  # cells across the table
    mix: bool  # grid: plans of different periods side by side
    grids: dict[tuple[str, ...], cmp.Grid] = field(default_factory=dict)  # caches, per choice of plans
    shares: dict[tuple[str, ...], list[cmp.Share]] = field(default_factory=dict)
    results: dict[tuple[str, ...], list[cmp.Figure]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], cmp.Pair] = field(default_factory=dict)

    def sub(self, plans: list[Plan]) -> Corpus:
        return Corpus(plans=plans, source=self.corpus.source, version=self.corpus.version)


def _years(pairs: list[tuple[int | None, int | None]]) -> tuple[int | None, int | None]:
    """The most common (base year, target year) of a column's figures."""
    known = [p for p in pairs if p != (None, None)]
    return Counter(known).most_common(1)[0][0] if known else (None, None)


def year_span(base: int | None, target: int | None) -> str:
    return f"{base or '?'}→{target or '?'}"


def plan_years(plan: Plan, figures: list[cmp.Figure]) -> tuple[int | None, int | None]:
    by, ty = _years([(f.base_year, f.target_year) for f in figures])
    meta = plan.meta
    return (by or (meta.period_start - 1 if meta.period_start else None), ty or (meta.period_end or None))


def period_order(plans: list[Plan], mix: bool) -> list[Plan]:
    """Plans grouped by period, newest first (ties keep their order); as given when mixed."""
    if mix:
        return list(plans)
    return sorted(plans, key=lambda p: -(p.meta.period_end or 0))


def period_status(plans: list[Plan], mix: bool) -> str:
    counts = Counter(p.meta.period_name or "?" for p in plans)
    if len(counts) < 2:
        return ""
    text = " │ ".join(f"{name} {n} 个" for name, n in counts.items())
    return f"{text}（混排，x 分开）" if mix else f"{text}（分开，x 混排）"


# -- the catalog, read once per version of its file ---------------------------------------------------------

_CATALOGS: dict[tuple[str, int, int], Catalog] = {}


def shared_catalog() -> Catalog:
    """The indicator catalog (data/indicators.yaml), parsed again only when the file changed: opening
    the compare screen a second time costs no YAML parse. Raises `CatalogError` as `load_catalog` does."""
    from tui.core import locations
    from tui.core.indicators import load_catalog

    path = Path(locations.CATALOG)
    try:
        stat = path.stat()
    except OSError:
        return load_catalog()  # says what is wrong with the path
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    catalog = _CATALOGS.get(key)
    if catalog is None:
        _CATALOGS.clear()
        catalog = _CATALOGS[key] = load_catalog()
    return catalog


# -- which plans ----------------------------------------------------------------------------------------


def default_plans(corpus: Corpus, current: str | None) -> list[str]:
    """The plans the grid starts with: every plan when there are few (`SHOW_ALL`); else the current
    plan with the others of its period in its city group (the city and its districts), at most
    `SHOW_ALL` of them. `p` chooses others."""
    plans = corpus.plans
    if len(plans) <= SHOW_ALL:
        return [p.id for p in plans]
    here = next((p for p in plans if p.id == current), plans[0])

    def group(plan: Plan) -> str:
        m = plan.meta
        return (m.parent_region if m.level == "district" and m.parent_region else m.region) or m.short

    period, city = here.meta.period_name, group(here)
    same = [p for p in plans if p is not here and p.meta.period_name == period and group(p) == city]
    chosen = {p.id for p in [here] + same[: SHOW_ALL - 1]}
    return [p.id for p in plans if p.id in chosen]


def picker_label(plan: Plan, periods: bool) -> str:
    """The plan's short name, with its period when plans of several periods are loaded, and 自添 before
    a plan the user added (`plans add`)."""
    name = f"{plan.short} {plan.meta.period_name}" if periods and plan.meta.period_name else plan.short
    if not plan.is_user:
        return name
    return f"自添 {plan.tell} {name}" if plan.tell else f"自添 {name}"


# -- grid -----------------------------------------------------------------------------------------------


def grid(ctx: Context) -> Table:
    plans = period_order(ctx.plans, ctx.mix)
    ids = tuple(p.id for p in ctx.plans)
    g = ctx.grids.get(ids)
    if g is None:
        g = ctx.grids[ids] = cmp.build_grid(ctx.sub(ctx.plans), ctx.catalog)
    rows = [r for r in g.rows if any(p.id in r.cells for p in plans)]
    # natural widths from the cells: with room to spare a name is drawn whole and a plan's figures on
    # their lines, rather than cut at a fixed width
    natural = [max([NAME_WIDTH] + [_widest(name_cell(r.name, r.unit)) for r in rows])]
    for plan in plans:
        period = plan.meta.period_name
        head_width = cell_len(_plain(plan.shown_short)) + (cell_len(_plain(period)) + 1 if period else 0)
        natural.append(max([PLAN_WIDTH, head_width] + [_widest(grid_cell(r.cells[plan.id])) for r in rows
                                                 if plan.id in r.cells]))
    room = ctx.room - 2 * (len(plans) + 1) - len({p.meta.period_name for p in plans}) + 1
    # names first: plan columns grow past PLAN_WIDTH only with what a whole name column leaves
    widths = fit_widths([natural[0]] + [min(PLAN_WIDTH, n) for n in natural[1:]],
                        [NAME_MIN] + [PLAN_MIN] * len(plans), room)
    if widths[0] == natural[0] and plans:
        widths[1:] = fit_widths(natural[1:], widths[1:], max(room - widths[0], sum(widths[1:])))
    columns = [Column(Text("指标"), widths[0])]
    years: list[tuple[int | None, int | None]] = []
    previous = None
    for plan, width in zip(plans, widths[1:]):
        span = plan_years(plan, [r.cells[plan.id] for r in rows if plan.id in r.cells])
        years.append(span)
        period = plan.meta.period_name
        head = Text(_plain(plan.shown_short), style="bold")
        if period:
            head.append(f" {_plain(period)}", style="")
        head.append("\n" + year_span(*span), style="")
        rule = not ctx.mix and previous is not None and period != previous
        columns.append(Column(head, width, rule=rule))
        previous = period
    items = []
    for r in rows:
        cells = [name_cell(r.name, r.unit, r.indicator is None)]
        for (plan, width), span in zip(zip(plans, widths[1:]), years):
            fig = r.cells.get(plan.id)
            text = grid_cell(fig, width)
            if fig is not None and (fig.base_year, fig.target_year) != span and (fig.baseline or fig.target):
                text.append("\n" + year_span(fig.base_year, fig.target_year) + "年", style="dim italic")
            cells.append(text)
        figs = [r.cells.get(p.id) for p in plans]
        keys = [normalise_name(r.name)] + [f.multiple if f is not None else None for f in figs]
        items.append(Item(cells, keys, list(figs), [], export=r, grid_row=r))

    def export(shown: list[Item]) -> View:
        return views.grid_view(cmp.Grid(plans, [i.export for i in shown]))

    status = [f"{len(plans)}/{len(ctx.corpus.plans)} 个规划"]
    periods = period_status(plans, ctx.mix)
    if periods:
        status.append(periods)
    return Table(columns, items, export, [None, *range(len(plans))], status)


# -- the other modes: columns fitted to their cells ------------------------------------------------------


def _plain(text: str) -> str:
    """Plan text as it may be drawn: control characters as stand-ins, on one line."""
    return visible(text, multiline=False)


def _printed(cell: Cell | None) -> Text:
    text = Text(overflow="fold")
    if cell is not None:
        text.append(_plain(cell.printed), style="" if cell.value is not None else "dim")
    return text


def _number(text: str) -> Text:
    return Text(text, overflow="fold")


def _widest(text: Text) -> int:
    return max((cell_len(x) for x in text.plain.split("\n")), default=0)


def _fit(ctx: Context, heads: list[Text], items: list[Item], name_min: int = NAME_MIN,
         rules: int = 0, whole: tuple[int, ...] = ()) -> list[int]:
    """Column widths for `heads` over `items`; the columns in `whole` (short plan names: 柯桥区) are
    never folded."""
    natural = []
    minimum = []
    for c, head in enumerate(heads):
        head_width = _widest(head)
        widest = max([head_width] + [_widest(i.cells[c]) for i in items])
        natural.append(max(widest, 1))
        # a header line is never folded (区基期 stays whole): the table scrolls beside its names instead
        minimum.append(widest if c in whole else min(widest, name_min if c == 0 else max(TEXT_MIN, head_width)))
    room = ctx.room - 2 * len(heads) - rules
    if sum(minimum) > room:  # too tight for whole header lines: fold them rather than scroll
        minimum = [m if c == 0 or c in whole else min(m, TEXT_MIN) for c, m in enumerate(minimum)]
        if sum(minimum) > room:  # and short of whole plan names: the names column gives way first
            minimum[0] = max(TEXT_MIN, minimum[0] - (sum(minimum) - room))
    return fit_widths(natural, minimum, room)


def _side_year(figs: list[cmp.Figure | None], base: bool) -> str:
    years = Counter((f.base_year if base else f.target_year) for f in figs if f is not None
                    and (f.baseline if base else f.target) is not None)
    year = years.most_common(1)[0][0] if years else None
    return str(year) if year else ""


def pair(ctx: Context) -> Table:
    if ctx.pair is None:
        return Table([], [], lambda shown: View("两规划对照", []))
    a, b = ctx.pair
    key = (a.id, b.id)
    p = ctx.pairs.get(key)
    if p is None:
        p = ctx.pairs[key] = cmp.pair(ctx.sub([a] if a is b else [a, b]), ctx.catalog, a, b)
    rows = views.pair_rows(p)
    fa_all = [r[3] for r in rows]
    fb_all = [r[4] for r in rows]

    two_periods = a.meta.period_name != b.meta.period_name

    def side_head(plan: Plan, figs: list[cmp.Figure | None]) -> list[Text]:
        name = f"{plan.shown_short} {plan.meta.period_name}" if two_periods and plan.meta.period_name else plan.shown_short
        name = _plain(name)
        return [Text(f"{name}\n基期{_side_year(figs, True)}"), Text(f"\n目标{_side_year(figs, False)}"),
                Text("\n倍数")]

    heads = [Text("指标"), *side_head(a, fa_all), *side_head(b, fb_all)]
    items = []
    for group, ind_key, name, fa, fb in rows:
        unit = (fa or fb).unit if (fa or fb) is not None else ""  # type: ignore[union-attr]
        cells = [name_cell(name, unit)]
        keys: list[Any] = [normalise_name(name)]
        for fig in (fa, fb):
            cells += [_printed(fig.baseline if fig else None), _printed(fig.target if fig else None),
                      _number(views.display_value("倍数", views._r(fig.multiple)) if fig else "")]
            keys += [views.printed(fig.baseline) if fig else None, views.printed(fig.target) if fig else None,
                     fig.multiple if fig else None]
        names = [ind_key, name] + [f.ref.row.printed_name for f in (fa, fb) if f is not None]
        items.append(Item(cells, keys, [fa, fb], names, export=(group, ind_key, name, fa, fb), group=group))
    widths = _fit(ctx, heads, items, rules=1)
    columns = [Column(h, w, rule=(i == 4)) for i, (h, w) in enumerate(zip(heads, widths))]

    def export(shown: list[Item]) -> View:
        return views.pair_view_of(a.shown_short, b.shown_short, [views.pair_export_row(*i.export) for i in shown])

    status = [f"甲 {a.shown_short} · 乙 {b.shown_short}（a/b 换）"]
    if a.meta.period_name != b.meta.period_name:
        status.append(f"两个时期：{a.meta.period_name or '?'} 与 {b.meta.period_name or '?'}")
    return Table(columns, items, export, [None, 0, 0, 0, 1, 1, 1], status)


def share(ctx: Context) -> Table:
    ids = {p.id for p in ctx.plans}
    key = tuple(p.id for p in ctx.plans)
    if key not in ctx.shares:
        near = set(ids)  # the shown plans with their cities and, for a shown city, its districts
        regions: dict[str, Plan] = {}  # a shown plan's region names -> the plan (a city its districts may name)
        for plan in ctx.plans:
            city = cmp.city_of(ctx.corpus, plan)
            if city is not None:
                near.add(city.id)
            for name in (plan.meta.region, plan.short):
                if name:
                    regions[name] = plan
        for plan in ctx.corpus.plans:  # one pass (not a city lookup per plan: hundreds of plans)
            parent = plan.meta.parent_region
            if plan.meta.level == "district" and parent in regions and cmp.city_of(ctx.corpus, plan) is regions[parent]:
                near.add(plan.id)
        ctx.shares[key] = cmp.district_shares(ctx.sub([p for p in ctx.corpus.plans if p.id in near]), ctx.catalog)
    shares = [s for s in ctx.shares[key] if s.district.plan.id in ids or s.city.plan.id in ids]
    districts = [s.district for s in shares]
    base, target = _side_year(list(districts), True), _side_year(list(districts), False)
    heads = [Text("指标"), Text("区"), Text("市"), Text(f"区基期\n{base}"), Text(f"市基期\n{base}"), Text("基期\n占比"),
             Text(f"区目标\n{target}"), Text(f"市目标\n{target}"), Text("目标\n占比"), Text("说明")]
    items = []
    for s in shares:
        d, c = s.district, s.city
        cells = [name_cell(s.indicator.name, s.indicator.unit), Text(_plain(d.plan.shown_short)), Text(_plain(c.plan.shown_short)),
                 _printed(d.baseline), _printed(c.baseline),
                 _number(views.display_value("占比%", views._r(s.baseline_share, 100))),
                 _printed(d.target), _printed(c.target),
                 _number(views.display_value("占比%", views._r(s.target_share, 100))), Text(_plain(s.reason), style="dim")]
        keys = [normalise_name(s.indicator.name), d.plan.short, c.plan.short, views.printed(d.baseline),
                views.printed(c.baseline), s.baseline_share, views.printed(d.target), views.printed(c.target),
                s.target_share, s.reason]
        names = [s.indicator.key, s.indicator.name, d.ref.row.printed_name, c.ref.row.printed_name]
        items.append(Item(cells, keys, [d, c], names, export=s))
    widths = _fit(ctx, heads, items, whole=(1, 2))
    columns = [Column(h, w) for h, w in zip(heads, widths)]
    return Table(columns, items, lambda shown: views.shares_view([i.export for i in shown]),
                 [None, 0, 1, 0, 1, None, 0, 1, None, None])


def results(ctx: Context) -> Table:
    key = tuple(p.id for p in ctx.plans)
    if key not in ctx.results:
        ctx.results[key] = cmp.results(ctx.sub(ctx.plans), ctx.catalog)
    figs = ctx.results[key]
    heads = [Text("指标"), Text("规划"), Text("年份"), Text("目标"), Text("实绩"), Text("是否完成\n（印）"),
             Text("是否完成\n（按数）"), Text("一致"), Text("标记")]
    items = []
    for f, row in zip(figs, views.results_view(figs).rows):
        met, computed, agree, flags = row[-4:]
        cells = [name_cell(f.name, f.unit), Text(_plain(f.plan.shown_short)), Text(str(f.result_year or "")),
                 _printed(f.planned), _printed(f.actual), Text(_plain(str(met))), Text(str(computed)), Text(str(agree)),
                 Text(_plain(str(flags)), style="dim")]
        keys = [normalise_name(f.name), f.plan.short, f.result_year, views.printed(f.planned),
                views.printed(f.actual), met, computed, agree, flags]
        items.append(Item(cells, keys, [f], [f.key, f.name, f.ref.row.printed_name], export=f))
    widths = _fit(ctx, heads, items)
    columns = [Column(h, w) for h, w in zip(heads, widths)]
    return Table(columns, items, lambda shown: views.results_view([i.export for i in shown]),
                 [None] + [0] * 8)


BUILDERS: dict[str, Callable[[Context], Table]] = {"grid": grid, "pair": pair, "share": share, "results": results}


def matches(item: Item, query: str) -> bool:
    """The filter: substring (ignoring spaces, case, width) of a name or key, else the search engine's
    matcher (pinyin initials, full pinyin, scattered characters)."""
    if item.grid_row is not None:
        return cmp.matches_filter(item.grid_row, query)
    q = normalise_name(query)
    if not q:
        return True
    if any(q in normalise_name(n) for n in item.names if n):
        return True
    return cmp._search_engine_matches(item.names, query)


def ordered(items: list[Item], column: int | None, reverse: bool) -> list[Item]:
    """Items sorted on the column's figures (blanks last), each group kept together in its order."""
    if column is None:
        return items
    out = sort_by(items, lambda i: i.keys[column] if column < len(i.keys) else None, reverse)
    order = {g: n for n, g in enumerate(dict.fromkeys(i.group for i in items))}
    if len(order) > 1:
        out.sort(key=lambda i: order[i.group])
    return out
