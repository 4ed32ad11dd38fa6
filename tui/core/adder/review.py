"""The review `plans add` prints before writing anything (and alone with --dry-run).

It shows what was found so a reader can judge it at a glance: the file and how it was read, the layout
decided, the metadata (each field with where it was read, the missing ones listed), the counts, every
专栏 with its entries and how its end was decided, every table with its header, rows and the cells that
are not numbers, the coverage, and indicator rows that match no catalog entry with the nearest ones.
All plan text goes through `safetext.visible` (the file is untrusted).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.core.adder.meta import FIELDS
from tui.core.adder.prepare import Prepared
from tui.core.importer.cells import is_dash
from tui.core.model import Cell, Corpus
from tui.core.safetext import visible
from tui.core.textwidth import cut_chars, pad

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "html": "网页 (HTML)", "text": "文本"}
FIELD_NAMES = {"id": "编号", "title": "标题", "short": "简称", "region": "地区", "parent_region": "上级地区",
               "province": "省份", "level": "层级", "period_start": "起始年", "period_end": "结束年",
               "period_name": "规划期", "vision_year": "远景年", "issuer": "发文机关", "doc_number": "发文字号",
               "issue_date": "成文日期", "publish_date": "发布日期"}
LEVEL_NAMES = {"city": "市", "district": "区/县"}
NAME_CELLS = max(2 * len(name) for name in FIELD_NAMES.values())  # the field names line up in terminal cells


# How a 专栏's end was decided (the importer's `end`, kept in English in the plans file) as the review says it.
_ENTRIES = {"—— entries": "“——”条目", "numbered entries": "编号条目", "labelled entries (…：)": "“…：”条目",
            "labelled entries (…。)": "“…。”条目", "a paragraph": "段落"}
_ENTRY = {"—— entry": "“——”条目", "numbered entry": "编号条目", "labelled entry (…：)": "“…：”条目",
          "labelled entry (…。)": "“…。”条目", "a paragraph": "段落"}
_END_FORMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^heuristic: ends at the heading (“.*”)$"), lambda m: f"推断：到标题{m[1]}为止"),
    (re.compile(r"^heuristic: ends at an indicator table$"), lambda m: "推断：到指标表为止"),
    (re.compile(r"^heuristic: ends at the back matter$"), lambda m: "推断：到文末附文为止"),
    (re.compile(r"^heuristic: ends at the end of the text$"), lambda m: "推断：到全文末尾为止"),
    (re.compile(r"^heuristic: (.+?); next is (numbered (\d+)|.+?) (“.*”)$"), lambda m: "推断：{}；下一段是{}{}".format(
        _what_ended(m[1]), f"编号 {m[3]} 的条目" if m[3] else _ENTRY.get(m[2], m[2]), m[4])),
    (re.compile(r"^hint: ends before (“.*”)$"), lambda m: f"提示：在{m[1]}之前结束"),
    (re.compile(r"^hint: ends after (“.*”)$"), lambda m: f"提示：在{m[1]}之后结束"),
    (re.compile(r"^hint: a grid of (\d+) cells a row, one cell a line; ends at the next heading$"),
     lambda m: f"提示：每行 {m[1]} 格、一格一行；到下一个标题为止"),
]


def _what_ended(what: str) -> str:
    if what == "one-paragraph 专栏":
        return "只有一段的专栏"
    m = re.fullmatch(r"numbered entries (\d+)–(\d+) end", what)
    if m:
        return f"编号条目 {m[1]}–{m[2]} 结束"
    return _ENTRIES.get(what.removesuffix(" end"), what.removesuffix(" end")) + "结束"


def _detail_text(detail: str) -> str:
    """How the file was read, in Chinese: "UTF-8 (with BOM)" → "UTF-8（带 BOM）", "GB18030 (declared gbk)" →
    "GB18030（网页声明为 gbk）"; "12 页", "UTF-8" as they are."""
    detail = re.sub(r" \(with BOM\)$", "（带 BOM）", detail)
    return re.sub(r" \(declared (.+)\)$", r"（网页声明为 \1）", detail)


def end_text(end: str) -> str:
    """How a 专栏's end was decided, in Chinese (an unknown form as recorded)."""
    for pattern, say in _END_FORMS:
        m = pattern.match(end)
        if m:
            return say(m)
    return end


