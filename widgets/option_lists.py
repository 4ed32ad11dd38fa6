"""Textual's OptionList and SelectionList with PgUp/PgDn that work before the list has room.

Textual's OptionList pages by line positions it works out only once it has a visible region: PgDn on
a list with options but no height yet (the bookmark list at 80×7, a list not laid out yet) raised
``KeyError: 0``, which quit the app (found by tests/test_random_keys.py and by hand). With no
visible rows a page is one option: the highlight moves by one, without wrapping, and the list lays
itself out as soon as it has room again. Every list of the app is one of these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList, SelectionList

SelectionType = TypeVar("SelectionType")


def has_room(options: OptionList) -> bool:
    """Whether PgUp/PgDn can work out a page: the list has options and a visible region."""
    region = options.scrollable_content_region
    return bool(options.option_count) and region.width > 0 and region.height > 0


def step(options: OptionList, direction: int) -> None:
    """The next enabled option in `direction`, without wrapping (a page never wraps)."""
    if not options.option_count:
        return
    index = options.highlighted
    if index is None:
        (options.action_first if direction < 0 else options.action_last)()
        return
    index += direction
    while 0 <= index < options.option_count:
        if not options.get_option_at_index(index).disabled:
            options.highlighted = index
            return
        index += direction


def page(options: OptionList, direction: int, paged: Callable[[], None]) -> None:
    """Textual's own page move (`paged`) when the list has room, else one option in `direction`."""
    if has_room(options):
        paged()
    else:
        step(options, direction)


class PagedOptionList(OptionList):
    def action_page_down(self) -> None:
        page(self, 1, super().action_page_down)

    def action_page_up(self) -> None:
        page(self, -1, super().action_page_up)


class PagedSelectionList(SelectionList[SelectionType]):
    """SelectionList with the same paging (a subclass of both would lose SelectionList's component
    classes, which Textual collects along the MRO). Space is in the footer, worded in Chinese
    (Textual's own binding is hidden and says "Toggle option")."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "select", "勾选/取消", key_display="空格", id="list.toggle")]

    def action_page_down(self) -> None:
        page(self, 1, super().action_page_down)

    def action_page_up(self) -> None:
        page(self, -1, super().action_page_up)
