"""Resolve a deep link (`plans open 湖州 专栏4-3`) to a node (no UI imports).

Accepted forms, after an optional plan name (湖州, 湖州市, huzhou-2021 …):

- a 专栏 number: ``专栏4-3``, ``专栏 4-3``, ``专栏４－３``
- a section path of heading numbers or title words: ``四 （二）``, ``四 (二) 1``, ``主要任务 平台``
- an indicator name (or part of one): ``R&D经费支出占GDP比重`` → the table that lists it
- a heading or 专栏 title word: ``人才``
- a node key: ``huzhou-2021/4.2.3``

`resolve(corpus, terms)` returns a `Target` or raises `DeepLinkError` with a one-line message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tui.core.model import HEADING_KINDS, Corpus, Node, Plan
from tui.core.names import squash


class DeepLinkError(Exception):
    """str(error) is one line saying what did not match."""


@dataclass
class Target:
    plan: Plan
    node: Node | None  # None: the plan itself
    query: str = ""  # text to highlight in the reader (an indicator name)


_COLUMN = re.compile(r"^专栏\s*(\d+(?:\s*[-－—–‑]\s*\d+)?)$")
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
    needle = squash(text)
    if not needle:
        return None
    exact = None
    partial = None
    for plan in plans:
        for table in plan.tables():
            for row in table.table.rows if table.table else []:
                for name in (row.name, row.printed_name):
                    if squash(name) == needle and exact is None:
                        exact = (table, row.name)
                    elif needle in squash(name) and partial is None:
                        partial = (table, row.name)
    return exact or partial


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
    plan = corpus.plan(words[0])
    if plan is not None:
        plans, rest = [plan], words[1:]
        where = plan.short
    else:
        plans, rest = corpus.plans, words
        where = "any plan"
    if plan is not None and not rest:  # (without a plan, rest is every word: never empty)
        return Target(plan, None)
    text = " ".join(rest)
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
    if plan is None and len(words) > 1:
        names = "、".join(p.short for p in corpus.plans)
        raise DeepLinkError(f"plans open: no plan named '{words[0]}' and no section, 专栏 or indicator "
                            f"matches '{' '.join(words)}' (plans: {names})")
    raise DeepLinkError(f"plans open: nothing in {where} matches '{text}' "
                        "(try 专栏4-3, a section path like 四 （二）, or an indicator name)")
