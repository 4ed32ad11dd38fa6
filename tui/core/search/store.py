"""The search index on disk, beside the corpus store (`tui.core.store`): typed msgpack (msgspec),
never pickle, keyed by the plans file's content hash (plus the index format and the pypinyin
version), so a later start loads it instead of building it. Anything unreadable, corrupt or of
another layout is ignored, removed and rebuilt. ``PLANS_NO_CACHE=1`` bypasses it.

Only the index's data is stored (units, texts, vocabulary, bit masks as bytes); the object is put
back together without running `SearchIndex.__init__` (which would build the masks again)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from tui.core import store
from tui.core.search.pinyin import Vocab, table_version
from tui.core.search.units import Unit
from tui.core.store import files

if TYPE_CHECKING:
    from tui.core.search.index import SearchIndex

FORMAT = 6  # bump when the index's layout changes
PREFIX = "search-"
KEEP = 4


class _VocabData(msgspec.Struct, array_like=True):
    prefix: dict[str, frozenset[str]]
    full: dict[str, frozenset[str]]
    succ: dict[str, set[str]]
    trigrams: set[str]
    itable: dict[int, int]
    letter_class: dict[str, str]
    sym_letters: dict[str, str]


class _IndexData(msgspec.Struct, array_like=True):
    units: list[tuple[str, str, str, str, str, str, tuple[str, ...], int]]
    blob: str
    iblob: str
    starts: list[int]
    vocab: _VocabData
    freq: dict[str, int]
    plans: list[tuple[str, tuple[str, ...]]]
    char_masks: dict[str, bytes]
    pair_masks: dict[str, bytes]
    bigram_buckets: int
    bigram_masks: list[bytes]
    trigram_buckets: int
    trigram_masks: list[bytes]
    kind_masks: dict[str, bytes]


_DECODER = msgspec.msgpack.Decoder(_IndexData)


def enabled() -> bool:
    return store.enabled()  # one switch (PLANS_NO_CACHE) for the corpus store and the index


def key_for(source: str | Path) -> str | None:
    try:
        raw = Path(source).read_bytes()
    except OSError:
        return None
    h = hashlib.blake2b(raw, digest_size=20)
    h.update(f"search-format={FORMAT};pinyin={table_version()}".encode())
    return h.hexdigest()


def _path(key: str) -> Path:
    return store.directory() / f"{PREFIX}{key}{files.SUFFIX}"


def _b(mask: int) -> bytes:
    return mask.to_bytes((mask.bit_length() + 7) // 8, "little")


def _i(blob: bytes) -> int:
    return int.from_bytes(blob, "little")


def encode(index: SearchIndex) -> bytes:
    v = index.vocab
    data = _IndexData(
        units=[(u.plan_id, u.plan_short, u.kind, u.node_kind, u.key, u.text, u.crumbs, u.order) for u in index.units],
        blob=index.blob,
        iblob=index.iblob,
        starts=index.starts,
        vocab=_VocabData(v.prefix, v.full, v.succ, v.trigrams, v.itable, v.letter_class, v.sym_letters),
        freq=index.freq,
        plans=index.plans,
        char_masks={k: _b(m) for k, m in index.char_masks.items()},
        pair_masks={k: _b(m) for k, m in index.pair_masks.items()},
        bigram_buckets=index.bigram_buckets,
        bigram_masks=[_b(m) for m in index.bigram_masks],
        trigram_buckets=index.trigram_buckets,
        trigram_masks=[_b(m) for m in index.trigram_masks],
        kind_masks={k: _b(m) for k, m in index.kind_masks.items()},
    )
    return msgspec.msgpack.encode(data)


def decode(blob: bytes, cls: type[SearchIndex]) -> SearchIndex:
    """The index stored in blob (raises msgspec.DecodeError/ValidationError when it is not one)."""
    d = _DECODER.decode(blob)
    n = len(d.units)
    if len(d.starts) != n + 1 or (d.starts and d.starts[-1] != len(d.blob)) or len(d.iblob) != len(d.blob):
        raise msgspec.ValidationError("inconsistent search index")
    index = cls.__new__(cls)
    vd = d.vocab
    vocab = Vocab(prefix=vd.prefix, full=vd.full, succ=vd.succ, trigrams=vd.trigrams, itable=vd.itable,
                  letter_class=vd.letter_class, sym_letters=vd.sym_letters)
    state = {
        "units": [Unit(*u) for u in d.units],
        "blob": d.blob,
        "iblob": d.iblob,
        "starts": d.starts,
        "vocab": vocab,
        "freq": d.freq,
        "plans": d.plans,
        "_matchers": {},
        "_plan_vocab": None,
        "_last": None,
        "narrow": True,
        "char_masks": {k: _i(m) for k, m in d.char_masks.items()},
        "pair_masks": {k: _i(m) for k, m in d.pair_masks.items()},
        "bigram_buckets": d.bigram_buckets,
        "bigram_masks": [_i(m) for m in d.bigram_masks],
        "trigram_buckets": d.trigram_buckets,
        "trigram_masks": [_i(m) for m in d.trigram_masks],
        "kind_masks": {k: _i(m) for k, m in d.kind_masks.items()},
        "_plan_masks": {},
    }
    index.__dict__.update(state)
    return index


def load(key: str, cls: type[SearchIndex]) -> SearchIndex | None:
    path = _path(key)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        return decode(blob, cls)
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError, RecursionError):
        files.remove(path)  # corrupt, truncated or from another version: rebuilt by the caller
        return None


def save(key: str, index: SearchIndex) -> None:
    path = _path(key)
    try:
        blob = encode(index)
    except (msgspec.EncodeError, OverflowError, TypeError):
        return
    if files.write(path, blob):
        for stale in files.newest(path.parent, PREFIX)[KEEP:]:
            files.remove(stale)
