"""Untrusted plan text made safe for a terminal (no UI imports).

Plan text comes from the web and from files users bring: it may hold escape sequences (ESC, CSI,
OSC 52 clipboard writes, window titles), other C0/C1 control characters and bidi overrides. None of
them may reach a terminal. `visible(s)` maps each to a visible stand-in, so every character of the
text still reaches the user (nothing is silently dropped) and none can act on the terminal:

- C0 controls (U+0000–U+001F) and DEL → the Control Pictures ␀…␟ and ␡ (ESC → ␛);
  newline and tab are kept where the caller allows them (`keep`);
- C1 controls (U+0080–U+009F) → U+FFFD �;
- bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E, U+200F,
  U+061C and the line/paragraph separators U+2028/U+2029 → U+FFFD �.

The mapping is one character to one character, so offsets into the text (search highlights, match
spans) stay valid.
"""

from __future__ import annotations

from collections.abc import Iterable

REPLACEMENT = "\ufffd"

BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029")


def _table(keep: Iterable[str]) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        table[code] = chr(0x2400 + code)
    table[0x7F] = "\u2421"
    for code in range(0x80, 0xA0):
        table[code] = REPLACEMENT
    for ch in BIDI:
        table[ord(ch)] = REPLACEMENT
    for ch in keep:
        table.pop(ord(ch), None)
    return table


_MULTILINE = _table("\n\t")
_ONELINE = _table("")


def visible(text: str, *, multiline: bool = True) -> str:
    """`text` with every terminal control character replaced by a visible stand-in (same length).

    `multiline=True` keeps newlines and tabs (body text); `False` replaces them too (titles, labels,
    table cells, one-line CLI output).
    """
    return text.translate(_MULTILINE if multiline else _ONELINE)


def is_clean(text: str, *, multiline: bool = True) -> bool:
    """True when `visible(text)` would change nothing."""
    return visible(text, multiline=multiline) == text
