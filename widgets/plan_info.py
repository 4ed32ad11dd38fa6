"""A plan's facts (issuer, 发文字号, dates, period, region, counts, source) as aligned `Text`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tui.core.model import Plan
from tui.core.safetext import safe_text
from tui.core.userplans import original_name, plans_file

LEVELS = {"city": "市", "district": "区县", "province": "省"}


def region_path(plan: Plan) -> list[str]:
    """Province › city › district, without gaps or repeats."""
    m = plan.meta
    parts: list[str] = []
    for part in (m.province, m.parent_region, m.region or m.short):
        if part and part not in parts:
            parts.append(part)
    return parts


def period_text(plan: Plan) -> str:
    m = plan.meta
    out = ""
    if m.period_start or m.period_end:
        out = f"{m.period_start or '?'}—{m.period_end or '?'}"
    if m.period_name:
        out = f"“{m.period_name}” {out}".strip()
    if m.vision_year:
        out += f"，远景展望至 {m.vision_year} 年"
    return out


def plan_fields(plan: Plan, data_file: str = "") -> list[tuple[str, str]]:
    """(label, value) pairs in display order; values are plan text, shown verbatim."""
    m = plan.meta
    counts = plan.counts()
    paras = sum(1 for n in plan.walk() if n.kind == "para")
    fields = [
        ("标题", m.title),
        ("简称", m.short),
        ("编号", m.id),
        ("发文机关", m.issuer),
        ("发文字号", m.doc_number),
        ("印发日期", m.issue_date),
        ("公开日期", m.publish_date),
        ("规划期", period_text(plan)),
        ("地区", " › ".join(region_path(plan))),
        ("层级", LEVELS.get(m.level, m.level)),
        ("章", str(counts["chapter"])),
        ("节", str(counts["section"])),
        ("段落", str(paras)),
        ("专栏", str(counts["column"])),
        ("指标表", str(counts["table"])),
        ("指标", str(counts["row"])),
        ("来源文件", m.source),
        *(_user_rows(plan) if plan.is_user else []),
        ("网址", m.url),
        ("数据文件", str(plans_file()) if plan.is_user else data_file),
    ]
    return fields


def _user_rows(plan: Plan) -> list[tuple[str, str]]:
    """A plan the user added: where from, and how to take it out."""
    original = original_name(plan.id)
    came = f"用户自添（plans add {original}）" if original else "用户自添（plans add）"
    return [("添加", f"{came}；移除：plans remove {plan.id}")]


def render_fields(fields: list[tuple[str, str]]) -> Table:
    """Labels in a column sized by terminal cells (CJK-safe); a long value wraps under itself, never
    under the labels. Empty values show as —."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in fields:
        grid.add_row(Text(label), safe_text(value, multiline=True) if value else Text("—", style="dim"))
    return grid


class PlanInfo(Static):
    """Shows one plan's facts; call `show(plan)`."""

    DEFAULT_CSS = """
    PlanInfo {
        padding: 1 2;
        background: $surface;
        color: $foreground;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.plan: Plan | None = None
        self.fields: list[tuple[str, str]] = []

    def show(self, plan: Plan | None, data_file: str = "") -> None:
        self.plan = plan
        self.fields = plan_fields(plan, data_file) if plan is not None else []
        self.update(render_fields(self.fields) if plan is not None else Text("（没有规划）"))
