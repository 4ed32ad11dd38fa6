"""`plans import`: build data/plans.yaml from data/sources/ (see tui/core/importer/)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.core.i18n import said, t, t_line
from tui.core.locations import DEFAULT_DATA, SOURCES_DIR, atomic_write
from tui.core.safetext import visible


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", metavar=t("DIR"), default=str(SOURCES_DIR),
                        help="the source texts and their metadata (default: data/sources/)")
    parser.add_argument("--out", metavar=t("FILE"), default=None, help="the plans file to write (default: data/plans.yaml)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the plans file differs from what import would write")


def run(args: argparse.Namespace) -> int:
    from tui.core.importer.build import dump_corpus, import_corpus
    from tui.core.importer.sources import SourceError, load_sources
    from tui.core.lossless import coverage

    out = Path(args.out or getattr(args, "data", None) or DEFAULT_DATA)
    try:
        sources = load_sources(Path(args.sources))
        corpus = import_corpus(sources)
    except SourceError as exc:
        print(visible(said("plans import", t_line(str(exc))), multiline=False), file=sys.stderr)
        return 2
    text = dump_corpus(corpus)
    if args.check:
        try:
            current = out.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            why = t("missing" if current is None else "stale")
            message = t("{out} is {why}: run `plans import` to rebuild it from {sources}")
            print(said("plans import --check", message.format(out=out, why=why, sources=args.sources)), file=sys.stderr)
            return 1
        print(t("{out} is up to date ({n} plans)").format(out=out, n=len(corpus.plans)))
        return 0
    worst = 1.0
    for plan, source in zip(corpus.plans, sources):  # import_corpus keeps the sources' order
        c = plan.counts()
        cov = coverage(source.text, plan)
        worst = min(worst, cov)
        print(visible(f"{plan.id:<15} chapters {c['chapter']:>2}  sections {c['section']:>3}  专栏 {c['column']:>2}  "
              f"tables {c['table']}  rows {c['row']:>3}  coverage {cov * 100:.1f}%", multiline=False))
    atomic_write(out, text)
    print(t("wrote {out} ({n} plans, {size} bytes)").format(out=out, n=len(corpus.plans),
                                                           size=len(text.encode("utf-8"))))
    return 0 if worst == 1.0 else 1
