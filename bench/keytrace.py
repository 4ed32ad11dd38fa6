"""The main screen's moving keys, many times in one run, with what ran between each key and its last frame.

`bench/latency.py` presses `]` eight times, `}` six and `b`/`f` three: its p95 is the slowest of a
handful. This drives the same real app (tmux, key → last frame written, `bench/latency.py`'s
Recorder) through many rounds of the main screen's keys — tree moves over plan, chapter and section
rows, `]`/`[`, `}`/`{`, `b`/`f` — on this tree and on others given with `--baseline`, alternating
runs (A/B in one sitting on a shared machine), and prints each key's median and p95 beside the
targets (≤ 50 ms at 1×, ≤ 80 ms at 100×).

With `--trace` it also records, inside the app, what ran between each key and its last frame:
garbage collections (`gc.callbacks`, generation and ms), event-loop callbacks over 3 ms (which task
or timer), messages whose handlers took over 2 ms, timer callbacks (the reader's idle wrapping, the
screen preparer's steps), layouts (and which widget asked for one, from where), whole-screen
repaints asked for, compositor renders (the cells dirty, the lines each widget drew), lines and ms
rendered per widget class, and the warm-up thread's steps; and prints it for every key over `--slow` ms. `--sample` adds a sampling
profile of the UI thread (every ~1 ms: where it was), summarised per slow key.

    .venv/bin/python bench/keytrace.py [--copies 1] [--runs 2] [--rounds 4] [--baseline DIR]
                                       [--trace] [--sample] [--slow 50]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.latency import (
    KEY_NAMES,
    SOCKET,
    Recorder,
    check_tree,
    end_on_signals,
    make_corpus,
    pct,
    row_kind,
    run_child,
    tmux,
)

ROOT = Path(__file__).resolve().parents[1]


# -- inside the measured process: the trace --------------------------------------------------------
class Trace:
    """Timestamped events (start, end, kind, what) recorded while the app runs."""

    def __init__(self, sample: bool) -> None:
        self.events: list[tuple[float, float, str, str]] = []
        # lines rendered per widget class since the last `take_lines` (and "<class> ms": the time they took)
        self.lines: Counter[str] = Counter()
        self.line_ms: Counter[str] = Counter()
        self.frame_widgets: Counter[str] = Counter()  # lines rendered per widget class in this frame
        self.samples: list[tuple[float, str]] = []
        self._sampling = sample
        self._gc_start = 0.0

    def add(self, start: float, kind: str, what: str) -> None:
        self.events.append((start, time.perf_counter(), kind, what))

    def take_lines(self) -> dict[str, str]:
        out = {name: f"{n} lines {self.line_ms[name] / 1000:.1f} ms" for name, n in self.lines.items()}
        self.lines.clear()
        self.line_ms.clear()
        return out

    def install(self, main_thread: int) -> None:
        from textual.geometry import Region
        from textual.message_pump import MessagePump
        from textual.screen import Screen
        from textual.strip import Strip
        from textual.timer import Timer
        from textual.widget import Widget

        trace = self

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                trace._gc_start = time.perf_counter()
            else:
                trace.add(trace._gc_start, "gc", f"gen{info['generation']} collected {info['collected']}")

        gc.callbacks.append(on_gc)

        handle_run = asyncio.events.Handle._run

        def timed_run(handle: asyncio.events.Handle) -> None:
            start = time.perf_counter()
            handle_run(handle)
            if time.perf_counter() - start > 0.003:
                trace.add(start, "loop", describe_callback(handle))

        replace(asyncio.events.Handle, "_run", timed_run)

        dispatch = MessagePump._dispatch_message

        async def timed_dispatch(pump: MessagePump, message: Any) -> None:
            start = time.perf_counter()
            await dispatch(pump, message)
            if time.perf_counter() - start > 0.002:
                trace.add(start, "message", f"{type(pump).__name__}#{getattr(pump, 'id', '') or ''} {type(message).__name__}")

        replace(MessagePump, "_dispatch_message", timed_dispatch)

        tick = Timer._tick

        async def timed_tick(timer: Timer, *, next_timer: float, count: int) -> None:
            start = time.perf_counter()
            await tick(timer, next_timer=next_timer, count=count)
            name = getattr(timer._callback, "__qualname__", None) or timer.name
            if name not in ("Screen._on_timer_update",) or time.perf_counter() - start > 0.002:
                trace.add(start, "timer", str(name))

        replace(Timer, "_tick", timed_tick)

        def timed(cls: type, name: str, kind: str) -> None:
            original = getattr(cls, name)

            def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return original(self, *args, **kwargs)
                finally:
                    trace.add(start, kind, f"{type(self).__name__}.{name}")

            setattr(cls, name, wrapper)

        refresh_layout = Screen._refresh_layout

        def traced_layout(screen: Screen[Any], size: Any = None, scroll: bool = False) -> None:
            start = time.perf_counter()
            full = screen._layout_required or not scroll
            try:
                refresh_layout(screen, size, scroll)
            finally:
                trace.add(start, "layout", f"{type(screen).__name__} {'full' if full else 'scroll'}")

        replace(Screen, "_refresh_layout", traced_layout)
        refresh = Widget.refresh

        def traced_refresh(widget: Widget, *regions: Region, repaint: bool = True, layout: bool = False,
                           recompose: bool = False) -> Widget:
            if layout and not widget._layout_required:
                trace.add(time.perf_counter(), "relayout", f"{type(widget).__name__}#{widget.id or ''} ← {caller()}")
            elif repaint and isinstance(widget, Screen) and not regions:
                trace.add(time.perf_counter(), "repaint", f"{type(widget).__name__} ← {caller(8)}")
            return refresh(widget, *regions, repaint=repaint, layout=layout, recompose=recompose)

        replace(Widget, "refresh", traced_refresh)
        compositor_refresh = Screen._compositor_refresh

        def traced_render(screen: Screen[Any]) -> None:
            start = time.perf_counter()
            trace.frame_widgets.clear()
            dirty = screen._compositor._dirty_regions
            area = sum(r.area for r in dirty)
            try:
                compositor_refresh(screen)
            finally:
                drawn = " ".join(f"{name}:{n}" for name, n in trace.frame_widgets.items())
                trace.add(start, "render", f"{type(screen).__name__} dirty {len(dirty)} regions {area} cells [{drawn}]")

        replace(Screen, "_compositor_refresh", traced_render)
        depth = [0]

        def count_lines(cls: type[Widget]) -> None:
            render_lines = cls.__dict__["render_lines"]

            def counted_lines(widget: Widget, crop: Region) -> list[Strip]:
                depth[0] += 1
                start = time.perf_counter()
                try:
                    lines: list[Strip] = render_lines(widget, crop)
                finally:
                    depth[0] -= 1
                if not depth[0]:  # (a subclass's render_lines calls its base's: counted once)
                    name = type(widget).__name__
                    trace.lines[name] += len(lines)
                    trace.frame_widgets[name] += len(lines)
                    trace.line_ms[name] += round((time.perf_counter() - start) * 1_000_000)
                return lines

            replace(cls, "render_lines", counted_lines)

        for cls in {Widget, *[c for c in all_subclasses(Widget) if "render_lines" in c.__dict__]}:
            count_lines(cls)
        import importlib.util

        # the warm-up thread's steps (tui/screens/main_warm.py), where the tree has one
        main_warm = importlib.import_module("tui.screens.main_warm") if importlib.util.find_spec(
            "tui.screens.main_warm") else None
        if main_warm is not None and hasattr(main_warm.WarmUp, "_give_way"):
            give_way = main_warm.WarmUp._give_way
            state = {"step": time.perf_counter()}

            def traced_give_way(self: Any) -> None:
                trace.add(state["step"], "warm-up", "warm-up step (thread)")
                give_way(self)
                state["step"] = time.perf_counter()

            replace(main_warm.WarmUp, "_give_way", traced_give_way)
        if self._sampling:
            sys.setswitchinterval(0.0005)  # the sampler gets the interpreter every half millisecond
            threading.Thread(target=self._sample, args=(main_thread,), daemon=True).start()

    def _sample(self, main_thread: int) -> None:
        while True:
            time.sleep(0.001)
            frame = sys._current_frames().get(main_thread)
            if frame is None:
                continue
            where: list[tuple[str, str, int]] = []
            f: Any = frame
            while f is not None and len(where) < 40:
                code = f.f_code
                where.append((code.co_filename, code.co_name, f.f_lineno))
                f = f.f_back
            # the innermost frame, and the innermost frame of the project's own code (or of Textual)
            inner = where[0]
            mine = next((w for w in where if "/tui/" in w[0] or "/widgets/" in w[0]), None)
            text = f"{short(inner)}"
            if mine is not None and mine is not inner:
                text += f" ← {short(mine)}"
            self.samples.append((time.perf_counter(), text))


def all_subclasses(cls: type) -> list[type]:
    out: list[type] = []
    subs: list[type] = cls.__subclasses__()
    for sub in subs:
        out.append(sub)
        out.extend(all_subclasses(sub))
    return out


def replace(owner: object, name: str, value: object) -> None:
    """Monkey-patch `owner.name` (the trace wraps Textual's and asyncio's methods)."""
    setattr(owner, name, value)


def caller(depth: int = 6) -> str:
    """The frames that asked (skipping this module), innermost first."""
    frame: Any = sys._getframe(2)
    out: list[str] = []
    while frame is not None and len(out) < depth:
        code = frame.f_code
        out.append(f"{Path(code.co_filename).stem}.{code.co_name}:{frame.f_lineno}")
        frame = frame.f_back
    return " ← ".join(out)


def short(where: tuple[str, str, int]) -> str:
    path, name, line = where
    parts = Path(path).parts
    tail = "/".join(parts[-2:]) if len(parts) > 1 else path
    return f"{tail}:{name}:{line}"


def describe_callback(handle: asyncio.events.Handle) -> str:
    callback: Any = getattr(handle, "_callback", None)
    task = getattr(callback, "__self__", None)
    coro = task.get_coro() if isinstance(task, asyncio.Task) else None
    if coro is not None:
        frame = getattr(coro, "cr_frame", None)
        owner = frame.f_locals.get("self") if frame is not None else None
        name = getattr(coro, "__qualname__", repr(coro))
        if owner is not None:
            return f"task {name} of {type(owner).__name__}#{getattr(owner, 'id', '') or ''}"
        return f"task {name}"
    return f"callback {getattr(callback, '__qualname__', repr(callback))}"


class TracedRecorder(Recorder):
    """`bench/latency.py`'s Recorder, keeping each key's start and frames for the trace."""

    def __init__(self, app: Any, quiet: float, trace: Trace | None) -> None:
        super().__init__(app, quiet)
        self.trace = trace
        self.keys: list[dict[str, Any]] = []
        self.frame_cpu: list[float] = []  # the UI thread's CPU time at each frame (time.thread_time)
        driver = app._driver
        write = driver.write

        def cpu_write(data: str) -> None:
            self.frame_cpu.append(time.thread_time())
            write(data)

        driver.write = cpu_write

    async def press(self, key: str, label: str | None = None, limit: float = 60.0) -> None:
        from textual import events

        await self.settle()
        if self.trace is not None:
            self.trace.take_lines()
        n = len(self.frames)
        char = key if len(key) == 1 else {"space": " "}.get(key)
        event = events.Key(key, char)
        event.set_sender(self.app)
        t0 = time.perf_counter()
        cpu0 = time.thread_time()
        self.app._driver.send_message(event)
        while len(self.frames) == n and time.perf_counter() - t0 < min(limit, 10.0):
            await asyncio.sleep(0.002)
        await self.settle(limit=limit)
        after = self.frames[n:]
        if label is None:
            return
        if not after:
            self.results.append((label + " (no frame)", float("nan"), float("nan")))
            return
        last = (after[-1] - t0) * 1000
        self.results.append((label, (after[0] - t0) * 1000, last))
        record: dict[str, Any] = {"label": label, "ms": round(last, 1),
                                  "cpu": round((self.frame_cpu[-1] - cpu0) * 1000, 1),
                                  "frames": [round((f - t0) * 1000, 1) for f in after]}
        if self.trace is not None:
            end = after[-1]
            record["lines"] = self.trace.take_lines()
            record["events"] = [(round((s - t0) * 1000, 1), round((e - s) * 1000, 1), kind, what)
                                for s, e, kind, what in self.trace.events if e >= t0 - 0.001 and s <= end]
            if self.trace.samples:
                record["samples"] = Counter(w for t, w in self.trace.samples if t0 <= t <= end).most_common(40)
        self.keys.append(record)
        if self.trace is not None:
            cut = t0 - 1.0
            self.trace.events = [e for e in self.trace.events if e[1] >= cut]
            self.trace.samples = [s for s in self.trace.samples if s[0] >= cut]


async def drive(rec: TracedRecorder, out: Path, rounds: int, profile: str | None = None) -> None:
    app = rec.app
    await rec.settle(quiet=1.0)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    screen = app.screen
    tree = screen.plan_tree
    tree.focus()
    await rec.settle()

    async def move(key: str) -> str:
        line = tree.cursor_line
        await rec.press(key, "tree move")
        kind = row_kind(screen)
        if tree.cursor_line == line:
            rec.results.pop()
            rec.keys.pop()
            return "end"
        label = f"tree {key} → {kind} row"
        rec.results[-1] = (label, *rec.results[-1][1:])
        rec.keys[-1]["label"] = label
        return kind

    for plans in range(rounds):
        # tree moves over regions and plans (each plan row shows a whole plan)
        await rec.press("home")
        for _ in range(8):
            await move("down")
        for _ in range(4):
            await move("up")
        # into a plan (another one each round), its chapters opened, moving down its rows
        await rec.press("home")
        seen = 0
        while True:
            kind = row_kind(screen)
            if kind == "plan":
                if seen == plans % 5:
                    break
                seen += 1
            if await move("down") == "end":
                break
        await rec.press("enter", "Enter (open a plan row)")
        opened = 0
        for _ in range(30):
            kind = await move("down")
            if kind == "end":
                break
            node = tree.cursor_node
            if kind == "chapter" and opened < 3 and node is not None and not node.is_expanded:
                await rec.press("enter", "Enter (open a chapter row)")
                opened += 1
        for key, n in (("]", 10), ("[", 6), ("}", 6), ("{", 4), ("]", 6)):
            for _ in range(n):
                await rec.press(KEY_NAMES[key], key)
        for key, n in (("b", 4), ("f", 4), ("b", 3), ("f", 3)):
            for _ in range(n):
                await rec.press(key, f"{key} ({'back' if key == 'b' else 'forward'})")
        tree.focus()
        await rec.settle()
    if profiler is not None and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    out.write_text(json.dumps({"results": rec.results, "keys": rec.keys}))
    app.exit()


def child(args: argparse.Namespace) -> int:
    out = Path(args.out)
    sys.path.insert(0, args.src)
    gc.disable()  # as `plans` starts (tui/cmd_browse.py), and as bench/latency.py runs it
    from tui.app import PlansApp
    from tui.core.load import load_corpus
    from tui.screens import main as _main  # noqa: F401  (its widgets' classes are traced)

    trace = Trace(args.sample) if args.trace else None
    if trace is not None:
        trace.install(threading.get_ident())
    quiet = args.quiet_ms / 1000

    class Bench(PlansApp):
        def on_ready(self) -> None:
            if not check_tree(args.src, out):
                self.exit()
            elif args.warmup:
                self.set_timer(1.0, self.exit)
            else:
                self.run_worker(drive(TracedRecorder(self, quiet, trace), out, args.rounds, args.profile))

    Bench(load_corpus(args.data), save_settings=False, resume_gc=True).run()
    return 0


# -- the driving process ---------------------------------------------------------------------------
def report(name: str, copies: int, keys: list[dict[str, Any]]) -> None:
    """Key → last frame (median, p95, max) per action, and the UI thread's CPU time over the same span
    (less sensitive than wall time to the other processes on a shared machine)."""
    target = 50.0 if copies < 100 else 80.0
    by: dict[str, list[tuple[float, float]]] = {}
    for record in keys:
        by.setdefault(record["label"], []).append((record["ms"], record["cpu"]))
    print(f"  {name}:")
    print(f"    {'action':<30} {'n':>4} {'median':>8} {'p95':>8} {'max':>8}  {'target':<14} {'cpu med':>8} {'cpu p95':>8}")
    for label in sorted(by):
        lasts = [ms for ms, _ in by[label]]
        cpu = [c for _, c in by[label]]
        p95 = pct(lasts, 95)
        print(f"    {label:<30} {len(lasts):>4} {statistics.median(lasts):6.1f}ms {p95:6.1f}ms {max(lasts):6.1f}ms"
              f"  ≤ {target:.0f} ms {'ok    ' if p95 <= target else 'MISSED'} {statistics.median(cpu):6.1f}ms"
              f" {pct(cpu, 95):6.1f}ms")


def show_slow(name: str, keys: list[dict[str, Any]], slow: float) -> None:
    for record in keys:
        if record["ms"] < slow:
            continue
        print(f"\n  [{name}] {record['label']}: {record['ms']} ms, frames at {record['frames']}")
        if "lines" in record:
            print(f"    lines rendered: {record['lines']}")
        for start, dur, kind, what in record.get("events", []):
            if kind == "timer" and dur < 1 and what == "Screen._on_timer_update":
                continue
            print(f"    {start:7.1f} +{dur:6.1f}  {kind:<8} {what}")
        for where, n in record.get("samples", []):
            print(f"    {n:4d} samples  {where}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--warmup", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--src", default=str(ROOT), help=argparse.SUPPRESS)
    ap.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"), help=argparse.SUPPRESS)
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--runs", type=int, default=2, help="runs of each tree, alternating")
    ap.add_argument("--rounds", type=int, default=4, help="rounds of the keys in each run")
    ap.add_argument("--baseline", metavar="DIR", action="append", default=[])
    ap.add_argument("--quiet-ms", type=float, default=120.0)
    ap.add_argument("--trace", action="store_true")
    ap.add_argument("--sample", action="store_true")
    ap.add_argument("--profile", metavar="FILE", help="cProfile the UI thread while keys are driven (one run)")
    ap.add_argument("--slow", type=float, default=50.0, help="print the trace of keys slower than this (ms)")
    ap.add_argument("--json", metavar="FILE", help="write every key's record here")
    args = ap.parse_args()
    if args.child:
        return child(args)
    end_on_signals()
    sources = [("plans", str(ROOT))] + [(f"baseline {d}", str(Path(d).resolve())) for d in args.baseline]
    print(f"keytrace: key → last frame written (quiet {args.quiet_ms:.0f} ms), tmux 120x40, {args.copies}× corpus, "
          f"{args.runs} runs × {args.rounds} rounds per tree{', traced' if args.trace else ''}")
    keys: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in sources}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        data = make_corpus(args.copies, tmp)
        env = {"TERM": os.environ.get("TERM", "xterm-256color"), "TEXTUAL_ANIMATIONS": "none",
               "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
        common = ["--quiet-ms", str(args.quiet_ms), "--data", str(data), "--rounds", str(args.rounds)]
        if args.trace:
            common.append("--trace")
        if args.sample:
            common.append("--sample")
        if args.profile:
            common += ["--profile", str(Path(args.profile).resolve())]
        subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "sleep",
                        "7200"], check=True)
        try:
            for run in range(args.runs):
                order = sources if run % 2 == 0 else list(reversed(sources))
                for name, src in order:
                    state = tmp / f"{name.replace(' ', '_').replace('/', '_')}"
                    env2 = {**env, "PLANS_CONFIG_DIR": f"{state}/config", "PLANS_STATE_DIR": f"{state}/state",
                            "PLANS_CACHE_DIR": f"{state}/cache"}
                    if run == 0:
                        run_child("warm", [*common, "--src", src, "--warmup"], env2, 600, script=__file__)
                    res = run_child("run", [*common, "--src", src], env2, 3600, script=__file__)
                    if res is None:
                        print(f"  {name}: run {run + 1} gave no result")
                        continue
                    for record in res["keys"]:
                        record["run"] = run
                    keys[name].extend(res["keys"])
                    print(f"  run {run + 1}: {name} done", flush=True)
        finally:
            tmux("kill-server")
    for name, _ in sources:
        report(name, args.copies, keys[name])
    if args.trace:
        for name, _ in sources:
            show_slow(name, keys[name], args.slow)
    if args.json:
        Path(args.json).write_text(json.dumps(keys, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
