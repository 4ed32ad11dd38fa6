"""CSV, Markdown and JSON exports parse back to the same columns and values."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_parse import parse_csv, parse_json, parse_markdown
from rich.cells import cell_len

from tui.core import compare as cmp
from tui.core.compare_views import grid_view, pair_view, results_view, shares_view
from tui.core.export import (
    View,
    export_paths,
    format_value,
    to_csv,
    to_json,
    to_markdown,
    write_exports,
)
from tui.core.indicators import load_catalog
from tui.core.load import load_corpus

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"


def _views() -> list[View]:
    corpus = load_corpus(FIXTURE)
    catalog = load_catalog()
    shaoxing, keqiao = corpus.plan("绍兴市"), corpus.plan("柯桥区")
    assert shaoxing is not None and keqiao is not None
    return [
        grid_view(cmp.build_grid(corpus, catalog)),
        pair_view(cmp.pair(corpus, catalog, shaoxing, keqiao)),
        shares_view(cmp.district_shares(corpus, catalog)),
        results_view(cmp.results(corpus, catalog)),
    ]


TRICKY = View(
    "难|题",
    ["名称", "a|b", "数"],
    [
        ["逗号, 引号\" 竖线| 反斜杠\\ 尾\\", "两\n行", 1.5],
        ["", "中文（全角）", None],
        ["[bold]不是标记[/bold]", "-", 0],
        ["  ", "0", -0.25],
        ["1e3", "12.0", 3.0000000000000004],
    ],
    [False, False, True],
)


@pytest.mark.parametrize("view", _views() + [TRICKY], ids=["grid", "pair", "share", "results", "tricky"])
def test_every_format_parses_back(view: View):
    header, rows = parse_csv(to_csv(view), view.numeric)
    assert header == view.columns and rows == view.rows
    title, header, rows = parse_markdown(to_markdown(view), view.numeric)
    assert title == view.title.replace("\n", " ") and header == view.columns and rows == view.rows
    back = parse_json(to_json(view))
    assert (back.title, back.columns, back.rows, back.numeric) == (view.title, view.columns, view.rows, view.numeric)


def test_blank_is_never_zero():
    view = View("t", ["x"], [[None], [0], [0.0]], [True])
    assert to_csv(view).splitlines()[1:] == ['""', "0", "0"]  # csv quotes a lone empty field
    assert parse_csv(to_csv(view), [True])[1] == [[None], [0], [0]]
    assert '"rows": [\n  [\n   null\n  ]' in to_json(view)
    assert format_value(None) == "" and format_value(2.0) == "2" and format_value(0.1 + 0.2) == "0.30000000000000004"


def test_markdown_columns_line_up_in_terminal_cells():
    md = to_markdown(_views()[0])
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len({cell_len(line) for line in table}) == 1
    assert table[1].startswith("| ---") and "---: |" in table[1]  # numbers right-aligned


def test_grid_export_holds_what_the_numbers_say():
    view = _views()[0]
    row = next(r for r in view.rows if r[0] == "hitech_enterprises" and r[3] == "柯桥区")
    assert row[4:17] == ["十四五", 2020, 369, "", "369", 2025, 750, "", "750", 2035, 1600, "", "1600"]
    assert row[17] == round(750 / 369, 4) and row[18] == round(((750 / 369) ** 0.2 - 1) * 100, 4)
    assert row[19] is None  # no percentage points for a count
    jx = next(r for r in view.rows if r[0] == "hitech_enterprises" and r[3] == "嘉兴市")
    assert jx[4:13] == ["十三五", 2015, 567, "", "567", 2020, 1000, "以上", "1000以上"]  # marker in its own column


def test_write_exports_writes_each_format(tmp_path):
    view = TRICKY
    (tmp_path / "out").mkdir()
    paths = export_paths(tmp_path / "out", "compare-grid")
    assert [p.name for p in paths] == ["compare-grid.csv", "compare-grid.md"]
    write_exports(view, paths + [tmp_path / "out" / "compare-grid.json"])
    assert parse_csv(paths[0].read_text(encoding="utf-8"), view.numeric)[1] == view.rows
    assert parse_markdown(paths[1].read_text(encoding="utf-8"), view.numeric)[2] == view.rows
    assert parse_json((tmp_path / "out" / "compare-grid.json").read_text(encoding="utf-8")).rows == view.rows
