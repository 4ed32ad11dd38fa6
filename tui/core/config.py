"""User configuration (config.yaml) and the user keymap (keymap.yaml), no UI imports.

config.yaml::

    theme: plans-paper      # one of the app's themes (or any Textual theme name)
    detail: true            # show the 专栏 detail pane beside the reader when there is room

keymap.yaml maps binding ids to keys (comma-separated for several)::

    main.copy: ctrl+y
    main.back: alt+left,b

Both are read with `tui.core.statefile.load_yaml_state`: a corrupt file is reported once (the
returned problem) and replaced by defaults; an unreadable one is reported and left alone. Settings
are saved one change at a time, merged under a lock with what other sessions saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from tui.core import locations
from tui.core.record import Slotted
from tui.core.statefile import (
    StateFileError,
    dump_yaml,
    load_yaml_state,
    parse_yaml,
    update_state,
)

DEFAULT_THEME = "plans-paper"
KEYMAP_HEADER = (
    "# plans keymap: binding id -> key(s), e.g.\n"
    "#   main.copy: ctrl+y\n"
    "# The ids are listed in the help screen (press ?).\n"
)


class Config(Slotted):
    __slots__ = ("theme", "detail", "tree_width")

    def __init__(self, theme: str = DEFAULT_THEME, detail: bool = True, tree_width: int = 0) -> None:
        self.theme = theme
        self.detail = detail
        self.tree_width = tree_width  # cells; 0: the layout's own (30% of the screen, 27 when narrow)


def _check_config(raw: Any) -> Config:
    if not isinstance(raw, dict):
        raise ValueError("expected a mapping (theme: …)")
    config = Config()
    for key, value in raw.items():
        if key == "theme":
            if not isinstance(value, str) or not value.strip():
                raise ValueError("theme: expected a theme name")
            config.theme = value.strip()
        elif key == "tree_width":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1000:
                raise ValueError("tree_width: expected a width in cells (0: automatic)")
            config.tree_width = value
        elif key == "detail":
            if not isinstance(value, bool):
                raise ValueError("detail: expected true or false")
            config.detail = value
        # unknown keys are ignored so a newer config file still loads
    return config


def _edit_lines(text: str, changed: dict[str, Any]) -> str | None:
    """`text` with each changed setting's own top-level line rewritten (a comment after it kept) or,
    when it has none, a line added at the end; None when a value is not one line of YAML."""
    lines = text.splitlines()
    for key, value in changed.items():
        line = dump_yaml({key: value}).rstrip("\n")
        if "\n" in line:
            return None
        pattern = re.compile(rf"^{re.escape(key)}\s*:(?P<value>[^#]*?)(?P<comment>\s+#.*)?$")
        at = [i for i, old in enumerate(lines) if pattern.match(old)]
        if len(at) > 1:
            return None
        if at:
            m = pattern.match(lines[at[0]])
            assert m is not None
            lines[at[0]] = line + (m.group("comment") or "")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def load_config() -> tuple[Config, str | None]:
    return load_yaml_state(locations.config_file(), _check_config, Config(), to_data=Config.as_dict)


def save_config(config: Config, fields: Iterable[str] | None = None) -> None:
    """Save `fields` of config (all when None) into config.yaml, merged under its lock with what is on
    disk now: another session's changes to other settings, and keys this version does not know, are
    kept. Raises StateFileError (a Chinese line) when the file cannot be read or written, or is not a
    valid config file (it is then left alone)."""
    data = config.as_dict()
    changed = {name: data[name] for name in (data if fields is None else fields)}
    path = locations.config_file()

    def change(text: str | None) -> str:
        import yaml

        try:
            raw = parse_yaml(text) if text else None
            if raw is not None:
                _check_config(raw)
        except (yaml.YAMLError, ValueError) as exc:
            reason = getattr(exc, "problem", None) or str(exc)
            raise StateFileError(f"{path}：内容有误（{reason}）；文件保持原样，设置未保存") from exc
        merged: dict[str, Any] = dict(raw) if isinstance(raw, dict) else {}
        merged.update(changed)
        kept = _edit_lines(text or "", changed)  # the user's comments and layout kept where we can
        if kept is not None and parse_yaml(kept) == merged:
            return kept
        return dump_yaml(merged)

    update_state(path, change)


def _check_keymap(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ValueError("expected a mapping of binding id to key")
    # One bad entry must not cost the user the rest of the keymap: an entry whose value is not a key
    # is kept with an empty key, which `tui.keymap.check_keys` reports and drops (and an id that is
    # not text is reported as an unknown id).
    out: dict[str, str] = {}
    for binding_id, keys in raw.items():
        if isinstance(keys, list) and all(isinstance(k, (str, int)) and not isinstance(k, bool) for k in keys):
            keys = ",".join(str(k) for k in keys)
        elif isinstance(keys, int) and not isinstance(keys, bool):
            keys = str(keys)  # `main.tables: 5`
        if not isinstance(keys, str):
            keys = ""
        out[str(binding_id)] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return out


def load_keymap() -> tuple[dict[str, str], str | None]:
    return load_yaml_state(locations.keymap_file(), _check_keymap, {}, header=KEYMAP_HEADER)
