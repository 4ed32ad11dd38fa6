"""Round trips: each shipped seed typeset as PDF, Word, web page and PDF-style text, then `plans add`-ed,
gives the same structure as data/plans.yaml (headings in order, 专栏 with entries and ends, table rows
and cells) with 100.0% coverage. The documents are generated here, once per session, never committed.
Only the shipped sources' own 专栏 hints (judgement calls) are passed; layout is detected."""

from __future__ import annotations

from pathlib import Path

import docgen
import pytest

from tui.cli import main
from tui.core.adder.prepare import prepare
from tui.core.importer.outline import build_plan
from tui.core.importer.sources import Source, load_sources

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {s.meta.id: s for s in load_sources(ROOT / "data" / "sources")}
FORMATS = ("pdf", "pdf-plain", "docx", "html", "pdftext")
SUFFIX = {"pdf": ".pdf", "pdf-plain": ".plain.pdf", "docx": ".docx", "html": ".html", "pdftext": ".txt"}


def make(source: Source, fmt: str, path: Path) -> None:
    if fmt == "pdf":
        docgen.to_pdf(source, path)
    elif fmt == "pdf-plain":  # tables as aligned columns of text, no rules (read as space-separated rows)
        docgen.to_pdf(source, path, ruled=False)
    elif fmt == "docx":
        docgen.to_docx(source, path)
    elif fmt == "html":
        docgen.to_html(source, path)
    else:
        path.write_text(docgen.to_pdf_text(source), encoding="utf-8")


@pytest.fixture(scope="session")
def documents(tmp_path_factory) -> dict[tuple[str, str], Path]:
    base = tmp_path_factory.mktemp("roundtrip")
    out = {}
    for pid, source in SOURCES.items():
        for fmt in FORMATS:
            path = base / f"{pid}{SUFFIX[fmt]}"
            make(source, fmt, path)
            out[pid, fmt] = path
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("pid", sorted(SOURCES))
def test_round_trip_same_structure(documents, pid: str, fmt: str) -> None:
    source = SOURCES[pid]
    if fmt in ("pdf", "pdf-plain") and docgen.unprintable() & set(source.text):
        pytest.skip(f"no font here prints {''.join(docgen.unprintable() & set(source.text))} (install fonts-dejavu-core)")
    prep = prepare(documents[pid, fmt], hints=source.hints)
    assert docgen.compare(build_plan(source), prep.plan) == []
    assert prep.coverage == 1.0
    assert prep.meta.title.replace("“", "").replace("”", "") == source.meta.title.replace("“", "").replace("”", "")
    assert prep.meta.period_start == source.meta.period_start and prep.meta.region == source.meta.region
    if fmt in ("pdf", "pdf-plain", "pdftext"):
        assert prep.layout.wrapped, prep.layout.describe()
    else:
        assert not prep.layout.wrapped, prep.layout.describe()


def test_pdf_tables_are_read_as_real_tables(documents) -> None:
    prep = prepare(documents["keqiao-2021", "pdf"])
    assert prep.extracted.tables == 2  # both ruled tables became tab-layout tables


def test_image_only_pdf_is_not_a_plan(tmp_path: Path, capsys) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(72, 72, 300, 500, fill=1)  # a "scanned page": marks, no text layer
    c.showPage()
    c.save()
    assert main(["add", str(path)]) == 2
    err = capsys.readouterr().err
    assert "这个 PDF 里没有文字" in err and err.count("\n") == 1
    from tui.core.userplans import plans_dir
    assert not plans_dir().exists()


def test_docx_with_no_plan(tmp_path: Path, capsys) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("会议通知")
    d.add_paragraph("请各单位准时参加。")
    path = tmp_path / "notice.docx"
    d.save(str(path))
    assert main(["add", str(path)]) == 2
    assert "不是规划" in capsys.readouterr().err
