"""A PDF, Word file, web page or text file as *document text*: plain text in the layouts the importer reads.

Every format ends as one text, so one importer (layout detected from the text, `tui.core.importer`)
builds every plan and the lossless check runs against exactly what was extracted (kept beside the
original file). The conventions:

- a paragraph, heading or list entry is a line (Word, web pages, text files); Word's automatic list
  numbers (一、 （一） 1．) are written out as printed (`numbering`);
- PDF text is written as printed: one printed line a line, a blank line after each, the first line of
  a page led by a space, a printed page number (─ 3 ─, - 3 -, 第 3 页) on its own line where it stood —
  the importer's reflow joins wrapped lines (`tui.core.importer.reflow`); a bare number in the page
  footer is page furniture with no printed form the text can keep, so it is dropped and counted;
- a real table (Word, HTML, PDF ruled table) is written in the importer's *tab layout*: every cell on its
  own line led by a tab, a line of a wrapped cell after it without the tab, a blank line between rows;
  a one-column table (a boxed 专栏) gives its cells as paragraphs; a table split over PDF pages is joined.

Libraries: pdfplumber (text lines with positions and ruled-table cells), python-docx (paragraphs and
tables in body order), lxml (HTML). They are imported only when a file of their kind is added.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.adder.decode import DecodeError, decode_text
from tui.core.importer.reflow import is_page_number

FORMATS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".docx": "docx", ".pdf": "pdf"}
SPREADSHEETS = {".xlsx", ".xls", ".xlsm", ".ods", ".csv", ".tsv", ".et"}
OTHER_KNOWN = {".doc": "an old binary Word file (.doc); save it as .docx", ".wps": "a WPS file; save it as .docx",
               ".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".gif": "an image", ".tif": "an image",
               ".tiff": "an image", ".zip": "an archive", ".rar": "an archive", ".7z": "an archive",
               ".pptx": "a presentation", ".ppt": "a presentation", ".ofd": "an OFD file; save it as PDF"}
BARE_PAGE = re.compile(r"^[-—–─\s]*\d{1,4}[-—–─\s]*$|^第\s*\d{1,4}\s*页")
WS = re.compile(r"[ \t\r\n\f\v\xa0]+")


class NotAPlan(ValueError):
    """The file cannot be a plan (wrong kind, no text). str() is one line naming the file."""


@dataclass
class Extracted:
    text: str  # the document text (see the module doc)
    format: str  # text | html | docx | pdf
    detail: str = ""  # encoding of a text file; pages of a PDF …
    notes: list[str] = field(default_factory=list)  # what the extraction decided, for the review
    tables: int = 0  # real tables written in the tab layout


def kind_of(path: Path, head: bytes) -> str:
    """The format by content first (a .txt that is really a PDF is read as PDF), then by suffix."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in SPREADSHEETS:
            raise NotAPlan(f"{path}: a spreadsheet, not a plan (plans add reads .pdf, .docx, .html and .txt)")
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise NotAPlan(f"{path}: a damaged zip/Office file: {exc}") from None
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("xl/") for n in names) or "content.xml" in names:
            raise NotAPlan(f"{path}: a spreadsheet, not a plan (plans add reads .pdf, .docx, .html and .txt)")
        raise NotAPlan(f"{path}: a zip archive, not a Word file (plans add reads .pdf, .docx, .html and .txt)")
    if suffix in SPREADSHEETS:
        raise NotAPlan(f"{path}: a spreadsheet, not a plan (plans add reads .pdf, .docx, .html and .txt)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise NotAPlan(f"{path}: an old binary Office file; save it as .docx (or PDF) and add that")
    if suffix in OTHER_KNOWN:
        raise NotAPlan(f"{path}: {OTHER_KNOWN[suffix]}, not a plan (plans add reads .pdf, .docx, .html and .txt)")
    if suffix in FORMATS:
        return FORMATS[suffix]
    low = head[:2048].lower()
    if b"<html" in low or b"<!doctype html" in low:
        return "html"
    return "text"


def extract(path: Path) -> Extracted:
    """The file as document text. Raises NotAPlan (one line) for what cannot be a plan."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise NotAPlan(f"{path}: is a directory, not a file") from None
    except FileNotFoundError:
        raise NotAPlan(f"{path}: no such file") from None
    except OSError as exc:
        raise NotAPlan(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise NotAPlan(f"{path}: empty file")
    kind = kind_of(path, raw[:4096])
    if kind == "pdf":
        out = _pdf(path)
    elif kind == "docx":
        out = _docx(path)
    elif kind == "html":
        out = _html(path, raw)
    else:
        try:
            text, enc = decode_text(raw, str(path))
        except DecodeError as exc:
            raise NotAPlan(str(exc)) from None
        out = Extracted(text=text.replace("\r\n", "\n").replace("\r", "\n"), format="text", detail=enc)
    if not out.text.strip():
        what = {"pdf": "no text in this PDF (a scanned image? plans add needs a PDF with a text layer)",
                "html": "no text on this web page", "docx": "no text in this Word file"}.get(kind, "no text")
        raise NotAPlan(f"{path}: {what}")
    return out


# -- tables in the tab layout ----------------------------------------------------------------------


def _cell_lines(cell: str) -> list[str]:
    parts = [WS.sub(" ", p).strip() for p in cell.replace("\t", " ").split("\n")]
    return [p for p in parts if p]


def tab_table(rows: list[list[str]]) -> list[str]:
    """Rows of cells in the importer's tab layout (a blank line before, between rows and after)."""
    out = [""]
    for row in rows:
        for cell in row:
            lines = _cell_lines(cell) or [""]
            out.append("\t" + lines[0])
            out.extend(lines[1:])
        out.append("")
    return out


def _table_or_paragraphs(rows: list[list[str]]) -> tuple[list[str], bool]:
    """A real table's lines: the tab layout when it has two columns or more and no empty cell, else
    its cells one paragraph a line (a boxed 专栏, a layout table). (lines, written as a table)."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    width = max((len(r) for r in rows), default=0)
    if width >= 2 and all(_cell_lines(c) for r in rows for c in r):
        return tab_table(rows), True
    lines: list[str] = []
    for r in rows:
        for c in r:
            lines.extend(_cell_lines(c))
    return lines, False


# -- Word -------------------------------------------------------------------------------------------


def _docx(path: Path) -> Extracted:
    try:
        import docx  # python-docx
        from docx.document import Document as _Doc  # noqa: F401  (import check)
        from docx.oxml.ns import qn
    except ImportError:  # pragma: no cover - a dependency
        raise NotAPlan(f"{path}: python-docx is not installed (pip install python-docx)") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise NotAPlan(f"{path}: not a readable Word file: {type(exc).__name__}: {exc}") from None
    lines: list[str] = []
    tables = 0
    notes: list[str] = []
    P, TBL, TXBX = qn("w:p"), qn("w:tbl"), qn("w:txbxContent")
    FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

    def para_text(p_el: Any) -> str:
        from docx.text.paragraph import Paragraph

        return Paragraph(p_el, document).text

    def boxed(p_el: Any) -> Iterator[Any]:
        """Paragraphs in text boxes anchored in this paragraph (not the legacy fallback copy)."""
        for box in p_el.iter(TXBX):
            if any(a.tag == FALLBACK for a in box.iterancestors()):
                continue
            yield from box.iterchildren(P)

    def table_rows(tbl_el: Any) -> list[list[str]]:
        from docx.table import Table

        rows: list[list[str]] = []
        for row in Table(tbl_el, document).rows:
            seen: set[int] = set()
            cells = []
            for cell in row.cells:  # a merged cell is repeated: keep it once
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append("\n".join(p.text for p in cell.paragraphs))
            rows.append(cells)
        return rows

    from tui.core.adder.numbering import Numberer

    numberer = Numberer(document)

    def walk(parent: Any) -> None:
        nonlocal tables
        for el in parent.iterchildren():
            if el.tag == P:
                text = para_text(el)
                number = numberer.prefix(el)
                if number and not text.startswith(number):
                    text = number + text  # Word prints the list number; the text does not hold it
                for piece in text.split("\n"):
                    lines.append(piece.replace("\t", " "))
                for box_p in boxed(el):
                    lines.extend(para_text(box_p).split("\n"))
            elif el.tag == TBL:
                nested = any(True for _ in el.iter(TBL) if _ is not el)
                if nested:
                    notes.append("套表（表中有表）按段落读取")
                    for tc in el.iter(qn("w:tc")):
                        walk(tc)
                    continue
                got, as_table = _table_or_paragraphs(table_rows(el))
                tables += as_table
                lines.extend(got)

    walk(document.element.body)
    if numberer.used:
        notes.append(f"Word 自动编号 {numberer.used} 处，按其编号格式写出（如 一、 （一） 1．）")
    return Extracted(text="\n".join(lines) + "\n", format="docx", notes=notes, tables=tables)


# -- web pages --------------------------------------------------------------------------------------

BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
         "footer", "blockquote", "pre", "center", "dd", "dt", "dl", "tr", "title", "main", "aside", "form",
         "figure", "figcaption", "caption", "address", "hr", "nav"}
SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select", "button"}


def _html(path: Path, raw: bytes) -> Extracted:
    try:
        import lxml.html
    except ImportError:  # pragma: no cover - a dependency
        raise NotAPlan(f"{path}: lxml is not installed (pip install lxml)") from None
    encoding, text = _html_decode(raw, path)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:
        raise NotAPlan(f"{path}: not a readable web page: {exc}") from None
    lines: list[str] = []
    buf: list[str] = []
    tables = 0

    def flush() -> None:
        line = WS.sub(" ", "".join(buf)).strip()
        buf.clear()
        if line:
            lines.append(line)

    def cell_text(el: Any) -> str:
        parts: list[str] = []

        def rec(e: Any) -> None:
            tag = e.tag if isinstance(e.tag, str) else ""
            if tag in SKIP:
                if e.tail:
                    parts.append(e.tail)
                return
            if tag == "br" or (tag in BLOCK and parts):
                parts.append("\n")
            if e.text:
                parts.append(e.text)
            for c in e:
                rec(c)
            if e.tail and e is not el:
                parts.append(e.tail)

        rec(el)
        return "".join(parts)

    def table(el: Any) -> None:
        nonlocal tables
        if any(t is not el for t in el.iter("table")):
            walk_children(el)  # a layout table: read its cells as blocks
            return
        rows = []
        for tr in el.iter("tr"):
            rows.append([cell_text(td) for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")])
        caption = el.find("caption")
        if caption is not None:
            lines.append(WS.sub(" ", caption.text_content()).strip())
        got, as_table = _table_or_paragraphs(rows)
        tables += as_table
        lines.extend(got)

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP or not tag:
            if el.tail:
                buf.append(el.tail)
            return
        if tag == "table":
            flush()
            table(el)
            if el.tail:
                buf.append(el.tail)
            return
        if tag == "br" or tag in BLOCK:
            flush()
        if el.text:
            buf.append(el.text)
        walk_children(el)
        if tag in BLOCK:
            flush()
        if el.tail:
            buf.append(el.tail)

    def walk_children(el: Any) -> None:
        for child in el:
            if child.tag == "caption":
                continue
            walk(child)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return Extracted(text="\n".join(lines) + "\n", format="html", detail=encoding, tables=tables)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _html_decode(raw: bytes, path: Path) -> tuple[str, str]:
    """(encoding as reported, text): a GB charset the page declares, else as a text file."""
    m = _META_CHARSET.search(raw[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in ("gb2312", "gbk", "gb18030", "x-gbk"):
        try:
            return f"GB18030 (declared {declared})", raw.decode("gb18030")
        except UnicodeDecodeError:
            pass  # the declaration lies: fall back to detection
    try:
        text, encoding = decode_text(raw, str(path))
        return encoding, text
    except DecodeError as exc:
        raise NotAPlan(str(exc)) from None


# -- PDF --------------------------------------------------------------------------------------------


@dataclass
class _PdfTable:
    rows: list[list[str]]
    top: float


def _inside(obj: dict, boxes: Iterable[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _running_lines(pages: list[tuple[float, list[tuple[float, object]]]]) -> set[str]:
    """Running headers and footers: the same text in the top or bottom margin of three pages or more
    (page numbers aside: they have printed forms of their own)."""
    seen: Counter[str] = Counter()
    for height, items in pages:
        for top, item in items:
            if isinstance(item, dict):
                text = str(item["text"]).strip()
                if text and not BARE_PAGE.match(text) and (top > height * 0.9 or float(item["bottom"]) < height * 0.08):
                    seen[text] += 1
    return {text for text, n in seen.items() if n >= 3}


def _outside_tables(boxes: list[tuple[float, float, float, float]]) -> Callable[[dict], bool]:
    def keep(obj: dict) -> bool:
        return obj.get("object_type") != "char" or not _inside(obj, boxes)

    return keep


def _pdf(path: Path) -> Extracted:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency
        raise NotAPlan(f"{path}: pdfplumber is not installed (pip install pdfplumber)") from None
    out: list[str] = []
    notes: list[str] = []
    dropped = 0
    tables = 0
    open_table: list[list[str]] | None = None  # a table that ran to the bottom of the previous page
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:
        raise NotAPlan(f"{path}: not a readable PDF: {type(exc).__name__}: {exc}") from None
    with pdf:
        if not pdf.pages:
            raise NotAPlan(f"{path}: a PDF with no pages")
        npages = len(pdf.pages)
        pages: list[tuple[float, list[tuple[float, object]]]] = []
        for page in pdf.pages:
            found = page.find_tables() if page.edges else []  # a ruled table needs rules: most pages have none
            boxes = [t.bbox for t in found]
            body = page.filter(_outside_tables(boxes))
            items: list[tuple[float, object]] = []
            for line in body.extract_text_lines(return_chars=False, strip=True):
                items.append((float(line["top"]), line))
            for t in found:
                rows = [[c or "" for c in row] for row in t.extract()]
                items.append((float(t.bbox[1]), _PdfTable(rows, float(t.bbox[1]))))
            items.sort(key=lambda it: it[0])
            pages.append((float(page.height), items))
        running = _running_lines(pages)
        skipped: Counter[str] = Counter()
        for height, items in pages:
            footer: list[str] = []
            first = True
            for top, item in items:
                if isinstance(item, _PdfTable):
                    if open_table is not None and first and len(item.rows[0]) == len(open_table[-1]):
                        open_table.extend(item.rows)  # the table goes on from the previous page
                    else:
                        tables += _close(out, open_table)
                        open_table = item.rows
                    first = False
                    continue
                assert isinstance(item, dict)
                text = str(item["text"]).strip()
                if not text:
                    continue
                in_margin = top > height * 0.9 or float(item["bottom"]) < height * 0.08
                if in_margin and text in running:
                    skipped[text] += 1
                    continue
                if in_margin and BARE_PAGE.match(text):
                    if is_page_number(text):
                        footer.append(text)
                    else:
                        dropped += 1
                    continue
                tables += _close(out, open_table)
                open_table = None
                out.append((" " if first else "") + text)
                out.append("")
                first = False
            for text in footer:
                out.append(text)
                out.append("")
        tables += _close(out, open_table)
    text = "\n".join(out)
    cids = text.count("(cid:")
    if cids and cids * 6 >= len(squeeze_ws(text)) * 0.2:
        raise NotAPlan(f"{path}: the PDF's fonts have no Unicode mapping (its text reads (cid:…)); "
                       "ask for a Word or web copy, or OCR it")
    for running_text, times in skipped.items():
        notes.append(f"页眉/页脚“{running_text[:30]}”出现 {times} 次，作为页面附属未保留")
    if dropped:
        notes.append(f"页边的纯数字页码 {dropped} 个未保留（页面附属，无印刷形式可留）")
    return Extracted(text="\n".join(out) + "\n", format="pdf", detail=f"{npages} 页", notes=notes, tables=tables)


def squeeze_ws(text: str) -> str:
    return "".join(text.split())


def _close(out: list[str], rows: list[list[str]] | None) -> bool:
    """Write a finished PDF table; True when it went out as a table (not as paragraphs)."""
    if rows is None:
        return False
    got, as_table = _table_or_paragraphs(rows)
    out.extend(got)
    return as_table
