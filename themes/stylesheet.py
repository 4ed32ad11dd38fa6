"""The app's style sheet object: Textual's, parsing each piece of CSS once, not once per start.

Textual parses the CSS of each widget class the first time one mounts (the tree's, the reader's,
the app's own …), about a third of the styling on the way to the first frame, and the same again for
each screen's first open. It keeps what it parsed only for the process, and less than that: setting
the theme (which `PlansApp` does as it starts) re-parses every source in a fresh style sheet and throws
that one's cache away (`Stylesheet.reparse`), so the app's own CSS was parsed twice per start.

`PlansStylesheet` keeps the rules its `reparse` parsed, and with a `ParsedCSS` looks each source up
among the rules parsed by earlier runs before parsing it: a file in the cache directory, one entry per
(CSS text, where it came from, theme variables), for the Textual installed when it was written
(`_textual_stamp`: another one, and the file starts afresh). An entry is msgpack (no pickle: reading it
runs no code): the rules as plain values, each object tagged with its kind and class name and rebuilt
through its own constructor, from the dozen classes parsed CSS is made of (`_NAMED`, `_ENUMS`, `_DATA`,
`_LAYOUTS`). Rules holding anything else are not kept; an entry naming anything else, or a corrupt or
foreign file, is a miss: that CSS is parsed as before. The classes most of it is made of (selectors,
rule sets, styles, colours, scalars) are written positionally, their enums and sets inline (`_SHAPES`):
reading them back makes a fifth of the calls the general tags do (the ~20 entries a start reads were
~5 ms of it).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import fields
from enum import Enum
from pathlib import Path
from typing import Any, cast

import msgspec
from textual.color import Color
from textual.css.model import CombinatorType, RuleSet, Selector, SelectorSet, SelectorType
from textual.css.scalar import Scalar, ScalarOffset, Unit
from textual.css.styles import RenderStyles, RulesMap, Styles
from textual.css.stylesheet import CSSLocation, CssSource, Stylesheet, StylesheetErrors, StylesheetParseError
from textual.dom import DOMNode
from textual.geometry import Spacing
from textual.layout import Layout
from textual.layouts.grid import GridLayout
from textual.layouts.horizontal import HorizontalLayout
from textual.layouts.stream import StreamLayout
from textual.layouts.vertical import VerticalLayout

try:  # the BLAKE2 module itself: `hashlib` would load OpenSSL too
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 3  # bump when what an entry holds changes
MAX_ENTRIES = 2000  # beyond this many, a save keeps only the entries its run used (~400 per theme)

# What parsed CSS is made of (every widget's CSS in this app and Textual's, checked by
# tests/test_css_cache.py): the only classes an entry may name, each rebuilt through its constructor.
_NAMED: dict[str, type[Any]] = {cls.__name__: cls for cls in (Color, Scalar, ScalarOffset, Spacing)}  # named tuples
_ENUMS: dict[str, type[Enum]] = {cls.__name__: cls for cls in (Unit, SelectorType, CombinatorType)}
_DATA: dict[str, type[Any]] = {cls.__name__: cls for cls in (RuleSet, Selector, SelectorSet, Styles)}  # dataclasses
_LAYOUTS: dict[str, type[Layout]] = {cls.__name__: cls for cls in (VerticalLayout, HorizontalLayout, GridLayout,
                                                                     StreamLayout)}


# The positional shapes (tags "S" selector, "T" selector set, "R" rule set, "Y" styles, "C" colour, "K" scalar):
# written only while the classes have exactly these fields (in this order), read back only then too.
_SHAPES: dict[type[Any], tuple[str, ...]] = {
    Selector: ("name", "combinator", "type", "pseudo_classes", "specificity", "advance"),
    SelectorSet: ("selectors", "specificity"),
    RuleSet: ("selector_set", "styles", "errors", "is_default_rules", "tie_breaker", "selector_names",
              "pseudo_classes"),
    Styles: ("node", "_rules", "_updates", "important"),
}
_POSITIONAL = (all(tuple(f.name for f in fields(cls)) == shape for cls, shape in _SHAPES.items())
               and Color._fields == ("r", "g", "b", "a", "ansi", "auto")
               and Scalar._fields == ("value", "unit", "percent_unit"))
_COMBINATORS: dict[str, CombinatorType] = dict(CombinatorType.__members__)
_SELECTOR_TYPES: dict[str, SelectorType] = dict(SelectorType.__members__)
_UNITS: dict[str, Unit] = dict(Unit.__members__)
_PLAIN = (bool, int, float, str)


class _Unknown(ValueError):
    """Something parsed CSS is not made of (the entry is not kept, or not used)."""


def _encode(value: Any) -> Any:
    """Parsed CSS as msgpack's plain values: each list, tuple, set, dict, named tuple, enum member,
    dataclass and layout tagged with its kind (and class name)."""
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is float or kind is str:
        return value
    if _POSITIONAL:
        shaped = _encode_shaped(value, kind)
        if shaped is not None:
            return shaped
    name = kind.__name__
    if kind is list:
        return ["l", [_encode(v) for v in value]]
    if _NAMED.get(name) is kind:
        return ["n", name, [_encode(v) for v in value]]
    if kind is tuple:
        return ["t", [_encode(v) for v in value]]
    if kind is set or kind is frozenset:
        return ["s" if kind is set else "f", [_encode(v) for v in value]]
    if kind is dict:
        return ["d", [[_encode(k), _encode(v)] for k, v in value.items()]]
    if _ENUMS.get(name) is kind:
        return ["e", name, value.name]
    if _DATA.get(name) is kind:
        return ["c", name, [[f.name, _encode(getattr(value, f.name))] for f in fields(value)]]
    if _LAYOUTS.get(name) is kind:
        return ["y", name, [[k, _encode(v)] for k, v in vars(value).items()]]
    raise _Unknown(f"{kind.__module__}.{kind.__qualname__}")


def _strings(values: Any) -> list[str] | None:
    return list(values) if all(type(v) is str for v in values) else None


def _encode_shaped(value: Any, kind: type[Any]) -> list[Any] | None:
    """`value` in its positional shape, or None when it has none (or holds what the shape does not)."""
    if kind is Selector:
        pseudo = _strings(value.pseudo_classes)
        if (type(value.name) is str and type(value.combinator) is CombinatorType and type(value.type) is SelectorType
                and pseudo is not None and type(value.pseudo_classes) is set and _ints(value.specificity)
                and type(value.advance) is int):
            return ["S", value.name, value.combinator.name, value.type.name, pseudo, list(value.specificity),
                    value.advance]
    elif kind is SelectorSet:
        if type(value.selectors) is list and all(type(s) is Selector for s in value.selectors) and _ints(
                value.specificity):
            return ["T", [_encode(s) for s in value.selectors], list(value.specificity)]
    elif kind is RuleSet:
        names, pseudo = _strings(value.selector_names), _strings(value.pseudo_classes)
        if (type(value.selector_set) is list and type(value.is_default_rules) is bool and type(value.tie_breaker) is int
                and names is not None and pseudo is not None and type(value.selector_names) is set
                and type(value.pseudo_classes) is set):
            return ["R", [_encode(s) for s in value.selector_set], _encode(value.styles), _encode(value.errors),
                    value.is_default_rules, value.tie_breaker, names, pseudo]
    elif kind is Styles:
        important = _strings(value.important)
        if (value.node is None and type(value._rules) is dict and type(value._updates) is int
                and important is not None and type(value.important) is set
                and all(type(k) is str for k in value._rules)):
            flat: list[Any] = []
            for k, v in value._rules.items():
                flat += (k, _encode(v))
            return ["Y", flat, value._updates, important]
    elif kind is Color:
        if all(v is None or type(v) in _PLAIN for v in value):
            return ["C", *value]
    elif kind is Scalar:
        if type(value.value) in _PLAIN and type(value.unit) is Unit and type(value.percent_unit) is Unit:
            return ["K", value.value, value.unit.name, value.percent_unit.name]
    return None


def _ints(values: Any) -> bool:
    return type(values) is tuple and all(type(v) is int for v in values)


def _decode(value: Any) -> Any:
    """What `_encode` made, rebuilt (named tuples, dataclasses and layouts through their constructors)."""
    return _rebuild(value) if type(value) is list else value


def _rebuild(value: list[Any]) -> Any:
    # (each leaf tested here, not in a call of its own: most values are numbers and strings)
    tag = value[0]
    if _POSITIONAL:  # (else an entry holding the shapes is a miss)
        if tag == "S":
            return Selector(value[1], _COMBINATORS[value[2]], _SELECTOR_TYPES[value[3]], set(value[4]),
                            tuple(value[5]), value[6])
        if tag == "C":
            return Color(*value[1:])
        if tag == "T":
            return SelectorSet([_rebuild(v) for v in value[1]], tuple(value[2]))
        if tag == "R":
            return RuleSet([_rebuild(v) for v in value[1]], _rebuild(value[2]), _rebuild(value[3]), value[4], value[5],
                           set(value[6]), set(value[7]))
        if tag == "Y":
            flat = value[1]
            rules = {flat[i]: (_rebuild(v) if type(v := flat[i + 1]) is list else v) for i in range(0, len(flat), 2)}
            return Styles(None, cast(RulesMap, rules), value[2], set(value[3]))
        if tag == "K":
            return Scalar(value[1], _UNITS[value[2]], _UNITS[value[3]])
    if tag == "l":
        return [_rebuild(v) if type(v) is list else v for v in value[1]]
    if tag == "t":
        return tuple([_rebuild(v) if type(v) is list else v for v in value[1]])
    if tag == "n" and value[1] in _NAMED:
        return _NAMED[value[1]](*[_rebuild(v) if type(v) is list else v for v in value[2]])
    if tag == "e" and value[1] in _ENUMS:
        return _ENUMS[value[1]][value[2]]
    if tag == "d":
        return {(_rebuild(k) if type(k) is list else k): (_rebuild(v) if type(v) is list else v) for k, v in value[1]}
    if tag == "s" or tag == "f":
        members = [_rebuild(v) if type(v) is list else v for v in value[1]]
        return set(members) if tag == "s" else frozenset(members)
    if tag == "c" and value[1] in _DATA:
        return _DATA[value[1]](**{name: _rebuild(v) if type(v) is list else v for name, v in value[2]})
    if tag == "y" and value[1] in _LAYOUTS:
        layout = _LAYOUTS[value[1]]()
        for name, v in value[2]:
            if name not in vars(layout):
                raise _Unknown(f"{value[1]}.{name}")
            setattr(layout, name, _decode(v))
        return layout
    raise _Unknown(repr(value[:2]))


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
            rules = _decode(msgspec.msgpack.decode(blob))
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
                blob = msgspec.msgpack.encode(_encode(rules))
            except (_Unknown, TypeError, ValueError, OverflowError):  # (made of something the decoder does not know)
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


class _Components(dict[str, RenderStyles]):
    """A node's component styles (`DOMNode._component_styles`), each worked out the first time it is
    asked for, under the node's styles of that moment (see `PlansStylesheet._process_component_classes`)."""

    def __init__(self, stylesheet: PlansStylesheet, node: DOMNode, names: AbstractSet[str]) -> None:
        super().__init__()
        self.stylesheet = stylesheet
        self.node = node
        self.names = names
        self.used: dict[str, RenderStyles] = {}  # those worked out before the node's restyle under way

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __missing__(self, name: str) -> RenderStyles:
        if name not in self.names:
            raise KeyError(name)
        styles = self[name] = self.stylesheet._component_styles(self.node, name)
        return styles

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self.names else default


