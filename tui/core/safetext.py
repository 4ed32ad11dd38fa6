"""Untrusted plan text made safe for a terminal (no UI imports).

Plan text comes from the web and from files users bring: it may hold escape sequences (ESC, CSI,
OSC 52 clipboard writes, window titles), other C0/C1 control characters and bidi overrides. None of
them may reach a terminal. `visible(s)` maps each to a visible stand-in, so every character of the
text still reaches the user (nothing is silently dropped) and none can act on the terminal:

- C0 controls (U+0000–U+001F) and DEL → the Control Pictures ␀…␟ and ␡ (ESC → ␛);
  newline and tab are kept where the caller allows them (`multiline`, `body`);
- C1 controls (U+0080–U+009F) → U+FFFD �;
- bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E, U+200F,
  U+061C and the line/paragraph separators U+2028/U+2029 → U+FFFD �.

The mapping is one character to one character, so offsets into the text (search highlights, match
spans) stay valid.

    visible(s)                 body text: newlines and tabs kept (CSV/Markdown cells, notifications)
    visible(s, multiline=False) one line: newline and tab shown too (titles, labels, cells, CLI lines)
    body(s)                    text a widget wraps itself: newlines kept, a tab shown as a space
    squeeze(s)                 a label: whitespace runs as one space, controls as stand-ins
    safe_text(s, style)        a `rich.text.Text` of untrusted text (never markup), one line by default
    json_text(dumped)          JSON output: exact data, every control escaped

Apply them before the string becomes a `Text`: Rich's `Text` silently drops BEL, BS, VT, FF and CR
(so they would not reach the user) and lets every other control through to the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.style import Style
    from rich.text import Text

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
_BODY = {**_table("\n"), ord("\t"): " "}


def visible(text: str, *, multiline: bool = True) -> str:
    """`text` with every terminal control character replaced by a visible stand-in (same length).

    `multiline=True` keeps newlines and tabs (body text); `False` replaces them too (titles, labels,
    table cells, one-line CLI output).
    """
    return text.translate(_MULTILINE if multiline else _ONELINE)


def body(text: str) -> str:
    """Text a widget wraps itself (the reader, the 专栏 pane): like `visible`, but a tab is a space
    (a raw tab would move the terminal's cursor; the wrapping counts it as one cell)."""
    return text.translate(_BODY)


def squeeze(text: str) -> str:
    """One line for a label: each run of whitespace (newlines, tabs …) as one space, every other
    control character as its stand-in (mapped first, so none is taken for whitespace and lost)."""
    return " ".join(visible(text).split())


def safe_text(text: str, style: str | Style = "", *, multiline: bool = False, **kwargs: Any) -> Text:
    """`rich.text.Text` of untrusted `text` (plain, never markup), controls shown as stand-ins;
    `multiline=True` keeps newlines (tabs become spaces, as in `body`)."""
    from rich.text import Text

    return Text(body(text) if multiline else visible(text, multiline=False), style=style, **kwargs)


_JSON_RAW = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *map(ord, BIDI))}


def json_text(dumped: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with DEL, the C1 controls and the bidi
    controls escaped as \\uXXXX too, as JSON allows: the data stays exact, the bytes are safe in a
    terminal. (json.dumps escapes only U+0000–U+001F; outside strings JSON text is ASCII.)"""
    return dumped.translate(_JSON_RAW)


def is_clean(text: str, *, multiline: bool = True) -> bool:
    """True when `visible(text)` would change nothing."""
    return visible(text, multiline=multiline) == text
