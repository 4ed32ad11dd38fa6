"""Find and parse the indicator tables (主要指标) in a plan's raw source lines.

The importer calls `find_tables(lines, source_id)` on the raw lines of a source, cuts the regions
out, and calls `parse_table(region_lines, source_id)` on each (see notes/TABLES-INTERFACE.md).

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

Parsed fields, per row: ``number`` as printed; ``printed_name`` as printed (wrapped pieces joined,
spaces within a printed line kept); ``name`` without unit and markers, with the PDF's spaces next
to CJK dropped ("全社会 R&D经费" -> "全社会R&D经费") and full-width Latin given as ASCII (R＆D ->
R&D); ``unit`` from a final (…)/（…） made of unit
characters, ％ given as %, a lost closing bracket repaired ("(%*" -> unit %, marker *);
``markers`` the * ▲ # on the name; ``cells`` parsed with `cells.parse_cell`, where a marker is an
estimate mark when the table's notes say it means 预计/预估.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tui.core.importer.cells import looks_numeric, parse_cell, split_markers
from tui.core.importer.line_kinds import CN
from tui.core.importer.reflow import HEADING_START, is_page_number
from tui.core.model import Note, Row, Table, TableColumn

__all__ = ["find_tables", "parse_table", "TableError"]


class TableError(ValueError):
    """A table region that does not parse; the message names the source and the line."""


HEADER_START = re.compile(r"(序号|指\s*标|目标名称)")
CAPTION_MAX = 60
# 表1 / 表 2-1 (any gap after it), or a bare 2-1 followed by a gap (so 2021-2025年… is no number)
CAPTION_NUMBER = re.compile(r"(表\s*\d+(?:[-－—.]\d+)?)[\s\u3000\xa0]*|(\d{1,2}-\d{1,2})[\s\u3000\xa0]+")
NOTE_START = re.compile(r"(注|备注)\s*[：:]")
YEAR = re.compile(r"(19|20)\d{2}")
BARE_YEAR = re.compile(r"(?:19|20)\d{2}年?\Z")
PERIOD = re.compile(r"“?十([一二三四五六七八九])五”?")
BARE_PERIOD = re.compile(r"“?十[一二三四五六七八九]五”?\Z")
HEADER_SUFFIX = re.compile(r"(?:规划)?目标值?\Z|完成值\Z|实绩\Z|预计值?\Z|值\Z")
CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"
SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK}])[ \t\xa0\u3000]+|[ \t\xa0\u3000]+(?=[{CJK}])")
UNIT_CHARS = set("%％‰个件家人名项次台套座所户位篇册倍元万亿千百年/公里亩吨平方米小时天")
OPEN, CLOSE = "（(", "）)"
# full-width Latin letters, digits and &+-./ that a name may print (企业R＆D): given as ASCII in `name`
FULLWIDTH_LATIN = set("＆＋－．／") | {chr(c) for c in range(0xFF10, 0xFF1A)} | {
    chr(c) for c in range(0xFF21, 0xFF3B)} | {chr(c) for c in range(0xFF41, 0xFF5B)}
CN_NUM = CN[:9]  # 一 … 九: the ordinal of a 十N五 period


def _strip(s: str) -> str:
    return s.strip(" \t\r\n\xa0\u3000")


# -- region detection ---------------------------------------------------------------------------


@dataclass
class _Scan:
    """What the layout scanners recover from the raw lines (indices into the scanned list)."""

    start: int  # caption line, or the header line when there is no caption
    caption: int | None
    layout: str
    header: list[str]  # column labels, multi-line labels joined
    rows: list[list[str]] = field(default_factory=list)  # per row: printed cells incl. number/name
    notes: list[str] = field(default_factory=list)
    end: int = 0  # one past the last line that belongs to the table


def _is_header(line: str) -> bool:
    s = _strip(line)
    return bool(s) and HEADER_START.match(s) is not None and len(s) <= 40 and "。" not in s


def _is_caption(line: str) -> bool:
    s = _strip(line)
    if not s or len(s) > CAPTION_MAX or s.endswith(("。", "；", "，", "：")):
        return False
    return "指标" in s or re.match(r"表\s*\d", s) is not None


def _prev_nonblank(lines: list[str], i: int, limit: int = 3) -> int | None:
    j = i - 1
    while j >= 0 and i - j <= limit + 1:
        if _strip(lines[j]):
            return j
        j -= 1
    return None


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not _strip(lines[i]):
        i += 1
    return i


def _next_cell(lines: list[str], i: int) -> int:
    """The next line holding table text: blank lines and printed page numbers (a table that runs
    over a page break in PDF text) are skipped; they stay in the table's region, as printed."""
    i = _next_nonblank(lines, i)
    while i < len(lines) and is_page_number(_strip(lines[i])):
        i = _next_nonblank(lines, i + 1)
    return i


