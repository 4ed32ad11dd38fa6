"""The derived store: what the app reads at start-up instead of `data/plans.yaml`.

`data/plans.yaml` stays the file users read, diff and check. From it the store derives, in
`locations.cache_dir()/store/`:

- one file per plan (`plan-<key>.msgpack`), keyed by the hash of that plan's own lines of YAML,
  holding the validated plan as typed msgpack (decoded straight into the model's dataclasses);
- one manifest per plans file (`corpus-<key>.msgpack`), keyed by the whole file's hash: the
  version, each plan's metadata, node count and file key (so the tree's top level needs no plan);
- the search index (`search-<key>.msgpack`, `tui.core.search.store`).

msgpack through msgspec cannot run code (unlike pickle), decodes into the exact types it is given
(a corrupt or foreign file is a `DecodeError`/`ValidationError`, i.e. a rebuild, never a crash),
and is several times faster than YAML. Keys also cover `FORMAT`, the model's dataclass fields and
the modules that build the model (each file's size and modification time, as an edit or another
install changes them: reading and hashing their source was ~1 ms of every start), so changed code
never reads stale entries.

``PLANS_NO_CACHE=1`` bypasses the store.
"""

from __future__ import annotations

import os
from dataclasses import fields, is_dataclass
from pathlib import Path

from tui.core import locations, model

try:  # the BLAKE2 module itself: `hashlib` would load OpenSSL too (several ms of every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 1  # bump when what is stored changes
SUBDIR = "store"
# the code that decides what a loaded corpus looks like: a change to any of it is a miss
_CODE = ("model.py", "schema", "load.py", "yamlpos.py", "textfile.py", "userplans.py", "store")
_FINGERPRINT: bytes | None = None


def enabled() -> bool:
    return os.environ.get("PLANS_NO_CACHE", "") in ("", "0")


def directory() -> Path:
    return locations.cache_dir() / SUBDIR


def _fingerprint() -> bytes:
    parts = [f"format={FORMAT}".encode()]
    for name in sorted(vars(model)):
        obj = getattr(model, name)
        if isinstance(obj, type) and is_dataclass(obj) and obj.__module__ == model.__name__:
            parts.append((name + ":" + ",".join(f.name for f in fields(obj))).encode())
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for name in _CODE:
        path = os.path.join(here, name)
        try:
            if os.path.isdir(path):
                found = sorted((e.name, e.stat()) for e in os.scandir(path) if e.name.endswith(".py"))
            else:
                found = [("", os.stat(path))]
        except OSError:  # no sources on disk (a frozen build): the field names above must do
            continue
        parts.extend(f"{name}/{file}:{st.st_size}:{st.st_mtime_ns}".encode() for file, st in found)
    return b"\n".join(parts)


def fingerprint() -> bytes:
    global _FINGERPRINT
    if _FINGERPRINT is None:
        _FINGERPRINT = _fingerprint()
    return _FINGERPRINT


def key(raw: bytes | memoryview, salt: bytes = b"") -> str:
    """The store key of some bytes (a whole plans file, or one plan's lines of it)."""
    h = blake2b(raw, digest_size=20)
    h.update(fingerprint())
    h.update(salt)
    return h.hexdigest()
