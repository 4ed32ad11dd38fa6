"""`plans open` (issue 11) accepts every plan name search's @filter accepts (huzhou, hz, 湖州, 湖州市)
and indicator keys or names (opening on the table that holds the indicator); ambiguous or unknown
names give one Chinese line listing the candidates."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REAL, ROOT

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.deeplink import DeepLinkError, plan_named, resolve
from tui.core.i18n import t_line
from tui.core.load import load_corpus
from tui.core.search import index_for
from tui.screens.main import MainScreen


@pytest.fixture(scope="module")
def real():
    return load_corpus(REAL)


@pytest.mark.parametrize("name", ["huzhou", "hz", "湖州", "湖州市", "huzhou-2021", "HuZhou"])
def test_every_plan_name_search_accepts(real, name):
    assert plan_named(real, name) is real.plan("huzhou-2021")
    assert index_for(real).plans_for(name) == {"huzhou-2021"}  # the same names as @filters
    column = resolve(real, [name, "专栏4-3"]).node
    expected = resolve(real, ["湖州", "专栏4-3"]).node
    assert column is not None and expected is not None and column.key == expected.key


@pytest.mark.parametrize("terms", [["湖州", "rd_intensity"], ["hz", "全社会R&D经费支出占GDP比重"],
                                   ["huzhou", "R&D经费占GDP比重"]])
def test_indicator_key_or_name_opens_its_table(real, terms):
    target = resolve(real, terms)
    assert target.plan.id == "huzhou-2021" and target.node is not None and target.node.kind == "table"
    assert target.node.table is not None
    assert target.query in [row.name for row in target.node.table.rows]


def test_an_indicator_only_one_plan_has_needs_no_plan_name(real):
    from tui.core.indicators import load_catalog, row_name

    catalog = load_catalog()
    holders: dict[str, set[str]] = {}
    for plan in real.plans:
        for table in plan.tables():
            for row in table.table.rows if table.table else []:
                ind = catalog.match(row_name(row))
                if ind is not None:
                    holders.setdefault(ind.key, set()).add(plan.id)
    key = next(k for k, plans in holders.items() if len(plans) == 1)
    target = resolve(real, [key])
    assert {target.plan.id} == holders[key] and target.node is not None and target.node.kind == "table"


@pytest.mark.parametrize("terms, words", [
    (["h", "专栏1"], ["“h”可指多个规划", "湖州市", "海曙区"]),
    (["rd_intensity"], ["在多个规划中", "湖州市", "海曙区", "如 plans open"]),
    (["rd_intensty"], ["没有指标键“rd_intensty”", "rd_intensity"]),
    (["R&D"], ["是多个指标名称的一部分", "R&D经费"]),
    (["上海", "专栏1"], ["没有名为 '上海' 的规划", "湖州市"]),
])
def test_ambiguous_or_unknown_names_give_one_chinese_line_with_the_candidates(real, terms, words):
    with pytest.raises(DeepLinkError) as info:
        resolve(real, terms)
    line = t_line(str(info.value))
    assert "\n" not in line and line.startswith("plans open：")
    for word in words:
        assert word in line, line


def test_cli_ambiguous_name_exit_2_one_line():
    result = subprocess.run([sys.executable, "-m", "tui", "open", "市", "专栏1"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "“市”可指多个规划" in lines[0] and "嘉兴市" in lines[0]


async def test_open_on_an_indicator_shows_its_table_with_the_row_highlighted(real):
    target = resolve(real, ["hz", "rd_intensity"])
    assert target.node is not None
    app = PlansApp(real, config=Config(), save_settings=False, start_key=target.node.key, start_query=target.query)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.focus_node is target.node or screen.current is target.node
        assert screen.search_query == target.query and screen.reader.match_count >= 1
        assert "湖州市" in str(screen.sub_title)
