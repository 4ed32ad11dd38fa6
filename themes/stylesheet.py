"""The app's style sheet object: Textual's, parsing each piece of CSS once, not once per start.

Textual parses the CSS of each widget class the first time one mounts (the tree's, the reader's,
the app's own …), about a third of the styling on the way to the first frame, and the same again for
each screen's first open. It keeps what it parsed only for the process, and less than that: setting
the theme (which `PlansApp` does as it starts) re-parses every source in a fresh style sheet and throws
that one's cache away (`Stylesheet.reparse`), so the app's own CSS was parsed twice per start.

`PlansStylesheet` keeps the rules its `reparse` parsed, and with a `ParsedCSS` looks each source up
among the rules parsed by earlier runs before parsing it: a file in the cache directory, one entry per
(CSS text, where it came from, theme variables), for the Textual installed when it was written
(`_textual_stamp`: another one, and the file starts afresh). An entry is
pickled Textual CSS objects, read back by an unpickler that knows only those classes (`_ALLOWED`): an
entry naming anything else is a miss, as is a corrupt or foreign file, so the CSS is parsed as before.
"""

from __future__ import annotations

import io
import pickle
import sys
import threading
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import msgspec
from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

try:  # the BLAKE2 module itself: `hashlib` would load OpenSSL too
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 1  # bump when what an entry holds changes
MAX_ENTRIES = 2000  # beyond this many, a save keeps only the entries its run used (~400 per theme)

# What parsed CSS is made of (every widget's CSS in this app and Textual's, checked by
# tests/test_css_cache.py): the only globals an entry may name.
_ALLOWED = {
    "textual.color": {"Color"},
    "textual.css.model": {"RuleSet", "Selector", "SelectorSet", "SelectorType", "CombinatorType", "_check_class",
                          "_check_id", "_check_type", "_check_universal"},
    "textual.css.scalar": {"Scalar", "ScalarOffset", "Unit"},
    "textual.css.styles": {"Styles"},
    "textual.geometry": {"Spacing"},
    "textual.layouts.grid": {"GridLayout"},
    "textual.layouts.horizontal": {"HorizontalLayout"},
    "textual.layouts.vertical": {"VerticalLayout"},
    "textual.layouts.stream": {"StreamLayout"},
    "functools": {"partial"},  # (a selector's check: one of the _check_ functions above, with its name)
}
_ENUMS = {("textual.css.model", "SelectorType"), ("textual.css.model", "CombinatorType"), ("textual.css.scalar", "Unit")}


