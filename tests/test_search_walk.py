"""`n`/`N` in the reader (issue 11): the query's matches in this node, then on to the next/previous
search result in another node (results in the node already shown are passed over), "第 k / n 条" in
the header, a notice when the walk wraps at either end."""

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


def notices(app: PlansApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_n_and_N_go_on_through_the_results_in_other_nodes_and_wrap_with_a_notice():
    app = PlansApp(load_corpus(MINI), config=Config(), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"重点")
        await wait_for_workers(pilot)
        await pilot.press("enter")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        walk = screen.search_memory.walk
        assert walk is not None and walk.index == 0 and len(walk.keys) >= 3
        count = len(walk.keys)
        nodes = [shown_for(screen, k) for k in walk.keys]
        assert len(set(map(id, nodes))) < count, "the fixture has two results in one node"
        assert screen.current is nodes[0] and f"第 1 / {count} 条" in str(screen.sub_title)

        # n through every match of every node: each result's node once, in rank order
        visited = [walk.index]
        for _ in range(40):
            reader = screen.reader
            before = walk.index
            at_last = reader.match_index >= reader.match_count - 1
            await pilot.press("n")
            await pilot.pause()
            if walk.index == before:
                assert not at_last  # moved within the node
                continue
            assert screen.current is nodes[walk.index] and reader.match_index == 0 < reader.match_count
            assert f"第 {walk.index + 1} / {count} 条" in str(screen.sub_title)
            if walk.index < before:  # wrapped
                assert any("回到第 1 条" in n for n in notices(app))
                break
            visited.append(walk.index)
        else:
            raise AssertionError("n never wrapped")
        distinct = [i for i in range(count) if all(nodes[i] is not nodes[j] for j in range(i))]
        assert visited == distinct  # a result in a node already shown is passed over

        # N from the first match goes back to the last result, onto its last match
        assert screen.reader.match_index == 0
        await pilot.press("N")
        await pilot.pause()
        reader = screen.reader
        assert screen.current is nodes[distinct[-1]]
        assert reader.match_index == reader.match_count - 1
        assert any("转到最后一条" in n for n in notices(app))
        assert f"第 {walk.index + 1} / {count} 条" in str(screen.sub_title)

        # back in the search screen: the cursor is on the result the walk reached
        await pilot.press("slash")
        await pilot.pause()
        from widgets.search_results import SearchResults

        assert app.screen.query_one(SearchResults).highlighted == walk.index
        await pilot.press("escape")
        await pilot.pause()

        # back in the history, on the result seen before: its query still highlighted, the walk back on it
        # ("第 k / n 条"; n/N go on from there)
        await pilot.press("b")
        await pilot.pause()
        assert screen.current is not nodes[distinct[-1]] and screen.current is nodes[walk.index]
        assert screen.search_query == "重点" and screen.reader.highlight_query == "重点"
        assert f"第 {walk.index + 1} / {count} 条" in str(screen.sub_title)
        assert screen.check_action("next_match", ()) is True


async def test_n_without_a_search_list_stays_in_the_node():
    """A query from `plans open` (no result list): n/N wrap inside the node, as before."""
    corpus = load_corpus(MINI)
    app = PlansApp(corpus, config=Config(), save_settings=False, start_key="alpha-2021/3.1.2",
                   start_query="重点")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        here, count = screen.current, screen.reader.match_count
        assert count >= 2
        for _ in range(count):
            await pilot.press("n")
        await pilot.pause()
        assert screen.current is here and screen.reader.match_index == 0
        assert "条" not in str(screen.sub_title)


async def test_the_result_the_walk_reached_is_where_slash_reopens_after_a_restart():
    from tui.core.search_history import load_history

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
        reached = walk.index
        assert reached > 0
    history, _ = load_history()
    assert history.last["all"].query == "重点" and history.last["all"].cursor == reached


async def test_a_result_opens_on_its_own_match_not_the_first_of_its_node():
    from tui.jump import Jump

    app = PlansApp(load_corpus(MINI), config=Config(), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.jump(Jump("alpha-2021/3.1.2.2", "重点"))  # the 专栏's second entry: its match is the 2nd
        await pilot.pause()
        reader = screen.reader
        assert screen.focus_node is not None and screen.focus_node.key == "alpha-2021/3.1.2.2"
        assert reader.match_count >= 2 and reader.match_index == 1
        block = reader.block_for(screen.focus_node)
        assert block is not None
        assert block.start <= reader._match_line(reader.match_index) < block.end
        await pilot.press("N")  # the match before it, in the same node
        assert reader.match_index == 0
