"""Load a plans file into the model.

`load_corpus(path)` is what the app, the command line and the tests call. Every load is validated
against `tui.core.schema`; errors are raised as `PlansFileError` whose str is ONE line naming the
file, the line and what is wrong (the first problem, plus how many more there are).

The validated model is cached by the file's content hash (`tui.core.cache`), so an unchanged file
skips YAML parsing, validation and model building; `bench/load.py` measures both paths.
`check_file(path)` is the thorough variant behind `plans check`: all problems, duplicate keys, and
no cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.core import cache, textfile
from tui.core.model import Corpus, corpus_from_dict
from tui.core.textfile import display_name

# yaml and tui.core.schema are imported where they are used: a cache hit (every start-up of the
# browser on an unchanged file) needs neither, and they are a good part of the start-up time.


def __getattr__(name: str):  # `from tui.core.load import SafeLoader` still works, lazily
    if name == "SafeLoader":
        return textfile.safe_loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class PlansFileError(Exception):
    """A plans file that cannot be used. str(error) is one line: FILE[:LINE]: what is wrong.

    `problems` holds every problem line when the file is valid YAML but breaks the schema.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems if problems is not None else [message]


def read_bytes(path: Path) -> bytes:
    name = display_name(path)
    if path.is_dir():
        raise PlansFileError(f"{name}: is a directory, not a plans file")
    return textfile.read_bytes(path, PlansFileError, name)


def decode(path: Path, raw: bytes) -> str:
    text = textfile.decode(raw, display_name(path), PlansFileError)
    if not text.strip():
        raise PlansFileError(f"{display_name(path)}: empty file")
    return text


def parse(path: Path, text: str) -> object:
    name = display_name(path)
    data = textfile.parse_yaml(text, name, PlansFileError)
    if data is None:
        raise PlansFileError(f"{name}: empty file (no YAML document, only comments)")
    return data


@dataclass
class CheckResult:
    """What `check_file` found: the corpus (when the schema passed) and every problem line."""

    path: Path
    corpus: Corpus | None = None
    problems: list[str] = field(default_factory=list)


def _schema_problems(path: Path, text: str, data: object, *, duplicates: bool) -> tuple[bool, list[str]]:
    """(schema passed, problem lines). With duplicates, also report mapping keys given twice."""
    from tui.core import schema

    problems = schema.validate(data)
    if not problems and not duplicates:
        return True, []
    root = schema.compose(text)  # only now pay for the node tree with line marks
    name = display_name(path)
    lines = schema.format_problems(name, problems, root)
    if duplicates:
        dups = [f"{name}:{line}: {schema.format_path(p)}: {msg}" for p, line, msg in schema.duplicate_keys(root)]
        lines = sorted(lines + dups, key=_line_key)
    return not problems, lines


def _line_key(line: str) -> int:
    try:
        return int(line.split(":", 2)[1])
    except (IndexError, ValueError):
        return 0


def _build(path: Path, data: dict) -> Corpus:
    try:
        return corpus_from_dict(data, source=str(path))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # the schema should have caught it
        raise PlansFileError(f"{display_name(path)}: malformed plans file: {exc}") from None


def load_corpus(path: str | Path, *, use_cache: bool | None = None) -> Corpus:
    """The validated model of a plans file. Raises PlansFileError (one line) when it is unusable."""
    path = Path(path)
    raw = read_bytes(path)
    use_cache = cache.enabled() if use_cache is None else use_cache
    k = cache.key(raw) if use_cache else ""
    if use_cache:
        hit = cache.get(k)
        if hit is not None:
            hit.source = str(path)
            return hit
    text = decode(path, raw)
    data = parse(path, text)
    _, problems = _schema_problems(path, text, data, duplicates=False)
    if problems:
        more = len(problems) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''}; run: plans check {display_name(path)})" if more else ""
        raise PlansFileError(problems[0] + tail, problems)
    corpus = _build(path, data)  # type: ignore[arg-type]
    if use_cache:
        cache.put(k, corpus)
    return corpus


def check_file(path: str | Path) -> CheckResult:
    """Everything `plans check` reports about a file: read errors, schema problems, duplicate keys."""
    path = Path(path)
    result = CheckResult(path)
    try:
        text = decode(path, read_bytes(path))
        data = parse(path, text)
    except PlansFileError as exc:
        result.problems = [str(exc)]
        return result
    passed, result.problems = _schema_problems(path, text, data, duplicates=True)
    if passed:
        try:
            result.corpus = _build(path, data)  # type: ignore[arg-type]
        except PlansFileError as exc:
            result.problems.append(str(exc))
    return result
