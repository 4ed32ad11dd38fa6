"""The compare screen's plan picker (`p`) shows each plan's name and period whole at 80 columns: it
was 14 cells wide and cut every label to two characters ("柯桥 …", "嘉兴 …"), 十三五 or 十四五 unseen."""

from __future__ import annotations

from conftest import REAL
from textual.widgets import SelectionList

from tui.app import PlansApp
from tui.core.load import load_corpus


async def test_picker_labels_are_whole_at_80_columns():
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        picker = app.screen.query_one(SelectionList)
        lines = [picker.render_line(y).text for y in range(picker.option_count)]
        for line, label in zip(lines, ["柯桥区 十四五", "绍兴市 十四五", "湖州市 十四五", "嘉兴市 十三五", "海曙区 十四五"]):
            assert label in line, lines
