"""The indicator catalog: loads, validates, and maps every row of every table to the entry
decided for it by meaning (EXPECTED below, written from reading the five plans' tables)."""

from __future__ import annotations

import pytest
from corpora import REAL, ROOT

from tui.core.indicators import (
    CatalogError,
    check_catalog,
    load_catalog,
    map_rows,
    normalise_name,
    parse_catalog,
    unmapped,
)
from tui.core.load import load_corpus
from tui.core.model import Cell, Corpus, Meta, Node, Plan, Row, Table, TableColumn

FIXTURE = ROOT / "tests" / "fixtures" / "compare.yaml"

# key -> (plan, R(esults)/T(argets) table, row name): every row of the five plans' tables.
EXPECTED = {
    'rd_intensity': [
        ('keqiao', 'R', '全社会R&D经费支出占GDP比重'),
        ('keqiao', 'T', 'R&D经费支出占GDP比重'),
        ('shaoxing', 'R', '全社会R&D经费支出占GDP比重'),
        ('shaoxing', 'T', '全社会R&D经费支出占GDP比重'),
        ('huzhou', 'T', '全社会R&D经费支出占GDP比重'),
        ('jiaxing', 'T', 'R&D经费占GDP比重'),
        ('haishu', 'T', '研发与试验发展经费支出占地区生产总值比重'),
    ],
    'hitech_enterprises': [
        ('keqiao', 'R', '高新技术企业数'),
        ('keqiao', 'T', '高新技术企业数'),
        ('shaoxing', 'R', '高新技术企业数'),
        ('shaoxing', 'T', '高新技术企业数'),
        ('huzhou', 'T', '高新技术企业数'),
        ('jiaxing', 'T', '高新技术企业数'),
        ('haishu', 'T', '有效国家高新技术企业数'),
    ],
    'tech_smes': [
        ('keqiao', 'R', '省科技型中小企业数'),
        ('keqiao', 'T', '科技型中小企业数'),
        ('shaoxing', 'T', '科技型中小企业数'),
        ('huzhou', 'T', '科技型中小企业数'),
        ('jiaxing', 'T', '科技型中小企业数'),
        ('haishu', 'T', '科技型中小企业'),
    ],
    'enterprise_rd_institutions': [
        ('keqiao', 'R', '省级以上企业研发机构'),
    ],
    'maker_spaces': [
        ('keqiao', 'R', '众创空间平台'),
    ],
    'university_local_carriers': [
        ('keqiao', 'R', '校地共建创新载体'),
    ],
    'high_level_talent': [
        ('keqiao', 'R', '高层次人才集聚数'),
    ],
    'patent_grants': [
        ('keqiao', 'R', '年专利授权量'),
    ],
    'invention_patents_per_10k': [
        ('keqiao', 'R', '万人发明专利拥有量'),
        ('shaoxing', 'R', '万人有效发明专利拥有量'),
        ('jiaxing', 'T', '每万人发明专利拥有量'),
    ],
    'hitech_investment': [
        ('keqiao', 'R', '高新技术产业投资'),
        ('jiaxing', 'T', '高新技术产业投资'),
        ('haishu', 'T', '高新技术产业投资额'),
    ],
    'strategic_emerging_share': [
        ('keqiao', 'R', '规上战略性新兴产业增加值占规上工业增加值比重'),
    ],
    'hitech_industry_share': [
        ('keqiao', 'R', '规上高新技术产业增加值占规上工业增加值比重'),
        ('keqiao', 'T', '规上高新技术产业增加值占规上工业增加值比重'),
        ('shaoxing', 'R', '高新技术产业增加值占工业增加值比重'),
        ('shaoxing', 'T', '高新技术产业增加值占工业增加值比重'),
        ('huzhou', 'T', '高新技术产业增加值占规上工业比重'),
        ('jiaxing', 'T', '高新技术产业增加值占规模以上工业增加值比重'),
        ('haishu', 'T', '高新技术产业增加值占规上工业增加值比重'),
    ],
    'enterprise_rd_intensity': [
        ('keqiao', 'T', '规上工业企业R&D经费支出占营业收入比重'),
        ('shaoxing', 'T', '规上工业企业R&D经费支出占营业收入比重'),
        ('huzhou', 'T', '规上工业企业R&D经费支出占营业收入的比重'),
        ('jiaxing', 'T', '企业R&D经费支出占主营业务收入比重'),
        ('haishu', 'T', '规上工业企业研发与试验经费支出占营业收入比重'),
    ],
    'rd_personnel_per_10k': [
        ('keqiao', 'T', '每万名就业人员中研发人员'),
        ('shaoxing', 'R', '每万名就业人员中研发人员'),
        ('shaoxing', 'T', '每万名就业人员中研发人员'),
        ('huzhou', 'T', '每万名就业人员中研发人员'),
    ],
    'pct_applications': [
        ('keqiao', 'T', 'PCT国际专利申请量'),
        ('shaoxing', 'T', 'PCT国际专利申请量'),
        ('huzhou', 'T', 'PCT国际专利申请数'),
    ],
    'digital_core_share': [
        ('keqiao', 'T', '数字经济核心产业增加值占GDP比重'),
    ],
    'top_talent': [
        ('keqiao', 'T', '顶尖人才和科技领军人才'),
        ('shaoxing', 'T', '顶尖人才和科技领军人才'),
        ('huzhou', 'T', '顶尖人才和科技领军人才数'),
    ],
    'labour_productivity': [
        ('keqiao', 'T', '全社会劳动生产率'),
        ('huzhou', 'T', '全社会劳动生产率'),
        ('jiaxing', 'T', '全员劳动生产率'),
    ],
    'tech_progress_contribution': [
        ('keqiao', 'T', '科技进步贡献率'),
        ('shaoxing', 'T', '科技进步贡献率'),
        ('huzhou', 'T', '科技进步贡献率'),
    ],
    'hitech_investment_growth': [
        ('keqiao', 'T', '高新技术产业投资增速'),
        ('shaoxing', 'T', '高新技术产业投资增速'),
        ('huzhou', 'T', '高新技术产业投资增幅'),
    ],
    'tech_market_turnover': [
        ('keqiao', 'T', '技术市场交易成交额'),
        ('shaoxing', 'R', '技术市场交易成交额'),
        ('shaoxing', 'T', '技术市场交易成交额'),
        ('huzhou', 'T', '技术交易总额'),
        ('jiaxing', 'T', '技术交易总额'),
        ('haishu', 'T', '技术交易额'),
    ],
    'high_value_patents_per_10k': [
        ('keqiao', 'T', '每万人高价值发明专利拥有量'),
        ('shaoxing', 'T', '每万人高价值发明专利拥有量'),
        ('huzhou', 'T', '每万人高价值发明专利拥有量'),
    ],
    'science_literacy': [
        ('keqiao', 'T', '公民具备科学素质的比例'),
        ('shaoxing', 'T', '公民具备科学素质的比例'),
    ],
    'talent_resources': [
        ('shaoxing', 'R', '人才资源总量'),
    ],
    'public_service_platforms_new': [
        ('shaoxing', 'R', '新建公共科技服务平台'),
    ],
    'engineering_centres': [
        ('shaoxing', 'R', '省级以上工程技术研究中心（重点实验室）'),
    ],
    'fiscal_st_share': [
        ('shaoxing', 'R', '科技公共财政支出占公共财政支出'),
    ],
    'basic_research_share': [
        ('shaoxing', 'T', '基础研究经费占R&D经费比重'),
        ('huzhou', 'T', '基础研究经费占全社会R&D经费比重'),
    ],
    'digital_economy_share': [
        ('shaoxing', 'T', '数字经济增加值占GDP比重（数字经济核心产业增加值占GDP比重）'),
    ],
    'labour_productivity_growth': [
        ('shaoxing', 'T', '全社会劳动生产率年均增速'),
    ],
    'enterprises_with_rd_share': [
        ('huzhou', 'T', '规上企业有研发活动比重'),
    ],
    'enterprise_rd_institution_rate': [
        ('huzhou', 'T', '规上企业研发机构设置率'),
    ],
    'digital_core_value': [
        ('huzhou', 'T', '数字经济核心产业增加值'),
    ],
    'rd_staff_per_10k': [
        ('jiaxing', 'T', '每万名从业人员中R&D人员数'),
    ],
    'new_product_rate': [
        ('jiaxing', 'T', '规模以上工业企业新产品产值率'),
    ],
    'invention_patents': [
        ('haishu', 'T', '有效发明专利拥有量'),
    ],
}


