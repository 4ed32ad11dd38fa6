"""Plan text and user input never parsed as markup: the palette parses a command's `help` string as
markup, border titles parse strings too; every such string must round-trip or be Text."""

from __future__ import annotations

from conftest import MINI
from screen_host import screen_of
from textual.content import Content

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.providers import hit_display
from tui.screens.main import MainScreen


async def test_every_palette_help_string_shows_as_written():
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        assert len(commands) > 20
        for command in commands:
            assert Content.from_markup(command.help).plain == command.help, command.title
            # the title too (plans are offered by tui.providers as Text, not as SystemCommand titles)
            assert Content.from_markup(command.title).plain == command.title, command.title
        helps = " ".join(c.help for c in commands)
        assert "[" in helps and "]" in helps  # the section keys are shown as typed
        assert "switch to" not in helps  # user-facing text is Chinese


def test_plan_text_in_a_palette_hit_is_text_not_markup():
    hostile = "（一）[bold]建设[/ 平台 [00]"
    shown = hit_display(hostile, [(0, 3)], "甲市 标题", "甲市 › 一、[/总体")
    assert shown.plain == "[甲市 标题] （一）[bold]建设[/ 平台 [00]\n甲市 › 一、[/总体"


async def test_a_query_that_looks_like_markup_in_the_reader_border():
    """The match counter in the reader's border shows the user's query: `[/` once crashed it."""
    corpus = load_corpus(MINI)
    app = PlansApp(corpus, save_settings=False)
    para = next(n for n in corpus.plans[0].walk() if n.kind == "para" and "[/" in n.text)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen_of(app, MainScreen).action_jump_key(para.key, "[/")
        await pilot.pause()
        await pilot.pause()
        from widgets.reader import Reader

        subtitle = app.screen.query_one(Reader).border_subtitle
        assert subtitle is not None and "“[/”" in str(subtitle)
