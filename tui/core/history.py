"""Back/forward history over visited node keys, like a web browser (no UI imports)."""

from __future__ import annotations


class History:
    """`visit(key)` records a place; `back()`/`forward()` move through the visits and return the key.

    Visiting after going back drops the forward part, as a browser does. Visiting the current place
    again does nothing. The list is capped at `limit` entries (oldest dropped).
    """

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._items: list[str] = []
        self._pos = -1

    @property
    def current(self) -> str | None:
        return self._items[self._pos] if self._pos >= 0 else None

    @property
    def can_back(self) -> bool:
        return self._pos > 0

    @property
    def can_forward(self) -> bool:
        return 0 <= self._pos < len(self._items) - 1

    def visit(self, key: str) -> None:
        if key == self.current:
            return
        del self._items[self._pos + 1 :]
        self._items.append(key)
        if len(self._items) > self.limit:
            del self._items[: len(self._items) - self.limit]
        self._pos = len(self._items) - 1

    def back(self) -> str | None:
        if not self.can_back:
            return None
        self._pos -= 1
        return self._items[self._pos]

    def forward(self) -> str | None:
        if not self.can_forward:
            return None
        self._pos += 1
        return self._items[self._pos]

    def items(self) -> list[str]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def restore(self, items: list[str], pos: int) -> None:
        """Start from a saved history (the last `limit` places; pos clamped to the list)."""
        self._items = list(items)[-self.limit :]
        self._pos = min(max(pos, 0), len(self._items) - 1) if self._items else -1

    @property
    def pos(self) -> int:
        return self._pos
