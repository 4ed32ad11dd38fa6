"""Where a plan's indicator tables (主要指标) stand in its raw source lines, and the printed cells of
their rows, in each of the three layouts plans print them in (`tui.core.importer.tables` parses them).

A table is found by its shape, never by line numbers: a HEADER line that starts with 序号 / 指标 /
指标名称 / 目标名称, the CAPTION just above it (a short line naming 指标 or numbered 表N, no 。), then
rows, then any 注 lines. Three layouts occur, told apart by the header's first line:

- ``tab``   every cell on its own tab-indented line; a line WITHOUT the tab continues the cell
            above it (a wrapped cell); a blank line separates rows (柯桥, 嘉兴).
- ``line``  every cell on its own line, blank lines between every line, no indentation; rows are
            found by their 序号 (1, 2, …) and the column count from the header (湖州, 海曙).
- ``space`` a row is a line "序号 名称 值 值 …" separated by spaces, but a name or a text cell may
            wrap over several lines (绍兴 PDF). A row runs from the line starting with its number to
            the line before the next number, and the last row stops once it has all its cells.

A table without a 序号 column is read in the ``line`` layout as rows of as many lines as it has
labels, and in the ``space`` layout as one row a line. A printed page number between rows (a table
running over a page break in PDF text) stays in the table's region and is skipped.

Header labels printed over two lines (2020年 / 规划目标, “十三五” / 目标值, 2020年 / 完成值) and
spaced-out labels (指 标) are joined into one column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.importer.cells import looks_numeric
from tui.core.importer.reflow import HEADING_START, is_page_number


class TableError(ValueError):
    """A table region that does not parse; the message names the source and the line."""


HEADER_START = re.compile(r"(序号|指\s*标|目标名称)")
CAPTION_MAX = 60
NOTE_START = re.compile(r"(注|备注)\s*[：:]")
YEAR = re.compile(r"(19|20)\d{2}")
BARE_YEAR = re.compile(r"(?:19|20)\d{2}年?\Z")
PERIOD = re.compile(r"“?十([一二三四五六七八九])五”?")
BARE_PERIOD = re.compile(r"“?十[一二三四五六七八九]五”?\Z")
HEADER_SUFFIX = re.compile(r"(?:规划)?目标值?\Z|完成值\Z|实绩\Z|预计值?\Z|值\Z")
CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"


def strip_line(s: str) -> str:
    return s.strip(" \t\r\n\xa0\u3000")


# -- region detection ---------------------------------------------------------------------------


@dataclass
class Scan:
    """What the layout scanners recover from the raw lines (indices into the scanned list)."""

    start: int  # caption line, or the header line when there is no caption
    caption: int | None
    layout: str
    header: list[str]  # column labels, multi-line labels joined
    rows: list[list[str]] = field(default_factory=list)  # per row: printed cells incl. number/name
    notes: list[str] = field(default_factory=list)
    end: int = 0  # one past the last line that belongs to the table


def is_header(line: str) -> bool:
    s = strip_line(line)
    return bool(s) and HEADER_START.match(s) is not None and len(s) <= 40 and "。" not in s


def _is_caption(line: str) -> bool:
    s = strip_line(line)
    if not s or len(s) > CAPTION_MAX or s.endswith(("。", "；", "，", "：")):
        return False
    return "指标" in s or re.match(r"表\s*\d", s) is not None


def _prev_nonblank(lines: list[str], i: int, limit: int = 3) -> int | None:
    j = i - 1
    while j >= 0 and i - j <= limit + 1:
        if strip_line(lines[j]):
            return j
        j -= 1
    return None


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not strip_line(lines[i]):
        i += 1
    return i


def _next_cell(lines: list[str], i: int) -> int:
    """The next line holding table text: blank lines and printed page numbers (a table that runs
    over a page break in PDF text) are skipped; they stay in the table's region, as printed."""
    i = _next_nonblank(lines, i)
    while i < len(lines) and is_page_number(strip_line(lines[i])):
        i = _next_nonblank(lines, i + 1)
    return i


