"""Start-up time and memory of `plans` in a real terminal (tmux), against a bare Textual app.

For each run a detached tmux session starts the program; the pane is polled until the expected text
is on screen (for `plans`: the tree's region and plan rows; for the bare app: its Static's text).
Both are measured alternately in the same run; the figures are medians. Peak RSS (VmHWM) of the
`plans` process is read from /proc once the tree is up.

    .venv/bin/python bench/startup.py [--runs 5] [--data data/plans.yaml] [--baseline DIR ...]

`--baseline DIR` (repeatable) also measures `plans` run from another copy of the source tree (a directory holding
`tui/`, `widgets/`, `themes/`, e.g. a copy taken before a change), in the same run, so a change's
effect is a before/after pair measured under the same machine load.

Target: plans ≤ 1.5 × the bare app; peak RSS < 150 MB with the five plans.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
PLANS = ROOT / ".venv" / "bin" / "plans"

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare textual app is up")
        yield Footer()

Bare().run()
"""


SOCKET = f"plans-bench-{os.getpid()}"  # a private tmux server: no interference with other sessions


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def measure(session: str, command: str, expect: list[str], env: dict[str, str], timeout: float = 20.0):
    """Seconds until every string in `expect` is on screen, and the peak RSS (kB) of the pane process."""
    env_args = [f"{k}={v}" for k, v in env.items()]
    start = time.perf_counter()
    subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    "env", *env_args, *command.split("\x00")], check=True)
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            screen = tmux("capture-pane", "-p", "-t", session)
            if all(e in screen for e in expect):
                elapsed = time.perf_counter() - start
                break
            time.sleep(0.005)
        rss = None
        pid = tmux("list-panes", "-t", session, "-F", "#{pane_pid}").strip()
        if pid:
            rss = peak_rss_kb(int(pid))
    finally:
        tmux("kill-session", "-t", session)
    if elapsed is None:
        raise SystemExit(f"{session}: {expect} not on screen after {timeout}s")
    return elapsed, rss


def peak_rss_kb(pid: int) -> int | None:
    """VmHWM of the process or its youngest python descendant (env execs, so usually itself)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


PLANS_UP = ["▾ 浙江省", "▸ 十四五 20"]  # tree rows (the icons are the tree's own): a region and a plan


def baseline_command(src: Path, data: str) -> str:
    code = f"import sys; sys.path.insert(0, {str(src)!r}); from tui.cli import main; sys.exit(main())"
    return "\x00".join([str(PYTHON), "-c", code, "--data", data])


def _runs(args, bare: Path, env: dict[str, str], plans_times: list, bare_times: list, rss: list,
          base_times: dict[str, list]) -> int:
    for i in range(args.runs + 1):
        b, _ = measure(f"bare{i}", f"{PYTHON}\x00{bare}", ["bare textual app is up"], env)
        p, r = measure(f"plans{i}", f"{PLANS}\x00--data\x00{args.data}", PLANS_UP, env)
        for k, src in enumerate(args.baseline):
            t, _ = measure(f"base{k}-{i}", baseline_command(Path(src), args.data), PLANS_UP, env)
            if i:
                base_times.setdefault(src, []).append(t)
        if i == 0:
            continue  # warm-up: the first run of each pays for cold file caches
        bare_times.append(b)
        plans_times.append(p)
        if r:
            rss.append(r)
    return args.runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"))
    parser.add_argument("--baseline", metavar="DIR", action="append", default=[],
                        help="also measure plans run from this source tree (repeatable)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench/startup.py: tmux is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        env = {"PLANS_CONFIG_DIR": f"{tmp}/config", "PLANS_STATE_DIR": f"{tmp}/state",
               "PLANS_CACHE_DIR": f"{tmp}/cache", "TERM": os.environ.get("TERM", "xterm-256color")}
        plans_times: list[float] = []
        bare_times: list[float] = []
        rss: list[float] = []
        base_times: dict[str, list[float]] = {}
        # one idle session keeps the private server up, so sessions come and go without races
        subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5",
                        "sleep", "3600"], check=True)
        try:
            _runs(args, bare, env, plans_times, bare_times, rss, base_times)
        finally:
            tmux("kill-server")
    bare_med = statistics.median(bare_times)
    plans_med = statistics.median(plans_times)
    print(f"runs: {args.runs} (after one warm-up), terminal 120x40, data {args.data}")
    print(f"bare Textual app (Header, Static, Footer): median {bare_med * 1000:.0f} ms "
          f"(min {min(bare_times) * 1000:.0f}, max {max(bare_times) * 1000:.0f})")
    print(f"plans, tree on screen:                     median {plans_med * 1000:.0f} ms "
          f"(min {min(plans_times) * 1000:.0f}, max {max(plans_times) * 1000:.0f})")
    for src, times in base_times.items():
        base_med = statistics.median(times)
        print(f"baseline {src}: median {base_med * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); ratio baseline / bare: {base_med / bare_med:.2f}")
    print(f"ratio plans / bare: {plans_med / bare_med:.2f} (target <= 1.50)")
    if rss:
        print(f"plans peak RSS: {max(rss) / 1024:.1f} MB (target < 150 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
