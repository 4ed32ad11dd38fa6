"""Load a plans file into the model.

`load_corpus(path)` is what the app, the command line and the tests call. Errors are raised as
`PlansFileError` with a one-line message naming the file (and line) and what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tui.core.model import Corpus, corpus_from_dict

try:  # libyaml's C loader is several times faster
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader  # type: ignore[assignment]


class PlansFileError(Exception):
    """A plans file that cannot be used. str(error) is one line: FILE[:LINE]: what is wrong."""


def read_yaml(path: Path) -> object:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlansFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PlansFileError(f"{path}: is a directory, not a plans file") from None
    except OSError as exc:
        raise PlansFileError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlansFileError(f"{path}:{line}: not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise PlansFileError(f"{path}: empty file")
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise PlansFileError(f"{path}{line}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise PlansFileError(f"{path}: invalid YAML: {exc}") from None


def load_corpus(path: str | Path) -> Corpus:
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("plans"), list):
        raise PlansFileError(f"{path}:1: plans: missing: expected a mapping with a 'plans' list")
    try:
        return corpus_from_dict(data, source=str(path))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PlansFileError(f"{path}: malformed plans file: {exc}") from None
