"""Back/forward history over visited places, like a web browser (no UI imports).

Each place is a node key and where the reader was in it (`Place`: the query highlighted, the piece
at the top of the reader and how far into it, the current match), so `b`/`f` come back to the line
the user was reading, with the search highlight and `n`/`N` as they were."""

from __future__ import annotations

from typing import Any, NamedTuple


class Place(NamedTuple):
    """Where the reader was on a visited node. `piece` -1: not noted (the node opens as a jump does).
    (A named tuple: a frozen dataclass's methods would be compiled at every start, on the way to the
    first frame: the session is read before it.)"""

    key: str
    query: str = ""
    piece: int = -1  # the piece (heading, paragraph, table …) at the top of the reader
    into: int = 0  # lines into that piece
    lines: int = 0  # that piece's lines then (at another width `into` is scaled)
    match: int = -1  # the current match of `query`

    def to_data(self) -> dict[str, Any]:
        """For the session file: only what differs from a bare key."""
        data: dict[str, Any] = {"key": self.key}
        if self.query:
            data["query"] = self.query
        if self.piece >= 0:
            data.update(piece=self.piece, into=self.into, lines=self.lines)
        if self.match >= 0:
            data["match"] = self.match
        return data

    @classmethod
    def from_data(cls, raw: object) -> Place | None:
        """A place read back from the session file (None when it is not one)."""
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
            return None
        query = raw.get("query", "")
        ints = {k: raw.get(k, d) for k, d in (("piece", -1), ("into", 0), ("lines", 0), ("match", -1))}
        if not isinstance(query, str) or not all(isinstance(v, int) and not isinstance(v, bool) for v in ints.values()):
            return Place(raw["key"])
        return Place(raw["key"], query, ints["piece"], ints["into"], ints["lines"], ints["match"])


class History:
    """`visit(key)` records a place; `back()`/`forward()` move through the visits and return the key
    (`place` is where the reader was there, as `note` last recorded it).

    Visiting after going back drops the forward part, as a browser does. Visiting the current place
    again does nothing. The list is capped at `limit` entries (oldest dropped).
    """

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._items: list[Place] = []
        self._pos = -1

    @property
    def current(self) -> str | None:
        return self._items[self._pos].key if self._pos >= 0 else None

    @property
    def place(self) -> Place | None:
        """The current entry's place."""
        return self._items[self._pos] if self._pos >= 0 else None

    @property
    def can_back(self) -> bool:
        return self._pos > 0

    @property
    def can_forward(self) -> bool:
        return 0 <= self._pos < len(self._items) - 1

    def visit(self, key: str, query: str = "") -> None:
        if key == self.current:
            return
        del self._items[self._pos + 1 :]
        self._items.append(Place(key, query))
        if len(self._items) > self.limit:
            del self._items[: len(self._items) - self.limit]
        self._pos = len(self._items) - 1

    def note(self, place: Place) -> None:
        """Where the reader is on the current entry (as the user leaves it); another key: nothing."""
        if self._pos >= 0 and self._items[self._pos].key == place.key:
            self._items[self._pos] = place

    def back(self) -> str | None:
        if not self.can_back:
            return None
        self._pos -= 1
        return self._items[self._pos].key

    def forward(self) -> str | None:
        if not self.can_forward:
            return None
        self._pos += 1
        return self._items[self._pos].key

    def items(self) -> list[str]:
        return [p.key for p in self._items]

    def places(self) -> list[Place]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def restore(self, items: list[str], pos: int, places: list[Place] | None = None) -> None:
        """Start from a saved history (the last `limit` places; pos clamped to the list). `places`,
        when given, holds a place for each key (one for another key is not used)."""
        saved = places if places is not None and len(places) == len(items) else [Place(k) for k in items]
        self._items = [p if p.key == k else Place(k) for k, p in zip(items, saved, strict=True)][-self.limit :]
        self._pos = min(max(pos, 0), len(self._items) - 1) if self._items else -1

    @property
    def pos(self) -> int:
        return self._pos

