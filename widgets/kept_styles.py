"""A kept screen (`tui/screens/kept.py`) comes back without restyling every widget it has.

Each time a screen is pushed, Textual applies the whole stylesheet to every node of it again
(`ScreenResume.refresh_styles`) and every widget then draws all its lines afresh: on the compare
screen that is most of what a reopen costs. The styles can only have changed if the CSS was
refreshed since (a theme switched: Textual counts those in `App._css_update_count`, and updates
only the screens on the stack); a screen kept off the stack since then restyles as before. A screen
made before its first open (`KeptScreens.prepare`) was styled when mounted.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.screen import Screen

ResultType = TypeVar("ResultType")


class KeptStyles(Screen[ResultType]):
    """Mix into a kept screen, before its `Screen` base."""

    _styled_at = -1  # the app's CSS update count when this screen was last styled whole

    def on_mount(self) -> None:
        self._styled_at = self.app._css_update_count  # its widgets were just styled, in the CSS of now

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # (called before Textual's own `Screen._on_screen_resume`, which reads `refresh_styles`)
        count = self.app._css_update_count
        if count == self._styled_at:
            event.refresh_styles = False
        self._styled_at = count
