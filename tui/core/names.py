"""The forms names and text are compared in (no UI imports).

Plans print the same name in different ways: full-width or half-width letters and digits
("Ｒ＆Ｄ"/"R&D"), spaces a PDF put between characters, upper or lower case, a trailing unit
("高新技术企业数（家）"). Each function here gives the one form a kind of comparison uses, so every
part of the program that compares names agrees on what "the same name" means:

- `no_spaces`: whitespace removed (text a PDF or a web page spaced out);
- `title_form`: whitespace and quotation marks removed (a plan's title found in its own text);
- `squash`: NFKC, whitespace removed, lower-case (what a user types for a plan, region or heading);
- `normalise_unit`: NFKC, whitespace removed (a printed unit: "％" and "%" are the same);
- `normalise_name`: an indicator name as the catalog matches it (also no markers, no trailing unit);
- `match_form` / `match_form_mapped`: NFKC per character, no whitespace, case folded, with each
  character's offset in the printed text (finding where a plan mentions an indicator);
- `search_form`: the same length as the text (offsets survive): letters lower-cased, full-width
  ASCII to ASCII, ideographic space and line breaks to a space (the search index).
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_SPACE_OR_QUOTE = re.compile(r"[\s“”\"]")

# Units that may close a printed indicator name in brackets: "高新技术企业数（家）".
NAME_UNITS = {"%", "家", "件", "人", "名", "人年", "亿元", "万元", "万元/人", "件/万人", "万人", "个", "项", "亿美元"}
NAME_MARKERS = "*▲#＊△※"  # estimate and footnote marks printed after a name
_NO_MARKERS = {ord(m): None for m in NAME_MARKERS}
_TRAILING_UNIT = re.compile(r"\(([^()]*)\)?$")


def no_spaces(text: str) -> str:
    """`text` without whitespace."""
    return _SPACE.sub("", text)


def title_form(text: str) -> str:
    """`text` without whitespace and quotation marks."""
    return _SPACE_OR_QUOTE.sub("", text)


def squash(text: str) -> str:
    """NFKC, no whitespace, lower-case."""
    return no_spaces(unicodedata.normalize("NFKC", text)).lower()


def normalise_unit(unit: str) -> str:
    """A printed unit's form: NFKC, no whitespace."""
    return no_spaces(unicodedata.normalize("NFKC", unit or ""))


def normalise_name(name: str) -> str:
    """The form indicator names are compared in: NFKC, no whitespace, no markers, no trailing (unit), lower-case."""
    s = no_spaces(unicodedata.normalize("NFKC", name or ""))
    s = unicodedata.normalize("NFKC", s.translate(_NO_MARKERS))
    m = _TRAILING_UNIT.search(s)
    if m and m.group(1) in NAME_UNITS:
        s = s[: m.start()]
    return s.lower()


def _match_char(ch: str) -> str:
    if ch.isspace():
        return ""
    return unicodedata.normalize("NFKC", ch).casefold().replace(" ", "")


def match_form(text: str) -> str:
    """NFKC per character, no whitespace, case folded."""
    return "".join(_match_char(ch) for ch in text)


def match_form_mapped(text: str) -> tuple[str, list[int]]:
    """`match_form(text)` and, for each of its characters, the index of the printed character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        n = _match_char(ch)
        out.append(n)
        where.extend([i] * len(n))
    return "".join(out), where


# One character to one character, so offsets into the form are offsets into the text.
_SEARCH: dict[int, int] = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
for _c in range(0xFF01, 0xFF5F):
    _a = _c - 0xFEE0
    _SEARCH[_c] = _a + 32 if ord("A") <= _a <= ord("Z") else _a
for _c in (0x3000, ord("\n"), ord("\t"), ord("\r"), 0):  # NUL separates units in the search index
    _SEARCH[_c] = 0x20
_SEARCH_RUN = re.compile("[A-Z\uff01-\uff5e\u3000\n\t\r\x00]+")


def _search_run(m: re.Match[str]) -> str:
    return m.group().translate(_SEARCH)


def search_form(text: str) -> str:
    """Letters lower-cased (ASCII and full-width), full-width ASCII to ASCII, ideographic space,
    line breaks, tabs and NUL to a space; the result has the same length as `text`."""
    return _SEARCH_RUN.sub(_search_run, text)
