"""A view (title, columns, rows) and its CSV, Markdown and JSON forms, and writing them to files.

Cells of numeric columns are int/float/None (None is a blank, never 0); other cells are text.
Every format reads back, with a standard parser (the csv module, a CommonMark reader, json), to the
same columns and values: the tests check that (tests/export_parse.py).

CSV files start with a UTF-8 byte order mark, so Excel opens them as UTF-8 (`write_exports`; CSV
on standard output has none). Written files never replace one that is there (`free_path`).

Plan text is untrusted. CSV and Markdown end up in terminals and spreadsheets: their text shows
control characters as stand-ins (`tui.core.safetext.visible`; newlines and tabs stay), and a CSV
text cell that a spreadsheet would run as a formula (=…, @…, +cmd…, -cmd…: not a signed number)
gets a leading apostrophe. JSON keeps the text exact (escaped).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rich.cells import cell_len

from tui.core.safetext import json_text, visible
from tui.core.textwidth import pad

Value = str | int | float | None


@dataclass
class View:
    title: str
    columns: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    numeric: list[bool] = field(default_factory=list)  # per column; missing means text
    brief: list[int] | None = None  # the columns a terminal table shows (None: all); exports have all

    def __post_init__(self) -> None:
        if len(self.numeric) < len(self.columns):
            self.numeric = list(self.numeric) + [False] * (len(self.columns) - len(self.numeric))

    def is_numeric(self, i: int) -> bool:
        return i < len(self.numeric) and self.numeric[i]


def format_value(v: Value) -> str:
    """The exact text of a cell in CSV/Markdown: '' for None, the shortest round-trip repr for numbers."""
    if v is None:
        return ""
    if isinstance(v, bool):  # not expected, but never print True as a number
        return "是" if v else "否"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    return str(v)


def shown(text: str) -> str:
    """Text as a CSV or Markdown file shows it: control characters as stand-ins, newlines and tabs kept."""
    return visible(text)


# -- CSV -------------------------------------------------------------------------------------------

# what a spreadsheet takes for a formula: = or @ first, or + / - before anything but a number; after
# any apostrophes already there (so a cell that starts with them parses back exactly)
_FORMULA = re.compile(r"'*(?:[=@\t\r]|[+-](?=[^\d.]))")


def _csv_text(text: str) -> str:
    text = shown(text)
    return "'" + text if _FORMULA.match(text) else text


def _csv_cell(v: Value) -> str:
    return _csv_text(v) if isinstance(v, str) else format_value(v)


def to_csv(view: View) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([_csv_text(c) for c in view.columns])
    for row in view.rows:
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue()


# -- Markdown --------------------------------------------------------------------------------------


# what CommonMark may read as markup: escaped (an underscore inside a word never is: tech_smes stays)
_MD_PUNCT = re.compile(r"([\\`*\[<|]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # “&amp;” would be read as “&”: escaped


def _md_escape(text: str) -> str:
    """Text as a Markdown table cell that a CommonMark reader gives back exactly: markup characters
    and entity-like “&…;” escaped, newlines as <br>, edge spaces as &#32; (a cell's padding is trimmed)."""
    out = _MD_ENTITY.sub(r"\\&", _MD_PUNCT.sub(r"\\\1", text))
    out = out.replace("\r\n", "\n").replace("\n", "<br>")
    stripped = out.strip(" ")
    if stripped != out:
        lead = len(out) - len(out.lstrip(" "))
        trail = len(out) - len(out.rstrip(" "))
        out = "&#32;" * lead + stripped + "&#32;" * trail if stripped else "&#32;" * len(out)
    return out




