"""Processor time to the first full frame, against the bare Textual app: start-up A/B on a busy machine.

`bench/startup.py` times the first paint by the wall clock, as the user sees it; on a shared 2-core
machine with a load of 5–8 that figure swings by ±30 % from run to run (the bare app alone took
340–1000 ms in one run). This bench counts instead the processor time (user + system, `time.process_time`) the
process has used when it writes the frame holding the tree row and the reader's first paragraph
(the bare app: its Static's text), read inside the process by wrapping the driver's `write`; the
process then exits. Other processes' load barely changes that figure, so two versions of the code
compare in one run even on a busy machine. Each program runs in a detached tmux pane (a real
terminal, 120×40), alternately, after one unmeasured start that fills the caches: that one runs on
for LINGER s after its first frame, as a user's start does, so what an app keeps for its next start
once it is up (the parsed CSS, themes/stylesheet.py) is kept too.

    .venv/bin/python bench/startup_cpu.py [--rounds 8] [--session] [--data FILE] SRC [SRC ...]

SRC: a source tree holding `tui/` (e.g. `/work/main` and this checkout) run with this checkout's
Python. `--session`: each tree first saves a session (as quitting does), so the start resumes it.
Target (as bench/startup.py's): ≤ 1.25 × the bare app at 1×.
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
PYTHON = sys.executable
SOCKET = f"plans-cpu-{os.getpid()}"
PLAN_MARKS = ["十四五 20", "根据《绍兴市柯桥"]  # a plan row and the first paragraph (see bench/startup.py)
BARE_MARK = "bare textual app is up"  # (the Static of bench/startup.py's BARE)

# run inside the measured process, before anything else: the CPU time at the first frame holding every mark
HARNESS = """
import os, sys, time
from textual.drivers.linux_driver import LinuxDriver
_out, _marks, _seen, _write = os.environ["CPU_OUT"], os.environ["CPU_MARKS"].split("|"), set(), LinuxDriver.write
def _timed(self, data):
    _write(self, data)
    if len(_seen) == len(_marks):
        return  # (lingering: see run_one)
    _seen.update(m for m in _marks if m in data)
    if len(_seen) == len(_marks):
        t = time.process_time()  # (user + system, as os.times, but to the microsecond, not the 10 ms tick)
        with open(_out, "a") as fh:
            fh.write(f"{t:.4f}\\n")
        if not os.environ.get("CPU_LINGER"):
            os._exit(0)
LinuxDriver.write = _timed
"""


LINGER = 3.0  # s the unmeasured first start of each program runs on after its first frame


def run_one(name: str, code: str, args: list[str], env: dict[str, str], out: Path, linger: bool = False) -> None:
    """One start, until its first full frame; with `linger`, LINGER s more (then it is stopped)."""
    before = len(out.read_text().split()) if out.exists() else 0
    if linger:
        env = {**env, "CPU_LINGER": "1"}
    subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", "env",
                    "-u", "PYTHONDONTWRITEBYTECODE", *[f"{k}={v}" for k, v in env.items()], PYTHON, "-c", code, *args],
                   check=True)
    start = time.monotonic()
    try:
        while time.monotonic() - start < 60:
            if out.exists() and len(out.read_text().split()) > before:
                if linger:
                    time.sleep(LINGER)
                return
            time.sleep(0.02)
        raise SystemExit(f"{name}: no full first frame after 60 s")
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", name], capture_output=True)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from bench.latency import end_on_signals
    from bench.startup import BARE  # the same bare app startup.py measures against

    end_on_signals()

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("src", nargs="+", help="source trees holding tui/")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--session", action="store_true", help="resume a saved session")
    parser.add_argument("--data", default=str(ROOT / "data" / "plans.yaml"))
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("bench/startup_cpu.py: tmux is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        envs = [{"PLANS_CONFIG_DIR": f"{tmp}/config{k}", "PLANS_STATE_DIR": f"{tmp}/state{k}",
                 "PLANS_CACHE_DIR": f"{tmp}/cache{k}", "TERM": "xterm-256color", "CPU_OUT": f"{tmp}/plans{k}.txt",
                 "CPU_MARKS": "|".join(PLAN_MARKS)} for k in range(len(args.src))]
        if args.session:
            for src, env in zip(args.src, envs):
                save = (f"import sys; sys.path.insert(0, {src!r}); from tui.core.session import Session, save_session; "
                        "save_session(Session(['keqiao-2021'], 0))")
                subprocess.run([PYTHON, "-c", save], env={**os.environ, **env}, check=True)
        bare_env = {"CPU_OUT": f"{tmp}/bare.txt", "CPU_MARKS": BARE_MARK}
        subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "sleep", "7200"], check=True)
        try:
            for i in range(args.rounds + 1):
                run_one(f"bare{i}", HARNESS + BARE, [], bare_env, base / "bare.txt", linger=i == 0)
                for k, (src, env) in enumerate(zip(args.src, envs)):
                    code = HARNESS + f"sys.path.insert(0, {src!r})\nfrom tui.cli import main\nsys.exit(main())\n"
                    run_one(f"plans{k}-{i}", code, ["--data", args.data], env, Path(env["CPU_OUT"]), linger=i == 0)
        finally:
            subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)

        def times(path: Path) -> list[float]:
            return [float(x) for x in path.read_text().split()][1:]  # the first start filled the caches

        bare = statistics.median(times(base / "bare.txt"))
        print(f"processor time to the first full frame, median of {args.rounds}"
              f"{' (resuming a saved session)' if args.session else ''}:")
        print(f"  bare Textual app: {bare * 1000:.0f} ms")
        for k, src in enumerate(args.src):
            got = times(Path(envs[k]["CPU_OUT"]))
            med = statistics.median(got)
            print(f"  {src}: {med * 1000:.0f} ms (min {min(got) * 1000:.0f}); ratio / bare {med / bare:.2f} "
                  f"(target <= 1.25 at 1×: {'ok' if med / bare <= 1.25 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
