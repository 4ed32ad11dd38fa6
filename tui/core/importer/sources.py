"""The source files in data/sources/: one `<id>.txt` text and one `<id>.yaml` metadata file per plan.

The metadata file holds the fields of `tui.core.model.Meta` (read from the printed text; a field the text
does not print is left empty), an `order` (the plan's place in the corpus) and `hints` for the importer
(see `Hints`). Any problem is raised as `SourceError` whose str() is one line naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.core import textfile
from tui.core.importer.layout import WEB_TRAILERS, detect
from tui.core.model import Meta


class SourceError(Exception):
    """A source or metadata file the importer cannot use. str(error) is one line: FILE: what is wrong."""


META_FIELDS = tuple(Meta.__dataclass_fields__)
EXTRA_KEYS = ("order", "hints")
LEVELS = ("city", "district")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ColumnHint:
    """How one 专栏 ends and splits into entries, when the heuristic gets it wrong."""

    end_before: str = ""  # the 专栏 ends just before the first later paragraph that starts with this text
    end_after: str = ""  # the 专栏 ends just after the paragraph that starts with this text
    grid: int = 0  # entries are rows of this many one-line cells (the first row the header); runs to the next heading
    entry_split: str = ""  # regular expression splitting a paragraph into several entries


@dataclass
class Hints:
    # None: decided from the text (tui.core.importer.layout); a hint is a reviewer's correction
    reflow: bool | None = None  # PDF text: join wrapped lines into paragraphs (tui.core.importer.reflow)
    back_starts: list[str] | None = None  # back matter starts at a line starting so (default: layout.WEB_TRAILERS)
    columns: dict[str, ColumnHint] = field(default_factory=dict)  # 专栏 number as printed -> hint


@dataclass
class Source:
    meta: Meta
    order: int
    hints: Hints
    text: str
    text_path: Path
    meta_path: Path

    @property
    def back_starts(self) -> list[str]:
        return self.hints.back_starts if self.hints.back_starts is not None else list(WEB_TRAILERS)

    @property
    def wrapped(self) -> bool:
        """Whether the text's lines are PDF-wrapped: the hint when given, else decided from the text."""
        if self.hints.reflow is not None:
            return self.hints.reflow
        return detect(self.text).wrapped


def _hints(raw: object, where: Path) -> Hints:
    if raw is None:
        return Hints()
    if not isinstance(raw, dict):
        raise SourceError(f"{where}: hints: expected a mapping, got {type(raw).__name__}")
    hints = Hints()
    for key, value in raw.items():
        if key == "reflow":
            if not isinstance(value, bool):
                raise SourceError(f"{where}: hints.reflow: expected true or false")
            hints.reflow = value
        elif key == "back_starts":
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise SourceError(f"{where}: hints.back_starts: expected a list of non-empty strings")
            hints.back_starts = list(value)
        elif key == "columns":
            if not isinstance(value, dict):
                raise SourceError(f"{where}: hints.columns: expected a mapping of 专栏 number to hint")
            for number, spec in value.items():
                hints.columns[str(number)] = _column_hint(spec, f"hints.columns.{number}", where)
        else:
            raise SourceError(f"{where}: hints.{key}: unknown hint (known: reflow, back_starts, columns)")
    return hints


def _column_hint(spec: object, path: str, where: Path) -> ColumnHint:
    if not isinstance(spec, dict) or not spec:
        raise SourceError(f"{where}: {path}: expected a mapping (end_before, end_after, grid, entry_split)")
    hint = ColumnHint()
    for key, value in spec.items():
        if key in ("end_before", "end_after", "entry_split"):
            if not isinstance(value, str) or not value.strip():
                raise SourceError(f"{where}: {path}.{key}: expected a non-empty string")
            if key == "entry_split":
                try:
                    re.compile(value)
                except re.error as exc:
                    raise SourceError(f"{where}: {path}.entry_split: bad regular expression: {exc}") from None
            setattr(hint, key, value)
        elif key == "grid":
            if not isinstance(value, int) or isinstance(value, bool) or value < 2:
                raise SourceError(f"{where}: {path}.grid: expected a whole number of cells per row (>= 2)")
            hint.grid = value
        else:
            raise SourceError(f"{where}: {path}.{key}: unknown column hint "
                              "(known: end_before, end_after, grid, entry_split)")
    if hint.end_before and hint.end_after:
        raise SourceError(f"{where}: {path}: give end_before or end_after, not both")
    return hint


