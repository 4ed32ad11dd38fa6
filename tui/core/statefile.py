"""Reading and writing the small YAML files the app keeps (config, keymap, bookmarks), no UI imports.

`load_yaml_state(path, check, default)` returns `(value, problem)`: a missing file gives the default
and no problem; a file that cannot be read, is not YAML or fails `check` gives the default and a
one-line problem naming the file, and the bad file is moved aside (``NAME.corrupt``) and replaced by
the default, so the problem is reported once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.core.locations import atomic_write
from tui.core.textfile import safe_loader

# yaml is imported only when a state file exists or is written: a first start needs none of it.


def dump_yaml(value: Any) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=False)


def save_yaml_state(path: Path, value: Any, header: str = "") -> None:
    atomic_write(path, header + dump_yaml(value))


def load_yaml_state(
    path: Path, check: Callable[[Any], Any], default: Any, header: str = "",
    to_data: Callable[[Any], Any] = lambda value: value,
) -> tuple[Any, str | None]:
    """Load and check a state file. `check(raw)` returns the cleaned value or raises ValueError(reason)."""
    try:
        raw_text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default, None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        return default, _replace(path, to_data(default), header, f"cannot read: {reason}")
    import yaml

    try:
        raw = yaml.load(raw_text, Loader=safe_loader()) if raw_text.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return default, _replace(path, to_data(default), header, f"invalid YAML: {problem}", where)
    if raw is None:
        return default, None
    try:
        return check(raw), None
    except (ValueError, TypeError) as exc:
        return default, _replace(path, to_data(default), header, str(exc))


def _replace(path: Path, default: Any, header: str, reason: str, where: str = "") -> str:
    """Move the bad file aside and write the default; return the one-line problem."""
    aside = path.with_name(path.name + ".corrupt")
    note = ""
    try:
        os.replace(path, aside)
        note = f"; kept as {aside.name}"
    except OSError:
        pass
    try:
        save_yaml_state(path, default, header)
        fix = "replaced by defaults"
    except OSError as exc:
        fix = f"using defaults (cannot write: {exc.strerror})"
    return f"{path}{where}: {reason}: {fix}{note}"
