"""What the schema checks are made of: a problem, a path, a value described for a one-line message,
and the typed field helpers every part of the walk uses (`Fields`)."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tui.core.textfile import format_path
from tui.core.textwidth import cut_chars
from tui.core.yamlpos import BadScalar

Path_ = tuple[str | int, ...]
YEAR_MIN, YEAR_MAX = 1949, 2100
LIMIT = 10_000  # problems kept; the rest are only counted (an exploded file must not fill memory)


@dataclass(frozen=True)
class Problem:
    path: Path_
    message: str

    @property
    def dotted(self) -> str:
        return format_path(self.path)


def show(value: Any, limit: int = 40) -> str:
    """A value for a one-line message: repr-like, control characters escaped, cut short."""
    if isinstance(value, BadScalar):
        s = value.text
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        s = cut_chars(str(value), limit)
    elif isinstance(value, str):
        s = repr(value)
    elif isinstance(value, dict):
        s = "a mapping"
    elif isinstance(value, list):
        s = "a list"
    else:
        s = repr(value)
    s = s.replace("\n", "\\n").replace("\r", "\\r")
    return cut_chars(s, limit)


def type_name(value: Any) -> str:
    if isinstance(value, BadScalar):
        return value.what
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer" if abs(value) < 10**40 else f"a {len(str(abs(value))):,}-digit integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "a date (quote it: '2021-07-25')"
    return type(value).__name__


def article(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def finite(v: float) -> bool:
    """A number that fits a float and is not inf or nan (a 400-digit integer does not fit)."""
    try:
        return math.isfinite(v)
    except OverflowError:
        return False


class Fields:
    """The problems found so far and the typed field helpers that add to them."""

    def __init__(self, limit: int | None = None) -> None:
        self.problems: list[Problem] = []
        self.limit = limit
        self.more = 0  # problems past the limit, counted but not kept

    def add(self, path: Path_, message: str) -> None:
        if self.limit is not None and len(self.problems) >= self.limit:
            self.more += 1
            return
        self.problems.append(Problem(path, message))

    def string(self, d: dict, key: str, path: Path_, *, required: bool = False, nonempty: bool = False) -> str | None:
        if key not in d:
            if required:
                self.add(path + (key,), "missing")
            return None
        v = d[key]
        if not isinstance(v, str):
            self.add(path + (key,), f"expected a string, got {type_name(v)} {show(v)}")
            return None
        if (required or nonempty) and not v.strip():
            self.add(path + (key,), "empty")
            return None
        return v

    def year(self, d: dict, key: str, path: Path_, *, required: bool = False, nullable: bool = False) -> int | None:
        if key not in d:
            if required:
                self.add(path + (key,), "missing")
            return None
        v = d[key]
        if v is None and nullable:
            return None
        if not is_int(v):
            self.add(path + (key,), f"expected a year (integer), got {type_name(v)} {show(v)}")
            return None
        if not YEAR_MIN <= v <= YEAR_MAX:
            self.add(path + (key,), f"implausible year {show(v)} (expected {YEAR_MIN}–{YEAR_MAX})")
            return None
        return v

    def str_list(self, d: dict, key: str, path: Path_) -> None:
        if key not in d:
            return
        v = d[key]
        if not isinstance(v, list):
            self.add(path + (key,), f"expected a list of strings, got {type_name(v)}")
            return
        for i, item in enumerate(v):
            if not isinstance(item, str) or not item:
                self.add(path + (key, i), f"expected a non-empty string, got {type_name(item)} {show(item)}")

    def boolean(self, d: dict, key: str, path: Path_) -> None:
        if key in d and not isinstance(d[key], bool):
            self.add(path + (key,), f"expected true or false, got {type_name(d[key])} {show(d[key])}")

    def mapping(self, v: Any, path: Path_, what: str) -> bool:
        if not isinstance(v, dict):
            self.add(path, f"expected {what} (a mapping), got {type_name(v)} {show(v)}")
            return False
        return True

    def unknown(self, d: dict, allowed: Iterable[str], path: Path_, where: str = "") -> None:
        allowed = set(allowed)
        for key in d:
            if key not in allowed:
                self.add(path + (key,) if isinstance(key, (str, int)) else path,
                         f"unknown field {show(key)}{where}")

