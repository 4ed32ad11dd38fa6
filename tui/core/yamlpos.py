"""Reading YAML into plain data in one pass, with line positions on demand.

PyYAML's `yaml.load` first composes a node tree (two marks per node, a Python resolver call per
scalar) and then builds the data from it; finding a path's line meant composing the file a second
time. On a 100-plan file that was most of `plans check`'s time and memory. `read` builds the data
straight from the parser's events (libyaml's when PyYAML has it) and, on the way, finds what plain
data cannot show:

- anchors and aliases: refused (`YamlProblem`, with the line and path). A plans file never needs
  them, and ten chained aliases of ten items each expand to 10¹⁰ nodes for whoever walks the data;
- keys given twice in one mapping (YAML keeps the last): `Doc.duplicates`, each with its line;
- plain scalars that YAML reads as a date or an integer but that are not one (``2021-02-30``,
  ``2021-07-25 25:61:61``, a 5,000-digit number): kept as `BadScalar`, so the schema reports them
  at their path like any other wrong value (`Doc.bad` keeps them too, for callers without a schema).

`lines(text, paths)` walks the events again and gives each path the line it stands on (for a path
that does not exist, the line of its nearest parent); only files with problems pay for it. The
same walk gives the indicator catalog its entries' lines.

Scalars are resolved exactly as PyYAML's SafeLoader does (same implicit resolvers, same
constructors); a tag other than the core scalar ones, ``!!map`` and ``!!seq`` is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from tui.core.yamlc import SafeLoader

Path_ = tuple[Any, ...]

_TAG = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT = _TAG + "str", _TAG + "null", _TAG + "bool", _TAG + "int", _TAG + "float"
TIMESTAMP, BINARY, MAP, SEQ = _TAG + "timestamp", _TAG + "binary", _TAG + "map", _TAG + "seq"
_AS_TEXT = {_TAG + "merge", _TAG + "value"}  # '<<' and '=' resolve to these; a plans file means the text
_IMPLICIT: dict[Any, list[tuple[str, Any]]] = Resolver.yaml_implicit_resolvers
_WILDCARD = _IMPLICIT.get(None, [])
_BOOLS: dict[str, bool] = SafeConstructor.bool_values
INT_DIGITS_MAX = 4300  # Python's limit for int(str) (sys.get_int_max_str_digits' default)


@dataclass(frozen=True)
class BadScalar:
    """A plain scalar YAML reads as a date or number that is not one: its text and what it is."""

    text: str
    what: str  # e.g. "an impossible date (day is out of range for month)"

    def __str__(self) -> str:
        return self.text


class YamlProblem(Exception):
    """Something a plans file may not hold (an anchor, alias, complex key, unknown tag).

    str(problem) is the message; `line` is 1-based; `path` is where it stands in the data."""

    def __init__(self, line: int, message: str, path: Path_ = ()) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path


@dataclass
class Doc:
    data: object = None
    duplicates: list[tuple[Path_, int, str]] = field(default_factory=list)  # (path, line, message)
    bad: list[tuple[Path_, int, BadScalar]] = field(default_factory=list)


def _loader(source: str | bytes) -> Any:
    return SafeLoader(source)


_CONSTRUCTOR = SafeConstructor()


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _construct(tag: str, value: str) -> object:
    """A core-tagged scalar, built as SafeLoader builds it; a BadScalar when it cannot be."""
    node = ScalarNode(tag, value)
    try:
        if tag == INT:
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == FLOAT:
            return _CONSTRUCTOR.construct_yaml_float(node)
        if tag == TIMESTAMP:
            return _CONSTRUCTOR.construct_yaml_timestamp(node)
        if tag == BOOL:
            return _BOOLS[value.lower()]
        if tag == BINARY:
            return _CONSTRUCTOR.construct_yaml_binary(node)
    except (ValueError, OverflowError, KeyError, AttributeError, TypeError, yaml.YAMLError) as exc:
        if tag == INT and _digits(value) > INT_DIGITS_MAX:
            return BadScalar(value, f"a {_digits(value):,}-digit integer (too long to read)")
        if tag == TIMESTAMP:
            return BadScalar(value, f"an impossible date ({' '.join(str(exc).split())})")
        kind = {INT: "an integer", FLOAT: "a number", BOOL: "true or false", BINARY: "base64 data"}[tag]
        return BadScalar(value, f"not {kind} (tagged !!{tag[len(_TAG):]})")
    return None  # NULL


def scalar(tag: str | None, value: str, implicit: tuple[bool, bool]) -> object:
    """The value of a scalar event, resolved as PyYAML's SafeLoader resolves it."""
    if tag is None or tag == "!":
        if not implicit[0]:  # quoted, or a block scalar
            return value
        for rtag, regexp in _IMPLICIT.get(value[0] if value else "", ()):
            if regexp.match(value):
                tag = rtag
                break
        else:
            for rtag, regexp in _WILDCARD:
                if regexp.match(value):
                    tag = rtag
                    break
            else:
                return value
    if tag == STR or tag in _AS_TEXT:
        return value
    if tag == NULL:
        return None
    if tag in (INT, FLOAT, BOOL, TIMESTAMP, BINARY):
        return _construct(tag, value)
    raise ValueError(tag)


_NOKEY = object()  # a mapping frame waiting for its next key


