"""Breadcrumbs in search results are cut from the middle (issue 11): the first part (the chapter) and
the last (the 专栏 or heading the hit is in) stay, measured in terminal cells (CJK = 2)."""

from __future__ import annotations

import random

from conftest import REAL
from rich.cells import cell_len
from screen_host import Host, screen_text, wait_for_workers

from tui.core.load import load_corpus
from tui.core.textwidth import ELLIPSIS, cut_middle
from tui.screens.search import SearchScreen
from widgets.search_results import SearchResults

CRUMBS = ["三、创新策源,高质量建设特色优势产业创新引领地", "(三)创新平台提升行动", "2.培育高能级新型研发机构。",
          "专栏9 五大产业技术研究院发展计划"]


def test_middle_parts_give_way_first_then_the_first_part():
    assert cut_middle(CRUMBS, 200) == " › ".join(CRUMBS)
    assert cut_middle(CRUMBS, 100) == f"{CRUMBS[0]} › … › {CRUMBS[-1]}"
    cut = cut_middle(CRUMBS, 60)
    assert cut.startswith("三、创新策源") and cut.endswith(" › … › " + CRUMBS[-1]) and cell_len(cut) <= 60
    # too narrow for any of the first: the last part, cut at its end
    assert cut_middle(CRUMBS, 30) == "… › 专栏9 五大产业技术研究院…"
    assert cut_middle(["一", "二", "三"], 1) == ELLIPSIS and cut_middle([], 10) == ""


def test_later_parts_are_kept_while_they_fit():
    parts = ["第一章很长很长很长很长很长", "第二节", "第三小节", "专栏2 名称"]
    full = cell_len(" › ".join(parts))
    assert cut_middle(parts, full - 1) == "第一章很长很长很长很长很长 › … › 第三小节 › 专栏2 名称"


def test_never_wider_than_asked_and_never_splits_a_character():
    rng = random.Random(11)
    alphabet = "研发经费专栏创新平台AbC 12．、（）"
    for _ in range(3000):
        parts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20))) for _ in range(rng.randint(1, 5))]
        width = rng.randint(1, 90)
        out = cut_middle(parts, width)
        assert cell_len(out) <= width, (parts, width, out)
        if out != " › ".join(parts):
            last_kept = cell_len(parts[0][:1] + ELLIPSIS + " › … › " + parts[-1]) <= width
            if last_kept:
                assert out.endswith(parts[-1]), (parts, width, out)


async def test_result_rows_keep_the_column_name_at_80_columns():
    corpus = load_corpus(REAL)
    app = Host(SearchScreen(corpus))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"@海曙 #条目 yfjf")
        await wait_for_workers(pilot)
        results = app.screen.query_one(SearchResults)
        assert results.hits
        hit = results.hits[0]
        last = hit.unit.crumbs[-1]
        head = results.prompt_at(0).plain.split("\n")[0]
        assert " › … › " in head and head.endswith(last), head
        assert cell_len(head) <= results.row_width()
        assert last in screen_text(app)
