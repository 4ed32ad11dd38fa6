"""A cache of loaded plans files: the validated `Corpus`, pickled, keyed by the file's content hash.

Only files that passed validation are stored, so a hit skips YAML parsing, validation and model
building. The key also covers `FORMAT`, the model's dataclass fields and the source of the modules
that build the model, so changed code never unpickles stale objects. Entries live in
`locations.cache_dir()` (the user's own cache directory), are written atomically (temporary file +
rename), and anything unreadable, corrupt or of the wrong type is ignored (and removed) so the
caller rebuilds it. At most `KEEP` entries are kept.

Set ``PLANS_NO_CACHE=1`` to bypass the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import fields, is_dataclass
from pathlib import Path

from tui.core import locations, model

FORMAT = 1  # bump when what is stored changes
KEEP = 8  # cache entries kept (one per distinct file content)
PREFIX = "corpus-"
SUFFIX = ".pickle"


# the code that decides what a loaded corpus looks like: a change to any of it is a cache miss
_CODE = ("model.py", "schema", "load.py", "cache.py", "yamlpos.py", "textfile.py")


def _fingerprint() -> bytes:
    parts = [f"format={FORMAT}".encode()]
    for name in sorted(vars(model)):
        obj = getattr(model, name)
        if isinstance(obj, type) and is_dataclass(obj) and obj.__module__ == model.__name__:
            parts.append((name + ":" + ",".join(f.name for f in fields(obj))).encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        files = sorted((here / name).glob("*.py")) if (here / name).is_dir() else [here / name]
        for file in files:
            try:
                parts.append(hashlib.blake2b(file.read_bytes(), digest_size=16).digest())
            except OSError:  # no sources on disk (a frozen build): the field names above must do
                pass
    return b"\n".join(parts)


_FINGERPRINT: bytes | None = None


def enabled() -> bool:
    return os.environ.get("PLANS_NO_CACHE", "") in ("", "0")


def key(raw: bytes) -> str:
    global _FINGERPRINT
    if _FINGERPRINT is None:
        _FINGERPRINT = _fingerprint()
    h = hashlib.blake2b(raw, digest_size=20)
    h.update(_FINGERPRINT)
    return h.hexdigest()


def entry(k: str) -> Path:
    return locations.cache_dir() / f"{PREFIX}{k}{SUFFIX}"


def get(k: str) -> model.Corpus | None:
    """The cached corpus for key k, or None (missing, unreadable or corrupt entries count as misses)."""
    path = entry(k)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        corpus = pickle.loads(blob)
    except Exception:  # a corrupt or foreign pickle: any error at all means "rebuild"
        corpus = None
    if not isinstance(corpus, model.Corpus):
        _remove(path)
        return None
    return corpus


def put(k: str, corpus: model.Corpus) -> bool:
    """Store corpus under key k; False (and nothing left behind) when the cache dir is not writable."""
    path = entry(k)
    try:
        locations.atomic_write(path, pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL), sync=False)
    except (OSError, pickle.PicklingError, RecursionError):
        return False
    _prune(path.parent)
    return True


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _prune(directory: Path) -> None:
    try:
        entries = [(p.stat().st_mtime, p) for p in directory.glob(f"{PREFIX}*{SUFFIX}")]
    except OSError:
        return
    entries.sort(reverse=True)
    for _, p in entries[KEEP:]:
        _remove(p)
