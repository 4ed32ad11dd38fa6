"""Typeset a shipped source as the documents users bring: PDF, Word, web page, PDF-style text.

Generated in the tests (never committed as binaries). Every document is built from the importer's own
reading of the source (`cut`): each logical line a paragraph, each indicator table a real table (its
caption a paragraph above it, its notes paragraphs below). `structure(plan)` is what a round trip must
keep: the headings in order, every 专栏 with its entries and end, every table's header, rows and cells.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.importer.line_kinds import heading_kind
from tui.core.importer.pieces import TableUnit, Unit, cut
from tui.core.importer.reflow import is_page_number
from tui.core.importer.sources import Source
from tui.core.model import Plan, Table

MEASURE = 30  # em per printed body line in the PDF and the PDF-style text
LINES_PER_PAGE = 36


@dataclass
class Block:
    kind: str  # para | table
    text: str = ""
    level: int = 0  # 1 chapter, 2 section, 0 other
    table: Table | None = None
    caption: str = ""
    notes: tuple[str, ...] = ()


def blocks(source: Source) -> list[Block]:
    out: list[Block] = []
    for piece in cut(source):
        if isinstance(piece, TableUnit):
            t = piece.table
            caption = t.lines[0].strip() if (t.caption or t.number) else ""
            out.append(Block("table", table=t, caption=caption, notes=tuple(n.printed for n in t.notes)))
            continue
        assert isinstance(piece, Unit)
        if not piece.text or is_page_number(piece.text):
            continue
        kind = heading_kind(piece.text)
        level = {"chapter": 1, "section-fw": 2, "section-hw": 2}.get(kind[0], 0) if kind else 0
        out.append(Block("para", text=piece.text, level=level))
    return out


def table_rows(t: Table) -> list[list[str]]:
    rows = [[c.printed for c in t.columns]]
    for r in t.rows:
        cells = iter(r.cells)
        row = []
        for col in t.columns:
            if col.role == "number":
                row.append(r.number)
            elif col.role == "name":
                row.append(r.printed_name)
            else:
                row.append(next(cells).printed)
        rows.append(row)
    return rows


# -- Word and HTML ----------------------------------------------------------------------------------


def to_docx(source: Source, path: Path) -> None:
    import docx

    d = docx.Document()
    for b in blocks(source):
        if b.kind == "para":
            if b.level:
                d.add_heading(b.text, level=b.level)
            else:
                d.add_paragraph(b.text)
            continue
        assert b.table is not None
        if b.caption:
            d.add_paragraph(b.caption)
        rows = table_rows(b.table)
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
        for note in b.notes:
            d.add_paragraph(note)
    d.save(str(path))


def to_html(source: Source, path: Path) -> None:
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8"><title>规划</title>',
           "<style>p{text-indent:2em}</style></head><body>",
           '<div class="nav"><a href="/">首页</a></div>', '<div class="article">']
    for b in blocks(source):
        if b.kind == "para":
            tag = f"h{b.level}" if b.level else "p"
            out.append(f"<{tag}>{html.escape(b.text)}</{tag}>")
            continue
        assert b.table is not None
        if b.caption:
            out.append(f"<p><strong>{html.escape(b.caption)}</strong></p>")
        rows = table_rows(b.table)
        out.append("<table border=1>")
        out.append("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in rows[0]) + "</tr>")
        for row in rows[1:]:
            out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        out.append("</table>")
        for note in b.notes:
            out.append(f"<p>{html.escape(note)}</p>")
    out.append("</div><script>var x = '<p>不是正文</p>';</script></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


# -- wrapping as a PDF prints -----------------------------------------------------------------------

COLUMNAR = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
NO_START = set("。，、；：？！）》”’〕】」』%,.;:)]")
ASCII_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.%/+&\-]*")


def width(s: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in s)


def wrap(text: str, measure: float = MEASURE) -> list[str]:
    """Greedy line breaking: the first line 2 em shorter (indent), ASCII runs kept whole, no line
    starting with closing punctuation (it hangs at the end of the line before). A row of a
    two-column list (a space between two CJK characters, 001's 专栏9) is set on one line, as printed."""
    if COLUMNAR.search(text):
        return [text]
    units: list[str] = []
    i = 0
    while i < len(text):
        m = ASCII_RUN.match(text, i)
        units.append(m.group(0) if m else text[i])
        i = m.end() if m else i + 1
    lines: list[str] = []
    cur = ""
    for u in units:
        room = measure - 2 if not lines else measure
        if u.isspace() and not cur.strip():
            continue  # no line starts with spaces (a PDF drops them at the break)
        if cur and width(cur + u) > room and u[0] not in NO_START:
            lines.append(cur.rstrip())
            cur = "" if u.isspace() else u
        else:
            cur += u
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


# -- PDF-style text -----------------------------------------------------------------------------------


def to_pdf_text(source: Source) -> str:
    """As text copied out of a PDF: printed lines, a blank line after each, a page number every
    LINES_PER_PAGE lines, the next page's first line led by a space; tables one cell a line with
    blank lines between (as 嘉兴's table comes out of its PDF)."""
    out: list[str] = []
    page, on_page = 1, 0

    def emit(line: str) -> None:
        nonlocal page, on_page
        out.append((" " if on_page == 0 and page > 1 else "") + line)
        out.append("")
        on_page += 1
        if on_page >= LINES_PER_PAGE:
            out.append(f"- {page} -")
            out.append("")
            page, on_page = page + 1, 0

    for b in blocks(source):
        if b.kind == "para":
            for line in wrap(b.text):
                emit(line)
            continue
        assert b.table is not None
        if b.caption:
            emit(b.caption)
        for row in table_rows(b.table):
            for cell in row:
                out.append(cell)
                out.append("")
        for note in b.notes:
            emit(note)
    out.append(f"- {page} -")
    return "\n".join(out) + "\n"


# -- PDF ----------------------------------------------------------------------------------------------


def to_pdf(source: Source, path: Path, ruled: bool = True) -> None:
    """The plan as a typeset PDF: wrapped lines, first lines indented, page numbers (- N -) in the
    footer; tables ruled (`ruled`, pdfplumber reads their cells) or set as aligned columns of text
    with no rules (read back as space-separated rows, like 001's tables)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    size = 14.0
    lead = size * 1.8
    page_w, page_h = A4
    left = (page_w - MEASURE * size) / 2
    top, bottom = page_h - 60, 80
    c = canvas.Canvas(str(path), pagesize=A4)
    state = {"y": top, "page": 1}

    def new_page() -> None:
        c.setFont(font, 10)
        c.drawCentredString(page_w / 2, 40, f"- {state['page']} -")
        c.showPage()
        state["page"] += 1
        state["y"] = top
        c.setFont(font, 9)  # a running header from page 2 on (page furniture, like the page number)
        c.drawCentredString(page_w / 2, page_h - 36, source.meta.title)

    fallback = _fallback_font()

    def line(text: str, indent: bool) -> None:
        if state["y"] - lead < bottom:
            new_page()
        t = c.beginText(left + (2 * size if indent else 0), state["y"] - size)
        for run, other in _font_runs(text):
            t.setFont(fallback if other else font, size)
            t.textOut(run)
        c.drawText(t)
        state["y"] -= lead

    for b in blocks(source):
        if b.kind == "para":
            for k, text in enumerate(wrap(b.text)):
                line(text, indent=k == 0)
            continue
        assert b.table is not None
        if b.caption:
            line(b.caption, indent=False)
        if not ruled:
            _text_table(c, font, table_rows(b.table), left, state, new_page, bottom)
            for note in b.notes:
                for _k, text in enumerate(wrap(note)):
                    line(text, indent=False)
            continue
        rows = [[_cell_wrap(cell, 12 if j == 1 else 7) for j, cell in enumerate(row)] for row in table_rows(b.table)]
        t = RLTable(rows)
        t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        pending = [t]
        while pending:
            part = pending.pop(0)
            _, h = part.wrap(page_w - 2 * left, page_h)
            if state["y"] - h < bottom:
                pieces = part.split(page_w - 2 * left, state["y"] - bottom)
                if len(pieces) >= 2:
                    pending[:0] = pieces
                    continue
                new_page()
                if state["y"] - h < bottom:
                    pending[:0] = part.split(page_w - 2 * left, state["y"] - bottom)
                    continue
            part.drawOn(c, left, state["y"] - h)
            state["y"] -= h + lead / 2
        for note in b.notes:
            for _k, text in enumerate(wrap(note)):
                line(text, indent=False)
    new_page()
    c.save()


def _text_table(c: Any, font: str, rows: list[list[str]], left: float, state: dict, new_page: Any,
                bottom: float) -> None:
    """A table without rules: each row one line, cells at column positions (the name column wide)."""
    size = 10.0
    widths = [max(width(r[j]) for r in rows) * size + 2 * size for j in range(len(rows[0]))]
    for row in rows:
        if state["y"] - size * 2 < bottom:
            new_page()
        x = left
        for j, cell in enumerate(row):
            t = c.beginText(x, state["y"] - size)
            t.setFont(font, size)
            t.textOut(cell)
            c.drawText(t)
            x += widths[j]
        state["y"] -= size * 2


#: characters the CID font STSong-Light cannot encode (found by typesetting every character of the seeds)
NOT_IN_CID = set("·•∙")
DEJAVU = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),)


def _fallback_font() -> str:
    """DejaVu Sans for the few characters STSong-Light lacks, else Helvetica (which has · and • only)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in DEJAVU:
        if path.is_file():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
            return "DejaVuSans"
    return "Helvetica"


def unprintable() -> set[str]:
    """Characters no font available to the PDF round trip can print (none when DejaVu Sans is installed)."""
    return set() if any(p.is_file() for p in DEJAVU) else {"∙"}


def _font_runs(text: str) -> list[tuple[str, bool]]:
    runs: list[tuple[str, bool]] = []
    for ch in text:
        other = ch in NOT_IN_CID
        if runs and runs[-1][1] == other:
            runs[-1] = (runs[-1][0] + ch, other)
        else:
            runs.append((ch, other))
    return runs


def _cell_wrap(text: str, n: int) -> str:
    lines = wrap(text, n + 2)
    return "\n".join(lines)


# -- the structure a round trip must keep -----------------------------------------------------------


def _sq(s: str) -> str:
    return re.sub(r"\s+", "", s)


def structure(plan: Plan) -> dict[str, list]:
    heads = [(n.kind, _sq(n.heading)) for n in plan.walk() if n.kind in ("chapter", "section", "subsection", "item")]
    cols = [(n.number, _sq(n.title), [_sq(e.text) for e in n.children],
             re.sub(r"“[^”]*”", "“…”", _sq(n.end)))  # the excerpt after the decision counts characters
            for n in plan.walk() if n.kind == "column"]
    tables = []
    for n in plan.walk():
        if n.table is not None:
            t = n.table
            tables.append((_sq(t.caption), [_sq(c.printed) for c in t.columns],
                           [[_sq(r.number), _sq(r.printed_name)] + [_sq(c.printed) for c in r.cells] for r in t.rows],
                           [_sq(x.printed) for x in t.notes]))
    return {"headings": heads, "columns": cols, "tables": tables}


def compare(want: Plan, got: Plan) -> list[str]:
    """What differs, one line each (empty when the structure is the same)."""
    a, b = structure(want), structure(got)
    out = []
    for key in ("headings", "columns", "tables"):
        if a[key] == b[key]:
            continue
        if len(a[key]) != len(b[key]):
            out.append(f"{key}: {len(a[key])} expected, {len(b[key])} found")
        for x, y in zip(a[key], b[key]):
            if x != y:
                out.append(f"{key}: first difference: expected {str(x)[:160]} / found {str(y)[:160]}")
                break
    return out
