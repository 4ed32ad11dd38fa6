"""On a 16-colour terminal (TERM=xterm-16color, linux) the app starts in the ANSI theme; ctrl+t and
the palette used to offer 纸 and 墨 there too, which the terminal squeezes into its 16 colours:
yellow tree labels and 专栏 titles on white, grey guides on grey. There they now keep the ANSI theme
and say why; on a terminal with more colours every theme is offered as before."""

from __future__ import annotations

import pytest
import textual.constants
from conftest import MINI

import themes
from tui.app import PlansApp
from tui.core.load import load_corpus


@pytest.fixture
def sixteen_colours(monkeypatch):
    monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", "standard")
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "standard")


async def test_ctrl_t_keeps_the_ansi_theme_on_sixteen_colours(sixteen_colours):
    app = PlansApp(load_corpus(MINI), save_settings=False, fit_terminal=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "plans-ansi"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "plans-ansi"
        assert any("16色" in str(n.message) for n in app._notifications)
        titles = [c.title for c in app.get_system_commands(app.screen) if c.title.startswith("主题：")]
        assert titles == [f"主题：{themes.THEME_TITLES['plans-ansi']}"]


async def test_every_theme_is_offered_with_more_colours():
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        seen = [app.theme]
        for _ in themes.THEMES:
            await pilot.press("ctrl+t")
            await pilot.pause()
            seen.append(app.theme)
        assert set(seen) == set(themes.THEMES)
