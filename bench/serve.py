"""`plans serve` against the terminal app: time to first paint, and memory per session.

Served: a running `plans serve` (started once), a warm headless chromium; each run opens a fresh
browser context, requests the page and waits until the page's terminal shows the whole first screen
(tree rows and the reader's first paragraph). The app process the server spawned for that tab is
then read from /proc (VmRSS now, VmHWM peak). Terminal: the same app in a detached tmux pane, the
same first screen (polled with capture-pane), its process's VmRSS/VmHWM. The two are measured
alternately in one run; figures are medians.

    .venv/bin/python bench/serve.py [--runs 5] [--data data/plans.yaml]

Targets: the page costs at most one page load on top of the same app start (served first paint -
terminal first paint <= 1000 ms); RSS per served session <= 1.2 x the terminal app's and < 150 MB.
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
sys.path.insert(0, str(ROOT / "tests"))

from serve_proc import Served  # type: ignore[import-not-found]  # noqa: E402  (tests/ is on sys.path above)

PLANS = ROOT / ".venv" / "bin" / "plans"
CHROMIUM = os.environ.get("PLANS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# the whole first screen: tree rows (a region, a plan) and the reader's first paragraph
FIRST_SCREEN = ["▾ 浙江省", "▸ 十四五 20", "根据《绍兴市"]
COLS, ROWS = 120, 40
SOCKET = f"plans-serve-bench-{os.getpid()}"


def proc_kb(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False).stdout


def terminal_run(i: int, data: str, env: dict[str, str]) -> tuple[float, int | None, int | None]:
    session = f"t{i}"
    env_args = [f"{k}={v}" for k, v in env.items()]
    start = time.perf_counter()
    subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", session, "-x", str(COLS), "-y", str(ROWS),
                    "env", *env_args, str(PLANS), "--data", data], check=True)
    try:
        while True:
            screen = tmux("capture-pane", "-p", "-t", session)
            if all(t in screen for t in FIRST_SCREEN):
                elapsed = time.perf_counter() - start
                break
            if time.perf_counter() - start > 30:
                raise SystemExit(f"terminal: first screen not up after 30 s:\n{screen}")
            time.sleep(0.005)
        pid = int(tmux("list-panes", "-t", session, "-F", "#{pane_pid}").strip())
        return elapsed, proc_kb(pid, "VmRSS"), proc_kb(pid, "VmHWM")
    finally:
        tmux("kill-session", "-t", session)


def served_run(browser, served: Served) -> tuple[float, int | None, int | None]:
    # the page's terminal fills the viewport: size it to about COLS x ROWS cells
    context = browser.new_context(viewport={"width": COLS * 10, "height": ROWS * 20})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(served.base)
        page.wait_for_function(
            "(texts) => window.plansPage && texts.every(t => window.plansPage.screenText().includes(t))",
            arg=FIRST_SCREEN, timeout=30_000, polling=5)
        elapsed = time.perf_counter() - start
        apps = served.apps()
        rss = proc_kb(apps[0], "VmRSS") if apps else None
        hwm = proc_kb(apps[0], "VmHWM") if apps else None
        return elapsed, rss, hwm
    finally:
        context.close()


def wait_no_apps(served: Served) -> None:
    deadline = time.perf_counter() + 20
    while served.apps() and time.perf_counter() < deadline:
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"))
    args = parser.parse_args()
    # a missing tool skips this benchmark (with the reason) and leaves `make bench` to run the others
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("bench/serve.py: skipped: playwright is not installed (pip install -e '.[test]')")
        return 0
    if not os.access(CHROMIUM, os.X_OK):
        print(f"bench/serve.py: skipped: no chromium at {CHROMIUM} (apt-get install chromium)")
        return 0
    if shutil.which("tmux") is None:
        print("bench/serve.py: skipped: tmux is not installed")
        return 0
    data = str(Path(args.data).resolve())
    term_t: list[float] = []
    web_t: list[float] = []
    term_rss: list[int] = []
    term_hwm: list[int] = []
    web_rss: list[int] = []
    web_hwm: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PLANS_CONFIG_DIR": f"{tmp}/config", "PLANS_STATE_DIR": f"{tmp}/state",
               "PLANS_CACHE_DIR": f"{tmp}/cache", "TERM": os.environ.get("TERM", "xterm-256color")}
        served = Served("--data", data, "--state-dir", f"{tmp}/serve", "--max-sessions", "2", cwd=Path(tmp),
                        env={**env, "TEXTUAL_ANIMATIONS": "none"})
        subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5",
                        "sleep", "3600"], check=True)
        server_rss = None
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
                try:
                    for i in range(args.runs + 1):
                        t = terminal_run(i, data, env)
                        wait_no_apps(served)
                        w = served_run(browser, served)
                        if i == 0:
                            continue  # warm-up: cold file caches, the browser's first page
                        term_t.append(t[0])
                        web_t.append(w[0])
                        for lst, v in ((term_rss, t[1]), (term_hwm, t[2]), (web_rss, w[1]), (web_hwm, w[2])):
                            if v:
                                lst.append(v)
                    server_rss = proc_kb(served.pid, "VmRSS")
                finally:
                    browser.close()
        finally:
            tmux("kill-server")
            served.stop()

    def mb(kb_values: list[int]) -> str:
        return f"{statistics.median(kb_values) / 1024:.1f} MB" if kb_values else "n/a"

    t_med, w_med = statistics.median(term_t), statistics.median(web_t)
    print(f"runs: {args.runs} (after one warm-up), {COLS}x{ROWS} cells, data {args.data}")
    print(f"first paint (tree + reader text), terminal app in tmux: median {t_med * 1000:.0f} ms "
          f"(min {min(term_t) * 1000:.0f}, max {max(term_t) * 1000:.0f})")
    print(f"first paint, page request -> painted in the browser: median {w_med * 1000:.0f} ms "
          f"(min {min(web_t) * 1000:.0f}, max {max(web_t) * 1000:.0f})")
    print(f"served - terminal: {(w_med - t_med) * 1000:.0f} ms (target <= 1000 ms); "
          f"ratio served / terminal: {w_med / t_med:.2f}")
    print(f"RSS per session (the app process), terminal: {mb(term_rss)} now, peak {mb(term_hwm)}")
    print(f"RSS per session (the app process), served:   {mb(web_rss)} now, peak {mb(web_hwm)} (target < 150 MB)")
    if term_hwm and web_hwm:
        print(f"ratio served / terminal peak RSS: {statistics.median(web_hwm) / statistics.median(term_hwm):.2f} "
              f"(target <= 1.20)")
    if server_rss:
        print(f"the server itself (no corpus held): {server_rss / 1024:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
