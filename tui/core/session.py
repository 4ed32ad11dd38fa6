"""Where the user left off: the back/forward history and the current place, kept across restarts
(`plans` reopens there). No UI imports.

The state file is ``session.yaml`` in the state directory, written atomically under its lock like
the bookmarks and settings (`tui.core.statefile`): keys this version does not know are kept, and of
two sessions open at once the one that closes last decides where the next start opens. A damaged
file is reported once and replaced; a key no longer in the data is dropped on load.

The session is read before the first frame (the first screen shows the place resumed), so each save
also keeps what it wrote as JSON (`statefile.remember_parsed`): the next start reads that instead of
importing PyYAML, as long as session.yaml still holds exactly the text written (else the YAML is read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.core import locations
from tui.core.history import Place
from tui.core.statefile import (
    StateFileError,
    dump_yaml,
    load_yaml_state,
    parse_yaml,
    remember_parsed,
    update_state,
)

HEADER = "# plans: where you left off (back/forward history); delete this file to start afresh\n"


class Session:
    """The back/forward history (node keys), the place in it and where the reader was at each entry
    (`places`: none, the keys' tops). (A plain class, not a dataclass: that one's generated methods were
    compiled as this module was imported, on the way to the first frame.)"""

    __slots__ = ("history", "pos", "places")

    def __init__(self, history: list[str] | None = None, pos: int = -1, places: list[Place] | None = None) -> None:
        self.history = [] if history is None else history
        self.pos = pos
        self.places = [] if places is None else places

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Session:
            return NotImplemented
        assert isinstance(other, Session)
        return (self.history, self.pos, self.places) == (other.history, other.pos, other.places)

    def __repr__(self) -> str:
        return f"Session(history={self.history!r}, pos={self.pos!r}, places={self.places!r})"

    @property
    def current(self) -> str | None:
        return self.history[self.pos] if 0 <= self.pos < len(self.history) else None


def session_file() -> Path:
    return locations.state_dir() / "session.yaml"


def _check(raw: Any) -> Session:
    if not isinstance(raw, dict):
        raise TypeError("expected a mapping (history: …)")
    history = raw.get("history", [])
    if not isinstance(history, list) or not all(isinstance(k, str) for k in history):
        raise ValueError("history: expected a list of node keys")
    pos = raw.get("pos", len(history) - 1)
    if not isinstance(pos, int) or isinstance(pos, bool):
        raise TypeError("pos: expected a number")
    raw_places = raw.get("places")  # (a damaged place is only a key: its node opens at the top)
    if not isinstance(raw_places, list):
        raw_places = []
    places = [Place.from_data(p) or Place(k) for k, p in zip(history, raw_places, strict=False)]
    if len(places) != len(history):
        places = []
    return Session(list(history), min(max(pos, -1), len(history) - 1), places)


def load_session() -> tuple[Session, str | None]:
    """The saved session (empty when there is none) and a one-line problem (a damaged file), or None."""
    return load_yaml_state(session_file(), _check, Session(), HEADER,
                           to_data=_data)


def _data(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = {"history": session.history, "pos": session.pos}
    if session.places:
        data["places"] = [p.to_data() for p in session.places]
    return data


def save_session(session: Session) -> None:
    """Write the session, keeping keys other versions wrote. Raises StateFileError (a Chinese line)."""
    path = session_file()
    written: list[tuple[str, dict[str, Any]]] = []

    def change(text: str | None) -> str:
        import yaml

        try:
            raw = parse_yaml(text) if text else None
        except yaml.YAMLError:  # a damaged file is simply replaced by this session's state
            raw = None
        merged: dict[str, Any] = dict(raw) if isinstance(raw, dict) else {}
        merged.pop("places", None)  # (an earlier save's, for another history)
        merged.update(_data(session))
        new = HEADER + dump_yaml(merged)
        written[:] = [(new, merged)]
        return new

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        update_state(path, change)
    except OSError as exc:  # the state directory itself cannot be made
        raise StateFileError(f"{path}：无法写入：{exc.strerror or exc}；这次的位置未保存") from exc
    for text, data in written:  # (keyed by the text's digest: another session's later save is not mistaken for it)
        remember_parsed(path, text, data)
