"""The search index on disk: pickled in `locations.cache_dir()`, keyed by the plans file's content
hash (plus the index format and the pypinyin version), so a later start loads it instead of
building it. Unreadable or stale entries are ignored and rebuilt. ``PLANS_NO_CACHE=1`` bypasses it."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import TypeVar

from tui.core import cache, locations
from tui.core.search.pinyin import table_version

T = TypeVar("T")

FORMAT = 5  # bump when the index's layout changes
PREFIX = "search-"
KEEP = 4


def enabled() -> bool:
    return cache.enabled()  # one switch (PLANS_NO_CACHE) for the model cache and the index


def key_for(source: str | Path) -> str | None:
    try:
        raw = Path(source).read_bytes()
    except OSError:
        return None
    h = hashlib.blake2b(raw, digest_size=20)
    h.update(f"search-format={FORMAT};pinyin={table_version()}".encode())
    return h.hexdigest()


def _path(key: str) -> Path:
    return locations.cache_dir() / f"{PREFIX}{key}.pickle"


def load(key: str, cls: type[T]) -> T | None:
    path = _path(key)
    try:
        obj = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except Exception:  # corrupt or from another version: drop it
        try:
            path.unlink()
        except OSError:
            pass
        return None
    return obj if isinstance(obj, cls) else None


def save(key: str, obj: object) -> None:
    path = _path(key)
    try:
        locations.atomic_write(path, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), sync=False)
        old = sorted(path.parent.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written is only slower
