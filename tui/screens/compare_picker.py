"""The compare screen's choice of plans: the picker (`p`: space ticks a plan, escape hides it) and
the two plans of the pair view (`a`/`b` step through the plans).

The picker is made the first time `p` shows it, not with the screen: most opens never choose plans,
and a list of every plan (hundreds, in a big corpus) is no part of what the first frame shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.widgets.selection_list import Selection

from tui.core import compare as cmp
from tui.core.model import Corpus
from tui.core.safetext import safe_text
from tui.screens.compare_modes import picker_label
from widgets.option_lists import PagedSelectionList

if TYPE_CHECKING:
    from tui.screens.compare import CompareScreen

PICKER_ID = "compare-plans"


def default_pair(corpus: Corpus) -> list[str]:
    """A district and its city if both are loaded (绍兴市, 柯桥区), else the first two plans."""
    for plan in corpus.plans:
        city = cmp.city_of(corpus, plan)
        if city is not None:
            return [city.id, plan.id]
    ids = [p.id for p in corpus.plans]
    return (ids + ids)[:2] if ids else []


def picker(screen: CompareScreen) -> PagedSelectionList[str] | None:
    """The picker, if `p` has made it."""
    return next(iter(screen.query(f"#{PICKER_ID}").results(PagedSelectionList)), None)


async def show_picker(screen: CompareScreen) -> None:
    """Show the picker (made and filled with this open's plans ticked, the first time) and focus it."""
    plans = picker(screen)
    if plans is None:
        plans = PagedSelectionList[str](id=PICKER_ID)
        plans.border_title = "规划"
        await screen.query_one("#compare-body", Horizontal).mount(plans, before=0)
    if not screen.picker_filled:
        screen.picker_filled = True
        shown = set(screen.plan_ids)
        corpus = screen.corpus
        periods = len({p.meta.period_name for p in corpus.plans}) > 1
        with screen.prevent(PagedSelectionList.SelectedChanged):
            plans.clear_options()
            plans.add_options([Selection(safe_text(picker_label(p, periods)), p.id, p.id in shown)
                               for p in corpus.plans])
        plans.highlighted = 0
    plans.display = True
    plans.focus()


def hide_picker(screen: CompareScreen, refill: bool) -> None:
    """Hide the picker; `refill`: tick this open's plans when `p` shows it again."""
    plans = picker(screen)
    if plans is not None:
        plans.display = False
    if refill:
        screen.picker_filled = False


def step_pair(ids: list[str], pair: list[str], side: int) -> None:
    """Move `pair[side]` to the next plan in `ids` that is not the other side's."""
    if len(ids) < 2 or len(pair) < 2:
        return
    other = pair[1 - side]
    i = ids.index(pair[side]) if pair[side] in ids else -1
    for step in range(1, len(ids) + 1):
        cand = ids[(i + step) % len(ids)]
        if cand != other:
            pair[side] = cand
            return
