"""Resolve a deep link (`plans open 湖州 专栏4-3`) to a node (no UI imports).

Accepted forms, after an optional plan name (every name search's @filter accepts: 湖州, 湖州市,
huzhou, hz, huzhou-2021 …; one that names several plans is an error listing them):

- a 专栏 number: ``专栏4-3``, ``专栏 4-3``, ``专栏４－３``
- an indicator's catalog key or name (`data/indicators.yaml`): ``rd_intensity``, ``研发强度`` is not
  one but ``R&D经费占GDP比重`` is → the table that lists it in the plan named (without a plan: the
  one plan that has it, else an error listing those that do)
- a section path of heading numbers or title words: ``四 （二）``, ``四 (二) 1``, ``主要任务 平台``
- an indicator row name (or part of one, in one table): ``高新技术企业数`` → the table that lists it
- a heading or 专栏 title word: ``人才``
- a node key: ``huzhou-2021/4.2.3``

`resolve(corpus, terms)` returns a `Target` or raises `DeepLinkError` with a one-line message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.core.model import HEADING_KINDS, Corpus, Node, Plan
from tui.core.names import squash

if TYPE_CHECKING:
    from tui.core.indicators import Catalog, Indicator


class DeepLinkError(Exception):
    """str(error) is one line saying what did not match."""


@dataclass
class Target:
    plan: Plan
    node: Node | None  # None: the plan itself
    query: str = ""  # text to highlight in the reader (an indicator name)


_COLUMN = re.compile(r"^专栏\s*(\d+(?:\s*[-－—–‑]\s*\d+)?)$")
_COLUMN_PINYIN = re.compile(r"^(?:zl|zhuanlan)(?=\s*\d)", re.IGNORECASE)  # zl4-3, as search takes it
_BRACKETS = "()（）〔〕[]【】"
_TRIM = "、．.：:，,。 \u3000"


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def norm_number(s: str) -> tuple[bool, str]:
    """(bracketed, core) of a heading number: "（二）" -> (True, "二"), "四、" -> (False, "四")."""
    s = _nfkc(s).strip()
    bracketed = any(b in s for b in "(（〔[【")
    core = "".join(ch for ch in s if ch not in _BRACKETS).strip(_TRIM)
    return bracketed, core


def norm_column_number(s: str) -> str:
    s = _nfkc(s)
    return re.sub(r"\s*[-－—–‑]\s*", "-", s).strip()


def _outline(nodes: list[Node]) -> list[Node]:
    """Descendants in breadth-first order (direct children first)."""
    out: list[Node] = []
    level = list(nodes)
    while level:
        out.extend(level)
        level = [c for n in level for c in n.children]
    return out


def _match_word(scope: list[Node], word: str) -> Node | None:
    nodes = [n for n in _outline(scope) if n.kind in HEADING_KINDS]
    bracketed, core = norm_number(word)
    if core:
        strict = [n for n in nodes if n.number and norm_number(n.number) == (bracketed, core)]
        if strict:
            return strict[0]
        loose = [n for n in nodes if n.number and norm_number(n.number)[1] == core]
        if loose:
            return loose[0]
    needle = squash(word)
    for n in nodes + [n for n in _outline(scope) if n.kind in ("column", "table")]:
        if needle and needle in squash(n.title or n.heading):
            return n
    return None


def _section_path(plan: Plan, words: list[str]) -> Node | None:
    scope = plan.body()
    node: Node | None = None
    for word in words:
        node = _match_word(scope, word)
        if node is None:
            return None
        scope = node.children
    return node


def _columns(plans: list[Plan], number: str) -> list[Node]:
    want = norm_column_number(number)
    return [c for p in plans for c in p.columns() if norm_column_number(c.number) == want]


def _indicator(plans: list[Plan], text: str) -> tuple[Node, str] | None:
    """The table with a row named `text` (its row name to highlight), else the one table with rows
    whose names contain it (`text` highlighted). Raises DeepLinkError when rows of several tables
    contain it."""
    needle = squash(text)
    if not needle:
        return None
    exact = None
    partial: dict[int, tuple[Node, list[str]]] = {}
    for plan in plans:
        for table in plan.tables():
            for row in table.table.rows if table.table else []:
                for name in (row.name, row.printed_name):
                    if squash(name) == needle and exact is None:
                        exact = (table, row.name)
                    elif needle in squash(name):
                        names = partial.setdefault(id(table), (table, []))[1]
                        if row.name not in names:
                            names.append(row.name)
    if exact is not None:
        return exact
    if len(partial) > 1:
        found = list(dict.fromkeys(f"{t.plan.short if t.plan else ''}·{n}" for t, names in partial.values()
                                   for n in names))
        shown = "、".join(found[:6]) + ("…" if len(found) > 6 else "")
        raise DeepLinkError(f"plans open: '{text}' is part of several indicators ({shown}): say which")
    if partial:
        ((table, names),) = partial.values()
        return table, names[0] if len(names) == 1 else text
    return None


def _catalog_indicator(text: str) -> tuple[Catalog, Indicator] | None:
    """The catalog and its entry `text` names (its key, display name or an alias), or None."""
    from tui.core.indicators import CatalogError, load_catalog

    if not re.search(r"\w", text):
        return None
    try:
        catalog = load_catalog()
    except CatalogError:
        return None
    found = catalog.resolve(text.strip()) or catalog.resolve(text.replace(" ", ""))
    if found is None:
        return None
    return catalog, found


def _catalog_target(corpus: Corpus, plans: list[Plan], text: str, named: Plan | None) -> Target | None:
    """The table holding the catalog indicator `text` names, in the plan named or the one plan that
    has it; None when `text` names no catalog indicator. Raises DeepLinkError when the plan named
    does not have it, or (no plan named) several plans do."""
    got = _catalog_indicator(text)
    if got is None:
        return None
    from tui.core.indicators import row_name

    catalog, ind = got
    holders: list[tuple[Node, str]] = []
    for plan in corpus.plans:
        for table in plan.tables():
            row = next((r for r in (table.table.rows if table.table else []) if catalog.match(row_name(r)) is ind), None)
            if row is not None:
                holders.append((table, row.name))
                break  # a plan's first table with it
    mine = [(t, n) for t, n in holders if t.plan in plans]
    label = f"{ind.key} ({ind.name})"
    if not holders:
        raise DeepLinkError(f"plans open: no plan has the indicator {label}")
    others = "、".join(t.plan.short for t, _ in holders if t.plan)
    if not mine:
        where = named.short if named is not None else "any plan"
        raise DeepLinkError(f"plans open: {where} has no indicator {label} (plans that have it: {others})")
    if len(mine) > 1:
        first = mine[0][0].plan.short if mine[0][0].plan else ""
        raise DeepLinkError(f"plans open: the indicator {label} is in several plans ({others}): name one first, "
                            f"e.g. plans open {first} {ind.key}")
    table, name = mine[0]
    return _at(table, query=name)


def _closest_keys(text: str, limit: int = 3) -> str:
    from rapidfuzz import process

    from tui.core.indicators import CatalogError, load_catalog

    try:
        keys = [ind.key for ind in load_catalog()]
    except CatalogError:
        return "-"
    return "、".join(key for key, _, _ in process.extract(text, keys, limit=limit)) or "-"


def plan_named(corpus: Corpus, word: str) -> Plan | None:
    """The plan `word` names: its id, short name or region as written, else every name search's
    @filter accepts (part of a name, pinyin in full or as initials: 湖州, huzhou, hz). Raises
    DeepLinkError when it names several plans."""
    exact = next((p for p in corpus.plans if word in (p.id, p.short, p.meta.region)), None)
    if exact is not None or not word.strip():
        return exact
    # part of a name (湖州, huzhou): as the @filter takes it, without loading the search index
    needle = squash(word)
    found = [p for p in corpus.plans if any(needle in squash(n) for n in (p.id, p.short, p.meta.region))]
    if not found:  # pinyin, initials (hz): the search index's own matching
        from tui.core.search import index_for

        ids = index_for(corpus).plans_for(word)
        found = [p for p in corpus.plans if p.id in ids]
    if len(found) > 1:
        shorts = [p.short for p in found]  # two plans of one place (a user's own copy): their ids tell them apart
        names = "、".join(p.short if shorts.count(p.short) == 1 else f"{p.short} {p.id}" for p in found)
        raise DeepLinkError(f"plans open: '{word}' names several plans ({names}): say which")
    return found[0] if found else None


def _title(plans: list[Plan], text: str) -> Node | None:
    needle = squash(text)
    for plan in plans:
        for n in plan.walk():
            if n.kind in HEADING_KINDS + ("column", "table") and needle in squash(n.label_text):
                return n
    return None


def _words(terms: list[str]) -> list[str]:
    words = [w for t in terms for w in _nfkc(t).split()]
    merged: list[str] = []
    for w in words:  # "专栏 4-3" -> "专栏4-3"
        if merged and merged[-1] == "专栏" and re.match(r"^\d", w):
            merged[-1] += w
        else:
            merged.append(w)
    return merged


def _at(node: Node, query: str = "") -> Target:
    if node.plan is None:  # every node of a loaded corpus has its plan
        raise DeepLinkError(f"plans open: node {node.key} belongs to no plan")
    return Target(node.plan, node, query=query)


def resolve(corpus: Corpus, terms: list[str]) -> Target:
    words = _words(terms)
    if not words:
        raise DeepLinkError("plans open: say where to go, e.g. plans open 湖州 专栏4-3")
    if len(words) == 1 and "/" in words[0]:
        node = corpus.node(words[0])
        if node is None or node.plan is None:
            raise DeepLinkError(f"plans open: no node with key {words[0]}")
        return Target(node.plan, node)
    plan = plan_named(corpus, words[0])
    if plan is not None:
        plans, rest = [plan], words[1:]
        where = plan.short
    else:
        plans, rest = corpus.plans, words
        where = "any plan"
    if plan is not None and not rest:  # (without a plan, rest is every word: never empty)
        return Target(plan, None)
    text = _COLUMN_PINYIN.sub("专栏", " ".join(rest))
    m = _COLUMN.match(text.replace(" ", "")) if text.startswith("专栏") else None
    if m:
        found = _columns(plans, m.group(1))
        if not found:
            numbers = [c.number for p in plans for c in p.columns()]
            have = f" (专栏 {numbers[0]} … {numbers[-1]})" if numbers else " (it has no 专栏)"
            raise DeepLinkError(f"plans open: no 专栏{norm_column_number(m.group(1))} in {where}{have}")
        if len(found) > 1:
            names = "、".join(sorted({c.plan.short for c in found if c.plan}))
            raise DeepLinkError(f"plans open: 专栏{m.group(1)} is in several plans ({names}): name one first")
        return _at(found[0])
    indicator = _catalog_target(corpus, plans, text, plan)
    if indicator is not None:
        return indicator
    for plan_ in plans:
        node = _section_path(plan_, rest)
        if node is not None:
            return Target(plan_, node)
    hit = _indicator(plans, text)
    if hit is not None:
        table, name = hit
        return _at(table, query=name)
    node = _title(plans, text)
    if node is not None:
        return _at(node)
    if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", text):  # meant as an indicator key
        raise DeepLinkError(f"plans open: no indicator key '{text}' (closest: {_closest_keys(text)})")
    if plan is None and len(words) > 1:
        names = "、".join(p.short for p in corpus.plans)
        raise DeepLinkError(f"plans open: no plan named '{words[0]}' and no section, 专栏 or indicator "
                            f"matches '{' '.join(words)}' (plans: {names})")
    raise DeepLinkError(f"plans open: nothing in {where} matches '{text}' "
                        "(try 专栏4-3, a section path like 四 （二）, or an indicator name)")
