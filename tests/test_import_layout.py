"""Layout is decided from the text: PDF-wrapped lines, page numbers, web-page trailers (no hints)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.importer.build import dump_corpus, import_corpus
from tui.core.importer.layout import detect
from tui.core.importer.sources import load_sources

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"


@pytest.mark.parametrize("name,wrapped", [("keqiao-2021", False), ("shaoxing-2021", True), ("huzhou-2021", False),
                                          ("jiaxing-2016", False), ("haishu-2021", False)])
def test_wrapped_lines_are_detected(name: str, wrapped: bool) -> None:
    layout = detect((SOURCES / f"{name}.txt").read_text(encoding="utf-8"))
    assert layout.wrapped is wrapped, layout.describe()


def test_shaoxing_page_numbers_counted() -> None:
    layout = detect((SOURCES / "shaoxing-2021.txt").read_text(encoding="utf-8"))
    assert layout.page_numbers > 0 and "页码" in layout.describe()


def test_no_layout_hints_left_in_shipped_sources() -> None:
    for source in load_sources(SOURCES):
        assert source.hints.reflow is None and source.hints.back_starts is None, source.meta_path.name
    remaining = {s.meta.id: sorted(s.hints.columns) for s in load_sources(SOURCES) if s.hints.columns}
    # the only hints left are 专栏 ends a careful reader had to decide (see the two metadata files)
    assert remaining == {"haishu-2021": ["10"], "shaoxing-2021": ["9"]}


def test_shipped_import_is_byte_identical_without_layout_hints() -> None:
    text = dump_corpus(import_corpus(load_sources(SOURCES)))
    assert text == (ROOT / "data" / "plans.yaml").read_text(encoding="utf-8")


def test_reviewer_hint_still_overrides(tmp_path: Path) -> None:
    for f in SOURCES.glob("shaoxing-2021.*"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    meta = tmp_path / "shaoxing-2021.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("hints:\n", "hints:\n  reflow: false\n"),
                    encoding="utf-8")
    [source] = load_sources(tmp_path)
    assert source.wrapped is False


@pytest.mark.parametrize("gap", ["", "\n"])
def test_unnumbered_one_cell_a_line_table_with_or_without_blank_lines(gap: str) -> None:
    from tui.core.importer.tables import find_tables, parse_table

    cells = ["主要指标", "指标名称", "2015年", "2020年", "年均增长",
             "R&D经费占GDP比重（%）", "2.73", "3.20", "0.05个百分点",
             "每万人发明专利拥有量（件）", "7.4", "20", "22%", "（三）下一节。"]
    lines = ("\n" + gap).join(cells).split("\n")
    [(start, end)] = find_tables(lines, "demo")
    table = parse_table(lines[start:end], "demo")
    assert [c.printed for c in table.columns] == ["指标名称", "2015年", "2020年", "年均增长"]
    assert [[c.printed for c in r.cells] for r in table.rows] == [["2.73", "3.20", "0.05个百分点"], ["7.4", "20", "22%"]]
    assert table.caption == "主要指标" and "（三）下一节。" not in lines[start:end]
