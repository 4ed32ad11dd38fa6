"""A history that visits the same place twice (a → b → a → b, as `n`/`N` across results or `b`/`f`
do) reopens at the saved position, not at the first time that place was visited: `b` after a restart
went two steps too far back and `f` lost the later places."""

from __future__ import annotations

from conftest import MINI
from screen_host import screen_of

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus
from tui.core.session import Session, save_session
from tui.screens.main import MainScreen, key_of


async def test_resume_keeps_the_position_among_repeated_places():
    corpus = load_corpus(MINI)
    a = corpus.plans[0].id
    b = next(iter(corpus.plans[0].columns())).key
    history = [a, b, a, b, a]
    save_session(Session(["no/such/key", *history], 4))  # at the second b (the stale first key dropped)
    app = PlansApp(corpus, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        assert screen.history.items() == history and screen.history.pos == 3
        assert key_of(screen.focus_node or screen.current) == b
        await pilot.press("f")
        await pilot.pause()
        assert key_of(screen.focus_node or screen.current) == a and screen.history.pos == 4
        await pilot.press("b", "b")
        await pilot.pause()
        assert key_of(screen.focus_node or screen.current) == a and screen.history.pos == 2