def find_tables(lines: list[str], source_id: str) -> list[tuple[int, int]]:
    """[start, end) index ranges of every indicator table region in the raw `lines`, in order."""
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if _is_header(lines[i]):
            scan = _scan(lines, i, source_id)
            if scan is not None and scan.rows and (scan.caption is not None or len(scan.rows) >= 2):
                regions.append((scan.start, scan.end))
                i = scan.end
                continue
        i += 1
    return regions


def _scan(lines: list[str], header: int, source_id: str) -> _Scan | None:
    cap = _prev_nonblank(lines, header)
    if cap is not None and is_page_number(lines[cap]):  # the caption at the foot of the page before
        cap = _prev_nonblank(lines, cap)
    caption = cap if cap is not None and _is_caption(lines[cap]) else None
    start = caption if caption is not None else header
    raw = lines[header]
    if raw.startswith("\t"):
        scan = _scan_tab(lines, header)
    elif len(_strip(raw).split()) > 1:
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
        while j < n and _strip(lines[j]):
            j += 1
        out.append((i, j))
        i = j


def _tab_cells(lines: list[str], a: int, b: int) -> list[str]:
    cells: list[str] = []
    for line in lines[a:b]:
        if line.startswith("\t") or not cells:
            cells.append(_strip(line))
        else:
            cells[-1] += _strip(line)
    return cells


def _scan_tab(lines: list[str], header: int) -> _Scan | None:
    blocks = iter(_blocks(lines, header))
    ha, hb = next(blocks)
    labels = _merge_header([("", c) for c in _tab_cells(lines, ha, hb)])
    scan = _Scan(0, None, "tab", labels, end=hb)
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


def _scan_line_unnumbered(lines: list[str], header: int) -> _Scan | None:
    """One cell per line, no 序号 column: the labels are the header line and the label-like lines after
    it; then rows of as many lines, a name then cells, at least one of them a number."""
    n = len(lines)
    frags = [("", _strip(lines[header]))]
    i = _next_nonblank(lines, header + 1)
    while i < n and _is_label(_strip(lines[i])):
        frags.append(("", _strip(lines[i])))
        i = _next_nonblank(lines, i + 1)
    labels = _merge_header(frags)
    if len(labels) < 3:
        return None
    scan = _Scan(0, None, "line", labels, end=i)
    while i < n:
        cells: list[str] = []
        j = i
        while len(cells) < len(labels) and j < n:
            cells.append(_strip(lines[j]))
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
        while last > i and not _strip(lines[last]):
            last -= 1
        scan.end = last + 1
        i = j
    return scan if len(scan.rows) >= 2 else None


def _scan_line(lines: list[str], header: int) -> _Scan | None:
    """One cell per line, blank lines between or not; numbered tables (the row number is what marks
    a row) or, without 序号, rows of as many lines as there are labels (`_scan_line_unnumbered`)."""
    n = len(lines)
    if not _strip(lines[header]).startswith("序号"):
        return _scan_line_unnumbered(lines, header)
    i = header
    frags: list[tuple[str, str]] = []
    while i < n and _strip(lines[i]) != "1":
        s = _strip(lines[i])
        if s:
            if len(s) > 20 or "。" in s:
                return None
            frags.append(("", s))
        i += 1
    labels = _merge_header(frags)
    if not labels or not labels[0].startswith("序号") or len(labels) < 3:
        return None
    scan = _Scan(0, None, "line", labels, end=i)
    while i < n and _strip(lines[i]) == str(len(scan.rows) + 1):
        cells, j = [_strip(lines[i])], i + 1
        while len(cells) < len(labels):
            j = _next_cell(lines, j)
            if j >= n:
                return scan
            s = _strip(lines[j])
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
    parts = _strip(line).split()
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


def _scan_space_unnumbered(lines: list[str], header: int) -> _Scan | None:
    """Rows "名称 值 值 …" on one line each, no 序号 column: the name is every token before the first
    number; after it, numbers are cells and a run of words is one text cell."""
    n = len(lines)
    head = _strip(lines[header])
    labels = _merge_header([(" " if t else "", tok) for t, tok in enumerate(head.split())])
    if len(labels) < 3 or not all(_is_label(x) for x in labels[1:]):
        return None
    scan = _Scan(0, None, "space", labels, end=header + 1)
    i = _next_cell(lines, header + 1)
    while i < n:
        s = _strip(lines[i])
        if "。" in s or NOTE_START.match(s) or HEADING_START.match(s):
            break
        cells = _space_row([s], [0], len(labels) - 1, numbered=False)
        if cells is None:
            break
        scan.rows.append(cells)
        scan.end = i + 1
        i = _next_cell(lines, i + 1)
    return scan if len(scan.rows) >= 2 else None


