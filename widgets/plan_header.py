"""The main screen's header: Textual's `Header`, with the title redrawn in the same turn as the change.

Textual's header follows the title through async watchers, so a key that moves to another plan
drew its frame, then a second one for the header a turn later; and its title line (`Static.update`)
asked for a relayout of the whole screen although its size never changes. Here the watchers are
plain functions (called as the title is set, so the header joins that key's frame) and the update
repaints the line only. What it shows is unchanged: the icon, "title — sub-title", centred.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class PlanHeader(Header):
    """`Header` whose title follows the app's and the screen's title and sub-title synchronously."""

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of Header._on_mount's async watchers

        def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title(), layout=False)  # its size never changes
            except (NoMatches, NoScreen):
                pass

        for obj in (self.app, self.screen):
            self.watch(obj, "title", set_title)
            self.watch(obj, "sub_title", set_title)
