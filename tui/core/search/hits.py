"""Search results: a `Hit` per unit found (its tier, score and highlights), a `Result` per query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tui.core.search.searchable import Unit
from tui.core.search.terms import TIER_NAMES

TIER_SCORES = tuple(float(100 - 10 * t) for t in range(5))


class Hit:
    """One result. `spans` (highlighted [start, end) character offsets into unit.text) are worked
    out on first use, so a keystroke pays only for the rows that are shown."""

    __slots__ = ("unit", "tier", "score", "_spans", "_compute", "_args")

    def __init__(self, unit: Unit, tier: int, score: float, spans: list[tuple[int, int]] | None = None,
                 compute: Callable[..., list[tuple[int, int]]] | None = None, args: tuple = ()) -> None:
        self.unit = unit
        self.tier = tier
        self.score = score  # 0..100, higher is better (100 - 10 × tier; loose: 0.6 × partial_ratio)
        self._spans = spans
        self._compute = compute  # called with `args` for the spans on first use
        self._args = args

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = self._compute(*self._args) if self._compute else []
            self._compute = None
            self._args = ()
        return self._spans

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.tier]

    def __repr__(self) -> str:
        return f"Hit({self.unit.key!r}, {self.unit.kind}, {self.tier_name}, {self.unit.text[:20]!r})"


@dataclass
class Result:
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # stopped at the limit: there are more results
    errors: list[str] = field(default_factory=list)  # unknown @plan / #kind filters