class _Walk:
    """One pass over the events: the data, duplicates, bad scalars, and (wanted) lines."""

    def __init__(self, want: set[Path_] | None = None) -> None:
        self.doc = Doc()
        # one frame per open collection:
        # [container, pending key (mappings), key line, {key: line}, its path if wanted (else None)]
        self.stack: list[list[Any]] = []
        self.want = want
        self.found: dict[Path_, int] = {}

    def path(self, upto: int | None = None) -> Path_:
        """The path of the node now being read (or, with upto, of the collection at that depth)."""
        out: list[Any] = []
        for frame in self.stack[:upto]:
            container = frame[0]
            if isinstance(container, list):
                out.append(len(container))
            elif frame[1] is not _NOKEY:
                out.append(frame[1])
        return tuple(out)

    def _here(self) -> Path_ | None:
        """With wanted paths: the path of the node now being read, or None when no wanted path
        runs through its collection (each frame keeps its own path only when it is wanted)."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        base = frame[4]
        if base is None:
            return None
        container = frame[0]
        return base + ((len(container),) if isinstance(container, list) else (frame[1],))

    def _mark(self, line: int) -> None:
        """Record the line of the node now being read, if its path is wanted (a mapping's value
        takes its key's line, recorded when the key is read)."""
        assert self.want is not None
        if self.stack and isinstance(self.stack[-1][0], dict):
            return
        path = self._here()
        if path is not None and path in self.want:
            self.found[path] = line

    def add(self, value: object, line: int) -> None:
        stack = self.stack
        if not stack:
            self.doc.data = value
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value if self.want is None else None)  # only lines wanted: count, keep nothing
            return
        if frame[1] is _NOKEY:  # value is a key
            if isinstance(value, (dict, list)):
                raise YamlProblem(line, "a mapping or list used as a key: keys are plain text", self.path())
            frame[1] = value
            frame[2] = line
            if self.want is not None and frame[4] is not None:
                path = frame[4] + (value,)
                if path in self.want:
                    self.found[path] = line  # the last one wins, as in loading
            return
        key = frame[1]
        if self.want is not None:
            frame[1] = _NOKEY
            return
        lines: dict[Any, int] = frame[3]
        if key in container:
            self.doc.duplicates.append(
                (self.path(), frame[2], f"duplicate key (also on line {lines[key]}); only the last one is kept"))
        container[key] = value
        lines[key] = frame[2]
        frame[1] = _NOKEY

    def run(self, loader: Any) -> Doc:
        check, get = loader.check_event, loader.get_event
        docs = 0
        first_doc = None
        while check():
            e = get()
            cls = type(e)
            if cls is ev.ScalarEvent:
                line = e.start_mark.line + 1
                if e.anchor is not None:
                    self._anchor(e, line)
                if self.want is not None:
                    self._mark(line)
                try:
                    value = scalar(e.tag, e.value, e.implicit)
                except ValueError:
                    raise YamlProblem(line, f"tag {e.tag} is not used in plans files", self.path()) from None
                if type(value) is BadScalar:
                    self.doc.bad.append((self.path(), line, value))
                self.add(value, line)
            elif cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
                line = e.start_mark.line + 1
                if e.anchor is not None:
                    self._anchor(e, line)
                mapping = cls is ev.MappingStartEvent
                if e.tag not in (None, "!", MAP if mapping else SEQ):
                    raise YamlProblem(line, f"tag {e.tag} is not used in plans files", self.path())
                if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][1] is _NOKEY:
                    raise YamlProblem(line, "a mapping or list used as a key: keys are plain text", self.path())
                wanted: Path_ | None = None
                if self.want is not None:
                    self._mark(line)
                    wanted = self._here()
                    if wanted is not None and wanted not in self.want:
                        wanted = None
                self.stack.append([{}, _NOKEY, 0, {}, wanted] if mapping else [[], _NOKEY, 0, None, wanted])
            elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
                container = self.stack.pop()[0]
                self.add(container if self.want is None else None, e.start_mark.line + 1)
            elif cls is ev.AliasEvent:
                raise YamlProblem(e.start_mark.line + 1,
                                  f"YAML alias *{e.anchor}: plans files do not use anchors and aliases; "
                                  "write the value out", self.path())
            elif cls is ev.DocumentStartEvent:
                docs += 1
                if docs == 1:
                    first_doc = e.start_mark
                else:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream", first_doc,
                        "but found another document", e.start_mark)
        return self.doc

    def _anchor(self, e: Any, line: int) -> None:
        raise YamlProblem(line, f"YAML anchor &{e.anchor}: plans files do not use anchors and aliases; "
                          "write the value out", self.path())


def _run(source: str | bytes, want: set[Path_] | None = None) -> _Walk:
    walk = _Walk(want)
    loader = _loader(source)
    try:
        walk.run(loader)
    finally:
        loader.dispose()
    return walk


def read(source: str | bytes) -> Doc:
    """The plain data of one YAML document, its duplicate keys and bad scalars.

    Raises `YamlProblem` (anchors, aliases, complex keys, unknown tags) or PyYAML's `YAMLError`
    (invalid YAML, with its mark); a RecursionError cannot happen (no recursion here)."""
    return _run(source).doc


def lines(source: str | bytes, paths: Iterable[Path_]) -> dict[Path_, int]:
    """1-based line of each path (a key's line for a mapping entry, the item's for a list item);
    a path that is not in the file gets its nearest parent's line (1 for the top level).

    `source` must be a file `read` accepted."""
    paths = list(paths)
    want: set[Path_] = set()
    for path in paths:
        for n in range(len(path) + 1):
            want.add(tuple(path[:n]))
    try:
        found = _run(source, want).found
    except (yaml.YAMLError, YamlProblem):
        found = {}
    out: dict[Path_, int] = {}
    for path in paths:
        path = tuple(path)
        line = 1
        for n in range(len(path), -1, -1):
            hit = found.get(path[:n])
            if hit is not None:
                line = hit
                break
        out[path] = line
    return out


def item_lines(source: str | bytes, key: str, count: int) -> list[int]:
    """1-based lines of the first `count` items of the list under the top-level `key`."""
    got = lines(source, [(key, i) for i in range(count)])
    return [got[(key, i)] for i in range(count)]
