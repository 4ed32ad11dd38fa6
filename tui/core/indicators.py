"""The indicator catalog (data/indicators.yaml): load, validate, map table rows to entries.

A catalog entry is a canonical indicator with the printed name variants (aliases) that the
plans use for it. A table row maps to the entry one of whose aliases equals the row's `name`
after `normalise_name` (spaces, full/half-width forms, ASCII case, markers and a trailing unit
in brackets are ignored). Matching is exact on meaning-decided aliases, never fuzzy; rapidfuzz
only suggests candidates for names that map to nothing (`unmapped`).

`check_catalog(corpus)` returns one-line problems for `plans check`: a broken catalog, rows that
map to no entry or to more than one, and rows whose printed unit disagrees with their entry's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.core import textfile, yamlpos
from tui.core.model import Corpus, Node, Plan, Row
from tui.core.names import normalise_name, normalise_unit

KINDS = ("ratio", "count", "amount", "intensity", "growth")
# What a user reads for each kind (screens, the `plans indicators` table); data files and CSV/JSON keep the keys.
KIND_LABELS = {"ratio": "比例", "count": "数量", "amount": "金额", "intensity": "强度", "growth": "增速"}
ADDITIVE_KINDS = ("count", "amount")  # a district's share of its city's figure means something
BETTER = ("higher", "lower")


class CatalogError(Exception):
    """A catalog that cannot be used. str(error) is one line: FILE[:LINE]: what is wrong."""


@dataclass
class Indicator:
    key: str
    name: str
    unit: str
    kind: str = "ratio"
    aliases: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # other spellings of the same unit
    better: str = "higher"
    note: str = ""
    line: int = 0  # line of the entry in the catalog file

    @property
    def kind_label(self) -> str:
        """The kind in Chinese (比例, 数量, 金额, 强度, 增速)."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def additive(self) -> bool:
        """Counts and amounts: a district's figure is a part of its city's."""
        return self.kind in ADDITIVE_KINDS

    @property
    def is_percent(self) -> bool:
        return normalise_unit(self.unit) == "%"

    def accepts_unit(self, unit: str) -> bool:
        u = normalise_unit(unit)
        return not u or u in {normalise_unit(x) for x in [self.unit, *self.units]}


@dataclass
class Catalog:
    indicators: list[Indicator] = field(default_factory=list)
    path: str = ""

    def __post_init__(self) -> None:
        self._by_key = {i.key: i for i in self.indicators}
        self._by_alias: dict[str, list[Indicator]] = {}
        for ind in self.indicators:
            for alias in {normalise_name(a) for a in [*ind.aliases, ind.name]}:
                self._by_alias.setdefault(alias, []).append(ind)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def get(self, key: str) -> Indicator | None:
        return self._by_key.get(key)

    def matches(self, name: str) -> list[Indicator]:
        """Every entry whose aliases include this name (normally zero or one)."""
        return list(self._by_alias.get(normalise_name(name), []))

    def match(self, name: str) -> Indicator | None:
        found = self.matches(name)
        return found[0] if len(found) == 1 else None

    def resolve(self, text: str) -> Indicator | None:
        """A key, a display name or an alias -> the entry."""
        return self.get(text) or self.match(text)

    def where(self, ind: Indicator) -> str:
        return f"{self.path}:{ind.line}" if ind.line else self.path


# -- loading -------------------------------------------------------------------------------


def _line_numbers(text: str, count: int) -> list[int]:
    """1-based line of each item of the `indicators` list."""
    return yamlpos.item_lines(text, "indicators", count)


def _str_list(value: object) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(x, (str, int, float)) for x in value):
        return [str(x) for x in value]
    return None


def parse_catalog(text: str, path: str = "indicators.yaml") -> Catalog:
    """Build and validate a catalog from YAML text; raise CatalogError (one line) when unusable."""
    data = textfile.parse_yaml(text, path, CatalogError)
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise CatalogError(f"{path}:1: indicators: missing: expected a mapping with an 'indicators' list")
    lines = _line_numbers(text, len(data["indicators"]))
    out: list[Indicator] = []
    keys: dict[str, int] = {}
    aliases: dict[str, tuple[str, int]] = {}
    for i, raw in enumerate(data["indicators"]):
        line = lines[i] if i < len(lines) else 0
        where = f"{path}:{line}" if line else path
        if not isinstance(raw, dict):
            raise CatalogError(f"{where}: entry {i + 1}: expected a mapping")
        key = raw.get("key")
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise CatalogError(f"{where}: entry {i + 1}: key {key!r}: expected snake_case text")
        if key in keys:
            raise CatalogError(f"{where}: {key}: duplicate key (first at line {keys[key]})")
        keys[key] = line
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise CatalogError(f"{where}: {key}: name: missing")
        unit = raw.get("unit")
        if not isinstance(unit, str) or not unit.strip():
            raise CatalogError(f"{where}: {key}: unit: missing")
        kind = raw.get("kind", "ratio")
        if kind not in KINDS:
            raise CatalogError(f"{where}: {key}: kind {kind!r}: expected one of {', '.join(KINDS)}")
        better = raw.get("better", "higher")
        if better not in BETTER:
            raise CatalogError(f"{where}: {key}: better {better!r}: expected higher or lower")
        alias_list = _str_list(raw.get("aliases"))
        units = _str_list(raw.get("units"))
        if alias_list is None:
            raise CatalogError(f"{where}: {key}: aliases: expected a list of names")
        if units is None:
            raise CatalogError(f"{where}: {key}: units: expected a list of units")
        if kind in ("ratio", "growth") and normalise_unit(unit) != "%":
            raise CatalogError(f"{where}: {key}: kind {kind} but unit {unit!r}: ratios and growth rates are in %")
        for alias in {normalise_name(a) for a in [*alias_list, name]}:
            if not alias:
                raise CatalogError(f"{where}: {key}: an alias is empty once normalised")
            if alias in aliases and aliases[alias][0] != key:
                other, other_line = aliases[alias]
                raise CatalogError(f"{where}: {key}: alias {alias!r} is also {other}'s (line {other_line})")
            aliases[alias] = (key, line)
        note = raw.get("note", "")
        out.append(Indicator(key=key, name=name.strip(), unit=unit.strip(), kind=kind, aliases=alias_list,
                             units=units, better=better, note=str(note or "").strip(), line=line))
    return Catalog(out, path=path)


