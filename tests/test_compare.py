"""Comparisons: multiples, annual growth, pp change, qualifiers and text cells, district shares,
two plans side by side, targets against results, and `plans compare`."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from rich.cells import cell_len
from screen_host import plan_of

from tui.core import compare as cmp
from tui.core.compare_views import grid_view, pair_view, results_view, shares_view
from tui.core.indicators import load_catalog
from tui.core.load import load_corpus
from tui.core.model import Cell, Corpus, Meta, Node, Plan, Row, Table, TableColumn

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare.yaml"
CATALOG = load_catalog()


def cell(printed: str, value: float | None = None, qualifier: str = "", estimated: bool = False, text: str = "") -> Cell:
    return Cell(printed, value, qualifier, estimated, [], text)


def plan(pid: str, short: str, rows: list[Row], *, level: str = "city", parent: str = "", years=(2020, 2025),
         period: str = "十四五", kind: str = "targets", extra_columns: list[TableColumn] | None = None,
         tables: list[Table] | None = None) -> Plan:
    if kind == "results":
        columns = [TableColumn("序号", "number"), TableColumn("指标", "name"), TableColumn("2020年规划目标", "planned", 2020),
                   TableColumn("2020年实绩", "actual", 2020), TableColumn("是否完成", "met")]
    else:
        columns = [TableColumn("序号", "number"), TableColumn("指标", "name"),
                   TableColumn(f"{years[0]}年", "baseline", years[0]), TableColumn(f"{years[1]}年", "target", years[1])]
    columns += extra_columns or []
    nodes = [Node("table", heading="表", table=t) for t in (tables or [Table(kind=kind, columns=columns, rows=rows)])]
    meta = Meta(id=pid, title=short + "规划", short=short, region=short, parent_region=parent, level=level,
                period_start=years[0] + 1, period_end=years[1], period_name=period)
    return Plan(meta, nodes).index()


def row(n: str, name: str, unit: str, *cells: Cell) -> Row:
    return Row(n, f"{name}（{unit}）", name, unit, cells=list(cells))


def close(figure: float | None, want: float) -> bool:
    """A computed figure the test expects to be there, close to `want`."""
    assert figure is not None, f"expected a figure close to {want}, got none"
    return math.isclose(figure, want)


def only(corpus: Corpus, key: str, pid: str | None = None) -> cmp.Figure:
    found = [f for f in cmp.figures(corpus, CATALOG) if f.key == key and (pid is None or f.plan.id == pid)]
    assert len(found) == 1
    return found[0]


# -- multiples and growth -----------------------------------------------------------------------


def test_multiple_and_annual_growth_from_the_columns_years():
    c = Corpus([plan("a", "甲市", [row("1", "高新技术企业数", "家", cell("369", 369.0), cell("750", 750.0))])])
    f = only(c, "hitech_enterprises")
    assert (f.base_year, f.target_year, f.years) == (2020, 2025, 5)
    assert close(f.multiple, 750 / 369)
    assert close(f.growth, (750 / 369) ** (1 / 5) - 1)
    assert f.growth is not None and round(f.growth * 100, 2) == 15.24
    assert f.pp_change is None  # not a ratio
    assert f.flags == [] and f.direction == ""
    assert cmp.fmt_multiple(f) == "×2.03" and cmp.fmt_growth(f) == "+15.2%/年"


def test_a_ratio_also_gets_its_percentage_point_change():
    c = Corpus([plan("a", "甲市", [row("1", "R&D经费占GDP比重", "%", cell("2.8#", 2.8, estimated=True), cell("3.3", 3.3))])])
    f = only(c, "rd_intensity")
    assert close(f.pp_change, 0.5) and close(f.pp_per_year, 0.1)
    assert close(f.multiple, 3.3 / 2.8)
    assert f.flags == ["基期预计"]  # an estimate is flagged …
    assert f.direction == ""  # … but does not make the figures bounds


def test_qualifiers_are_kept_and_turn_figures_into_bounds():
    c = Corpus([plan("a", "甲市", [
        row("1", "高新技术企业数", "家", cell("567", 567.0), cell("1000以上", 1000.0, "以上")),
        row("2", "科技型中小企业数", "家", cell("1623", 1623.0), cell("3000左右", 3000.0, "左右")),
        row("3", "技术交易额", "亿元", cell("超3", 3.0, "超"), cell("6", 6.0)),
        row("4", "高新技术产业投资", "亿元", cell("10", 10.0), cell("力争20", 20.0, "力争")),
    ])])
    f1, f2, f3, f4 = (only(c, k) for k in ("hitech_enterprises", "tech_smes", "tech_market_turnover", "hitech_investment"))
    assert f1.direction == "≥" and "目标以上" in f1.flags and f1.target is not None and f1.target.printed == "1000以上"
    assert close(f1.multiple, 1000 / 567)
    assert cmp.fmt_multiple(f1) == "≥×1.76"
    assert f2.direction == "≈" and "目标左右" in f2.flags
    assert f3.direction == "≤" and "基期超" in f3.flags  # a floor under the baseline caps the multiple
    assert f4.direction == "≈" and "目标力争" in f4.flags


def test_text_cells_never_get_numbers():
    c = Corpus([plan("a", "甲市", [
        row("1", "高新技术产业投资增速", "%", cell("18.1", 18.1), cell("增速高于固定资产投资增速", None, text="增速高于固定资产投资增速")),
        row("2", "顶尖人才和科技领军人才", "人", cell("-", None, text="-"), cell("60", 60.0)),
        row("3", "技术交易额", "亿元", cell("0", 0.0), cell("5", 5.0)),
    ])])
    growth = only(c, "hitech_investment_growth")
    assert (growth.multiple, growth.growth, growth.pp_change) == (None, None, None)
    assert "目标为文字" in growth.flags
    talent = only(c, "top_talent")
    assert (talent.multiple, talent.growth) == (None, None) and "基期为文字" in talent.flags
    zero = only(c, "tech_market_turnover")
    assert zero.multiple is None and zero.growth is None  # no division by a zero baseline
    view = grid_view(cmp.build_grid(c, CATALOG))
    for r in view.rows:
        assert (r[17] is None and r[18] is None) or r[0] not in ("hitech_investment_growth", "top_talent")


def test_growth_rate_indicators_get_pp_change_not_a_multiple():
    c = Corpus([plan("a", "甲市", [row("1", "全社会劳动生产率年均增速", "%", cell("6.83", 6.83), cell("7", 7.0))])])
    f = only(c, "labour_productivity_growth")
    assert f.multiple is None and f.growth is None
    assert close(f.pp_change, 0.17)


def test_years_fall_back_to_the_plan_period():
    t = Table(columns=[TableColumn("指标", "name"), TableColumn("基期", "baseline"), TableColumn("目标", "target")],
              rows=[Row("", "技术交易额（亿元）", "技术交易额", "亿元", cells=[cell("10", 10.0), cell("20", 20.0)])])
    c = Corpus([plan("a", "甲市", [], tables=[t], years=(2015, 2020))])
    f = only(c, "tech_market_turnover")
    assert (f.base_year, f.target_year) == (2015, 2020)
    assert close(f.growth, 2 ** 0.2 - 1)


def test_printed_annual_growth_is_checked_against_the_computed_one():
    corpus = load_corpus(FIXTURE)
    jiaxing = [f for f in cmp.figures(corpus, CATALOG) if f.plan.id == "jiaxing-2016"]
    assert len(jiaxing) == 11 and all(f.growth_printed is not None for f in jiaxing)
    assert {f.key for f in jiaxing if f.growth_check is False} == {"rd_intensity"}  # printed 0.05, numbers say 0.094
    assert all(f.growth_check is True for f in jiaxing if f.key != "rd_intensity")
    rd = next(f for f in jiaxing if f.key == "rd_intensity")
    assert close(rd.pp_per_year, (3.20 - 2.73) / 5)
    assert "印年均增长与计算不符" in rd.flags


# -- the grid --------------------------------------------------------------------------------------


def test_grid_rows_are_catalog_indicators_and_blank_where_a_plan_has_none():
    corpus = load_corpus(FIXTURE)
    grid = cmp.build_grid(corpus, CATALOG)
    assert len(grid.rows) == 26  # indicators set by at least one targets table
    order = [i.key for i in CATALOG]
    assert [r.key for r in grid.rows] == sorted((r.key for r in grid.rows), key=order.index)
    basic = next(r for r in grid.rows if r.key == "basic_research_share")
    assert set(basic.cells) == {"shaoxing-2021", "huzhou-2021"}
    one = cmp.build_grid(corpus, CATALOG, corpus.plans[:2], indicator="R&D经费占GDP比重")
    assert [r.key for r in one.rows] == ["rd_intensity"]
    view = grid_view(one)
    assert [r[3] for r in view.rows] == ["柯桥区", "绍兴市"]
    with pytest.raises(cmp.CompareError, match="no indicator 'nope'"):
        cmp.build_grid(corpus, CATALOG, indicator="nope")


def test_unmapped_rows_get_a_grid_row_of_their_own():
    c = Corpus([plan("a", "甲市", [row("1", "某新指标", "个", cell("1", 1.0), cell("2", 2.0))])])
    grid = cmp.build_grid(c, CATALOG)
    assert [(r.key, r.name, r.indicator) for r in grid.rows] == [("", "某新指标", None)]


def test_filter_matches_names_aliases_keys_and_pinyin_initials():
    corpus = load_corpus(FIXTURE)
    rows = {r.key: r for r in cmp.build_grid(corpus, CATALOG).rows}
    assert cmp.matches_filter(rows["rd_intensity"], "研发与试验")  # 海曙's printed name
    assert cmp.matches_filter(rows["rd_intensity"], "r&d 经费")
    assert cmp.matches_filter(rows["hitech_enterprises"], "gxjsqys")  # 高新技术企业数
    assert not cmp.matches_filter(rows["hitech_enterprises"], "专利")
    assert cmp.matches_filter(rows["hitech_enterprises"], "gaoxin")  # the search engine: full pinyin
    assert cmp.matches_filter(rows["rd_intensity"], "研发经费")  # … and scattered characters (研发与试验发展经费)


# -- district within city ---------------------------------------------------------------------------


def test_shares_only_for_counts_and_amounts():
    corpus = load_corpus(FIXTURE)
    shares = {s.indicator.key: s for s in cmp.district_shares(corpus, CATALOG)}
    assert {s.district.plan.short for s in shares.values()} == {"柯桥区"}  # 海曙's city 宁波 is not loaded
    hte = shares["hitech_enterprises"]
    assert close(hte.target_share, 750 / 3700) and close(hte.baseline_share, 369 / 1784)
    assert close(shares["tech_market_turnover"].target_share, 40 / 200)
    assert shares["top_talent"].baseline_share is None and close(shares["top_talent"].target_share, 0.3)
    for key in ("rd_intensity", "hitech_industry_share", "rd_personnel_per_10k", "hitech_investment_growth",
                "high_value_patents_per_10k"):
        assert shares[key].target_share is None and shares[key].baseline_share is None and shares[key].reason
    meaningful = sorted(k for k, s in shares.items() if s.target_share is not None)
    assert meaningful == ["hitech_enterprises", "pct_applications", "tech_market_turnover", "tech_smes", "top_talent"]
    view = shares_view(list(shares.values()))
    assert all(r[18] is None for r in view.rows if r[2] == "%")


def test_no_share_across_periods_or_without_the_city():
    rows = [row("1", "高新技术企业数", "家", cell("10", 10.0), cell("20", 20.0))]
    city = plan("c", "丙市", rows, period="十三五", years=(2015, 2020))
    district = plan("d", "丁区", rows, level="district", parent="丙市")
    assert cmp.district_shares(Corpus([city, district]), CATALOG) == []
    assert cmp.district_shares(Corpus([district]), CATALOG) == []
    same = plan("c2", "丙市", rows)
    assert len(cmp.district_shares(Corpus([same, district]), CATALOG)) == 1


# -- two plans side by side --------------------------------------------------------------------------


def test_pair_aligns_by_catalog_key_and_lists_the_rest():
    corpus = load_corpus(FIXTURE)
    sx, kq = plan_of(corpus, "绍兴市"), plan_of(corpus, "柯桥区")
    p = cmp.pair(corpus, CATALOG, sx, kq)
    assert len(p.aligned) == 13
    assert [f.key for f in p.only_a] == ["basic_research_share", "digital_economy_share", "labour_productivity_growth"]
    assert [f.key for f in p.only_b] == ["digital_core_share", "labour_productivity"]
    ind, a, b = p.aligned[2]
    assert ind.key == "hitech_industry_share"
    assert a.ref.row.name == "高新技术产业增加值占工业增加值比重"
    assert b.ref.row.name == "规上高新技术产业增加值占规上工业增加值比重"
    view = pair_view(p)
    assert [r[0] for r in view.rows] == ["对齐"] * 13 + ["仅绍兴市"] * 3 + ["仅柯桥区"] * 2


# -- targets against results --------------------------------------------------------------------------


def test_results_met_as_printed_and_as_the_numbers_say():
    corpus = load_corpus(FIXTURE)
    figs = cmp.results(corpus, CATALOG)
    assert len(figs) == 22
    keqiao = [f for f in figs if f.plan.short == "柯桥区"]
    not_met = {f.key for f in keqiao if f.met_printed is False}
    assert not_met == {"patent_grants", "hitech_investment"}  # 5987 < 7000, 53.6 < 55.3
    assert all(f.met_printed == f.met_computed for f in keqiao)
    shaoxing = [f for f in figs if f.plan.short == "绍兴市"]
    assert all(f.met_printed is None and f.met_computed is True for f in shaoxing)  # no 是否完成 column
    view = results_view(figs)
    rd = next(r for r in view.rows if r[0] == "柯桥区" and r[1] == "rd_intensity")
    assert rd[5:15] == [2.8, "", "2.8", 3.0, "▲", "3.00▲", "是", "是", "是", "实绩预计"]


def test_results_disagreement_and_lower_is_better():
    rows = [row("1", "年专利授权量", "件", cell("7000", 7000.0), cell("7100", 7100.0), cell("否", None, text="否"))]
    c = Corpus([plan("a", "甲区", rows, kind="results")])
    f = cmp.results(c, CATALOG)[0]
    assert (f.met_printed, f.met_computed) == (False, True)
    assert results_view([f]).rows[0][13] == "否"  # printed and numbers disagree
    lower = load_catalog()
    patent_grants = lower.get("patent_grants")
    assert patent_grants is not None
    patent_grants.better = "lower"
    assert cmp.results(c, lower)[0].met_computed is False


# -- the command line ------------------------------------------------------------------------------------


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    from tui.cli import main

    code = main(["--data", str(FIXTURE), "compare", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_json_grid_and_pair(capsys):
    code, out, _ = run_cli(capsys, "--format", "json", "--indicator", "hitech_enterprises")
    assert code == 0
    data = json.loads(out)
    assert [r[3] for r in data["rows"]] == ["柯桥区", "绍兴市", "湖州市", "嘉兴市", "海曙区"]
    jx = data["rows"][3]
    assert jx[6:9] == [567, "", "567"] and jx[10:13] == [1000, "以上", "1000以上"]  # numbers, markers, as printed
    assert jx[17] == round(1000 / 567, 4) and "目标以上" in jx[21]
    code, out, _ = run_cli(capsys, "--plans", "绍兴,柯桥", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("段,key,指标,绍兴市·指标名")
    assert len(out.splitlines()) == 1 + 18


def test_cli_modes_and_errors(capsys):
    code, out, _ = run_cli(capsys, "--mode", "share", "--format", "md")
    assert code == 0 and "| tech_smes " in out
    code, out, _ = run_cli(capsys, "--mode", "results", "--plans", "柯桥", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 1 + 12
    code, out, err = run_cli(capsys, "--plans", "宁波")
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "没有规划 '宁波'" in err
    code, _, err = run_cli(capsys, "--mode", "pair")
    assert code == 2 and "恰好两个规划" in err
    code, _, err = run_cli(capsys, "--indicator", "nope")
    assert code == 2 and "没有指标 'nope'" in err


def test_cli_table_is_aligned_by_cell_width(capsys):
    code, out, _ = run_cli(capsys, "--indicator", "tech_smes")
    assert code == 0
    lines = [line for line in out.splitlines() if "│" in line]
    header = next(line for line in out.splitlines() if "┃" in line)
    assert len(lines) == 5 and {cell_len(line) for line in lines} == {cell_len(header)}
    # every column separator stands at the same cell offset on every line
    cuts = {tuple(cell_len(line[:i]) for i, ch in enumerate(line) if ch == "│") for line in lines}
    assert len(cuts) == 1
    assert "×1.94" in out and "+14.1%" in out and "3000以上" in out
