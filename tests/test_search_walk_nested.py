"""`n` walks each match once: after `/黄酒` Enter, result 1 is 专栏6 and result 2 the section 3．绍兴黄酒
that holds it. Stepping on through result 2 passes over the matches inside 专栏6 (walked already)
instead of stepping through its 25 matches a second time; `N` back does the same."""

from __future__ import annotations

from conftest import REAL
from screen_host import wait_for_workers

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.core.model import Node
from tui.screens.main import MainScreen


async def test_n_passes_over_a_walked_result_inside_the_next() -> None:
    app = PlansApp(load_corpus(REAL), config=Config(), save_settings=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("slash", *"黄酒")
        await wait_for_workers(pilot)
        await pilot.press("enter")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        walk = screen.search_memory.walk
        assert walk is not None and walk.index == 0
        first = screen.current
        assert isinstance(first, Node) and first.kind == "column"
        reader = screen.reader
        inner = reader.match_count
        assert inner >= 2
        visited: list[tuple[int, int]] = [(id(first), reader.match_index)]
        for _ in range(inner - 1 - reader.match_index):
            await pilot.press("n")
            visited.append((id(screen.current), reader.match_index))
        assert screen.current is first
        await pilot.press("n")
        await pilot.pause()
        second = screen.current
        assert isinstance(second, Node) and second is not first
        parent = first.parent
        while parent is not None and parent is not second:
            parent = parent.parent
        assert parent is second, "result 2 holds result 1"
        total = reader.match_count
        kept = reader.kept_matches()
        assert total - len(kept) >= inner  # 专栏6's matches are passed over
        seen_text: list[int] = [reader.match_index]
        for _ in range(len(kept) - 1):
            await pilot.press("n")
            assert screen.current is second
            seen_text.append(reader.match_index)
        assert seen_text == kept
        await pilot.press("n")
        await pilot.pause()
        assert screen.current is not second  # on to result 3, not through 专栏6 again
        await pilot.press("N")
        await pilot.pause()
        assert screen.current is second and reader.match_index == kept[-1]
