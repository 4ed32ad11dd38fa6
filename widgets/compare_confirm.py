"""A yes/no dialog before overwriting export files (y / n, Enter = no, escape = no)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from widgets.screen_base import PlansModalScreen


class ConfirmOverwrite(PlansModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmOverwrite {
        align: center middle;
        background: $background 60%;
    }
    ConfirmOverwrite > Vertical {
        width: auto;
        max-width: 90%;
        height: auto;
        border: round $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmOverwrite #confirm-text {
        width: auto;
        height: auto;
        margin-bottom: 1;
    }
    ConfirmOverwrite Horizontal {
        width: auto;
        height: auto;
    }
    ConfirmOverwrite Button {
        margin-right: 2;
    }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "覆盖", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "取消", id="confirm.no"),
    ]

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self._paths = paths

    def compose(self) -> ComposeResult:
        text = Text("这些文件已存在，覆盖吗？\n", style="bold")
        for p in self._paths:
            text.append(f"  {p}\n")
        text.append("y 覆盖 · n 取消", style="dim")
        with Vertical():
            yield Static(text, id="confirm-text")
            with Horizontal():
                yield Button("覆盖 (y)", id="confirm-yes", variant="warning")
                yield Button("取消 (n)", id="confirm-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
