"""Screens kept alive between opens.

Composing a screen and laying it out the first time is most of what opening it costs (the 专栏 list,
the indicator tables, the compare grid, the help: 100–500 ms of Textual's compose, CSS and layout on a
loaded machine). A screen that can show fresh arguments without being rebuilt says so with a
`reopen(**kwargs)` method: the first open builds and installs it (an installed screen survives being
popped), later opens call `reopen` with the same arguments the constructor took and push the same
instance again. `reopen` must leave the screen as a new one would be (cursor, filter, plan), doing only
the work the change needs. Dismissing still returns results: Textual keeps one result callback per push.

`prepare(name, make)` builds a kept screen before its first open, in idle time: composed, mounted, laid
out and drawn off screen (not shown: no frame is written), so the first open costs what later ones do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.await_complete import AwaitComplete
from textual.screen import Screen


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
        elif screen is not None and isinstance(screen, Reopenable) and screen.is_mounted:
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

    def prepare(self, name: str, make: Callable[[], Screen[Any]]) -> AwaitComplete:
        """Make the kept `name` screen now and start it off screen: its widgets composed, mounted and
        styled, its `on_mount` run, then laid out for the terminal and drawn (no frame is written);
        nothing if it is kept already. Awaiting the result waits for all that, in steps with the event
        loop free between them (a key that came meanwhile goes first). Its first `push` reopens it with
        that open's arguments. Uses Textual's own steps of a push and a frame (`App._get_screen`,
        `Screen._refresh_layout`, the compositor), which no public API offers for a screen not shown."""
        if name in self._screens:
            return AwaitComplete.nothing()
        screen = make()
        if not isinstance(screen, Reopenable):
            return AwaitComplete.nothing()
        app = self.app
        app.install_screen(screen, self._install_name(name))
        self._screens[name] = screen
        _, mounted = app._get_screen(screen)  # (Textual's own step before a push: start it, mount its widgets)

        def away() -> bool:  # (a key may have opened it meanwhile: then it is drawn as any open screen)
            return screen.is_attached and screen not in app.screen_stack

        async def lay_out() -> None:
            await mounted
            for rack in screen.query("ToastRack"):  # as a push with no toasts to show leaves it (a push
                rack.display = False  # with toasts shows them, and lays the screen out again)
            for _ in range(3):  # until what mounting and laying out asked for is done (a Tabs's underline
                # moves after its first layout): then the push has nothing to lay out or draw again
                await asyncio.sleep(0.02)  # keys waiting go first; widgets' own messages arrive
                if not away() or not (screen._layout_required or screen._dirty_widgets):
                    return
                # as a frame does it (Screen._on_timer_update), but drawn for no terminal: each widget
                # draws its lines once, and keeps them for the push
                screen._refresh_layout(app.size)
                screen._layout_required = False
                await asyncio.sleep(0)
                if away():
                    screen._compositor.render_full_update()
                    screen._dirty_widgets.clear()

        return AwaitComplete(lay_out())

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