class PlansStylesheet(Stylesheet):
    """A `Stylesheet` whose `reparse` keeps the rules it parsed for the next `parse`, and which looks
    each source up in `parsed` (rules parsed by earlier runs) before parsing it.

    A node's component styles (`COMPONENT_CLASSES`: the tree's cursor, the reader's headings …) are
    worked out when first asked for, not each time the node is styled: Textual styles a virtual node per
    component class at every restyle (the tree: 14, the reader: 19), and the tree is styled twice before
    the first frame (mounted, then focused), a third of the first frame's styling. A node whose component
    styles were in use is restyled as Textual does it: they are worked out again at once, and the node
    repainted if one changed."""

    def __init__(self, *, variables: dict[str, str] | None = None, parsed: ParsedCSS | None = None) -> None:
        super().__init__(variables=variables)
        self.parsed = parsed
        self._salted: tuple[dict[str, str], bytes] | None = None  # (the variables, their salt)
        # what the last parse read (`parse`): the sources, in order, and how many rules each gave
        self._parsed_sources: list[tuple[CSSLocation, CssSource, int]] = []
        self._built_map: tuple[list[RuleSet], dict[str, list[RuleSet]]] | None = None  # (rules, their map)

    # -- a parse that reads only the sources added since the last one ---------------------------------
    # Each widget class that mounts for the first time adds its DEFAULT_CSS as a source, and the next
    # styling parsed the whole style sheet again (every source, ~40, from the parse cache) and rebuilt
    # the map of selectors to rules: seven times on the way to the first frame. A source is only ever
    # added at the end (a new location) or changed in place: when the sources parsed last are still the
    # first ones, unchanged, only the new ones are parsed, their rules added after the others' (and to
    # the map) as a whole parse places them; anything else parses everything, as Textual does.

    def parse(self) -> None:
        done = self._parsed_sources
        sources = list(self.source.items())
        if not done or len(sources) < len(done) or any(
                sources[i][0] != location or sources[i][1] != source for i, (location, source, _) in enumerate(done)):
            super().parse()
            self._parsed_sources = self._counts(sources)
            return
        before = self._rules
        rules = list(before)
        added: list[tuple[CSSLocation, CssSource, int]] = []
        for read_from, source in sources[len(done):]:
            css, is_default_rules, tie_breaker, scope = source
            if css in self._invalid_css:
                added.append((read_from, source, 0))
                continue
            try:
                css_rules = self._parse_rules(css, read_from=read_from, is_default_rules=is_default_rules,
                                              tie_breaker=tie_breaker, scope=scope)
            except Exception:
                self._invalid_css.add(css)
                raise
            if any(rule.errors for rule in css_rules):
                self._invalid_css.add(css)
                raise StylesheetParseError(StylesheetErrors(css_rules))
            rules.extend(css_rules)
            added.append((read_from, source, len(css_rules)))
        self._rules = rules
        self._require_parse = False
        self._rules_map = None
        self._parsed_sources = [*done, *added]
        built = self._built_map
        if built is not None and built[0] is before:  # the map of the rules before: the new ones added to it
            rules_map = {name: list(rule_sets) for name, rule_sets in built[1].items()}
            for rule in rules[len(before):]:
                for name in rule.selector_names:
                    rules_map.setdefault(name, []).append(rule)
            self._rules_map = rules_map
            self._built_map = (rules, rules_map)

    def _counts(self, sources: list[tuple[CSSLocation, CssSource]]) -> list[tuple[CSSLocation, CssSource, int]]:
        """Each source with the number of rules it gave in the whole parse just made (from the parse cache);
        empty (the next parse is a whole one too) when that cannot be told."""
        counts: list[tuple[CSSLocation, CssSource, int]] = []
        total = 0
        for read_from, source in sources:
            css, is_default_rules, tie_breaker, scope = source
            if css in self._invalid_css:
                counts.append((read_from, source, 0))
                continue
            cached = self._parse_cache.get((css, read_from, is_default_rules, tie_breaker, scope))
            if cached is None:
                return []
            counts.append((read_from, source, len(cached)))
            total += len(cached)
        return counts if total == len(self._rules) else []

    @property
    def rules_map(self) -> dict[str, list[RuleSet]]:
        rules_map = super().rules_map
        rules = self._rules
        if self._built_map is None or self._built_map[0] is not rules:
            self._built_map = (rules, rules_map)  # (for the next parse to add to)
        return rules_map

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

    def apply(self, node: DOMNode, *, animate: bool = False, cache: dict[tuple[Any, ...], RulesMap] | None = None) -> None:
        components = node._component_styles
        if type(components) is _Components and components:
            components.used.update(components)  # (what was in use before this restyle: see below)
            components.clear()
        super().apply(node, animate=animate, cache=cache)

    def _process_component_classes(self, node: DOMNode) -> None:
        names = node._get_component_classes()
        if not names:
            return
        components = node._component_styles
        if type(components) is not _Components or components.stylesheet is not self:
            used = dict(components)  # (styled by Textual's own way until now)
            components = node._component_styles = _Components(self, node, names)
        else:
            components.names = names
            used, components.used = components.used, {}
        # those in use: worked out now, and the node repainted if one changed (as Textual does)
        if any(components.get(name) != styles for name, styles in used.items()):
            node.refresh()

    def _component_styles(self, node: DOMNode, name: str) -> RenderStyles:
        """The styles of component class `name` of `node`: Textual's virtual node of that class."""
        virtual_node = DOMNode(classes=name)
        virtual_node._attach(node)
        self.apply(virtual_node, animate=False)
        return virtual_node.styles

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
        self._parsed_sources = fresh._parsed_sources
        self._built_map = None
        self._require_parse = False


__all__ = ["ParsedCSS", "PlansStylesheet"]
