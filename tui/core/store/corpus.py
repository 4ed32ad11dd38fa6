"""The corpus from the store: a manifest per plans file, a typed msgpack file per plan, plans
decoded on first use.

`load(path, raw)` returns the corpus of a plans file's bytes, or None when the store cannot serve
it (then `tui.core.load` parses the whole file, which also reports any problem exactly):

- warm (the manifest of these exact bytes is there): no YAML at all, and no plan is decoded until
  something asks for its nodes (the tree's top level needs only the metadata in the manifest);
- after a change: the file is cut into its plans' own lines (`chunks.split`); plans whose lines
  are already in the store (found through earlier manifests) are reused, only the others are parsed,
  validated and written, with `progress(done, total)` called as they go.

A plan file that turns out missing or corrupt when its plan is first used is rebuilt from that plan's
lines of the plans file (found by the byte offsets in the manifest and checked against its key).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from tui.core import model, store
from tui.core.store import files

KEEP = 8  # manifests kept (one per distinct plans file content); plan files only while one names them
MANIFEST = "corpus-"
PLAN = "plan-"

Progress = Callable[[int, int], None]


class PlanEntry(msgspec.Struct, array_like=True):
    key: str  # store key of the plan's lines
    start: int  # byte offsets of those lines in the plans file
    end: int
    count: int  # top-level nodes (the tree shows an expander when there are any)
    meta: model.Meta
    columns: list[tuple[tuple[int, ...], str, str, int]]  # `Plan.column_outline()`: the 专栏 list


class Manifest(msgspec.Struct, array_like=True):
    version: int
    plans: list[PlanEntry]


_MANIFEST_DECODER = msgspec.msgpack.Decoder(Manifest)
_PLAN_DECODER = msgspec.msgpack.Decoder(model.Plan)
_ENCODER = msgspec.msgpack.Encoder()


def plan_path(k: str) -> Path:
    return store.directory() / f"{PLAN}{k}{files.SUFFIX}"


def manifest_path(k: str) -> Path:
    return store.directory() / f"{MANIFEST}{k}{files.SUFFIX}"


class StoredPlan(model.Plan):
    """A plan whose nodes are decoded from the store on first use (thread-safe)."""

    def __init__(self, source: Path, entry: PlanEntry) -> None:
        self.meta = entry.meta
        self._entry = entry
        self._source = source  # resolved (by `_corpus`, once for every plan): read again whatever the cwd is then
        self._nodes: list[model.Node] | None = None
        self._lock = threading.Lock()

    @property
    def nodes(self) -> list[model.Node]:
        got = self._nodes
        if got is None:
            with self._lock:
                if self._nodes is None:
                    self._nodes = _indexed(self, self._read())
                got = self._nodes
        return got

    @nodes.setter
    def nodes(self, value: list[model.Node]) -> None:
        self._nodes = value

    @property
    def loaded(self) -> bool:
        return self._nodes is not None

    def release(self) -> None:
        """Let the decoded nodes go (they are decoded again when next asked for); their links to their
        parent and plan are cut, so they are freed at once rather than by a later garbage collection."""
        with self._lock:
            nodes, self._nodes = self._nodes, None
        stack = list(nodes or ())
        while stack:
            node = stack.pop()
            node.parent = node.plan = None
            stack.extend(node.children)

    def has_nodes(self) -> bool:
        return self._entry.count > 0 if self._nodes is None else bool(self._nodes)

    def column_outline(self) -> list[tuple[tuple[int, ...], str, str, int]]:
        return list(self._entry.columns)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, model.Plan):
            return NotImplemented
        return (self.meta, self.nodes) == (other.meta, other.nodes)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"StoredPlan(id={self.meta.id!r}, loaded={self.loaded})"

    def _read(self) -> list[model.Node]:
        plan = files.read(plan_path(self._entry.key), _PLAN_DECODER)
        if plan is not None and plan.meta == self.meta:
            return plan.nodes
        return _rebuild_one(self._source, self._entry)


def _indexed(plan: model.Plan, nodes: list[model.Node]) -> list[model.Node]:
    """Set parent, plan and path on every node (as `Plan.index` does) before anyone sees them."""

    def visit(children: list[model.Node], parent: model.Node | None, prefix: tuple[int, ...]) -> None:
        for i, node in enumerate(children, 1):
            node.parent = parent
            node.plan = plan
            node.path = prefix + (i,)
            visit(node.children, node, node.path)

    visit(nodes, None, ())
    return nodes


def _rebuild_one(source: Path, entry: PlanEntry) -> list[model.Node]:
    """The plan's nodes from its own lines of the plans file, when its store file went missing."""
    try:
        with open(source, "rb") as fh:
            fh.seek(entry.start)
            blob = fh.read(entry.end - entry.start)
    except OSError:
        blob = b""
    if store.key(blob, b"plan") != entry.key:  # the plans file changed since the start: load it as it is now
        from tui.core.load import PlansFileError, load_corpus

        try:
            now = load_corpus(source)
        except PlansFileError:
            return []
        same = next((p for p in now.plans if p.meta.id == entry.meta.id), None)
        return list(same.nodes) if same is not None else []
    from tui.core import schema

    parsed = _parse_plans([blob], {"version": schema.VERSION}, None)
    if parsed is None:
        return []
    plan = parsed[0]
    files.write(plan_path(entry.key), _ENCODER.encode(plan))
    return plan.nodes


