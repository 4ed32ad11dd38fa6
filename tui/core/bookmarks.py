"""Bookmarks kept across runs in `locations.bookmarks_file()` (no UI imports).

The file is a YAML list of ``{key, label, plan, added}``; it is written atomically after every
change. A corrupt file is reported once and replaced by an empty list (the bad file kept aside).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tui.core import locations
from tui.core.statefile import load_yaml_state, save_yaml_state


@dataclass
class Bookmark:
    key: str  # Node.key
    label: str  # what the user saw (breadcrumb)
    plan: str = ""  # plan short name
    added: str = ""  # ISO timestamp


def _check(raw: Any) -> list[Bookmark]:
    if not isinstance(raw, list):
        raise ValueError("expected a list of bookmarks")
    out: list[Bookmark] = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise ValueError(f"bookmark {i}: expected a mapping with a key")
        out.append(Bookmark(key=item["key"], label=str(item.get("label", "")), plan=str(item.get("plan", "")),
                            added=str(item.get("added", ""))))
    return out


class Bookmarks:
    """The bookmark list; every change is saved at once."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or locations.bookmarks_file()
        self.items: list[Bookmark] = []
        self.problem: str | None = None

    def load(self) -> Bookmarks:
        self.items, self.problem = load_yaml_state(self.path, _check, [])
        return self

    def save(self) -> None:
        save_yaml_state(self.path, [asdict(b) for b in self.items])

    def __contains__(self, key: str) -> bool:
        return any(b.key == key for b in self.items)

    def __len__(self) -> int:
        return len(self.items)

    def add(self, key: str, label: str, plan: str = "") -> Bookmark:
        for b in self.items:
            if b.key == key:
                return b
        bookmark = Bookmark(key=key, label=label, plan=plan,
                            added=_dt.datetime.now().isoformat(timespec="seconds"))
        self.items.append(bookmark)
        self.save()
        return bookmark

    def remove(self, key: str) -> bool:
        before = len(self.items)
        self.items = [b for b in self.items if b.key != key]
        if len(self.items) != before:
            self.save()
            return True
        return False
