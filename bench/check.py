"""`plans check` at 1×, 10× and 100× the corpus: wall time and peak memory, each beside its target.

The larger corpora are the five plans replicated with other region names and new ids (as
`bench/search.py` does) and written as `plans import` writes data/plans.yaml. Each check runs in a
fresh process (`python -m tui check FILE`, exactly what the user runs), so the figures include
start-up; the process reports its own CPU time (user + system: the machine is shared, and wall
time grows with its load, so both are printed) and its peak resident set. A second run per size puts one
wrong value in the LAST plan, so the check also walks the file again for line numbers.

Targets: a 100-plan file checks in a few seconds (≤ 3 s here) in bounded memory
(≤ 200 MB peak RSS, and growing no faster than the file).

    .venv/bin/python bench/check.py [--copies 1,2,20] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench.search import replicate  # noqa: E402
from tui.core.importer.build import dump_corpus  # noqa: E402
from tui.core.load import load_corpus  # noqa: E402
from tui.core.locations import DEFAULT_DATA  # noqa: E402

TARGET_SECONDS_100 = 3.0
TARGET_RSS_MB = 200.0


CHILD = """
import resource, sys, time
start = time.perf_counter()
from tui.cli import main
code = main(["check", sys.argv[1]])
self = resource.getrusage(resource.RUSAGE_SELF)
peak = self.ru_maxrss  # on Linux this also counts the parent's memory the process was forked with
try:  # VmHWM is this program's own high-water mark (reset at exec)
    with open("/proc/self/status") as fh:
        peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
sys.stderr.write(f"BENCH {time.perf_counter() - start} {self.ru_utime + self.ru_stime} {peak}\\n")
sys.exit(code)
"""


def run_check(path: Path) -> tuple[float, float, float, int, list[str]]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit status, output lines) of `plans check path`,
    run in a new process that reports its own CPU time and peak resident set."""
    env = {**os.environ, "PLANS_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    lines = (done.stdout + done.stderr).splitlines()
    bench = next(line for line in lines if line.startswith("BENCH "))
    wall, cpu, rss_kb = (float(x) for x in bench.split()[1:])
    return wall, cpu, rss_kb / 1024, done.returncode, [line for line in lines if line is not bench]


def with_one_problem(text: str) -> str:
    """The file with the last plan's last `period_end:` made implausible (a problem near the end)."""
    at = text.rindex("period_end: ")
    end = text.index("\n", at)
    return text[:at] + "period_end: 3025" + text[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", default="1,2,20", help="corpus sizes as copies of the five plans")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median reported)")
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    args = parser.parse_args()
    base = load_corpus(args.data, use_cache=False)
    print(f"plans check on {args.data} replicated; median of {args.runs} runs, each in a fresh process "
          f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    results: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for copies in sorted(int(c) for c in args.copies.split(",")):
            corpus = replicate(base, copies) if copies > 1 else base
            text = dump_corpus(corpus)
            good = Path(tmp) / f"plans-{copies}x.yaml"
            good.write_text(text, encoding="utf-8")
            bad = Path(tmp) / f"plans-{copies}x-bad.yaml"
            bad.write_text(with_one_problem(text), encoding="utf-8")
            size_mb = len(text.encode()) / 1e6
            for label, path, status in (("valid", good, 0), ("one problem", bad, 2)):
                walls, cpus, rss = [], [], []
                for _ in range(args.runs):
                    wall, cpu, rss_mb, code, lines = run_check(path)
                    if code != status:
                        print(f"  unexpected exit {code}: {lines[:3]}")
                        return 1
                    walls.append(wall)
                    cpus.append(cpu)
                    rss.append(rss_mb)
                w, c, m = statistics.median(walls), statistics.median(cpus), max(rss)
                if label == "valid":
                    results[copies] = (c, m)
                print(f"  {len(corpus.plans):4d} plans {size_mb:6.1f} MB  {label:<12} CPU {c:5.2f} s  wall {w:5.2f} s  "
                      f"peak RSS {m:5.0f} MB" + (f"   ({lines[0][-48:]})" if status else ""))
    if 20 in results:
        t, m = results[20]
        print(f"100 plans: CPU {t:.2f} s (target ≤ {TARGET_SECONDS_100:.0f} s: {'met' if t <= TARGET_SECONDS_100 else 'MISSED'}); "
              f"peak RSS {m:.0f} MB (target ≤ {TARGET_RSS_MB:.0f} MB: {'met' if m <= TARGET_RSS_MB else 'MISSED'})")
    if 1 in results and 20 in results:
        (t1, m1), (t20, m20) = results[1], results[20]
        print(f"100 plans vs 5: time ×{t20 / t1:.1f}, peak RSS ×{m20 / m1:.1f} for a file ×20 the size")
    return 0


if __name__ == "__main__":
    sys.exit(main())