def _scan_space(lines: list[str], header: int, source_id: str) -> _Scan | None:
    n = len(lines)
    if not _strip(lines[header]).startswith("序号"):
        return _scan_space_unnumbered(lines, header)
    i = header
    frags: list[tuple[str, str]] = []
    while i < n and _first_token(lines[i]) != "1":
        s = _strip(lines[i])
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
    scan = _Scan(0, None, "space", labels, end=i)
    while i < n and _first_token(lines[i]) == str(len(scan.rows) + 1):
        expected_next = str(len(scan.rows) + 2)
        idxs = [i]
        j = _next_cell(lines, i + 1)
        while j < n:
            cells = _space_row(lines, idxs, nvalues)
            s = _strip(lines[j])
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
                             f"cannot split {' / '.join(_strip(lines[k]) for k in idxs)!r} "
                             f"into a name and {nvalues} cells")
        scan.rows.append(cells)
        scan.end = idxs[-1] + 1
        i = j
    return scan


def _scan_notes(lines: list[str], scan: _Scan) -> None:
    """Take the 注 lines right after the rows. A note runs on over directly following lines (no
    blank line between) until it ends with 。 — the PDF splits "注：标 / # / 为预计数。" — but never
    into a heading (一、 （一） 专栏 …: a Word file or web page sets the next heading right under it)."""
    n = len(lines)
    i = _next_nonblank(lines, scan.end)
    while i < n and NOTE_START.match(_strip(lines[i])):
        text = _strip(lines[i])
        j = i + 1
        while (j < n and _strip(lines[j]) and not text.endswith("。")
               and len(_strip(lines[j])) <= 20 and not NOTE_START.match(_strip(lines[j]))
               and not HEADING_START.match(_strip(lines[j]))):
            text += _strip(lines[j])
            j += 1
        scan.notes.append(text)
        scan.end = j
        i = _next_nonblank(lines, j)


# -- parsing a region ---------------------------------------------------------------------------


def parse_table(lines: list[str], source_id: str) -> Table:
    """Parse one region (exactly lines[start:end] of a `find_tables` range) into a `Table`."""
    header = next((i for i, line in enumerate(lines) if _is_header(line)), None)
    if header is None:
        raise TableError(f"{source_id}: no table header (序号/指标…) in region starting {_show(lines)}")
    scan = _scan(lines, header, source_id)
    if scan is None or not scan.rows:
        raise TableError(f"{source_id}: no rows under the table header at region line {header + 1} "
                         f"({_strip(lines[header])!r})")
    leftover = [s for s in (_strip(x) for x in lines[scan.end:]) if s]
    leftover += [s for s in (_strip(x) for x in lines[:scan.start]) if s]
    if leftover:
        raise TableError(f"{source_id}: table region starting {_show(lines)} holds a line outside the "
                         f"table: {leftover[0]!r}")
    table = Table(lines=[line for line in lines if _strip(line)])
    if scan.caption is not None:
        table.number, table.caption = _caption(_strip(lines[scan.caption]))
    table.notes = [Note(printed=t, markers=_note_markers(t)) for t in scan.notes]
    meanings = {m: v for note in table.notes for m, v in note.markers.items()}
    estimate = [m for m, v in meanings.items() if "预计" in v or "预估" in v] if meanings else ["▲", "#"]
    table.kind = _kind(table.caption, scan.header)
    table.columns = _columns(scan.header, table.kind)
    roles = [c.role for c in table.columns]
    has_number = roles[0] == "number"
    name_at = roles.index("name")
    for cells in scan.rows:
        printed_name = cells[name_at]
        name, unit, markers = split_name(printed_name)
        table.rows.append(Row(
            number=cells[0] if has_number else "",
            printed_name=printed_name, name=name, unit=unit, markers=markers,
            cells=[parse_cell(c, estimate) for k, c in enumerate(cells) if roles[k] not in ("number", "name")],
        ))
    return table


def _show(lines: list[str]) -> str:
    first = next((_strip(x) for x in lines if _strip(x)), "")
    return repr(first[:30])


