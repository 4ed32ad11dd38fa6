"""Reflow PDF-extracted text (source 001, 绍兴市) into logical lines.

The PDF text has one printed line per raw line (about 28 "em" wide in the body and 37 in
the boxed 专栏), blank lines between printed lines, a leading space on the first line of most
pages, and on a few pages a page number standing alone (``─ 14 ─``).  `reflow` joins the
printed lines of one paragraph or heading back into one `Logical` line.

Rules (each decided on evidence from the printed layout, studied on 001):

Width.  A line's printed width is measured in em: wide characters (CJK, full-width
punctuation, and East-Asian "ambiguous" ones such as “ ” — which the Chinese fonts print full
width) count 1, everything else (ASCII letters, digits, ``%``, spaces) counts 0.5.  The body's
full width ``W`` is the most common width in the input (28 in 001); the 专栏 boxes are wider
(``W_box``, the most common width among lines wider than ``W + 3``: 37 in 001).  A line
belongs to the box layout when it, or the line after a logical line's first line, is wider
than ``W + 3``.  The first line of a paragraph is indented by two em, so it counts as full
from ``W - 2.5``; other lines count as full from ``W - 1`` (punctuation squeezing and
line-breaking rules move a character either way).

A printed line P is followed by the next printed line N *in the same logical line* when,
checked in this order:

1. never, if N starts a heading or list item (``一、`` ``（一）`` ``(一)`` ``1．`` ``1.``
   ``1、`` ``(1)`` ``①`` ``专栏 N`` ``注：`` ``——`` ``抄送：`` ``附件``); never after a
   ``专栏 N：`` title line (titles are one printed line) unless it is full and N is a short line
   that does not end a sentence (the rest of a long title); never when P or N is a two-column
   row (a space between two CJK characters, as in 专栏 9 — each row stays its own logical
   line; splitting a row into its two items is left to the importer); never when P or N
   looks like an indicator-table row (ends in two or more space-separated numbers, or N
   starts with a row number and a space) — tables are normally cut out before reflow, this
   only keeps their rows apart when they are not;
2. always, if P ends with a character a line cannot end a paragraph with (``，`` ``、`` or an
   opening bracket or quote), or N starts with one a line cannot start with (``。`` ``，``
   ``）`` ``”`` …);
3. never, in the 专栏 box layout, if P ends a sentence (``。`` ``；`` ``！`` ``？``) and N
   starts with a label (``金属加工：`` — the 专栏 entries of 001 start that way; in the body a
   sentence may well start "完善：…" mid-paragraph, so the rule is kept to boxes);
3b. never, if P is full width and N is exactly as wide as an indented first line (``W - 2``,
   within half an em) and runs on (does not end with a sentence end or a comma, does not start
   with closing punctuation) and was not broken early (the next line's first character would have
   fitted on a full line): a middle line of a paragraph is full width, so N is the first line of
   the next paragraph, whose last line happened to fill the measure;
4. always, if P is full width (see above);
5. always, if the first unit of N (a run of ASCII letters/digits, or one character, plus any
   closing punctuation after it) would not have fitted at the end of P — the line was
   broken early because the number could not be split (``…年均增长`` / ``28.6%。``);
6. always, if N follows P with no blank line, N does not start a page (no leading space) and
   P does not end with ``。；！？：`` — the two-line notice title of the covering notice
   (``绍兴市人民政府关于印发绍兴市`` / ``科技创新“十四五”发展规划的通知``) and the
   ``注：标`` / ``#`` / ``为预计数。`` note are set that way;
7. otherwise the paragraph ends at P (P is clearly shorter than the full width).

Joining.  Only whitespace is removed: the page-break leading space, trailing spaces and blank
lines.  Spaces inside a printed line are kept as printed.  Two joined lines are concatenated
with nothing between them, except a single space when the last character of P and the first
of N are both ASCII letters or digits ("R&D" + "经费" → "R&D经费", "2020" + "年" → "2020年",
"ASC" + "08" → "ASC 08").  An English word split across lines cannot be told from two words;
Chinese typesetting breaks English at spaces, so two words is the more likely reading and
the space is kept.  No line of 001 ends and the next starts with ASCII letters or digits.

Page numbers.  A line that is only a page number in one of the printed forms ``─ 14 ─``,
``- 14 -``, ``— 14 —`` or ``第 14 页`` is page furniture.  A bare number on its own line is
NOT taken for a page number: in 001 those are table data (row numbers ``3``, ``9``).  When
the paragraph before the page number continues after it (rules above applied to the lines
around it), the page number becomes a break of that paragraph: ``(offset, printed)`` with
the offset at the join point (the length of the text before the page turned).  Otherwise (it
stands between two paragraphs) it becomes a `Logical` of its own whose text is the page
number as printed and whose ``page`` property is true; the importer turns it into a
``page`` node.

Every non-whitespace character of the input is kept, in order: concatenating every
logical's text with its breaks put back at their offsets gives the input less whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from tui.core.importer.line_kinds import CN

__all__ = ["Logical", "reflow", "print_width", "is_page_number", "HEADING_START"]

# The printed forms of a page number standing alone on a line.
PAGE_NUMBER = re.compile(r"^(?:[─━—–\-－]\s*\d{1,4}\s*[─━—–\-－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)$")

HEADING_START = re.compile(
    rf"""^(?:
        [{CN}]+、                      # 一、
      | [（(][{CN}]+[）)]              # （一） (一)
      | \d{{1,3}}[．.、](?!\d)              # 1． 1. 1、 (not 1.1 or 3.6倍)
      | [（(]\d{{1,3}}[）)]                 # (1) （1）
      | [①-⑳]
      | 专栏\s*\d
      | 注[：:]
      | ——
      | 抄\s*送[：:]
      | 附件
    )""",
    re.X,
)
_COLUMN_TITLE = re.compile(r"^专栏\s*\d[\d\-－—]*\s*[：:]")
# "金属加工：", "高品质金属材料、新型合金材料和复合材料：" — a label opening a 专栏 entry.
_LABEL_START = re.compile(r"^[\u4e00-\u9fff][^，。；：:！？,.;\s]{0,23}[：:]")
# A space between two CJK characters: a row of a two-column list (专栏 9) or a table header.
_COLUMNAR = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
# An indicator-table row: it ends in two or more space-separated numeric cells, or starts
# with a row number and a space ("9 每万名就业人员中研发人员（人年） 123 160#").
_TABLE_ROW_END = re.compile(r"(?:\s+[\d.#*%—\-（）()]*\d[\d.#*%—\-（）()]*){2,}$")
_TABLE_ROW_START = re.compile(r"^\d{1,3} +\S")
_ASCII_RUN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.%/+&\-]*")

# A paragraph cannot end with these ...
_NO_LINE_END = set("，、（“《〔【‘「『([,")
# ... nor can a line start with these.
_NO_LINE_START = set("。，、；：？！）》”’〕】」』%,.;:)]")
_SENTENCE_END = set("。；！？")
_CLOSING = _NO_LINE_START

DEFAULT_WIDTH = 28.0  # 001's body width, used only when the input is too small to measure


@dataclass
class Logical:
    text: str  # one logical line: a paragraph or heading line with wrapped lines joined
    breaks: list[tuple[int, str]] = field(default_factory=list)  # (offset into text, printed furniture)
    line: int = 0  # 0-based index (into the list passed in) of its first raw line

    @property
    def page(self) -> bool:
        """True when this logical line is a page number standing between paragraphs."""
        return is_page_number(self.text)

    is_page = page  # the name the importer's Unit uses


def print_width(s: str) -> float:
    """Printed width in em: wide/full-width/ambiguous characters 1, others 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in s)


