"""Parse one indicator-table cell as printed into a model `Cell`.

`parse_cell(printed, estimate_markers=...)` is a pure function, used by the table parser and by
anything that compares cells across plans. What the fields mean:

- ``printed``   the cell exactly as given (markers included, outer whitespace kept).
- ``markers``   footnote marks found on the cell (``*`` ``▲`` ``#``, in print order; a full-width
                ``＊`` / ``＃`` is reported as ``*`` / ``#`` so it matches the notes).
- ``value``     the number, when the cell is numeric: an optional qualifier word, a number, then an
                optional unit or bracketed remainder (``3.00▲``, ``130以上``, ``预计65%``,
                ``0.05个百分点``, ``33（3.4）``). Otherwise None.
- ``qualifier`` the word that bounds the number, as printed: before it (预计 力争 约 超 超过 达到
                不低于 不少于 不超过 高于 低于 近 ≥ ≤ > <) or after it (以上 左右 以内 以下 及以上).
                The tables use 以上 and 预计; the rest are accepted because plan text uses them.
                When both a prefix and a suffix are printed they are joined with "…" (力争…以上).
- ``estimated`` True when a marker on the cell means 预计数 (which markers do is the table's note's
                business: the caller passes ``estimate_markers``; default ``▲`` and ``#``), or
                the qualifier is 预计 / 预估.
- ``text``      for a non-numeric cell, its words without markers (增速高于固定资产投资增速, -, —, 是);
                for a numeric cell, whatever follows the number that the value does not capture: a
                unit (``%``, ``个百分点``) or a bracketed second figure (``（3.4）``); else "".
                So a cell is numeric iff ``value is not None``, and no printed character is lost.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from tui.core.model import Cell

#: footnote marks, as printed -> as reported
MARKERS = {"*": "*", "＊": "*", "▲": "▲", "#": "#", "＃": "#"}
#: markers that mean 预计数 unless a table's notes say otherwise
DEFAULT_ESTIMATE_MARKERS = ("▲", "#")

PREFIX_QUALIFIERS = ("不低于", "不少于", "不超过", "超过", "达到", "预计", "预估", "力争", "高于", "低于",
                     "约", "超", "近", "≥", "≤", ">", "<")
SUFFIX_QUALIFIERS = ("及以上", "以上", "左右", "以内", "以下")
ESTIMATE_WORDS = ("预计", "预估")

_NUMBER = re.compile(
    r"(?P<pre>" + "|".join(map(re.escape, PREFIX_QUALIFIERS)) + r")?"
    r"(?P<num>[+-]?\d+(?:\.\d+)?)"
    r"(?P<unit>%|‰|个百分点|百分点)?"
    r"(?P<suf>" + "|".join(map(re.escape, SUFFIX_QUALIFIERS)) + r")?"
    r"(?P<rest>.*)\Z",
    re.S,
)
# what else may follow a number and still leave the cell numeric: a unit word, a bracketed remainder
_REST_OK = re.compile(r"(?:倍|[个家件人名项亿万元/年]{1,4})?(?:[（(][^（）()]*[）)])?\Z")


def split_markers(printed: str) -> tuple[str, list[str]]:
    """The text with footnote marks removed, and the marks (normalised) in print order."""
    found: list[str] = []
    out: list[str] = []
    for ch in printed:
        if ch in MARKERS:
            found.append(MARKERS[ch])
        else:
            out.append(ch)
    return "".join(out), found


def parse_cell(printed: str, estimate_markers: Iterable[str] = DEFAULT_ESTIMATE_MARKERS) -> Cell:
    """Parse a printed cell (see the module docstring for the meaning of each field)."""
    est_marks = set(estimate_markers)
    bare, markers = split_markers(printed)
    bare = bare.strip()
    cell = Cell(printed=printed, markers=markers)
    cell.estimated = any(m in est_marks for m in markers)
    if not bare:
        return cell
    # NFKC for matching only (full-width digits, ％, （）); the printed text stays as it was
    norm = unicodedata.normalize("NFKC", bare)
    m = _NUMBER.match(norm)
    if m and _REST_OK.match(m.group("rest")):
        cell.value = float(m.group("num"))
        pre, suf = m.group("pre") or "", m.group("suf") or ""
        cell.qualifier = f"{pre}…{suf}" if pre and suf else pre or suf
        # the unit and remainder, as printed (NFKC keeps these characters one for one)
        src = bare if len(bare) == len(norm) else norm
        cell.text = src[m.start("unit"):m.end("unit")] + src[m.start("rest"):m.end("rest")]
        if pre in ESTIMATE_WORDS:
            cell.estimated = True
        return cell
    cell.text = bare
    if any(bare.startswith(w) for w in ESTIMATE_WORDS):
        cell.estimated = True
    return cell


def looks_numeric(token: str) -> bool:
    """True when `token` parses as a numeric cell or is a bare dash (an empty cell mark)."""
    bare, _ = split_markers(token)
    bare = bare.strip()
    if not bare:
        return False
    if is_dash(bare):
        return True
    return parse_cell(bare).value is not None


def is_dash(text: str) -> bool:
    """A cell that only says "nothing here": -, —, –, －, ——."""
    return bool(text) and all(ch in "-—–－―" for ch in text.strip())
