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
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget


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
        that open's arguments (a push before it is mounted makes a screen of its own and drops this one).
        Uses Textual's own steps of a push and a frame (`App._load_screen_css`, `App._get_screen`,
        `Screen._refresh_layout`, the compositor), which no public API offers for a screen not shown."""
        if name in self._screens:
            return AwaitComplete.nothing()
        screen = make()
        if not isinstance(screen, Reopenable):
            return AwaitComplete.nothing()
        app = self.app
        app.install_screen(screen, self._install_name(name))
        self._screens[name] = screen
        app._load_screen_css(screen)  # as push_screen does, before the screen's styles are worked out
        _, mounted = app._get_screen(screen)  # (Textual's own step before a push: start it, mount its widgets)

        async def lay_out() -> None:
            await mounted
            styled = getattr(screen, "mark_styled", None)
            if styled is not None:
                styled()  # styled as it mounted: its first push need not restyle it (widgets/kept_styles.py)
            for _ in range(3):  # until what mounting and laying out asked for is done (a Tabs's underline
                # moves after its first layout, scrollbars come): then the push has nothing to lay out or draw
                await asyncio.sleep(0.02)  # keys waiting go first; widgets' own messages arrive
                if not off_screen(screen) or not (screen._layout_required or screen._dirty_widgets):
                    return
                if screen._layout_required:
                    _lay_out(screen)
                else:
                    _paint(screen, screen._dirty_widgets)

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


def off_screen(screen: Screen[Any]) -> bool:
    """Whether `screen` is up but not shown (prepared, or kept and closed)."""
    return screen.is_attached and screen.is_mounted and screen not in screen.app.screen_stack


def lay_out_off_screen(screen: Screen[Any]) -> None:
    """Lay out and paint a prepared `screen` again once content it waited for came in (the palette's
    list): its next push then draws from the widgets' cached lines. Nothing if it is shown."""
    if off_screen(screen):
        _lay_out(screen)


def _lay_out(screen: Screen[Any]) -> None:
    """As a frame does it (Screen._on_timer_update), but drawn for no terminal: each widget draws its
    lines once (Textual caches them per line and width), and keeps them for the push."""
    for rack in screen.query("ToastRack"):
        # as the push will leave it while there is no notification (App._refresh_notifications: display
        # follows the notifications); hidden only then, so the push needs no layout for it
        rack.display = False
    screen._refresh_layout(screen.app.size)
    screen._layout_required = False
    _paint(screen)


def _paint(screen: Screen[Any], only: set[Widget] | None = None) -> None:
    """Render the screen's widgets' lines (`only` those), as its next frame will want them."""
    for widget, (region, _clip) in screen._compositor.visible_widgets.items():
        if widget is not screen and (only is None or widget in only):
            # (the screen itself is painted over the one under it at the push)
            widget.render_lines(Region(0, 0, region.width, region.height))
    screen._dirty_widgets.clear()
