"""Start-up time and memory of `plans` in a real terminal (tmux), against a bare Textual app.

For each run a detached tmux session starts the program; the pane is polled until the expected text
is on screen (for `plans`: the tree's region and plan rows AND the first 8 characters of the first
plan's first paragraph, which only the reader shows; for the bare app: its Static's text). Both are
measured alternately in the same run; the figures are medians. At 1×, 10× and 100× corpora (the
five plans replicated as `bench/search.py` does): warm (the caches filled by an unmeasured first
start), and after a data change (a comment appended to the file: a new content hash). Peak RSS
(VmHWM) of the `plans` process is read from /proc once the first screen is up.

On the first measured warm start and the first start after a data change (unless --no-interact), the
user's first moments are measured too (`Interaction`): twelve j/k keys from the first paint on, one
every 0.25 s while the warm-up runs, each timed from the key to the screen changing, against the same
keys once everything is warm; then `/yfjf`, timed to its results on screen, and the peak RSS with
search open (the app's, and that of the search index builder process if one ran).

    .venv/bin/python bench/startup.py [--runs 5] [--copies 1,10,100] [--data data/plans.yaml] [--baseline DIR ...]

`--baseline DIR` (repeatable) also measures `plans` run from another copy of the source tree (a directory holding
`tui/`, `widgets/`, `themes/`, e.g. a copy taken before a change), in the same run, so a change's
effect is a before/after pair measured under the same machine load.

Targets: first paint ≤ 1.25 × the bare app at 1× and ≤ 1.4 × at 100× (warm); after a data change
at 100× ≤ 3 s to a usable screen; the first keys after start not held up by the warm-up; peak RSS with
search open ≤ 100 MB at 1× and ≤ 300 MB at 100×.
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


# Python's own default, as on a user's machine: our modules' bytecode is cached by the first start
# (the bare app's Textual was compiled when pip installed it); PYTHONDONTWRITEBYTECODE in the calling
# shell would have every `plans` start compile our sources again, a cost no user pays
NO_ENV = ["-u", "PYTHONDONTWRITEBYTECODE"]
SOCKET = f"plans-bench-{os.getpid()}"  # a private tmux server: no interference with other sessions


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def measure(session: str, command: str, expect: list[str], env: dict[str, str], timeout: float = 20.0,
            then=None):
    """Seconds until every string in `expect` is on screen, and the peak RSS (kB) of the pane process.
    `then(session, pid)`, if given, runs once the screen is up (before the session ends)."""
    env_args = [f"{k}={v}" for k, v in env.items()]
    start = time.perf_counter()
    subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    "env", *NO_ENV, *env_args, *command.split("\x00")], check=True)
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
            if then is not None and elapsed is not None:
                then(session, int(pid))
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


def children_of(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


HELD_UP = 2.0  # a key after the first paint taking more than this × the same key once warm was held up


class Interaction:
    """What the user meets right after the first paint (run on the first measured start and after a
    data change): keys typed while the warm-up runs, timed key → screen changed, against the same
    keys once everything is warm; then `/` and a query, timed to its results on screen, and the peak
    RSS with search open (of the app, and of an index builder process if one ran)."""

    KEYS_EARLY = 12  # j/k, one every EARLY_GAP s from the first paint
    EARLY_GAP = 0.25
    KEYS_LATE = 6
    QUERY = "yfjf"

    def __init__(self) -> None:
        self.early: list[float] = []
        self.late: list[float] = []
        self.search_ready: float | None = None  # s from the first paint to the query's results on screen
        self.rss_search: int | None = None  # kB
        self.builder_rss: int = 0  # kB, the largest child process seen

    def _watch_children(self, pid: int) -> None:
        for child in children_of(pid):
            self.builder_rss = max(self.builder_rss, peak_rss_kb(child) or 0)

    def _key(self, session: str, key: str, pid: int, timeout: float = 10.0) -> float | None:
        before = tmux("capture-pane", "-p", "-t", session)
        start = time.perf_counter()
        tmux("send-keys", "-t", session, key)
        while time.perf_counter() - start < timeout:
            if tmux("capture-pane", "-p", "-t", session) != before:
                return time.perf_counter() - start
            time.sleep(0.002)
        return None

    def __call__(self, session: str, pid: int) -> None:
        up = time.perf_counter()
        for i in range(self.KEYS_EARLY):
            t0 = time.perf_counter()
            got = self._key(session, "j" if i % 2 == 0 else "k", pid)
            if got is not None:
                self.early.append(got)
            self._watch_children(pid)
            time.sleep(max(0.0, self.EARLY_GAP - (time.perf_counter() - t0)))
        tmux("send-keys", "-t", session, "/")
        time.sleep(0.3)
        tmux("send-keys", "-t", session, self.QUERY)
        while time.perf_counter() - up < 280:
            self._watch_children(pid)
            if "条结果" in tmux("capture-pane", "-p", "-t", session):
                self.search_ready = time.perf_counter() - up
                break
            time.sleep(0.02)
        self.rss_search = peak_rss_kb(pid)
        tmux("send-keys", "-t", session, "Escape")
        time.sleep(0.5)
        for i in range(self.KEYS_LATE):
            got = self._key(session, "j" if i % 2 == 0 else "k", pid)
            if got is not None:
                self.late.append(got)
            time.sleep(self.EARLY_GAP)

    def report(self, label: str, n: int) -> None:
        if not self.early or not self.late:
            print(f"  {label}: keys after the first paint: no screen change seen")
            return
        early, late = max(self.early), statistics.median(self.late)
        line = (f"  {label}: first {len(self.early)} keys after the first paint (warm-up running): "
                f"max {early * 1000:.0f} ms, median {statistics.median(self.early) * 1000:.0f} ms; "
                f"the same keys once warm: median {late * 1000:.0f} ms (ratio max/warm {early / late:.1f}")
        if n >= 100:  # (key → frame ≤ 80 ms itself is bench/latency.py's, measured there without tmux polling)
            line += (f"; target: not held up by the warm-up, max ≤ {HELD_UP:g}× the warm median: "
                     f"{'ok' if early <= HELD_UP * late else 'MISSED'}")
        print(line + ")")
        print(f"  {label}: each of those keys, in order (ms): {' '.join(f'{x * 1000:.0f}' for x in self.early)}")
        if self.search_ready is not None:
            print(f"  {label}: '/{self.QUERY}' results on screen {self.search_ready:.2f} s after the first paint")
        else:
            print(f"  {label}: '/{self.QUERY}' results not seen")
        if self.rss_search:
            target = 100 if n == 1 else 300 if n >= 100 else None
            line = f"  {label}: peak RSS with search opened {self.rss_search / 1024:.1f} MB"
            if target:
                line += f" (target ≤ {target} MB: {'ok' if self.rss_search / 1024 <= target else 'MISSED'})"
            if self.builder_rss:
                line += f"; index builder process peak {self.builder_rss / 1024:.1f} MB"
            print(line)


PLANS_UP = ["▾ 浙江省", "▸ 十四五 20"]  # tree rows (the icons are the tree's own): a region and a plan


def reader_marker(data: Path) -> str:
    """Text only the reader shows, and only once it has painted the first plan's first paragraph:
    the first 8 characters of that paragraph (the title is also in the header, so it will not do)."""
    sys.path.insert(0, str(ROOT))
    from tui.core.load import load_corpus

    plan = load_corpus(data).plans[0]
    para = next(n for n in plan.walk() if n.kind == "para" and n.text.strip())
    return "".join(para.text.split())[:8]


def baseline_code(src: Path) -> str:
    return f"import sys; sys.path.insert(0, {str(src)!r}); from tui.cli import main; sys.exit(main())"


def baseline_command(src: Path, data: str) -> str:
    return "\x00".join([str(PYTHON), "-c", baseline_code(src), "--data", data])


def fill_index(program: Path, args: list[str], data: Path, env: dict[str, str]) -> None:
    """Build the search index of `data` into the cache, as a start that ran long enough would have."""
    subprocess.run([str(program), *args, "search", "--data", str(data), "yfjf"], env={**os.environ, **env},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def base_env(env: dict[str, str], k: int) -> dict[str, str]:
    """A baseline's own cache directory: stores of two versions of the code in one directory prune
    each other's files (each start would then pay for the other's)."""
    return {**env, "PLANS_CACHE_DIR": f"{env['PLANS_CACHE_DIR']}-base{k}"}


def scale_runs(args, bare: Path, data: Path, env: dict[str, str], expect: list[str], tag: str) -> dict[str, list]:
    """Warm start-ups (after one unmeasured start that fills the caches), alternating with the bare
    app; then one start after the data changed (a comment appended: a new content hash)."""
    out: dict[str, list] = {"bare": [], "plans": [], "rss": [], "changed": [], "changed_bare": [],
                            "interaction": []}
    for k, _src in enumerate(args.baseline):
        out[f"base{k}"] = []
        out[f"base{k}-changed"] = []
    for i in range(args.runs + 1):
        b, _ = measure(f"bare{tag}{i}", f"{PYTHON}\x00{bare}", ["bare textual app is up"], env)
        act = Interaction() if i == 1 and args.interact else None
        p, r = measure(f"plans{tag}{i}", f"{PLANS}\x00--data\x00{data}", expect, env, timeout=300, then=act)
        if act is not None:
            out["interaction"].append(("warm", act))
        for k, src in enumerate(args.baseline):
            bact = Interaction() if i == 1 and args.interact else None
            t, _ = measure(f"base{k}{tag}-{i}", baseline_command(Path(src), str(data)), expect, base_env(env, k), timeout=300,
                           then=bact)
            if bact is not None:
                out["interaction"].append((f"baseline {src}, warm", bact))
            if i:
                out[f"base{k}"].append(t)
        if i == 0:
            # warm-up: the first run of each pays for cold file and derived-data caches; the search
            # index too (the first start, stopped at its first paint, did not get to it)
            fill_index(PLANS, [], data, env)
            for k, src in enumerate(args.baseline):
                fill_index(PYTHON, ["-c", baseline_code(Path(src))], data, base_env(env, k))
            continue
        out["bare"].append(b)
        out["plans"].append(p)
        if r:
            out["rss"].append(r)
    for j in range(args.changed_runs):
        with data.open("a", encoding="utf-8") as fh:
            fh.write(f"# changed {time.time()} {j}\n")
        b, _ = measure(f"barec{tag}{j}", f"{PYTHON}\x00{bare}", ["bare textual app is up"], env)
        act = Interaction() if j == 0 and args.interact else None
        p, _ = measure(f"plansc{tag}{j}", f"{PLANS}\x00--data\x00{data}", expect, env, timeout=300, then=act)
        if act is not None:
            out["interaction"].append(("after a data change", act))
        out["changed"].append(p)
        out["changed_bare"].append(b)
        for k, src in enumerate(args.baseline):
            with data.open("a", encoding="utf-8") as fh:
                fh.write(f"# changed again {time.time()} {j}\n")
            bact = Interaction() if j == 0 and args.interact else None
            t, _ = measure(f"basec{k}{tag}-{j}", baseline_command(Path(src), str(data)), expect, base_env(env, k), timeout=300,
                           then=bact)
            if bact is not None:
                out["interaction"].append((f"baseline {src}, after a data change", bact))
            out[f"base{k}-changed"].append(t)
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from bench.latency import end_on_signals

    end_on_signals()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changed-runs", type=int, default=1)
    parser.add_argument("--copies", default="1,10,100")
    parser.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"))
    parser.add_argument("--no-interact", dest="interact", action="store_false",
                        help="skip the keys, search and RSS-with-search measured after the first paint")
    parser.add_argument("--baseline", metavar="DIR", action="append", default=[],
                        help="also measure plans run from this source tree (repeatable)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench/startup.py: tmux is not installed", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from bench.latency import make_corpus  # the five plans replicated, as bench/search.py does

    # a plan row (at 10× and more the tree scrolls to the first plan: its region row may be above)
    expect = PLANS_UP[1:] + [reader_marker(Path(args.data))]
    print(f"runs: {args.runs} warm (after one warm-up) + {args.changed_runs} after a data change, terminal 120x40")
    print(f"first paint = on screen: {expect} (tree rows and the reader's first paragraph)")
    # (a search index builder started by a data-change run may still be writing its cache as the last
    # session ends: the directory is removed once it has finished, as `remove_tree` waits for)
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        # one idle session keeps the private server up, so sessions come and go without races
        subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "-x", "20", "-y", "5",
                        "sleep", "7200"], check=True)
        try:
            for n in [int(c) for c in args.copies.split(",")]:
                src_data = Path(args.data) if n == 1 else make_corpus(n, Path(tmp))
                data = Path(tmp) / f"run-{n}x.yaml"
                shutil.copyfile(src_data, data)  # appended to for the data-change runs
                env = {"PLANS_CONFIG_DIR": f"{tmp}/config{n}", "PLANS_STATE_DIR": f"{tmp}/state{n}",
                       "PLANS_CACHE_DIR": f"{tmp}/cache{n}", "TERM": os.environ.get("TERM", "xterm-256color")}
                out = scale_runs(args, bare, data, env, expect, f"x{n}-")
                report(args, n, data, out)
        finally:
            tmux("kill-server")
            remove_tree(Path(tmp))
    return 0


def remove_tree(path: Path, wait: float = 30.0) -> None:
    """Remove `path`, trying again while something still writes into it (up to `wait` s)."""
    end = time.monotonic() + wait
    while True:
        try:
            shutil.rmtree(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            if time.monotonic() > end:
                print(f"  (left {path}: something still writes into it)", file=sys.stderr)
                return
            time.sleep(0.2)


def report(args, n: int, data: Path, out: dict[str, list]) -> None:
    bare_med = statistics.median(out["bare"])
    plans_med = statistics.median(out["plans"])
    target = 1.25 if n == 1 else 1.4 if n >= 100 else None
    ratio = plans_med / bare_med
    print(f"\n== {n}× corpus ({data.stat().st_size / 2**20:.1f} MB)")
    print(f"  bare Textual app (Header, Static, Footer): median {bare_med * 1000:.0f} ms "
          f"(min {min(out['bare']) * 1000:.0f}, max {max(out['bare']) * 1000:.0f})")
    print(f"  plans warm, tree + reader painted:         median {plans_med * 1000:.0f} ms "
          f"(min {min(out['plans']) * 1000:.0f}, max {max(out['plans']) * 1000:.0f})")
    line = f"  ratio plans / bare (warm): {ratio:.2f}"
    if target:
        line += f" (target <= {target:.2f}: {'ok' if ratio <= target else 'MISSED'})"
    print(line)
    for k, src in enumerate(args.baseline):
        times = out[f"base{k}"]
        if times:
            med = statistics.median(times)
            print(f"  baseline {src}: warm median {med * 1000:.0f} ms; ratio / bare {med / bare_med:.2f}")
        if out[f"base{k}-changed"]:
            print(f"  baseline {src}: after a data change {max(out[f'base{k}-changed']):.2f} s")
    if out["changed"]:
        worst = max(out["changed"])
        line = f"  plans after a data change: {worst:.2f} s to tree + reader (bare {max(out['changed_bare']):.2f} s)"
        if n >= 100:
            line += f" (target <= 3 s: {'ok' if worst <= 3 else 'MISSED'})"
        print(line)
    if out["rss"]:
        print(f"  plans peak RSS at first paint: {max(out['rss']) / 1024:.1f} MB")
    for label, act in out["interaction"]:
        act.report(label, n)


if __name__ == "__main__":
    raise SystemExit(main())
