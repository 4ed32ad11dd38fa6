"""Where the text of a plan mentions an indicator (UI-free).

An indicator table row says *what* is measured ("全社会R&D经费支出占GDP比重"); the plan's
paragraphs, section headings and 专栏 entries say *what is done* about it, usually in shorter
words ("R&D 投入占 GDP比重", "高新技术企业", "研发投入"). `MentionIndex(plan).find(name)` looks
for the indicator's clean name and a few mechanically shortened forms of it, and returns the
nodes that mention it, most specific form first.

Matching is done on a normalised copy of each node's text (NFKC per character, whitespace
dropped, case folded: "R＆D 投入" and "r&d投入" are the same), and every match is mapped back
to the text as printed, so a caller can highlight exactly what the plan says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.core.model import HEADING_KINDS, Node, Plan, Row
from tui.core.names import match_form, match_form_mapped

if TYPE_CHECKING:
    from tui.core.indicators import Catalog

# Words in front of an indicator's subject that plans often leave out in running text.
PREFIXES = (
    "每万名从业人员中", "每千家企业中", "全社会", "规模以上", "规上", "每万人", "每万名", "年度", "年",
    "万人", "省级以上", "市级以上", "国家级", "省级", "新建", "新增", "累计", "全市", "全区", "全县",
)
# Words at the end naming the measure rather than the subject.
SUFFIXES = (
    "年均增长率", "年均增速", "年均增长", "增长率", "增速", "拥有量", "申请量", "授权量", "成交额",
    "交易额", "总额", "数量", "比重", "占比", "的比例", "比例", "集聚数", "个数", "家数", "数", "量", "额",
    "增加值", "投资", "贡献率", "经费", "平台",
)
# Same thing, other words.
SYNONYMS = (
    ("r&d", "研发"),
    ("研发", "r&d"),
    ("经费支出", "投入"),
    ("经费支出", "经费投入"),
    ("经费", "投入"),
    ("gdp", "地区生产总值"),
    ("地区生产总值", "gdp"),
)
# Forms too generic to say anything about one indicator.
GENERIC = {"科技创新", "高新技术", "工业企业", "科技型企业", "企业研发", "研发经费", "r&d经费", "研发", "r&d"}
MIN_FORM = 4  # characters, after normalisation


_PAREN = re.compile(r"\(([^()]*)\)")


def _strip_affixes(form: str) -> set[str]:
    """`form` less leading qualifier words and trailing measure words, in every combination."""
    out = {form}
    changed = True
    while changed:
        changed = False
        for f in list(out):
            for p in PREFIXES:
                if f.startswith(p) and f[len(p):] not in out:
                    out.add(f[len(p):])
                    changed = True
            for s in SUFFIXES:
                if f.endswith(s) and f[: -len(s)] not in out:
                    out.add(f[: -len(s)])
                    changed = True
    return out


def name_forms(name: str, aliases: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The normalised forms to look for: the name itself (and each alias) as printed first, then the
    shortened and reworded forms, longest (most specific) first.

    `aliases` are other printed names of the same indicator (from the indicator catalog); their
    forms are looked for too.

    >>> name_forms("高新技术企业数")
    ['高新技术企业数', '高新技术企业']
    """
    if aliases:
        lists = [_forms(n) for n in (name, *aliases)]
        firsts = list(dict.fromkeys(forms[0] for forms in lists if forms))
        rest = {f for forms in lists for f in forms} - set(firsts)
        return firsts + sorted(rest, key=lambda f: (-len(f), f))
    return _forms(name)


