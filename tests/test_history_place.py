"""`b`/`f` come back to the line the user was reading, with the search query still highlighted and
`n`/`N` going on from the match they were on; the next start reopens there too (a first user went
back to a search hit and found the top of the section, without its highlight: history kept node keys
only)."""

from __future__ import annotations

import os
import signal

from screen_host import REAL, plan_of, screen_of

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.history import History, Place
from tui.core.load import load_corpus
from tui.core.session import Session, load_session, save_session
from tui.screens.main import MainScreen, key_of
from widgets.reader import Reader

QUERY = "创新"


def test_places_round_trip_through_the_session_file() -> None:
    history = History()
    history.visit("a")
    history.visit("b", "创新")
    history.note(Place("b", "创新", 7, 3, 9, 4))
    history.note(Place("a", "x", 1, 1, 1, 1))  # not the current entry: nothing
    save_session(Session(history.items(), history.pos, history.places()))
    session, problem = load_session()
    assert problem is None and session.places == [Place("a"), Place("b", "创新", 7, 3, 9, 4)]
    again = History()
    again.restore(session.history, session.pos, session.places)
    assert again.place == Place("b", "创新", 7, 3, 9, 4)
    again.restore(["a", "c"], 1, session.places)  # a place saved for another key is not used
    assert again.place == Place("c")


async def test_back_and_forward_return_to_the_reading_place_and_the_query() -> None:
    corpus = load_corpus(REAL)
    plan = plan_of(corpus, "keqiao-2021")
    other = plan_of(corpus, "haishu-2021")
    chapter = max((n for n in plan.walk() if n.kind == "chapter"), key=lambda n: sum(len(d.full_text()) for d in n.walk()))
    app = PlansApp(corpus, config=Config(), start_key=other.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        reader = screen.query_one(Reader)
        screen.go_to(chapter, query=QUERY)  # as a search hit opens it
        await pilot.pause()
        await pilot.press("n", "n", "n")
        await pilot.pause()
        match, place = reader.match_index, reader.reading_place()
        assert match == 3 and reader.scroll_y > 0
        screen.action_jump_key(other.id)
        await pilot.pause()
        reader.scroll_to(0, 25, animate=False)  # reading further down the other plan
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert screen.search_query == QUERY and reader.highlight_query == QUERY
        assert (reader.match_index, reader.reading_place()) == (match, place)
        await pilot.press("f")
        await pilot.pause()
        assert screen.current is other and not screen.search_query and int(reader.scroll_y) == 25
        await pilot.press("b", "n")  # n goes on from the match it was on
        await pilot.pause()
        assert reader.match_index == match + 1
        place = reader.reading_place()

    # a hang-up (SSH dropped: SIGHUP) closes the app as q does: it ended the process at once, and the next
    # start had forgotten the place
    defaulted: list[int] = []
    previous = signal.signal(signal.SIGHUP, lambda signum, frame: defaulted.append(signum))  # (not the app's)
    try:
        resumed = PlansApp(load_corpus(REAL), config=Config())
        async with resumed.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = screen_of(resumed, MainScreen)
            reader = screen.query_one(Reader)
            # the same line at the top (its number may differ: lines above it not wrapped yet are estimated)
            assert screen.search_query == QUERY and reader.match_index == match + 1
            assert reader.reading_place() == place
            await pilot.press("right_square_bracket")
            await pilot.pause()
            here = key_of(screen.focus_node or screen.current)
            os.kill(os.getpid(), signal.SIGHUP)
            await pilot.pause()
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert defaulted == [] and resumed.return_code == 0
    session, problem = load_session()
    assert problem is None and session.current == here

