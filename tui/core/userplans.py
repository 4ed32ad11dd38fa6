"""The user's own plans (`plans add`) and the hook that merges them into a loaded corpus.

They live in the user's data directory (`locations.data_dir()`, PLANS_DATA_DIR overrides it), never in
the package: one directory a plan under ``plans/`` (the original file, the extracted text, its
metadata) and one plans file, ``user-plans.yaml``, built from them. `merge` is the only hook the loader
calls: it loads that file like any plans file (validated, cached) and appends its plans, marked with
``origin = "user"``, after the shipped ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from tui.core import locations
from tui.core.model import Corpus, Plan

USER = "user"


def plans_dir() -> Path:
    return locations.data_dir() / "plans"


def plans_file() -> Path:
    return locations.data_dir() / "user-plans.yaml"


REPAIR = "plans add --rebuild"  # rebuilds the file from the added plans (`plans/`), keeping a damaged one aside


def damaged(error: str) -> str:
    """The one line that says the user's plans file was left out (`error`: its ``FILE:LINE: what``) and
    which command repairs it: the browser's notice, and what `plans check`/`plans add` say about it."""
    from tui.core.i18n import english, t_line

    if english():
        return f"your added plans are not shown, their file is damaged: {error}; {repair()}"
    return f"自添规划未打开，文件有误：{t_line(error)}；{repair()}"


def repair() -> str:
    """How to repair the user's plans file (`plans check` says it after the file's problem lines)."""
    from tui.core.i18n import english

    if english():
        return f"repair: {REPAIR} (the damaged file is kept beside it)"
    return f"修复：{REPAIR}（有误的文件会另存一份，不会丢失）"


def merge(corpus: Corpus, load: Callable[[Path], Corpus]) -> Corpus:
    """`corpus` with the user's plans appended (ids taken by a shipped plan are skipped: `plans add`
    never gives one out, so only a hand-edited file can have them). A damaged file leaves the shipped
    plans as they are: `corpus.user_problem` says what is wrong and how to repair it (`damaged`)."""
    from tui.core.load import PlansFileError

    path = plans_file()
    if not path.is_file():
        return corpus
    try:
        extra = load(path)
    except PlansFileError as exc:
        corpus.user_problem = damaged(str(exc))
        return corpus
    corpus.merged.append(str(path))  # caches keyed by the plans file must key on this one too
    have = {p.id for p in corpus.plans}
    for plan in extra.plans:
        if plan.id in have:
            continue
        plan.origin = USER
        corpus.plans.append(plan)
    tell_apart([p for p in corpus.plans if p.is_user])
    return corpus


def tell_apart(plans: list[Plan]) -> None:
    """Mark added plans that share a short name and period (two versions of one city's plan, which
    showed as 自添 十四五 twice): each gets `tell`, the name of the file it was added from (without
    the extension: `original_name`), or its id where those are the same too. A plan alone of its
    kind keeps none (and no file is read for it)."""
    groups: dict[tuple[str, str], list[Plan]] = {}
    for plan in plans:
        groups.setdefault((plan.meta.short, plan.meta.period_name), []).append(plan)
    for same in groups.values():
        if len(same) < 2:
            continue
        stems = [PurePath(original_name(p.id)).stem for p in same]
        unique = all(stems) and len(set(stems)) == len(stems)
        for plan, stem in zip(same, stems):
            plan.tell = stem if unique else plan.id


def original_name(pid: str) -> str:
    """The file name an added plan came from ("" when unknown)."""
    import yaml

    try:
        data = yaml.safe_load((plans_dir() / pid / "added.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    return str(data.get("file", "")) if isinstance(data, dict) else ""