def is_page_number(s: str) -> bool:
    return bool(PAGE_NUMBER.match(s.strip()))


def _is_ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


@dataclass
class _Line:
    index: int  # raw line index
    text: str  # stripped
    width: float
    page_start: bool  # printed with a leading space: first line of a new page
    tight: bool  # no blank line between it and the previous non-blank raw line


def _mode(widths: list[float]) -> float | None:
    if not widths:
        return None
    counts = Counter(round(w * 2) / 2 for w in widths)
    best, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return best if n >= 3 else None


class _Layout:
    def __init__(self, lines: list[_Line]):
        widths = [ln.width for ln in lines if ln.width >= 8]
        self.width = _mode(widths) or DEFAULT_WIDTH
        wide = [w for w in widths if w > self.width + 3]
        self.box_width = _mode(wide) or (max(wide) if wide else self.width)

    def is_box(self, w: float) -> bool:
        return w > self.width + 3

    def full(self, first: bool, box: bool) -> float:
        """The width from which a line counts as full."""
        w = self.box_width if box else self.width
        return w - 2.5 if first else w - 1

    def measure(self, first: bool, box: bool) -> float:
        """The printed measure a line could have held."""
        w = self.box_width if box else self.width
        return w - 2 if first else w


def _first_unit(text: str) -> str:
    m = _ASCII_RUN.match(text)
    unit = m.group(0) if m else text[:1]
    rest = text[len(unit):]
    i = 0
    while i < len(rest) and rest[i] in _CLOSING:
        i += 1
    return unit + rest[:i]


