"""Bases for every screen of the app: `dismiss` closes the screen only while it is the one on top,
and only once it is up.

Textual's `Screen.dismiss` pops whatever screen is on top of the stack. Two keys that each close a
screen, typed together (Enter and Esc, `y` and `n`, Enter twice on a list whose choice also closes
the screen under it), queued two dismissals: the second closed the screen below, or raised
`ScreenStackError` (the app quit) when only the main screen was left. And Esc typed right after
the key that opens a screen (on a slow machine, before the screen had mounted) removed its widgets
before its `on_mount` ran, which then found none (NoMatches: the app quit).
"""

from __future__ import annotations

from typing import TypeVar

from rich.console import RenderableType
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

from widgets.backdrop import Lines, backdrop, memo

ResultType = TypeVar("ResultType")


def is_open(screen: Screen) -> bool:
    """Whether the screen is still on the stack (on top or under another): work finishing in the
    background for a closed screen has nothing left to show."""
    try:
        return screen in screen.app.screen_stack
    except Exception:  # no app any more
        return False


class PlansScreen(Screen[ResultType]):
    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if not self.is_active:  # already closed, or something else is on top
            return AwaitComplete.nothing()
        if not self.is_mounted:  # keys typed before the screen was up: close it once it is
            self.call_later(self._dismiss_when_up, result)
            return AwaitComplete.nothing()
        return super().dismiss(result)

    def _dismiss_when_up(self, result: ResultType | None) -> None:
        self.dismiss(result)  # not awaited: Textual forbids awaiting it from the screen's own handler


class PlansModalScreen(ModalScreen[ResultType]):
    _backdrop: Lines | None = None

    def render(self) -> RenderableType:
        """The screen under it, tinted, its lines memoised (widgets/backdrop.py)."""
        if self._backdrop is None:
            self._backdrop = memo()
        return backdrop(super().render(), self._backdrop)

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete.nothing()
        if not self.is_mounted:
            self.call_later(self._dismiss_when_up, result)
            return AwaitComplete.nothing()
        return super().dismiss(result)

    def _dismiss_when_up(self, result: ResultType | None) -> None:
        self.dismiss(result)  # not awaited: Textual forbids awaiting it from the screen's own handler
