"""A keymap entry that takes a key another binding of the same screen had: Textual moves the key and drops
it from the other binding without a word (found by a first user who set ``main.search: q`` and could no
longer quit with q). The app says so once, naming both."""

from __future__ import annotations

from corpora import MINI

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.keymap import clashes


def test_a_key_taken_from_another_binding_is_named() -> None:
    [line] = clashes({"main.search": "q", "main.copy": "ctrl+y"})
    assert "“q”给了 main.search" in line and "main.quit（退出）" in line
    assert clashes({"main.search": "q", "main.quit": "ctrl+q"}) == []  # quit moved elsewhere: nothing lost
    assert clashes({"main.copy": "ctrl+y"}) == []
    [line] = clashes({"tree.down": "k"})
    assert "tree.up（上）" in line


async def test_the_app_reports_the_clash_once() -> None:
    app = PlansApp(load_corpus(MINI), keymap={"main.search": "q"}, save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert sum("main.quit（退出）" in m for m in messages) == 1, messages
        assert app.user_keymap == {"main.search": "q"}  # the entry itself is kept: the user asked for it
