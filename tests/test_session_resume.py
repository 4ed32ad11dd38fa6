"""History (back/forward) and the last place survive a restart: `plans` reopens where the user left off."""

from __future__ import annotations

from conftest import MINI
from screen_host import screen_of

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.core.model import Plan
from tui.core.session import Session, load_session, save_session, session_file
from tui.screens.main import MainScreen, key_of


async def visit_two_places(app: PlansApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    corpus = app.corpus
    keys = [n.key for n in corpus.plans[0].columns()][:1] + [corpus.plans[-1].id]
    for key in keys:
        screen.action_jump_key(key)
    return keys


async def test_restart_reopens_the_last_place_with_its_history():
    corpus = load_corpus(MINI)
    app = PlansApp(corpus, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = await visit_two_places(app)
        await pilot.pause()
        await pilot.press("b")  # back to the 专栏: forward history kept too
        await pilot.pause()
        main = screen_of(app, MainScreen)
        here = key_of(main.focus_node or main.current)
    assert here is not None
    session, problem = load_session()
    assert problem is None and session.current == here and session.history[-1] == keys[-1]

    again = PlansApp(load_corpus(MINI), config=Config())
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(again, MainScreen)
        assert key_of(screen.focus_node or screen.current) == here
        await pilot.press("f")  # forward still goes to the plan visited last
        await pilot.pause()
        assert isinstance(screen.current, Plan) and screen.current.id == keys[-1]


async def test_a_start_key_wins_and_stale_keys_are_dropped():
    corpus = load_corpus(MINI)
    save_session(Session(["no/such/key", corpus.plans[-1].id], 1))
    app = PlansApp(corpus, config=Config(), start_key=corpus.plans[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert screen_of(app, MainScreen).current is corpus.plans[0]
    app = PlansApp(load_corpus(MINI), config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert screen_of(app, MainScreen).history.items()[0] != "no/such/key"


def test_damaged_session_file_is_reported_in_chinese_and_replaced():
    path = session_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("history: [oops\n", encoding="utf-8")
    session, problem = load_session()
    assert session.history == [] and problem is not None and "YAML 有误" in problem
    assert load_session()[1] is None  # replaced: reported once
