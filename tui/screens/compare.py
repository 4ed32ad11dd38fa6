"""Compare indicators across plans.

Four views (tabs, keys 1–4; what each shows is in `compare_modes`):
  1 指标对比   indicators × the plans shown (p chooses them): baseline → target with their years,
               × multiple and implied annual growth; plans of different periods apart (x mixes them)
  2 两规划对照 two plans (a / b pick each) aligned row by row by catalog key, unmatched rows below
  3 区在市中   a district's figures as a share of its city's (counts and amounts only)
  4 目标与实绩 the 十三五 results tables: target, actual, met as printed and as the numbers say
The table (`widgets.compare_table`) draws only what is on screen; its 指标 column and header stay
in place when it scrolls. Below it: the highlighted cell's figures (and an indicator's catalog note)
and a bar chart of the indicator (baseline ░ beside target █). Keys: / filter, p plans, s sort (next
column), r reverse, x mix periods, v chart, d detail in full, e export (a path to choose, never
overwriting without asking: `compare_export`), Enter go to the table in the plan, escape back.
The panes under the table are drawn by `compare_panes`, the choice of plans is `compare_picker`.

Small terminals (height below COMPACT_HEIGHT) keep the table the main thing: the filter is one line,
the chart is hidden until v, the detail is at most 2 lines (ending in “… d 全文” when cut) and table
cells at most 2 lines (ending in “…”; the detail shows them in full).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, SelectionList, Static, Tab, Tabs

from tui.core import compare as cmp
from tui.core.export import View
from tui.core.indicators import Catalog, CatalogError
from tui.core.model import Corpus, Plan
from tui.core.safetext import visible
from tui.jump import Jump
from tui.screens import compare_modes as modes
from tui.screens import compare_panes as panes
from tui.screens import compare_picker as picking
from tui.screens.compare_export import start_export
from tui.screens.compare_modes import default_plans, picker_label
from tui.screens.list_keys import LIST_KEYS, ListKeys
from widgets.bar_chart import BarChart
from widgets.compare_table import CompareTable, Row, fit_widths, sort_by
from widgets.kept_styles import KeptStyles
from widgets.key_footer import KeyFooter
from widgets.screen_base import PlansScreen
from widgets.text_input import TextInput

__all__ = ["MODES", "CompareScreen", "default_plans", "fit_widths", "picker_label", "sort_by"]

MODES = (("grid", "1 指标对比"), ("pair", "2 两规划对照"), ("share", "3 区在市中"), ("results", "4 目标与实绩"))
COMPACT_HEIGHT = 32  # below this many lines: no chart unless asked for, 2-line detail and cells
DETAIL_LINES = panes.DETAIL_LINES
CELL_LINES = 2  # compact: a table cell's lines at most


class CompareScreen(ListKeys, KeptStyles, PlansScreen[Jump | None]):
    DEFAULT_CSS = """
    CompareScreen {
        layout: vertical;
    }
    CompareScreen #compare-body {
        height: 1fr;
    }
    CompareScreen #compare-plans {
        width: 22;  /* a plan and its period whole: ▐X▌ 柯桥区 十四五 */
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
        height: 4;  /* fixed: the table keeps its height as the cursor moves (and no layout per key) */
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
    CompareScreen.-compact #compare-detail {
        height: 2;
    }
    CompareScreen #compare-detail.-full {
        height: auto;
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
        Binding("x", "mix", "混排", id="compare.mix"),
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
                catalog = modes.shared_catalog()
            except CatalogError as exc:
                self.catalog_error = str(exc)
                catalog = Catalog([], path="(no catalog)")
        self.catalog = catalog
        self.export_dir = Path(export_dir) if export_dir is not None else Path.cwd()
        self.mode = mode if mode in dict(MODES) else "grid"
        self.plan_ids = default_plans(corpus, plan_id)
        self.pair_ids = picking.default_pair(corpus)
        self.filter_text = ""
        self.sort_col: int | None = None  # displayed column; None: catalog / printed order
        self.sort_reverse = False
        self.mix = False  # grid: plans of different periods side by side (x)
        self.chart_choice: bool | None = None  # v sets it; None: shown unless the terminal is short
        self.compact = False
        self.detail_full = False
        self.items: list[modes.Item | None] = []  # per table row: its item (None: a section row)
        self.table_model: modes.Table | None = None
        self.last_export: list[Path] = []
        self._fitted_width = 0  # the table width the columns were last fitted to
        self._shown: tuple[object, ...] | None = None  # what the table was last given (set_table)
        self.panes_shown: dict[str, object] = {}  # what each pane under the table shows (compare_panes)
        # worked out for the plans shown only (and remembered per choice of plans): opening the
        # screen costs what it shows, whatever the size of the corpus
        self._ctx = modes.Context(corpus, catalog, [], None, 0, False)
        self.picker_filled = False  # the picker has this open's plans (compare_picker)
        self._filled = False  # the table has been filled once
        self._table: CompareTable | None = None
        self._models: dict[tuple[object, ...], modes.Table] = {}

    # -- layout -------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # p puts the plan picker first in the body (compare_picker)
        with Horizontal(id="compare-body"), Vertical(id="compare-main"):
            yield Tabs(*[Tab(label, id=f"tab-{mode}") for mode, label in MODES], active=f"tab-{self.mode}")
            yield TextInput(placeholder="筛选指标（名称、别名、key 或拼音首字母）  / 聚焦 · Esc 回表格", id="compare-filter")
            yield CompareTable(id="compare-table")
            yield Static(id="compare-detail")
            yield BarChart(id="compare-chart")
            yield Static(id="compare-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        if next(self.query("#compare-table").results(CompareTable), None) is None:
            return  # closed (or the app quitting) before the screen was up: nothing to fill
        self._set_compact(self.app.size.height)
        # filled now, for the width it will have (the screen's: the picker is hidden), so the first
        # frame shows it; filled again only if its first layout tells another width (`Resized`)
        self.refresh_view()
        self.table.focus()

    def reopen(self, plan_id: str | None = None, mode: str = "grid") -> None:
        """Kept between opens (tui/screens/kept.py): the state a new screen starts in (mode, plans of
        `plan_id`'s group, no filter, sort or mix, picker closed, cursor on the first row); the views'
        cells stay cached, so the grid shows without being made again."""
        self.mode = mode if mode in dict(MODES) else "grid"
        self.plan_ids = default_plans(self.corpus, plan_id)
        self.pair_ids = picking.default_pair(self.corpus)
        self.filter_text = ""
        self.sort_col, self.sort_reverse = None, False
        self.mix = False
        self.chart_choice = None
        self.detail_full = False
        self.last_export = []
        self._filled = False  # the catalog's error (if any) is shown again over the first fill
        tabs = self.query_one(Tabs)
        with self.prevent(Tabs.TabActivated):
            tabs.active = f"tab-{self.mode}"
        box = self.query_one("#compare-filter", Input)
        if box.value:
            with self.prevent(Input.Changed):
                box.value = ""
        picking.hide_picker(self, refill=True)  # refilled, with this open's plans ticked, when p shows it
        self.query_one("#compare-detail", Static).remove_class("-full")
        self._set_compact(self.app.size.height)
        table = self.table
        table.set_reactive(CompareTable.cursor_row, 0)
        table.set_reactive(CompareTable.cursor_column, 0)
        table.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh_view()
        table.focus()

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

    def on_resize(self, event: events.Resize) -> None:
        if self._set_compact(event.size.height):
            self.refresh_view()

    @property
    def table(self) -> CompareTable:
        if self._table is None:  # looked up once: it is asked for on every key
            self._table = self.query_one("#compare-table", CompareTable)
        return self._table

    def plan(self, pid: str) -> Plan | None:
        return next((p for p in self.corpus.plans if p.id == pid), None)

    def shown_plans(self) -> list[Plan]:
        return [p for p in self.corpus.plans if p.id in self.plan_ids]

    def set_status(self, message: str) -> None:
        panes.set_status(self, message)

    # -- building the table -------------------------------------------------------------------------
    def refresh_view(self) -> None:
        table = self.table
        self._fitted_width = table.size.width or self.app.size.width
        ctx = self._ctx
        ctx.plans = self.shown_plans()
        a, b = (self.plan(pid) for pid in self.pair_ids[:2]) if len(self.pair_ids) >= 2 else (None, None)
        ctx.pair = (a, b) if a is not None and b is not None else None
        ctx.room = self._fitted_width - table.styles.scrollbar_size_vertical
        ctx.mix = self.mix
        # the cells of a view are made once per mode, choice of plans and width: sorting, filtering and
        # coming back to a view only order and pick its rows
        key = (self.mode, tuple(p.id for p in ctx.plans), tuple(self.pair_ids[:2]), ctx.room, ctx.mix)
        model = self._models.get(key)
        if model is None:
            if len(self._models) > 16:
                self._models.clear()
            model = self._models[key] = modes.BUILDERS[self.mode](ctx)
        if self.sort_col is not None and self.sort_col >= len(model.columns):
            self.sort_col = None
        shown = (key, self.filter_text, self.sort_col, self.sort_reverse, self.compact)
        if shown == self._shown and model is self.table_model:
            # the table already holds these rows (a reopen, a resize to the same width): keep them and
            # the lines it has drawn; only the cursor is put in place
            table.place_cursor(table.cursor_row, table.cursor_column)
            self._show_panes()
            return
        self._shown = shown
        items = [i for i in model.items if modes.matches(i, self.filter_text)] if self.filter_text else model.items
        items = modes.ordered(items, self.sort_col, self.sort_reverse)
        columns = list(model.columns)
        if self.sort_col is not None:  # the sort mark ends the header's first line
            col = columns[self.sort_col]
            at = col.header.plain.find("\n")
            first, rest = (col.header[:at], col.header[at:]) if at >= 0 else (col.header, Text())
            mark = Text.assemble(first, (" ▼" if self.sort_reverse else " ▲", "bold"), rest)
            columns[self.sort_col] = replace(col, header=mark)
        rows: list[Row] = []
        self.items = []
        groups = len({i.group for i in items}) > 1
        previous = None
        for item in items:
            if groups and item.group != previous:
                count = sum(1 for i in items if i.group == item.group)
                rows.append(Row(section=Text(f"── {visible(item.group, multiline=False)}（{count} 项）")))
                self.items.append(None)
            previous = item.group
            rows.append(Row(item.cells))
            self.items.append(item)
        self.table_model = model
        with self.prevent(CompareTable.Highlighted):  # the panes are drawn here, once
            table.set_table(columns, rows, frozen=1, max_lines=CELL_LINES if self.compact else 0)
        self._show_panes()

    def _show_panes(self) -> None:
        self._update_side()
        self.update_status()
        if self.catalog_error and not self._filled:
            self.set_status(self.catalog_error)  # once, over the first fill's status
        self._filled = True

    def on_compare_table_resized(self, event: CompareTable.Resized) -> None:
        if self.table.size.width != self._fitted_width:
            self.refresh_view()

    @property
    def lines(self) -> list[modes.Item]:
        """The data rows shown, in order (section rows left out)."""
        return [i for i in self.items if i is not None]

    @property
    def view(self) -> View:
        """What `e` exports: the rows shown, in their order, with every column."""
        if self.table_model is None:
            return View("", [])
        return self.table_model.export(self.lines)

    # -- the panes under the table ------------------------------------------------------------------
    def current(self) -> tuple[modes.Item | None, cmp.Figure | None]:
        """The highlighted row and the figure under the cursor (or the row's first)."""
        table = self.table
        if not self.items or table.row_count == 0:
            return None, None
        item = self.items[min(table.cursor_row, len(self.items) - 1)]
        if item is None:
            return None, None
        figs = item.figures
        at = self.table_model.figure_at if self.table_model is not None else []
        index = at[table.cursor_column] if table.cursor_column < len(at) else None
        fig = figs[index] if index is not None and index < len(figs) else None
        if fig is None:
            fig = next((f for f in figs if f is not None), None)
        return item, fig

    def _update_side(self) -> None:
        panes.update_side(self)

    def update_status(self) -> None:
        self.set_status(panes.status_text(self, dict(MODES)[self.mode][2:]))

    # -- events -------------------------------------------------------------------------------------
    def on_compare_table_highlighted(self, event: CompareTable.Highlighted) -> None:
        self._update_side()

    def on_compare_table_selected(self, event: CompareTable.Selected) -> None:
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
            picking.hide_picker(self, refill=False)
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

    async def action_focus_plans(self) -> None:
        await picking.show_picker(self)

    def action_cycle_pair(self, side: int) -> None:
        if len(self.corpus.plans) < 2 or len(self.pair_ids) < 2:
            return
        picking.step_pair([p.id for p in self.corpus.plans], self.pair_ids, side)
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

    def action_mix(self) -> None:
        """Plans of different periods side by side in the grid, or apart again (the default)."""
        self.mix = not self.mix
        self.sort_col = None if self.mode == "grid" else self.sort_col  # the plan columns move
        if self.mode != "grid":
            self.action_mode("grid")
        else:
            self.refresh_view()
        self.notify("不同时期的规划混排在一起（x 分开）" if self.mix else "不同时期的规划分开（x 混排）", markup=False)
        self.refresh_bindings()  # the footer says what x does now

    def binding_description(self, binding: Binding) -> str:
        """The footer's word for x: 分开 while periods are mixed, 混排 while apart."""
        if binding.id == "compare.mix" and self.mix:
            return "分开"
        return binding.description

    def action_toggle_chart(self) -> None:
        self.chart_choice = not self.chart_on
        self.query_one("#compare-chart", BarChart).set_class(not self.chart_on, "hidden")

    def action_toggle_detail(self) -> None:
        """The detail in full (the whole catalog note, every figure) or back to its 2–4 lines."""
        self.detail_full = not self.detail_full
        self.query_one("#compare-detail", Static).set_class(self.detail_full, "-full")
        self.panes_shown.pop("detail", None)  # drawn again, at its new height
        self._update_side()

    def action_jump(self) -> None:
        _, fig = self.current()
        if fig is None:
            return
        node = fig.ref.node
        name = fig.ref.row.name
        lines = "\n".join(node.table.lines) if node.table is not None else ""
        self.dismiss(Jump(node.key, name if name and name in lines else ""))

    def action_export(self) -> None:
        start_export(self)
