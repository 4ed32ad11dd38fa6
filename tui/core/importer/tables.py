"""Find and parse the indicator tables (主要指标) in a plan's raw source lines.

The importer calls `find_tables(lines, source_id)` on the raw lines of a source, cuts the regions
out, and calls `parse_table(region_lines, source_id)` on each: a region is exactly the lines of one
table (caption, header, rows, notes), so every line of the source lands in the text or in a table.
How a table is found, and its rows read in each printed layout, is `table_layouts`; this module
turns those printed cells into a `Table`.

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

from tui.core.importer.cells import parse_cell, split_markers
from tui.core.importer.line_kinds import CN
from tui.core.importer.table_layouts import (
    CJK,
    NOTE_START,
    PERIOD,
    YEAR,
    TableError,
    find_tables,
    is_header,
    scan_region,
    strip_line,
)
from tui.core.model import Note, Row, Table, TableColumn

__all__ = ["find_tables", "parse_table", "TableError"]

# 表1 / 表 2-1 (any gap after it), or a bare 2-1 followed by a gap (so 2021-2025年… is no number)
CAPTION_NUMBER = re.compile(r"(表\s*\d+(?:[-－—.]\d+)?)[\s\u3000\xa0]*|(\d{1,2}-\d{1,2})[\s\u3000\xa0]+")
SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK}])[ \t\xa0\u3000]+|[ \t\xa0\u3000]+(?=[{CJK}])")
UNIT_CHARS = set("%％‰个件家人名项次台套座所户位篇册倍元万亿千百年/公里亩吨平方米小时天")
OPEN, CLOSE = "（(", "）)"
# full-width Latin letters, digits and &+-./ that a name may print (企业R＆D): given as ASCII in `name`
FULLWIDTH_LATIN = set("＆＋－．／") | {chr(c) for c in range(0xFF10, 0xFF1A)} | {
    chr(c) for c in range(0xFF21, 0xFF3B)} | {chr(c) for c in range(0xFF41, 0xFF5B)}
CN_NUM = CN[:9]  # 一 … 九: the ordinal of a 十N五 period


# -- parsing a region ---------------------------------------------------------------------------


def parse_table(lines: list[str], source_id: str) -> Table:
    """Parse one region (exactly lines[start:end] of a `find_tables` range) into a `Table`."""
    header = next((i for i, line in enumerate(lines) if is_header(line)), None)
    if header is None:
        raise TableError(f"{source_id}: no table header (序号/指标…) in region starting {_show(lines)}")
    scan = scan_region(lines, header, source_id)
    if scan is None or not scan.rows:
        raise TableError(f"{source_id}: no rows under the table header at region line {header + 1} "
                         f"({strip_line(lines[header])!r})")
    leftover = [s for s in (strip_line(x) for x in lines[scan.end:]) if s]
    leftover += [s for s in (strip_line(x) for x in lines[:scan.start]) if s]
    if leftover:
        raise TableError(f"{source_id}: table region starting {_show(lines)} holds a line outside the "
                         f"table: {leftover[0]!r}")
    table = Table(lines=[line for line in lines if strip_line(line)])
    if scan.caption is not None:
        table.number, table.caption = _caption(strip_line(lines[scan.caption]))
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
    first = next((strip_line(x) for x in lines if strip_line(x)), "")
    return repr(first[:30])


def _caption(text: str) -> tuple[str, str]:
    """("表1" | "2-1" | "", clean caption). A “ that lost its ” after a period name is closed."""
    number = ""
    m = CAPTION_NUMBER.match(text)
    if m and m.end() < len(text):
        number = strip_line(m.group(1) or m.group(2))
        text = text[m.end():]
    text = SPACE_NEAR_CJK.sub("", strip_line(text))
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
    text, markers = split_markers(strip_line(printed))
    text = strip_line(text)
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
    name = SPACE_NEAR_CJK.sub("", strip_line(text))
    name = "".join(unicodedata.normalize("NFKC", ch) if ch in FULLWIDTH_LATIN else ch for ch in name)
    return name, unit, markers


_NOTE_PART = re.compile(r"(?:标有|标注|标)?\s*([*＊▲△#＃※]+)\s*(?:为|表示|是|：|:)?\s*(.+)")


def _note_markers(text: str) -> dict[str, str]:
    """Marker meanings in a note: 注：标*为“六倍增、六提高”指标，标▲为预计数。 -> {*: …, ▲: 预计数}."""
    body = NOTE_START.sub("", strip_line(text), count=1)
    out: dict[str, str] = {}
    for part in re.split(r"[，,；;。]", body):
        m = _NOTE_PART.fullmatch(strip_line(part))
        if m:
            key = "".join(split_markers(m.group(1))[1]) or m.group(1)
            out[key] = strip_line(m.group(2))
    return out
