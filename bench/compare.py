"""The compare screen, key → last frame written: `m` (first and later) and every key inside it, at 1×
and 100× corpora, against the bare Textual app's floor in the same run.

Uses bench/latency.py's harness (a real terminal in tmux, frames timed at the driver's write): the
keys are the grid's moves (j/k, ←/→ past the frozen names, g/G, page down), sort and reverse, each
mode (1–4), the pair's a/b, mixing periods (x), the export dialog (e, then escape) and closing (escape).

Targets (issue 9): every action ≤ 50 ms at 1× and ≤ 80 ms at 100×; `m` opens in well under a second.

    .venv/bin/python bench/compare.py [--copies 1,100] [--quiet-ms 120]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import latency  # noqa: E402  (the harness: Recorder, corpora, tmux)

KEYS: list[tuple[str, str, int]] = [  # (key, label, times)
    ("j", "j (down)", 10), ("k", "k (up)", 5), ("right", "→ (next column)", 5), ("left", "← (previous column)", 5),
    ("G", "G (last row)", 1), ("g", "g (first row)", 1), ("pagedown", "page down", 2),
    ("s", "s (sort on the next column)", 3), ("r", "r (reverse)", 2), ("x", "x (mix / part periods)", 2),
    ("2", "2 (pair)", 1), ("j", "j (down)", 5), ("a", "a (pair: next plan A)", 2), ("b", "b (pair: next plan B)", 2),
    ("3", "3 (share)", 1), ("4", "4 (results)", 1), ("j", "j (down)", 5), ("1", "1 (grid)", 1),
    ("e", "e (export dialog)", 1), ("escape", "Esc (close the dialog)", 1),
]


async def drive(rec: latency.Recorder, out: Path) -> None:
    await rec.settle(quiet=1.0)
    await rec.press("m", "m (first)", limit=120)
    for key, label, times in KEYS:
        for _ in range(times):
            await rec.press(key, label)
    await rec.press("escape", "Esc (close compare)")
    for _ in range(3):
        await rec.press("m", "m (later)", limit=120)
        await rec.press("escape", "Esc (close compare)")
    out.write_text(json.dumps({"results": rec.results, "rss_mb": latency.peak_rss_mb()}))
    rec.app.exit()


def child(args: argparse.Namespace) -> int:
    out = Path(args.out)
    quiet = args.quiet_ms / 1000
    if args.bare:
        return latency.run_bare(out, quiet, args.warmup)
    from tui.app import PlansApp
    from tui.core.load import load_corpus

    class Bench(PlansApp):
        def on_ready(self) -> None:
            if args.warmup:
                self.set_timer(1.0, self.exit)
            else:
                self.run_worker(drive(latency.Recorder(self, quiet), out))

    Bench(load_corpus(args.data), save_settings=False).run()
    return 0


def run_child(name: str, argv: list[str], env: dict[str, str], timeout: float) -> dict[str, Any] | None:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    out.unlink()
    cmd = ["env", *[f"{k}={v}" for k, v in env.items()], latency.PYTHON, str(Path(__file__).resolve()), "--child",
           "--out", str(out), *argv]
    subprocess.run(["tmux", "-L", latency.SOCKET, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", *cmd],
                   check=True)
    start = time.perf_counter()
    try:
        while time.perf_counter() - start < timeout:
            alive = name in latency.tmux("list-sessions", "-F", "#{session_name}")
            if out.exists() and out.stat().st_size:
                time.sleep(0.2)
                return json.loads(out.read_text())
            if not alive:
                return None
            time.sleep(0.1)
        print(f"  {name}: timed out after {timeout:.0f} s", file=sys.stderr)
        return None
    finally:
        latency.tmux("kill-session", "-t", name)
        out.unlink(missing_ok=True)


def report(copies: int, res: dict[str, Any], floor: float) -> None:
    target = 50.0 if copies < 100 else 80.0
    print(f"    {'action':<34} {'n':>3} {'first frame':>11} {'last frame':>10} {'p95':>8}  target")
    missed = []
    for label, (firsts, lasts) in latency.summarise(res["results"]).items():
        med, p95 = statistics.median(lasts), latency.pct(lasts, 95)
        tgt = 1000.0 if label.startswith("m (") and copies >= 100 else target
        ok = p95 <= tgt
        if not ok:
            missed.append(label)
        print(f"    {label:<34} {len(lasts):>3} {statistics.median(firsts):9.1f}ms {med:8.1f}ms {p95:6.1f}ms"
              f"  ≤ {tgt:.0f} ms {'ok' if ok else 'MISSED'}")
    print(f"    peak RSS {res.get('rss_mb', float('nan')):.0f} MB; bare floor {floor:.1f} ms")
    print(f"    missed (p95 over target): {', '.join(missed) if missed else 'none'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--warmup", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"), help=argparse.SUPPRESS)
    ap.add_argument("--copies", default="1,100")
    ap.add_argument("--quiet-ms", type=float, default=120.0)
    args = ap.parse_args()
    if args.child:
        return child(args)
    if shutil.which("tmux") is None:
        print("bench/compare.py: tmux is not installed", file=sys.stderr)
        return 2
    print(f"compare bench: key → last frame written (quiet {args.quiet_ms:.0f} ms), tmux 120x40, "
          f"TERM={os.environ.get('TERM', 'xterm-256color')}; m ≤ 1000 ms at 100× (“well under a second”)")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        subprocess.run(["tmux", "-L", latency.SOCKET, "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5",
                        "sleep", "7200"], check=True)
        try:
            for n in (int(c) for c in args.copies.split(",")):
                data = latency.make_corpus(n, tmp)
                print(f"\n== {n}× corpus ({data.stat().st_size / 2**20:.1f} MB)")
                env = {"TERM": os.environ.get("TERM", "xterm-256color"), "TEXTUAL_ANIMATIONS": "none",
                       "PLANS_CONFIG_DIR": f"{tmp}/c{n}/config", "PLANS_STATE_DIR": f"{tmp}/c{n}/state",
                       "PLANS_CACHE_DIR": f"{tmp}/c{n}/cache"}
                common = ["--quiet-ms", str(args.quiet_ms), "--data", str(data)]
                bare = run_child(f"bare{n}", [*common, "--bare"], env, 120)
                floor = statistics.median(r[2] for r in bare["results"]) if bare else float("nan")
                print(f"  bare Textual app floor (key → frame): median {floor:.1f} ms")
                run_child(f"warm{n}", [*common, "--warmup"], env, 900)
                res = run_child(f"run{n}", common, env, 1800)
                if res is None:
                    print("  no result (crashed or timed out)")
                    continue
                report(n, res, floor)
        finally:
            latency.tmux("kill-server")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
