"""`plans compare`: indicators across plans, from the command line.

    plans compare                               every indicator × every plan (baseline → target,
                                                multiple, implied annual growth, pp change)
    plans compare --plans 绍兴,柯桥             two plans side by side, aligned by catalog key
    plans compare --mode share                  district targets as a share of their city's
    plans compare --mode results                十三五 targets against results
    plans compare --indicator rd_intensity      one indicator (a key, name or alias)
    --format table|csv|md|json                  table for people, the rest for machines
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.compare_views import display_value
from tui.core.export import View, render
from tui.core.i18n import said, t, t_line
from tui.core.safetext import safe_text, visible
from tui.core.termenc import json_for

MODES = ("auto", "grid", "pair", "share", "results")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plans", metavar="A,B", help="plans to compare (ids or names, comma-separated); "
                        "exactly two show them side by side")
    parser.add_argument("--indicator", metavar=t("INDICATOR"), help="only this indicator (catalog key, name or alias)")
    parser.add_argument("--format", choices=("table", "csv", "md", "json"), default="table",
                        help="output: table (on the terminal, the default), csv, md (Markdown) or json")
    parser.add_argument("--mode", choices=MODES, default="auto",
                        help="grid (indicator × plan), pair (two plans), share (district in city), "
                        "results (targets against results); auto: pair for two plans, else grid")
    parser.add_argument("--catalog", metavar=t("FILE"), help="indicator catalog (default: data/indicators.yaml)")


def build_view(corpus, catalog, mode: str, plan_names: list[str] | None, indicator: str | None) -> View:
    from tui.core import compare as cmp
    from tui.core import compare_views as views

    plans = cmp.resolve_plans(corpus, plan_names)
    if mode == "auto":
        mode = "pair" if plan_names and len(plans) == 2 else "grid"
    ind = None
    if indicator:
        ind = catalog.resolve(indicator)
        if ind is None:
            raise cmp.CompareError(f"no indicator {indicator!r} in {catalog.path} (see plans indicators)")
    if mode == "grid":
        return views.grid_view(cmp.build_grid(corpus, catalog, plans, ind.key if ind else None))
    if mode == "pair":
        if len(plans) != 2:
            raise cmp.CompareError(f"--mode pair needs exactly two plans (--plans A,B), got {len(plans)}")
        view = views.pair_view(cmp.pair(corpus, catalog, plans[0], plans[1]))
        if ind is not None:
            view.rows = [r for r in view.rows if r[1] == ind.key]
        return view
    if mode == "share":
        ids = {p.id for p in plans}
        shares = [s for s in cmp.district_shares(corpus, catalog)
                  if (not plan_names or s.district.plan.id in ids or s.city.plan.id in ids)
                  and (ind is None or s.indicator.key == ind.key)]
        return views.shares_view(shares)
    figs = cmp.results(corpus, catalog, plans if plan_names else None)
    return views.results_view([f for f in figs if ind is None or f.key == ind.key])


def print_table(view: View, file=None) -> None:
    """A rich table of the view's brief columns: Text cells (never markup, control characters shown
    as stand-ins), widths by cell length."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = file or sys.stdout
    width = None if getattr(out, "isatty", lambda: False)() else 160  # piped: do not wrap at 80
    console = Console(file=out, highlight=False, soft_wrap=False, width=width)
    shown = view.brief if view.brief is not None else list(range(len(view.columns)))
    table = Table(title=safe_text(view.title), header_style="bold", title_style="bold", show_edge=False)
    for i in shown:
        table.add_column(safe_text(view.columns[i].removesuffix("原文")), justify="right" if view.is_numeric(i) else "left",
                         overflow="fold")
    name_at = view.columns.index("指标") if "指标" in view.columns else None
    previous = None
    for row in view.rows:
        same = name_at is not None and view.columns[0] == "key" and previous is not None \
            and previous[name_at] == row[name_at]
        cells = []
        for i in shown:
            text = display_value(view.columns[i], row[i] if i < len(row) else None)
            if same and i == name_at:  # the long grid: the indicator's name once, not on every plan's line
                text = ""
            cells.append(safe_text(text))
        table.add_row(*cells)
        previous = row
    console.print(table)
    if not view.rows:
        console.print(Text("（没有可比较的指标）"))


def run(args: argparse.Namespace) -> int:
    from tui.core.compare import CompareError
    from tui.core.indicators import CatalogError, load_catalog
    from tui.core.load import PlansFileError, load_corpus
    from tui.core.locations import DEFAULT_DATA

    try:
        corpus = load_corpus(Path(getattr(args, "data", None) or DEFAULT_DATA))
        catalog = load_catalog(args.catalog)
        names = [n for n in (args.plans or "").split(",") if n.strip()] or None
        view = build_view(corpus, catalog, args.mode, names, args.indicator)
    except (PlansFileError, CatalogError, CompareError) as exc:
        print(visible(said("plans compare", t_line(str(exc))), multiline=False), file=sys.stderr)
        return 2
    if corpus.user_problem:  # the shipped plans are compared; the user's file is damaged
        print(visible(said("plans compare", corpus.user_problem), multiline=False), file=sys.stderr)
    if args.format == "table":
        print_table(view)
    else:
        text = render(view, args.format)
        sys.stdout.write(json_for(text) if args.format == "json" else text)
    return 0
