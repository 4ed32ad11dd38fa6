"""Word's automatic list numbers, written out as Word prints them.

A heading numbered by Word (一、 （一） 1．) has no number in its text: the number comes from the
paragraph's numbering (``w:numPr``, on the paragraph or its style) and the list definition's level
(``w:numFmt`` chineseCounting / decimal / …, ``w:lvlText`` such as ``%1、`` or ``（%1）``). Without it
the importer would see no chapters. `Numberer.prefix(paragraph_element)` gives the printed number for
each numbered paragraph in document order (counters per list, deeper levels restarting), "" otherwise.
Bullets are not numbers and give "".
"""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CN_DIGITS = "〇一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (list numbers stay well below 100)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    out = ("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else ""
    return out + (CN_DIGITS[ones] if ones else "")


def roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                       (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def formatted(n: int, fmt: str) -> str | None:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "taiwaneseCounting", "ideographDigital", "chineseLegalSimplified"):
        return chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    return None  # bullet, none, or a format we do not print


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


class Numberer:
    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}  # abstractNum -> ilvl -> current number
        self.styles: dict[str, tuple[str, int]] = {}  # style id -> (numId, ilvl)
        self.used = 0
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            numbering = None
        if numbering is not None:
            abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
            for a in numbering.iter(W + "abstractNum"):
                lv: dict[int, tuple[str, str, int]] = {}
                for lvl in a.iter(W + "lvl"):
                    start = _val(lvl, "start")
                    lv[int(lvl.get(W + "ilvl", "0"))] = (_val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                                                          int(start) if start and start.isdigit() else 1)
                abstract[a.get(W + "abstractNumId", "")] = lv
            for num in numbering.iter(W + "num"):
                aid = _val(num, "abstractNumId") or ""
                nid = num.get(W + "numId", "")
                self.levels[nid] = abstract.get(aid, {})
                self.abstract_of[nid] = aid
        try:
            styles = document.styles.element
        except AttributeError:
            styles = None
        if styles is not None:
            for style in styles.iter(W + "style"):
                ppr = style.find(W + "pPr")
                numpr = ppr.find(W + "numPr") if ppr is not None else None
                if numpr is not None and _val(numpr, "numId"):
                    ilvl = _val(numpr, "ilvl")
                    self.styles[style.get(W + "styleId", "")] = (_val(numpr, "numId") or "", int(ilvl or 0))

    def _numpr(self, p: Any) -> tuple[str, int] | None:
        ppr = p.find(W + "pPr")
        if ppr is None:
            return None
        numpr = ppr.find(W + "numPr")
        if numpr is not None:
            nid = _val(numpr, "numId")
            if nid is None or nid == "0":
                return None
            return nid, int(_val(numpr, "ilvl") or 0)
        style = _val(ppr, "pStyle")
        return self.styles.get(style or "")

    def prefix(self, p: Any) -> str:
        """The printed list number of paragraph element `p` ("" when it has none)."""
        got = self._numpr(p)
        if got is None:
            return ""
        nid, ilvl = got
        levels = self.levels.get(nid)
        if not levels or ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        if formatted(1, fmt) is None:
            return ""
        counters = self.counters.setdefault(self.abstract_of.get(nid, nid), {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        out = text
        for k in range(ilvl + 1):
            fmt_k, _, start_k = levels.get(k, ("decimal", "", 1))
            value = formatted(counters.get(k, start_k), fmt_k)
            out = out.replace(f"%{k + 1}", value if value is not None else "")
        self.used += 1
        return out
