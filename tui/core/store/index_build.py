"""The search index of a large corpus, built in a process of its own.

`python -m tui.core.store.index_build KEY FILE [--user-plans|--no-user-plans]` loads the corpus as
the app did (`load_corpus`, from the store), builds its search index and writes it where
`tui.core.search.store` finds it under KEY, then exits. Used by `build_apart`, which the app's
`index_for` calls when a corpus of `APART` plans or more has no index on disk yet (the first start,
or after the plans file changed):

- the app never holds the build's working set: its memory is the index once loaded, not every plan
  decoded besides (at 500 plans, 550 MB → under 200 MB);
- the build (~10 s at 500 plans) runs beside the app at the lowest priority (`lower_priority`: nice
  19), not in a thread of the app that takes the interpreter from the UI thread: on a machine of two
  busy cores it gets the processor only when the app (and every normal process) leaves it idle, so
  keys typed while it builds are answered as quickly as once it is done;
- here each plan is decoded, turned into search units and let go before the next (`release`),
  so the builder's own peak is the index, not the corpus as well.

Two starts at once build once: the builder holds a lock on KEY while it works, and a builder that
finds the index already written exits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.model import Corpus, Plan

NICEST = 19  # the lowest priority an ordinary process can take (Linux: a weight of 15 against 1024 at 0)
APART = 40  # plans: a corpus this large (≈ 8× the shipped one, a 2 s build) is indexed in a process of its own
WAIT = 0.1  # s between looks at whether the app is still there while the builder works


class _Releasing(list):
    """The corpus's plans; iterating lets each stored plan's nodes go once the next plan is reached."""

    def __iter__(self) -> Iterator[Plan]:
        previous: Plan | None = None
        for plan in list.__iter__(self):
            if previous is not None:
                _release(previous)
            yield plan
            previous = plan
        if previous is not None:
            _release(previous)


def _release(plan: Plan) -> None:
    release = getattr(plan, "release", None)
    if release is not None:
        release()


def build_apart(corpus: Corpus, key: str) -> bool:
    """Build the corpus's index under `key` in another process; True once it is written. False (the
    caller builds it itself) for a small or unsaved corpus, or when the builder could not do it."""
    if len(corpus.plans) < APART or not corpus.source:
        return False
    root = Path(__file__).resolve().parents[3]  # the directory holding this `tui` package
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in (str(root), env.get("PYTHONPATH", "")) if x)
    command = [sys.executable, "-m", "tui.core.store.index_build", key, str(corpus.source),
               "--user-plans" if corpus.merged else "--no-user-plans"]
    try:
        proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    while True:
        try:
            return proc.wait(WAIT) == 0
        except subprocess.TimeoutExpired:
            if not threading.main_thread().is_alive():
                return False  # the app is exiting: it does not wait (the builder finishes for the next start)


def lower_priority() -> None:
    """Run from now on at the lowest scheduling priority (`NICEST`): the app the user is typing into
    comes first. Where that cannot be done the build just runs as it is."""
    try:
        os.nice(max(0, NICEST - os.nice(0)))
    except (OSError, AttributeError):  # not permitted here, or no nice() on this system
        pass


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[2] not in ("--user-plans", "--no-user-plans"):
        print("usage: python -m tui.core.store.index_build KEY FILE --user-plans|--no-user-plans", file=sys.stderr)
        return 2
    key, source, user = argv[0], argv[1], argv[2] == "--user-plans"
    lower_priority()  # before anything heavy is imported or read
    import fcntl

    from tui.core.load import PlansFileError, load_corpus
    from tui.core.search import store
    from tui.core.search.index import SearchIndex

    target = store.path_of(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(f".{target.name}.lock"), "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another start's builder of the same index: wait for it
        if target.exists():
            return 0
        try:
            corpus = load_corpus(source, user_plans=user)
        except PlansFileError:
            return 3
        if store.key_for(corpus.source, corpus.merged) != key:
            return 3  # the file changed since the app loaded it: the app builds what it has
        corpus.plans = _Releasing(corpus.plans)
        store.save(key, SearchIndex.build(corpus))
        return 0 if target.exists() else 4


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
