"""The user's first seconds, traced: keys typed from the first paint on, and what ran between each and its frame.

`bench/startup.py` types twelve j/k keys from the first paint on, one every 0.25 s, while the
warm-up runs (screens imported and built ahead, the search index loaded), and times each to the
screen changing; the same keys once everything is warm are its yardstick. This runs the same keys
inside the app (a thread sends each at its time, as the terminal's input thread does), on the real
start-up path (`plans`: collection paused until the first frame, the store read, the warm-up and the
screen preparer as they run), in a real terminal (tmux 120×40), and records for each key its last
frame and, with `--trace`, what ran meanwhile on the UI thread (`bench/keytrace.py`'s trace: garbage
collections, event-loop callbacks, messages, timers, layouts, renders, the warm-up thread's steps;
`--sample` adds where the UI thread was, every ~1 ms). Each key's time is printed beside the warm median and the
target (a key after the first paint ≤ 2 × the warm median, as bench/startup.py's).

    .venv/bin/python bench/startup_trace.py [--copies 1] [--runs 3] [--trace] [--sample] [--slow 40]
                                            [--baseline DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.keytrace import Trace, replace
from bench.latency import SOCKET, make_corpus, run_child, tmux
from bench.startup import HELD_UP, Interaction

ROOT = Path(__file__).resolve().parents[1]
MARKS = ("十四五 20", "根据《绍兴市柯桥")  # a plan row and the first plan's first paragraph (bench/startup.py)
LATE_AFTER = 12.0  # s after the first paint: the warm-up and the builds ahead are over


# -- inside the measured process -------------------------------------------------------------------
class Keys:
    """Sends j/k from a thread at set times after the first paint; records frames and each key's span."""

    def __init__(self, app: Any, trace: Trace | None, out: Path, late_after: float) -> None:
        self.app = app
        self.trace = trace
        self.out = out
        self.late_after = late_after
        self.frames: list[float] = []
        self.cursors: list[int] = []  # the tree's cursor line as each frame was written
        self.paint: float | None = None
        self.sent: list[tuple[str, float]] = []  # (phase, time the key was sent)
        self.start = time.perf_counter()
        self._seen: set[str] = set()
        self.paint_lines: dict[str, str] = {}

    def install(self) -> None:
        from textual.drivers.linux_driver import LinuxDriver

        write = LinuxDriver.write

        def timed_write(driver: LinuxDriver, data: str) -> None:
            write(driver, data)
            now = time.perf_counter()
            self.frames.append(now)
            self.cursors.append(self._cursor())
            if self.paint is None:
                self._seen.update(m for m in MARKS if m in data)
                if len(self._seen) == len(MARKS):
                    self.paint = now
                    if self.trace is not None:
                        self.paint_lines = self.trace.take_lines()  # lines drawn per widget class, and their ms
                    threading.Thread(target=self._send, daemon=True).start()

        replace(LinuxDriver, "write", timed_write)

    def _cursor(self) -> int:
        try:
            return int(self.app.screen.plan_tree.cursor_line)
        except Exception:  # no main screen (yet)
            return -1

    def _send(self) -> None:
        from textual import events

        assert self.paint is not None
        plan = [("early", self.paint + i * Interaction.EARLY_GAP) for i in range(Interaction.KEYS_EARLY)]
        plan += [("late", self.paint + self.late_after + i * Interaction.EARLY_GAP)
                 for i in range(Interaction.KEYS_LATE)]
        driver = self.app._driver
        for i, (phase, when) in enumerate(plan):
            time.sleep(max(0.0, when - time.perf_counter()))
            key = "j" if i % 2 == 0 else "k"
            event = events.Key(key, key)
            self.sent.append((phase, time.perf_counter()))
            driver.process_message(event)  # as the input thread hands on what it read
        time.sleep(0.5)
        self._write()
        self.app.call_from_thread(self.app.exit)

    def _write(self) -> None:
        assert self.paint is not None
        keys: list[dict[str, Any]] = []
        for i, (phase, t0) in enumerate(self.sent):
            end = self.sent[i + 1][1] if i + 1 < len(self.sent) else t0 + 0.5
            span = [k for k, f in enumerate(self.frames) if t0 <= f < end]
            after = [self.frames[k] for k in span]
            before = self.cursors[span[0] - 1] if span and span[0] else -1
            # the key's frame: the first one showing the cursor moved (later frames in the span are the
            # warm-up's and the preparer's, which no key waits for)
            moved = next((self.frames[k] for k in span if self.cursors[k] != before), None)
            record: dict[str, Any] = {"phase": phase, "at": round(t0 - self.paint, 3),
                                      "ms": round((moved - t0) * 1000, 1) if moved is not None else None,
                                      "frames": [round((f - t0) * 1000, 1) for f in after]}
            if self.trace is not None and moved is not None:
                last = moved
                record["events"] = [(round((s - t0) * 1000, 1), round((e - s) * 1000, 1), kind, what)
                                    for s, e, kind, what in self.trace.events if e >= t0 - 0.001 and s <= last]
                if self.trace.samples:
                    from collections import Counter

                    record["samples"] = Counter(w for t, w in self.trace.samples if t0 <= t <= last).most_common(25)
            keys.append(record)
        paint = self.paint
        start_events = [] if self.trace is None else [
            (round((s - paint) * 1000, 1), round((e - s) * 1000, 1), kind, what)
            for s, e, kind, what in self.trace.events if s <= paint + 0.1]
        self.out.write_text(json.dumps({"paint": paint - self.start, "keys": keys, "start": start_events,
                                        "paint_lines": self.paint_lines},
                                       ensure_ascii=False))


