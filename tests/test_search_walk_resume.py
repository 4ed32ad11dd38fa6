"""`n`/`N` after a restart go on through the result list the last session walked (as `b` goes on
through its history), not only round the matches of the node the session reopened on."""

from __future__ import annotations

from conftest import MINI
from screen_host import wait_for_workers

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.core.model import Plan
from tui.core.outline import outline_node
from tui.screens.main import MainScreen


def shown_for(screen: MainScreen, key: str) -> object:
    target = screen.resolve_key(key)
    assert target is not None
    return target if isinstance(target, Plan) else outline_node(target)


async def test_n_and_N_after_a_restart_resume_the_walk():
    app = PlansApp(load_corpus(MINI), config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"重点")
        await wait_for_workers(pilot)
        await pilot.press("enter")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        walk = screen.search_memory.walk
        assert walk is not None
        for _ in range(20):
            if walk.index:
                break
            await pilot.press("n")
        await wait_for_workers(pilot)
        reached, keys = walk.index, list(walk.keys)
        left_on = screen.current
        assert reached > 0 and left_on is shown_for(screen, keys[reached])

    again = PlansApp(load_corpus(MINI), config=Config())
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, MainScreen)
        here = screen.current
        assert here is not None and screen.search_query == "重点"  # reopened on it, the query highlighted
        for _ in range(screen.reader.match_count + 1):
            await pilot.press("n")
            if screen.current is not here:
                break
        await pilot.pause()
        walk = screen.search_memory.walk
        assert walk is not None and walk.keys == keys and walk.index > reached
        assert screen.current is shown_for(screen, keys[walk.index]) and screen.current is not here
        assert f"第 {walk.index + 1} / {len(keys)} 条" in str(screen.sub_title)
        ahead = screen.current
        for _ in range(20):  # N: back through this node's matches, then to the result it came from
            await pilot.press("N")
            if screen.current is not ahead:
                break
        await pilot.pause()
        assert screen.current is here
