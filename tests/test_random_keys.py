"""A seeded random-key run through every screen: no key, paste or resize may raise.

Thousands of keys (each screen's own bindings, navigation, ASCII, CJK and control characters typed
and pasted into every filter, bursts of keys typed faster than a screen opens) with resizes from
20×6 to 250×80, over the main screen, search (`/`, `z`), the 专栏 list (`c`), tables (`t`), plan
info (`i`), compare (`m`, every mode), bookmarks (`B`), help (`?`) and the command palette (ctrl+p).
The keys over the mini plans file are sent in CHUNKS runs, each with its own seed (SEED, SEED+1 …)
and its own app, so that pytest-xdist runs them side by side; each run goes round every screen.
Any exception fails the test with the seed and the last actions, so a failure can be replayed:

    PLANS_FUZZ_SEED=<seed> PLANS_FUZZ_KEYS=<n> PLANS_FUZZ_CHUNKS=1 .venv/bin/python -m pytest tests/test_random_keys.py

The app quitting (q on the main screen, the palette's quit command) is no failure: a new app is
started and the run goes on.
"""

from __future__ import annotations

import os
import random
import unicodedata
from collections import deque
from pathlib import Path

import pytest
from corpora import MINI, REAL
from textual import events
from textual.app import App
from textual.keys import key_to_character
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.core.model import Corpus
from tui.screens.main import MainScreen

SEED = int(os.environ.get("PLANS_FUZZ_SEED", "20261201"))
KEYS = int(os.environ.get("PLANS_FUZZ_KEYS", "5000"))  # over tests/fixtures/mini.yaml (every kind of node)…
CHUNKS = max(1, int(os.environ.get("PLANS_FUZZ_CHUNKS", "4")))  # …in this many seeded runs of KEYS/CHUNKS keys
REAL_KEYS = int(os.environ.get("PLANS_FUZZ_REAL_KEYS", "500"))  # over the five imported plans
TAIL = 40  # actions shown when the run fails

OPENERS = ["slash", "z", "c", "t", "i", "m", "B", "question_mark", "ctrl+p"]
NAVIGATION = ["up", "down", "left", "right", "j", "k", "h", "l", "g", "G", "enter", "tab", "shift+tab",
              "pageup", "pagedown", "home", "end", "space", "backspace", "delete", "escape",
              "left_square_bracket", "right_square_bracket", "left_curly_bracket", "right_curly_bracket"]
ASCII = [chr(c) for c in range(0x21, 0x7F)] + ["space"]
CJK = list("研发经费重点实验室科技成果转化专栏指标绍兴湖州嘉兴柯桥海曙区市规划创新人才企业数字经济，。：；（）“”《》、")
CONTROL_KEYS = ["ctrl+a", "ctrl+b", "ctrl+d", "ctrl+e", "ctrl+f", "ctrl+k", "ctrl+l", "ctrl+n", "ctrl+u",
                "ctrl+w", "ctrl+t", "ctrl+left", "ctrl+right", "shift+left", "shift+right", "alt+left",
                "alt+right", "f1", "f2", "tab", "escape"]
PASTES = ["\x1b[31m红\x1b[0m", "研发\x07\x08\x7f", "\u202e甲市\u202c", "\x9b2J清屏", "a\x00b", "\t重点\n实验室",
          "yanfajingfei", "zdsys", "'研发 !银行 @甲市 #专栏", "[bold]粗[/bold]", "\r\n", "𠀀𪚥", "\ufeff"]
NEVER = {"ctrl+q", "ctrl+c", "ctrl+z"}  # quit / suspend the process: not what this test is about
SIZES = [(20, 6), (250, 80), (80, 24), (40, 12), (120, 40), (200, 50)]


def key_event(key: str) -> events.Key:
    """The event a terminal sends for `key` (a key name or one character), as Pilot.press makes it."""
    if len(key) == 1:
        name = key if key.isalnum() else unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        return events.Key(name, key)
    return events.Key(key, key_to_character(key))


def _where(app: App) -> str:
    screen = app.screen
    name = type(screen).__name__
    mode = getattr(screen, "mode", None)
    return f"{name}:{mode}" if isinstance(mode, str) else name


ROUNDS = [[], ["slash"], ["z"], ["c"], ["t"], ["i"], ["m", "1"], ["m", "2"], ["m", "3"], ["m", "4"], ["B"],
          ["question_mark"], ["ctrl+p"]]  # each round opens one screen (or stays on the main one)


