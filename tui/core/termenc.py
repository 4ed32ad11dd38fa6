"""Output in a locale that is not UTF-8 (GBK, Latin-1 …), no UI imports.

Older office servers still run ``LC_ALL=zh_CN.GBK``; some run ``en_US.ISO-8859-1``. Python then
encodes stdout and stderr in that encoding and, by default, raises `UnicodeEncodeError` on the first
character it lacks (``›``, ``—``, ``▾`` are not in GBK). `setup_streams()` gives both streams an
error handler that writes an ASCII stand-in instead (``›`` → ``>``, ``—`` → ``-``, ``▾`` → ``v``,
full-width punctuation → its ASCII form …); a character with no stand-in (Chinese text under
Latin-1) becomes ``?`` (``??`` for a wide one, so columns stay aligned) and, at exit, one line on stderr says how many were lost and how to set a
UTF-8 locale. In a UTF-8 locale nothing changes.

`json_for(text)` is for JSON written to stdout: outside its strings JSON is ASCII, so every character
the encoding lacks can become a JSON escape (``\\u9ec4``), which is lossless in any locale.
"""

from __future__ import annotations

import atexit
import codecs
import sys
import unicodedata
from typing import TextIO

HANDLER = "plans-standin"

# symbols the app prints, and their ASCII stand-ins
STANDINS: dict[str, str] = {
    "›": ">", "‹": "<", "»": ">>", "«": "<<", "→": "->", "←": "<-", "↑": "^", "↓": "v", "⇒": "=>",
    "▾": "v", "▸": ">", "▴": "^", "◂": "<", "▼": "v", "▶": ">", "▲": "^", "◀": "<",
    "—": "-", "–": "-", "―": "-", "‒": "-", "−": "-", "…": "...", "⋯": "...",
    "·": ".", "•": "*", "●": "*", "○": "o", "◆": "*", "◇": "o", "■": "#", "□": "[]", "★": "*", "☆": "*",
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
    "《": "<<", "》": ">>", "〈": "<", "〉": ">", "【": "[", "】": "]", "〔": "[", "〕": "]",
    "、": ",", "，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")",
    "×": "x", "÷": "/", "±": "+-", "≥": ">=", "≤": "<=", "≠": "!=", "≈": "~", "％": "%", "‰": "o/oo",
    "✓": "v", "✔": "v", "✗": "x", "✘": "x", "≡": "=", "│": "|", "┃": "|", "─": "-", "━": "-",
    "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
    "╭": "+", "╮": "+", "╰": "+", "╯": "+", "█": "#", "▌": "|", "▐": "|", "▏": "|", "▕": "|",
    "\u3000": "  ", "\u00a0": " ", "\u200b": "", "\ufeff": "",
}
_LOST = 0  # characters written as "?" (no stand-in), reported once at exit
_ENCODINGS: dict[str, str] = {}  # how each stream encodes, by stream name, once set up
_REGISTERED = False  # the exit report is registered


def is_utf8(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def standin(ch: str, encoding: str) -> str:
    """What to write for ch, which `encoding` cannot encode."""
    global _LOST
    for candidate in (STANDINS.get(ch), unicodedata.normalize("NFKC", ch)):
        if candidate is None or candidate == ch:
            continue
        try:
            candidate.encode(encoding)
        except UnicodeEncodeError:
            continue
        return candidate
    _LOST += 1
    return "??" if unicodedata.east_asian_width(ch) in "WF" else "?"  # keep columns aligned


def _handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start:exc.end]
    return "".join(standin(ch, exc.encoding) for ch in text), exc.end


codecs.register_error(HANDLER, _handler)


def _report_lost() -> None:
    if not _LOST:
        return
    encoding = _ENCODINGS.get("stderr") or _ENCODINGS.get("stdout") or "?"
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"plans: {_LOST} character(s) cannot be shown in this locale's encoding ({encoding}) "
                     "and were printed as '?'; use a UTF-8 locale, e.g. LANG=C.UTF-8 or LANG=zh_CN.UTF-8\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def setup_streams() -> None:
    """Give stdout and stderr the stand-in handler when their encoding is not UTF-8 (idempotent)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        encoding = getattr(stream, "encoding", None)
        if stream is None or is_utf8(encoding) or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors=HANDLER)
        except (ValueError, OSError):  # a closed or unusual stream: leave it
            continue
        _ENCODINGS[name] = encoding or ""
    global _REGISTERED
    if _ENCODINGS and not _REGISTERED:
        atexit.register(_report_lost)
        _REGISTERED = True


def can_show(text: str, stream: TextIO | None) -> bool:
    """Whether stream's encoding can write text as it is."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def json_for(text: str, stream: TextIO | None = None) -> str:
    """JSON text made writable to stream (stdout by default): characters its encoding lacks become JSON
    escapes (exact, unlike stand-ins). Unchanged for a UTF-8 stream."""
    encoding = getattr(stream if stream is not None else sys.stdout, "encoding", None) or "utf-8"
    if is_utf8(encoding):
        return text
    out = []
    for ch in text:
        try:
            ch.encode(encoding)
            out.append(ch)
        except UnicodeEncodeError:
            code = ord(ch)
            if code > 0xFFFF:  # a surrogate pair, as JSON spells it
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
    return "".join(out)


def lost() -> int:
    """Characters written as ``?`` so far (for tests)."""
    return _LOST