def child(args: argparse.Namespace) -> int:
    gc.disable()  # as `plans` starts (tui/cmd_browse.py pause_gc)
    sys.path.insert(0, args.src)
    from tui.app import PlansApp
    from tui.core.load import load_corpus

    trace = None
    if args.trace:
        from tui.screens import main as _main  # noqa: F401  (its widgets' classes are traced)

        trace = Trace(args.sample)
        trace.install(threading.get_ident())
    corpus = load_corpus(args.data)

    class Traced(PlansApp):
        def on_ready(self) -> None:
            super().on_ready()
            if args.warmup:
                self.set_timer(args.late, self.exit)

    app = Traced(corpus, save_settings=False, resume_gc=True, fit_terminal=True)
    if not args.warmup:
        Keys(app, trace, Path(args.out), args.late).install()
    app.run()
    return 0


# -- the driving process ---------------------------------------------------------------------------
def show(name: str, runs: list[dict[str, Any]], slow: float, show_start: bool = False) -> None:
    early = [k["ms"] for r in runs for k in r["keys"] if k["phase"] == "early" and k["ms"] is not None]
    late = [k["ms"] for r in runs for k in r["keys"] if k["phase"] == "late" and k["ms"] is not None]
    if not early or not late:
        print(f"  {name}: no frames seen after the keys")
        return
    warm = statistics.median(late)
    print(f"  {name}: warm keys median {warm:.1f} ms; first {len(early) // len(runs)} keys after the first paint:"
          f" median {statistics.median(early):.1f} ms, max {max(early):.1f} ms (target ≤ {HELD_UP:g}× warm ="
          f" {HELD_UP * warm:.0f} ms: {'ok' if max(early) <= HELD_UP * warm else 'MISSED'})")
    for i, r in enumerate(runs):
        line = " ".join(f"{k['ms']:.0f}" if k["ms"] is not None else "-" for k in r["keys"] if k["phase"] == "early")
        print(f"    run {i + 1} (first paint {r['paint'] * 1000:.0f} ms after the app object): {line}")
    for i, r in enumerate(runs):
        if show_start and r.get("start"):
            print(f"\n  [{name} run {i + 1}] lines drawn up to the first paint: {r.get('paint_lines')}")
            print(f"  [{name} run {i + 1}] up to 100 ms after the first paint (ms from the paint):")
            for start, dur, kind, what in r["start"]:
                print(f"    {start:7.1f} +{dur:6.1f}  {kind:<8} {what}")
        for k in r["keys"]:
            if k["ms"] is None or k["ms"] < slow or "events" not in k:
                continue
            print(f"\n  [{name} run {i + 1}] {k['phase']} key at +{k['at']:.2f} s: {k['ms']} ms, frames {k['frames']}")
            for start, dur, kind, what in k["events"]:
                if kind == "timer" and dur < 1 and what == "Screen._on_timer_update":
                    continue
                print(f"    {start:7.1f} +{dur:6.1f}  {kind:<8} {what}")
            for where, n in k.get("samples", []):
                print(f"    {n:4d} samples  {where}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--warmup", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--src", default=str(ROOT), help=argparse.SUPPRESS)
    ap.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"), help=argparse.SUPPRESS)
    ap.add_argument("--late", type=float, default=LATE_AFTER, help=argparse.SUPPRESS)
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3, help="runs of each tree, alternating")
    ap.add_argument("--baseline", metavar="DIR", action="append", default=[])
    ap.add_argument("--trace", action="store_true")
    ap.add_argument("--sample", action="store_true")
    ap.add_argument("--start", action="store_true", help="with --trace: also what ran up to 100 ms after the first paint")
    ap.add_argument("--slow", type=float, default=40.0, help="print the trace of keys slower than this (ms)")
    args = ap.parse_args()
    if args.child:
        return child(args)
    sources = [("plans", str(ROOT))] + [(f"baseline {d}", str(Path(d).resolve())) for d in args.baseline]
    print(f"startup_trace: j/k every {Interaction.EARLY_GAP} s from the first paint, key → the frame showing the cursor moved, "
          f"tmux 120x40, {args.copies}× corpus, {args.runs} runs per tree{', traced' if args.trace else ''}")
    results: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in sources}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        data = make_corpus(args.copies, tmp)
        env = {"TERM": os.environ.get("TERM", "xterm-256color")}
        common = ["--data", str(data), "--late", str(args.late)]
        if args.trace:
            common.append("--trace")
        if args.sample:
            common.append("--sample")
        subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "sleep",
                        "7200"], check=True)
        try:
            for run in range(args.runs):
                order = sources if run % 2 == 0 else list(reversed(sources))
                for name, src in order:
                    state = tmp / f"{name.replace(' ', '_').replace('/', '_')}"
                    env2 = {**env, "PLANS_CONFIG_DIR": f"{state}/config", "PLANS_STATE_DIR": f"{state}/state",
                            "PLANS_CACHE_DIR": f"{state}/cache"}
                    if run == 0:  # the caches filled (store, parsed CSS, search index), as a user's earlier start did
                        subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {src!r}); "
                                        "from tui.cli import main; sys.exit(main())", "search", "--data", str(data),
                                        "yfjf"], env={**os.environ, **env2}, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, timeout=600)
                        run_child("warm", [*common, "--src", src, "--warmup"], env2, 600, script=__file__)
                    res = run_child("run", [*common, "--src", src], env2, 600, script=__file__)
                    if res is None:
                        print(f"  {name}: run {run + 1} gave no result")
                        continue
                    results[name].append(res)
                    print(f"  run {run + 1}: {name} done", flush=True)
        finally:
            tmux("kill-server")
    for name, _ in sources:
        show(name, results[name], args.slow, args.start)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
