"""The search index on disk, beside the corpus store (`tui.core.store`): typed msgpack (msgspec),
never pickle, keyed by the plans file's content hash (plus the index format and the pypinyin
version), so a later start loads it instead of building it. Anything unreadable, corrupt or of
another layout is ignored, removed and rebuilt. ``PLANS_NO_CACHE=1`` bypasses it.

Only the index's data is stored (units, texts, vocabulary, bit masks as bytes); the object is put
back together without running `SearchIndex.__init__` (which would build the masks again)."""

from __future__ import annotations

import hashlib
import io
import time
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, get_type_hints

import msgspec

from tui.core import store
from tui.core.search.pinyin import Vocab, table_version
from tui.core.search.searchable import Unit
from tui.core.store import files

if TYPE_CHECKING:
    from tui.core.search.index import SearchIndex

FORMAT = 10  # bump when the index's layout changes
PREFIX = "search-"
KEEP = 4


class _VocabData(msgspec.Struct, array_like=True):
    prefix: dict[str, frozenset[str]]
    full: dict[str, frozenset[str]]
    succ: dict[str, set[str]]
    trigrams: list[msgspec.Raw]  # parts of a list[str], see _parts
    itable: dict[int, int]
    letter_class: dict[str, str]
    sym_letters: dict[str, str]


class _Units(msgspec.Struct, array_like=True):
    """The units column by column (`Unit`'s fields in order)."""

    plan_id: list[str]
    plan_short: list[str]
    kind: list[str]
    node_kind: list[str]
    key: list[str]
    text: list[str]
    crumbs: list[tuple[str, ...]]
    order: list[int]


class _Masks(msgspec.Struct, array_like=True):
    char_masks: dict[str, bytes]
    pair_masks: dict[str, bytes]
    bigram_buckets: int
    bigram_masks: list[bytes]
    trigram_buckets: int
    trigram_masks: list[bytes]
    kind_masks: dict[str, bytes]


class _Texts(msgspec.Struct, array_like=True):
    blob: str  # (the initials text is made again from it: `Vocab.initials_text`, as the build does)
    starts: list[int]
    freq: dict[str, int]
    plans: list[tuple[str, tuple[str, ...]]]


# The file: MAGIC, the header's length (8 bytes), the header (each part's name and length, in file
# order), then the parts, each a msgpack document. Parts are read and decoded one at a time: a
# thread loading the index gives the UI thread the interpreter between parts, and the memory it
# needs is the index plus one part (not the whole file besides).
MAGIC = b"plans-index\n"
_HEADER = msgspec.msgpack.Decoder(list[tuple[str, int]])
_TEXTS = msgspec.msgpack.Decoder(_Texts)
_VOCAB = msgspec.msgpack.Decoder(_VocabData)
_MASKS = msgspec.msgpack.Decoder(_Masks)
_UNIT_FIELDS = _Units.__struct_fields__
_UNIT_DECODERS = [msgspec.msgpack.Decoder(get_type_hints(_Units)[name]) for name in _UNIT_FIELDS]
# columns with few distinct values (a plan's id and name, kinds, breadcrumbs): stored once each and
# shared by the units, in the file and in memory (at 500 plans, ~100 MB less at load)
SHARED = ("plan_id", "plan_short", "kind", "node_kind", "crumbs")
_INTS = msgspec.msgpack.Decoder(list[int])


def enabled() -> bool:
    return store.enabled()  # one switch (PLANS_NO_CACHE) for the corpus store and the index


def key_for(source: str | Path, merged: list[str] | tuple[str, ...] = ()) -> str | None:
    """The index's key for the corpus loaded from `source` with the plans files `merged` into it
    (`plans add`): each file's corpus-store key when the store knows the file as it is now (no need
    to read it again), else a hash of the file's bytes."""
    from tui.core.store.corpus import known_key

    h = hashlib.blake2b(f"search-format={FORMAT};pinyin={table_version()}".encode(), digest_size=20)
    for name in (source, *merged):
        known = known_key(Path(name))
        if known is not None:
            h.update(b"\0k" + known.encode())
            continue
        try:
            raw = Path(name).read_bytes()
        except OSError:
            return None
        h.update(b"\0b" + hashlib.blake2b(raw, digest_size=20).digest())
    return h.hexdigest()


def _path(key: str) -> Path:
    return store.directory() / f"{PREFIX}{key}{files.SUFFIX}"