def find_tables(lines: list[str], source_id: str) -> list[tuple[int, int]]:
    """[start, end) index ranges of every indicator table region in the raw `lines`, in order."""
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if is_header(lines[i]):
            scan = scan_region(lines, i, source_id)
            if scan is not None and scan.rows and (scan.caption is not None or len(scan.rows) >= 2):
                regions.append((scan.start, scan.end))
                i = scan.end
                continue
        i += 1
    return regions


def scan_region(lines: list[str], header: int, source_id: str) -> Scan | None:
    cap = _prev_nonblank(lines, header)
    if cap is not None and is_page_number(lines[cap]):  # the caption at the foot of the page before
        cap = _prev_nonblank(lines, cap)
    caption = cap if cap is not None and _is_caption(lines[cap]) else None
    start = caption if caption is not None else header
    raw = lines[header]
    if raw.startswith("\t"):
        scan = _scan_tab(lines, header)
    elif len(strip_line(raw).split()) > 1:
        scan = _scan_space(lines, header, source_id)
    else:
        scan = _scan_line(lines, header)
    if scan is None:
        return None
    scan.start, scan.caption = start, caption
    _scan_notes(lines, scan)
    return scan


# -- header labels ------------------------------------------------------------------------------


def _merge_header(frags: list[tuple[str, str]]) -> list[str]:
    """Join header fragments [(joiner, text)] into column labels.

    A fragment continues the label before it when it is a bare suffix (目标值, 完成值, 规划目标, 实绩)
    after a bare year or period (2020年, “十三五”), or one CJK character after another (指 标).
    """
    out: list[str] = []
    for joiner, text in frags:
        if out:
            prev = out[-1]
            single = len(prev) == 1 and len(text) == 1 and re.match(rf"[{CJK}]", prev + text)
            suffix = (BARE_YEAR.match(prev) or BARE_PERIOD.match(prev)) and HEADER_SUFFIX.match(text)
            if single or suffix:
                out[-1] = prev + joiner + text
                continue
        out.append(text)
    return out


# -- the three layouts --------------------------------------------------------------------------


def _blocks(lines: list[str], i: int) -> list[tuple[int, int]]:
    """Runs of consecutive non-blank lines from i on, as [start, end) pairs."""
    out: list[tuple[int, int]] = []
    n = len(lines)
    while True:
        i = _next_nonblank(lines, i)
        if i >= n:
            return out
        j = i
        while j < n and strip_line(lines[j]):
            j += 1
        out.append((i, j))
        i = j


def _tab_cells(lines: list[str], a: int, b: int) -> list[str]:
    cells: list[str] = []
    for line in lines[a:b]:
        if line.startswith("\t") or not cells:
            cells.append(strip_line(line))
        else:
            cells[-1] += strip_line(line)
    return cells


def _scan_tab(lines: list[str], header: int) -> Scan | None:
    blocks = iter(_blocks(lines, header))
    ha, hb = next(blocks)
    labels = _merge_header([("", c) for c in _tab_cells(lines, ha, hb)])
    scan = Scan(0, None, "tab", labels, end=hb)
    numbered = labels[0].startswith("序号")
    for a, b in blocks:
        if not lines[a].startswith("\t"):
            break
        cells = _tab_cells(lines, a, b)
        if len(cells) != len(labels):
            break
        if numbered and cells[0] != str(len(scan.rows) + 1):
            break
        scan.rows.append(cells)
        scan.end = b
    return scan


LABEL_WORDS = ("年", "目标", "值", "增长", "增速", "增幅", "完成", "是否", "单位", "预计", "实绩", "备注", "属性", "现状")


def _is_label(s: str) -> bool:
    """A header label after the first: a year, a period, or a short word such as 年均增长 / 目标值."""
    return (bool(s) and len(s) <= 12 and "。" not in s and (BARE_YEAR.match(s) is not None or not looks_numeric(s))
            and (YEAR.search(s) is not None or PERIOD.search(s) is not None or any(w in s for w in LABEL_WORDS)))


