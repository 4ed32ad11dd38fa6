"""Reading exports back with standard parsers (the csv module, markdown-it-py's CommonMark reader,
json), independent of the code that wrote them: what a spreadsheet or a Markdown viewer would see."""

from __future__ import annotations

import csv
import io
import json
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tui.core.export import BOM, Value, View

# a spreadsheet's formula guard: an apostrophe before = @ + - (not a signed number) and apostrophes
_GUARDED = re.compile(r"'+(?:[=@\t\r]|[+-](?=[^\d.]))")


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


def unguard(text: str) -> str:
    """A CSV text cell without the apostrophe the writer put before what a spreadsheet would run."""
    return text[1:] if text.startswith("'") and _GUARDED.match(text) else text


def parse_csv(text: str, numeric: list[bool]) -> tuple[list[str], list[list[Value]]]:
    """(header, rows) of a CSV text (a leading byte order mark is not part of the first column)."""
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    if not rows:
        return [], []
    header, body = [unguard(c) for c in rows[0]], rows[1:]
    return header, [[parse_value(unguard(c), i < len(numeric) and numeric[i]) for i, c in enumerate(r)] for r in body]


def _inline_text(token: Token) -> str:
    """A table cell's text as a CommonMark reader gives it: escapes and entities resolved, <br> a
    newline; markup a reader would render (emphasis, code) kept as its source characters."""
    out: list[str] = []
    for child in token.children or []:
        if child.type == "html_inline" and child.content.lower() in ("<br>", "<br/>", "<br />"):
            out.append("\n")
        elif child.type in ("text", "text_special", "html_inline"):
            out.append(child.content)
        elif child.type == "code_inline":
            out.append(child.markup + child.content + child.markup)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:  # em_open, strong_close …: an unescaped markup character the writer let through
            out.append(child.markup)
    return "".join(out)


def parse_markdown(text: str, numeric: list[bool]) -> tuple[str, list[str], list[list[Value]]]:
    """(title, header, rows) of a Markdown file: its first heading and its table, read by markdown-it."""
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(text)
    title = ""
    header: list[str] = []
    rows: list[list[Value]] = []
    current: list[str] | None = None
    in_head = False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and not title and not header:
            title = tokens[i + 1].content
        elif tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            current = []
        elif tok.type == "inline" and current is not None:
            current.append(_inline_text(tok))
        elif tok.type == "tr_close" and current is not None:
            if in_head:
                header = current
            else:
                rows.append([parse_value(c, i < len(numeric) and numeric[i]) for i, c in enumerate(current)])
            current = None
    return title, header, rows


def parse_json(text: str) -> View:
    data = json.loads(text)
    return View(title=data.get("title", ""), columns=list(data["columns"]), rows=[list(r) for r in data["rows"]],
                numeric=list(data.get("numeric", [])))
