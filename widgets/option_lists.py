"""Textual's OptionList and SelectionList with PgUp/PgDn that wait until the list has room.

Textual's OptionList pages by line positions it works out only once it has a size: PgDn on a list
with options but no height yet (a small terminal, a list not laid out) raised KeyError, which quit
the app. Found by tests/test_random_keys.py. Every list of the app is one of these.
"""

from __future__ import annotations

from typing import TypeVar

from textual.widgets import OptionList, SelectionList

SelectionType = TypeVar("SelectionType")


def has_room(options: OptionList) -> bool:
    """Whether PgUp/PgDn can work out a page: the list has options and a size."""
    return bool(options.option_count and options.scrollable_content_region)


class PagedOptionList(OptionList):
    def action_page_down(self) -> None:
        if has_room(self):
            super().action_page_down()

    def action_page_up(self) -> None:
        if has_room(self):
            super().action_page_up()


class PagedSelectionList(SelectionList[SelectionType]):
    def action_page_down(self) -> None:
        if has_room(self):
            super().action_page_down()

    def action_page_up(self) -> None:
        if has_room(self):
            super().action_page_up()
