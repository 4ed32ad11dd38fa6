"""The search keys alone, key → last frame written, A/B against other source trees in one run.

A focused companion of `bench/latency.py` (same harness: the real app in a tmux pane, each key sent
through the driver, an action's latency running to the last frame written before QUIET ms of quiet):
after the user has read the first screen for IDLE s, `/` (first), each keystroke of a query, Enter on
the first result, `n` ×3; then for every further query `/` (later), its keystrokes, Enter, `n` ×3.
Every query is new to the process, so each Enter counts a query's matches the reader has not seen.
Runs alternate between the trees (`--baseline DIR`), so a busy moment of the shared machine falls on
both; medians and p95 per tree and action are printed side by side with the targets (keystroke ≤ 16
ms, every other action ≤ 50 ms at 1×).

    .venv/bin/python bench/search_keys.py [--baseline /work/main] [--rounds 3] [--idle 3] [--timelines]
                                          [--profile "search keystroke"] [--trace [--slow 16] [--sample]]

`--trace` records inside the app what ran between each key and its last frame (`bench/keytrace.py`'s
trace: garbage collections, layouts and who asked, repaints, renders and the lines each widget drew,
slow callbacks and messages) and prints it for every key slower than `--slow` ms (its own target
for a keystroke, 50 for the others when not given).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import latency  # noqa: E402  (its harness: the tmux child, the key recorder)

SOCKET = f"plans-searchkeys-{os.getpid()}"
QUERIES = ("zhongdian shiyanshi", "科技成果", "yanfa", "人才 引进", "shuzi jingji", "chuangxin pingtai",
           "gaoxin qiye", "实验室")


async def drive(rec: Any, out: Path, idle: float, profile: str | None = None) -> None:
    app = rec.app
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()

    async def press(key: str, label: str, limit: float = 60.0) -> None:
        if profiler is None or label != profile:
            await rec.press(key, label, limit=limit)
            return
        await rec.settle()
        profiler.enable()
        try:
            await rec.press(key, label, limit=limit)
        finally:
            profiler.disable()

    await rec.settle(quiet=1.0)
    await asyncio.sleep(idle)  # the user reads: whatever is prepared in idle time is ready
    app.screen.plan_tree.focus()
    await rec.settle()
    for i, query in enumerate(QUERIES):
        await press("slash", "/ (first)" if i == 0 else "/ (later)", limit=120)
        await rec.settle(quiet=0.3)
        for ch in query:
            await press({" ": "space"}.get(ch, ch), "search keystroke")
        await rec.settle(quiet=0.5)
        await press("enter", "Enter on a search result")
        for _ in range(3):
            await press("n", "n")
    if profiler is not None:
        profiler.dump_stats(str(out) + ".prof")
    out.write_text(json.dumps({"results": rec.results, "keys": rec.keys}))
    app.exit()


def child(args: argparse.Namespace) -> int:
    # (records each key's frames and UI-thread CPU time too) imported before the tree under test goes first
    # on the path: bench/keytrace.py puts this tree first as it is imported, and `widgets`, first imported
    # when the app composes, would then come from this tree, not the baseline's
    from bench.keytrace import Trace, TracedRecorder

    sys.path.insert(0, args.src)
    import gc
    import threading

    gc.disable()  # as `plans` starts (see bench/latency.py)
    from tui.app import PlansApp
    from tui.core.load import load_corpus

    out = Path(args.out)

    trace: Trace | None = None
    if args.trace or args.sample:
        from tui.screens import main as _main  # noqa: F401  (their widgets' classes are traced)
        from tui.screens import search as _search  # noqa: F401

        trace = Trace(args.sample)
        trace.install(threading.get_ident())

    class Bench(PlansApp):
        def on_ready(self) -> None:
            if not latency.check_tree(args.src, out):
                self.exit()
            elif args.warmup:
                self.set_timer(1.0, self.exit)
            else:
                self.run_worker(drive(TracedRecorder(self, args.quiet_ms / 1000, trace), out, args.idle,
                                                 args.profile))

    Bench(load_corpus(args.data), save_settings=False, resume_gc=True).run()
    return 0


def tmux(*args: str) -> str:
    return latency.tmux(*args, socket=SOCKET)


def run_child(name: str, argv: list[str], env: dict[str, str], timeout: float) -> dict[str, Any] | None:
    """bench/latency.py's run_child for this script's child, on this script's tmux socket; a profile the
    child wrote (--profile) is kept as /tmp/search_keys.prof."""

    def keep(out: Path) -> None:
        prof = Path(str(out) + ".prof")
        if prof.exists():
            prof.replace("/tmp/search_keys.prof")

    return latency.run_child(name, argv, env, timeout, script=__file__, socket=SOCKET, keep=keep)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--warmup", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--src", default=str(ROOT), help=argparse.SUPPRESS)
    ap.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"))
    ap.add_argument("--baseline", metavar="DIR", action="append", default=[])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--idle", type=float, default=3.0, help="s on the first screen before `/`")
    ap.add_argument("--quiet-ms", type=float, default=120.0)
    ap.add_argument("--profile", metavar="ACTION", help="cProfile this action's keys (one round, this tree): "
                    "the stats are written to /tmp/search_keys.prof")
    ap.add_argument("--timelines", action="store_true", help="print every frame's time after each key")
    ap.add_argument("--trace", action="store_true", help="record what ran between each key and its last frame")
    ap.add_argument("--sample", action="store_true", help="with --trace: a sampling profile of the UI thread")
    ap.add_argument("--slow", type=float, help="print the trace of keys slower than this (ms; default: the target)")
    args = ap.parse_args()
    if args.child:
        return child(args)
    latency.end_on_signals()
    trees = [("this tree", str(ROOT))] + [(f"baseline {d}", str(Path(d).resolve())) for d in args.baseline]
    results: dict[str, dict[str, list[float]]] = {name: {} for name, _ in trees}
    env = {"TERM": os.environ.get("TERM", "xterm-256color"), "TEXTUAL_ANIMATIONS": "none"}
    common = ["--quiet-ms", str(args.quiet_ms), "--data", args.data, "--idle", str(args.idle)]
    if args.profile:
        trees, args.rounds = trees[:1], 1
        common += ["--profile", args.profile]
    common += ["--trace"] if args.trace else []
    common += ["--sample"] if args.sample else []
    traced: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
    with tempfile.TemporaryDirectory() as tmpdir:
        subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5",
                        "sleep", "7200"], check=True)
        try:
            for r in range(args.rounds):
                for k, (name, src) in enumerate(trees if r % 2 == 0 else trees[::-1]):
                    state = Path(tmpdir) / f"{k}-{r}"
                    env2 = {**env, "PLANS_CONFIG_DIR": f"{state}/config", "PLANS_STATE_DIR": f"{state}/state",
                            "PLANS_CACHE_DIR": f"{Path(tmpdir)}/cache-{name.replace('/', '_')}"}
                    run_child("warm", [*common, "--src", src, "--warmup"], env2, 600)
                    res = run_child("run", [*common, "--src", src], env2, 1800)
                    if res is None:
                        print(f"  {name}, round {r + 1}: no result (crashed or timed out)")
                        continue
                    for label, _first, last in res["results"]:
                        results[name].setdefault(label, []).append(last)
                    traced[name].extend(res["keys"])
                    if args.timelines:
                        for key in res["keys"]:
                            print(f"    {name} {key['label']}: {key['frames']}")
                    print(f"  round {r + 1}: {name} done", file=sys.stderr)
        finally:
            tmux("kill-server")
    labels = list(dict.fromkeys(label for by in results.values() for label in by))
    print(f"search keys, key → last frame written (quiet {args.quiet_ms:.0f} ms), {args.rounds} rounds, "
          f"median / p95 ms")
    print(f"  {'action':<28} " + "".join(f"{name[-24:]:>26}" for name, _ in trees) + "   target")
    for label in labels:
        cells = []
        for name, _ in trees:
            values = results[name].get(label, [])
            cells.append(f"{len(values):>4} × {statistics.median(values):6.1f} / {latency.pct(values, 95):6.1f}" if values
                         else f"{'—':>26}")
        target = 16 if label == "search keystroke" else 50
        print(f"  {label:<28} " + "".join(f"{c:>26}" for c in cells) + f"   ≤ {target}")
    # the UI thread's CPU time over the same spans: less sensitive than wall time to the other
    # processes of a shared machine (a key's frame that waited for a core is not counted)
    print("the UI thread's CPU time, key → last frame, median / p95 ms")
    for label in labels:
        cells = []
        for name, _ in trees:
            values = [k["cpu"] for k in traced[name] if k["label"] == label]
            cells.append(f"{len(values):>4} × {statistics.median(values):6.1f} / {latency.pct(values, 95):6.1f}" if values
                         else f"{'—':>26}")
        print(f"  {label:<28} " + "".join(f"{c:>26}" for c in cells))
    if args.trace or args.sample:
        from bench.keytrace import show_slow

        for name, _ in trees:
            show_slow(name, [k for k in traced[name]
                             if k["ms"] >= (args.slow if args.slow is not None
                                            else 16 if k["label"] == "search keystroke" else 50)], 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
