"""The same list keys on every screen: `j`/`k` down and up, `g`/`G` first and last, `q` close.

A screen lists `*LIST_KEYS` in its BINDINGS and inherits `ListKeys`: the keys act on whatever list,
table, tree or scrolling view has focus (a focused filter box types the letters instead: it handles
printable keys before any binding sees them). `q` runs the screen's own `close` action.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.binding import Binding

LIST_KEYS = [
    Binding("j", "list_move('down')", "下", show=False, id="list.down"),
    Binding("k", "list_move('up')", "上", show=False, id="list.up"),
    Binding("g", "list_move('first')", "首行", show=False, id="list.first"),
    Binding("G", "list_move('last')", "末行", show=False, id="list.last"),
    Binding("q", "close", "关闭", show=False, id="list.close"),
]

# the first action the focused widget has, for each move (DataTable, OptionList, Tree, scroll views)
MOVES: dict[str, tuple[str, ...]] = {
    "down": ("cursor_down", "scroll_down"),
    "up": ("cursor_up", "scroll_up"),
    "first": ("cursor_first", "first", "scroll_top", "scroll_home"),
    "last": ("cursor_last", "last", "scroll_bottom", "scroll_end"),
}


class ListKeys:
    """The actions behind LIST_KEYS (mix into a Screen)."""

    def action_list_move(self, where: str) -> None:
        widget = getattr(self, "focused", None)
        if widget is None:
            raise SkipAction()
        for name in MOVES.get(where, ()):
            action = getattr(widget, f"action_{name}", None)
            if action is not None:
                action()
                return
        raise SkipAction()