def _b(mask: int) -> bytes:
    return mask.to_bytes((mask.bit_length() + 7) // 8, "little")


def _i(blob: bytes) -> int:
    return int.from_bytes(blob, "little")


def _column(units: list[Unit], name: str, tables: dict[str, list]) -> list:
    values = [getattr(u, name) for u in units]
    if name not in SHARED:
        return values
    ids: dict = {}
    column = [ids.setdefault(v, len(ids)) for v in values]
    tables[name] = list(ids)
    return column


def encode(index: SearchIndex) -> bytes:
    tables: dict[str, list] = {}
    v = index.vocab
    enc = msgspec.msgpack.encode
    units = index.units
    parts: list[tuple[str, bytes]] = [
        ("texts", enc(_Texts(index.blob, index.starts, index.freq, index.plans))),
        ("vocab", enc(_VocabData(v.prefix, v.full, v.succ, _parts(sorted(v.trigrams)), v.itable,
                                 v.letter_class, v.sym_letters))),
        ("masks", enc(_Masks(
            char_masks={k: _b(m) for k, m in index.char_masks.items()},
            pair_masks={k: _b(m) for k, m in index.pair_masks.items()},
            bigram_buckets=index.bigram_buckets,
            bigram_masks=[_b(m) for m in index.bigram_masks],
            trigram_buckets=index.trigram_buckets,
            trigram_masks=[_b(m) for m in index.trigram_masks],
            kind_masks={k: _b(m) for k, m in index.kind_masks.items()},
        ))),
    ]
    for name in _UNIT_FIELDS:
        column = _column(units, name, tables)
        parts.extend((f"col:{name}", bytes(raw)) for raw in _parts(column))
    parts.extend((f"table:{name}", enc(values)) for name, values in tables.items())
    header = enc([(name, len(blob)) for name, blob in parts])
    return b"".join([MAGIC, len(header).to_bytes(8, "little"), header] + [blob for _, blob in parts])


class _Parts:
    """The parts of an index file, read from it when asked for."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        if fh.read(len(MAGIC)) != MAGIC:
            raise msgspec.DecodeError("not a search index file")
        size = int.from_bytes(fh.read(8), "little")
        header = fh.read(size)
        if len(header) != size:
            raise msgspec.DecodeError("truncated search index file")
        self.where: dict[str, list[tuple[int, int]]] = {}
        at = len(MAGIC) + 8 + size
        for name, length in _HEADER.decode(header):
            if length < 0:
                raise msgspec.ValidationError("inconsistent search index")
            self.where.setdefault(name, []).append((at, length))
            at += length

    def all(self, name: str) -> list[tuple[int, int]]:
        return self.where.get(name, [])

    def read(self, span: tuple[int, int]) -> bytes:
        self.fh.seek(span[0])
        blob = self.fh.read(span[1])
        if len(blob) != span[1]:
            raise msgspec.DecodeError("truncated search index file")
        return blob

    def one(self, name: str) -> bytes:
        spans = self.all(name)
        if len(spans) != 1:
            raise msgspec.ValidationError(f"search index file without its {name}")
        return self.read(spans[0])


PART = 8192  # values per part of a long list


def _parts(values: list) -> list[msgspec.Raw]:
    return [msgspec.Raw(msgspec.msgpack.encode(values[i : i + PART])) for i in range(0, len(values), PART)]


def _pause() -> None:
    time.sleep(0)  # let another thread (the UI's) run between the parts


def _joined(decoder: msgspec.msgpack.Decoder, parts: list[msgspec.Raw]) -> list:
    out: list = []
    for raw in parts:
        out.extend(decoder.decode(raw))
        _pause()
    return out


_STRS = msgspec.msgpack.Decoder(list[str])


def decode(blob: bytes, cls: type[SearchIndex]) -> SearchIndex:
    """The index stored in blob (raises msgspec.DecodeError/ValidationError when it is not one)."""
    return decode_file(io.BytesIO(blob), cls)


def _read_column(parts: _Parts, decoder: msgspec.msgpack.Decoder, name: str) -> list:
    out: list = []
    for span in parts.all(f"col:{name}"):
        out.extend(decoder.decode(parts.read(span)))
        _pause()
    return out


def decode_file(fh: BinaryIO, cls: type[SearchIndex]) -> SearchIndex:
    """The index stored in an open file, read part by part."""
    parts = _Parts(fh)
    t = _TEXTS.decode(parts.one("texts"))
    _pause()
    columns = []
    for name, dec in zip(_UNIT_FIELDS, _UNIT_DECODERS):
        if name in SHARED:
            table = dec.decode(parts.one(f"table:{name}"))
            ids = _read_column(parts, _INTS, name)
            if ids and not 0 <= min(ids) <= max(ids) < len(table):
                raise msgspec.ValidationError("inconsistent search index")
            columns.append([table[i] for i in ids])
            _pause()
        else:
            columns.append(_read_column(parts, dec, name))
    n = len(columns[0])
    if any(len(c) != n for c in columns) or len(t.starts) != n + 1 or (t.starts and t.starts[-1] != len(t.blob)):
        raise msgspec.ValidationError("inconsistent search index")
    vd = _VOCAB.decode(parts.one("vocab"))
    _pause()
    m = _MASKS.decode(parts.one("masks"))
    _pause()
    index = cls.__new__(cls)
    vocab = Vocab(prefix=vd.prefix, full=vd.full, succ=vd.succ, trigrams=set(_joined(_STRS, vd.trigrams)),
                  itable=vd.itable,
                  letter_class=vd.letter_class, sym_letters=vd.sym_letters)
    state = {
        "units": list(map(Unit, *columns)),
        "blob": t.blob,
        "iblob": vocab.initials_text(t.blob),
        "starts": t.starts,
        "vocab": vocab,
        "freq": t.freq,
        "plans": t.plans,
        "_matchers": {},
        "_plan_vocab": None,
        "_last": None,
        "narrow": True,
        "char_masks": {k: _i(x) for k, x in m.char_masks.items()},
        "pair_masks": {k: _i(x) for k, x in m.pair_masks.items()},
        "bigram_buckets": m.bigram_buckets,
        "bigram_masks": [_i(x) for x in m.bigram_masks],
        "trigram_buckets": m.trigram_buckets,
        "trigram_masks": [_i(x) for x in m.trigram_masks],
        "kind_masks": {k: _i(x) for k, x in m.kind_masks.items()},
        "_plan_masks": {},
    }
    index.__dict__.update(state)
    return index


def load(key: str, cls: type[SearchIndex]) -> SearchIndex | None:
    path = _path(key)
    try:
        with open(path, "rb") as fh:
            return decode_file(fh, cls)
    except OSError:  # missing or unreadable: nothing to remove
        return None
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError, RecursionError, IndexError):
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
