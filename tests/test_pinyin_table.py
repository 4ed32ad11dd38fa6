"""pypinyin's per-character table is kept compact (tui/core/search/pinyin.py `_Table`, peak memory of the
app) and reads exactly what `json.load` of the file reads, for every character."""

from __future__ import annotations

import json

from tui.core.search import pinyin


def test_the_compact_table_is_the_json_table() -> None:
    with open(pinyin._dict_path(), encoding="utf-8") as fh:
        raw: dict[str, str] = json.load(fh)
    table = pinyin._table()
    assert len(table.codes) == len(raw) > 40_000
    assert all(table.get(int(code)) == value for code, value in raw.items())
    assert table.get(ord("a")) is None and table.get(0x10FFFF) is None
    assert len(table.values) < len(raw) // 2  # each reading kept once


def test_a_table_out_of_order_is_sorted() -> None:
    table = pinyin._Table([(0x7814, "yán"), (0x4E00, "yī"), (0x53D1, "fā,fà")])
    assert list(table.codes) == [0x4E00, 0x53D1, 0x7814]
    assert (table.get(0x4E00), table.get(0x53D1), table.get(0x7814), table.get(0x4E01)) == ("yī", "fā,fà", "yán", None)