def load_source(meta_path: Path) -> Source:
    """Read one metadata file and the text it names."""
    raw_text = textfile.read_text(meta_path, SourceError, str(meta_path))
    data = textfile.parse_yaml(raw_text, str(meta_path), SourceError)
    if not isinstance(data, dict):
        raise SourceError(f"{meta_path}: expected a mapping of metadata fields")
    for key in data:
        if key not in META_FIELDS and key not in EXTRA_KEYS:
            raise SourceError(f"{meta_path}: {key}: unknown field (known: {', '.join(META_FIELDS + EXTRA_KEYS)})")
    for key in ("id", "title", "short", "region", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise SourceError(f"{meta_path}: {key}: missing (a non-empty string is required)")
    if data["id"] != meta_path.stem:
        raise SourceError(f"{meta_path}: id: '{data['id']}' does not match the file name '{meta_path.stem}'")
    order = data.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        raise SourceError(f"{meta_path}: order: missing (a whole number giving the plan's place in the corpus)")
    fields = {k: data[k] for k in META_FIELDS if k in data and data[k] is not None}
    for key in ("period_start", "period_end"):
        if key not in fields:
            raise SourceError(f"{meta_path}: {key}: missing (a year is required)")
        if not isinstance(fields[key], int) or isinstance(fields[key], bool):
            raise SourceError(f"{meta_path}: {key}: expected a year, got {fields[key]!r}")
    if "vision_year" in fields and not isinstance(fields["vision_year"], int):
        raise SourceError(f"{meta_path}: vision_year: expected a year or null")
    if fields.get("level", "city") not in LEVELS:
        raise SourceError(f"{meta_path}: level: '{fields.get('level')}' is not one of {', '.join(LEVELS)}")
    for key in ("issue_date", "publish_date"):
        value = fields.get(key, "")
        if not isinstance(value, str) or (value and not DATE_RE.match(value)):
            raise SourceError(f"{meta_path}: {key}: '{value}' is not an ISO date (YYYY-MM-DD) in quotes")
    for key, value in fields.items():
        expected = Meta.__dataclass_fields__[key].type  # (the type itself: tui/core/model.py evaluates them)
        if expected is str and not isinstance(value, str):
            raise SourceError(f"{meta_path}: {key}: expected text, got {value!r}")
    meta = Meta(**fields)
    hints = _hints(data.get("hints"), meta_path)
    text_path = meta_path.parent / meta.source
    if not text_path.exists():
        raise SourceError(f"{meta_path}: source: no such file {text_path}")
    text = textfile.read_text(text_path, SourceError, str(text_path))
    if not text.strip():
        raise SourceError(f"{text_path}: empty source text")
    return Source(meta=meta, order=order, hints=hints, text=text, text_path=text_path, meta_path=meta_path)


def load_sources(directory: Path) -> list[Source]:
    """Every source in `directory`, in corpus order. A text without metadata is an error."""
    if not directory.is_dir():
        raise SourceError(f"{directory}: no such directory")
    metas = sorted(directory.glob("*.yaml"))
    sources = [load_source(p) for p in metas]
    named = {s.text_path.name for s in sources}
    for txt in sorted(directory.glob("*.txt")):
        if txt.name not in named:
            raise SourceError(f"{txt}: no metadata file (expected {txt.with_suffix('.yaml').name} next to it)")
    if not sources:
        raise SourceError(f"{directory}: no sources (expected <id>.txt with <id>.yaml)")
    orders: dict[int, Path] = {}
    for s in sources:
        if s.order in orders:
            raise SourceError(f"{s.meta_path}: order: {s.order} is also used by {orders[s.order].name}")
        orders[s.order] = s.meta_path
    return sorted(sources, key=lambda s: s.order)
