"""Export from the compare screen: a chosen path prefilled with a free default name, never overwriting
without asking, CSV with a byte order mark and numbers with their markers in columns of their own, and
one-line Chinese errors that name the path (missing directory, unwritable directory)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from export_parse import parse_csv
from screen_host import Host, screen_text
from textual.pilot import Pilot
from textual.widgets import Input

import tui.core.export as export
from tui.core.compare_views import grid_view
from tui.core.export import BOM, ExportError, check_target, file_text, free_path, write_exports
from tui.core.load import load_corpus
from tui.screens.compare import CompareScreen
from tui.screens.compare_export import ExportDialog

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"
SIZE = (120, 40)


def host(directory: Path) -> Host:
    return Host(CompareScreen(load_corpus(FIXTURE), export_dir=directory))


def field(app: Host) -> Input:
    return app.screen.query_one("#export-path", Input)


def message(app: Host) -> str:
    return str(app.screen.query_one("#export-message").render())


async def open_dialog(pilot: Pilot) -> None:
    await pilot.press("e")
    await pilot.pause()


async def set_path(pilot: Pilot, app: Host, path: str) -> None:
    field(app).value = path
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


# -- the dialog ----------------------------------------------------------------------------------------------


async def test_the_default_name_is_prefilled_and_never_overwrites(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_dialog(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert field(app).value == str(tmp_path.resolve() / "compare-grid.csv")
        await pilot.press("enter")
        await pilot.pause()
        first = tmp_path / "compare-grid.csv"
        assert isinstance(app.screen, CompareScreen) and first.read_bytes().startswith(BOM.encode())
        assert "已导出 compare-grid.csv" in screen_text(app)
        assert [n.message for n in app._notifications][-1] == str(tmp_path.resolve() / "compare-grid.csv")
        await open_dialog(pilot)  # the default is now the next free name
        assert field(app).value == str(tmp_path.resolve() / "compare-grid-2.csv")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen) and "未导出" in screen_text(app)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["compare-grid.csv"]


async def test_an_existing_file_is_overwritten_only_when_confirmed(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("mine\n", encoding="utf-8")
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_dialog(pilot)
        await set_path(pilot, app, "mine.csv")  # relative to the export directory
        assert isinstance(app.screen, ExportDialog)
        assert f"文件已存在：{tmp_path.resolve() / 'mine.csv'}" in message(app) and "mine-2.csv" in message(app)
        assert mine.read_text(encoding="utf-8") == "mine\n"
        field(app).value = "mine.csv "  # an edit asks again
        await pilot.pause()
        assert message(app) == ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog) and mine.read_text(encoding="utf-8") == "mine\n"
        await pilot.press("enter")  # the second Enter on the same path: confirmed
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert mine.read_text(encoding="utf-8-sig").startswith("key,指标,单位,规划,时期,基期年,基期,基期标记,基期原文")


async def test_a_missing_directory_is_reported_as_missing(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_dialog(pilot)
        await set_path(pilot, app, str(tmp_path / "nope" / "deeper" / "x.csv"))
        assert isinstance(app.screen, ExportDialog)  # the user can fix the path
        assert message(app) == f"目录不存在：{tmp_path / 'nope'}"
        assert not (tmp_path / "nope").exists()  # never created behind the user's back
        await set_path(pilot, app, str(tmp_path / "x.xlsx"))
        assert "不认识的格式“.xlsx”" in message(app)


async def test_an_unwritable_directory_is_reported_as_unwritable(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root may write anywhere: answer as for any other user
        monkeypatch.setattr(export.os, "access", lambda path, mode: False)
    try:
        app = host(locked)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await open_dialog(pilot)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            assert message(app) == f"目录不可写（没有写入权限）：{locked.resolve()}"
            assert "不存在" not in message(app)
            assert not list(locked.iterdir())
    finally:
        locked.chmod(0o755)


async def test_a_failed_write_is_one_chinese_line_naming_the_file(tmp_path, monkeypatch):
    import errno

    def full(path, data, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("tui.core.locations.atomic_write", full)
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_dialog(pilot)
        await pilot.press("enter")
        await pilot.pause()
        status = str(app.screen.query_one("#compare-status").render())
        assert status == f"导出失败：磁盘空间不足：{tmp_path.resolve() / 'compare-grid.csv'}"


async def test_export_follows_the_filter_and_json_keeps_numbers_and_markers(tmp_path):
    app = host(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"gxjsqys", "enter")
        await pilot.pause()
        await open_dialog(pilot)
        await set_path(pilot, app, "hte.json")
        data = json.loads((tmp_path / "hte.json").read_text(encoding="utf-8"))
        cols = data["columns"]
        rows = [dict(zip(cols, r)) for r in data["rows"]]
        assert {r["指标"] for r in rows} == {"高新技术企业数"} and len(rows) == 5
        jx = next(r for r in rows if r["规划"] == "嘉兴市")
        assert (jx["基期年"], jx["基期"], jx["目标年"], jx["目标"], jx["目标标记"], jx["目标原文"]) == \
            (2015, 567, 2020, 1000, "以上", "1000以上")
        assert jx["时期"] == "十三五"
        await pilot.press("2")
        await open_dialog(pilot)
        assert field(app).value.endswith("compare-pair.csv")
        await pilot.press("enter")
        await pilot.pause()
        text = (tmp_path / "compare-pair.csv").read_text(encoding="utf-8")
        assert text.startswith(BOM + "段,key,指标,绍兴市·指标名")


# -- the core: files, names, messages ---------------------------------------------------------------------


def test_csv_file_opens_in_excel_and_numbers_are_numbers():
    corpus = load_corpus(FIXTURE)
    from tui.core import compare as cmp
    from tui.core.indicators import load_catalog

    view = grid_view(cmp.build_grid(corpus, load_catalog()))
    text = file_text(view, "csv")
    assert text.startswith(BOM) and not file_text(view, "md").startswith(BOM)
    assert not export.render(view, "csv").startswith(BOM)  # standard output (plans compare) has none
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
    sx = next(r for r in rows if r["key"] == "rd_intensity" and r["规划"] == "绍兴市")
    assert (sx["基期"], sx["基期标记"], sx["基期原文"]) == ("2.8", "#", "2.8#")  # a number a spreadsheet reads
    header, parsed = parse_csv(text, view.numeric)
    assert header == view.columns and parsed == view.rows


def test_free_path_finds_the_next_name(tmp_path):
    target = tmp_path / "a.csv"
    assert free_path(target) == target
    target.write_text("")
    (tmp_path / "a-2.csv").write_text("")
    assert free_path(target) == tmp_path / "a-3.csv"


def test_check_target_says_what_is_wrong_naming_the_path(tmp_path):
    (tmp_path / "file").write_text("")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(ExportError, match=f"^目录不存在：{tmp_path / 'no'}$"):
        check_target(tmp_path / "no" / "x" / "a.csv")
    with pytest.raises(ExportError, match=f"^不是目录：{tmp_path / 'file'}$"):
        check_target(tmp_path / "file" / "a.csv")
    with pytest.raises(ExportError, match=f"^同名的是一个目录：{tmp_path / 'dir.csv'}$"):
        check_target(tmp_path / "dir.csv")
    check_target(tmp_path / "fine.csv")
    with pytest.raises(ExportError, match="目录不存在"):
        write_exports(grid_view_empty(), [tmp_path / "no" / "a.csv"])


def grid_view_empty() -> export.View:
    return export.View("t", ["a"], [[1]], [True])
