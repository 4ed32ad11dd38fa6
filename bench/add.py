"""Time to `plans add` each format, per plan, and whether the round trip keeps the structure.

    .venv/bin/python bench/add.py [--runs N]

Each shipped seed is typeset as PDF (tables ruled, and "pdf-plain": tables as unruled aligned text),
Word (.docx), web page (HTML) and PDF-style text (tests/docgen.py),
then prepared as `plans add` does (extract, detect the layout, read the metadata, build, coverage;
the final write is a few small files and not timed). Prints the median of N runs per plan and format,
the target beside it, and the round-trip match (same headings, 专栏 and tables as data/plans.yaml).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import docgen  # type: ignore[import-not-found]  # noqa: E402  (tests/ is on sys.path above)

from tui.core.adder.prepare import prepare  # noqa: E402
from tui.core.importer.outline import build_plan  # noqa: E402
from tui.core.importer.sources import load_sources  # noqa: E402

FORMATS = {"pdf": ".pdf", "pdf-plain": ".plain.pdf", "docx": ".docx", "html": ".html", "pdftext": ".txt"}
TARGET_S = {"pdf": 5.0, "pdf-plain": 5.0, "docx": 1.0, "html": 1.0, "pdftext": 1.0}  # a user waits for one command


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sources = load_sources(ROOT / "data" / "sources")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            want = build_plan(source)
            for fmt, suffix in FORMATS.items():
                path = Path(tmp) / f"{source.meta.id}{suffix}"
                if fmt == "pdf":
                    docgen.to_pdf(source, path)
                elif fmt == "pdf-plain":  # tables as unruled aligned text
                    docgen.to_pdf(source, path, ruled=False)
                elif fmt == "docx":
                    docgen.to_docx(source, path)
                elif fmt == "html":
                    docgen.to_html(source, path)
                else:
                    path.write_text(docgen.to_pdf_text(source), encoding="utf-8")
                times = []
                prep = None
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    prep = prepare(path, hints=source.hints)
                    times.append(time.perf_counter() - t0)
                assert prep is not None
                diffs = docgen.compare(want, prep.plan)
                match = "same" if not diffs and prep.coverage == 1.0 else "DIFFERS: " + "; ".join(diffs)[:60]
                rows.append((source.meta.id, fmt, statistics.median(times), prep.coverage, match,
                             path.stat().st_size))
    print(f"{'plan':<15} {'format':<9} {'size':>8} {'add (median)':>13} {'target':>7}  coverage  round trip")
    for pid, fmt, t, cov, match, size in rows:
        print(f"{pid:<15} {fmt:<9} {size / 1024:>6.0f}kB {t * 1000:>10.0f} ms {TARGET_S[fmt]:>5.1f} s  "
              f"{cov * 100:>6.1f}%   {match}")
    for fmt in FORMATS:
        ts = [t for _, f, t, *_ in rows if f == fmt]
        worst = max(ts)
        print(f"{fmt:<9} slowest {worst * 1000:.0f} ms (target {TARGET_S[fmt]:.1f} s): "
              f"{'ok' if worst <= TARGET_S[fmt] else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