def _caption(text: str) -> tuple[str, str]:
    """("表1" | "2-1" | "", clean caption). A “ that lost its ” after a period name is closed."""
    number = ""
    m = CAPTION_NUMBER.match(text)
    if m and m.end() < len(text):
        number = _strip(m.group(1) or m.group(2))
        text = text[m.end():]
    text = SPACE_NEAR_CJK.sub("", _strip(text))
    if text.count("“") > text.count("”"):
        text = re.sub(r"“(十[一二三四五六七八九]五)(?!”)", r"“\1”", text, count=1)
    return number, text


def _kind(caption: str, labels: list[str]) -> str:
    if "完成情况" in caption or any("是否完成" in x or "实绩" in x for x in labels):
        return "results"
    return "targets"


def _columns(labels: list[str], kind: str) -> list[TableColumn]:
    cols = [TableColumn(printed=x, year=_year(x)) for x in labels]
    for k, col in enumerate(cols):
        x = re.sub(r"\s", "", col.printed)
        if x.startswith("序号"):
            col.role, col.year = "number", None
        elif "名称" in x or "指标" in x or (col.year is None and k == (1 if cols[0].role == "number" else 0)):
            col.role, col.year = "name", None
        elif "是否完成" in x:
            col.role = "met"
        elif "增长" in x or "增速" in x or "增幅" in x:
            col.role = "growth"
        elif kind == "results" and ("目标" in x or "规划" in x):
            col.role = "planned"
        elif kind == "results" and ("实绩" in x or "完成" in x or "实际" in x):
            col.role = "actual"
    # a targets table's year columns: 2035 (or later) is the vision, the first other one the
    # baseline (also when labelled 完成值), the rest targets
    if kind == "targets":
        years = [c for c in cols if c.role == "other" and c.year is not None]
        for c in years:
            if c.year is not None and c.year >= 2030 and c is not years[0]:
                c.role = "vision"
        rest = [c for c in years if c.role == "other"]
        for k, c in enumerate(rest):
            c.role = "baseline" if (k == 0 and len(rest) > 1) or "完成" in c.printed else "target"
    return cols


def _period_end(ordinal: str) -> int:
    """Last year of the N-th five-year plan period named 十N五: 十三五 -> 2020, 十四五 -> 2025."""
    return 2005 + 5 * (CN_NUM.index(ordinal) + 1)


def _year(label: str) -> int | None:
    m = YEAR.search(label)
    if m:
        return int(m.group())
    m = PERIOD.search(label)  # “十三五” (2016-2020) ends in 2020, “十四五” in 2025
    return _period_end(m.group(1)) if m else None


def split_name(printed: str) -> tuple[str, str, list[str]]:
    """(name, unit, markers) of a printed indicator name.

    The unit is a final bracket whose content is all unit characters (（%） (家) （件/万人）);
    a bracket the source lost its closing half of at the very end ("(%*", "(%") is repaired.
    Markers (* ▲ #) are taken from anywhere after the name's last word. Spaces that the PDF put
    next to CJK characters are dropped from the name.
    """
    text, markers = split_markers(_strip(printed))
    text = _strip(text)
    unit = ""
    if text and text[-1] in CLOSE:
        depth, k = 0, len(text) - 1
        while k >= 0:
            if text[k] in CLOSE:
                depth += 1
            elif text[k] in OPEN:
                depth -= 1
                if depth == 0:
                    break
            k -= 1
        inner = text[k + 1:-1].strip() if k >= 0 else ""
        if k > 0 and inner and all(ch in UNIT_CHARS for ch in inner):
            unit, text = inner, text[:k]
    else:
        k = max(text.rfind("("), text.rfind("（"))
        inner = text[k + 1:].strip() if k >= 0 else ""
        if k > 0 and inner and len(inner) <= 6 and all(ch in UNIT_CHARS for ch in inner):
            unit, text = inner, text[:k]
    unit = unit.replace("％", "%")
    name = SPACE_NEAR_CJK.sub("", _strip(text))
    name = "".join(unicodedata.normalize("NFKC", ch) if ch in FULLWIDTH_LATIN else ch for ch in name)
    return name, unit, markers


_NOTE_PART = re.compile(r"(?:标有|标注|标)?\s*([*＊▲△#＃※]+)\s*(?:为|表示|是|：|:)?\s*(.+)")


def _note_markers(text: str) -> dict[str, str]:
    """Marker meanings in a note: 注：标*为“六倍增、六提高”指标，标▲为预计数。 -> {*: …, ▲: 预计数}."""
    body = NOTE_START.sub("", _strip(text), count=1)
    out: dict[str, str] = {}
    for part in re.split(r"[，,；;。]", body):
        m = _NOTE_PART.fullmatch(_strip(part))
        if m:
            key = "".join(split_markers(m.group(1))[1]) or m.group(1)
            out[key] = _strip(m.group(2))
    return out
