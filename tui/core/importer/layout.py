"""Decide a source's layout from its text, so that no hint is needed to import it.

`detect(text)` answers the questions the importer used to take from hand-written hints:

- **Wrapped lines** (PDF text): are printed lines wrapped at a fixed width, so that a paragraph runs
  over several raw lines and must be joined (`reflow.reflow`)? Web pages, Word files and copied text
  put a paragraph on one line; PDF text breaks it wherever the printed line ended. The evidence: in
  wrapped text most lines have (nearly) the same printed width — the body's measure — and stop in the
  middle of a sentence; in unwrapped text lines are as long as their paragraph and end with 。. The
  text is taken as wrapped when at least `WRAPPED_SHARE` of its lines of 8 em or more are within one
  em of the most common width and do not end a sentence, and that width is at least `MIN_MEASURE` em
  (a table's short cells make a common width too, but a narrow one). Measured on the five seeds:
  001 (PDF text) 60%, the four web texts 3–9%.
- **Page numbers** in their printed forms (─ 14 ─, - 14 -, 第 14 页) are page furniture wherever
  they stand (`reflow.is_page_number`); bare numbers never are (they are table cells).
- **Back matter**: besides 抄送, the trailers government web pages print after a plan
  (`WEB_TRAILERS`: an editor's 本文有删减, a link to the 解读, 扫一扫 …) start the back matter.

Table layouts (tab, one cell per line with or without blank lines, space separated) are told apart
by `tables.find_tables` from the header's shape. A source's hints may still override any decision:
they are a reviewer's correction, never a requirement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tui.core.importer.reflow import is_page_number, print_width

WRAPPED_SHARE = 0.25
MIN_MEASURE = 12.0
SENTENCE_END = set("。；！？：”）)")
#: lines that start a web page's trailer: back matter, like 抄送
WEB_TRAILERS = ("抄送", "(本文有删减)", "（本文有删减）", "解读:", "解读：", "扫一扫在手机打开当前页",
                "打印本页", "关闭窗口")


@dataclass
class Layout:
    wrapped: bool
    measure: float  # the most common printed width, in em (0 when there are too few lines)
    share: float  # lines at that width that stop mid-sentence, as a share of lines of 8 em or more
    page_numbers: int  # lines that are a printed page number

    def describe(self) -> str:
        """One line for the review (in the user's language)."""
        if self.wrapped:
            what = f"PDF 折行文本（行宽 {self.measure:g} 字，{self.share * 100:.0f}% 的行在句中折断），已接回成段"
        else:
            what = f"一段一行（仅 {self.share * 100:.0f}% 的行像折行）"
        if self.page_numbers:
            what += f"；页码 {self.page_numbers} 个，作为页面附属保留"
        return what


def detect(text: str) -> Layout:
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    pages = sum(1 for line in lines if is_page_number(line))
    widths = [(print_width(line), line) for line in lines if print_width(line) >= 8 and not is_page_number(line)]
    if len(widths) < 10:
        return Layout(False, 0.0, 0.0, pages)
    counts = Counter(round(w * 2) / 2 for w, _ in widths)
    measure, _n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    wrapped_lines = sum(1 for w, line in widths if abs(w - measure) <= 1.0 and line[-1] not in SENTENCE_END)
    share = wrapped_lines / len(widths)
    return Layout(share >= WRAPPED_SHARE and measure >= MIN_MEASURE, measure, share, pages)
