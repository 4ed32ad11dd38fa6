"""Every screen the main screen opens, in one place: the action that opens it, the title of its
section in the help, and where its class lives (imported only when first opened)."""

from __future__ import annotations

from importlib import import_module
from typing import NamedTuple

from textual.screen import Screen


class ScreenEntry(NamedTuple):  # (not a frozen dataclass: its generated methods were compiled at every start)
    name: str  # the main screen's action that opens it
    title: str  # its section in the help screen
    module: str
    class_name: str

    def load(self) -> type[Screen]:
        cls = getattr(import_module(self.module), self.class_name)
        assert isinstance(cls, type) and issubclass(cls, Screen)
        return cls


# in the order the help lists them
SCREENS: dict[str, ScreenEntry] = {e.name: e for e in (
    ScreenEntry("search", "搜索（/ 与 z）", "tui.screens.search", "SearchScreen"),
    ScreenEntry("columns", "专栏一览（c）", "tui.screens.columns", "ColumnsScreen"),
    ScreenEntry("tables", "指标表（t）", "tui.screens.tables", "TablesScreen"),
    ScreenEntry("info", "规划信息（i）", "tui.screens.info", "PlanInfoScreen"),
    ScreenEntry("compare", "规划对比（m）", "tui.screens.compare", "CompareScreen"),
    ScreenEntry("bookmarks", "书签（B）", "tui.screens.bookmarks", "BookmarksScreen"),
)}


def title_of(screen: Screen) -> str:
    """The help title of a registered screen ("" for others)."""
    name = type(screen).__name__
    return next((e.title for e in SCREENS.values() if e.class_name == name), "")
