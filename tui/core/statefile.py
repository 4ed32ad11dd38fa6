"""Reading and writing the small YAML files the app keeps (config, keymap, bookmarks), no UI imports.

`load_yaml_state(path, check, default)` returns `(value, problem)`: a missing file gives the default
and no problem. A file whose *content* is bad (not UTF-8, not YAML, fails `check`) gives the default
and a one-line problem naming the file; the bad file is moved aside (``NAME.corrupt``) and replaced by
the default, so the problem is reported once. A file that cannot be *read* (no permission, a
directory in its place, an I/O error) is not corrupt: the problem says why it cannot be read and the
file is left exactly as it is.

Two sessions share these files, so a change is saved with `update_state(path, read, change, write)`:
under an exclusive lock (``.NAME.lock`` beside the file, `fcntl.flock`) the file is read again, this
session's change is applied to what is on disk, and the result is written atomically. A file that
cannot be read then is never overwritten: `StateFileError` says why.

PyYAML is slow to import (~15 ms) and these files are read before the first frame (the session to
resume, the settings). So what a state file's YAML parsed to is kept beside it, as JSON in the cache
directory (`remember_parsed`), under a digest of the file's exact text: a later load whose text has
that digest takes the JSON and never imports yaml (`load_yaml_state`). Any other text (edited by
hand, written by another version, the JSON missing or damaged) is parsed as YAML, as it always was.
The state files themselves are written exactly as before.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.core import locations
from tui.core.i18n import t_line, yaml_problem
from tui.core.locations import atomic_write

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locking, last writer wins
    fcntl = None  # type: ignore[assignment]

# yaml is imported only when a state file exists or is written: a first start needs none of it.

LOCK_WAIT = 5.0  # seconds to wait for another session's save before giving up

_ERRNO_ZH = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "那里是一个目录",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统只读",
    errno.EIO: "读写出错",
    errno.ENOENT: "文件或目录不存在",
}


class StateFileError(Exception):
    """A state file that could not be read or written; the message is one Chinese line naming it."""


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in Chinese with the system's own words: ``没有权限（Permission denied）``."""
    zh = _ERRNO_ZH.get(exc.errno or 0)
    en = exc.strerror or type(exc).__name__
    return f"{zh}（{en}）" if zh else en


def dump_yaml(value: Any) -> str:
    import yaml

    from tui.core.yamlc import SafeDumper

    return yaml.dump(value, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, default_flow_style=False)


def parse_yaml(text: str) -> Any:
    import yaml

    from tui.core.yamlc import SafeLoader

    return yaml.load(text, Loader=SafeLoader) if text.strip() else None


def save_yaml_state(path: Path, value: Any, header: str = "") -> None:
    atomic_write(path, header + dump_yaml(value))


def signature(path: Path) -> tuple[int, int, int] | None:
    """What changes whenever the file is replaced or written: (inode, size, mtime in ns); None if absent."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on path's lock file (``.NAME.lock`` beside it) for the block, waiting up to
    `wait` seconds (LOCK_WAIT, read at the call) for another process (or thread) holding it."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    lock = path.with_name(f".{path.name}.lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StateFileError(f"{path}：无法加锁保存：{os_reason(exc)}") from exc
    try:
        deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:  # a session holds it far longer than any save takes
                    raise StateFileError(f"{path}：另一个 plans 会话一直占着它（{lock.name}），这次的更改未保存") from None
                time.sleep(0.01)
            except OSError as exc:  # a file system without locks: save anyway, as before locking
                if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                    break
                raise StateFileError(f"{path}：无法加锁保存：{os_reason(exc)}") from exc
        yield
    finally:
        os.close(fd)  # closing releases the lock


def read_text(path: Path) -> str | None:
    """The file's text, or None when it does not exist. Raises OSError (cannot read it) or
    UnicodeDecodeError (not UTF-8)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def update_state(path: Path, change: Callable[[str | None], str]) -> None:
    """Save one session's change without losing another session's: under the file's lock, read the
    file as it is now, let `change(text_or_None)` return the new text, and write it atomically.
    `change` raises StateFileError to refuse (e.g. the file on disk is corrupt). Raises StateFileError
    when the file cannot be read (it is then left alone) or written."""
    with locked(path):
        try:
            text = read_text(path)
        except OSError as exc:
            raise StateFileError(f"{path}：无法读取：{os_reason(exc)}；文件保持原样，这次的更改未保存") from exc
        except UnicodeDecodeError as exc:
            raise StateFileError(f"{path}：不是 UTF-8 文本；文件保持原样，这次的更改未保存") from exc
        new = change(text)
        try:
            atomic_write(path, new)
        except OSError as exc:
            raise StateFileError(f"{path}：无法写入：{os_reason(exc)}；这次的更改未保存") from exc


PARSED_DIR = "parsed"  # in the cache directory: what state files parsed to (JSON)
PARSED_FORMAT = 1


