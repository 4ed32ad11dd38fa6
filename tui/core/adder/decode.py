"""Decode a text file's bytes: UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030/GBK — never a silent guess.

UTF-8 is unambiguous in practice: Chinese text in GB18030 is almost never valid UTF-8. A file that is not
UTF-8 is tried as GB18030 (a superset of GBK and GB2312) and accepted only when what it gives reads as
Chinese text: nearly every non-ASCII character a CJK ideograph or CJK punctuation. Anything else is
`DecodeError` with one line saying what was tried, so the user can convert the file.
"""

from __future__ import annotations

import codecs
import unicodedata

#: share of non-ASCII characters that must be CJK (ideographs, CJK/full-width punctuation) for GB18030
CJK_SHARE = 0.95


class DecodeError(ValueError):
    """The encoding cannot be told. str() is one line."""


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F or 0x2460 <= o <= 0x24FF or 0x2500 <= o <= 0x257F
            or (unicodedata.category(ch).startswith("P") and o < 0x10000))


def decode_text(raw: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name as reported to the user). Raises DecodeError (one line naming the file)."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 (with BOM)"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{name}: starts with a UTF-8 byte-order mark but byte {exc.start} is not UTF-8") from None
    for bom, codec, label in ((codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec), f"{label} (with BOM)"
            except UnicodeDecodeError:
                raise DecodeError(f"{name}: starts with a {label} byte-order mark but is not {label}") from None
    if b"\x00" in raw:
        raise DecodeError(f"{name}: binary data (NUL bytes), not a text file")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        utf8_at = exc.start
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{name}: cannot tell the encoding: not UTF-8 (byte {utf8_at}) nor GB18030 "
                          f"(byte {exc.start}); save it as UTF-8 and add it again") from None
    wide = [ch for ch in text if ord(ch) > 0x7F]
    cjk = sum(1 for ch in wide if _is_cjk(ch))
    if not wide or cjk / len(wide) < CJK_SHARE:
        share = f"{cjk / len(wide) * 100:.0f}%" if wide else "no"
        raise DecodeError(f"{name}: cannot tell the encoding: not UTF-8 (byte {utf8_at}); read as GB18030 only "
                          f"{share} of its non-ASCII characters are Chinese; save it as UTF-8 and add it again")
    return text, "GB18030/GBK"
