"""The user's own plans (`plans add`) and the hook that merges them into a loaded corpus.

They live in the user's data directory (`locations.data_dir()`, PLANS_DATA_DIR overrides it), never in
the package: one directory a plan under ``plans/`` (the original file, the extracted text, its
metadata) and one plans file, ``user-plans.yaml``, built from them. `merge` is the only hook the loader
calls: it loads that file like any plans file (validated, cached) and appends its plans, marked with
``origin = "user"``, after the shipped ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.core import locations
from tui.core.model import Corpus

USER = "user"


def plans_dir() -> Path:
    return locations.data_dir() / "plans"


def plans_file() -> Path:
    return locations.data_dir() / "user-plans.yaml"


def merge(corpus: Corpus, load: Callable[[Path], Corpus]) -> Corpus:
    """`corpus` with the user's plans appended (ids taken by a shipped plan are skipped: `plans add`
    never gives one out, so only a hand-edited file can have them)."""
    path = plans_file()
    if not path.is_file():
        return corpus
    extra = load(path)
    corpus.merged.append(str(path))  # caches keyed by the plans file must key on this one too
    have = {p.id for p in corpus.plans}
    for plan in extra.plans:
        if plan.id in have:
            continue
        plan.origin = USER
        corpus.plans.append(plan)
    return corpus


def original_name(pid: str) -> str:
    """The file name an added plan came from ("" when unknown)."""
    import yaml

    try:
        data = yaml.safe_load((plans_dir() / pid / "added.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    return str(data.get("file", "")) if isinstance(data, dict) else ""
