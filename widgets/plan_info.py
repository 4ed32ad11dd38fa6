"""A plan's facts (issuer, 发文字号, dates, period, region, counts, source) as aligned `Text`.

`PlanInfo` lays the fields out itself (labels in a column sized in terminal cells, a long value
wrapped under itself by `tui.core.cjkwrap`) and draws only the lines on screen (Textual's Line
API): no Rich table measured and rendered twice on every open, and it scrolls itself.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.strip import Strip

from tui.core.cjkwrap import wrap_offsets
from tui.core.model import Plan
from tui.core.safetext import safe_text
from tui.core.userplans import original_name, plans_file
from widgets.scroll_size import SizedScrollView, set_virtual_size

GAP = 2  # cells between the labels and the values

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


def field_lines(fields: list[tuple[str, str]], width: int) -> list[Text]:
    """The fields in lines of at most `width` cells: labels in a column sized by terminal cells
    (CJK-safe), a long value wrapped under itself, never under the labels; an empty value as —.
    Every character of a value is kept (a label wider than the room makes the line longer)."""
    label_w = max((cell_len(label) for label, _ in fields), default=0)
    room = max(1, width - label_w - GAP)
    pad = " " * (label_w + GAP)
    lines: list[Text] = []
    for label, value in fields:
        first = Text(label, style="bold")
        first.append(" " * (label_w - cell_len(label) + GAP))
        if not value:
            first.append("—", style="dim")
            lines.append(first)
            continue
        for k, part in enumerate(safe_text(value, multiline=True).split("\n", allow_blank=True)):
            starts = wrap_offsets(part.plain, room)
            for j, piece in enumerate(part.divide(starts[1:]) if len(starts) > 1 else [part]):
                line = first if (k, j) == (0, 0) else Text(pad)
                line.append_text(piece)
                lines.append(line)
    return lines


class PlanInfo(SizedScrollView, can_focus=True):
    """Shows one plan's facts; call `show(plan)`."""

    DEFAULT_CSS = """
    PlanInfo {
        height: 1fr;
        padding: 1 2;
        background: $surface;
        color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.plan: Plan | None = None
        self.fields: list[tuple[str, str]] = []
        self._lines: list[Text] = []
        self._width = -1  # the width `_lines` were laid out for
        self._strips: dict[tuple[int, int, int], Strip] = {}

    def show(self, plan: Plan | None, data_file: str = "") -> None:
        self.plan = plan
        self.fields = plan_fields(plan, data_file) if plan is not None else []
        self._width = -1
        self._lay_out()
        self.refresh()

    def _room(self) -> int:
        """Cells across the text (before the first layout: the screen's width less the padding)."""
        if self.size.width:
            return self.scrollable_content_region.width
        return self.app.size.width - self.styles.gutter.width

    def _lay_out(self) -> None:
        width = self._room()
        if width == self._width:
            return
        self._width = width
        self._strips.clear()
        self._lines = field_lines(self.fields, width) if self.plan is not None else [
            Text("（没有规划）")]
        set_virtual_size(self, Size(width, len(self._lines)))  # no layout of the screen (widgets.scroll_size)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        key = (line, int(self.scroll_x), width)
        strip = self._strips.get(key)
        if strip is None:
            base: Style = self.rich_style
            if 0 <= line < len(self._lines):
                segments = [Segment(seg.text, base + seg.style if seg.style else base)
                            for seg in self._lines[line].render(self.app.console, end="") if seg.text]
                strip = Strip(segments).crop_extend(int(self.scroll_x), int(self.scroll_x) + width, base)
            else:
                strip = Strip.blank(width, base)
            self._strips[key] = strip
        return strip