def _scan_line_unnumbered(lines: list[str], header: int) -> Scan | None:
    """One cell per line, no 序号 column: the labels are the header line and the label-like lines after
    it; then rows of as many lines, a name then cells, at least one of them a number."""
    n = len(lines)
    frags = [("", strip_line(lines[header]))]
    i = _next_nonblank(lines, header + 1)
    while i < n and _is_label(strip_line(lines[i])):
        frags.append(("", strip_line(lines[i])))
        i = _next_nonblank(lines, i + 1)
    labels = _merge_header(frags)
    if len(labels) < 3:
        return None
    scan = Scan(0, None, "line", labels, end=i)
    while i < n:
        cells: list[str] = []
        j = i
        while len(cells) < len(labels) and j < n:
            cells.append(strip_line(lines[j]))
            j = _next_cell(lines, j + 1)
        if len(cells) < len(labels):
            break
        name, values = cells[0], cells[1:]
        if (looks_numeric(name) or len(name) > 40 or "。" in name or NOTE_START.match(name)
                or HEADING_START.match(name) or not any(looks_numeric(v) for v in values)
                or not all(looks_numeric(v) or (len(v) <= 20 and "。" not in v) for v in values)):
            break
        scan.rows.append(cells)
        last = j - 1
        while last > i and not strip_line(lines[last]):
            last -= 1
        scan.end = last + 1
        i = j
    return scan if len(scan.rows) >= 2 else None


def _scan_line(lines: list[str], header: int) -> Scan | None:
    """One cell per line, blank lines between or not; numbered tables (the row number is what marks
    a row) or, without 序号, rows of as many lines as there are labels (`_scan_line_unnumbered`)."""
    n = len(lines)
    if not strip_line(lines[header]).startswith("序号"):
        return _scan_line_unnumbered(lines, header)
    i = header
    frags: list[tuple[str, str]] = []
    while i < n and strip_line(lines[i]) != "1":
        s = strip_line(lines[i])
        if s:
            if len(s) > 20 or "。" in s:
                return None
            frags.append(("", s))
        i += 1
    labels = _merge_header(frags)
    if not labels or not labels[0].startswith("序号") or len(labels) < 3:
        return None
    scan = Scan(0, None, "line", labels, end=i)
    while i < n and strip_line(lines[i]) == str(len(scan.rows) + 1):
        cells, j = [strip_line(lines[i])], i + 1
        while len(cells) < len(labels):
            j = _next_cell(lines, j)
            if j >= n:
                return scan
            s = strip_line(lines[j])
            if "。" in s or NOTE_START.match(s):
                return scan
            cells.append(s)
            j += 1
        if looks_numeric(cells[1]) or not all(looks_numeric(c) or len(c) <= 20 for c in cells[2:]):
            return scan
        scan.rows.append(cells)
        scan.end = j
        i = _next_cell(lines, j)
    return scan


def _tokens(lines: list[str], idxs: list[int]) -> list[tuple[int, int, int, str]]:
    """(line index, start, end, token) for every whitespace-separated token of the given lines."""
    out = []
    for k in idxs:
        for m in re.finditer(r"[^\s\xa0\u3000]+", lines[k]):
            out.append((k, m.start(), m.end(), m.group()))
    return out


def _first_token(line: str) -> str:
    parts = strip_line(line).split()
    return parts[0] if parts else ""


def _space_row(lines: list[str], idxs: list[int], nvalues: int, numbered: bool = True) -> list[str] | None:
    """Cells of one space-separated row spread over the lines `idxs`: [number, name, value…]
    ([name, value…] for a table without a 序号 column: `numbered` false).

    The name is every token before the first numeric one; after it, a numeric token is a cell and
    consecutive non-numeric tokens are one wrapped text cell. None when the row is not complete.
    """
    toks = _tokens(lines, idxs)
    if not toks:
        return None
    number, toks = (toks[0][3], toks[1:]) if numbered else ("", toks)
    k = 0
    while k < len(toks) and not looks_numeric(toks[k][3]):
        k += 1
    name_toks, rest = toks[:k], toks[k:]
    if not name_toks:
        return None
    # name as printed: within a line the printed span (spaces kept), lines joined without a gap
    pieces: dict[int, tuple[int, int]] = {}
    for line, a, b, _ in name_toks:
        lo, hi = pieces.get(line, (a, b))
        pieces[line] = (min(lo, a), max(hi, b))
    name = "".join(lines[ln][a:b] for ln, (a, b) in pieces.items())
    cells: list[str] = []
    text_open = False
    prev_line = -1
    for line, _, _, tok in rest:
        if looks_numeric(tok):
            cells.append(tok)
            text_open = False
        elif text_open:
            cells[-1] += ("" if line != prev_line else " ") + tok
        else:
            cells.append(tok)
            text_open = True
        prev_line = line
    if len(cells) != nvalues:
        return None
    return ([number] if numbered else []) + [name] + cells


