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
from time import monotonic
from typing import Any, Protocol, runtime_checkable

from textual._compositor import LayoutUpdate
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.dom import DOMNode
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


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
            _restart_blink(screen)
            fresh = screen
        else:
            fresh = make()
            if isinstance(fresh, Reopenable):
                self.drop(name)
                app.install_screen(fresh, self._install_name(name))
                self._screens[name] = fresh
        app.push_screen(fresh, callback)
        return fresh

    def prepare(self, name: str, make: Callable[[], Screen[Any]], pause: Callable[[], float] | None = None
                ) -> AwaitComplete:
        """Make the kept `name` screen now and start it off screen: its widgets composed, mounted and
        styled, its `on_mount` run, then laid out for the terminal and drawn (no frame is written);
        nothing if it is kept already. Awaiting the result waits for all that, in slices with the event
        loop free between them (a key that came meanwhile goes first); `pause()`, if given, is asked
        before each slice how long to wait first (keys are coming). Its first `push` reopens it with
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
            # Then in slices, the event loop free between them (a key that came meanwhile goes first, and
            # with `pause` the next slice waits until keys stop): lay it out; draw its widgets, one a
            # slice; again until what laying it out asked for is done (a Tabs's underline moves after
            # its first layout, scrollbars come) and what its widgets render in a thread has come and
            # been laid out (the help's lines, widgets/stacked_view.py: laid out before they came, its
            # first push laid it out again, two frames more). Then the push has nothing to lay out or draw.
            to_paint: list[Widget] = []
            framed = False  # its frame drawn (`_draw_frame`)
            deadline = monotonic() + SETTLE_TIME
            while monotonic() < deadline:
                await asyncio.sleep(STEP)
                wait = pause() if pause is not None else 0.0
                while wait > 0 and off_screen(screen):
                    await asyncio.sleep(wait)
                    deadline += wait  # (the time it settles in counts no pause)
                    wait = pause() if pause is not None else 0.0
                if not off_screen(screen):
                    return  # pushed (or gone) meanwhile: Textual's own frames take over
                if screen._layout_required:
                    _lay_out(screen)
                    to_paint = _visible(screen)
                elif to_paint:
                    _paint(screen, {to_paint.pop()})
                elif screen._dirty_widgets:
                    _paint(screen, set(screen._dirty_widgets))
                elif not _working(screen):
                    if not framed:
                        framed = True
                        _draw_frame(screen)
                        continue  # (then once more: what drawing it asked for, if anything)
                    return

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


STEP = 0.005  # s between two slices of building a screen ahead (its widgets' messages arrive meanwhile)
SETTLE_TIME = 2.0  # s at most for a screen built ahead to settle (its widgets' workers to finish)


def _working(screen: Screen[Any]) -> bool:
    """Whether a worker of `screen` or one of its widgets is still to finish."""
    return any(not worker.is_finished and isinstance(worker.node, DOMNode)
               and (worker.node is screen or screen in worker.node.ancestors) for worker in screen.app.workers)


def _restart_blink(screen: Screen[Any]) -> None:
    """The focused input's cursor shown, its next blink a whole period after this open, as in a new screen:
    a kept screen's blink timer ran on while it was closed, and its next toggle, at any moment of the open,
    drew a frame of its own (ctrl+p's first open: a second frame ~30 ms after the first)."""
    focused = screen.focused
    restart = getattr(focused, "_restart_blink", None) if isinstance(focused, Input) else None
    if restart is not None:
        restart()


def off_screen(screen: Screen[Any]) -> bool:
    """Whether `screen` is up but not shown (prepared, or kept and closed)."""
    return screen.is_attached and screen.is_mounted and screen not in screen.app.screen_stack


def lay_out_off_screen(screen: Screen[Any]) -> None:
    """Lay out and paint a prepared `screen` again once content it waited for came in (the palette's
    list): its next push then draws from the widgets' cached lines. Nothing if it is shown."""
    if off_screen(screen):
        _lay_out(screen, paint=True)


def _lay_out(screen: Screen[Any], paint: bool = False) -> None:
    """As a frame does it (Screen._on_timer_update), but drawn for no terminal; with `paint`, each widget
    then draws its lines once (Textual caches them per line and width), and keeps them for the push."""
    for rack in screen.query("ToastRack"):
        # as the push will leave it while there is no notification (App._refresh_notifications: display
        # follows the notifications); hidden only then, so the push needs no layout for it
        rack.display = False
    screen._refresh_layout(screen.app.size)
    screen._layout_required = False
    if paint:
        _paint(screen)


def _visible(screen: Screen[Any]) -> list[Widget]:
    """The widgets a frame of `screen` draws (but the screen itself: painted over the one under it at the
    push), last first."""
    return [widget for widget in screen._compositor.visible_widgets if widget is not screen][::-1]


def _draw_frame(screen: Screen[Any]) -> None:
    """Draw the frame of a prepared `screen` as its push will (written to no terminal): each line cut where
    its widgets meet, and each piece's terminal text. Textual keeps both with the widgets' lines, so the
    push's frame finds them: its first open spent 10–25 ms more than later ones on that text alone (every
    colour translated for the terminal, every CJK line measured again). Only for an opaque screen, whose
    frame owes nothing to the screen under it (which may change before the push); nothing if it is shown."""
    if not off_screen(screen) or screen.styles.background.a < 1 or screen._layout_required:
        return
    app = screen.app
    below: list[Screen[Any]] = []  # (what `App._background_screens` will be once it is pushed)
    for under in reversed(app.screen_stack):
        below.append(under)
        if under.styles.background.a == 1:
            break
    update = screen._compositor.render_update(full=True, screen_stack=below[::-1])
    if isinstance(update, LayoutUpdate):
        update.render_segments(app.console)


def _paint(screen: Screen[Any], only: set[Widget] | None = None) -> None:
    """Render the screen's widgets' lines (`only` those), as its next frame will want them."""
    for widget, (region, _clip) in screen._compositor.visible_widgets.items():
        if widget is not screen and (only is None or widget in only):
            widget.render_lines(Region(0, 0, region.width, region.height))
    if only is None:
        screen._dirty_widgets.clear()
    else:
        screen._dirty_widgets.difference_update(only)  # (one not shown is drawn when it is)
