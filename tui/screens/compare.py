"""Compare indicators across plans.

Four views (tabs, keys 1–4):
  1 指标对比   rows are canonical indicators, columns the plans shown (toggle them in the list on
               the left): baseline → target as printed, then × multiple and implied annual growth
  2 两规划对照 two plans (a / b pick each) aligned row by row by catalog key, unmatched rows below
  3 区在市中   a district's figures as a share of its city's (counts and amounts only)
  4 目标与实绩 the 十三五 results tables: target, actual, met as printed and as the numbers say
Below the table: the highlighted cell's figures (and an indicator's catalog note) and a bar chart of
the indicator (baseline ░ beside target █). Keys: / filter, p plans, s sort (next column), r reverse,
g chart, d detail in full, e export CSV + Markdown (asks before overwriting), Enter go to the table in
the plan, escape back.

Small terminals (height below COMPACT_HEIGHT) keep the table the main thing: the filter is one line,
the chart is hidden until g, the detail is at most 2 lines (ending in “… d 全文” when cut) and table
cells at most 2 lines (ending in “…”; the detail shows them in full).
"""

from __future__ import annotations

import errno
import io
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, SelectionList, Static, Tab, Tabs
from textual.widgets.selection_list import Selection

from tui.core import compare as cmp
from tui.core import compare_views as views
from tui.core.export import View, export_paths, render, write_exports
from tui.core.indicators import Catalog, CatalogError, load_catalog
from tui.core.model import Corpus, Plan
from tui.core.names import normalise_name
from tui.core.safetext import safe_text, visible
from tui.core.textwidth import cut_lines
from tui.jump import Jump
from tui.screens.list_keys import LIST_KEYS, ListKeys
from widgets.bar_chart import Bar, BarChart
from widgets.compare_cells import bar_of, detail_line, grid_cell, name_cell
from widgets.compare_confirm import ConfirmOverwrite
from widgets.compare_table import CompareTable, fit_widths, sort_by
from widgets.key_footer import KeyFooter
from widgets.option_lists import PagedSelectionList
from widgets.screen_base import PlansScreen
from widgets.text_input import TextInput

MODES = (("grid", "1 指标对比"), ("pair", "2 两规划对照"), ("share", "3 区在市中"), ("results", "4 目标与实绩"))
NAME_WIDTH = 22
PLAN_WIDTH = 16
NAME_MIN = 12  # the grid's 指标 column may narrow to this so more plans fit
PLAN_MIN = 14  # '2.30# → 3.0' and '×1.36 +6.4%/年' still on one line each
TEXT_MIN = 6  # other views: no column narrower than this (or its header) when fitting
SHOW_ALL = 12  # up to this many plans the grid starts with all of them
COMPACT_HEIGHT = 32  # below this many lines: no chart unless asked for, 2-line detail and cells
DETAIL_LINES = (4, 2)  # the detail's lines at full height / compact (d shows it all)
CELL_LINES = 2  # compact: a table cell's lines at most

_WRITE_ERRORS = {
    errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.EROFS: "文件系统只读",
    errno.ENOSPC: "磁盘空间不足", errno.ENOENT: "目录不存在", errno.ENOTDIR: "路径不是目录",
    errno.EDQUOT: "超出磁盘配额", errno.EISDIR: "同名的是一个目录",
}


def write_error(exc: OSError) -> str:
    """An OSError as a short Chinese reason (the errno's name when it is not a common one)."""
    reason = _WRITE_ERRORS.get(exc.errno or 0)
    if reason is None:
        reason = f"写入出错（{errno.errorcode.get(exc.errno or 0, type(exc).__name__)}）"
    return reason


@dataclass
class _Line:
    """One displayed row: its figures (for the chart, the detail line and Enter)."""

    figures: list[cmp.Figure | None]
    grid_row: cmp.GridRow | None = None
    cut: dict[int, str] | None = None  # displayed column -> full text of a cell shown cut (compact)


