"""PlanInfoScreen: issuer, 发文字号, dates, period, region hierarchy, counts, source; [ ] switch plan."""

from __future__ import annotations

import pytest
from screen_host import REAL, Host, mini, screen_text

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
        assert info.plan.id == "alpha-2021"
        await pilot.press("[")
        await pilot.pause()
        assert info.plan.id == "beta-2021"
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == Jump(corpus.plans[1].nodes[0].key)


async def test_escape_returns_none():
    app = Host(PlanInfoScreen(mini(), "beta-2021"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(PlanInfo).plan.id == "beta-2021"
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
def test_real_region_hierarchy_and_numbers():
    corpus = load_corpus(REAL)
    keqiao = corpus.plan("keqiao-2021")
    haishu = corpus.plan("haishu-2021")
    shaoxing = corpus.plan("shaoxing-2021")
    assert region_path(keqiao)[-2:] == ["绍兴市", "柯桥区"]
    assert region_path(haishu)[-2:] == ["宁波市", "海曙区"]
    assert shaoxing.meta.doc_number == "绍政发〔2021〕20号"
