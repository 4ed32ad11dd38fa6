"""`?`: every key of the main screen (with the user's keymap applied) and, when the search screen
offers it, the search syntax."""

from __future__ import annotations

from importlib import import_module

from rich.table import Table
from rich.text import Text
from rich import box
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core import locations

KeyRows = list[tuple[str, list[tuple[str, str, str]]]]


def search_help() -> str:
    """SEARCH_HELP of tui/screens/search.py, if that module offers it."""
    try:
        return str(getattr(import_module("tui.screens.search"), "SEARCH_HELP", "") or "")
    except ImportError:
        return ""


def pretty_keys(keys: str) -> str:
    names = {"question_mark": "?", "slash": "/", "right_square_bracket": "]", "left_square_bracket": "[",
             "right_curly_bracket": "}", "left_curly_bracket": "{", "asterisk": "*", "plus": "+",
             "minus": "-"}
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss(None)", "关闭", id="help.close"),
        Binding("j,down", "scroll('down')", "下", show=False),
        Binding("k,up", "scroll('up')", "上", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%;
        max-width: 100;
        height: 90%;
        background: $surface;
        border: round $primary;
        border-title-color: $primary;
        padding: 0 1;
    }
    HelpScreen .help-search { margin-top: 1; }
    """

    def __init__(self, rows: KeyRows) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "按键 (? / esc 关闭)"
            for title, rows in self.rows:
                table = Table(box=box.SIMPLE, show_header=False, title=Text(title, style="bold"),
                              title_justify="left", expand=True, pad_edge=False)
                table.add_column("key", style="bold", no_wrap=True)
                table.add_column("what", ratio=1)
                table.add_column("id", style="dim", no_wrap=True)
                for keys, description, binding_id in rows:
                    table.add_row(Text(pretty_keys(keys)), Text(description), Text(binding_id))
                yield Static(table)
            yield Static(Text(f"改键：在 {locations.keymap_file()} 写 “binding id: 键”，例如 main.copy: ctrl+y",
                              style="italic"), classes="help-keymap")
            syntax = search_help()
            if syntax:
                yield Static(Text("搜索语法", style="bold"), classes="help-search")
                yield Static(Text(syntax))

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one(VerticalScroll)
        if direction == "down":
            scroll.scroll_down()
        else:
            scroll.scroll_up()
