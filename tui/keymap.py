"""Checking the user keymap (keymap.yaml): keys Textual can never match and binding ids no screen has.

`check_keys(keymap)` runs before the keymap is applied: an entry such as ``main.copy: ctrl+`` or
``main.copy: yy`` names no key a terminal can send, so the key is dropped (an id left with no key is
dropped too) and each is reported once. `unknown_ids(keymap)` imports every screen and widget module
to learn the binding ids, so the app runs it in a worker after the first frame.
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata

from textual.binding import Binding
from textual.keys import KEY_ALIASES, KEY_NAME_REPLACEMENTS, Keys

from tui.core import locations

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
# key names Textual sends (without their modifiers), and the short names it uses for characters
_NAMES = {v.value.rsplit("+", 1)[-1] for v in Keys if not v.value.startswith("<")}
_NAMES |= set(KEY_NAME_REPLACEMENTS.values()) | {a for aliases in KEY_ALIASES.values() for a in aliases}
# the packages whose classes may carry bindings with ids
_PACKAGES = ("tui.screens", "widgets")


def key_problem(key: str) -> str | None:
    """Why `key` (one key, e.g. ``ctrl+y``) can never be pressed, in Chinese; None when it is a key."""
    if not key:
        return "没有写按键（应为文字，如 ctrl+y）"
    if key == "+":
        return None
    parts = key.split("+")
    *mods, name = parts
    if not name:
        return "“+”后面缺少按键名"
    for mod in mods:
        if mod not in MODIFIERS:
            return f"“{mod}”不是修饰键（可用 {'、'.join(MODIFIERS)}）"
    if len(set(mods)) != len(mods):
        return "修饰键重复"
    if len(name) == 1:
        return None if name.isprintable() and not name.isspace() else "不是可按的字符"
    if name in _NAMES or name.lower() in _NAMES:
        return None
    try:
        if len(unicodedata.lookup(name.replace("_", " "))) == 1:  # question_mark, left_square_bracket …
            return None
    except KeyError:
        pass
    return "没有这个按键名（一次只能绑定一个键，如 y、ctrl+y、f5、question_mark）"


def check_keys(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """(the keymap without keys that can never be pressed, one Chinese line for each dropped key)."""
    path = locations.keymap_file()
    clean: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        good = []
        for key in keys.split(",") if keys else [""]:
            why = key_problem(key)
            if why is None:
                good.append(key)
            else:
                problems.append(f"{path}：{binding_id}：按键“{key}”无效（{why}），已忽略")
        if good:
            clean[binding_id] = ",".join(good)
    return clean, problems


def _binding_classes() -> list[type]:
    """The app and every screen and widget class that has bindings (imports them all: not for start-up)."""
    from tui.app import PlansApp

    classes: list[type] = [PlansApp]
    for package_name in _PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{info.name}")
            classes += [obj for obj in vars(module).values()
                        if isinstance(obj, type) and getattr(obj, "BINDINGS", None) and obj not in classes]
    return classes


def known_ids() -> set[str]:
    """Every binding id of the app, its screens and its widgets (imports them all: not for start-up)."""
    return {b.id for cls in _binding_classes() for b in getattr(cls, "BINDINGS", ()) if isinstance(b, Binding) and b.id}


def clashes(keymap: dict[str, str]) -> list[str]:
    """One Chinese line for each binding that loses its key to a keymap entry on the same screen or widget:
    Textual gives the key to the entry and drops it from the other binding without a word (`main.search: q`
    and q no longer quits). A binding the keymap moves elsewhere loses nothing."""
    path = locations.keymap_file()
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    for cls in _binding_classes():
        merged = getattr(cls, "_merged_bindings", None)  # its own bindings and those it inherits, by key
        if merged is None:
            continue
        for binding in [b for group in merged.key_to_bindings.values() for b in group]:
            if not binding.id or binding.id not in keymap:
                continue
            for key in keymap[binding.id].split(","):
                for other in merged.key_to_bindings.get(key, []):
                    if other.id == binding.id or (other.id and other.id in keymap):
                        continue
                    name = other.id or f"{cls.__name__}.{other.action}"
                    if (name, key) in seen:
                        continue
                    seen.add((name, key))
                    out.append(f"{path}：“{key}”给了 {binding.id}，{name}（{other.description or other.action}）"
                               "在这里就没有这个键了")
    return out


def unknown_ids(keymap: dict[str, str], known: set[str] | None = None) -> list[str]:
    """One Chinese line for each keymap id that no binding has (such an entry does nothing)."""
    known = known_ids() if known is None else known
    path = locations.keymap_file()
    return [f"{path}：没有 id 为“{binding_id}”的按键，这一项已忽略（按 ? 可看到各键的 id）"
            for binding_id in keymap if binding_id not in known]