class _Unpickler(pickle.Unpickler):
    """Only the classes and functions parsed CSS is made of (`_ALLOWED`); enum members by name; a dict's `get` and `__contains__`."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name == "getattr":  # how an enum member is pickled, getattr(Enum, "NAME"),
            return _attribute  # and a style's `get_rule`/`has_rule` (its rules' dict's `get`/`__contains__`)
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of parsed CSS")


def _attribute(obj: Any, name: str) -> Any:
    if type(obj) is dict and name in ("get", "__contains__"):
        return getattr(obj, name)
    if isinstance(obj, type) and issubclass(obj, Enum) and (obj.__module__, obj.__name__) in _ENUMS \
            and name in obj.__members__:
        return obj.__members__[name]
    raise pickle.UnpicklingError(f"the attribute {name!r} of a {type(obj).__name__} is not part of parsed CSS")


_FILE_DECODER = msgspec.msgpack.Decoder(dict[str, bytes])
_STAMP = "textual"  # the file's entry naming the Textual it was written for
# the modules that parse CSS and make what it is parsed into
_PARSING = ("textual.css.parse", "textual.css.tokenize", "textual.css.tokenizer", "textual.css._styles_builder",
            "textual.css.stylesheet", "textual.css.model", "textual.css.scalar", "textual.css.styles",
            "textual.color", "textual.geometry")  # (all imported with textual.css.stylesheet)


def _textual_stamp() -> bytes:
    """Which Textual this is: the size and time of each module file that parses CSS or makes what it is
    parsed into (an upgrade, or an edit, rewrites them). Cheaper than asking for its version
    (importlib.metadata: several ms)."""
    parts = []
    for name in _PARSING:
        file = getattr(sys.modules.get(name), "__file__", None)
        try:
            info = Path(file).stat() if file else None
        except OSError:
            info = None
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}" if info else name)
    return "\n".join(parts).encode()


class ParsedCSS:
    """Parsed rules by digest, from the file at `path` (read once) and parsed in this run (`save()`d)."""

    def __init__(self, path: Path | None, saved: dict[str, bytes] | None = None) -> None:
        self.path = path
        self._saved = saved or {}
        self._lock = threading.Lock()  # (`save` may run in a thread while the app looks entries up)
        self._new: dict[str, list[RuleSet]] = {}
        self._used: set[str] = set()  # read or parsed in this run

    @classmethod
    def load(cls, directory: Path) -> ParsedCSS:
        path = directory / f"css-{FORMAT}.msgpack"
        try:
            saved = _FILE_DECODER.decode(path.read_bytes())
        except (OSError, msgspec.DecodeError, msgspec.ValidationError, ValueError):
            saved = {}
        stamp = _textual_stamp()
        if saved.get(_STAMP) != stamp:  # written for another Textual (or none): nothing in it is used
            saved = {_STAMP: stamp}
        return cls(path, saved)

    def get(self, digest: str) -> list[RuleSet] | None:
        blob = self._saved.get(digest)
        if blob is None:
            return None
        self._used.add(digest)
        try:
            rules = _Unpickler(io.BytesIO(blob)).load()
        except Exception:  # corrupt, or names something else: parsed again (and saved again)
            rules = None
        if not isinstance(rules, list) or not all(isinstance(rule, RuleSet) for rule in rules):
            with self._lock:
                self._saved.pop(digest, None)
            return None
        return rules

    def has_new(self) -> bool:
        """Whether this run parsed something the file does not hold yet."""
        return bool(self._new)

    def put(self, digest: str, rules: list[RuleSet]) -> None:
        self._new[digest] = rules
        self._used.add(digest)

    def save(self) -> bool:
        """Add what this run parsed to the file (atomically); False when there was nothing new to add
        or it could not be written (the next run parses it again)."""
        new, self._new = self._new, {}
        if not new or self.path is None:
            return False
        blobs: dict[str, bytes] = {}
        for digest, rules in new.items():
            try:
                blob = pickle.dumps(rules, protocol=5)
                _Unpickler(io.BytesIO(blob)).load()  # (what cannot be read back is not kept)
            except Exception:
                continue
            blobs[digest] = blob
        if not blobs:
            return False
        with self._lock:
            self._saved.update(blobs)
            if len(self._saved) > MAX_ENTRIES:  # (CSS edited, themes switched many times): what this run used
                self._saved = {k: v for k, v in self._saved.items() if k in self._used or k == _STAMP}
            encoded = msgspec.msgpack.encode(self._saved)
        from tui.core.locations import atomic_write

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, encoded, sync=False)
        except OSError:
            return False
        return True


def _digest(variables: Mapping[str, str], key: tuple[Any, ...], salt: bytes | None = None) -> str:
    """The entry of `key` (a source, as Textual's parse cache keys it) parsed with `variables` (`salt`:
    `_variables_salt(variables)`, when the caller has it)."""
    h = blake2b(salt if salt is not None else _variables_salt(variables), digest_size=20)
    h.update(repr(key).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _variables_salt(variables: Mapping[str, str]) -> bytes:
    return repr(sorted(variables.items())).encode("utf-8", "surrogatepass")


class PlansStylesheet(Stylesheet):
    """A `Stylesheet` whose `reparse` keeps the rules it parsed for the next `parse`, and which looks
    each source up in `parsed` (rules parsed by earlier runs) before parsing it."""

    def __init__(self, *, variables: dict[str, str] | None = None, parsed: ParsedCSS | None = None) -> None:
        super().__init__(variables=variables)
        self.parsed = parsed
        self._salted: tuple[dict[str, str], bytes] | None = None  # (the variables, their salt)

    def _parse_rules(self, css: str, read_from: CSSLocation, is_default_rules: bool = False, tie_breaker: int = 0,
                     scope: str = "") -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        if self.parsed is None or key in self._parse_cache:
            return super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        salted = self._salted
        if salted is None or salted[0] is not self._variables:  # (set_variables replaces the dict)
            salted = self._salted = (self._variables, _variables_salt(self._variables))
        digest = _digest(self._variables, key, salted[1])
        rules = self.parsed.get(digest)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self.parsed.put(digest, rules)
        else:
            self._parse_cache[key] = rules
        return rules

    def reparse(self) -> None:
        # As Textual's (a fresh style sheet, so an error leaves this one as it was), sharing the parse
        # cache: it holds rules parsed under the current variables only (`set_variables` clears it).
        fresh = PlansStylesheet(variables=self._variables, parsed=self.parsed)
        fresh._parse_cache = self._parse_cache
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker,
                             scope=scope)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False


__all__ = ["ParsedCSS", "PlansStylesheet"]
