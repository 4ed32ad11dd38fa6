"""The main screen's warm-up: once the first screen is painted, the other screens and the palette are
imported and the search index loaded, in a thread that gives way to keys, so the first `/`, `c`, `t`,
`m`, `i` or ctrl+p costs what every later one does. `WarmUp` is a mixin of `MainScreen`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual import work

from tui.core.model import Corpus
from tui.screens.registry import SCREENS

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.screens.main import MainScreen
    from tui.screens.prepare import ScreenPreparer

    _Base = Screen[object]
else:
    _Base = object

WARM_UP_AFTER = 0.5  # s after the main screen mounts: the first paint (tree, then reader) comes first
KEYS_QUIET = 0.25  # s without a key before the warm-up goes on (it gives way to keys: `_give_way`)
GIVE_WAY_MAX = 5.0  # s the warm-up waits at most at one step while keys keep coming


class WarmUp(_Base):
    """The warm-up for `MainScreen` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by MainScreen
        corpus: Corpus

    _last_key = 0.0  # time.monotonic() of the last key that reached the screen (MainScreen.on_key)
    preparer: ScreenPreparer | None = None  # builds the screens this one opens, as keys pause

    def _give_way(self) -> None:
        """In the warm-up thread, between its steps: wait while keys are coming. The UI thread needs
        the interpreter to answer them, and a thread decoding the search index would take it every
        few milliseconds (a 100× index takes ~2 s to load)."""
        time.sleep(0)
        waited = 0.0
        while waited < GIVE_WAY_MAX:
            app = self.app
            last = max(self._last_key, float(getattr(app, "_last_key", 0.0)))
            needed = getattr(app, "quiet_needed", None)  # (longer when the user's keys come slower)
            if time.monotonic() - last >= (needed(KEYS_QUIET) if needed is not None else KEYS_QUIET):
                return
            time.sleep(0.02)
            waited += 0.02

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Import the other screens and the palette provider, and load the search index (a large
        corpus's is built by a process of its own, `tui.core.store.index_build`), so the first time a
        key opens them costs what every later time does. Each step gives way to keys. Meanwhile the
        screens themselves are built on the UI thread, as keys pause (tui/screens/prepare.py)."""
        if getattr(self.app, "prepare_screens", True):
            from tui.screens.prepare import ScreenPreparer

            self.preparer = ScreenPreparer(cast("MainScreen", self))
            self.app.call_from_thread(self.preparer.start)
        save_css = getattr(self.app, "save_parsed_css", None)
        if save_css is not None:  # the CSS the first frame parsed, kept for the next start (themes/stylesheet.py)
            self.app.call_from_thread(save_css)
        for entry in SCREENS.values():
            self._give_way()
            entry.load()
        self._give_way()
        import tui.palette  # noqa: F401  (and through it the palette provider)
        import widgets.toast  # noqa: F401  (the first notification's, tui/app.py PlansApp.notify)
        from tui.core.search import index_for
        from tui.core.search import store as index_store

        index_store.pause = self._give_way  # between the parts of the index file
        try:
            index_for(self.corpus)
        finally:
            index_store.pause = index_store.default_pause
        freeze = getattr(self.app, "freeze_heap", None)
        if freeze is not None:  # the index too: it lives as long as the app, later collections need not scan it
            freeze()