def _pairs(corpus: Corpus) -> dict[str, list[tuple[str, str, str]]]:
    catalog = load_catalog()
    out: dict[str, list[tuple[str, str, str]]] = {}
    for ref, ind in map_rows(corpus, catalog):
        key = ind.key if ind is not None else "(none)"
        out.setdefault(key, []).append((ref.plan.id.split("-")[0], ref.kind[0].upper(), ref.row.name))
    return out


def _check_expected(corpus: Corpus) -> None:
    got = _pairs(corpus)
    assert "(none)" not in got, f"rows with no entry: {got.get('(none)')}"
    for key, rows in EXPECTED.items():  # each entry maps the rows it should and no others
        assert sorted(got.get(key, [])) == sorted(rows), key
    assert set(got) == set(EXPECTED)


def test_catalog_loads_with_line_numbers():
    catalog = load_catalog()
    assert len(catalog) == len(EXPECTED) == 36
    assert catalog.path == "data/indicators.yaml"
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8").splitlines()
    for ind in catalog:
        assert text[ind.line - 1] == f"- key: {ind.key}"


def test_every_entry_maps_its_rows_and_no_others_on_the_fixture():
    _check_expected(load_corpus(FIXTURE))


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not imported yet")
def test_every_row_of_the_real_data_maps_to_exactly_one_entry():
    corpus = load_corpus(REAL)
    catalog = load_catalog()
    for ref, _ in map_rows(corpus, catalog):
        assert len(catalog.matches(ref.row.name)) == 1, ref.label
    _check_expected(corpus)
    assert check_catalog(corpus, catalog) == []