def is_unparsed(cell: Cell) -> bool:
    """A printed cell that is not a number (nor a dash saying "none"): 是, 增速高于…, a damaged figure."""
    bare = cell.printed.strip()
    return bool(bare) and cell.value is None and not is_dash(bare)


def _cut(text: str, n: int = 30) -> str:
    return cut_chars(visible(text), n)


def review(prep: Prepared, catalog_unmapped: list[tuple[str, str, list[str]]] | None = None) -> list[str]:
    """The review, one printed line an item."""
    ex = prep.extracted
    out: list[str] = []
    detail = f"，{_detail_text(ex.detail)}" if ex.detail else ""
    out.append(f"文件：{visible(str(prep.path))}（{FORMAT_NAMES.get(ex.format, ex.format)}{detail}）"
               f"→ 提取文本 {len(ex.text)} 字符，实表 {ex.tables} 个")
    out.append(f"版式：{prep.layout.describe()}")
    for note in ex.notes:
        out.append(f"提取：{visible(note)}")
    out.append("元数据：")
    meta = prep.meta
    for key in ("id",) + FIELDS:
        value = getattr(meta, key)
        if value in ("", None, 0):
            continue
        shown = LEVEL_NAMES.get(value, value) if key == "level" else value
        where = "--set" if key in prep.overrides else prep.found.found.get(key, "由其他字段推出" if key in ("id", "short") else "")
        out.append(f"  {pad(FIELD_NAMES[key], NAME_CELLS)} {key:<13} {visible(str(shown))}"
                   + (f"  （{visible(where)}）" if where else ""))
    missing = prep.missing
    if missing:
        out.append(f"  未找到：{', '.join(f'{FIELD_NAMES[k]} {k}' for k in missing)}（可用 --set 字段=值 补上）")
    c = prep.plan.counts()
    out.append(f"结构：章 {c['chapter']}  节 {c['section']}  专栏 {c['column']}  表 {c['table']}  表行 {c['row']}")
    for col in prep.plan.columns():
        out.append(f"  专栏{visible(col.number)} {_cut(col.title, 24)}：{len(col.children)} 条；结束：{visible(end_text(col.end))}")
    for node in prep.plan.tables():
        table = node.table
        assert table is not None
        header = " | ".join(visible(c.printed) for c in table.columns)
        out.append(f"  表 {_cut(table.caption or node.heading or '（无标题）', 30)}：{len(table.rows)} 行；表头 {header}")
        bad = [(r, c) for r in table.rows for c in r.cells if is_unparsed(c)]
        if bad:
            shown = "；".join(f"{visible(r.number or r.name)}：{_cut(c.printed, 16)}" for r, c in bad[:8])
            more = f" 等 {len(bad)} 格" if len(bad) > 8 else ""
            out.append(f"    非数值的格：{shown}{more}")
    out.append(f"覆盖率：{prep.coverage * 100:.1f}%" + ("" if prep.coverage == 1.0 else "（有文字未进入结构！）"))
    if catalog_unmapped:
        out.append(f"未收录的指标（{len(catalog_unmapped)} 行）：")
        for where, name, cands in catalog_unmapped:
            near = "；".join(cands) if cands else "无相近条目"
            out.append(f"  {visible(where)} {_cut(name, 24)} → {near}")
    return out


def unmapped_rows(prep: Prepared) -> list[tuple[str, str, list[str]]]:
    """(where, printed name, nearest catalog entries) of rows that match no catalog entry."""
    from tui.core.indicators import CatalogError, load_catalog, unmapped

    try:
        catalog = load_catalog()
    except CatalogError:
        return []
    rows = []
    for u in unmapped(Corpus(plans=[prep.plan]), catalog):
        cands = [f"{ind.name}（{score:.0f}）" for ind, score in u.candidates]
        rows.append((u.ref.label, u.ref.row.printed_name, cands))
    return rows