class Run:
    """The random driver: rounds through every screen; in each, actions picked from what it offers."""

    def __init__(self, seed: int, budget: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.budget = budget  # keys to send (raised when a screen was not reached yet)
        self.asked = budget
        self.round_keys = budget // 40, budget // 16  # a round's length, from the budget asked for
        self.tail: deque[str] = deque(maxlen=TAIL)
        self.seen: set[str] = set()
        self.keys = 0
        self.resizes = 0
        self.restarts = 0
        self.round = 0

    def text_key(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            return self.rng.choice(ASCII)
        if r < 0.9:
            return self.rng.choice(CJK)
        return self.rng.choice(CONTROL_KEYS)

    def size(self) -> tuple[int, int]:
        """Any size from 20×6 to 250×80, small ones more often (a frame costs its area to paint)."""
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            return rng.choice(SIZES)
        if r < 0.4:
            return rng.randint(20, 250), rng.randint(6, 80)
        return rng.randint(20, 100), rng.randint(6, 30)

    def action(self, app: App) -> str:
        """One key for the screen on top."""
        rng = self.rng
        screen = app.screen
        r = rng.random()
        if isinstance(screen.focused, Input) and r < 0.6:
            return self.text_key()
        if isinstance(screen, MainScreen) and r < 0.05:
            return rng.choice(OPENERS)
        if r < 0.65:
            keys = [k for k, b in app.active_bindings.items() if "quit" not in b.binding.action]
            if keys:
                return rng.choice(keys)
        if r < 0.85:
            return rng.choice(NAVIGATION)
        return self.text_key()

    def log(self, app: App, what: str) -> None:
        self.tail.append(f"{self.keys:5d} {_where(app):<22} {what}")

    def report(self) -> str:
        return (f"seed {self.seed} (rerun: PLANS_FUZZ_SEED={self.seed} PLANS_FUZZ_KEYS={self.asked} "
                f"PLANS_FUZZ_REAL_KEYS={self.asked} PLANS_FUZZ_CHUNKS=1, with -k of this run's id), "
                f"{self.keys} of {self.budget} keys, "
                f"{self.resizes} resizes, {self.restarts} restarts; last actions:\n" + "\n".join(self.tail))


async def _send(run: Run, app: App, pilot: Pilot, keys: list[str]) -> None:
    """Keys as a terminal sends them (several per read when typed fast); painted once handled."""
    if isinstance(app.screen, MainScreen):
        keys = [k for k in keys if k != "q"]  # q on the main screen quits: not what this test is about
    keys = [k for k in keys if k not in NEVER]
    if not keys:
        return
    run.log(app, " ".join(keys))
    run.keys += len(keys)
    for key in keys:
        app.post_message(key_event(key))
    await _settle(run, app, pilot)


async def _settle(run: Run, app: App, pilot: Pilot) -> None:
    """What was sent handled and painted: Pilot.pause, which waits until the process goes idle
    (in steps of conftest's IDLE_STEP: `finer_idle_checks`)."""
    await pilot.pause()


async def _session(run: Run, corpus: Corpus) -> None:
    """One app, driven round after round until it quits or the key budget is spent."""
    rng = run.rng
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=run.size()) as pilot:
        await pilot.pause()
        while run.keys < run.budget and app.return_code is None:
            opener = ROUNDS[run.round % len(ROUNDS)]
            if opener:  # sometimes typed on at once, before the screen is up
                await _send(run, app, pilot, opener + [run.text_key() for _ in range(rng.choice((0, 0, 3)))])
            if not opener or not isinstance(app.screen, MainScreen):
                run.round += 1  # else (i with no plan under the cursor) that screen again next round
            # rounds of ~1/25 of the budget: every screen is visited about twice
            end = run.keys + rng.randint(max(10, run.round_keys[0]), max(20, run.round_keys[1]))
            while run.keys < min(end, run.budget) and app.return_code is None:
                run.seen.add(_where(app))
                r = rng.random()
                if r < 0.03:
                    w, h = run.size()
                    run.log(app, f"resize {w}x{h}")
                    run.resizes += 1
                    await pilot.resize_terminal(w, h)
                elif r < 0.06:
                    text = rng.choice(PASTES)
                    run.log(app, f"paste {text!r}")
                    run.keys += 1
                    app.post_message(events.Paste(text))
                    await _settle(run, app, pilot)
                else:
                    await _send(run, app, pilot, [run.action(app) for _ in range(rng.randint(1, 16))])
            for _ in range(4):  # back to the main screen
                if app.return_code is not None or isinstance(app.screen, MainScreen):
                    break
                await _send(run, app, pilot, ["escape"])


RUNS = [pytest.param(MINI, SEED + k, -(-KEYS // CHUNKS), id=f"mini-{k}") for k in range(CHUNKS)]
RUNS.append(pytest.param(REAL, SEED, REAL_KEYS, id="real"))


@pytest.mark.parametrize("path, seed, budget", RUNS)
@pytest.mark.usefixtures("finer_idle_checks")
async def test_random_keys_never_crash(path: Path, seed: int, budget: int, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if not path.exists():
        pytest.skip(f"{path} not imported yet")
    monkeypatch.chdir(tmp_path)  # compare's export writes to the working directory
    corpus = load_corpus(path)
    run = Run(seed, budget)
    wanted = {"MainScreen", "SearchScreen", "ColumnsScreen", "TablesScreen", "PlanInfoScreen", "BookmarksScreen",
              "HelpScreen", "PlansPalette"} | {f"CompareScreen:{m}" for m in ("grid", "pair", "share", "results")}
    while run.keys < run.budget:
        try:
            await _session(run, corpus)
        except Exception as exc:
            raise AssertionError(f"{type(exc).__name__}: {exc}\n{run.report()}") from exc
        if run.keys < run.budget:
            run.restarts += 1
            run.tail.append("      (the app quit: a new one starts)")
        elif wanted - run.seen and budget >= 1000 and run.budget < 3 * budget:
            # a screen not reached yet (a round cut short by the app quitting): go on round after
            # round until it is, so every run covers every screen and mode
            run.budget = min(3 * budget, run.keys + budget // 4)
    missing = wanted - run.seen
    if budget >= 1000:  # long enough for every round to come twice (a short run may miss one)
        assert not missing, f"the run never reached {sorted(missing)}: {run.report()}"
