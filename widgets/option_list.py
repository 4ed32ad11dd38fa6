"""`OptionList` that survives a zero-size viewport.

Textual's OptionList lays its options out into lines only once it has a visible region; in a
terminal so short that the list gets no rows (the bookmark list at 80×7), PageDown/PageUp looked
up the highlighted option's line in that empty layout and raised ``KeyError: 0``. With no visible
rows a page is one option: the highlight moves by one, and the list lays itself out as soon as
it has room again.
"""

from __future__ import annotations

from textual.widgets import OptionList as _OptionList


class OptionList(_OptionList):
    DEFAULT_CSS = ""

    def _has_rows(self) -> bool:
        region = self.scrollable_content_region
        return region.width > 0 and region.height > 0

    def _step(self, direction: int) -> None:
        """The next enabled option in `direction`, without wrapping (a page never wraps)."""
        index = self.highlighted
        if index is None:
            (self.action_first if direction < 0 else self.action_last)()
            return
        index += direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction

    def action_page_down(self) -> None:
        if self._has_rows():
            super().action_page_down()
        else:
            self._step(1)

    def action_page_up(self) -> None:
        if self._has_rows():
            super().action_page_up()
        else:
            self._step(-1)