def test_names_are_compared_without_spaces_width_markers_or_unit():
    assert normalise_name("全社会 R&D经费支出占 GDP比重（%）*") == normalise_name("全社会R&D经费支出占GDP比重")
    assert normalise_name("企业R＆D经费支出") == normalise_name("企业R&D经费支出")
    assert normalise_name("全社会R&D经费支出占GDP比重(%*") == normalise_name("全社会R&D经费支出占GDP比重")
    # a bracket that is not a unit stays: 重点实验室 is part of the name
    assert normalise_name("省级以上工程技术研究中心（重点实验室）") != normalise_name("省级以上工程技术研究中心")
    catalog = load_catalog()
    assert getattr(catalog.match("研发与试验发展经费支出占地区生产总值比重"), "key", None) == "rd_intensity"
    assert getattr(catalog.match("有效国家高新技术企业数"), "key", None) == "hitech_enterprises"
    assert catalog.match("高新技术企业") is None  # exact aliases, never fuzzy
    assert catalog.resolve("rd_intensity") is catalog.resolve("R&D经费占GDP比重")


def _corpus(rows: list[Row]) -> Corpus:
    table = Table(caption="指标", columns=[TableColumn("序号", "number"), TableColumn("指标", "name"),
                                          TableColumn("2020年", "baseline", 2020), TableColumn("2025年", "target", 2025)],
                  rows=rows)
    plan = Plan(Meta(id="test-2021", title="测试规划", short="测试市", region="测试市"),
                [Node("table", heading="指标", table=table)]).index()
    return Corpus([plan])


def test_unit_disagreement_is_a_check_problem_naming_the_catalog_line():
    catalog = load_catalog()
    corpus = _corpus([
        Row("1", "R&D经费占GDP比重（家）", "R&D经费占GDP比重", "家", cells=[Cell("1", 1.0), Cell("2", 2.0)]),
        Row("2", "顶尖人才和科技领军人才（名）", "顶尖人才和科技领军人才", "名"),  # 名 is the catalog's other spelling of 人
        Row("3", "高新技术企业数", "高新技术企业数", ""),  # no unit printed: nothing to disagree with
    ])
    problems = check_catalog(corpus, catalog)
    entry = catalog.get("rd_intensity")
    assert entry is not None
    line = entry.line
    assert problems == [f"data/indicators.yaml:{line}: rd_intensity: unit '%' but 测试市 row 1 "
                        f"'R&D经费占GDP比重（家）' maps to it with unit '家'"]


