"""Bookmarks kept across runs in `locations.bookmarks_file()` (no UI imports).

The file is YAML, one bookmark a line, so that it stays cheap at any size::

    # plans bookmarks: one a line
    - {key: "hz-2021/3.1", label: "浙江省 › 湖州市 › …", plan: "湖州", added: "2026-07-01T09:30:00"}

Any YAML list of ``{key, label, plan, added}`` mappings loads too (the line format is parsed
directly; anything else goes through the YAML parser). A corrupt file is reported once and replaced
by an empty list (the bad file kept aside); an unreadable one (no permission, a directory in its
place) is reported and left alone, and nothing is saved over it.

Two sessions may share the file. Every change is saved under the file's lock after re-reading the
file if another session changed it since this one last read or wrote it, so each session's additions
and removals survive. Adding is an append of one line when the file is as this session left it; a
removal rewrites the file (atomically). A save that fails leaves the list as it is on disk and
raises `StateFileError` (a Chinese one-line message).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from tui.core import locations
from tui.core.record import Slotted
from tui.core.statefile import (
    StateFileError,
    load_yaml_state,
    locked,
    os_reason,
    parse_yaml,
    read_text,
    signature,
    unreadable,
)

HEADER = "# plans bookmarks: one a line (key, label, plan, added)\n"
EMPTY = HEADER + "[]\n"


class Bookmark(Slotted):
    __slots__ = ("key", "label", "plan", "added")

    def __init__(self, key: str, label: str, plan: str = "", added: str = "") -> None:
        self.key = key  # Node.key
        self.label = label  # what the user saw (breadcrumb)
        self.plan = plan  # plan short name
        self.added = added  # ISO timestamp


def _check(raw: Any) -> list[Bookmark]:
    if not isinstance(raw, list):
        raise ValueError("expected a list of bookmarks")
    out: list[Bookmark] = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise ValueError(f"bookmark {i}: expected a mapping with a key")
        out.append(Bookmark(key=item["key"], label=str(item.get("label", "")), plan=str(item.get("plan", "")),
                            added=str(item.get("added", ""))))
    return out


# -- the line format: YAML double-quoted scalars, escaping what YAML would not keep verbatim ----------
_ESCAPE = '["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]'
_ESC = r'\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|["\\])'  # only the escapes `_quote` writes
_Q = rf'"[^"\\]*(?:{_ESC}[^"\\]*)*"'  # a double-quoted scalar (unrolled: fast on long lines)
_S = rf'"([^"\\]*(?:{_ESC}[^"\\]*)*)"'  # the same, capturing its inside
_LINE = rf"- \{{key: {_S}, label: {_S}, plan: {_S}, added: {_S}\}}\Z"
_ENTRY = rf"- \{{key: {_Q}, label: {_Q}, plan: {_Q}, added: {_Q}\}}"
# a whole file in the line format: comment lines, blank lines and entries (validated in one C-level pass)
_FILE = rf"(?:(?:#[^\n]*|{_ENTRY})?\n)*(?:#[^\n]*|{_ENTRY})?"
_KEYS = rf"(?m)^- \{{key: {_S}"
_UNESCAPE = r'\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(["\\]))'


@cache
def _rx(pattern: str) -> re.Pattern[str]:
    """A pattern above, compiled on first use: compiling them all (`_FILE` alone takes several ms) was
    part of every start, bookmarks or none."""
    return re.compile(pattern)


def _unesc(m: re.Match[str]) -> str:
    hexa = m.group(1) or m.group(2) or m.group(3)
    return chr(int(hexa, 16)) if hexa else m.group(4)


def _unquote(s: str) -> str:
    return _rx(_UNESCAPE).sub(_unesc, s) if "\\" in s else s


def _esc(m: re.Match[str]) -> str:
    c = m.group()
    if c in '"\\':
        return "\\" + c
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def _quote(s: str) -> str:
    return '"' + _rx(_ESCAPE).sub(_esc, s) + '"'


def line_of(b: Bookmark) -> str:
    return f"- {{key: {_quote(b.key)}, label: {_quote(b.label)}, plan: {_quote(b.plan)}, added: {_quote(b.added)}}}"


def bookmark_of(line: str) -> Bookmark:
    """The bookmark a line in the line format (as validated by `_fast_parse`) holds."""
    m = _rx(_LINE).match(line)
    if m is None:  # not from `_fast_parse` or `line_of`
        raise ValueError(f"not a bookmark line: {line[:60]!r}")
    key, label, plan, added = (_unquote(g) for g in m.groups())
    return Bookmark(key, label, plan, added)


Entries = dict[str, str]  # key -> its line in the file (no newline), in file order; parsed when shown


def _fast_parse(text: str) -> Entries | None:
    """The entries of a file in the line format, or None when it is in any other form. The whole text
    is validated by one regular expression and the keys found by another, so 100,000 bookmarks cost
    two passes in C; each bookmark is parsed only when it is shown."""
    if _rx(_FILE).fullmatch(text) is None:
        body = [line for line in text.split("\n") if line and not line.startswith("#")]
        return {} if body == ["[]"] else None
    keys = _rx(_KEYS).findall(text)
    lines = [line for line in text.split("\n") if line.startswith("- {")]
    entries: Entries = {}
    for key, line in zip(keys, lines):
        key = _unquote(key)
        if key not in entries:
            entries[key] = line
    return entries


def _entries(items: list[Bookmark]) -> Entries:
    entries: Entries = {}
    for b in items:
        if b.key not in entries:
            entries[b.key] = line_of(b)
    return entries


def _text(entries: Entries) -> str:
    if not entries:
        return EMPTY
    return HEADER + "\n".join(entries.values()) + "\n"


_UNREAD = "unread"  # `_sig` when what is on disk must be read before it is changed


class Bookmarks:
    """The bookmark list; every change is saved at once, merged with other sessions' changes."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or locations.bookmarks_file()
        self._entries: Entries = {}
        # the file's signature as this session last read or wrote it (None: there was no file)
        self._sig: tuple[int, int, int] | str | None = _UNREAD
        self._appendable = False  # the file is in the line format and ends with a newline
        self.problem: str | None = None

    @property
    def items(self) -> list[Bookmark]:
        return [bookmark_of(line) for line in self._entries.values()]

    def size(self) -> int:
        """The file's size in bytes (0 when it is missing or cannot be examined)."""
        try:
            return os.stat(self.path).st_size
        except OSError:
            return 0

    def load(self) -> Bookmarks:
        self.problem = None
        sig = signature(self.path)
        try:
            text = read_text(self.path)
        except OSError as exc:
            self.problem = unreadable(self.path, exc, "本次书签列表为空")
            self._entries, self._sig = {}, _UNREAD
            return self
        except UnicodeDecodeError:
            text = ""  # not UTF-8: the YAML path below reports it and sets it aside
        if text is None:
            self._entries, self._sig, self._appendable = {}, None, False
            return self
        entries = _fast_parse(text) if text else None
        if entries is not None:
            self._entries, self._sig, self._appendable = entries, sig, bool(entries) and text.endswith("\n")
            return self
        items, self.problem = load_yaml_state(self.path, _check, [])
        self._entries, self._sig, self._appendable = _entries(items), _UNREAD, False
        return self

    def refresh(self) -> bool:
        """Catch up with changes another session saved (a stat when there are none); True if the list
        changed. A file that cannot be read now is left for the next save to report."""
        if signature(self.path) == self._sig:
            return False
        try:
            with locked(self.path):
                sig = signature(self.path)
                entries, appendable = self._read_for_merge()
        except StateFileError:
            return False
        changed = list(entries) != list(self._entries)
        self._entries, self._appendable, self._sig = entries, appendable, sig
        return changed

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, key: str, label: str, plan: str = "") -> Bookmark:
        """Add (or find) the bookmark for key and save. Raises StateFileError when it cannot be saved
        (the list is then as it is on disk, without it)."""
        bookmark = Bookmark(key=key, label=label, plan=plan, added=_dt.datetime.now().isoformat(timespec="seconds"))
        found: list[Bookmark] = []

        def apply(entries: Entries) -> str | None:
            if key in entries:
                found.append(bookmark_of(entries[key]))
                return None
            line = line_of(bookmark)
            entries[key] = line
            return line

        self._change(apply)
        return found[0] if found else bookmark

    def remove(self, key: str) -> bool:
        """Remove the bookmark for key and save; False if there was none. Raises StateFileError when
        the change cannot be saved."""
        removed: list[bool] = []

        def apply(entries: Entries) -> str | None:
            if entries.pop(key, None) is not None:
                removed.append(True)
                return ""  # a rewrite
            return None

        self._change(apply)
        return bool(removed)

    # -- saving -------------------------------------------------------------------------------------
    def _read_for_merge(self) -> tuple[Entries, bool]:
        """What is on disk now (under the lock): (entries, appendable). Raises StateFileError when it
        cannot be read or is not a bookmarks file (it is then left alone)."""
        try:
            text = read_text(self.path)
        except OSError as exc:
            raise StateFileError(f"{self.path}：无法读取：{os_reason(exc)}；书签文件保持原样，这次的更改未保存") from exc
        except UnicodeDecodeError as exc:
            raise StateFileError(f"{self.path}：不是 UTF-8 文本；书签文件保持原样，这次的更改未保存") from exc
        if text is None:
            return {}, False
        entries = _fast_parse(text)
        if entries is not None:
            return entries, bool(entries) and text.endswith("\n")
        import yaml

        try:
            raw = parse_yaml(text)
            return (_entries(_check(raw)) if raw is not None else {}), False
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            reason = getattr(exc, "problem", None) or str(exc)
            raise StateFileError(f"{self.path}：内容有误（{reason}）；书签文件保持原样，这次的更改未保存") from exc

    def _change(self, apply: Callable[[Entries], str | None]) -> None:
        """Under the lock: bring the list up to date with the file if another session changed it, let
        `apply` change a copy (it returns None: nothing to save; a line: append it; "": rewrite), save."""
        with locked(self.path):
            sig = signature(self.path)
            if sig != self._sig:
                self._entries, self._appendable = self._read_for_merge()
                self._sig = sig
            entries = dict(self._entries)
            line = apply(entries)
            if line is None:
                return
            try:
                if line and self._appendable and sig is not None:
                    self._append(line, sig[1])
                else:
                    locations.atomic_write(self.path, _text(entries))
            except OSError as exc:
                self._sig = _UNREAD  # read it again before the next change
                raise StateFileError(f"{self.path}：无法保存书签：{os_reason(exc)}；这次的更改未保存") from exc
            self._entries = entries
            self._sig = signature(self.path)
            self._appendable = bool(entries)

    def _append(self, line: str, size: int) -> None:
        """Append one line (one write, synced); on failure cut the file back to `size` bytes."""
        blob = (line + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            try:
                written = os.write(fd, blob)
                if written != len(blob):
                    raise OSError(28, os.strerror(28))  # ENOSPC: a short write
                os.fsync(fd)
            except OSError:
                try:
                    os.ftruncate(fd, size)
                except OSError:
                    pass
                raise
        finally:
            os.close(fd)
