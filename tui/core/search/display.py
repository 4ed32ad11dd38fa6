"""How one search hit is shown, shared by the app's result list and `plans search` (UI-free: rich only).

    head_line(hit, width)        plan · kind · breadcrumb, the breadcrumb cut from the middle to `width` cells
    snippet_line(hit, width)     "  " + snippet with the matched characters styled, cut to `width` cells
    filter_problems(index, q)    Chinese messages for @plan / #kind filters that name nothing
    SEARCH_HELP_ZH               the query syntax, one (example, meaning) row per operator, in Chinese

Plan text only ever goes into `rich.text.Text` as plain text (never parsed as markup), its control
characters shown as stand-ins (`tui.core.safetext.visible`, one to one: match spans still hold).
"""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

from tui.core.safetext import visible
from tui.core.search.query import kinds_for, parse
from tui.core.search.snippet import snippet
from tui.core.textwidth import cut_middle, cut_text

INDENT = "  "  # before the snippet, under the head line
CRUMB_MIN = 12  # cells: below this the breadcrumb is simply cut at the end
CRUMB_SEPARATORS = (" ›", " ·")  # never left dangling before the … of a cut line

SEARCH_HELP_ZH: list[tuple[str, str]] = [  # rows fit the help screen at 80 columns (≤ 66 cells)
    ("研发 经费", "空格分隔的词都要匹配，顺序不限"),
    ("yanfa yfjf yanfajf", "拼音：全拼、首字母或混合；多音字各读音都算"),
    ("R&D jingfei 专栏 sys", "汉字、拼音、英文可以混用"),
    ("'GDP", "精确：按原样匹配，不用拼音和模糊"),
    ("!十三五", "排除含这个词的结果"),
    ("@湖州 @huzhou @hz", "只搜这个规划（编号、名称、拼音）；多个取其一"),
    ("#专栏 #指标 #标题", "只搜这些类型；另有 #段落 #条目 #规划 #zl #zb"),
    ("湖州 专栏", "规划名和别的词同搜时，只搜这个规划"),
    ("3.5%", "数字按数值匹配：也找到 3.50%，不找 35"),
    ("yanfajinfei 研法经费", "拼音错一个字母、同音错字也能找到"),
]

KIND_TRY = "#专栏 #指标 #标题 #段落 #条目 #规划"


def head_line(hit, width: int, *, plan_style: str = "bold", kind_style: str = "italic",
              crumb_style: str = "dim") -> Text:
    """`plan · kind · breadcrumb` (the breadcrumb without the plan itself), at most `width` cells."""
    u = hit.unit
    head = Text(no_wrap=True, overflow="ellipsis", end="")
    head.append(visible(u.plan_short or u.plan_id, multiline=False), style=plan_style)
    head.append(" · ")
    head.append(u.label, style=kind_style)
    crumbs = [visible(c, multiline=False) for c in u.crumbs[1:]]
    if crumbs:
        head.append(" · ")
        room = width - head.cell_len
        # cut from the middle: the chapter and the last part (the 专栏 or heading the hit is in) stay
        head.append(cut_middle(crumbs, room) if room >= CRUMB_MIN else " › ".join(crumbs), style=crumb_style)
    return cut_text(head, width, tidy=CRUMB_SEPARATORS)


def snippet_line(hit, width: int, *, match_style: str = "bold reverse") -> Text:
    """The unit's text around its matches, indented, matched characters in `match_style`, at most
    `width` cells."""
    snip, spans = snippet(_visible_body(hit.unit.text), hit.spans, max(4, width - len(INDENT)))
    body = Text(INDENT, no_wrap=True, overflow="ellipsis", end="")
    body.append(snip)
    for s, e in spans:
        body.stylize(match_style, s + len(INDENT), e + len(INDENT))
    return cut_text(body, width, tidy=CRUMB_SEPARATORS)


@lru_cache(maxsize=1024)
def _visible_body(text: str) -> str:
    """`visible(text)` of a unit's text, kept for the units shown lately: a keystroke's results are
    mostly the last keystroke's, and the whole text was translated again for every snippet."""
    return visible(text)


def filter_problems(index, query: str) -> list[str]:
    """Chinese messages for the query's @plan and #kind filters that name no plan / no kind."""
    q = parse(query)
    out: list[str] = []
    for tok in q.plan_tokens:
        if not index.plans_for(tok):
            choices = "、".join((names[1] if len(names) > 1 else pid) for pid, names in index.plans)
            out.append(visible(f"没有规划匹配“@{tok}”（可选：{choices}）", multiline=False))
    for tok in q.kind_tokens:
        if kinds_for(tok) is None:
            out.append(visible(f"没有这种类型“#{tok}”（可用 {KIND_TRY}）", multiline=False))
    return out
