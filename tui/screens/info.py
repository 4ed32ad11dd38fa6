"""Plan info: issuer, 发文字号, dates, period, region, counts, source. `[`/`]` switch plan."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.core.model import Corpus, Plan
from tui.core.safetext import visible
from tui.jump import Jump
from tui.screens.list_keys import LIST_KEYS, ListKeys
from widgets.kept_styles import KeptStyles
from widgets.key_footer import KeyFooter
from widgets.plan_info import PlanInfo
from widgets.screen_base import PlansScreen


class PlanInfoScreen(ListKeys, KeptStyles, PlansScreen[Jump | None]):
    DEFAULT_CSS = """
    PlanInfoScreen {
        background: $background;
    }
    PlanInfoScreen #info-title {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "关闭", id="info.close"),
        Binding("left_square_bracket", "plan(-1)", "上一规划", key_display="[", id="info.prev_plan"),
        Binding("right_square_bracket", "plan(1)", "下一规划", key_display="]", id="info.next_plan"),
        Binding("enter", "open", "打开规划", id="info.open"),
        *LIST_KEYS,
    ]

    def __init__(self, corpus: Corpus, plan_id: str | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        ids = [p.id for p in corpus.plans]
        self.index = ids.index(plan_id) if plan_id in ids else 0

    @property
    def plan(self) -> Plan | None:
        return self.corpus.plans[self.index] if self.corpus.plans else None

    def compose(self) -> ComposeResult:
        yield Static("", id="info-title", markup=False)
        yield PlanInfo(id="info")  # it scrolls itself
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()

    def reopen(self, plan_id: str | None = None) -> None:
        """Kept between opens (tui/screens/kept.py): show `plan_id` from the top, as a new screen would."""
        ids = [p.id for p in self.corpus.plans]
        index = ids.index(plan_id) if plan_id in ids else 0
        if index != self.index:
            self.index = index
            self._show()
        self.query_one(PlanInfo).scroll_to(0, 0, animate=False, immediate=True)

    def _show(self) -> None:
        plan = self.plan
        title = Text("规划信息")
        if plan is not None:
            title.append(f"  {self.index + 1}/{len(self.corpus.plans)}  ")
            title.append(visible(plan.shown_short, multiline=False))
        self.query_one("#info-title", Static).update(title)
        self.query_one(PlanInfo).show(plan, self.corpus.source)

    def action_plan(self, step: int) -> None:
        if self.corpus.plans:
            self.index = (self.index + step) % len(self.corpus.plans)
            self._show()

    def action_open(self) -> None:
        """Go to the start of the plan's body (its first node after the front matter)."""
        plan = self.plan
        if plan is None or not plan.nodes:
            return
        body = plan.body() or plan.nodes
        self.dismiss(Jump(body[0].key))

    def action_close(self) -> None:
        self.dismiss(None)
