"""Export from the compare screen into a folder the user names (found by a first user who typed a folder
and was told "不认识的格式“（无后缀）”"): the default name is written in that folder."""

from __future__ import annotations

from pathlib import Path

from screen_host import Host
from textual.widgets import Input

from tui.core.export import BOM
from tui.core.load import load_corpus
from tui.screens.compare import CompareScreen
from tui.screens.compare_export import ExportDialog

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"


async def test_a_folder_gets_the_default_name_in_it(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "报告"
    here.mkdir()
    there.mkdir()
    (there / "compare-grid.csv").write_text("mine\n", encoding="utf-8")  # never overwritten
    app = Host(CompareScreen(load_corpus(FIXTURE), export_dir=here))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(there) + "/"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert (there / "compare-grid-2.csv").read_bytes().startswith(BOM.encode())
        assert (there / "compare-grid.csv").read_text(encoding="utf-8") == "mine\n"
        assert list(here.iterdir()) == []
