"""Keep added plans in the user's data directory; rebuild the user plans file; remove a plan.

Layout (`userplans.plans_dir()` / ID /): ``original.<ext>`` (the file as given, byte for byte),
``ID.txt`` (the extracted document text the plan is built from), ``ID.yaml`` (its metadata in the
format of ``data/sources/*.yaml``, so a reviewer may add hints and `plans add --rebuild` applies them) and
``added.yaml`` (where it came from: file name, path, SHA-256, format). ``user-plans.yaml`` is built from
those directories after every add and remove, the way ``plans import`` builds ``data/plans.yaml``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from tui.core.adder.prepare import AddError, Prepared
from tui.core.importer.build import dump_corpus, import_corpus
from tui.core.importer.sources import Source, SourceError, load_source
from tui.core.locations import atomic_write
from tui.core.model import meta_to_dict
from tui.core.statefile import locked
from tui.core.userplans import plans_dir, plans_file

ORIGIN_FILE = "added.yaml"
WRITE_WAIT = 120.0  # seconds one `plans add` waits for another to finish (a big PDF takes a while)


@dataclass
class Stored:
    id: str
    dir: Path
    original: str  # the file name as given
    path: str  # the absolute path it was added from
    sha256: str
    format: str


@contextmanager
def writing() -> Iterator[None]:
    """One `plans add`/`plans remove` at a time: hold the user plans file's lock while choosing an id,
    writing the plan's directory and rebuilding the file, so two at once never take the same id or lose
    each other's plan. Raises `statefile.StateFileError` (one line naming the file) when it cannot."""
    with locked(plans_file(), wait=WRITE_WAIT):
        yield


def stored() -> list[Stored]:
    """Every added plan's record, by id."""
    out: list[Stored] = []
    root = plans_dir()
    if not root.is_dir():
        return out
    for d in sorted(root.iterdir()):
        if d.name.startswith("."):  # a plan being written or replaced
            continue
        rec = d / ORIGIN_FILE
        if not rec.is_file():
            continue
        try:
            data = yaml.safe_load(rec.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            out.append(Stored(id=d.name, dir=d, original=str(data.get("file", "")), path=str(data.get("path", "")),
                              sha256=str(data.get("sha256", "")), format=str(data.get("format", ""))))
    return out


def same_file(prepared: Prepared) -> Stored | None:
    """The stored plan added from exactly these bytes, if any (re-adding it is a no-op)."""
    return next((s for s in stored() if s.sha256 == prepared.sha256), None)


def previous_version(prepared: Prepared) -> Stored | None:
    """The stored plan this file updates: one added from the same path, or with the same id."""
    here = str(prepared.path.resolve())
    records = stored()
    return (next((s for s in records if s.path == here), None)
            or next((s for s in records if s.id == prepared.meta.id), None))


def free_id(pid: str, taken: set[str]) -> str:
    if pid not in taken:
        return pid
    n = 2
    while f"{pid}-{n}" in taken:
        n += 1
    return f"{pid}-{n}"


def save(prepared: Prepared, replaces: Stored | None, notes: list[str] | None = None) -> Path:
    """Write the plan's directory (replacing `replaces`'s) and rebuild the user plans file (`notes`
    gets the line saying where a damaged one was kept, see `rebuild`)."""
    pid = prepared.meta.id
    root = plans_dir()
    final = root / pid
    staging = root / f".{pid}.new"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    suffix = prepared.path.suffix.lower() or ".bin"
    atomic_write(staging / f"original{suffix}", prepared.path.read_bytes())
    atomic_write(staging / f"{pid}.txt", prepared.text)
    meta = meta_to_dict(prepared.meta)
    meta = {"id": meta.pop("id"), "order": 0, **meta}
    header = (f"# Metadata for {pid}.txt, read from {prepared.path.name} by `plans add`. Fields may be corrected\n"
              "# by hand, and hints added as in data/sources/*.yaml; then run `plans add --rebuild`.\n")
    body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1 << 20)
    atomic_write(staging / f"{pid}.yaml", header + body + "hints: {}\n")
    origin = {"file": prepared.path.name, "path": str(prepared.path.resolve()), "sha256": prepared.sha256,
              "format": prepared.extracted.format}
    atomic_write(staging / ORIGIN_FILE, yaml.safe_dump(origin, allow_unicode=True, sort_keys=False))
    old = root / f".{pid}.old"
    if old.exists():
        shutil.rmtree(old)
    if replaces is not None and replaces.dir.exists() and replaces.dir != final:
        shutil.rmtree(replaces.dir)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    try:
        note = rebuild()
    except AddError:
        shutil.rmtree(final)
        if old.exists():
            old.rename(final)
        raise
    if old.exists():
        shutil.rmtree(old)
    if note and notes is not None:
        notes.append(note)
    return final


