"""The search index on disk, beside the corpus store (`tui.core.store`): typed msgpack (msgspec),
never pickle, keyed by the plans file's content hash (plus the index format and the pypinyin
version), so a later start loads it instead of building it. Anything unreadable, corrupt or of
another layout is ignored, removed and rebuilt. ``PLANS_NO_CACHE=1`` bypasses it.

Only the index's data is stored (units, texts, vocabulary, bit masks as zlib-packed bytes); the
object is put back together without running `SearchIndex.__init__` (which would build the masks
again).

The file is a run of small parts, each a msgpack document, then a directory of them:

    MAGIC, part, part, …, directory (each part's name and length, in file order), its length (8 bytes)

Parts are written as they are made (`write`: a 100× index never sits in memory twice, as one
`bytes` besides the index) and read one at a time (`decode_file`): no part takes more than a few
milliseconds to decode, and a thread loading the index gives the interpreter back between parts,
so keys typed while the index loads are not kept waiting (the UI thread needs the interpreter too).
"""

from __future__ import annotations

import io
import os
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, get_type_hints

import msgspec

from tui.core import store
from tui.core.search.pinyin import Vocab, table_version
from tui.core.search.searchable import Unit
from tui.core.store import blake2b, files

if TYPE_CHECKING:
    from tui.core.search.index import SearchIndex

FORMAT = 12  # bump when the index's layout changes
PREFIX = "search-"
KEEP = 4


class _Head(msgspec.Struct, array_like=True):
    units: int
    blob_len: int
    freq: dict[str, int]
    plans: list[tuple[str, tuple[str, ...]]]
    bigram_buckets: int
    trigram_buckets: int


class _VocabData(msgspec.Struct, array_like=True):
    prefix: dict[str, frozenset[str]]
    full: dict[str, frozenset[str]]
    itable: dict[int, int]
    letter_class: dict[str, str]
    sym_letters: dict[str, str]


class _Units(msgspec.Struct, array_like=True):
    """The units column by column (`Unit`'s fields in order): only for the fields' types."""

    plan_id: list[str]
    plan_short: list[str]
    kind: list[str]
    node_kind: list[str]
    key: list[str]
    text: list[str]
    crumbs: list[tuple[str, ...]]
    order: list[int]


MAGIC = b"plans-index-2\n"
_DIRECTORY = msgspec.msgpack.Decoder(list[tuple[str, int]])
_HEAD = msgspec.msgpack.Decoder(_Head)
_VOCAB = msgspec.msgpack.Decoder(_VocabData)
_UNIT_FIELDS = _Units.__struct_fields__
_UNIT_DECODERS = [msgspec.msgpack.Decoder(get_type_hints(_Units)[name]) for name in _UNIT_FIELDS]
# columns with few distinct values (a plan's id and name, kinds, breadcrumbs): stored once each and
# shared by the units, in the file and in memory (at 500 plans, ~100 MB less at load)
SHARED = ("plan_id", "plan_short", "kind", "node_kind", "crumbs")
_INTS = msgspec.msgpack.Decoder(list[int])
_STRS = msgspec.msgpack.Decoder(list[str])
_SUCC = msgspec.msgpack.Decoder(list[tuple[str, list[str]]])
_NAMED_MASKS = msgspec.msgpack.Decoder(list[tuple[str, bytes]])
_MASKS = msgspec.msgpack.Decoder(list[bytes])

PART = 8192  # values per part of a long list (units, starts, trigrams, succ entries)
MASKS_PART = 128  # masks per part
BLOB_PART = 1 << 16  # characters of the text blob per part


def enabled() -> bool:
    return store.enabled()  # one switch (PLANS_NO_CACHE) for the corpus store and the index


def key_for(source: str | Path, merged: list[str] | tuple[str, ...] = ()) -> str | None:
    """The index's key for the corpus loaded from `source` with the plans files `merged` into it
    (`plans add`): each file's corpus-store key, known without reading the file when the store has
    seen it as it is now, else worked out from its bytes (the same key either way: the app and the
    index builder, `tui.core.store.index_build`, agree whichever of them read the file)."""
    from tui.core.store.corpus import known_key

    h = blake2b(f"search-format={FORMAT};pinyin={table_version()}".encode(), digest_size=20)
    for name in (source, *merged):
        known = known_key(Path(name))
        if known is None:
            try:
                known = store.key(Path(name).read_bytes(), b"corpus")
            except OSError:
                return None
        h.update(b"\0k" + known.encode())
    return h.hexdigest()


def path_of(key: str) -> Path:
    return store.directory() / f"{PREFIX}{key}{files.SUFFIX}"


_path = path_of  # (the name the benchmarks use)