def test_unmapped_rows_are_problems_and_get_fuzzy_candidates():
    catalog = load_catalog()
    corpus = _corpus([Row("1", "高新技术企业总数（家）", "高新技术企业总数", "家")])
    problems = check_catalog(corpus, catalog)
    assert len(problems) == 1 and "测试市 row 1 '高新技术企业总数（家）': maps to no indicator" in problems[0]
    found = unmapped(corpus, catalog)
    assert len(found) == 1
    assert found[0].candidates[0][0].key == "hitech_enterprises"
    assert all(score >= 50 for _, score in found[0].candidates)
    assert [s for _, s in found[0].candidates] == sorted((s for _, s in found[0].candidates), reverse=True)


CATALOG_HEAD = "version: 1\nindicators:\n"


@pytest.mark.parametrize("body, message", [
    ("- key: a\n  name: 甲\n  unit: '%'\n  aliases: [甲]\n- key: a\n  name: 乙\n  unit: '%'\n",
     "x.yaml:7: a: duplicate key (first at line 3)"),
    ("- key: a\n  name: 甲\n  unit: '%'\n- key: b\n  name: 乙\n  unit: '%'\n  aliases: [' 甲 ']\n",
     "x.yaml:6: b: alias '甲' is also a's (line 3)"),
    ("- key: a\n  name: 甲\n", "x.yaml:3: a: unit: missing"),
    ("- key: a\n  name: 甲\n  unit: 家\n  kind: ratio\n", "x.yaml:3: a: kind ratio but unit '家': ratios and growth rates are in %"),
    ("- key: A b\n  name: 甲\n  unit: 家\n", "x.yaml:3: entry 1: key 'A b': expected snake_case text"),
    ("- key: a\n  name: 甲\n  unit: 家\n  kind: money\n", "x.yaml:3: a: kind 'money': expected one of ratio, count, amount, intensity, growth"),
])
def test_broken_catalogs_give_one_line_errors(body, message):
    with pytest.raises(CatalogError) as err:
        parse_catalog(CATALOG_HEAD + body, "x.yaml")
    assert str(err.value) == message


def test_unreadable_catalogs(tmp_path):
    with pytest.raises(CatalogError, match="no such file"):
        load_catalog(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators: [\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"bad.yaml:\d+: invalid YAML"):
        load_catalog(bad)
    bad.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"bad\.yaml:1: indicators: missing"):
        load_catalog(bad)


def test_check_catalog_reports_a_broken_catalog_as_one_line(tmp_path, monkeypatch):
    import tui.core.locations as locations

    bad = tmp_path / "indicators.yaml"
    bad.write_text("indicators: 3\n", encoding="utf-8")
    monkeypatch.setattr(locations, "CATALOG", bad)
    assert check_catalog(load_corpus(FIXTURE)) == [f"{bad}:1: indicators: missing: expected a mapping with an 'indicators' list"]


def test_cli_indicators_lists_the_catalog_and_unmapped_names(capsys, tmp_path):
    from tui.cli import main

    assert main(["--data", str(FIXTURE), "indicators", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "key,指标,单位,类型,行数,规划,别名"
    assert len(out) == 1 + 36
    rd = next(line for line in out if line.startswith("rd_intensity,"))
    assert ",7,柯桥区、绍兴市、湖州市、嘉兴市、海曙区," in rd

    assert main(["--data", str(FIXTURE), "indicators", "--unmapped"]) == 0
    assert capsys.readouterr().out.strip() == "每个表格行都已对应到 data/indicators.yaml 中的条目"

    small = tmp_path / "small.yaml"
    small.write_text(CATALOG_HEAD + "- key: hitech_enterprises\n  name: 高新技术企业数\n  unit: 家\n  kind: count\n",
                     encoding="utf-8")
    assert main(["--data", str(FIXTURE), "indicators", "--unmapped", "--catalog", str(small), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 89 - 6  # all but the six rows named 高新技术企业数 (海曙 prints 有效国家…)
    assert "海曙区 row 3,有效国家高新技术企业数(家),有效国家高新技术企业数,家,hitech_enterprises 高新技术企业数 (90)" in lines
    assert "海曙区 row 7,有效发明专利拥有量(件),有效发明专利拥有量,件," in lines  # nothing close enough


def test_cli_indicators_bad_catalog_is_one_line(capsys, tmp_path):
    from tui.cli import main

    assert main(["--data", str(FIXTURE), "indicators", "--catalog", str(tmp_path / "x.yaml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith("x.yaml：文件不存在")