def to_markdown(view: View) -> str:
    """A GitHub-style table under a `# title` heading, columns padded by terminal cell width."""
    head = [_md_escape(shown(c)) for c in view.columns]
    body = [[_md_escape(shown(format_value(v))) for v in row] for row in view.rows]
    widths = [max([3, cell_len(h)] + [cell_len(r[i]) for r in body if i < len(r)]) for i, h in enumerate(head)]
    lines = [f"# {visible(view.title, multiline=False)}", ""] if view.title else []
    lines.append("| " + " | ".join(pad(h, widths[i]) for i, h in enumerate(head)) + " |")
    lines.append("| " + " | ".join(("-" * (widths[i] - 1) + ":") if view.is_numeric(i) else "-" * widths[i]
                                   for i in range(len(head))) + " |")
    for row in body:
        lines.append("| " + " | ".join(pad(c, widths[i], right=view.is_numeric(i)) for i, c in enumerate(row)) + " |")
    return "\n".join(lines) + "\n"


# -- JSON ------------------------------------------------------------------------------------------


def to_json(view: View) -> str:
    data = {"title": view.title, "columns": view.columns, "numeric": view.numeric, "rows": view.rows}
    return json_text(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"


# -- files -----------------------------------------------------------------------------------------

FORMATS = {"csv": to_csv, "md": to_markdown, "json": to_json}


def render(view: View, fmt: str) -> str:
    return FORMATS[fmt](view)


def export_paths(directory: Path, stem: str, formats: tuple[str, ...] = ("csv", "md")) -> list[Path]:
    return [directory / f"{stem}.{fmt}" for fmt in formats]


BOM = "\ufeff"


def file_text(view: View, fmt: str) -> str:
    """A view as a file holds it: CSV with a byte order mark (Excel reads it as UTF-8)."""
    text = render(view, fmt)
    return BOM + text if fmt == "csv" else text


def free_path(path: Path) -> Path:
    """`path` if nothing is there, else the first free `name-2.csv`, `name-3.csv` … beside it."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


class ExportError(Exception):
    """A file that cannot be written: one Chinese line naming the path and why."""


_WRITE_ERRORS = {
    errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.EROFS: "文件系统只读",
    errno.ENOSPC: "磁盘空间不足", errno.ENOENT: "目录不存在", errno.ENOTDIR: "路径中有一段不是目录",
    errno.EDQUOT: "超出磁盘配额", errno.EISDIR: "同名的是一个目录", errno.ENAMETOOLONG: "文件名太长",
}


def write_error(exc: OSError) -> str:
    """An OSError as a short Chinese reason (the errno's name when it is not a common one)."""
    reason = _WRITE_ERRORS.get(exc.errno or 0)
    if reason is None:
        reason = f"写入出错（{errno.errorcode.get(exc.errno or 0, type(exc).__name__)}）"
    return reason


def check_target(path: Path) -> None:
    """Raise `ExportError` when `path` cannot be written as a new file: its directory missing, not a
    directory or not writable, or a directory of that name. Says which, naming the path."""
    directory = path.parent
    try:
        if not directory.exists():
            missing = directory
            while not missing.parent.exists() and missing.parent != missing:
                missing = missing.parent
            raise ExportError(f"目录不存在：{missing}")
        if not directory.is_dir():
            raise ExportError(f"不是目录：{directory}")
        if path.is_dir():
            raise ExportError(f"同名的是一个目录：{path}")
        if not os.access(directory, os.W_OK | os.X_OK):
            raise ExportError(f"目录不可写（没有写入权限）：{directory}")
    except OSError as exc:
        raise ExportError(f"{write_error(exc)}：{directory}") from exc


def write_exports(view: View, paths: list[Path]) -> None:
    """Write each path in the format its suffix names (atomically; CSV with a byte order mark).
    The directory must exist (`check_target`): a typo in a path is reported, never created."""
    from tui.core.locations import atomic_write

    for path in paths:
        check_target(path)
        try:
            atomic_write(path, file_text(view, path.suffix.lstrip(".")))
        except OSError as exc:
            reason = write_error(exc)
            if exc.errno == errno.ENOENT and path.parent.is_dir():  # there, but takes no files (/proc)
                reason = "无法在此目录中新建文件"
            raise ExportError(f"{reason}：{path}") from exc
