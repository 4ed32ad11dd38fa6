"""Cut a plans file into its plans' own lines, without parsing the YAML.

A plans file as `plans import` writes it is a header (comments, ``version: 1``), a ``plans:`` line
and one block-sequence item per plan at column 0 (``- meta:``), every other line of the item
indented. Each plan's lines are then a YAML document of their own (a one-item list), hashed and
parsed on their own: a change to one plan re-reads only that plan. Any other layout (flow style,
indented items, document markers, keys after ``plans:``) gives None and the caller parses the
whole file instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PLANS_LINE = re.compile(rb"plans:[ \t]*(?:#[^\n]*)?\r?\n")
# after the plans: line, a line at column 0 may only start an item (`- `), be a comment or be blank
# (searched from the newline before it: a literal first character keeps the scan of 40 MB quick)
_ODD_LINE = re.compile(rb"\n(?:[^ \n\r#-]|-[^ \n\r])")
_ITEM = re.compile(rb"\n-(?=[ \r\n])")


@dataclass(frozen=True)
class Chunks:
    header: bytes  # everything before the plans: line
    spans: list[tuple[int, int]]  # (start, end) byte offsets of each plan's lines in the file


def split(raw: bytes) -> Chunks | None:
    """The header and each plan's byte span, or None when the file is not laid out that simply."""
    at = 0 if raw.startswith(b"plans:") else raw.find(b"\nplans:") + 1
    line = _PLANS_LINE.match(raw, at) if at > 0 or raw.startswith(b"plans:") else None
    if line is None or raw.find(b"\nplans:", line.end() - 1) != -1:
        return None
    body = line.end()
    if _ODD_LINE.search(raw, body - 1):
        return None
    first = raw.startswith(b"- ", body) or raw.startswith(b"-\n", body)
    starts = ([body] if first else []) + [m.start() + 1 for m in _ITEM.finditer(raw, body)]
    if not starts or (raw[body : starts[0]].strip(b" \t\r\n") and not _only_comments(raw[body : starts[0]])):
        return None
    ends = starts[1:] + [len(raw)]
    return Chunks(raw[: line.start()], list(zip(starts, ends)))


def _only_comments(blob: bytes) -> bool:
    return all(not line.strip() or line.lstrip().startswith(b"#") for line in blob.splitlines())