def _scan_space_unnumbered(lines: list[str], header: int) -> Scan | None:
    """Rows "名称 值 值 …" on one line each, no 序号 column: the name is every token before the first
    number; after it, numbers are cells and a run of words is one text cell."""
    n = len(lines)
    head = strip_line(lines[header])
    labels = _merge_header([(" " if t else "", tok) for t, tok in enumerate(head.split())])
    if len(labels) < 3 or not all(_is_label(x) for x in labels[1:]):
        return None
    scan = Scan(0, None, "space", labels, end=header + 1)
    i = _next_cell(lines, header + 1)
    while i < n:
        s = strip_line(lines[i])
        if "。" in s or NOTE_START.match(s) or HEADING_START.match(s):
            break
        cells = _space_row([s], [0], len(labels) - 1, numbered=False)
        if cells is None:
            break
        scan.rows.append(cells)
        scan.end = i + 1
        i = _next_cell(lines, i + 1)
    return scan if len(scan.rows) >= 2 else None


def _scan_space(lines: list[str], header: int, source_id: str) -> Scan | None:
    n = len(lines)
    if not strip_line(lines[header]).startswith("序号"):
        return _scan_space_unnumbered(lines, header)
    i = header
    frags: list[tuple[str, str]] = []
    while i < n and _first_token(lines[i]) != "1":
        s = strip_line(lines[i])
        if s and not is_page_number(s):
            if len(s) > 40 or "。" in s:
                return None
            for t, tok in enumerate(s.split()):
                frags.append((" " if t else "", tok))
        i += 1
    labels = _merge_header(frags)
    if len(labels) < 3:
        return None
    nvalues = len(labels) - 2
    scan = Scan(0, None, "space", labels, end=i)
    while i < n and _first_token(lines[i]) == str(len(scan.rows) + 1):
        expected_next = str(len(scan.rows) + 2)
        idxs = [i]
        j = _next_cell(lines, i + 1)
        while j < n:
            cells = _space_row(lines, idxs, nvalues)
            s = strip_line(lines[j])
            if _first_token(s) == expected_next or NOTE_START.match(s):
                break
            if cells is not None:  # the last row: complete, and what follows is not the table's
                break
            if "。" in s:
                break
            idxs.append(j)
            j = _next_cell(lines, j + 1)
        cells = _space_row(lines, idxs, nvalues)
        if cells is None and not scan.rows:
            return None  # not a table after all
        if cells is None:
            raise TableError(f"{source_id}: table row {len(scan.rows) + 1} at line {i + 1}: "
                             f"cannot split {' / '.join(strip_line(lines[k]) for k in idxs)!r} "
                             f"into a name and {nvalues} cells")
        scan.rows.append(cells)
        scan.end = idxs[-1] + 1
        i = j
    return scan


def _scan_notes(lines: list[str], scan: Scan) -> None:
    """Take the 注 lines right after the rows. A note runs on over directly following lines (no
    blank line between) until it ends with 。 — the PDF splits "注：标 / # / 为预计数。" — but never
    into a heading (一、 （一） 专栏 …: a Word file or web page sets the next heading right under it)."""
    n = len(lines)
    i = _next_nonblank(lines, scan.end)
    while i < n and NOTE_START.match(strip_line(lines[i])):
        text = strip_line(lines[i])
        j = i + 1
        while (j < n and strip_line(lines[j]) and not text.endswith("。")
               and len(strip_line(lines[j])) <= 20 and not NOTE_START.match(strip_line(lines[j]))
               and not HEADING_START.match(strip_line(lines[j]))):
            text += strip_line(lines[j])
            j += 1
        scan.notes.append(text)
        scan.end = j
        i = _next_nonblank(lines, j)