def _parse_plans(blobs: list[bytes], header: dict[str, Any], progress: Progress | None) -> list[model.Plan] | None:
    """Each blob (one plan's lines) parsed, validated and built, not yet indexed; None on any problem."""
    from tui.core import schema

    data: list[Any] = []
    for i, blob in enumerate(blobs):
        got = _read_yaml(blob, "utf-8")
        if not isinstance(got, list) or len(got) != 1:
            return None
        data.append(got[0])
        if progress is not None:
            progress(i + 1, len(blobs))
    if schema.validate({**header, "plans": data}):
        return None
    try:
        return [model.Plan(meta=model.meta_from_dict(d["meta"]),
                           nodes=[model.node_from_dict(n) for n in d.get("nodes", [])]) for d in data]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


_UNREADABLE = object()


def _read_yaml(blob: bytes, encoding: str) -> Any:
    """One plan's (or the header's) lines read as the plans file is (`yamlpos`: no anchors or aliases,
    no impossible dates); `_UNREADABLE` on any problem, which sends the caller to the full load that
    reports it."""
    import yaml

    from tui.core import yamlpos

    try:
        doc = yamlpos.read(blob.decode(encoding))
    except (yamlpos.YamlProblem, yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError):
        return _UNREADABLE
    if doc.bad:  # the schema reports them at their path: the full load does
        return _UNREADABLE
    return doc.data


def _header(blob: bytes) -> dict[str, Any] | None:
    got = _read_yaml(blob, "utf-8-sig")
    if got is _UNREADABLE:
        return None
    if got is None:
        return {}
    return got if isinstance(got, dict) else None


def _corpus(path: Path, manifest: Manifest) -> model.Corpus:
    where = path.resolve()
    plans: list[model.Plan] = [StoredPlan(where, e) for e in manifest.plans]
    return model.Corpus(plans=plans, source=str(path), version=manifest.version)


def _known_entries() -> dict[str, PlanEntry]:
    """Plan entries named by the manifests in the store (their metadata, without decoding plans)."""
    out: dict[str, PlanEntry] = {}
    for p in files.newest(store.directory(), MANIFEST):
        m = files.read(p, _MANIFEST_DECODER)
        if m is not None:
            for e in m.plans:
                out.setdefault(e.key, e)
    return out


# -- knowing an unchanged file without reading it ----------------------------------------------------
# A plans file whose size, modification and change times (in ns) and inode are those recorded when
# it was last loaded has the content key recorded then: a warm start reads neither its 40 MB (at
# 500 plans) nor hashes them. Any difference at all (an edit, a copy, a touch) reads and hashes it.
# Only files last changed a few seconds before they were loaded are remembered (see `_remember`).
SEEN = "seen-"  # + a hash of the code's fingerprint: what other code recorded is not trusted
_SEEN_DECODER = msgspec.msgpack.Decoder(dict[str, tuple[int, int, int, int, str]])


Stamp = tuple[str, tuple[int, int, int, int]]


