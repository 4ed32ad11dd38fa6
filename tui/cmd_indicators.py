"""`plans indicators [--unmapped]`: the indicator catalog, or the table rows it does not cover.

Without options: every catalog entry (key, name, unit, kind, how many rows map to it, aliases).
With --unmapped: every table row whose name maps to no entry, with rapidfuzz's closest entries,
so whoever imports a new plan can extend data/indicators.yaml.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.export import Value, View
from tui.core.i18n import said, t, t_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unmapped", action="store_true", help="list row names with no catalog entry and the "
                        "closest candidates")
    parser.add_argument("--format", choices=("table", "csv", "md", "json"), default="table",
                        help="output: table (on the terminal, the default), csv, md (Markdown) or json")
    parser.add_argument("--catalog", metavar=t("FILE"), help="indicator catalog (default: data/indicators.yaml)")


def catalog_view(corpus, catalog) -> View:
    from tui.core.indicators import map_rows

    counts: dict[str, int] = {}
    plans: dict[str, list[str]] = {}
    for ref, ind in map_rows(corpus, catalog):
        if ind is not None:
            counts[ind.key] = counts.get(ind.key, 0) + 1
            shorts = plans.setdefault(ind.key, [])
            if ref.plan.short not in shorts:
                shorts.append(ref.plan.short)
    rows = [[i.key, i.name, i.unit, i.kind, counts.get(i.key, 0), "、".join(plans.get(i.key, [])),
             " / ".join(i.aliases)] for i in catalog]
    return View(f"指标目录 {catalog.path}（{len(catalog)} 项）", ["key", "指标", "单位", "类型", "行数", "规划", "别名"],
                rows, [False, False, False, False, True, False, False], brief=[0, 1, 2, 3, 4, 5])


def unmapped_view(corpus, catalog) -> View:
    from tui.core.indicators import unmapped

    rows: list[list[Value]] = []
    for u in unmapped(corpus, catalog):
        cands = "；".join(f"{ind.key} {ind.name} ({score:.0f})" for ind, score in u.candidates)
        rows.append([u.ref.label, u.ref.row.printed_name, u.ref.row.name, u.ref.row.unit, cands])
    return View("未收录的指标名", ["位置", "印名", "名称", "单位", "最接近的条目 (rapidfuzz)"], rows)


def run(args: argparse.Namespace) -> int:
    from tui.cmd_compare import print_table
    from tui.core.export import render
    from tui.core.indicators import CatalogError, load_catalog
    from tui.core.load import PlansFileError, load_corpus
    from tui.core.locations import DEFAULT_DATA
    from tui.core.safetext import visible
    from tui.core.termenc import json_for

    try:
        corpus = load_corpus(Path(getattr(args, "data", None) or DEFAULT_DATA))
        catalog = load_catalog(args.catalog)
    except (PlansFileError, CatalogError) as exc:
        print(visible(said("plans indicators", t_line(str(exc))), multiline=False), file=sys.stderr)
        return 2
    if corpus.user_problem:  # the shipped plans are listed; the user's file is damaged
        print(visible(said("plans indicators", corpus.user_problem), multiline=False), file=sys.stderr)
    view = unmapped_view(corpus, catalog) if args.unmapped else catalog_view(corpus, catalog)
    if args.format != "table":
        text = render(view, args.format)
        sys.stdout.write(json_for(text) if args.format == "json" else text)
    elif args.unmapped and not view.rows:
        print(visible(f"每个表格行都已对应到 {catalog.path} 中的条目", multiline=False))
    else:
        print_table(view)
    return 0
