"""The compare screen's export dialog: where to write the table shown, and in which format.

A one-line input prefilled with a free default name (`compare-grid.csv`, or `compare-grid-2.csv`
when that is taken: a default never overwrites). The suffix names the format (.csv for Excel, .md,
.json). Enter checks the path before anything is written and says what is wrong, in the dialog,
naming the path: a missing directory as missing, an unwritable one as unwritable. A path to a file
that exists asks first (“再按 Enter 覆盖”); changing the path asks again. Escape cancels.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.core.export import FORMATS, ExportError, check_target, file_text, free_path, write_exports
from widgets.screen_base import PlansModalScreen
from widgets.text_input import TextInput

if TYPE_CHECKING:
    from tui.screens.compare import CompareScreen

HINT = "Enter 导出 · Esc 取消 · 后缀定格式：.csv（Excel）.md .json"


def default_target(directory: Path, mode: str) -> Path:
    """`compare-<mode>.csv` in `directory`, or the first free `compare-<mode>-N.csv` beside it."""
    return free_path(directory / f"compare-{mode}.csv")


def resolve_target(text: str, directory: Path) -> Path:
    """What the user typed as an absolute path: `~` expanded, relative to `directory`."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else directory / path


class ExportDialog(PlansModalScreen[Path | None]):
    """Dismisses with the path to write (checked, and confirmed if it exists) or None."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
        background: $background 60%;
    }
    ExportDialog > Vertical {
        width: 90%;
        max-width: 100;
        height: auto;
        border: round $primary;
        border-title-color: $foreground;
        background: $surface;
        padding: 0 1;
    }
    ExportDialog #export-path {
        width: 1fr;
    }
    ExportDialog #export-message {
        height: auto;
    }
    ExportDialog #export-message.-error {
        color: $text-error;
    }
    ExportDialog #export-message.-warning {
        color: $text-warning;
    }
    ExportDialog #export-hint {
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "取消", id="export.cancel")]

    def __init__(self, default: Path, directory: Path, rows: int) -> None:
        super().__init__()
        self.default = default
        self.directory = directory
        self.rows = rows
        self._confirm: Path | None = None  # an existing file the user was asked about

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"导出 {self.rows} 行"
            yield TextInput(str(self.default), id="export-path", select_on_focus=False)
            yield Static(id="export-message")
            yield Static(HINT, id="export-hint", markup=False)

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def _say(self, message: str, kind: str = "") -> None:
        box = self.query_one("#export-message", Static)
        box.update(Text(message))
        box.set_class(kind == "error", "-error")
        box.set_class(kind == "warning", "-warning")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirm = None
        self._say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self._say("请输入文件路径", "error")
            return
        path = resolve_target(event.value, self.directory)
        if path.is_dir():  # a folder typed or pasted: the default name in it
            path = free_path(path / self.default.name)
        fmt = path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            self._say(f"不认识的格式“{path.suffix or '（无后缀）'}”：用 .csv、.md 或 .json 结尾", "error")
            return
        try:
            check_target(path)
        except ExportError as exc:
            self._say(str(exc), "error")
            return
        if path.exists() and self._confirm != path:
            self._confirm = path
            self._say(f"文件已存在：{path}\n再按 Enter 覆盖，或改一个名字（如 {free_path(path).name}）", "warning")
            return
        self.dismiss(path.with_suffix("." + fmt) if path.suffix != "." + fmt else path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def start_export(screen: CompareScreen) -> None:
    """The compare screen's `e`: the dialog, then the file (or, served, the browser's download)."""
    if screen.app.is_web:  # served (`plans serve`): the browser downloads the files, nothing is written here
        deliver(screen)
        return
    directory = screen.export_dir.resolve()
    try:
        default = default_target(directory, screen.mode)
    except OSError:
        default = directory / f"compare-{screen.mode}.csv"
    screen.app.push_screen(ExportDialog(default, directory, len(screen.lines)), lambda path: export_to(screen, path))


def export_to(screen: CompareScreen, path: Path | None) -> None:
    """Write the table shown to `path` (chosen in the dialog); say what happened in the status line."""
    if path is None:
        screen.set_status("未导出")
        return
    try:
        write_exports(screen.view, [path])
    except ExportError as exc:
        message = f"导出失败：{exc}"
        screen.set_status(message)
        screen.notify(message, severity="error", markup=False)
        return
    screen.last_export = [path]
    screen.update_status()
    screen.notify(str(path), title="已导出", markup=False)


def deliver(screen: CompareScreen) -> None:
    names = [f"compare-{screen.mode}.{fmt}" for fmt in ("csv", "md")]
    for name in names:
        screen.app.deliver_text(io.StringIO(file_text(screen.view, name.rsplit(".", 1)[1])),
                                save_filename=name, encoding="utf-8")
    screen.set_status("已下载 " + "、".join(names))
    screen.notify("\n".join(names), title="已交给浏览器下载", markup=False)
