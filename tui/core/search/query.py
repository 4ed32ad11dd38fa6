"""The query language, in the spirit of fzf.

    研发 经费      space-separated terms must all match (in any order)
    'GDP           exact: the characters as typed (no pinyin, no fuzzy)
    !十三五        exclude units containing the term (as typed, or as full pinyin; !'x as typed only)
    @湖州 @huzhou  only these plans (id, short name, region, pinyin or initials); several = any
    #专栏 #指标     only these kinds (#标题 #段落 #条目 #规划, pinyin zl/zb/bt/dl/tm/gh, english too)

A term may mix scripts (``专栏sys``, ``R&D``); a Latin term is also read as pinyin (full, initials,
or both: ``yanfajf``). A lone prefix character (``'`` ``!`` ``@`` ``#``) is ignored while typing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.search.pinyin import normalize

# kind filter groups: name → (search kinds, aliases)
KIND_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "专栏": (("column", "entry"), ("专栏", "zl", "zhuanlan", "column", "columns", "col")),
    "指标": (("indicator", "table"), ("指标", "zb", "zhibiao", "indicator", "indicators", "ind", "表", "table")),
    "标题": (("plan", "heading", "column", "table"), ("标题", "bt", "biaoti", "heading", "headings", "title", "章节")),
    "段落": (("para", "front", "back"), ("段落", "段", "dl", "duanluo", "para", "text", "body", "正文", "zw", "zhengwen")),
    "条目": (("entry",), ("条目", "tm", "tiaomu", "entry", "entries")),
    "规划": (("plan", "meta"), ("规划", "gh", "guihua", "plan", "meta")),
}

MAX_QUERY = 500  # characters: longer is a paste gone wrong, not a search (the CLI refuses it, inputs stop there)
SEARCH_HINT = "空格=且  '精确  !排除  @规划  #专栏/#指标/#标题  拼音: yanfa yfjf"


@dataclass(frozen=True)
class Term:
    text: str  # normalised (lower-case ASCII, half-width)
    exact: bool = False


@dataclass
class Query:
    raw: str
    terms: list[Term] = field(default_factory=list)
    excludes: list[Term] = field(default_factory=list)
    plan_tokens: list[str] = field(default_factory=list)
    kind_tokens: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.terms or self.excludes or self.plan_tokens or self.kind_tokens)


def parse(raw: str) -> Query:
    q = Query(raw=raw)
    for token in normalize(raw).split():
        if token[0] == "!":
            body = token[1:].lstrip("'")
            if body:
                q.excludes.append(Term(body, exact=token[1:2] == "'"))
        elif token[0] == "'":
            if token[1:]:
                q.terms.append(Term(token[1:], exact=True))
        elif token[0] == "@":
            if token[1:]:
                q.plan_tokens.append(token[1:])
        elif token[0] == "#":
            if token[1:]:
                q.kind_tokens.append(token[1:])
        else:
            q.terms.append(Term(token))
    return q


def kinds_for(token: str) -> set[str] | None:
    """The search kinds a #token stands for: an exact alias, else every group with an alias that
    starts with it (typing in progress); None when nothing fits."""
    token = normalize(token)
    for kinds, aliases in KIND_GROUPS.values():
        if token in aliases:
            return set(kinds)
    out: set[str] = set()
    for kinds, aliases in KIND_GROUPS.values():
        if any(a.startswith(token) for a in aliases):
            out.update(kinds)
    return out or None
