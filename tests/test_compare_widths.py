"""Compare columns use the room there is: at 200 columns the grid's 指标 column shows every indicator
name whole (it was cut at 11 characters in a 110-column grid), and 区在市中 never folds a short plan
name (柯桥区 / 绍兴市) onto two lines at 80–120 columns."""

from __future__ import annotations

import pytest
from conftest import REAL
from rich.cells import cell_len
from textual.pilot import Pilot

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.compare import CompareScreen
from widgets.compare_table import CompareTable


async def _open(pilot: Pilot[int], mode: str = "1") -> CompareTable:
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    if mode != "1":
        await pilot.press(mode)
        await pilot.pause()
    return pilot.app.screen.query_one(CompareTable)


async def test_grid_names_whole_at_200_columns() -> None:
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(200, 50)) as pilot:
        table = await _open(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        names = [item.cells[0].plain for item in screen.items if item is not None]
        assert names
        widest = max(cell_len(n) for n in names)
        assert table.columns[0].width >= widest > 22
        used = sum(c.width + 2 for c in table.columns)
        assert used > 160, used  # the plan columns share what the names leave
        for i, item in enumerate(screen.items):
            if item is not None:
                assert not table.is_cut(i, 0)
                assert len(item.cells[0].plain.split("\n")) == 1


async def test_grid_still_fits_80_columns() -> None:
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _open(pilot)
        assert table.columns[0].width >= 12
        assert sum(c.width + 2 for c in table.columns[:2]) <= 78


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_share_plan_names_on_one_line(size: tuple[int, int]) -> None:
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=size) as pilot:
        table = await _open(pilot, "3")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        items = [i for i in screen.items if i is not None]
        assert items
        for c in (1, 2):
            assert table.columns[c].width >= max(cell_len(i.cells[c].plain) for i in items)
        lines = [table.render_line(y).text for y in range(table.header_height, table.header_height + 6)]
        assert any("柯桥区" in line and "绍兴市" in line for line in lines), lines


def test_a_folded_name_keeps_its_unit_whole() -> None:
    """A name folded in a narrow column never leaves “）” or “%）” alone at the start of a line (found by a
    first user in the pair view: “全社会R&D经费支出占GDP比重（” over “%）”)."""
    from rich.text import Text

    from widgets.compare_fit import fold

    for name, width in (("全社会R&D经费支出占GDP比重（%）", 28), ("规上企业研发机构设置率（%）", 25), ("高新技术企业数（家）", 16)):
        lines = [line.plain for line in fold(Text(name), width)]
        assert "".join(lines) == name and all(line.cell_len <= width for line in fold(Text(name), width))
        assert not any(line.startswith(("）", "%")) for line in lines), lines
