"""`plans add` core: encodings, metadata read from the text, non-plans refused, store, load hook, remove."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.core.adder.decode import DecodeError, decode_text
from tui.core.adder.meta import parse_date, read_meta
from tui.core.adder.prepare import AddError, prepare
from tui.core.importer.pieces import Unit, cut
from tui.core.importer.sources import load_sources
from tui.core.load import load_corpus
from tui.core.locations import DEFAULT_DATA

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
JIAXING = SOURCES / "jiaxing-2016.txt"


def test_dates_in_both_printed_forms() -> None:
    assert parse_date("二〇二一年十二月三十一日") == "2021-12-31"
    assert parse_date("2021年 7月 25日") == "2021-07-25"
    assert parse_date("20211228") == "2021-12-28"
    assert parse_date("成文日期:2021-12-31") == "2021-12-31"
    assert parse_date("二〇二〇年十月一日") == "2020-10-01"


def test_encodings_detected_never_guessed() -> None:
    text = "嘉兴市科技创新“十三五”规划\n一、现实基础\n"
    assert decode_text(text.encode("utf-8"), "f") == (text, "UTF-8")
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8"), "f") == (text, "UTF-8 (with BOM)")
    assert decode_text(text.encode("gb18030"), "f") == (text, "GB18030/GBK")
    with pytest.raises(DecodeError, match="cannot tell the encoding"):
        decode_text("Ça a été très élevé, garçon".encode("cp1252") * 3, "f")


# what each shipped plan's metadata file says that the text itself prints (fields a reader filled from
# elsewhere, e.g. 湖州's quoted title or a vision year, are not expected)
@pytest.mark.parametrize("source", load_sources(SOURCES), ids=lambda s: s.meta.id)
def test_metadata_read_from_the_text_agrees_with_the_shipped(source) -> None:
    lines = [p.text for p in cut(source) if isinstance(p, Unit)]
    found = read_meta(lines).values
    for key in ("region", "short", "level", "province", "period_start", "period_end", "period_name",
                "issuer", "doc_number", "issue_date", "publish_date", "parent_region"):
        assert found.get(key, "") == (getattr(source.meta, key) or ""), key
    assert isinstance(found["title"], str)
    assert found["title"].replace("“", "").replace("”", "") == source.meta.title.replace("“", "").replace("”", "")


def test_gbk_text_file_adds(tmp_path: Path) -> None:
    f = tmp_path / "jx.txt"
    f.write_bytes(JIAXING.read_text(encoding="utf-8").encode("gb18030"))
    prep = prepare(f)
    assert prep.extracted.detail == "GB18030/GBK" and prep.coverage == 1.0
    assert prep.meta.title == "嘉兴市科技创新“十三五”规划" and prep.meta.period_start == 2016


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"   \n", "空文件"),
    ("sheet.xlsx", b"PK\x03\x04junk", "是电子表格"),
    ("table.csv", "序号,指标\n1,研发\n".encode(), "是电子表格"),
    ("page.html", b"<html><body><div>  </div></body></html>", "这个网页上没有文字"),
    ("note.txt", "今天天气很好。\n我们去公园。\n".encode(), "不是规划：第一章之前没有标题行"),
])
def test_not_a_plan_one_line_nothing_written(tmp_path: Path, capsys, name: str, data: bytes, message: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    assert main(["add", str(f)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    from tui.core.userplans import plans_dir, plans_file
    assert not plans_file().exists() and not plans_dir().exists()


def test_add_load_readd_update_remove(tmp_path: Path, capsys) -> None:
    f = tmp_path / "嘉兴.txt"
    f.write_text(JIAXING.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["add", str(f), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "覆盖率：100.0%" in out and "未写入" in out and "专栏1" in out
    assert [p.id for p in load_corpus(DEFAULT_DATA).plans if p.is_user] == []
    assert main(["add", str(f), "--set", "issuer=嘉兴市人民政府"]) == 0
    corpus = load_corpus(DEFAULT_DATA)
    user = [p for p in corpus.plans if p.is_user]
    assert [p.id for p in user] == ["jiaxing-2016-2"] and user[0].meta.issuer == "嘉兴市人民政府"
    assert len(corpus.plans) == 6 and not any(p.is_user for p in corpus.plans[:5])
    assert len(load_corpus(DEFAULT_DATA, user_plans=False).plans) == 5
    from tui.core.userplans import plans_dir
    kept = plans_dir() / "jiaxing-2016-2"
    assert (kept / "original.txt").read_bytes() == f.read_bytes() and (kept / "jiaxing-2016-2.txt").is_file()
    capsys.readouterr()
    assert main(["add", str(f)]) == 0
    assert "无需操作" in capsys.readouterr().out
    f.write_text(JIAXING.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    assert main(["add", str(f)]) == 0
    assert "已更新 jiaxing-2016-2" in capsys.readouterr().out
    assert "补充一段。" in load_corpus(DEFAULT_DATA).plans[-1].nodes[-1].full_text() + str(
        [n.text for n in load_corpus(DEFAULT_DATA).plans[-1].walk()])
    assert main(["remove", "jiaxing-2016"]) == 2  # a shipped plan
    assert main(["remove", "jiaxing-2016-2"]) == 0
    assert len(load_corpus(DEFAULT_DATA).plans) == 5


def test_bad_set(tmp_path: Path) -> None:
    with pytest.raises(AddError, match="unknown field"):
        from tui.core.adder.prepare import parse_sets
        parse_sets(["colour=red"])


def test_search_index_cache_sees_added_plans(tmp_path: Path) -> None:
    from tui.core.search.index import index_for

    before = load_corpus(DEFAULT_DATA)
    index_for(before)  # fills the on-disk index cache for the shipped file alone
    f = tmp_path / "jx.txt"
    f.write_text(JIAXING.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["add", str(f)]) == 0
    after = load_corpus(DEFAULT_DATA)
    hits = index_for(after).search("嘉兴科技大市场", limit=50).hits
    assert "jiaxing-2016-2" in {h.unit.plan_id for h in hits} and "jiaxing-2016" in {h.unit.plan_id for h in hits}
    assert {h.unit.plan_short for h in hits if h.unit.plan_id == "jiaxing-2016-2"} == {"嘉兴市（自添）"}
    assert {h.unit.plan_short for h in hits if h.unit.plan_id == "jiaxing-2016"} == {"嘉兴市"}


def _html_page(body: str, charset: str) -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
            f"<body><div id=nav>首页 &gt; 政策文件</div>{body}<script>var a='一、不是正文';</script></body></html>")


def test_gbk_web_page_with_chrome_and_table(tmp_path: Path) -> None:
    body = ("<h1>余姚市科技创新“十四五”规划</h1><p>为贯彻落实浙江省和宁波市的部署，制定本规划。</p>"
            "<h2>一、发展基础</h2><p>（一）现实基础。</p><p>宁波市余姚市科技创新成效明显。</p>"
            "<p>表1 主要指标</p><table><tr><th>序号</th><th>指标</th><th>2020年</th><th>2025年</th></tr>"
            "<tr><td>1</td><td>研发经费支出占比（%）</td><td>2.8</td><td>3.5</td></tr>"
            "<tr><td>2</td><td>高新技术企业数（家）</td><td>300</td><td>600</td></tr></table>"
            "<h2>二、总体要求</h2><p>坚持创新驱动。</p>")
    f = tmp_path / "yuyao.htm"
    f.write_bytes(_html_page(body, "gb2312").encode("gb18030"))
    prep = prepare(f)
    assert prep.meta.id == "yuyao-2021" and prep.meta.level == "city" and prep.meta.province == "浙江省"
    assert prep.meta.parent_region == "宁波市"  # a county-level city printed after its city
    [table] = prep.plan.tables()
    assert table.table is not None and [r.name for r in table.table.rows] == ["研发经费支出占比", "高新技术企业数"]
    assert prep.coverage == 1.0 and "不是正文" not in prep.text
    assert prep.plan.counts()["chapter"] == 2


def test_required_field_missing_is_one_line(tmp_path: Path, capsys) -> None:
    f = tmp_path / "d.txt"
    f.write_text("某区科技创新“十四五”规划\n一、发展基础\n正文。\n", encoding="utf-8-sig")
    assert main(["add", str(f)]) == 2
    err = capsys.readouterr().err
    assert "parent_region" in err and "--set parent_region=" in err and err.count("\n") == 1
    assert main(["add", str(f), "--set", "parent_region=某市", "--dry-run"]) == 0
    assert "（文本，UTF-8（带 BOM））" in capsys.readouterr().out


def test_word_automatic_numbering_is_written_out(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    d.add_paragraph("慈溪市科技创新“十四五”规划")
    numbered("发展基础", 0)
    numbered("现实基础。", 1)
    d.add_paragraph("慈溪市科技创新成效明显。")
    numbered("面临形势。", 1)
    numbered("总体要求", 0)
    numbered("指导思想。", 1)
    f = tmp_path / "cixi.docx"
    d.save(str(f))
    prep = prepare(f, {"parent_region": "宁波市"})
    heads = [n.heading for n in prep.plan.walk() if n.kind in ("chapter", "section")]
    assert heads == ["一、发展基础", "（一）现实基础。", "（二）面临形势。", "二、总体要求", "（一）指导思想。"]
    assert any("自动编号 5 处" in note for note in prep.extracted.notes)


def test_corrected_metadata_and_hints_rebuild(tmp_path: Path, capsys) -> None:
    from tui.core.userplans import original_name, plans_dir
    from widgets.plan_info import plan_fields

    f = tmp_path / "jx.txt"
    f.write_text(JIAXING.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["add", str(f)]) == 0
    meta = plans_dir() / "jiaxing-2016-2" / "jiaxing-2016-2.yaml"
    text = meta.read_text(encoding="utf-8").replace("hints: {}", "hints:\n  columns:\n    '7':\n      end_after: 移动互联网与大数")
    meta.write_text(text.replace("short: 嘉兴市", "short: 嘉兴（自添）"), encoding="utf-8")
    assert main(["add", "--rebuild"]) == 0
    plan = load_corpus(DEFAULT_DATA).plans[-1]
    assert plan.short == "嘉兴（自添）" and original_name(plan.id) == "jx.txt"
    assert next(c.end for c in plan.columns() if c.number == "7").startswith("hint: ends after")
    fields = dict(plan_fields(plan, str(DEFAULT_DATA)))
    assert "plans remove jiaxing-2016-2" in fields["添加"] and "jx.txt" in fields["添加"]
    assert fields["数据文件"].endswith("user-plans.yaml")
