"""Search relevance: precision@1 and precision@5 over a set of researcher queries.

Each query in `tests/relevance.yaml` lists the units a researcher wants on top, by stable node
key (``huzhou-2021/15.2.3``), with the unit's text after `` | `` where several units share a key
(the rows of one indicator table). The queries are searched on `data/plans.yaml` as the search
screen does (limit 50) and scored:

- precision@1: the share of queries whose first result is relevant;
- precision@5: per query, the relevant results among the first five, divided by five or by the
  number of relevant units when fewer (a query with two relevant units and both on top scores 1),
  averaged over the queries; the plain precision@5 (always divided by five) is printed too.

Prints each query with the rank of its first relevant result, then the figures beside their
targets. `tests/test_search_relevance.py` holds the same figures to a floor.

    .venv/bin/python bench/relevance.py [--data FILE] [--cases FILE] [-v]
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from tui.core.search.index import SearchIndex

if TYPE_CHECKING:
    from tui.core.search.hits import Hit

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "relevance.yaml"
TARGET_P1 = 0.90
TARGET_P5 = 0.85
LIMIT = 50


@dataclass
class Case:
    query: str
    note: str
    relevant: list[tuple[str, str | None]]  # (node key, unit text or None for any unit of the node)

    def is_relevant(self, hit: Hit) -> bool:
        key, text = hit.unit.key, hit.unit.text
        return any(k == key and (t is None or t == text) for k, t in self.relevant)


@dataclass
class Scored:
    case: Case
    first: int | None  # rank (1-based) of the first relevant result, None when none in the results
    top5: int  # relevant results among the first five
    top: str  # the first result's text

    @property
    def p1(self) -> float:
        return 1.0 if self.first == 1 else 0.0

    @property
    def p5(self) -> float:
        return self.top5 / min(5, len(self.case.relevant))

    @property
    def p5_plain(self) -> float:
        return self.top5 / 5


def load_cases(path: Path = CASES) -> list[Case]:
    """The relevance set; a clear error naming the file and entry when it is malformed."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SystemExit(f"{path}: cannot read the relevance set: {e}") from None
    if not isinstance(raw, list):
        raise SystemExit(f"{path}: expected a list of queries")
    cases = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("query"), str) or not item.get("relevant"):
            raise SystemExit(f"{path}: entry {n}: needs a query and a non-empty relevant list")
        rel: list[tuple[str, str | None]] = []
        for r in item["relevant"]:
            key, sep, text = str(r).partition(" | ")
            rel.append((key.strip(), text if sep else None))
        cases.append(Case(item["query"], str(item.get("note", "")), rel))
    return cases


def score(index: SearchIndex, cases: list[Case]) -> list[Scored]:
    out = []
    for case in cases:
        hits = index.search(case.query, limit=LIMIT).hits
        flags = [case.is_relevant(h) for h in hits]
        first = flags.index(True) + 1 if True in flags else None
        out.append(Scored(case, first, sum(flags[:5]), hits[0].unit.text if hits else ""))
    return out


def totals(scored: list[Scored]) -> tuple[float, float, float]:
    """(precision@1, precision@5, plain precision@5) averaged over the queries."""
    n = max(1, len(scored))
    return (sum(s.p1 for s in scored) / n, sum(s.p5 for s in scored) / n, sum(s.p5_plain for s in scored) / n)


def _cut(text: str, cells: int) -> str:
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > cells:
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * (cells - used)


def main() -> int:
    from tui.core.load import load_corpus
    from tui.core.locations import DEFAULT_DATA

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--cases", default=str(CASES))
    ap.add_argument("-v", "--verbose", action="store_true", help="print every query, not only the misses")
    args = ap.parse_args()
    cases = load_cases(Path(args.cases))
    index = SearchIndex.build(load_corpus(Path(args.data)))
    scored = score(index, cases)
    print(f"search relevance: {args.data}, {len(cases)} queries from {args.cases}")
    print(f"  {'query':<22} first relevant  top5  first result")
    for s in scored:
        if args.verbose or s.first != 1 or s.p5 < 1:
            rank = "-" if s.first is None else str(s.first)
            print(f"  {_cut(s.case.query, 22)} {rank:>14}  {s.top5}/{min(5, len(s.case.relevant))}   {s.top[:30]!r}")
    p1, p5, p5_plain = totals(scored)
    print(f"  precision@1   {p1:5.2f}   target ≥ {TARGET_P1:.2f}   {'ok' if p1 >= TARGET_P1 else 'MISSED'}")
    print(f"  precision@5   {p5:5.2f}   target ≥ {TARGET_P5:.2f}   {'ok' if p5 >= TARGET_P5 else 'MISSED'}"
          f"   (relevant in the first five ÷ min(5, relevant units))")
    print(f"  plain precision@5 {p5_plain:5.2f}   (÷ 5 always; queries with fewer than five relevant units cap it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
