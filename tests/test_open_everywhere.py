"""`plans open` with no plan named: its errors are Chinese like the others (they said "any plan" in
English), and the 专栏 spellings search accepts (zl4-3, zhuanlan4-3) open the 专栏 as 专栏4-3 does."""

from __future__ import annotations

import pytest
from conftest import REAL

from tui.core.deeplink import DeepLinkError, resolve
from tui.core.i18n import set_lang, t_line
from tui.core.load import load_corpus


@pytest.fixture(scope="module")
def real():
    return load_corpus(REAL)


@pytest.fixture
def chinese():
    set_lang("zh")
    yield
    set_lang(None)


@pytest.mark.parametrize("terms", [["xx"], ["专栏99"], ["yanfa"]])
def test_errors_without_a_plan_are_chinese(real, chinese, terms):
    with pytest.raises(DeepLinkError) as err:
        resolve(real, terms)
    line = t_line(str(err.value))
    assert line.startswith("plans open：") and "any plan" not in line and "nothing in" not in line, line


@pytest.mark.parametrize("terms", [["hz", "zl4-3"], ["湖州", "zl 4-3"], ["huzhou", "zhuanlan4-3"], ["zl4-3"]])
def test_column_in_pinyin_initials(real, terms):
    target, wanted = resolve(real, terms).node, resolve(real, ["湖州", "专栏4-3"]).node
    assert target is not None and wanted is not None and target.key == wanted.key


@pytest.mark.parametrize("name", ["研发强度", "研发投入强度"])
def test_the_common_name_of_rd_intensity_opens_its_table(real, name):
    """研发强度 (the catalogue's own note defines it as R&D/GDP) is a name researchers type."""
    target = resolve(real, ["湖州", name])
    wanted = resolve(real, ["湖州", "rd_intensity"]).node
    assert target.node is not None and target.node.kind == "table" and wanted is not None
    assert target.node.key == wanted.key
