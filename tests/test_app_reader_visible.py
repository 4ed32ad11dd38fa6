"""What the reader actually puts on screen keeps every character of the plan text.

Each document line is cropped to the reader's `scrollable_content_region.width` (exactly what
`Reader.render_line` shows), so text wrapped to a width the vertical scrollbar later covers, a 专栏
title cut to fit its box, or a table cell folded past the edge all fail here.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import REAL
from rich.cells import cell_len
from screen_host import screen_of

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.core.lossless import node_printed
from tui.core.model import HEADING_KINDS, Node, Plan
from tui.screens.main import MainScreen
from widgets.column_detail import ColumnDetail
from widgets.plan_tree import PlanTree
from widgets.reader import Reader

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")

BOX_SIDES = "│"


def squash(text: str) -> str:
    return "".join(text.split())


def visible_lines(reader: Reader) -> list[str]:
    """The plain text of every document line as render_line shows it (scrolled fully left)."""
    width = reader.scrollable_content_region.width
    out = []
    for strip in reader.document_strips():
        cropped = strip.crop(0, width)
        out.append("".join(seg.text for seg in cropped if not seg.control))
    return out


def without_decoration(line: str) -> str:
    """A visible line less the reader's own furniture: box sides and corners, rules."""
    body = line.strip()
    if body and set(body) <= set("─╰╯"):
        return ""  # chapter rule, bottom of a 专栏 box
    if body.startswith("╭─"):
        body = body[2:].rstrip("╮").rstrip("─")
    elif body.startswith(BOX_SIDES) and body.endswith(BOX_SIDES):
        body = body[1:-1]
    return body


def text_pieces(node: Node) -> list[str]:
    """The printed pieces of one node the reader must show, in order (tables: the caption only), page
    furniture included: a node's `breaks` (“─ 14 ─” printed inside its text) at their offsets."""
    kind = node.kind
    if kind == "column":
        return [node.heading or f"专栏{node.number}{node.title}"] + [b.text for b in node.breaks]
    if kind == "table":
        return [node.heading or (node.table.caption if node.table else "")]
    if node.breaks:
        return [node_printed(node)]  # heading and text with the furniture put back where it was printed
    if kind in HEADING_KINDS:
        return [node.heading or node.title, node.text]
    if kind == "entry":
        return [node.text or node.label]
    return [node.heading, node.text]  # para, front, back, page


def test_page_furniture_is_in_the_check():
    """The real data has page numbers inside 绍兴's text (`breaks`): the check above must cover them."""
    corpus = load_corpus(REAL)
    furniture = [(n, b.text) for p in corpus.plans for n in p.walk() for b in n.breaks]
    assert furniture, "no page furniture in the data: nothing to check"
    for node, printed in furniture:
        assert squash(printed) in squash("".join(text_pieces(node)))


def table_chars(node: Node) -> Counter:
    table = node.table
    assert table is not None
    bits: list[str] = [c.printed for c in table.columns]
    for row in table.rows:
        bits += [row.group, row.number, row.printed_name] + [c.printed for c in row.cells]
    bits += [n.printed for n in table.notes]
    if not (table.columns and table.rows):
        bits = list(table.lines)
    return Counter(squash("".join(bits)))


def check_plan(reader: Reader, plan: Plan, size: tuple[int, int]) -> None:
    lines = visible_lines(reader)
    seen = squash("".join(without_decoration(line) for line in lines))
    pos = 0
    for node in plan.walk():
        for piece in text_pieces(node):
            piece = squash(piece)
            if not piece:
                continue
            found = seen.find(piece, pos)
            assert found >= 0, f"{plan.id} at {size}: {node.kind} {node.key} not fully visible: {piece[:40]}…"
            pos = found + len(piece)
        if node.kind == "table" and node.table is not None:
            block = reader.block_for(node)
            assert block is not None
            shown = Counter(squash("".join(lines[block.start:block.end])))
            missing = table_chars(node) - shown
            assert not missing, f"{plan.id} at {size}: table {node.key} lost {''.join(missing.elements())[:40]}"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_character_of_every_plan_reaches_the_screen(size):
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        reader = screen.query_one(Reader)
        tree = screen.query_one(PlanTree)
        check_plan(reader, app.corpus.plans[0], size)  # as first drawn at start-up
        for plan in app.corpus.plans:
            # from a short page (a region row: no scrollbar) to a whole plan (the scrollbar appears)
            region = tree._plan_nodes[plan.id].parent
            tree.move_cursor(region)
            await pilot.pause()
            assert screen.current is None and not reader.thumb_shown
            # the header names the region shown, not the plan shown before it
            assert region is not None and region.data is not None and region.data.region is not None
            assert screen.sub_title == region.data.region.name
            tree.move_cursor(tree._plan_nodes[plan.id])
            await pilot.pause()
            assert screen.current is plan and reader.thumb_shown
            check_plan(reader, plan, size)


@pytest.mark.parametrize("size", [(120, 40)])  # the side pane: narrower than the pane stacked at 80×24
async def test_every_column_entry_reaches_the_detail_pane(size):
    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = screen_of(app, MainScreen)
        if screen.has_class("-narrow"):
            await pilot.press("d")  # stacked under the reader at 80 columns
        detail = screen.query_one(ColumnDetail)
        for plan in app.corpus.plans:
            for column in plan.columns():
                detail.show(column)
                await pilot.pause()
                inside = detail.scrollable_content_region
                seen = detail.plain_lines()  # every line, the scrolled-away ones too
                assert all(cell_len(line) <= inside.width for line in seen)
                seen_text = squash("".join(seen))
                pos = 0
                for piece in [column.heading] + [e.text or e.label for e in column.children]:
                    piece = squash(piece)
                    found = seen_text.find(piece, pos)
                    assert found >= 0, f"{column.key} at {size}: not fully in the detail pane: {piece[:30]}"
                    pos = found + len(piece)
