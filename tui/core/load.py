"""Load a plans file into the model.

`load_corpus(path)` is what the app, the command line and the tests call. Every load is validated
against `tui.core.schema`; errors are raised as `PlansFileError` whose str is ONE line naming the
file, the line and what is wrong (the first problem, plus how many more there are). The YAML is
read in one pass by `tui.core.yamlpos` (anchors and aliases refused, impossible dates and over-long
integers kept for the schema to report at their path); the file is read by `textfile.read_bytes`
(devices refused, size capped).

Start-up reads the derived store (`tui.core.store`: a typed msgpack file per plan, keyed by content
hash) instead, so an unchanged file skips YAML parsing, validation and model building, and a changed
one re-reads only the plans that changed; `bench/corpus.py` measures both paths.
`check_file(path)` is the thorough variant behind `plans check`: all problems, duplicate keys, and
no cache.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core import textfile
from tui.core.model import Corpus, corpus_from_dict
from tui.core.textfile import display_name

if TYPE_CHECKING:
    from tui.core import yamlpos

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


def parse(path: Path, text: str) -> yamlpos.Doc:
    """The YAML of a plans file: its data, duplicate keys and bad scalars (`tui.core.yamlpos`)."""
    name = display_name(path)
    doc = textfile.read_yaml(text, name, PlansFileError)
    if doc.data is None:
        raise PlansFileError(f"{name}: empty file (no YAML document, only comments)")
    return doc


class CheckResult:
    """What `check_file` found: the corpus (when the schema passed), every problem line (at most
    `schema.LIMIT`), and how many more there were. (A plain class: a dataclass's methods were compiled
    at every import of this module, i.e. every start of the browser.)"""

    def __init__(self, path: Path, corpus: Corpus | None = None, problems: list[str] | None = None,
                 more: int = 0) -> None:
        self.path = path
        self.corpus = corpus
        self.problems = [] if problems is None else problems
        self.more = more


def _schema_problems(path: Path, text: str, doc: yamlpos.Doc, *, duplicates: bool,
                     limit: int | None = None) -> tuple[bool, list[str], int]:
    """(schema passed, problem lines, problems past the limit). With duplicates, also report
    mapping keys given twice."""
    from tui.core import schema

    problems, more = schema.check(doc.data, limit)
    if not problems and doc.bad:  # a bad scalar where the schema takes anything: still not data
        problems = [schema.Problem(p, f"{schema.show(bad)} is {bad.what}; quote it if it is text")
                    for p, _, bad in doc.bad]
    if not problems and not (duplicates and doc.duplicates):
        return True, [], 0
    name = display_name(path)
    lines = schema.format_problems(name, problems, text)  # only now walk the YAML for line numbers
    if duplicates:
        dups = [schema.problem_line(name, line, p, msg) for p, line, msg in doc.duplicates]
        lines = sorted(lines + dups, key=_line_key)
        if limit is not None and len(lines) > limit:
            more += len(lines) - limit
            del lines[limit:]
    return not problems, lines, more


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


def load_corpus(path: str | Path, *, use_cache: bool | None = None, user_plans: bool | None = None,
                progress: Callable[[int, int], None] | None = None) -> Corpus:
    """The validated model of a plans file. Raises PlansFileError (one line) when it is unusable.

    With the store (the default unless ``PLANS_NO_CACHE=1``), plans are decoded on first use and
    `progress(done, total)` is called while the plans that changed since the last start are read.
    With `user_plans` (default: when `path` is the shipped plans file) the user's own plans
    (`plans add`) are merged in after the shipped ones — the one hook for them, `userplans.merge`."""
    corpus = _load_file(Path(path), use_cache, progress)
    if user_plans is None:
        user_plans = _is_shipped(Path(path))
    if user_plans:
        from tui.core import userplans

        corpus = userplans.merge(corpus, lambda p: _load_file(p, use_cache, None))
    return corpus


def _is_shipped(path: Path) -> bool:
    from tui.core.locations import DEFAULT_DATA

    try:
        return path.resolve() == DEFAULT_DATA.resolve()
    except OSError:
        return False


def _load_file(path: Path, use_cache: bool | None, progress: Callable[[int, int], None] | None) -> Corpus:
    from tui.core import store

    use_store = store.enabled() if use_cache is None else use_cache
    if use_store:
        from tui.core.store import corpus as stored

        stamp = stored.stamp_of(path)  # before reading: an edit while it is read is not missed
        hit = stored.load_unchanged(path, stamp)  # unchanged since the last load: the file is not read
        if hit is not None:
            return hit
    raw = read_bytes(path)
    if use_store:
        hit = stored.load(path, raw, progress, stamp)
        if hit is not None:
            return hit
    text = decode(path, raw)
    doc = parse(path, text)
    _, problems, past = _schema_problems(path, text, doc, duplicates=False, limit=schema_limit())
    if problems:
        more = len(problems) - 1 + past
        tail = f" (and {more} more problem{'s' if more > 1 else ''}; run: plans check {display_name(path)})" if more else ""
        if tail:
            from tui.core.i18n import t_line

            tail = t_line(tail.strip())  # (the problem lines are in the user's language: the count too)
            tail = tail if tail.startswith("（") else f" {tail}"
        raise PlansFileError(problems[0] + tail, problems)
    return _build(path, doc.data)  # type: ignore[arg-type]


def check_file(path: str | Path, limit: int | None = None) -> CheckResult:
    """Everything `plans check` reports about a file: read errors, schema problems, duplicate keys
    (at most `limit` problem lines, the rest counted in `more`)."""
    path = Path(path)
    result = CheckResult(path)
    try:
        text = decode(path, read_bytes(path))
        doc = parse(path, text)
    except PlansFileError as exc:
        result.problems = [str(exc)]
        return result
    passed, result.problems, result.more = _schema_problems(path, text, doc, duplicates=True, limit=limit)
    if passed:
        try:
            result.corpus = _build(path, doc.data)  # type: ignore[arg-type]
        except PlansFileError as exc:
            result.problems.append(str(exc))
    return result


def schema_limit() -> int:
    from tui.core.schema import LIMIT

    return LIMIT
