"""Key → last frame written, per action, in a real terminal, against the bare Textual app's floor.

Each measured program runs inside a tmux pane (Textual's real Linux driver, writing to a real pty;
Pilot's headless driver renders no frames). A small harness inside that process sends each key
through the driver (`driver.send_message`, as the input thread does) and records the time of every
frame the app writes (`driver.write`). An action's latency runs from the key to the last frame
written before the screen has been quiet for QUIET ms — no frame written and the event loop free
(a loop busy with the key's work is not quiet) — and the first frame is reported too. The bare app (Header, Static, Footer; a key that changes the Static's text) is
measured in the same run: it is the floor no Textual app can beat on this machine.

Actions: tree moves over every row kind (region, plan, chapter, section, 专栏, table, front/back
matter), Enter, `]`/`[`, `}`/`{`, `/` first and later, each search keystroke, Enter on a result,
`n`/`N`, `n` to a result in another node, `c`/`t`/`m`/`i`/`ctrl+p`/`?`/`B` first and later (and `t`/`i`/`m` again on another
plan), Esc closing each, back/forward; at 1×, 10× and 100× corpora (the five
plans replicated as `bench/search.py` does). Medians and p95 beside the targets; peak RSS (VmHWM)
with search opened.

Targets: every action ≤ 50 ms at 1× and ≤ 80 ms at 100×; search keystroke ≤ 16 ms at 1×;
peak RSS ≤ 100 MB at 1× and ≤ 300 MB at 100×.

    .venv/bin/python bench/latency.py [--copies 1,10,100] [--baseline DIR ...] [--quiet-ms 120]
                                      [--screens-only IDLE_S]

`--screens-only IDLE_S` measures only the screens' keys, after IDLE_S s without a key on the first
screen (a user reading it: whatever the app prepares in idle time is ready).

`--baseline DIR` also measures `plans` run from another copy of the source tree (e.g. `git worktree
add /tmp/before main`), in the same run. Each program is started once unmeasured first, so caches on
disk are warm (a user's second start).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SOCKET = f"plans-latency-{os.getpid()}"
NO_ENV = ["-u", "PYTHONDONTWRITEBYTECODE"]  # bytecode cached as on a user's machine (see bench/startup.py)
QUERY_1 = "zhongdian shiyanshi"
QUERY_2 = "科技成果"


# -- inside the measured process -------------------------------------------------------------------
class Recorder:
    """Times of the frames the app writes, and key → frame measurements."""

    def __init__(self, app: Any, quiet: float) -> None:
        self.app = app
        self.quiet = quiet
        self.frames: list[float] = []
        self.results: list[tuple[str, float, float]] = []  # (action, first frame ms, last frame ms)
        self.timelines: list[tuple[str, list[float]]] = []  # (action, every frame's ms after the key)
        driver = app._driver
        write = driver.write

        def timed_write(data: str) -> None:
            self.frames.append(time.perf_counter())
            write(data)

        driver.write = timed_write

    async def settle(self, quiet: float | None = None, limit: float = 60.0) -> None:
        quiet = self.quiet if quiet is None else quiet
        start = prev = time.perf_counter()
        since = start  # quiet since: no frame written and the event loop free
        while prev - start < limit:
            await asyncio.sleep(0.004)
            now = time.perf_counter()
            if now - prev > 0.02:
                since = now  # the loop was busy (work on the key's path): not quiet, a frame may follow
            prev = now
            if self.frames and self.frames[-1] > since:
                since = self.frames[-1]
            if now - since > quiet:
                return

    async def press(self, key: str, label: str | None = None, limit: float = 60.0) -> None:
        from textual import events

        await self.settle()
        n = len(self.frames)
        char = key if len(key) == 1 else {"space": " "}.get(key)
        event = events.Key(key, char)
        event.set_sender(self.app)
        t0 = time.perf_counter()
        self.app._driver.send_message(event)
        while len(self.frames) == n and time.perf_counter() - t0 < min(limit, 10.0):
            await asyncio.sleep(0.002)  # a screen that prepares in a worker draws late: wait for it
        await self.settle(limit=limit)
        after = self.frames[n:]
        if label is not None and after:
            self.results.append((label, (after[0] - t0) * 1000, (after[-1] - t0) * 1000))
            self.timelines.append((label, [round((f - t0) * 1000, 1) for f in after]))
        elif label is not None:
            self.results.append((label + " (no frame)", float("nan"), float("nan")))


# every screen the main screen opens: (key, label); each opened first, then three times more
SCREEN_KEYS = (("c", "c"), ("t", "t"), ("m", "m"), ("i", "i"), ("ctrl+p", "ctrl+p"), ("question_mark", "?"),
               ("B", "B"))

KEY_NAMES = {"/": "slash", "]": "right_square_bracket", "[": "left_square_bracket",
             "}": "right_curly_bracket", "{": "left_curly_bracket", " ": "space"}


def row_kind(screen: Any) -> str:
    node = screen.plan_tree.cursor_node
    item = node.data if node is not None else None
    if item is None:
        return "?"
    if item.kind != "node":
        return item.kind  # region, plan
    kind = getattr(item.node, "kind", "?")
    return {"front": "matter", "back": "matter", "subsection": "section", "item": "section"}.get(kind, kind)


async def drive_plans(rec: Recorder, out: Path) -> None:
    app = rec.app
    await rec.settle(quiet=1.0)
    screen = app.screen
    tree = screen.plan_tree
    tree.focus()
    await rec.settle()
    # tree moves over every row kind: regions and plans, then inside the first plan (chapters opened)

    async def move(key: str) -> str:
        line = tree.cursor_line
        await rec.press(key, "tree move")
        kind = row_kind(screen)
        if tree.cursor_line == line:  # at the end: nothing to draw, not a measurement
            rec.results.pop()
            return "end"
        rec.results[-1] = (f"tree {key} → {kind} row", *rec.results[-1][1:])
        return kind

    await rec.press("home")
    for _ in range(8):
        await move("down")
    for _ in range(4):
        await move("up")
    await rec.press("home")
    while row_kind(screen) != "plan":
        await rec.press("down")
    await rec.press("enter", "Enter (open a plan row)")
    opened = 0
    for _ in range(70):
        kind = await move("down")
        if kind == "end":
            break
        node = tree.cursor_node
        if kind == "chapter" and opened < 4 and node is not None and not node.is_expanded:
            await rec.press("enter", "Enter (open a chapter row)")
            opened += 1
    for key, n in (("]", 8), ("[", 8), ("}", 6), ("{", 6)):
        for _ in range(n):
            await rec.press(KEY_NAMES[key], key)
    # search: first open, every keystroke, a result, then n/N in the reader
    await rec.press("slash", "/ (first)", limit=120)
    await rec.settle(quiet=0.5)
    for ch in QUERY_1:
        await rec.press(KEY_NAMES.get(ch, ch), "search keystroke")
    await rec.settle(quiet=0.5)
    await rec.press("enter", "Enter on a search result")
    for key, n in (("n", 8), ("N", 8)):
        for _ in range(n):
            await rec.press(key, key)
    for _ in range(3):
        await rec.press("b", "b (back)")
    for _ in range(3):
        await rec.press("f", "f (forward)")
    await rec.press("slash", "/ (later)")
    for ch in QUERY_2:
        await rec.press(ch, "search keystroke")
    await rec.press("escape", "Esc (close search)")
    rss_search = peak_rss_mb()
    await open_screens(rec)
    # the screens that show the plan under the cursor, after moving to another plan
    await rec.press("home")
    while row_kind(screen) != "plan":
        await rec.press("down")
    await rec.press("down")
    while row_kind(screen) != "plan":
        await rec.press("down")
    for key, name in (("t", "t"), ("i", "i"), ("m", "m")):
        await rec.press(key, f"{name} (another plan)", limit=120)
        await rec.press("escape", f"Esc (close {name})")
    await walk_other_nodes(rec, screen)
    out.write_text(json.dumps({"results": rec.results, "rss_search_mb": rss_search, "rss_mb": peak_rss_mb(),
                               "timelines": rec.timelines}))
    app.exit()


async def walk_other_nodes(rec: Recorder, screen: Any) -> None:
    """`n` on to a result in another node (the search walk's next node: its document built, wrapped and
    drawn), after everything else (nothing above changes): `/` reopens on QUERY_2's list as it was left,
    Enter on its first result (not counted), then `n` until the walk has moved on to another node
    CROSSINGS times; an `n` that stays inside its node is not counted here (it is the `n` row's)."""
    await rec.press("slash")
    await rec.settle(quiet=0.5)
    await rec.press("enter")
    crossed = 0
    for _ in range(CROSSINGS * 8):
        walk = screen.search_walk()
        if walk is None or crossed >= CROSSINGS:
            break
        index = walk.index
        await rec.press("n", "n to a result in another node")
        if walk.index == index:
            if not rec.results.pop()[0].endswith("(no frame)"):
                rec.timelines.pop()
        else:
            crossed += 1


CROSSINGS = 8  # `n` onto another node's result, measured this many times


async def open_screens(rec: Recorder) -> None:
    """Each screen's key, first and then three more times, each closed with Esc."""
    for key, name in SCREEN_KEYS:
        await rec.press(key, f"{name} (first)", limit=120)
        await rec.press("escape", f"Esc (close {name})")
        for _ in range(3):
            await rec.press(key, f"{name} (later)", limit=120)
            await rec.press("escape", f"Esc (close {name})")


async def drive_screens(rec: Recorder, out: Path, idle: float) -> None:
    """`--screens-only`: the user reads the first screen for `idle` s, then opens and closes each screen
    (first, then three more times), and t/i/m again on another plan."""
    app = rec.app
    await rec.settle(quiet=1.0)
    await asyncio.sleep(idle)
    screen = app.screen
    screen.plan_tree.focus()
    await rec.settle()
    await open_screens(rec)
    await rec.press("home")
    for _ in range(2):
        await rec.press("down")
        while row_kind(screen) != "plan":
            await rec.press("down")
        for key, name in (("t", "t"), ("i", "i"), ("m", "m")):
            await rec.press(key, f"{name} (another plan)", limit=120)
            await rec.press("escape", f"Esc (close {name})")
    out.write_text(json.dumps({"results": rec.results, "rss_search_mb": float("nan"), "rss_mb": peak_rss_mb(),
                               "timelines": rec.timelines}))
    app.exit()


async def drive_bare(rec: Recorder, out: Path) -> None:
    await rec.settle(quiet=1.0)
    for _ in range(40):
        await rec.press("x", "bare: key → Static updated")
    out.write_text(json.dumps({"results": rec.results, "rss_mb": peak_rss_mb()}))
    rec.app.exit()


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_bare(out: Path, quiet: float, warmup: bool) -> int:
    """The bare Textual app (Header, Static, Footer) driven by `drive_bare`: the floor every bench
    measures against (or, warming up, started and closed once)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        BINDINGS = [("x", "bump", "bump")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("bare textual app is up", id="s")
            yield Footer()

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#s", Static).update(f"bare textual app: {self.count}")

        def on_ready(self) -> None:
            if not warmup:
                self.run_worker(drive_bare(Recorder(self, quiet), out))
            else:
                self.set_timer(0.5, self.exit)

    Bare().run()
    return 0


def child(args: argparse.Namespace) -> int:
    out = Path(args.out)
    quiet = args.quiet_ms / 1000
    if args.bare:
        return run_bare(out, quiet, args.warmup)
    sys.path.insert(0, args.src)
    import gc

    gc.disable()  # as `plans` starts (tui/cmd_browse.py): no collection until the first frame, then
    # the app freezes what start-up built (resume_gc); without it every full collection rescans the corpus
    from tui.app import PlansApp
    from tui.core.load import load_corpus

    class Bench(PlansApp):
        def on_ready(self) -> None:  # (PlansApp.on_ready runs too: Textual calls each class's handler)
            if not check_tree(args.src, out):
                self.exit()
            elif args.warmup:
                self.set_timer(1.0, self.exit)
            elif args.screens_only is not None:
                self.run_worker(drive_screens(Recorder(self, quiet), out, args.screens_only))
            else:
                self.run_worker(drive_plans(Recorder(self, quiet), out))

    Bench(load_corpus(args.data), save_settings=False, resume_gc=True).run()
    return 0


def check_tree(src: str, out: Path) -> bool:
    """Whether every module of the app's packages came from `src`, the tree under test (once the app is
    ready: its first screen's modules are imported). When some came from another tree (a baseline run
    mixed with this tree's code), the child is to stop with no result, and the driving process says
    which (`run_child`)."""
    root = Path(src).resolve()
    files = {name: getattr(module, "__file__", None) for name, module in list(sys.modules.items())
             if name.split(".")[0] in ("tui", "widgets", "themes")}
    mixed = sorted(name for name, file in files.items() if file and not Path(file).resolve().is_relative_to(root))
    if mixed:
        Path(str(out) + ".mixed").write_text(f"modules not from {root}: {', '.join(mixed[:8])}\n")
    return not mixed


def end_on_signals() -> None:
    """A driving process killed mid-run (`timeout`, a closed shell) ends as an interrupted one does: its
    `finally` ends its tmux server and the apps in it. By Python's default SIGTERM and SIGHUP ended it at
    once, and those apps ran on, busy, for an hour, spoiling every figure measured beside them."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)


# -- the driving process ---------------------------------------------------------------------------
def tmux(*args: str, socket: str = SOCKET) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout


def run_child(name: str, argv: list[str], env: dict[str, str], timeout: float, *, script: str = __file__,
              socket: str = SOCKET, keep: Callable[[Path], None] | None = None) -> dict[str, Any] | None:
    """`script --child --out FILE ARGV` (this bench's child, or bench/keytrace.py's, bench/search_keys.py's)
    in a 120×40 tmux session on `socket`, with `env`; the JSON it writes to FILE, or None when it wrote
    none (a warm-up run, a crash) or ran over `timeout` s. `keep(FILE)` runs before FILE is removed."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    out.unlink()
    cmd = ["env", *NO_ENV, *[f"{k}={v}" for k, v in env.items()], PYTHON, str(Path(script).resolve()), "--child",
           "--out", str(out), *argv]
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", *cmd], check=True)
    start = time.perf_counter()
    mixed = Path(str(out) + ".mixed")
    try:
        while time.perf_counter() - start < timeout:
            if mixed.exists():
                print(f"  {name}: {mixed.read_text().strip()}", file=sys.stderr)
                mixed.unlink()
                return None
            if out.exists() and out.stat().st_size:
                time.sleep(0.2)
                if keep is not None:
                    keep(out)
                return dict(json.loads(out.read_text()))
            if name not in tmux("list-sessions", "-F", "#{session_name}", socket=socket):
                if out.exists() and out.stat().st_size:
                    return dict(json.loads(out.read_text()))
                return None
            time.sleep(0.1)
        print(f"  {name}: timed out after {timeout:.0f} s", file=sys.stderr)
        return None
    finally:
        tmux("kill-session", "-t", name, socket=socket)
        if out.exists():
            out.unlink()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def summarise(results: list[list[Any]]) -> dict[str, tuple[list[float], list[float]]]:
    by: dict[str, tuple[list[float], list[float]]] = {}
    for label, first, last in results:
        firsts, lasts = by.setdefault(label, ([], []))
        firsts.append(first)
        lasts.append(last)
    return by


def make_corpus(copies: int, tmp: Path) -> Path:
    if copies == 1:
        return ROOT / "data" / "plans.yaml"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import yaml

    from bench.search import replicate  # the five plans, renamed, as bench/search.py does
    from tui.core.load import load_corpus
    from tui.core.model import corpus_to_dict

    big = replicate(load_corpus(ROOT / "data" / "plans.yaml"), copies)
    path = tmp / f"plans-{copies}x.yaml"
    from tui.core.yamlc import SafeDumper as dumper
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(corpus_to_dict(big), fh, Dumper=dumper, allow_unicode=True, sort_keys=False)
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--warmup", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--src", default=str(ROOT), help=argparse.SUPPRESS)
    ap.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"), help=argparse.SUPPRESS)
    ap.add_argument("--copies", default="1,10,100")
    ap.add_argument("--baseline", metavar="DIR", action="append", default=[])
    ap.add_argument("--quiet-ms", type=float, default=120.0)
    ap.add_argument("--screens-only", type=float, metavar="IDLE_S", default=None,
                    help="only open and close each screen, after IDLE_S s idle on the first screen")
    args = ap.parse_args()
    if args.child:
        return child(args)
    end_on_signals()
    if shutil.which("tmux") is None:
        print("bench/latency.py: tmux is not installed", file=sys.stderr)
        return 2
    copies = [int(c) for c in args.copies.split(",")]
    sources = [("plans", str(ROOT))] + [(f"baseline {d}", str(Path(d).resolve())) for d in args.baseline]
    print(f"latency bench: key → last frame written (quiet {args.quiet_ms:.0f} ms), tmux 120x40, "
          f"TERM={os.environ.get('TERM', 'xterm-256color')}, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5",
                        "sleep", "7200"], check=True)
        try:
            for n in copies:
                data = make_corpus(n, tmp)
                print(f"\n== {n}× corpus ({data.stat().st_size / 2**20:.1f} MB)")
                env = {"TERM": os.environ.get("TERM", "xterm-256color"), "TEXTUAL_ANIMATIONS": "none"}
                common = ["--quiet-ms", str(args.quiet_ms), "--data", str(data)]
                if args.screens_only is not None:
                    common += ["--screens-only", str(args.screens_only)]
                bare = run_child(f"bare{n}", [*common, "--bare"], env, 120)
                floor = statistics.median(r[2] for r in bare["results"]) if bare else float("nan")
                print(f"  bare Textual app floor (key → frame): median {floor:.1f} ms")
                for name, src in sources:
                    state = tmp / f"{name.replace(' ', '_').replace('/', '_')}-{n}"
                    env2 = {**env, "PLANS_CONFIG_DIR": f"{state}/config", "PLANS_STATE_DIR": f"{state}/state",
                            "PLANS_CACHE_DIR": f"{state}/cache"}
                    run_child(f"warm{n}", [*common, "--src", src, "--warmup"], env2, 600)
                    res = run_child(f"run{n}", [*common, "--src", src], env2, 1800)
                    if res is None:
                        print(f"  {name}: no result (crashed or timed out)")
                        continue
                    report(name, n, res, floor)
        finally:
            tmux("kill-server")
    return 0


def report(name: str, copies: int, res: dict[str, Any], floor: float) -> None:
    target = 50.0 if copies < 100 else 80.0
    print(f"  {name}:")
    print(f"    {'action':<34} {'n':>3} {'first frame':>11} {'last frame':>10} {'p95':>8}  target")
    missed = []
    for label, (firsts, lasts) in summarise(res["results"]).items():
        med, p95 = statistics.median(lasts), pct(lasts, 95)
        tgt = 16.0 if label == "search keystroke" and copies == 1 else target
        ok = p95 <= tgt or "(no frame)" in label
        if not ok:
            missed.append(label)
        print(f"    {label:<34} {len(lasts):>3} {statistics.median(firsts):9.1f}ms {med:8.1f}ms {p95:6.1f}ms"
              f"  ≤ {tgt:.0f} ms {'ok' if ok else 'MISSED'}")
    rss_target = 100 if copies == 1 else 300 if copies >= 100 else None
    rss = res.get("rss_search_mb", float("nan"))
    line = f"    peak RSS with search opened: {rss:.0f} MB"
    if rss_target:
        line += f" (target ≤ {rss_target} MB: {'ok' if rss <= rss_target else 'MISSED'})"
    print(line + f"; at the end {res.get('rss_mb', float('nan')):.0f} MB; bare floor {floor:.1f} ms")
    print(f"    missed (p95 over target): {', '.join(missed) if missed else 'none'}")


if __name__ == "__main__":
    raise SystemExit(main())
