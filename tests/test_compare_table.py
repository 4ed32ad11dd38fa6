"""The compare table's sorting and fitting (widgets/compare_table.py): on the figures, never on text."""

from __future__ import annotations

from tui.core.compare_views import Printed
from tui.core.export import format_value
from tui.core.model import Cell
from widgets.compare_table import fit_widths, sort_by


def test_printed_figures_sort_by_the_number_the_model_parsed():
    # text a regex would read otherwise: '1/3' (1), '≥2.5' (2.5 but after 1/3 by text), '约 0.9' (0.9)
    cells = [Printed(Cell("1/3", value=1 / 3)), Printed(Cell("2.5以上", value=2.5, qualifier="以上")),
             Printed(Cell("—", text="—")), Printed(None), Printed(Cell("约0.9", value=0.9))]
    rows = [[c] for c in cells]
    ordered = [r[0] for r in sort_by(rows, lambda r: r[0])]
    assert ordered == ["1/3", "约0.9", "2.5以上", "—", ""]  # numbers by value, then text, blanks last
    reverse = [r[0] for r in sort_by(rows, lambda r: r[0], reverse=True)]
    assert reverse == ["—", "2.5以上", "约0.9", "1/3", ""]  # blanks stay last either way


def test_printed_is_the_printed_text_everywhere_else():
    p = Printed(Cell("2.8#", value=2.8, markers=["#"]))
    assert p == "2.8#" and format_value(p) == "2.8#" and type(format_value(p)) is str and p.value == 2.8


def test_numbers_before_text_and_ties_keep_their_order():
    rows = [("a", 2.0), ("b", None), ("c", 1.0), ("d", "文字"), ("e", 1.0)]
    assert [r[0] for r in sort_by(rows, lambda r: r[1])] == ["c", "e", "a", "d", "b"]


def test_fit_widths_narrows_the_widest_first():
    assert fit_widths([10, 30, 20], [5, 5, 5], 100) == [10, 30, 20]
    widths = fit_widths([10, 30, 20], [5, 5, 5], 40)
    assert sum(widths) == 40 and widths[0] == 10 and widths[1] >= widths[2]
