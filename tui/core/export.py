"""A view (title, columns, rows) and its CSV, Markdown and JSON forms, with parse-back helpers.

Cells of numeric columns are int/float/None (None is a blank, never 0); other cells are text.
Every format parses back (`parse_csv`, `parse_markdown`, `parse_json`) to the same columns and
values, which the tests check.

Plan text is untrusted. CSV and Markdown end up in terminals and spreadsheets: their text shows
control characters as stand-ins (`tui.core.safetext.visible`; newlines and tabs stay), and a CSV
text cell that a spreadsheet would run as a formula (=…, @…, +cmd…, -cmd…: not a signed number)
gets a leading apostrophe, which `parse_csv` takes off again. JSON keeps the text exact (escaped).
"""

from __future__ import annotations

import csv
import io
import json
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


def parse_value(text: str, numeric: bool) -> Value:
    if not numeric:
        return text
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return float(text)


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


def _csv_unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and _FORMULA.match(text[1:]) else text


def parse_csv(text: str, numeric: list[bool]) -> tuple[list[str], list[list[Value]]]:
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        return [], []
    header, body = [_csv_unguard(c) for c in rows[0]], rows[1:]
    return header, [[parse_value(_csv_unguard(c), i < len(numeric) and numeric[i]) for i, c in enumerate(r)]
                    for r in body]


# -- Markdown --------------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    """Backslash before \\ | and a literal <br>; newlines as <br>; edge spaces as '\\ ' so they survive."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("<br>", "\\<br>")
    out = out.replace("\r\n", "\n").replace("\n", "<br>")
    stripped = out.strip(" ")
    if stripped != out:
        lead = len(out) - len(out.lstrip(" "))
        trail = len(out) - len(out.rstrip(" "))
        out = "\\ " * lead + stripped + "\\ " * trail if stripped else "\\ " * len(out)
    return out


def _md_unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in "\\|< ":
            out.append(text[i + 1])
            i += 2
        elif text.startswith("<br>", i):
            out.append("\n")
            i += 4
        else:
            out.append(ch)
            i += 1
    return "".join(out)


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


def _md_cells(line: str) -> list[str]:
    """Split a table line on its unescaped pipes; the outer pipes delimit, they are not cells."""
    s = line.strip()
    cells: list[str] = []
    cur: list[str] = []
    closed = False  # the last thing read was a separating pipe
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            cur.append(s[i : i + 2])
            i += 2
            closed = False
            continue
        if ch == "|":
            cells.append("".join(cur))
            cur = []
            closed = True
        else:
            cur.append(ch)
            closed = False
        i += 1
    if not closed:
        cells.append("".join(cur))
    if s.startswith("|") and cells:
        cells = cells[1:]
    return [_md_unescape(_strip_cell(c)) for c in cells]


def _strip_cell(raw: str) -> str:
    """Drop the padding but keep an escaped edge space ('\\ ')."""
    s = raw.strip(" ")
    backslashes = len(s) - len(s.rstrip("\\"))
    return s + " " if backslashes % 2 else s


def parse_markdown(text: str, numeric: list[bool]) -> tuple[str, list[str], list[list[Value]]]:
    title = ""
    table: list[str] = []
    for line in text.splitlines():
        if line.startswith("# ") and not table:
            title = line[2:].strip()
        elif line.lstrip().startswith("|"):
            table.append(line)
    if not table:
        return title, [], []
    header = _md_cells(table[0])
    rows = [[parse_value(c, i < len(numeric) and numeric[i]) for i, c in enumerate(_md_cells(line))]
            for line in table[2:]]
    return title, header, rows


# -- JSON ------------------------------------------------------------------------------------------


def to_json(view: View) -> str:
    data = {"title": view.title, "columns": view.columns, "numeric": view.numeric, "rows": view.rows}
    return json_text(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"


def parse_json(text: str) -> View:
    data = json.loads(text)
    return View(title=data.get("title", ""), columns=list(data["columns"]), rows=[list(r) for r in data["rows"]],
                numeric=list(data.get("numeric", [])))


# -- files -----------------------------------------------------------------------------------------

FORMATS = {"csv": to_csv, "md": to_markdown, "json": to_json}


def render(view: View, fmt: str) -> str:
    return FORMATS[fmt](view)


def export_paths(directory: Path, stem: str, formats: tuple[str, ...] = ("csv", "md")) -> list[Path]:
    return [directory / f"{stem}.{fmt}" for fmt in formats]


def write_exports(view: View, paths: list[Path]) -> None:
    """Write each path in the format its suffix names (atomically)."""
    from tui.core.locations import atomic_write

    for path in paths:
        atomic_write(path, render(view, path.suffix.lstrip(".")))
