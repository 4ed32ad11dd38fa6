"""Chinese order for sorting names: by pinyin, syllable by syllable, as a Chinese dictionary or index
orders them (高新技术 before 研发投入), not by code point (which scatters them). No UI imports.

Each Han character sorts as its most common reading (tones stripped: pypinyin's per-character table,
as search uses, `tui.core.search.pinyin.readings`); letters and digits as themselves, lower case;
other characters (punctuation) by code point after them. Names that read the same are ordered by code
point, so the order is total and stable."""

from __future__ import annotations

from functools import lru_cache

_END = "\x00"  # after each syllable: 西安 (xi an) before 先 (xian)


@lru_cache(maxsize=4096)
def sort_text(text: str) -> str:
    """A key under which names sort in pinyin order (compare keys with `<`)."""
    from tui.core.search.pinyin import readings  # (its table is read on the first sort, not at start-up)

    out: list[str] = []
    for ch in text.strip():
        reading = readings(ch) if ord(ch) > 0x2E7F else ()
        if reading:
            out.append(reading[0])
        elif ch.isascii():
            out.append(ch.lower())
        else:
            out.append(ch)
        out.append(_END)
    return "".join(out) + "\x01" + text
