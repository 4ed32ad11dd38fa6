"""Screens kept alive between opens.

Composing a screen and laying it out the first time is most of what opening it costs (the 专栏 list,
the indicator tables, the compare grid, the help: 100–500 ms of Textual's compose, CSS and layout on a
loaded machine). A screen that can show fresh arguments without being rebuilt says so with a
`reopen(**kwargs)` method: the first open builds and installs it (an installed screen survives being
popped), later opens call `reopen` with the same arguments the constructor took and push the same
instance again. `reopen` must leave the screen as a new one would be (cursor, filter, plan), doing only
the work the change needs. Dismissing still returns results: Textual keeps one result callback per push.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.screen import Screen
from textual.widget import AwaitMount


@runtime_checkable
class Reopenable(Protocol):
    def reopen(self, **kwargs: Any) -> None: ...


class KeptScreens:
    """One kept instance per name, installed in `app` under a name private to this keeper."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._screens: dict[str, Screen[Any]] = {}

    def _install_name(self, name: str) -> str:
        return f"kept-{id(self)}-{name}"

    def push(self, name: str, make: Callable[[], Screen[Any]], callback: Callable[[Any], Any] | None = None,
             **kwargs: Any) -> Screen[Any]:
        """Push the kept `name` screen (reopened with `kwargs`), or `make()` it the first time."""
        app = self.app
        screen = self._screens.get(name)
        if screen is not None and (screen in app.screen_stack or not screen.is_attached):
            # already open (a screen on top of itself) or gone: a new one, not kept
            screen = None
            fresh = make()
        elif screen is not None and isinstance(screen, Reopenable):
            screen.reopen(**kwargs)
            fresh = screen
        else:
            fresh = make()
            if isinstance(fresh, Reopenable):
                self.drop(name)
                app.install_screen(fresh, self._install_name(name))
                self._screens[name] = fresh
        app.push_screen(fresh, callback)
        return fresh

    def get(self, name: str) -> Screen[Any] | None:
        return self._screens.get(name)

    def drop(self, name: str) -> None:
        """Forget the kept `name` screen (removed from the app unless it is open)."""
        screen = self._screens.pop(name, None)
        if screen is None:
            return
        if screen not in self.app.screen_stack:
            self.app.uninstall_screen(screen)
            if screen.is_attached:
                screen.remove()

    def clear(self) -> None:
        for name in list(self._screens):
            self.drop(name)



def prepare(keeper: KeptScreens, name: str, make: Callable[[], Screen[Any]]) -> tuple[Screen[Any], AwaitMount] | None:
    """Build a screen to be the kept `name` before its first open (tui/screens/prepare.py): made, composed
    and mounted off screen (await the AwaitMount), then handed to `adopt`. None when `name` is kept
    already, or cannot be (no `reopen`, or this Textual lacks the calls used). Until it is adopted a key
    that opens `name` makes a screen of its own, as if nothing were being prepared."""
    app = keeper.app
    if keeper.get(name) is not None or not hasattr(app, "_get_screen") or not hasattr(app, "_load_screen_css"):
        return None
    screen = make()
    if not isinstance(screen, Reopenable):
        return None
    app.install_screen(screen, keeper._install_name(name) + "-prepared")
    app._load_screen_css(screen)  # as push_screen does, before the screen's styles are worked out
    _, mounted = app._get_screen(screen)  # registered and started: composed and mounted off screen
    return screen, mounted


def adopt(keeper: KeptScreens, name: str, screen: Screen[Any]) -> bool:
    """Keep the prepared `screen` (mounted now) as `name`; False, and the screen removed, when a key
    opened `name` meanwhile (that screen is the kept one) or the screen is gone."""
    app = keeper.app
    if keeper.get(name) is None and screen.is_attached and screen.is_mounted and screen not in app.screen_stack:
        keeper._screens[name] = screen
        return True
    if screen not in app.screen_stack:
        app.uninstall_screen(screen)
        if screen.is_attached:
            screen.remove()
    return False
