"""The derived store (tui/core/store) at 1×, 10× and 100× the five plans: build, load, change.

For each size the five plans of data/plans.yaml are replicated (as bench/search.py does: each copy
renamed to another region) into a temporary plans file with its own empty store, and measured:

  yaml       load_corpus without the store (parse + validate + build the whole file): the old cold path
  cold       the first load ever: every plan parsed and written to the store
  warm       a later start: manifest read, no plan decoded; then the first plan's nodes (what the
             first screen shows)
  change     after one plan's text changed: only that plan parsed again
  all        every plan decoded from the store (what a corpus-wide screen costs the first time)
  index      the search index loaded from the store vs built; its file size

Each figure is the median of --runs runs (the cold and change builds: one run each, on fresh files),
printed beside its target. Targets: usable screen ≤ 3 s after a data change at 100×; warm
load a small part of the bare app's start-up (≤ 50 ms, so first paint stays ≤ 1.4× bare at 100×).

    .venv/bin/python bench/corpus.py [--sizes 1 10 100] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.importer.build import dump_corpus  # noqa: E402
from tui.core.load import load_corpus  # noqa: E402
from tui.core.locations import DEFAULT_DATA  # noqa: E402
from tui.core.model import Corpus, corpus_from_dict, corpus_to_dict  # noqa: E402

REGIONS = "杭甬温嘉湖绍金衢舟台丽苏锡常通扬镇泰徐淮盐连宿宁合芜蚌淮马铜安黄滁阜亳宣池六"


def replicate(corpus: Corpus, copies: int) -> Corpus:
    data = corpus_to_dict(corpus)
    plans = list(data["plans"])
    for c in range(1, copies):
        for p in data["plans"]:
            meta = p["meta"]
            name = REGIONS[c % len(REGIONS)] + f"{c}区"
            raw = json.dumps(p, ensure_ascii=False)
            for old in {meta.get("short", ""), meta.get("region", "")} - {""}:
                raw = raw.replace(old, name)
            q = json.loads(raw)
            q["meta"]["id"] = f"{meta['id']}-{c}"
            plans.append(q)
    return corpus_from_dict({"version": 1, "plans": plans})


def vm_hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for row in fh:
                if row.startswith("VmHWM:"):
                    return int(row.split()[1])
    except OSError:
        pass
    return 0


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def median(fn, runs: int) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


def mb(path: Path) -> float:
    return path.stat().st_size / 2**20


def line(label: str, seconds: float, target: str = "") -> None:
    shown = f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.2f} s "
    print(f"  {label:<46} {shown}   {target}")


def bench(base: Corpus, copies: int, runs: int, tmp: Path) -> None:
    from tui.core import store
    from tui.core.search import index as search_index
    from tui.core.search import store as index_store

    home = tmp / f"x{copies}"
    home.mkdir()
    os.environ["PLANS_CACHE_DIR"] = str(home / "cache")
    store._FINGERPRINT = None
    path = home / "plans.yaml"
    path.write_text(dump_corpus(replicate(base, copies)), encoding="utf-8")
    old = time.time() - 60
    os.utime(path, (old, old))  # a plans file not edited in the last seconds, as at most start-ups
    n = len(base.plans) * copies
    print(f"\n== {copies}×: {n} plans, plans file {mb(path):.1f} MB")
    yaml_runs = 1 if copies >= 10 else runs
    line("yaml: whole file, no store (old cold path)", median(lambda: load_corpus(path, use_cache=False), yaml_runs))
    cold = timed(lambda: load_corpus(path))
    line("cold: first load, store written", cold)
    size = sum(mb(p) for p in store.directory().glob("plan-*"))
    print(f"  {'':<46} store: {size:.1f} MB in {n} plan files")
    warm = median(lambda: load_corpus(path), runs)
    target = "target ≤ 50 ms" + ("" if copies < 100 else " (100×)")
    line("warm: manifest, no plan decoded", warm, f"{target}: {'met' if warm <= 0.05 else 'MISSED'}")
    first = median(lambda: load_corpus(path).plans[0].nodes, runs)
    line("warm + the first plan's nodes", first)
    corpus = load_corpus(path)
    line("all plans decoded (corpus-wide screens, once)", timed(lambda: [p.nodes for p in corpus.plans]))
    raw = path.read_bytes()
    at = raw.index(b"text: ", len(raw) // 2)
    path.write_bytes(raw[:at] + "text: （改）".encode() + raw[at + len("text: "):])
    os.utime(path, (old, old + 1))
    change = timed(lambda: load_corpus(path).plans[0].nodes)
    line("change: one plan edited, load again", change,
         f"target ≤ 3 s to a usable screen at 100×: {'met' if change <= 3 else 'MISSED'}")
    corpus = load_corpus(path)
    search_index._INDEXES.clear()
    build = timed(lambda: search_index.SearchIndex.build(corpus))
    line("search index: built in this process", build)
    key = index_store.key_for(path)
    assert key is not None
    index_store.path_of(key).unlink(missing_ok=True)
    from tui.core.store import index_build

    fresh = load_corpus(path)
    if len(fresh.plans) >= index_build.APART:
        # the builder `build_apart` runs, started the same way, its peak RSS read from /proc while it
        # runs (getrusage's figure for children counts the forked copy of this process before exec)
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "tui.core.store.index_build", key, str(path), "--no-user-plans"],
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, vm_hwm_kb(proc.pid))
            time.sleep(0.05)
        apart = time.perf_counter() - t
        ok = proc.returncode == 0 and index_store.path_of(key).exists()
        line("search index: built by its own process (the app's way)", apart,
             f"{'written' if ok else 'FAILED'}; builder peak RSS {peak / 1024:.0f} MB: "
             f"{'met' if peak / 1024 <= 300 else 'MISSED'} (target ≤ 300 MB)")
    else:
        search_index.index_for(fresh)  # writes it
    load = median(lambda: index_store.load(key, search_index.SearchIndex), max(1, runs // 2))
    line("search index: loaded from the store", load, f"{mb(index_store.path_of(key)):.1f} MB on disk")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    base = load_corpus(args.data, use_cache=False)
    print(f"corpus store bench: {args.data} ({len(base.plans)} plans); python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        for copies in args.sizes:
            bench(base, copies, args.runs, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