def parsed_path(path: Path) -> Path:
    """Where what `path` parsed to is kept: named for the file and a hash of where it is."""
    from tui.core.store import blake2b

    where = blake2b(str(path.absolute()).encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return locations.cache_dir() / PARSED_DIR / f"{path.name}-{where}.json"


def _digest(text: str) -> str:
    from tui.core.store import blake2b

    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


def _parsed_enabled() -> bool:
    return os.environ.get("PLANS_NO_CACHE", "") in ("", "0")  # the one switch for every cache


def recall_parsed(path: Path, text: str) -> tuple[bool, Any]:
    """(True, data) when `remember_parsed` kept what this exact text of `path` parses to; else (False, None)."""
    if not _parsed_enabled():
        return False, None
    import msgspec  # (imported by the corpus store already: the json module is ~1 ms of a start more)

    try:
        got = msgspec.json.decode(parsed_path(path).read_bytes())
    except (OSError, ValueError, RecursionError):  # missing, unreadable or damaged: YAML it is
        return False, None
    if (not isinstance(got, dict) or got.get("format") != PARSED_FORMAT or "data" not in got
            or got.get("digest") != _digest(text)):
        return False, None
    return True, got["data"]


def remember_parsed(path: Path, text: str, data: Any) -> None:
    """Keep what `text` (the file's whole text) parses to, for the next `load_yaml_state`. Never fails
    (a cache: a start without it only takes longer)."""
    _keep_parsed(path, _parsed_blob(text, data))


def _parsed_blob(text: str, data: Any) -> str | None:
    """The JSON kept for this text and data; None when JSON would not give the data back exactly (a
    date, a number as a key: that file is read as YAML each time)."""
    if not _parsed_enabled():
        return None
    import json

    try:
        blob = json.dumps({"format": PARSED_FORMAT, "digest": _digest(text), "data": data}, ensure_ascii=False)
        return blob if json.loads(blob)["data"] == data else None
    except (TypeError, ValueError, RecursionError):
        return None


PARSED_KEEP = 64  # JSON files kept (the newest): `plans serve` gives every browser state files of its own


def _keep_parsed(path: Path, blob: str | None) -> None:
    if blob is None:
        return
    where = parsed_path(path)
    try:
        atomic_write(where, blob, sync=False)
    except OSError:
        return
    _prune_parsed(where.parent)


def _prune_parsed(directory: Path) -> None:
    """Remove all but the `PARSED_KEEP` newest JSON files (one whose state file was in use goes
    only when 64 others were written since; the next load writes it again)."""
    try:
        entries = [(e.stat().st_mtime, e.path) for e in os.scandir(directory) if e.name.endswith(".json")]
    except OSError:
        return
    if len(entries) <= PARSED_KEEP:
        return
    entries.sort(reverse=True)
    for _, old in entries[PARSED_KEEP:]:
        try:
            os.unlink(old)
        except OSError:
            pass


def load_yaml_state(
    path: Path, check: Callable[[Any], Any], default: Any, header: str = "",
    to_data: Callable[[Any], Any] = lambda value: value,
) -> tuple[Any, str | None]:
    """Load and check a state file. `check(raw)` returns the cleaned value or raises ValueError(reason)."""
    try:
        raw_text = read_text(path)
    except OSError as exc:
        return default, unreadable(path, exc)
    except UnicodeDecodeError:
        return default, _replace(path, to_data(default), header, "不是 UTF-8 文本")
    if raw_text is None:
        return default, None
    known, raw = recall_parsed(path, raw_text)
    if not known:
        raw, problem = _parse_state(path, raw_text, default, header, to_data)
        if problem is not None:
            return default, problem
    if raw is None:
        return default, None
    blob = None if known else _parsed_blob(raw_text, raw)  # (before `check` sees raw)
    try:
        value = check(raw)
    except (ValueError, TypeError) as exc:
        return default, _replace(path, to_data(default), header, t_line(str(exc)))
    _keep_parsed(path, blob)  # only what passed the check is kept
    return value, None


def _parse_state(path: Path, raw_text: str, default: Any, header: str,
                 to_data: Callable[[Any], Any]) -> tuple[Any, str | None]:
    """The file's YAML, or (None, the one-line problem) once the bad file is set aside."""
    import yaml

    try:
        return parse_yaml(raw_text), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = yaml_problem(getattr(exc, "problem", None) or "invalid YAML")
        return None, _replace(path, to_data(default), header, f"YAML 有误：{problem}", where)
    except (ValueError, OverflowError) as exc:  # e.g. an unquoted impossible date: 2021-02-30
        return None, _replace(path, to_data(default), header, f"值有误：{exc}")


def unreadable(path: Path, exc: OSError, meanwhile: str = "本次使用默认设置") -> str:
    """The one-line problem for a state file that exists but cannot be read (it is left alone)."""
    return f"{path}：无法读取：{os_reason(exc)}；{meanwhile}，文件保持原样、不会被覆盖"


def _replace(path: Path, default: Any, header: str, reason: str, where: str = "") -> str:
    """Move the bad file aside and write the default; return the one-line problem."""
    aside = path.with_name(path.name + ".corrupt")
    note = ""
    try:
        os.replace(path, aside)
        note = f"（原文件另存为 {aside.name}）"
    except OSError:
        pass
    try:
        save_yaml_state(path, default, header)
        fix = "已换成默认设置"
    except OSError as exc:
        fix = f"本次使用默认设置（无法写入：{os_reason(exc)}）"
    return f"{path}{where}：{reason}：{fix}{note}"
