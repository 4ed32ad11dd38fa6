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

from tui.core import cache
from tui.core.model import Corpus, corpus_from_dict

# yaml and tui.core.schema are imported where they are used: a cache hit (every start-up of the
# browser on an unchanged file) needs neither, and they are a good part of the start-up time.


def _safe_loader():
    import yaml

    try:  # libyaml's C loader is several times faster
        return yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on the PyYAML build
        return yaml.SafeLoader


def __getattr__(name: str):  # `from tui.core.load import SafeLoader` still works, lazily
    if name == "SafeLoader":
        return _safe_loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class PlansFileError(Exception):
    """A plans file that cannot be used. str(error) is one line: FILE[:LINE]: what is wrong.

    `problems` holds every problem line when the file is valid YAML but breaks the schema.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems if problems is not None else [message]


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


def read_bytes(path: Path) -> bytes:
    name = display_name(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PlansFileError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise PlansFileError(f"{name}: is a directory, not a plans file") from None
    except PermissionError:
        raise PlansFileError(f"{name}: cannot read: permission denied") from None
    except OSError as exc:
        if path.is_dir():
            raise PlansFileError(f"{name}: is a directory, not a plans file") from None
        raise PlansFileError(f"{name}: cannot read: {exc.strerror or exc}") from None


def decode(path: Path, raw: bytes) -> str:
    name = display_name(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlansFileError(f"{name}:{line}: not UTF-8 text (byte {exc.start}: 0x{raw[exc.start]:02x})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise PlansFileError(f"{name}: empty file")
    return text


def parse(path: Path, text: str) -> object:
    import yaml

    name = display_name(path)
    try:
        data = yaml.load(text, Loader=_safe_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        what = " ".join(str(exc.problem or exc.context or "").split())
        raise PlansFileError(f"{name}{line}: invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise PlansFileError(f"{name}: invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise PlansFileError(f"{name}: invalid YAML: nested too deeply") from None
    if data is None:
        raise PlansFileError(f"{name}: empty file (no YAML document, only comments)")
    return data


def read_yaml(path: Path) -> object:
    """The plain data of a YAML file (PlansFileError when unreadable, not UTF-8, empty or invalid)."""
    path = Path(path)
    return parse(path, decode(path, read_bytes(path)))


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
