"""Screens kept alive between opens.

Composing a screen and laying it out the first time is most of what opening it costs (the 专栏 list,
the indicator tables, the compare grid, the help: 100–500 ms of Textual's compose, CSS and layout on a
loaded machine). A screen that can show fresh arguments without being rebuilt says so with a
`reopen(**kwargs)` method: the first open builds and installs it (an installed screen survives being
popped), later opens call `reopen` with the same arguments the constructor took and push the same
instance again. `reopen` must leave the screen as a new one would be (cursor, filter, plan), doing only
the work the change needs. Dismissing still returns results: Textual keeps one result callback per push.

A kept screen can also be built before its first open (`prepare`): composed, mounted and laid out
off-screen while the user reads, so even the first open costs only the push and one frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable
from weakref import WeakKeyDictionary

from textual.app import App
from textual.events import ScreenResume
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

_STYLED: WeakKeyDictionary[Screen[Any], str] = WeakKeyDictionary()  # kept screen → the theme it was styled in


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

    def prepare(self, name: str, make: Callable[[], Screen[Any]]) -> Screen[Any] | None:
        """Build the kept `name` screen now, off-screen (unless it is kept already): composed, mounted and
        laid out at the app's size, as its first push would, so that push only shows it. Its `on_mount`
        runs now, not at the push (a screen that needs the screen under it takes it at `reopen`)."""
        if name in self._screens:
            return None
        screen = make()
        if not isinstance(screen, Reopenable):
            return None
        app = self.app
        app.install_screen(screen, self._install_name(name))
        self._screens[name] = screen
        # Textual has no public way to start a screen that is not pushed: this is what push_screen does
        # for one that is not running yet (App._get_screen), without the push.
        app._register(app, screen)  # (styles it too)
        _STYLED[screen] = app.theme
        screen.call_after_refresh(lay_out_off_screen, screen)
        return screen

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


def lay_out_off_screen(screen: Screen[Any]) -> None:
    """Lay out and paint `screen` at the app's size if it is not shown (a prepared screen), off the
    terminal: its widgets get their sizes and render their lines now (Textual caches each widget's
    lines, per line and width), not on the key that opens it, whose frame then comes from the caches.
    Widgets answer their new sizes with more layout (a scrollbar shown, a list's lines worked out):
    that is laid out too, as it comes, for SETTLE_ROUNDS × SETTLE_EVERY s. (Textual lays a screen out
    when it is pushed and after each change while it is shown; `_refresh_layout` paints only the
    screen shown.)"""
    if not screen.is_attached or screen.is_current:
        return
    _lay_out(screen)
    rounds = SETTLE_ROUNDS

    def settle() -> None:
        nonlocal rounds
        rounds -= 1
        if not screen.is_attached or screen.is_current:
            timer.stop()
            return
        if screen._layout_required:
            _lay_out(screen)
        elif screen._dirty_widgets:  # repainted only (a cursor blinking)
            _paint(screen, screen._dirty_widgets)
        if rounds <= 0:
            timer.stop()

    timer = screen.set_interval(SETTLE_EVERY, settle)


SETTLE_EVERY = 0.05
SETTLE_ROUNDS = 40  # 2 s: a help rendered in a thread on a loaded machine is laid out once more


def _lay_out(screen: Screen[Any]) -> None:
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


def restyle_only_when_stale(screen: Screen[Any], event: ScreenResume) -> None:
    """For a kept screen's `_on_screen_resume` (Textual calls it before Screen's own): Textual restyles
    every widget of a screen each time it is pushed, in case the CSS changed while it was hidden. Ours
    changes only with the theme (and a theme change restyles every screen the app holds); restyling an
    unchanged screen marks its scrollbars dirty, which cost a second frame 30–50 ms after the first. So
    a kept screen is restyled only when shown in another theme than the one it was last shown (or
    prepared) in."""
    theme = screen.app.theme
    if _STYLED.get(screen) == theme:
        event.refresh_styles = False
    _STYLED[screen] = theme
