"""How a key is written wherever the user reads one: the footers (`PlansApp.get_key_display`), the help
(`?`), the hints beside lists and inputs. One style everywhere:

- keys named as on the keyboard, capitalised: Esc, Enter, Tab, F2, PgUp, PgDn, Home, End, Del;
- 空格 for the space bar, arrows as ↑ ↓ ← →, printable keys as typed: ?, /, {, G;
- ctrl as ``^`` (^p, ^t: the footers' short form), any other modifier spelt out: Shift+Tab, Alt+←.

(The keymap file's own syntax, ``main.copy: ctrl+y``, is Textual's key names and is left as it is.)
"""

from __future__ import annotations

NAMES = {
    "escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "空格", "pageup": "PgUp", "pagedown": "PgDn",
    "home": "Home", "end": "End", "delete": "Del", "backspace": "Backspace", "insert": "Ins",
    "up": "↑", "down": "↓", "left": "←", "right": "→",
}


def key_label(key: str) -> str:
    """One key (Textual's name, with its modifiers: ``ctrl+p``, ``escape``, ``left_curly_bracket``) as
    the user reads it."""
    from textual.keys import format_key

    *mods, name = key.strip().split("+")
    if name in NAMES:
        shown = NAMES[name]
    elif name[:1] == "f" and name[1:].isdigit():
        shown = name.upper()
    else:
        shown = format_key(name)  # `{` for left_curly_bracket, `?` for question_mark
        if not (len(shown) == 1 and shown.isascii()):
            shown = name  # (a name Textual has no one character for stays a name)
    ctrl = "ctrl" in mods
    if ctrl:
        mods.remove("ctrl")
        shown = shown.lower() if len(shown) == 1 else shown
    shown = "+".join([*(m.capitalize() for m in mods), shown])
    return f"^{shown}" if ctrl else shown


def keys_label(keys: str) -> str:
    """Several keys for one action (``escape,q`` or ``tab / shift+tab``): ``Esc / q``."""
    parts = [k.strip() for chunk in keys.split(",") for k in chunk.split(" / ")]
    return " / ".join(key_label(k) for k in parts if k)