def _forms(name: str) -> list[str]:
    full = match_form(name)
    full = re.sub(r"[*▲#△☆★※]+$", "", full)
    seeds = {full}
    bare = _PAREN.sub("", full)
    seeds.add(bare)
    seeds.update(m.group(1) for m in _PAREN.finditer(full))
    # "A和B": each of A and B.
    for s in list(seeds):
        seeds.update(p for p in re.split(r"[和及与、]", s) if p != s)
    # "X占Y比重": X is the subject; the ratio also goes by "X占Y".
    for s in list(seeds):
        if "占" in s:
            head = s.partition("占")[0]
            seeds.add(head)
            seeds.add(s.removesuffix("比重").removesuffix("的"))
    forms: set[str] = set()
    for s in seeds:
        forms |= _strip_affixes(s)
    for _ in range(3):  # synonyms of synonyms: R&D经费支出占GDP → 研发经费支出占GDP → 研发投入占GDP → …地区生产总值
        for f in list(forms):
            for a, b in SYNONYMS:
                if a in f and b not in f and not (a == "经费" and "经费支出" in f):
                    forms.add(f.replace(a, b))
    keep = [
        f for f in forms
        if len(f) >= MIN_FORM and f not in GENERIC and not f.startswith(("占", "以上")) and not f.endswith(("的", "占"))
    ]
    keep.sort(key=lambda f: (f != full, -len(f), f))
    return keep


@dataclass(frozen=True)
class Mention:
    node: Node  # the paragraph, heading or 专栏 that mentions it
    form: str  # the normalised form that matched
    printed: str  # the matched words as printed in the node's text
    snippet: str  # a line of context around it, as printed (newlines as spaces)

    @property
    def key(self) -> str:
        return self.node.key


@dataclass
class _Entry:
    node: Node  # node to report (a 专栏 for its entries)
    text: str  # printed text searched
    norm: str
    where: list[int]


class MentionIndex:
    """The searchable text of one plan: paragraphs, headings, 专栏 titles and entries."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._entries: list[_Entry] = []
        for node in plan.walk():
            if node.kind == "para":
                text, target = node.text, node
            elif node.kind in HEADING_KINDS or node.kind == "column":
                text, target = node.heading or node.title, node
            elif node.kind == "entry":
                text = node.text
                target = node.parent if node.parent is not None and node.parent.kind == "column" else node
            else:
                continue
            if text:
                norm, where = match_form_mapped(text)
                self._entries.append(_Entry(target, text, norm, where))

    def find(self, name: str, limit: int | None = None, aliases: tuple[str, ...] | list[str] = ()) -> list[Mention]:
        """Nodes whose text mentions `name` (or a shortened form, or an alias), best form first, then in
        print order.

        A node is reported once, with the longest form found in it; entries of a 专栏 report the 专栏.
        """
        forms = name_forms(name, aliases)
        best: dict[str, tuple[int, int, Mention]] = {}
        for order, entry in enumerate(self._entries):
            for rank, form in enumerate(forms):
                at = entry.norm.find(form)
                if at < 0:
                    continue
                key = entry.node.key
                if key in best and best[key][0] <= rank:
                    break
                start = entry.where[at]
                end = entry.where[at + len(form) - 1] + 1
                printed = entry.text[start:end]
                lo, hi = max(0, start - 16), min(len(entry.text), end + 16)
                snippet = ("…" if lo else "") + entry.text[lo:hi].replace("\n", " ") + ("…" if hi < len(entry.text) else "")
                order_ = best[key][1] if key in best else order
                best[key] = (rank, order_, Mention(entry.node, form, printed, snippet))
                break
        ranked = sorted(best.values(), key=lambda t: (t[0], t[1]))
        out = [m for _, _, m in ranked]
        return out[:limit] if limit is not None else out

    def for_row(self, row: Row, limit: int | None = None, catalog: Catalog | None = None) -> list[Mention]:
        """Mentions of a table row's indicator; with a catalog, its other printed names count too."""
        name = row.name or row.printed_name
        aliases: list[str] = []
        if catalog is not None:
            for ind in catalog.matches(name):
                aliases += [ind.name, *ind.aliases]
        return self.find(name, limit=limit, aliases=aliases)


def row_mentions(plan: Plan, row: Row, limit: int | None = None, catalog: Catalog | None = None) -> list[Mention]:
    """One-off lookup (builds an index; keep a `MentionIndex` to look up many rows)."""
    return MentionIndex(plan).for_row(row, limit=limit, catalog=catalog)
