"""The list screens built while the user reads, so the first `/`, `c` and `B` cost what later ones do.

Composing a screen, mounting it and laying it out the first time is most of what its first open costs
(80–90 ms at five plans on a quiet machine, against 15–30 ms for a kept screen shown again). As the
main screen's warm-up starts (its thread imports the screens and loads the search index meanwhile),
`ScreenPreparer` builds the 专栏 list, the bookmark list and the search screen one at a time, on the UI
thread, each when no key has come for `QUIET` s: made and mounted off screen (`tui.screens.kept.prepare`),
laid out at the app's size and styled, then kept as if it had been opened and closed. A key that comes meanwhile waits at most for the one step under
way (~20–40 ms); the next waits until the keys stop. The screens open as they always did: each
`reopen` sets the state a new screen would have (the search's last query, cursor on the first 专栏 …).
"""

from __future__ import annotations

from asyncio import sleep
from collections.abc import Callable
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tui.screens.kept import KeptScreens, adopt, prepare

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

QUIET = 0.1  # s without a key before the next screen is built (keys typed in a burst come faster)
GAP = 0.05  # s between two steps: the loop answers whatever came meanwhile


class ScreenPreparer:
    """Builds the kept list screens of `main` in idle time (`start()`, on the UI thread)."""

    def __init__(self, main: MainScreen) -> None:
        self.main = main
        self._steps: list[tuple[str, Callable[[], Screen[Any]]]] = []
        self._preparing: Screen[Any] | None = None
        self.done = False  # (tests) every screen is built

    def start(self) -> None:
        # the names and arguments the keys push them with (main_search.py, MainScreen._push / action_bookmarks);
        # each module imported by its own step (the warm-up thread imports them too, whichever comes first)
        self._steps = [("columns", self._columns), ("bookmarks", self._bookmarks),
                       ("search", self._search)]  # last: it waits (in a worker) for the index being loaded
        self._later(GAP)

    def _columns(self) -> Screen[Any]:
        from tui.screens.columns import ColumnsScreen

        return ColumnsScreen(self.main.corpus)

    def _bookmarks(self) -> Screen[Any]:
        from tui.screens.bookmarks import BookmarksScreen

        return BookmarksScreen(self.main.bookmarks, self.main.corpus)

    def _search(self) -> Screen[Any]:
        from tui.screens.search import SearchScreen

        return SearchScreen(self.main.corpus, follow=self.main.jump)

    def _later(self, delay: float) -> None:
        if self.main.is_attached:
            self.main.set_timer(delay, self._step)

    async def _step(self) -> None:
        app = self.main.app
        if not self.main.is_attached or getattr(app, "_exit", False) or not app.is_running:
            return  # the app is closing: nothing to build for
        wait = QUIET - (monotonic() - float(getattr(app, "_last_key", 0.0)))
        if wait > 0:  # keys are coming: the user is busy, the build waits
            self._later(wait)
            return
        keeper: KeptScreens = self.main.kept
        while self._steps:
            name, make = self._steps.pop(0)
            made = prepare(keeper, name, make)
            if made is None:
                continue  # opened already (kept), or not preparable
            screen, mounted = made
            await mounted
            if adopt(keeper, name, screen):
                lay_out = getattr(screen, "_refresh_layout", None)
                if lay_out is not None:
                    lay_out(app.size)  # the first layout, off screen (widgets get their sizes)
                    await sleep(GAP)  # what it started (scrollbars shown, widgets told their size) …
                    if screen not in app.screen_stack:
                        lay_out(app.size)  # … laid out too, as the first frame would otherwise do
                styled = getattr(screen, "mark_styled", None)
                if styled is not None:
                    styled()  # styled as it mounted: its first push need not restyle it
            self._later(GAP)
            return
        self.done = True
