"""Bookmark figures at size: what `a` (add), `a` on a bookmarked place (remove), start-up (load) and an
add after another session changed the file cost with N bookmarks, beside the old way (the whole list
dumped and parsed with PyYAML on every change), measured in this run; and `a` in the app (headless
Pilot), from the key to its "已加书签" notification on screen.

    .venv/bin/python bench/bookmarks.py [--count N] [--runs R]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.bookmarks import Bookmark, Bookmarks, _entries, _text  # noqa: E402
from tui.core.locations import atomic_write  # noqa: E402
from tui.core.statefile import dump_yaml, parse_yaml  # noqa: E402

TARGETS = {"add": 0.05, "remove": 0.5, "load": 1.0, "merge add": 1.0, "app add": 0.1}


def median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


async def app_add(state: Path, runs: int) -> float:
    """Median time of `a` in the app, from the key press to the notification on screen."""
    os.environ["PLANS_STATE_DIR"] = str(state)
    from tui.app import PlansApp
    from tui.core.load import load_corpus
    from tui.screens.main import MainScreen

    app = PlansApp(load_corpus(ROOT / "tests" / "fixtures" / "mini.yaml"), save_settings=False)
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in ("alpha-2021/3.1.2", "alpha-2021/2.1", "beta-2021/1.2")[:runs]:
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.action_jump_key(key)
            await pilot.pause()
            app.clear_notifications()
            t0 = time.perf_counter()
            await pilot.press("a")
            while not any("已加书签" in str(n.message) for n in app._notifications):
                await pilot.pause(0.001)
            await pilot.pause()
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    n = args.count
    items = [Bookmark(f"plan-{i % 5}/{i}.{i % 7}", f"浙江省 › 绍兴市 › 第{i}节 › 专栏{i % 40}", "绍兴",
                      "2026-07-01T09:30:00") for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bookmarks.yaml"
        atomic_write(path, _text(_entries(items)))
        print(f"{n} bookmarks, file {path.stat().st_size / 1e6:.1f} MB, median of {args.runs} runs")

        load = median(lambda: Bookmarks(path).load(), args.runs)
        bm = Bookmarks(path).load()
        counter = iter(range(10**9))

        def add() -> None:
            bm.add(f"new/{next(counter)}", "新书签", "绍兴")

        add_t = median(add, args.runs)
        remove_t = median(lambda: bm.remove(bm.items[-1].key), args.runs)
        other = Bookmarks(path).load()

        def merge_add() -> None:
            other.add(f"other/{next(counter)}", "另一会话", "绍兴")  # the file changed under bm
            add()

        merge_t = median(merge_add, args.runs) - add_t

        in_app = asyncio.run(app_add(Path(tmp), args.runs))

        old_file = Path(tmp) / "old.yaml"
        data = [b.as_dict() for b in items]
        old_save = median(lambda: atomic_write(old_file, dump_yaml(data)), 1)
        old_load = median(lambda: parse_yaml(old_file.read_text(encoding="utf-8")), 1)

    rows = [
        ("add (a)", add_t, TARGETS["add"], old_save),
        ("remove (a again)", remove_t, TARGETS["remove"], old_save),
        ("load (start-up)", load, TARGETS["load"], old_load),
        ("merge add (file changed by another session)", merge_t, TARGETS["merge add"], old_load + old_save),
        ("a in the app, key to notification", in_app, TARGETS["app add"], old_save),
    ]
    for name, value, target, old in rows:
        mark = "ok" if value <= target else "OVER"
        print(f"{name:<45} {value * 1000:9.1f} ms  target <= {target * 1000:.0f} ms  [{mark}]"
              f"   old way {old * 1000:9.1f} ms  ({old / value if value else 0:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
