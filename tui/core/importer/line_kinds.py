"""What a printed line looks like: headings (一、 （一） (一) 1．), 专栏 headings, 专栏 entry styles.

Pure functions on one unit's text; no knowledge of where the text stands.
"""

from __future__ import annotations

import re

from tui.core.model import Break

CN = "一二三四五六七八九十"
CHAPTER_RE = re.compile(rf"^([{CN}]{{1,3}})\s*、\s*")
SECTION_FW_RE = re.compile(rf"^（\s*([{CN}]{{1,3}})\s*）\s*")  # （一）
SECTION_HW_RE = re.compile(rf"^\(\s*([{CN}]{{1,3}})\s*\)\s*")  # (一)
ITEM_RE = re.compile(r"^(\d{1,2})\s*[．.、](?![\d.．])\s*")  # 1． 1. 1、 but not 2.8 or 2020.
COLUMN_RE = re.compile(r"^专栏\s*(\d{1,2}(?:\s*[-－]\s*\d{1,2})?)\s*[：:]?\s*")
DASH = "——"

TITLE_MAX = 40  # a run-on heading's title ends at a 。 within this many characters
COLON_MAX = 20  # … or at a ： within this many
LABEL_MAX = 25  # an entry label ("生物医药：", "新材料产业。") is at most this long
LABEL_STOPS = "，,；;。：:！？!?"


def heading_kind(text: str) -> tuple[str, str, int] | None:
    """(kind, number as printed, length of the number prefix) for a heading line, else None.

    kind is chapter, section-fw (（一）), section-hw ((一)) or item."""
    for kind, rx in (("chapter", CHAPTER_RE), ("section-fw", SECTION_FW_RE),
                     ("section-hw", SECTION_HW_RE), ("item", ITEM_RE)):
        m = rx.match(text)
        if m:
            if kind == "chapter":
                number = m.group(1)
            elif kind == "section-fw":
                number = f"（{m.group(1)}）"
            elif kind == "section-hw":
                number = f"({m.group(1)})"
            else:
                number = m.group(1)
            return kind, number, m.end()
    return None


def heading_split(text: str, prefix: int) -> int:
    """Where a heading line's heading ends and its run-on body begins (len(text) when no body).

    The title runs to the first 。 (within TITLE_MAX) or ：(within COLON_MAX), whichever comes first;
    a line with neither is all heading when short, else its first sentence is taken up to the first ，."""
    rest = text[prefix:]
    ends = []
    p = rest.find("。")
    if 0 <= p <= TITLE_MAX:
        ends.append(p)
    for colon in ("：", ":"):
        c = rest.find(colon)
        if 0 <= c <= COLON_MAX:
            ends.append(c)
    if ends:
        return prefix + min(ends) + 1
    return len(text)


def title_of(heading: str, prefix: int) -> str:
    """The clean title: number, trailing punctuation and surrounding space dropped."""
    return heading[prefix:].strip().rstrip("。：:，, \u3000\xa0").strip()


def balance_quotes(title: str) -> str:
    """Drop an opening “ whose closing ” the source lost (002: 专栏4-1 “五谷丰登计划)."""
    while title.count("“") > title.count("”"):
        i = title.rfind("“")
        title = title[:i] + title[i + 1:]
    return title.strip()


def column_heading(text: str) -> tuple[str, str] | None:
    """(number, title) for a 专栏 heading line ("专栏 1：…", "专栏4-1 “…", "专栏1\xa0 …"), else None."""
    m = COLUMN_RE.match(text)
    if not m:
        return None
    number = re.sub(r"\s+", "", m.group(1)).replace("－", "-")
    return number, text[m.end():].strip()


def is_boundary(text: str) -> bool:
    """A chapter, section or 专栏 heading: something no 专栏 runs past."""
    kind = heading_kind(text)
    return (kind is not None and kind[0] != "item") or column_heading(text) is not None


def _label(rest: str) -> str:
    for stop in ("：", ":", "。"):
        p = rest.find(stop)
        if 0 < p <= LABEL_MAX and not any(ch in LABEL_STOPS for ch in rest[:p]):
            # a label is a name, not a sentence: "生物医药", "新材料产业", not "以推行…为核心,提升…"
            if stop == "。" and not rest[p + 1:].strip():
                break  # a whole short sentence, not a run-in label
            return rest[:p].strip()
    return ""


def entry_style(text: str) -> tuple[str, int | None]:
    """The list style of a 专栏 paragraph: dash (——…), num (1．…, with its number), colon (生物医药：…),
    stop (新材料产业。…) or plain."""
    if text.startswith(DASH):
        return "dash", None
    m = ITEM_RE.match(text)
    if m:
        return "num", int(m.group(1))
    for stop, style in (("：", "colon"), (":", "colon"), ("。", "stop")):
        p = text.find(stop)
        if 0 < p <= LABEL_MAX and not any(ch in LABEL_STOPS for ch in text[:p]):
            if style == "stop" and not text[p + 1:].strip():
                break  # a short sentence on its own ("实施更加积极的人才政策。") is not a run-in label
            return style, None
    return "plain", None


def entry_parts(text: str) -> tuple[str, str]:
    """(number, label) of a 专栏 entry: "1" of "1．镜湖创研科技园", "生物医药" of "生物医药：…"."""
    number = ""
    rest = text
    if rest.startswith(DASH):
        rest = rest[len(DASH):]
    else:
        m = ITEM_RE.match(rest)
        if m:
            number = m.group(1)
            rest = rest[m.end():]
    return number, _label(rest)


def split_breaks(text: str, breaks: list[Break], k: int) -> tuple[tuple[str, list[Break]], tuple[str, list[Break]]]:
    """Split a printed text (with its page breaks) at k; the second part loses its leading whitespace."""
    head, tail = text[:k], text[k:]
    lead = len(tail) - len(tail.lstrip())
    tail = tail.lstrip()
    hb = [Break(b.at, b.text) for b in breaks if b.at < k or (b.at == k and not tail)]
    tb = [Break(max(b.at - k - lead, 0), b.text) for b in breaks if not (b.at < k or (b.at == k and not tail))]
    return (head.rstrip() if tail else head, hb), (tail, tb)
