"""Load-time figures for a plans file: our YAML load path, the cache, and a plain yaml.safe_load.

    .venv/bin/python bench/load.py [FILE] [--runs N]

FILE defaults to data/plans.yaml; when that does not exist yet, tests/fixtures/mini.yaml is
replicated into a temporary file of comparable size (--replicate N copies) and that is measured.
Prints the median of N runs of each, and the ratios against yaml.safe_load measured in this run.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tui.core import schema, store, yamlpos  # noqa: E402
from tui.core.load import SafeLoader, load_corpus  # noqa: E402
from tui.core.locations import DEFAULT_DATA  # noqa: E402
from tui.core.model import corpus_from_dict  # noqa: E402


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def replicated_mini(copies: int, directory: Path) -> Path:
    data = yaml.load((ROOT / "tests/fixtures/mini.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
    plans = []
    for i in range(copies):
        for plan in data["plans"]:
            p = copy.deepcopy(plan)
            p["meta"]["id"] = f"{p['meta']['id']}-{i}"
            plans.append(p)
    out = directory / "mini-replicated.yaml"
    out.write_text(yaml.safe_dump({"version": 1, "plans": plans}, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--replicate", type=int, default=150, help="copies of mini.yaml when FILE is missing")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PLANS_CACHE_DIR"] = str(Path(tmp) / "cache")  # never touch the user's cache
        path = Path(args.file)
        if not path.exists():
            print(f"{path}: not there yet; measuring tests/fixtures/mini.yaml replicated {args.replicate}×")
            path = replicated_mini(args.replicate, Path(tmp))
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        data = yaml.load(text, Loader=SafeLoader)
        print(f"file: {path.name}  {len(raw) / 1e6:.2f} MB, {len(data['plans'])} plans, "
              f"{sum(1 for p in load_corpus(path, use_cache=False).plans for _ in p.walk())} nodes; "
              f"median of {args.runs} runs; C loader: {SafeLoader.__name__}")

        load_corpus(path, use_cache=True)  # fill the store
        assert list(store.directory().glob("corpus-*")), "store manifest was not written"

        t_safe = median_time(lambda: yaml.safe_load(text), max(3, args.runs // 2))
        t_yaml = median_time(lambda: load_corpus(path, use_cache=False), args.runs)
        t_cache = median_time(lambda: load_corpus(path, use_cache=True).plans[0].nodes, args.runs)
        # where the uncached time goes
        t_cparse = median_time(lambda: yaml.load(text, Loader=SafeLoader), args.runs)
        t_validate = median_time(lambda: schema.validate(data), args.runs)
        t_build = median_time(lambda: corpus_from_dict(data), args.runs)
        t_hash = median_time(lambda: store.key(path.read_bytes()), args.runs)
        t_compose = median_time(lambda: yamlpos.lines(text, [("plans", 0)]), max(3, args.runs // 2))

        def row(label: str, t: float) -> None:
            print(f"  {label:<40} {t * 1000:9.2f} ms   {t / t_safe:6.3f} × safe_load   {t_safe / t:7.1f}× faster")

        row("yaml.safe_load (pure-Python loader)", t_safe)
        row("load_corpus, YAML path (no cache)", t_yaml)
        row("load_corpus, store hit (first plan)", t_cache)
        print(f"  cache hit vs YAML path: {t_yaml / t_cache:.1f}× faster")
        print("  parts of the YAML path:")
        row("  yaml.load with " + SafeLoader.__name__, t_cparse)
        row("  schema.validate (plain dict)", t_validate)
        row("  corpus_from_dict", t_build)
        row("  read + content hash", t_hash)
        row("  walk for line numbers (errors only)", t_compose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