def default_plans(corpus: Corpus, current: str | None) -> list[str]:
    """The plans the grid starts with: every plan when there are few (`SHOW_ALL`); else the current
    plan with the others of its period in its city group (the city and its districts), at most
    `SHOW_ALL` of them. `p` chooses others."""
    plans = corpus.plans
    if len(plans) <= SHOW_ALL:
        return [p.id for p in plans]
    here = next((p for p in plans if p.id == current), plans[0])

    def group(plan: Plan) -> str:
        m = plan.meta
        return (m.parent_region if m.level == "district" and m.parent_region else m.region) or m.short

    period, city = here.meta.period_name, group(here)
    same = [p for p in plans if p is not here and p.meta.period_name == period and group(p) == city]
    chosen = {p.id for p in [here] + same[: SHOW_ALL - 1]}
    return [p.id for p in plans if p.id in chosen]


def picker_label(plan: Plan, periods: bool) -> str:
    """The plan's short name, with its period when plans of several periods are loaded, and 自添 before
    a plan the user added (`plans add`)."""
    name = f"{plan.short} {plan.meta.period_name}" if periods and plan.meta.period_name else plan.short
    return f"自添 {name}" if plan.is_user else name


class CompareScreen(ListKeys, PlansScreen[Jump | None]):
    DEFAULT_CSS = """
    CompareScreen {
        layout: vertical;
    }
    CompareScreen #compare-body {
        height: 1fr;
    }
    CompareScreen #compare-plans {
        width: 14;
        height: 100%;
        border: round $primary;
        border-title-color: $text-muted;
        background: $surface;
    }
    CompareScreen #compare-main {
        width: 1fr;
        height: 100%;
    }
    CompareScreen Tabs {
        height: 2;
    }
    CompareScreen #compare-filter {
        height: 3;
        border: round $primary;
    }
    CompareScreen #compare-table {
        height: 1fr;
        min-height: 6;
    }
    CompareScreen #compare-detail {
        height: auto;
        padding: 0 1;
        color: $foreground;
        background: $panel;
    }
    CompareScreen #compare-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    CompareScreen #compare-chart {
        max-height: 40%;
    }
    CompareScreen.-compact #compare-filter {
        height: 1;
        border: none;
        padding: 0 1;
    }
    CompareScreen #compare-detail.-full {
        max-height: 60%;
    }
    CompareScreen .hidden {
        display: none;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "返回", id="compare.close"),
        Binding("1", "mode('grid')", "对比", id="compare.grid", show=False),
        Binding("2", "mode('pair')", "对照", id="compare.pair", show=False),
        Binding("3", "mode('share')", "区在市", id="compare.share", show=False),
        Binding("4", "mode('results')", "实绩", id="compare.results", show=False),
        Binding("slash", "focus_filter", "筛选", id="compare.filter"),
        Binding("p", "focus_plans", "规划", id="compare.plans"),
        # a/b are listed in the status line of the pair view (the footer is full at 80 columns)
        Binding("a", "cycle_pair(0)", "甲", id="compare.pair_a", show=False),
        Binding("b", "cycle_pair(1)", "乙", id="compare.pair_b", show=False),
        Binding("s", "sort", "排序", id="compare.sort"),
        Binding("r", "reverse", "倒序", id="compare.reverse"),
        Binding("v", "toggle_chart", "图表", id="compare.chart"),
        Binding("d", "toggle_detail", "详情", id="compare.detail"),
        Binding("e", "export", "导出", id="compare.export"),
        *LIST_KEYS,
    ]

    def __init__(self, corpus: Corpus, catalog: Catalog | None = None, export_dir: Path | str | None = None,
                 mode: str = "grid", plan_id: str | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.catalog_error = ""
        if catalog is None:
            try:
                catalog = load_catalog()
            except CatalogError as exc:
                self.catalog_error = str(exc)
                catalog = Catalog([], path="(no catalog)")
        self.catalog = catalog
        self.export_dir = Path(export_dir) if export_dir is not None else Path.cwd()
        self.mode = mode if mode in dict(MODES) else "grid"
        self.plan_ids = default_plans(corpus, plan_id)
        self.pair_ids = self._default_pair()
        self.filter_text = ""
        self.sort_col: int | None = None  # displayed column; None: catalog / printed order
        self.col_offset = 0  # grid with many plans: the first plan column the table holds
        self.window = 0  # ... and how many it holds (0: all of them)
        self.sort_reverse = False
        self.chart_choice: bool | None = None  # v sets it; None: shown unless the terminal is short
        self.compact = False
        self.detail_full = False
        self.lines: list[_Line] = []
        self._view: View | None = View("", [])
        self._view_of: tuple[list[Plan], list[cmp.GridRow]] | None = None  # the grid's, made when asked for
        self.last_export: list[Path] = []
        self._fitted_width = 0  # the table width the columns were last fitted to
        # worked out for the plans shown only (and remembered per choice of plans): opening the
        # screen costs what it shows, whatever the size of the corpus
        self._grids: dict[tuple[str, ...], cmp.Grid] = {}
        self._shares: dict[tuple[str, ...], list[cmp.Share]] = {}
        self._results: dict[tuple[str, ...], list[cmp.Figure]] = {}
        self._picker_filled = False
        self._filled = False  # the table has been filled once

    def _default_pair(self) -> list[str]:
        """A district and its city if both are loaded (绍兴市, 柯桥区), else the first two plans."""
        for plan in self.corpus.plans:
            city = cmp.city_of(self.corpus, plan)
            if city is not None:
                return [city.id, plan.id]
        ids = [p.id for p in self.corpus.plans]
        return (ids + ids)[:2] if ids else []

    # -- layout -------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-body"):
            plans = PagedSelectionList[str](id="compare-plans")  # filled when p first shows it
            plans.border_title = "规划"
            plans.display = False  # p shows it (space toggles a plan), escape hides it
            yield plans
            with Vertical(id="compare-main"):
                yield Tabs(*[Tab(label, id=f"tab-{mode}") for mode, label in MODES], active=f"tab-{self.mode}")
                yield TextInput(placeholder="筛选指标（名称、别名、key 或拼音首字母）  / 聚焦 · esc 回表格", id="compare-filter")
                table = CompareTable(id="compare-table", cursor_type="cell", zebra_stripes=True)
                yield table
                yield Static(id="compare-detail")
                yield BarChart(id="compare-chart")
                yield Static(id="compare-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        if next(self.query("#compare-table").results(DataTable), None) is None:
            return  # closed (or the app quitting) before the screen was up: nothing to fill
        self._set_compact(self.app.size.height)
        if self.table.size.width:
            self.refresh_view()
        # else the table is filled once, when its first layout tells its width (`Resized`)
        self.query_one("#compare-table", DataTable).focus()

    # -- helpers ------------------------------------------------------------------------------------
    @property
    def chart_on(self) -> bool:
        return self.chart_choice if self.chart_choice is not None else not self.compact

    def _set_compact(self, height: int) -> bool:
        """Switch the compact layout on or off for a terminal this tall; True when it changed."""
        compact = 0 < height < COMPACT_HEIGHT
        changed = compact != self.compact
        self.compact = compact
        self.set_class(compact, "-compact")
        return changed

    def on_resize(self, event) -> None:
        if self._set_compact(event.size.height):
            self.refresh_view()

    def _clip(self, text: Text, width: int) -> Text:
        """A table cell at most CELL_LINES lines in the compact layout (as it is otherwise)."""
        if not self.compact or self.table.size.width <= 0:
            return text
        return cut_lines(text, width, CELL_LINES, self.app.console)

    @property
    def table(self) -> DataTable:
        return self.query_one("#compare-table", DataTable)

    def plan(self, pid: str) -> Plan | None:
        return next((p for p in self.corpus.plans if p.id == pid), None)

    def shown_plans(self) -> list[Plan]:
        return [p for p in self.corpus.plans if p.id in self.plan_ids]

    def set_status(self, message: str) -> None:
        self.query_one("#compare-status", Static).update(safe_text(message, no_wrap=True, overflow="ellipsis"))

    def _matches(self, row: list, columns: list[str]) -> bool:
        q = normalise_name(self.filter_text)
        if not q:
            return True
        for i, col in enumerate(columns):
            if col in ("key", "指标") or col.endswith("指标名"):
                v = row[i]
                if isinstance(v, str) and q in normalise_name(v):
                    return True
        names = [row[i] for i, c in enumerate(columns) if c == "指标" and isinstance(row[i], str)]
        return cmp._search_engine_matches(names, self.filter_text)

    # -- building the table -------------------------------------------------------------------------
    def refresh_view(self) -> None:
        table = self.table
        keep = table.cursor_coordinate
        table.clear(columns=True)
        getattr(self, f"_fill_{self.mode}")(table)
        if table.row_count:
            row = min(keep.row, table.row_count - 1)
            col = min(keep.column, len(table.columns) - 1)
            table.cursor_coordinate = Coordinate(row, col)
        self._update_side()
        self._update_status()
        if self.catalog_error and not self._filled:
            self.set_status(self.catalog_error)  # once, over the first fill's status
        self._filled = True

    def _fit(self, natural: list[int], minimum: list[int]) -> list[int]:
        """Widths for the table's columns so they fit its width (natural ones before the first layout)."""
        table = self.table
        self._fitted_width = table.size.width
        if table.size.width <= 0:
            return natural
        room = table.size.width - table.styles.scrollbar_size_vertical - 2 * table.cell_padding * len(natural)
        return fit_widths(natural, minimum, room)

    def on_compare_table_resized(self, event: CompareTable.Resized) -> None:
        if self.table.size.width != self._fitted_width:
            self.refresh_view()

    def _label(self, text: str, i: int) -> Text:
        label = safe_text(text)
        if self.sort_col == i:
            label.append(" ▼" if self.sort_reverse else " ▲", style="bold")
        return label

    def _sub(self, plans: list[Plan]) -> Corpus:
        return Corpus(plans=plans, source=self.corpus.source, version=self.corpus.version)

    def _grid_for(self, plans: list[Plan]) -> cmp.Grid:
        ids = tuple(p.id for p in plans)
        grid = self._grids.get(ids)
        if grid is None:
            grid = self._grids[ids] = cmp.build_grid(self._sub(plans), self.catalog)
        return grid

    def _window(self, plans: list[Plan]) -> list[Plan]:
        """The plan columns the table holds: all of them when the corpus has at most `SHOW_ALL` plans
        or they fit, else those that fit its width from `col_offset` on (a DataTable draws every column of a line it draws: 500 plan
        columns took seconds). ←/→ past the edge moves along (`on_compare_table_edge`)."""
        table = self.table
        width = table.size.width or self.app.size.width
        room = width - table.styles.scrollbar_size_vertical - NAME_MIN - 2 * table.cell_padding
        fit = max(1, room // (PLAN_MIN + 2 * table.cell_padding))
        if len(self.corpus.plans) <= SHOW_ALL or len(plans) <= fit:
            self.col_offset = self.window = 0
            return plans
        self.window = fit
        self.col_offset = max(0, min(self.col_offset, len(plans) - self.window))
        return plans[self.col_offset : self.col_offset + self.window]

    def on_compare_table_edge(self, event: CompareTable.Edge) -> None:
        if self.mode != "grid" or not self.window:
            return
        total = len(self.shown_plans())
        offset = max(0, min(self.col_offset + event.step, total - self.window))
        if offset == self.col_offset:
            return
        step, self.col_offset = offset - self.col_offset, offset
        if self.sort_col is not None and self.sort_col >= 1:  # the sorted plan moves with its column
            self.sort_col -= step
            if not 1 <= self.sort_col <= self.window:
                self.sort_col = None
        self.refresh_view()

    def _fill_grid(self, table: DataTable) -> None:
        shown = self.shown_plans()
        plans = self._window(shown)
        rows = [r for r in self._grid_for(shown).rows
                if any(p.id in r.cells for p in shown) and cmp.matches_filter(r, self.filter_text)]
        if self.sort_col is not None:
            if self.sort_col == 0:
                rows.sort(key=lambda r: normalise_name(r.name), reverse=self.sort_reverse)
            elif self.sort_col - 1 < len(plans):
                pid = plans[self.sort_col - 1].id
                rows = sort_by(rows, lambda r: r.cells[pid].multiple if pid in r.cells else None, self.sort_reverse)
        widths = self._fit([NAME_WIDTH] + [PLAN_WIDTH] * len(plans), [NAME_MIN] + [PLAN_MIN] * len(plans))
        table.header_height = 1
        table.add_column(self._label("指标", 0), width=widths[0], key="name")
        for i, plan in enumerate(plans, 1):
            table.add_column(self._label(plan.short, i), width=widths[i], key=plan.id)
        self.lines = []
        for n, r in enumerate(rows):
            cells = [self._clip(grid_cell(r.cells.get(p.id), widths[i]), widths[i]) for i, p in enumerate(plans, 1)]
            table.add_row(self._clip(name_cell(r.name, r.unit, r.indicator is None), widths[0]), *cells,
                          height=None, key=r.key or f"unmapped-{n}")
            self.lines.append(_Line([r.cells.get(p.id) for p in plans], r))
        self._view, self._view_of = None, (shown, rows)  # the export view of 500 plans is not cheap

    @property
    def view(self) -> View:
        """What `e` exports (all the plans shown, every column) and the other views' column names."""
        if self._view is None:
            plans, rows = self._view_of or ([], [])
            self._view = views.grid_view(cmp.Grid(plans, rows))
        return self._view

    @view.setter
    def view(self, value: View) -> None:
        self._view, self._view_of = value, None

    def _fill_from_view(self, table: DataTable, view: View, figures: list[list[cmp.Figure | None]]) -> None:
        pairs = [(row, figs) for row, figs in zip(view.rows, figures) if self._matches(row, view.columns)]
        shown = view.brief if view.brief is not None else list(range(len(view.columns)))
        if self.sort_col is not None and self.sort_col < len(shown):
            col = shown[self.sort_col]
            group = view.columns[0] == "段"  # keep 对齐 / 仅A / 仅B together
            order = {g: i for i, g in enumerate(dict.fromkeys(r[0] for r, _ in pairs))}
            pairs = sort_by(pairs, lambda x: x[0][col], self.sort_reverse)  # on the figures (views.Printed)
            if group:
                pairs.sort(key=lambda x: order[x[0][0]])
        cells = [[safe_text(views.display_value(view.columns[c], row[c]), overflow="fold") for c in shown]
                 for row, _ in pairs]
        labels = [self._label(view.columns[c], i) for i, c in enumerate(shown)]
        natural = [max([label.cell_len] + [line[i].cell_len for line in cells]) for i, label in enumerate(labels)]
        # a header may wrap onto a second line (绍兴市· / 基期), so a column needs only half its header
        widths = self._fit(natural, [min(n, max(TEXT_MIN, -(-label.cell_len // 2))) for n, label in zip(natural, labels)])
        table.header_height = 2 if any(w < label.cell_len for w, label in zip(widths, labels)) else 1
        for i, c in enumerate(shown):
            label = labels[i]
            if widths[i] < label.cell_len and ("·" in label.plain or "(" in label.plain):
                # 绍兴市·基期 → 绍兴市· / 基期; 是否完成(按数) → 是否完成 / (按数)
                at = label.plain.index("·") + 1 if "·" in label.plain else label.plain.index("(")
                label = Text.assemble(label[:at], "\n", label[at:])
            label.overflow = "fold"
            table.add_column(label, key=f"c{c}", width=widths[i])
        wrap = widths != natural  # a narrowed column wraps its text onto more lines, never cuts it
        self.lines = []
        for line, (_row, figs) in zip(cells, pairs):
            cut: dict[int, str] = {}
            if wrap:
                shown_line = [self._clip(cell, widths[i]) for i, cell in enumerate(line)]
                cut = {i: full.plain for i, (full, s) in enumerate(zip(line, shown_line)) if s is not full}
                line = shown_line
            table.add_row(*line, height=None if wrap else 1)
            self.lines.append(_Line(figs, cut=cut))
        self.view = View(view.title, view.columns, [r for r, _ in pairs], view.numeric, view.brief)

    def _fill_pair(self, table: DataTable) -> None:
        a, b = (self.plan(pid) for pid in self.pair_ids[:2]) if len(self.pair_ids) >= 2 else (None, None)
        if a is None or b is None:
            self.lines, self.view = [], View("两规划对照", [])
            return
        p = cmp.pair(self._sub([a] if a is b else [a, b]), self.catalog, a, b)
        figs: list[list[cmp.Figure | None]] = [[fa, fb] for _, fa, fb in p.aligned]
        figs += [[f, None] for f in p.only_a] + [[None, f] for f in p.only_b]
        self._fill_from_view(table, views.pair_view(p), figs)

    def _fill_share(self, table: DataTable) -> None:
        ids = set(self.plan_ids)
        key = tuple(self.plan_ids)
        if key not in self._shares:
            # the shown plans with their cities and, for a shown city, its districts
            near = set(ids)
            for plan in self.corpus.plans:
                city = cmp.city_of(self.corpus, plan)
                if city is not None and (plan.id in ids or city.id in ids):
                    near.update((plan.id, city.id))
            sub = self._sub([p for p in self.corpus.plans if p.id in near])
            self._shares[key] = cmp.district_shares(sub, self.catalog)
        shares = [s for s in self._shares[key] if s.district.plan.id in ids or s.city.plan.id in ids]
        self._fill_from_view(table, views.shares_view(shares), [[s.district, s.city] for s in shares])

    def _fill_results(self, table: DataTable) -> None:
        key = tuple(self.plan_ids)
        if key not in self._results:
            self._results[key] = cmp.results(self._sub(self.shown_plans()), self.catalog)
        figs = self._results[key]
        self._fill_from_view(table, views.results_view(figs), [[f] for f in figs])

    # -- the panes under the table ------------------------------------------------------------------
    def current(self) -> tuple[_Line | None, cmp.Figure | None]:
        """The highlighted line and the figure under the cursor (or the line's first)."""
        table = self.table
        if not self.lines or table.row_count == 0:
            return None, None
        coord = table.cursor_coordinate
        line = self.lines[min(coord.row, len(self.lines) - 1)]
        figs = line.figures
        fig = None
        if self.mode == "grid" and 1 <= coord.column <= len(figs):
            fig = figs[coord.column - 1]
        elif self.mode == "pair" and len(figs) == 2:
            col_name = self._shown_column_name(coord.column)
            b = self.plan(self.pair_ids[1])
            on_b = b is not None and col_name.startswith(b.short + "·")
            fig = figs[1] if on_b and figs[1] is not None else figs[0] or figs[1]
        if fig is None:
            fig = next((f for f in figs if f is not None), None)
        return line, fig

    def _shown_column_name(self, i: int) -> str:
        shown = self.view.brief if self.view.brief is not None else list(range(len(self.view.columns)))
        return self.view.columns[shown[i]] if 0 <= i < len(shown) else ""

    def _update_side(self) -> None:
        line, fig = self.current()
        detail = self.query_one("#compare-detail", Static)
        chart = self.query_one("#compare-chart", BarChart)
        if line is None:
            detail.update(Text("（没有可比较的指标）" if not self.filter_text else "（没有匹配的指标）", style="dim"))
            chart.show("", [])
        else:
            text = Text()
            if self.mode == "grid" and self.table.cursor_coordinate.column == 0 and line.grid_row is not None:
                ind = line.grid_row.indicator
                if ind is not None:
                    text.append(visible(ind.name, multiline=False), style="bold")
                    text.append(visible(f"（{ind.unit}，{ind.kind_label}）", multiline=False))
                    if ind.note:
                        text.append("  " + visible(ind.note, multiline=False))
                    text.append(visible(f"  [{ind.key}]", multiline=False), style="dim")
                else:
                    text.append("目录中没有这一指标名（plans indicators --unmapped）", style="italic")
            elif fig is not None:
                text = detail_line(fig)
            col = self.table.cursor_coordinate.column
            if line.cut and col in line.cut:  # the cell under the cursor is shown cut: its full text first
                name = visible(self._shown_column_name(col), multiline=False)
                text = Text.assemble((f"{name}：", "dim"), line.cut[col], "  ", text)
            detail.tooltip = text.copy() if text.plain else None  # Text: a str tooltip is parsed as markup
            if not self.detail_full:
                width = (detail.size.width or self.app.size.width) - 2
                text = cut_lines(text, width, DETAIL_LINES[self.compact], self.app.console, " d 全文")
            detail.update(text)
            bars: list[Bar] = [bar_of(f) for f in line.figures if f is not None]
            if self.mode == "results":
                bars = [Bar(f.plan.short, cmp.numeric(f.planned), cmp.printed(f.planned),
                            cmp.numeric(f.actual), cmp.printed(f.actual), f.result_year, f.result_year,
                            labels=("目标", "实绩"))
                        for f in line.figures if f is not None]
            name = fig.name if fig is not None else ""
            unit = fig.unit if fig is not None else ""
            chart.show(f"{name}（{unit}）" if unit else name, bars)
        chart.set_class(not self.chart_on, "hidden")

    def _update_status(self) -> None:
        n = len(self.lines)
        parts = [f"{dict(MODES)[self.mode][2:]}：{n} 行"]
        if self.mode == "grid":
            parts.append(f"{len(self.shown_plans())}/{len(self.corpus.plans)} 个规划")
            if self.window:
                last = min(self.col_offset + self.window, len(self.shown_plans()))
                parts.append(f"列 {self.col_offset + 1}–{last}（←/→ 翻看）")
        if self.mode == "pair" and len(self.pair_ids) >= 2:
            a, b = (self.plan(pid) for pid in self.pair_ids[:2])
            parts.append(f"甲 {a.short if a else '?'} · 乙 {b.short if b else '?'}（a/b 换）")
        if self.filter_text:
            parts.append(f"筛选“{self.filter_text}”")
        if self.last_export:
            parts.append("已导出 " + "、".join(p.name for p in self.last_export))
        self.set_status(" · ".join(parts))

    # -- events -------------------------------------------------------------------------------------
    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._update_side()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_jump()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "compare-filter":
            self.filter_text = event.value
            self.refresh_view()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.table.focus()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        mode = (event.tab.id or "").removeprefix("tab-")
        if mode in dict(MODES) and mode != self.mode:
            self.mode = mode
            self.sort_col, self.sort_reverse = None, False
            self.refresh_view()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        selected = set(event.selection_list.selected)
        self.plan_ids = [p.id for p in self.corpus.plans if p.id in selected]
        if self.sort_col is not None and self.mode == "grid" and self.sort_col > len(self.plan_ids):
            self.sort_col = None
        self.refresh_view()

    # -- actions ------------------------------------------------------------------------------------
    def action_close(self) -> None:
        if isinstance(self.focused, SelectionList):
            self.focused.display = False
            self.table.focus()
            return
        if isinstance(self.focused, Input):
            self.table.focus()
            return
        self.dismiss(None)

    def action_mode(self, mode: str) -> None:
        self.query_one(Tabs).active = f"tab-{mode}"

    def action_focus_filter(self) -> None:
        self.query_one("#compare-filter", Input).focus()

    def action_focus_plans(self) -> None:
        plans = self.query_one("#compare-plans", SelectionList)
        if not self._picker_filled:
            self._picker_filled = True
            shown = set(self.plan_ids)
            periods = len({p.meta.period_name for p in self.corpus.plans}) > 1
            with self.prevent(SelectionList.SelectedChanged):
                plans.add_options([Selection(safe_text(picker_label(p, periods)), p.id, p.id in shown)
                                   for p in self.corpus.plans])
            plans.highlighted = 0
        plans.display = True
        plans.focus()

    def action_cycle_pair(self, side: int) -> None:
        ids = [p.id for p in self.corpus.plans]
        if len(ids) < 2 or len(self.pair_ids) < 2:
            return
        other = self.pair_ids[1 - side]
        i = ids.index(self.pair_ids[side]) if self.pair_ids[side] in ids else -1
        for step in range(1, len(ids) + 1):
            cand = ids[(i + step) % len(ids)]
            if cand != other:
                self.pair_ids[side] = cand
                break
        if self.mode != "pair":
            self.action_mode("pair")
        else:
            self.refresh_view()

    def action_sort(self) -> None:
        ncols = len(self.table.columns)
        if ncols == 0:
            return
        self.sort_col = 0 if self.sort_col is None else (None if self.sort_col + 1 >= ncols else self.sort_col + 1)
        self.sort_reverse = False
        self.refresh_view()

    def action_reverse(self) -> None:
        if self.sort_col is None:
            self.sort_col = 0
        self.sort_reverse = not self.sort_reverse
        self.refresh_view()

    def action_toggle_chart(self) -> None:
        self.chart_choice = not self.chart_on
        self.query_one("#compare-chart", BarChart).set_class(not self.chart_on, "hidden")

    def action_toggle_detail(self) -> None:
        """The detail in full (the whole catalog note, every figure) or back to its 2–4 lines."""
        self.detail_full = not self.detail_full
        self.query_one("#compare-detail", Static).set_class(self.detail_full, "-full")
        self._update_side()

    def action_jump(self) -> None:
        _, fig = self.current()
        if fig is None:
            return
        node = fig.ref.node
        name = fig.ref.row.name
        lines = "\n".join(node.table.lines) if node.table is not None else ""
        self.dismiss(Jump(node.key, name if name and name in lines else ""))

    def export_targets(self) -> list[Path]:
        return export_paths(self.export_dir.resolve(), f"compare-{self.mode}")

    def action_export(self) -> None:
        if self.app.is_web:  # served (`plans serve`): the browser downloads the files, nothing is written here
            self._deliver()
            return
        paths = self.export_targets()
        try:
            existing = [p for p in paths if p.exists()]
        except OSError as exc:
            self._export_failed(paths[0].parent, exc)
            return
        if existing:
            def answer(yes: bool | None) -> None:
                if yes:
                    self._write(paths)
                else:
                    self.set_status("未导出：文件已存在，未覆盖")

            self.app.push_screen(ConfirmOverwrite([str(p) for p in existing]), answer)
        else:
            self._write(paths)

    def _deliver(self) -> None:
        names = [p.name for p in export_paths(Path("."), f"compare-{self.mode}")]
        for name in names:
            self.app.deliver_text(io.StringIO(render(self.view, name.rsplit(".", 1)[1])),
                                  save_filename=name, encoding="utf-8")
        self.set_status("已下载 " + "、".join(names))
        self.notify("\n".join(names), title="已交给浏览器下载", markup=False)

    def _export_failed(self, directory: Path, exc: OSError) -> None:
        message = f"导出失败：{directory}：{write_error(exc)}"
        self.set_status(message)
        self.notify(message, severity="error", markup=False)

    def _write(self, paths: list[Path]) -> None:
        try:
            write_exports(self.view, paths)
        except OSError as exc:
            self._export_failed(paths[0].parent, exc)
            return
        self.last_export = paths
        self._update_status()
        self.notify("\n".join(str(p) for p in paths), title="已导出", markup=False)
