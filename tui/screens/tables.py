"""Indicator tables: each plan's tables (`widgets.indicator_table`), sortable; a row is a key away from the text.

Keys: `[`/`]` plan, `t` next table (results ↔ targets), `s` sort column, `r` reverse sort,
`o`/Enter go to the 专栏/section that mentions the indicator, escape close.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.indicators import Catalog, CatalogError, load_catalog
from tui.core.mentions import Mention, MentionIndex
from tui.core.model import Corpus, Node, Plan
from tui.core.safetext import safe_text, visible
from tui.jump import Jump
from tui.screens.list_keys import LIST_KEYS, ListKeys
from widgets.compare_table import CompareTable
from widgets.indicator_table import IndicatorTable
from widgets.kept_styles import KeptStyles
from widgets.key_footer import KeyFooter
from widgets.option_lists import PagedOptionList
from widgets.screen_base import PlansModalScreen, PlansScreen

TABLE_KINDS = {"results": "完成情况", "targets": "目标"}


def mention_label(m: Mention) -> Text:
    """Where (breadcrumb tail / 专栏 label) and the words around the match, as plan text."""
    node = m.node
    where = node.label_text if node.kind in ("column", "chapter", "section", "subsection", "item") else ""
    if not where:
        crumbs = node.breadcrumb()
        where = crumbs[-1] if crumbs else node.kind
    text = Text()
    text.append("专栏 " if node.kind == "column" else "", style="bold")
    text.append(visible(where, multiline=False), style="bold")
    if m.snippet.strip() != where.strip():  # a heading's snippet is the heading itself
        text.append("\n  ")
        text.append(visible(m.snippet, multiline=False), style="dim")
    return text


class MentionChooser(ListKeys, PlansModalScreen[Mention | None]):
    """Pick one of several places that mention an indicator."""

    DEFAULT_CSS = """
    MentionChooser {
        align: center middle;
        background: $background 60%;
    }
    MentionChooser > #chooser {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 80%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    MentionChooser #chooser-title {
        height: auto;
        color: $text-muted;
    }
    MentionChooser OptionList {
        height: auto;
        max-height: 20;
        border: none;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "取消", id="mentions.cancel"), *LIST_KEYS]

    def action_close(self) -> None:
        self.dismiss(None)

    def __init__(self, name: str, mentions: list[Mention]) -> None:
        super().__init__()
        self.indicator = name
        self.mentions = mentions

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="chooser"):
            title = Text(f"{len(self.mentions)} 处提到 ")
            title.append(visible(self.indicator, multiline=False), style="bold")
            yield Static(title, id="chooser-title")
            yield PagedOptionList(*(Option(mention_label(m), id=str(i)) for i, m in enumerate(self.mentions)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.mentions[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class TablesScreen(ListKeys, KeptStyles, PlansScreen[Jump | None]):
    DEFAULT_CSS = """
    TablesScreen {
        background: $background;
    }
    TablesScreen #tables-title, TablesScreen #tables-switch {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    TablesScreen #tables-title {
        text-style: bold;
    }
    TablesScreen #tables-notes {
        height: auto;
        max-height: 8;
        padding: 0 1;
        color: $text-muted;
        background: $surface;
    }
    TablesScreen #tables-empty {
        height: 1fr;
        padding: 1 2;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "关闭", id="tables.close"),
        Binding("left_square_bracket", "plan(-1)", "上一规划", key_display="[", id="tables.prev_plan"),
        Binding("right_square_bracket", "plan(1)", "下一规划", key_display="]", id="tables.next_plan"),
        Binding("t", "next_table", "换表", id="tables.next_table"),
        Binding("s", "sort", "排序列", id="tables.sort"),
        Binding("r", "reverse", "倒序", id="tables.reverse"),
        Binding("o", "goto", "原文", id="tables.goto"),
        *LIST_KEYS,
    ]

    def __init__(self, corpus: Corpus, plan_id: str | None = None, *, catalog: Catalog | bool | None = False) -> None:
        """`catalog`: the indicator catalog to use for mentions (default: data/indicators.yaml, loaded on
        first use; None: none)."""
        super().__init__()
        self.corpus = corpus
        ids = [p.id for p in corpus.plans]
        if plan_id in ids:
            self.plan_index = ids.index(plan_id)
        else:  # first plan that has tables
            self.plan_index = next((i for i, p in enumerate(corpus.plans) if p.tables()), 0)
        self.table_index = 0
        self._mentions: dict[str, MentionIndex] = {}
        self._catalog: Catalog | bool | None = catalog  # False: not loaded yet; None: unavailable

    # -- state ------------------------------------------------------------------
    @property
    def plan(self) -> Plan | None:
        return self.corpus.plans[self.plan_index] if self.corpus.plans else None

    @property
    def table_nodes(self) -> list[Node]:
        return self.plan.tables() if self.plan is not None else []

    @property
    def table_node(self) -> Node | None:
        nodes = self.table_nodes
        return nodes[self.table_index] if 0 <= self.table_index < len(nodes) else None

    @property
    def catalog(self) -> Catalog | None:
        """The indicator catalog (other printed names of an indicator help find it); None if unusable."""
        if self._catalog is False:
            try:
                self._catalog = load_catalog()
            except CatalogError:
                self._catalog = None
        return self._catalog if isinstance(self._catalog, Catalog) else None

    def mention_index(self, plan: Plan) -> MentionIndex:
        if plan.id not in self._mentions:
            self._mentions[plan.id] = MentionIndex(plan)
        return self._mentions[plan.id]

    # -- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("", id="tables-title", markup=False)
        yield Static("", id="tables-switch", markup=False)
        yield IndicatorTable(id="tables-table")
        yield Static("", id="tables-empty", markup=False)
        yield Static("", id="tables-notes", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one(IndicatorTable).focus()

    def reopen(self, plan_id: str | None = None) -> None:
        """Kept between opens (tui/screens/kept.py): the plan's first table, unsorted, cursor on top,
        as a new screen would show it."""
        ids = [p.id for p in self.corpus.plans]
        shown = self.plan_index
        if plan_id in ids:
            self.plan_index = ids.index(plan_id)
        else:
            self.plan_index = next((i for i, p in enumerate(self.corpus.plans) if p.tables()), 0)
        grid = self.query_one(IndicatorTable)
        if self.plan_index == shown and self.table_index == 0 and grid.sort_column is None:
            grid.place_cursor(0, 0)  # the same table as it was built (and drawn: its lines are kept)
            grid.scroll_to(0, 0, animate=False, immediate=True)
        else:
            self.table_index = 0
            self._show()
        grid.focus()

    def _show_title(self) -> None:
        plan = self.plan
        title = Text("指标表")
        if plan is not None:
            title.append(f"  {self.plan_index + 1}/{len(self.corpus.plans)}  ")
            title.append(visible(plan.shown_short, multiline=False))
            title.append(" · ")
            title.append(visible(plan.title, multiline=False), style="not bold")
        grid = self.query_one(IndicatorTable)
        if grid.sort_column is not None and grid.sort_column < len(grid.specs):
            # in the title, not a toast: toasts pile up over the table as `s` steps through columns
            label = visible(grid.specs[grid.sort_column].label, multiline=False) or f"第{grid.sort_column + 1}列"
            title.append(f"  按 {label} {'降序' if grid.sort_reverse else '升序'}", style="not bold italic")
        self.query_one("#tables-title", Static).update(title)

    def _show(self) -> None:
        plan = self.plan

        nodes = self.table_nodes
        switch = Text()
        for i, node in enumerate(nodes):
            if i:
                switch.append("   ")
            t = node.table
            label = Text(f"{i + 1}. ")
            label.append(TABLE_KINDS.get(t.kind, t.kind) if t else "")
            label.append(" ")
            label.append(visible(node.heading or node.title or (t.caption if t else ""), multiline=False))
            if i == self.table_index:
                label.stylize("reverse")
            switch.append_text(label)
        if len(nodes) > 1:
            switch.append("   （t 换表）", style="dim")
        switcher = self.query_one("#tables-switch", Static)
        switcher.update(switch)
        switcher.display = bool(nodes)

        current = self.table_node
        table = current.table if current is not None else None
        grid = self.query_one(IndicatorTable)
        grid.show_table(table)
        grid.display = table is not None
        empty = self.query_one("#tables-empty", Static)
        empty.display = table is None
        if table is None:
            empty.update(safe_text(f"{plan.short if plan else ''} 没有指标表。按 [ ] 换规划。"))

        notes = self.query_one("#tables-notes", Static)
        notes.update(safe_text("\n".join(n.printed for n in table.notes), multiline=True) if table else Text(""))
        notes.display = bool(table and table.notes)
        self._show_title()

    # -- actions ----------------------------------------------------------------
    def action_plan(self, step: int) -> None:
        if self.corpus.plans:
            self.plan_index = (self.plan_index + step) % len(self.corpus.plans)
            self.table_index = 0
            self._show()

    def action_next_table(self) -> None:
        nodes = self.table_nodes
        if len(nodes) > 1:
            self.table_index = (self.table_index + 1) % len(nodes)
            self._show()

    def action_sort(self) -> None:
        self.query_one(IndicatorTable).cycle_sort()

    def action_reverse(self) -> None:
        self.query_one(IndicatorTable).reverse_sort()

    def on_indicator_table_sorted(self, event: IndicatorTable.Sorted) -> None:
        self._show_title()

    def on_compare_table_selected(self, event: CompareTable.Selected) -> None:
        event.stop()
        self.action_goto()

    def action_goto(self) -> None:
        """Jump to the place that mentions the indicator under the cursor (chooser if several)."""
        plan = self.plan
        row = self.query_one(IndicatorTable).row_at_cursor
        if plan is None or row is None:
            return
        name = row.name or row.printed_name
        mentions = self.mention_index(plan).for_row(row, catalog=self.catalog)
        if not mentions:
            self.notify(f"正文中没有找到提到“{name}”的段落或专栏", severity="warning", markup=False)
            return
        if len(mentions) == 1:
            self._go(mentions[0])
            return
        self.app.push_screen(MentionChooser(name, mentions), self._chosen)

    def _chosen(self, mention: Mention | None) -> None:
        if mention is not None:
            self._go(mention)

    def _go(self, mention: Mention) -> None:
        self.dismiss(Jump(mention.node.key, query=mention.printed))

    def action_close(self) -> None:
        self.dismiss(None)