def _indented_first(n: _Line, nn: _Line | None, box: bool, layout: _Layout) -> bool:
    """N is as wide as an indented first line, runs on, and was not broken early: the first unit of
    the line after it would have fitted on a full-measure line (so N's measure was the shorter one)."""
    w = layout.box_width if box else layout.width
    return (nn is not None and abs(n.width - (w - 2)) <= 0.5 and n.text[-1] not in _SENTENCE_END
            and n.text[0] not in _NO_LINE_START
            and nn.text[0] not in _NO_LINE_START and print_width(_first_unit(nn.text)) <= 1.5
            and not HEADING_START.match(nn.text))


def _continues(p: _Line, n: _Line, first: bool, box: bool, layout: _Layout, nn: _Line | None = None) -> bool:
    """Whether printed line n continues the logical line whose last printed line is p."""
    # 1. hard starts and ends
    if HEADING_START.match(n.text):
        return False
    if _COLUMN_TITLE.match(p.text) and not (first and p.width >= layout.full(first, box)
                                            and n.width < layout.full(False, box) - 2
                                            and n.text[-1] not in _SENTENCE_END):
        return False  # a 专栏 title is one printed line, unless it fills it and a short rest follows
    if any(_COLUMNAR.search(x.text) or _TABLE_ROW_END.search(x.text) for x in (p, n)):
        return False
    if _TABLE_ROW_START.match(n.text):
        return False
    # 2. characters that cannot end / start a line of a finished paragraph
    if p.text[-1] in _NO_LINE_END or n.text[0] in _NO_LINE_START:
        return True
    # 3. in a 专栏 box, a sentence end followed by a labelled entry
    if box and p.text[-1] in _SENTENCE_END and _LABEL_START.match(n.text):
        return False
    # 3b. after a full line, a line exactly as wide as an indented first line that runs on (does not
    #     end a sentence) is one: a middle line of a paragraph would be full width
    if p.width >= layout.full(first, box) and _indented_first(n, nn, box, layout):
        return False
    # 4. full width
    if p.width >= layout.full(first, box):
        return True
    # 5. the next unit did not fit
    if p.width + print_width(_first_unit(n.text)) > layout.measure(first, box):
        return True
    # 6. set tight (no blank line) as one block, e.g. a two-line title
    if n.tight and not n.page_start and p.text[-1] not in _SENTENCE_END and p.text[-1] not in "：:":
        return True
    # 7. a short line ends the paragraph
    return False


def reflow(lines: list[str]) -> list[Logical]:
    """Join the printed lines of 001-style PDF text into logical lines (see module doc)."""
    items: list[_Line | tuple[int, str]] = []  # printed lines, and (index, text) page numbers
    prev_blank = True
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            prev_blank = True
            continue
        if is_page_number(text):
            items.append((i, text))
        else:
            items.append(_Line(i, text, print_width(text), page_start=raw[:1].isspace(),
                               tight=not prev_blank and i > 0))
        prev_blank = False
    layout = _Layout([it for it in items if isinstance(it, _Line)])

    out: list[Logical] = []
    cur: Logical | None = None
    last: _Line | None = None  # last printed line of cur
    first = True  # last is the first printed line of cur
    box = False
    pending: list[tuple[int, str]] = []  # page numbers met since `last`

    def next_line(k: int) -> _Line | None:
        for it in items[k:]:
            if isinstance(it, _Line):
                return it
        return None

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            out.append(cur)
        for idx, txt in pending:
            out.append(Logical(txt, [], idx))
        pending.clear()
        cur = None

    for k, it in enumerate(items):
        if isinstance(it, tuple):
            if cur is None:
                out.append(Logical(it[1], [], it[0]))
            else:
                pending.append(it)
            continue
        if cur is not None and last is not None:
            if _continues(last, it, first, box, layout, next_line(k + 1)):
                sep = " " if _is_ascii_alnum(cur.text[-1]) and _is_ascii_alnum(it.text[0]) else ""
                for _, txt in pending:
                    cur.breaks.append((len(cur.text), txt))
                pending.clear()
                cur.text += sep + it.text
                last, first = it, False
                box = box or layout.is_box(it.width)
                continue
            flush()
        cur = Logical(it.text, [], it.index)
        last, first = it, True
        nxt = next_line(k + 1)
        box = layout.is_box(it.width) or (
            nxt is not None and layout.is_box(nxt.width) and not HEADING_START.match(nxt.text)
            and not _COLUMN_TITLE.match(it.text))
    flush()
    return out