def remove(pid: str, notes: list[str] | None = None) -> Stored:
    with writing():
        record = next((s for s in stored() if s.id == pid), None)
        if record is None:
            raise AddError(f"plans remove: no added plan {pid!r} (added plans: "
                           f"{', '.join(s.id for s in stored()) or 'none'})")
        shutil.rmtree(record.dir)
        note = rebuild(removed=pid)
        if note and notes is not None:
            notes.append(note)
        return record


def sources() -> list[Source]:
    out = []
    for i, rec in enumerate(stored()):
        try:
            source = load_source(rec.dir / f"{rec.id}.yaml")
        except SourceError as exc:
            raise AddError(str(exc)) from None
        source.order = i
        out.append(source)
    return out


def rebuild(removed: str = "") -> str:
    """Build user-plans.yaml from the stored plans (removed when there are none). The file it replaces
    is never lost: one that does not load (damaged, edited by hand) or that holds plans `plans/` does
    not (besides `removed`) is first moved aside; the line saying so is returned ("" when none was)."""
    srcs = sources()
    path = plans_file()
    corpus = None
    if srcs:
        try:
            corpus = import_corpus(srcs)
        except SourceError as exc:
            raise AddError(str(exc)) from None
    note = _set_aside(path, {s.id for s in stored()} | {removed}, rebuilt=corpus is not None)
    if corpus is None:
        path.unlink(missing_ok=True)
    else:
        atomic_write(path, dump_corpus(corpus).replace(
            "`plans import` from data/sources/ — do not edit; edit the sources and re-import.",
            "`plans add` from plans/ — do not edit; edit plans/ID/ID.yaml and run `plans add --rebuild`.", 1))
    return note


def _set_aside(path: Path, known: set[str], *, rebuilt: bool) -> str:
    """Move the user plans file aside (``user-plans.yaml.corrupt``, or ``.corrupt-2``… when taken) when
    rebuilding it would lose something: it does not load, or it holds plans not in `known`. The line
    saying why and where it went ("" when it was left to be replaced)."""
    from tui.core.i18n import english, t_line
    from tui.core.load import PlansFileError, load_corpus

    if not path.is_file():
        return ""
    try:
        extra = sorted({p.id for p in load_corpus(path, user_plans=False).plans} - known)
    except PlansFileError as exc:
        why = t_line(str(exc))
    else:
        if not extra:
            return ""
        why = (f"{path}: holds plans not in plans/ ({', '.join(extra)})" if english()
               else f"{path}：含有 plans/ 里没有的规划（{'、'.join(extra)}）")
    aside = path.with_name(path.name + ".corrupt")
    n = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{n}")
        n += 1
    path.rename(aside)
    if english():
        return f"{why}; kept as {aside.name}, " + ("rebuilt from the added plans" if rebuilt else "no plans are added")
    return f"{why}；原文件另存为 {aside.name}，" + ("已由已添加的规划重建" if rebuilt else "plans/ 里没有已添加的规划")


__all__ = ["Stored", "free_id", "previous_version", "rebuild", "remove", "same_file", "save", "stored", "writing"]
