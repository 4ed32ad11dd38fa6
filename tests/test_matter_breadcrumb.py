"""A jump to one line of front or back matter names its block in the breadcrumb (绍兴市 › 印发通知)."""

from __future__ import annotations

import pytest
from conftest import REAL
from screen_host import plan_of, screen_of

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from widgets.breadcrumb import Breadcrumb

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")


async def test_front_and_back_lines_show_their_block_in_the_breadcrumb():
    corpus = load_corpus(REAL)
    plan = plan_of(corpus, "绍兴市")
    front = next(n for n in plan.nodes if n.kind == "front" and "绍政发" in n.text)
    back = next(n for n in plan.nodes if n.kind == "back")
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen_of(app, MainScreen).action_jump_key(front.key)
        await pilot.pause()
        assert app.screen.query_one(Breadcrumb).plain == "绍兴市 › 印发通知"
        screen_of(app, MainScreen).action_jump_key(back.key)
        await pilot.pause()
        assert app.screen.query_one(Breadcrumb).plain == "绍兴市 › 抄送"
