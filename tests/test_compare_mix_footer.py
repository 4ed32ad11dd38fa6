"""The compare footer says what `x` does now: 混排 while plans of different periods are apart, 分开
once they are mixed (it said 混排 either way)."""

from __future__ import annotations

from conftest import REAL
from screen_host import screen_text

from tui.app import PlansApp
from tui.core.load import load_corpus


async def test_x_is_worded_for_what_it_will_do():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-2:]
        assert any("x 混排" in line for line in footer), footer
        await pilot.press("x")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-2:]
        assert any("x 分开" in line for line in footer) and not any("x 混排" in line for line in footer), footer
        await pilot.press("x")
        await pilot.pause()
        assert any("x 混排" in line for line in screen_text(app).splitlines()[-2:])
