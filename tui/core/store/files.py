"""Reading and writing store files: atomic writes, misses for anything unreadable, pruning."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import msgspec

from tui.core import locations

T = TypeVar("T")
SUFFIX = ".msgpack"


def read(path: Path, decoder: msgspec.msgpack.Decoder[T]) -> T | None:
    """The decoded file, or None when it is missing, unreadable, corrupt, truncated or of another
    type (then it is removed, so the caller's rebuild replaces it)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        return decoder.decode(blob)
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError, RecursionError):
        remove(path)
        return None


def write(path: Path, blob: bytes) -> bool:
    """Write atomically; False (and nothing left behind) when the store is not writable."""
    try:
        locations.atomic_write(path, blob, sync=False)
    except OSError:
        return False
    return True


def remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def newest(directory: Path, prefix: str) -> list[Path]:
    """Files of this kind, newest first."""
    try:
        found = [(p.stat().st_mtime, p) for p in directory.glob(f"{prefix}*{SUFFIX}")]
    except OSError:
        return []
    found.sort(reverse=True)
    return [p for _, p in found]