def stamp_of(path: Path) -> Stamp | None:
    """The file's resolved path and (size, mtime ns, ctime ns, inode); taken before it is read."""
    try:
        st = os.stat(path)
        return str(path.resolve()), (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    except OSError:
        return None


def _seen_path() -> Path:
    return store.directory() / f"{SEEN}{store.key(b'', b'seen')[:16]}{files.SUFFIX}"


def known_key(path: Path, stamp: Stamp | None = None) -> str | None:
    """The manifest key of the plans file if it is unchanged since it was last loaded, else None."""
    stamp = stamp or stamp_of(path)
    seen = files.read(_seen_path(), _SEEN_DECODER) if stamp is not None else None
    if stamp is None or seen is None:
        return None
    got = seen.get(stamp[0])
    return got[4] if got is not None and got[:4] == stamp[1] else None


RACY_NS = 3_000_000_000  # a file changed less than this ago is not remembered by its stamp


def _remember(mkey: str, stamp: Stamp | None) -> None:
    """Record that a file with this stamp (taken before its bytes were read) has this key."""
    if stamp is None or time.time_ns() - max(stamp[1][1], stamp[1][2]) < RACY_NS:
        # file times tick in steps of a few ms: an edit of the same size right after this load
        # could keep the same stamp, so a file changed just now is hashed at every load instead
        return
    where = _seen_path()
    seen = files.read(where, _SEEN_DECODER) or {}
    if seen.get(stamp[0]) != (*stamp[1], mkey):
        seen[stamp[0]] = (*stamp[1], mkey)
        files.write(where, _ENCODER.encode(dict(list(seen.items())[-64:])))


def load_unchanged(path: Path, stamp: Stamp | None) -> model.Corpus | None:
    """The corpus of a plans file unchanged since it was last loaded, without reading the file."""
    mkey = known_key(path, stamp)
    return _from_manifest(path, mkey) if mkey is not None else None


def _from_manifest(path: Path, mkey: str) -> model.Corpus | None:
    mpath = manifest_path(mkey)
    manifest = files.read(mpath, _MANIFEST_DECODER)
    if manifest is None:
        return None
    try:
        os.utime(mpath)  # most recently used: kept longest
    except OSError:
        pass
    # a plan file gone missing since is rebuilt from the plan's lines when it is first used
    return _corpus(path, manifest)


def load(path: Path, raw: bytes, progress: Progress | None = None, stamp: Stamp | None = None) -> model.Corpus | None:
    """The corpus of these bytes from the store (updating the store as needed), or None. `stamp`:
    the file's, taken before `raw` was read (see `_remember`)."""
    mkey = store.key(raw, b"corpus")
    got = _from_manifest(path, mkey)
    if got is not None:
        _remember(mkey, stamp)
        return got
    mpath = manifest_path(mkey)
    from tui.core.store import chunks  # (only after a change: a warm start reads no YAML)

    cut = chunks.split(raw)
    if cut is None:
        return None
    header = _header(cut.header)
    if header is None:
        return None
    known = _known_entries()
    view = memoryview(raw)  # (hashed in place: no copy of each plan's lines)
    keys = [store.key(view[s:e], b"plan") for s, e in cut.spans]
    todo = [i for i, k in enumerate(keys) if k not in known or not plan_path(k).exists()]
    from tui.core import schema

    if not todo and (header.get("version") != schema.VERSION or set(header) - {"version"}):
        return None  # let the full load say what is wrong with the header
    # (none to parse: every plan's lines are in the store already — a plan removed, plans reordered)
    built = _parse_plans([raw[cut.spans[i][0] : cut.spans[i][1]] for i in todo], header, progress) if todo else []
    if built is None:
        return None
    fresh = dict(zip(todo, built))
    for i, new in fresh.items():  # written before indexing (the node tree has no back links yet)
        files.write(plan_path(keys[i]), _ENCODER.encode(new))
    entries: list[PlanEntry] = []
    for i, (k, (s, e)) in enumerate(zip(keys, cut.spans)):
        new_plan = fresh.get(i)
        if new_plan is not None:
            _indexed(new_plan, new_plan.nodes)  # for the paths of its 专栏
            entries.append(PlanEntry(k, s, e, len(new_plan.nodes), new_plan.meta, new_plan.column_outline()))
        else:
            old = known[k]
            entries.append(PlanEntry(k, s, e, old.count, old.meta, old.columns))
    ids = [e.meta.id for e in entries]
    if len(set(ids)) != len(ids):
        return None  # duplicate ids across plans: the full load reports them
    manifest = Manifest(int(header.get("version", 1)), entries)
    if files.write(mpath, _ENCODER.encode(manifest)):
        _prune()
        _remember(mkey, stamp)
    corpus = _corpus(path, manifest)
    for i, new in fresh.items():  # already built: no need to decode them again
        corpus.plans[i].nodes = _indexed(corpus.plans[i], new.nodes)
    return corpus


def _prune() -> None:
    """Keep the `KEEP` newest manifests and the plan files they name."""
    directory = store.directory()
    manifests = files.newest(directory, MANIFEST)
    for old in manifests[KEEP:]:
        files.remove(old)
    named: set[str] = set()
    for p in manifests[:KEEP]:
        m = files.read(p, _MANIFEST_DECODER)
        if m is not None:
            named.update(e.key for e in m.plans)
    for p in files.newest(directory, PLAN):
        if p.name[len(PLAN) : -len(files.SUFFIX)] not in named:
            files.remove(p)
    current = _seen_path()
    for p in files.newest(directory, SEEN):
        if p != current:  # written by other code
            files.remove(p)
