"""How one search hit is shown, shared by the app's result list and `plans search` (UI-free: rich only).

    head_line(hit, width)        plan · kind · breadcrumb, the breadcrumb cut from the middle to `width` cells
    snippet_line(hit, width)     "  " + snippet with the matched characters styled, cut to `width` cells
    filter_problems(index, q)    Chinese messages for @plan / #kind filters that name nothing
    SEARCH_HELP_ZH               the query syntax, one (example, meaning) row per operator, in Chinese

Plan text only ever goes into `rich.text.Text` as plain text (never parsed as markup), its control
characters shown as stand-ins (`tui.core.safetext.visible`, one to one: match spans still hold).
"""

from __future__ import annotations

from rich.text import Text

from tui.core.cjkwrap import fit_middle
from tui.core.safetext import visible
from tui.core.search.query import kinds_for, parse
from tui.core.search.snippet import snippet

INDENT = "  "  # before the snippet, under the head line
CRUMB_MIN = 12  # cells: below this the breadcrumb is simply cut at the end

SEARCH_HELP_ZH: list[tuple[str, str]] = [  # rows fit the help screen at 80 columns (≤ 66 cells)
    ("研发 经费", "空格分隔的词都要匹配，顺序不限"),
    ("yanfa yfjf yanfajf", "拼音：全拼、首字母或混合；多音字各读音都算"),
    ("R&D jingfei 专栏 sys", "汉字、拼音、英文可以混用"),
    ("'GDP", "精确：按原样匹配，不用拼音和模糊"),
    ("!十三五", "排除含这个词的结果"),
    ("@湖州 @huzhou @hz", "只搜这个规划（编号、名称、拼音）；多个取其一"),
    ("#专栏 #指标 #标题", "只搜这些类型；另有 #段落 #条目 #规划 #zl #zb"),
    ("湖州 专栏", "规划名和别的词同搜时，只搜这个规划"),
    ("3.5%", "按数值匹配：也找到 3.50%、3.5 %，不会找到 35"),
    ("yanfajinfei 研法经费", "拼音错一个字母、同音错字也能找到（排在后面）"),
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
        head.append(fit_middle(crumbs, room) if room >= CRUMB_MIN else " › ".join(crumbs), style=crumb_style)
    return _cut(head, width)


def _cut(text: Text, width: int) -> Text:
    """`text` cut to `width` cells, ending in … right after the last character kept (not after the
    padding Rich leaves where a two-cell character did not fit, nor after a dangling ›)."""
    width = max(1, width)
    if text.cell_len <= width:
        return text
    text.truncate(width - 1, overflow="crop")
    text.rstrip()
    while text.plain.endswith((" ›", " ·")):
        text.right_crop(2)
        text.rstrip()
    text.append("…")
    return text


def snippet_line(hit, width: int, *, match_style: str = "bold reverse") -> Text:
    """The unit's text around its matches, indented, matched characters in `match_style`, at most
    `width` cells."""
    snip, spans = snippet(visible(hit.unit.text), hit.spans, max(4, width - len(INDENT)))
    body = Text(INDENT, no_wrap=True, overflow="ellipsis", end="")
    body.append(snip)
    for s, e in spans:
        body.stylize(match_style, s + len(INDENT), e + len(INDENT))
    return _cut(body, width)


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