def _b(mask: int) -> bytes:
    """A mask as zlib-packed little-endian bytes (most masks are sparse: a rare character's units)."""
    return zlib.compress(mask.to_bytes((mask.bit_length() + 7) // 8, "little"), 1)


def _i(blob: bytes) -> int:
    return int.from_bytes(zlib.decompress(blob), "little")


def _column(units: list[Unit], name: str) -> tuple[list, list | None]:
    """A unit field's values; for a `SHARED` field, each unit's number in a table of the values."""
    values = [getattr(u, name) for u in units]
    if name not in SHARED:
        return values, None
    ids: dict = {}
    column = [ids.setdefault(v, len(ids)) for v in values]
    return column, list(ids)


def _chunks(values: list, size: int = PART) -> Iterator[list]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _parts(index: SearchIndex) -> Iterator[tuple[str, bytes]]:
    """The file's parts, made one at a time."""
    enc = msgspec.msgpack.encode
    v = index.vocab
    yield "head", enc(_Head(len(index.units), len(index.blob), index.freq, index.plans, index.bigram_buckets,
                            index.trigram_buckets))
    for i in range(0, len(index.blob), BLOB_PART):
        yield "blob", enc(index.blob[i : i + BLOB_PART])
    for chunk in _chunks(index.starts):
        yield "starts", enc(chunk)
    for name in _UNIT_FIELDS:
        column, table = _column(index.units, name)
        if table is not None:
            yield f"table:{name}", enc(table)
        for chunk in _chunks(column):
            yield f"col:{name}", enc(chunk)
        del column, table
    yield "vocab", enc(_VocabData(v.prefix, v.full, v.itable, v.letter_class, v.sym_letters))
    for chunk in _chunks(list(v.succ.items())):
        yield "succ", enc([(k, sorted(s)) for k, s in chunk])
    for chunk in _chunks(sorted(v.trigrams)):
        yield "trigrams", enc(chunk)
    for name in ("char_masks", "pair_masks", "kind_masks"):
        masks: dict[str, int] = getattr(index, name)
        for chunk in _chunks(list(masks.items()), MASKS_PART):
            yield name, enc([(k, _b(m)) for k, m in chunk])
    for name in ("bigram_masks", "trigram_masks"):
        for chunk in _chunks(getattr(index, name), MASKS_PART):
            yield name, enc([_b(m) for m in chunk])


def write_to(fh: BinaryIO, index: SearchIndex) -> None:
    """The index into an open file, part by part."""
    fh.write(MAGIC)
    directory: list[tuple[str, int]] = []
    for name, blob in _parts(index):
        fh.write(blob)
        directory.append((name, len(blob)))
    tail = msgspec.msgpack.encode(directory)
    fh.write(tail)
    fh.write(len(tail).to_bytes(8, "little"))


def encode(index: SearchIndex) -> bytes:
    out = io.BytesIO()
    write_to(out, index)
    return out.getvalue()


class _Parts:
    """The parts of an index file, read from it when asked for."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        if fh.read(len(MAGIC)) != MAGIC:
            raise msgspec.DecodeError("not a search index file")
        end = fh.seek(0, os.SEEK_END)
        if end < len(MAGIC) + 8:
            raise msgspec.DecodeError("truncated search index file")
        fh.seek(end - 8)
        size = int.from_bytes(fh.read(8), "little")
        if not 0 < size <= end - len(MAGIC) - 8:
            raise msgspec.DecodeError("truncated search index file")
        fh.seek(end - 8 - size)
        self.where: dict[str, list[tuple[int, int]]] = {}
        at = len(MAGIC)
        for name, length in _DIRECTORY.decode(fh.read(size)):
            if length < 0:
                raise msgspec.ValidationError("inconsistent search index")
            self.where.setdefault(name, []).append((at, length))
            at += length
        if at != end - 8 - size:
            raise msgspec.ValidationError("inconsistent search index")

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

    def each(self, name: str, decoder: msgspec.msgpack.Decoder) -> Iterator[Any]:
        """Each part of this name, decoded, the interpreter given back after each."""
        for span in self.all(name):
            yield decoder.decode(self.read(span))
            pause()


def default_pause() -> None:
    time.sleep(0)  # let another thread (the UI's) run


# Called between parts while an index loads: `default_pause`, or what the app's warm-up sets (one that
# also waits while keys are coming: `tui.screens.main`).
pause: Callable[[], None] = default_pause


def decode(blob: bytes, cls: type[SearchIndex]) -> SearchIndex:
    """The index stored in blob (raises msgspec.DecodeError/ValidationError when it is not one)."""
    return decode_file(io.BytesIO(blob), cls)


def _joined(parts: _Parts, name: str, decoder: msgspec.msgpack.Decoder) -> list:
    out: list = []
    for values in parts.each(name, decoder):
        out.extend(values)
    return out


def _masks(parts: _Parts, name: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for chunk in parts.each(name, _NAMED_MASKS):
        out.update((k, _i(x)) for k, x in chunk)
    return out


def _mask_list(parts: _Parts, name: str) -> list[int]:
    out: list[int] = []
    for chunk in parts.each(name, _MASKS):
        out.extend(map(_i, chunk))
    return out


def _inconsistent(ok: bool) -> None:
    if not ok:
        raise msgspec.ValidationError("inconsistent search index")


def decode_file(fh: BinaryIO, cls: type[SearchIndex]) -> SearchIndex:
    """The index stored in an open file, read part by part."""
    parts = _Parts(fh)
    head = _HEAD.decode(parts.one("head"))
    vd = _VOCAB.decode(parts.one("vocab"))
    vocab = Vocab(prefix=vd.prefix, full=vd.full, itable=vd.itable, letter_class=vd.letter_class,
                  sym_letters=vd.sym_letters)
    pause()
    texts: list[str] = []
    initials: list[str] = []
    for piece in parts.each("blob", msgspec.msgpack.Decoder(str)):
        texts.append(piece)
        initials.append(vocab.initials_text(piece))  # (as the build makes it)
    blob, iblob = "".join(texts), "".join(initials)
    del texts, initials
    pause()
    starts = _joined(parts, "starts", _INTS)
    n = head.units
    _inconsistent(len(blob) == head.blob_len and len(starts) == n + 1 and (not starts or starts[-1] == len(blob)))
    columns = []
    for name, dec in zip(_UNIT_FIELDS, _UNIT_DECODERS):
        if name in SHARED:
            table = dec.decode(parts.one(f"table:{name}"))
            column: list = []
            for ids in parts.each(f"col:{name}", _INTS):
                _inconsistent(not ids or 0 <= min(ids) <= max(ids) < len(table))
                column.extend(map(table.__getitem__, ids))
        else:
            column = _joined(parts, f"col:{name}", dec)
        _inconsistent(len(column) == n)
        columns.append(column)
    units: list[Unit] = []
    for i in range(0, n, PART):
        units.extend(map(Unit, *(c[i : i + PART] for c in columns)))
        pause()
    del columns
    for chunk in parts.each("succ", _SUCC):
        vocab.succ.update((k, set(s)) for k, s in chunk)
    for chunk in parts.each("trigrams", _STRS):
        vocab.trigrams.update(chunk)
    bigram_masks = _mask_list(parts, "bigram_masks")
    trigram_masks = _mask_list(parts, "trigram_masks")
    _inconsistent(len(bigram_masks) == head.bigram_buckets and len(trigram_masks) == head.trigram_buckets)
    index = cls.__new__(cls)
    state = {
        "units": units,
        "blob": blob,
        "iblob": iblob,
        "starts": starts,
        "vocab": vocab,
        "freq": head.freq,
        "plans": head.plans,
        "_matchers": {},
        "_plan_vocab": None,
        "_last": None,
        "narrow": True,
        "char_masks": _masks(parts, "char_masks"),
        "pair_masks": _masks(parts, "pair_masks"),
        "kind_masks": _masks(parts, "kind_masks"),
        "bigram_buckets": head.bigram_buckets,
        "bigram_masks": bigram_masks,
        "trigram_buckets": head.trigram_buckets,
        "trigram_masks": trigram_masks,
        "_plan_masks": {},
    }
    index.__dict__.update(state)
    return index


_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError, RecursionError, IndexError,
           zlib.error, OverflowError)


def load(key: str, cls: type[SearchIndex]) -> SearchIndex | None:
    path = path_of(key)
    try:
        with open(path, "rb") as fh:
            return decode_file(fh, cls)
    except OSError:  # missing or unreadable: nothing to remove
        return None
    except _ERRORS:
        files.remove(path)  # corrupt, truncated or from another version: rebuilt by the caller
        return None


def save(key: str, index: SearchIndex) -> None:
    """Write the index's file (atomically: a temporary file renamed), part by part."""
    path = path_of(key)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            write_to(fh, index)
        os.replace(tmp, path)
    except (OSError, msgspec.EncodeError, OverflowError, TypeError):
        files.remove(tmp)
        return
    for stale in files.newest(path.parent, PREFIX)[KEEP:]:
        files.remove(stale)
    for lock in path.parent.glob(f".{PREFIX}*{files.SUFFIX}.lock"):  # the index builder's (`index_build`)
        built = lock.with_name(lock.name[1 : -len(".lock")])
        try:
            if built.exists() or time.time() - lock.stat().st_mtime > 3600:
                lock.unlink()  # a builder that takes it later finds the index written, or builds it again
        except OSError:
            pass
