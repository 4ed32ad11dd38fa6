"""Cut a source into the pieces the outline is built from.

A source's raw lines are split into indicator-table regions (found by `tables.find_tables`) and the text
between them. Text becomes `Unit`s, one per logical line: a raw line for web text, a reflowed paragraph for
PDF text (`reflow.reflow`). Tables become `TableUnit`s holding the parsed `Table`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.importer.reflow import is_page_number, reflow
from tui.core.importer.sources import Source, SourceError
from tui.core.importer.tables import find_tables, parse_table
from tui.core.model import Break, Table


@dataclass
class Unit:
    text: str  # as printed (surrounding whitespace dropped)
    line: int  # 0-based index of its first raw line
    breaks: list[Break] = field(default_factory=list)  # page furniture inside text: (offset, printed)

    @property
    def is_page(self) -> bool:
        return is_page_number(self.text)


@dataclass
class TableUnit:
    table: Table
    line: int
    end: int


def _strip(text: str, breaks: list[Break]) -> tuple[str, list[Break]]:
    """Drop surrounding whitespace, moving break offsets with the text."""
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    moved = [Break(at=min(max(b.at - lead, 0), len(body)), text=b.text) for b in breaks]
    return body, moved


def _text_units(lines: list[str], first: int, source: Source, wrapped: bool) -> list[Unit]:
    if wrapped:
        out = []
        try:
            logicals = reflow(lines)
        except Exception as exc:  # a reflow bug must still give a one-line error, not a traceback
            raise SourceError(f"{source.text_path}:{first + 1}: cannot reflow the text here: {exc}") from None
        for logical in logicals:
            text, breaks = _strip(logical.text, [Break(at=int(a), text=str(t)) for a, t in logical.breaks])
            if text or breaks:
                out.append(Unit(text=text, line=first + logical.line, breaks=breaks))
        return out
    return [Unit(text=line.strip(), line=first + i) for i, line in enumerate(lines) if line.strip()]


def cut(source: Source) -> list[Unit | TableUnit]:
    """The source as a sequence of text units and tables, in print order."""
    raw = source.text.split("\n")
    regions = find_tables(raw, source.meta.id)
    pieces: list[Unit | TableUnit] = []
    wrapped = source.wrapped
    at = 0
    for start, end in regions:
        if not (at <= start < end <= len(raw)):
            raise SourceError(f"{source.text_path}:{start + 1}: table region [{start}, {end}) overlaps or is out of range")
        pieces.extend(_text_units(raw[at:start], at, source, wrapped))
        try:
            table = parse_table(raw[start:end], source.meta.id)
        except Exception as exc:  # a parser bug must still give a one-line error, not a traceback
            raise SourceError(f"{source.text_path}:{start + 1}: cannot parse the table here: {exc}") from None
        pieces.append(TableUnit(table=table, line=start, end=end))
        at = end
    pieces.extend(_text_units(raw[at:], at, source, wrapped))
    return pieces
