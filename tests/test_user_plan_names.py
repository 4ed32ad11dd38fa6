"""A user's own copy of a shipped plan (`plans add` of 柯桥's text) is told apart from the shipped one
wherever plans are listed by short name: the 专栏 list, the tables' and info's titles, the compare grid's
headers and chart (found by a first user: two rows "柯桥区 6 4 黄酒", two columns "柯桥区 十四五")."""

from __future__ import annotations

from pathlib import Path

from screen_host import screen_text

from tui.app import PlansApp
from tui.cli import main
from tui.core.load import load_corpus
from tui.core.locations import DEFAULT_DATA

SEED = Path(__file__).resolve().parents[1] / "data" / "sources" / "keqiao-2021.txt"


async def test_the_added_copy_is_marked_on_every_list(tmp_path: Path, capsys) -> None:
    f = tmp_path / "柯桥.txt"
    f.write_bytes(SEED.read_bytes())
    assert main(["add", str(f)]) == 0
    capsys.readouterr()
    corpus = load_corpus(DEFAULT_DATA)
    user = next(p for p in corpus.plans if p.is_user)
    assert user.shown_short == "柯桥区（自添）" and corpus.plans[0].shown_short == "柯桥区"
    app = PlansApp(corpus, save_settings=False, start_key=user.id)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("G")  # the added plan's 专栏 close the list
        await pilot.pause()
        text = screen_text(app)
        assert "柯桥区（自添）  6        4  黄酒" in text
        await pilot.press("escape", "t")
        await pilot.pause()
        assert "柯桥区（自添） · 柯桥区科技创新发展" in screen_text(app)
        await pilot.press("escape", "i")
        await pilot.pause()
        assert "规划信息  6/6  柯桥区（自添）" in screen_text(app)
        await pilot.press("escape", "m")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "柯桥区（自添） 十四五" in text and "柯桥区 十四五" in text