def load_catalog(path: str | Path | None = None) -> Catalog:
    from tui.core.locations import CATALOG

    p = Path(path) if path is not None else CATALOG
    name = textfile.display_name(p)
    return parse_catalog(textfile.read_text(p, CatalogError, name), path=name)


# -- rows ------------------------------------------------------------------------------------


@dataclass
class RowRef:
    """One row of one indicator table, with where it stands."""

    plan: Plan
    node: Node  # the table node
    index: int  # 0-based row index in the table
    row: Row

    @property
    def label(self) -> str:
        """嘉兴市 row 1 (or 嘉兴市 表1 row 1 when the plan has more than one table)."""
        tables = self.plan.tables()
        where = self.plan.short
        if len(tables) > 1 and self.node.table is not None:
            t = self.node.table
            where += " " + (t.number or ("results" if t.kind == "results" else "targets") + " table")
        return f"{where} row {self.row.number or self.index + 1}"

    @property
    def kind(self) -> str:
        return self.node.table.kind if self.node.table is not None else "targets"


def iter_rows(corpus: Corpus) -> Iterator[RowRef]:
    for plan in corpus.plans:
        for node in plan.tables():
            if node.table is None:
                continue
            for i, row in enumerate(node.table.rows):
                yield RowRef(plan, node, i, row)


def row_name(row: Row) -> str:
    return row.name or row.printed_name


def map_rows(corpus: Corpus, catalog: Catalog) -> list[tuple[RowRef, Indicator | None]]:
    """Every table row with its entry (None when it maps to none or is ambiguous)."""
    return [(ref, catalog.match(row_name(ref.row))) for ref in iter_rows(corpus)]


@dataclass
class Unmapped:
    ref: RowRef
    candidates: list[tuple[Indicator, float]]  # closest entries by rapidfuzz, best first


def unmapped(corpus: Corpus, catalog: Catalog, limit: int = 3, min_score: float = 50.0) -> list[Unmapped]:
    """Rows with no catalog entry, each with rapidfuzz's closest entries (by any alias) scoring at
    least `min_score` of 100."""
    from rapidfuzz import fuzz

    choices: list[tuple[str, Indicator]] = []
    for ind in catalog:
        for alias in {normalise_name(a) for a in [ind.name, *ind.aliases]}:
            choices.append((alias, ind))
    out: list[Unmapped] = []
    for ref in iter_rows(corpus):
        name = row_name(ref.row)
        if catalog.matches(name):
            continue
        norm = normalise_name(name)
        best: dict[str, tuple[Indicator, float]] = {}
        for alias, ind in choices:
            score = fuzz.WRatio(norm, alias)
            if score > best.get(ind.key, (ind, -1.0))[1]:
                best[ind.key] = (ind, score)
        ranked = sorted((b for b in best.values() if b[1] >= min_score), key=lambda t: (-t[1], t[0].key))[:limit]
        out.append(Unmapped(ref, ranked))
    return out


def check_catalog(corpus: Corpus, catalog: Catalog | None = None) -> list[str]:
    """Problems with the catalog against the corpus, one line each (empty when all is well)."""
    if catalog is None:
        try:
            catalog = load_catalog()
        except CatalogError as exc:
            return [str(exc)]
    problems: list[str] = []
    for ref in iter_rows(corpus):
        row = ref.row
        name = row_name(row)
        found = catalog.matches(name)
        if not found:
            problems.append(f"{catalog.path}: {ref.label} '{row.printed_name}': maps to no indicator "
                            f"(add its name to an entry's aliases; see plans indicators --unmapped)")
            continue
        if len(found) > 1:
            keys = ", ".join(i.key for i in found)
            problems.append(f"{catalog.path}: {ref.label} '{row.printed_name}': maps to {len(found)} indicators: {keys}")
            continue
        ind = found[0]
        if not ind.accepts_unit(row.unit):
            problems.append(f"{catalog.where(ind)}: {ind.key}: unit '{ind.unit}' but {ref.label} "
                            f"'{row.printed_name}' maps to it with unit '{row.unit}'")
    return problems
