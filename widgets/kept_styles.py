"""A screen kept between opens (tui/screens/kept.py) that is not restyled when it comes back unchanged.

Textual re-applies the whole stylesheet to every widget of a screen each time it is pushed
(`ScreenResume.refresh_styles`), in case the theme changed while it was away. Its CSS is the same
unless it did, yet re-applying it costs a pass over every widget and, because Textual repaints a
widget's scrollbars whenever their colours are *set* (changed or not), one more frame after the
open's own: 30–50 ms later on a kept 专栏 list. `KeptStyles` keeps the flag only when the app's CSS
changed since the screen was last styled (a theme switched, 16 colours turned on): Textual counts
those changes (`App._css_update_count`; when that is missing the screen is restyled every time, as
before).

Nor is it laid out again for a size it is laid out at already: a screen's first layout sends the screen
itself a Resize (it was "shown", from no size to the terminal's), and Textual's handler of a screen's
Resize lays the whole screen out again and redraws every widget (the main screen: 15–30 ms right after
the first frame, in the way of the user's first key). A layout that something asked for meanwhile is
done by the next refresh, as any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.geometry import Size

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[object]
else:
    _Base = object


class KeptStyles(_Base):
    """Mixin, before the Screen class in the bases."""

    _styled_at: int | None = None  # the app's CSS update count when this screen was last styled

    def mark_styled(self) -> None:
        """The screen's styles are those of the app's CSS now (it was built and mounted just now)."""
        count = getattr(self.app, "_css_update_count", None)
        self._styled_at = count if isinstance(count, int) else None

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # (Textual calls each class's handler in turn: Screen's, which restyles, runs after this one)
        count = getattr(self.app, "_css_update_count", None)
        if not isinstance(count, int):
            return
        if event.refresh_styles and self._styled_at == count:
            event.refresh_styles = False  # styled under this very CSS: nothing would change
        elif event.refresh_styles:
            self._styled_at = count

    def _screen_resized(self, size: Size) -> None:
        if size == self.outer_size and self.is_attached:
            return  # laid out at this size already (see the module docstring)
        super()._screen_resized(size)
