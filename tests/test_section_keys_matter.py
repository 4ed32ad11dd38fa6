"""`]` / `[` stop at the front and back matter (final QA: 绍兴's 抄送 could not be reached with `]`)."""

from __future__ import annotations

from pathlib import Path

from screen_host import plan_of, screen_of

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.core.outline import SECTION_KINDS, MatterGroup, next_node
from tui.screens.main import MainScreen

ROOT = Path(__file__).parent.parent
REAL = ROOT / "data" / "plans.yaml"
MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


def test_matter_groups_are_one_stop_each_and_the_plan_page_skips_the_front():
    plan = plan_of(load_corpus(REAL), "shaoxing-2021")
    fronts = [n for n in plan.nodes if n.kind == "front"]
    backs = [n for n in plan.nodes if n.kind == "back"]
    chapters = [n for n in plan.nodes if n.kind == "chapter"]
    assert fronts and backs
    assert next_node(plan, None, SECTION_KINDS, 1, matter=True) is chapters[0]  # plan page shows the front
    assert next_node(plan, chapters[0], SECTION_KINDS, -1, matter=True) is fronts[0]
    last = [n for n in plan.walk() if n.kind in SECTION_KINDS][-1]
    assert next_node(plan, last, SECTION_KINDS, 1, matter=True) is backs[0]
    assert next_node(plan, backs[0], SECTION_KINDS, 1, matter=True) is None
    assert next_node(plan, last, SECTION_KINDS, 1) is None  # without matter: as before


async def test_bracket_walks_from_the_last_section_to_the_back_matter_and_back():
    corpus = load_corpus(REAL)
    plan = plan_of(corpus, "shaoxing-2021")
    last = [n for n in plan.walk() if n.kind in SECTION_KINDS][-1]
    app = PlansApp(corpus, save_settings=False, start_key=last.key)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert isinstance(screen.current, MatterGroup) and screen.current.kind == "back"
        assert "抄送" in screen.current.nodes[0].text + screen.current.nodes[0].heading
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen_of(app, MainScreen).current is last  # read again: the key changed it
