"""The screens the main screen opens, built while the user reads, so the first `c`, `B`, ctrl+p, `m`,
`t`, `i`, `?` and `/` cost what later ones do.

Composing a screen, mounting it and laying it out the first time is most of what its first open costs
(80–250 ms on a loaded machine, against 15–30 ms for a kept screen shown again). As the main screen's
warm-up starts (its thread imports the screens and loads the search index meanwhile), `ScreenPreparer`
builds them one at a time on the UI thread, each once no key has come for `QUIET` s, to this screen or
any other: made and mounted off screen, laid out at the app's size and drawn (`KeptScreens.prepare`),
then kept as if opened and closed. A build goes in slices (mount; lay out; each widget drawn), each
slice after `QUIET` s without a key, in a task of its own (not in the main screen's timer callback,
whose awaiting held up that screen's keys and frames for the whole build). A key that comes meanwhile
waits at most for the one slice under way (a few ms; mounting a screen, the largest, 10–25 ms). The
screens open as they always did: each
`reopen` sets the state a new screen would have (the plan under the cursor now, the search's last query,
the cursor on the first 专栏 …). An app made with `prepare_screens=False` builds each on its key.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual.await_complete import AwaitComplete
from textual.screen import Screen

from tui.screens.registry import SCREENS

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

# in the order they are built: the lists first; the help next (it lists every screen's keys: their modules
# are imported first, one a step); the search last (tests/test_search_prepared.py: typed into whenever `/` comes)
PREPARED = ("columns", "bookmarks", "palette", "compare", "tables", "info", "help", "search")
QUIET = 0.1  # s without a key before the next screen is built (keys typed in a burst come faster)
GAP = 0.05  # s between two steps: the loop answers whatever came meanwhile


def keys_quiet(main: MainScreen, quiet: float) -> float:
    """0 when no key has come for `quiet` s, to the main screen or any other (the app notes every key),
    or for longer when the user's keys come at a slower rhythm (`PlansApp.quiet_needed`); else the
    seconds still to wait."""
    app = main.app
    last = max(main._last_key, float(getattr(app, "_last_key", 0.0)))
    needed = getattr(app, "quiet_needed", None)
    if needed is not None:
        quiet = needed(quiet)
    return max(0.0, quiet - (monotonic() - last))


class ScreenPreparer:
    """Builds the kept screens of `main` in idle time (`start()`, on the UI thread)."""

    def __init__(self, main: MainScreen) -> None:
        self.main = main
        self._steps = list(PREPARED)
        self.done = False  # (tests) every screen is built

    def start(self) -> None:
        self._later(GAP)

    def _later(self, delay: float) -> None:
        if self.main.is_attached:
            self.main.set_timer(delay, self._step)

    def _step(self) -> None:
        main = self.main
        app = main.app
        if not main.is_attached or getattr(app, "_exit", False) or not app.is_running:
            return  # the app is closing: nothing to build for
        wait = keys_quiet(main, QUIET)
        if wait > 0:  # keys are coming: the user is busy, the build waits
            self._later(wait)
            return
        for name in list(self._steps):
            if name == "help":
                missing = next((entry for entry in SCREENS.values() if entry.module not in sys.modules), None)
                if missing is not None:  # the help lists every screen's keys: their modules first, one a step
                    # (the warm-up's thread imports them too, but gives way to keys for seconds at a time)
                    missing.load()
                    self._later(GAP)
                    return
            self._steps.remove(name)
            building = self._build(name)
            if building is None:
                continue  # opened already (kept), or nothing to build (no plan for `i`)
            # Awaited in a task of its own: this step runs in the main screen's timer callback, and a
            # screen's messages (the keys it handles, its frames) wait while one of its callbacks awaits;
            # a build that pauses for the keys would hold up the very keys it pauses for.
            main.run_worker(self._built(building), group="prepare")
            return
        self.done = True
        save = getattr(app, "save_parsed_css", None)
        if save is not None:
            save()  # every screen's CSS is parsed now: the next start need not parse it

    async def _built(self, building: AwaitComplete) -> None:
        await building
        self._later(GAP)

    def _build(self, name: str) -> AwaitComplete | None:
        main = self.main
        make = self._maker(name)
        if make is None:
            return None
        app = main.plans_app
        keeper = app.kept_screens if name == "palette" else main.kept
        key = app._palette_name(main) if name == "palette" else name
        # (nothing to do when a key opened it already: it is kept); each slice of it waits for a pause in the keys
        return keeper.prepare(key, make, pause=lambda: keys_quiet(main, QUIET))

    def _maker(self, name: str) -> Callable[[], Screen[Any]] | None:
        """How the key that opens `name` makes it (MainScreen._push, action_bookmarks, main_search.py,
        PlansApp.action_command_palette and action_screen_help)."""
        main = self.main
        corpus = main.corpus
        if name == "palette":
            if not main.plans_app.use_command_palette:
                return None
            from tui.palette import PlansPalette

            return lambda: PlansPalette(main)
        if name == "help":
            from tui.screens.help import HelpScreen

            rows = main.key_rows()
            return lambda: HelpScreen(rows)
        if name == "bookmarks":
            from tui.screens.bookmarks import BookmarksScreen

            return lambda: BookmarksScreen(main.bookmarks, corpus)
        if name == "search":
            from tui.screens.search import SearchScreen

            return lambda: SearchScreen(corpus, memory=main.search_memory, follow=main.jump)
        if name == "columns":
            from tui.screens.columns import ColumnsScreen

            return lambda: ColumnsScreen(corpus)
        plan_id = main._plan_id()
        if name == "info" and plan_id is None:
            return None
        cls: Callable[..., Screen[Any]] = SCREENS[name].load()
        return lambda: cls(corpus, plan_id=plan_id)
