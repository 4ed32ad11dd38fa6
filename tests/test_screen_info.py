"""PlanInfoScreen: issuer, 发文字号, dates, period, region hierarchy, counts, source; [ ] switch plan."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from screen_host import MINI, REAL, Host, mini, plan_of, screen_text

from tui.core.load import load_corpus
from tui.jump import Jump
from tui.screens.info import PlanInfoScreen
from widgets.plan_info import PlanInfo, region_path


async def test_info_fields_and_plan_switch():
    corpus = mini()
    app = Host(PlanInfoScreen(corpus, "alpha-2021"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        info = app.screen.query_one(PlanInfo)
        fields = dict(info.fields)
        assert fields["发文机关"] == "甲市人民政府"
        assert fields["发文字号"] == "甲政发〔2021〕1号"
        assert fields["印发日期"] == "2021-07-25"
        assert fields["规划期"] == "“十四五” 2021—2025，远景展望至 2035 年"
        assert fields["地区"] == "浙江省 › 甲市"
        assert (fields["章"], fields["节"], fields["专栏"], fields["指标表"], fields["指标"]) == ("2", "2", "1", "1", "2")
        assert fields["来源文件"] == "alpha-2021.txt"
        text = screen_text(app)
        for value in ("甲政发〔2021〕1号", "浙江省 › 甲市", "2021—2025", "alpha-2021.txt"):
            assert value in text
        # labels padded by cell width: every value starts in the same terminal column
        lines = [ln for ln in text.splitlines() if "发文字号" in ln or "章 " in ln.strip()[:3]]
        assert len(lines) == 2
        from rich.cells import cell_len

        starts = {cell_len(ln[: ln.index(v)]) for ln, v in zip(lines, ("甲政发", "2"))}
        assert len(starts) == 1
        await pilot.press("]")
        await pilot.pause()
        fields = dict(info.fields)
        assert fields["地区"] == "浙江省 › 甲市 › 乙区"
        assert fields["发文字号"] == ""
        assert "乙区科技创新“十四五”规划" in screen_text(app)
        await pilot.press("]")  # wraps round
        await pilot.pause()
        assert info.plan is not None and info.plan.id == "alpha-2021"
        await pilot.press("[")
        await pilot.pause()
        assert info.plan is not None and info.plan.id == "beta-2021"
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == Jump(corpus.plans[1].nodes[0].key)


async def test_escape_returns_none():
    app = Host(PlanInfoScreen(mini(), "beta-2021"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plan = app.screen.query_one(PlanInfo).plan
        assert plan is not None and plan.id == "beta-2021"
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
def test_real_region_hierarchy_and_numbers():
    corpus = load_corpus(REAL)
    keqiao = plan_of(corpus, "keqiao-2021")
    haishu = plan_of(corpus, "haishu-2021")
    shaoxing = plan_of(corpus, "shaoxing-2021")
    assert region_path(keqiao)[-2:] == ["绍兴市", "柯桥区"]
    assert region_path(haishu)[-2:] == ["宁波市", "海曙区"]
    assert shaoxing.meta.doc_number == "绍政发〔2021〕20号"


async def test_long_values_wrap_under_themselves(tmp_path):
    """A value wider than the screen (a deep data-file path) wraps in the value column, every character kept."""
    long_dir = tmp_path / ("很长的目录名" * 6) / "plans-data-directory-with-a-long-name"
    long_dir.mkdir(parents=True)
    data = long_dir / "plans.yaml"
    data.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    corpus = load_corpus(data)
    app = Host(PlanInfoScreen(corpus, "alpha-2021"))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        start = next(i for i, ln in enumerate(lines) if "数据文件" in ln)
        column = cell_len(lines[start][: lines[start].index("/")])  # where the value starts, in cells
        wrapped = [from_cell(lines[start], column).rstrip()]
        for ln in lines[start + 1:]:
            head, tail = ln[: len(ln) - len(from_cell(ln, column))], from_cell(ln, column)
            if head.strip() or not tail.strip():  # a continuation has blanks under the labels
                break
            wrapped.append(tail.rstrip())
        assert len(wrapped) > 1
        assert "".join(wrapped) == str(corpus.source)


def from_cell(line: str, column: int) -> str:
    """The part of a screen line from terminal cell `column` on."""
    cells = 0
    for i, ch in enumerate(line):
        if cells >= column:
            return line[i:]
        cells += cell_len(ch)
    return ""
