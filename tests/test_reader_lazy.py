"""The lazy reader shows exactly what the eager one did, for every node of every plan.

The reference is the old builder (`tests/reader_eager.py`: the whole document wrapped and styled at
once). For every target the browser can show (each plan, and for every node its outline node with
the node as focus) the lazy reader's lines — segments and styles — equal the reference's, at two
widths; scrolling through page by page with `render_line` shows the same; blocks and query
matches (count and line of each) agree. A giant paragraph costs one screen, not its length.
"""

from __future__ import annotations

import pytest
from conftest import MINI, REAL
from reader_eager import EagerBuilder
from textual.geometry import Region

from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.core.model import Corpus, Node, Plan
from tui.core.outline import MatterGroup, outline_node
from widgets.reader import Reader
from widgets.reader_document import Document
from widgets.reader_pieces import GIANT, Para, query_terms

DATA = REAL if REAL.exists() else MINI


def eager(reader: Reader, target, query: str = "", focus: Node | None = None, current: int = 0) -> EagerBuilder:
    terms = query_terms(query)
    builder = EagerBuilder(reader, reader._content_width(), terms, current if terms else -1, focus)
    builder.document(target)
    return builder


def segments(strips) -> list[list[tuple[str, object]]]:
    return [[(seg.text, seg.style) for seg in strip] for strip in strips]


def targets(corpus: Corpus, every: bool = True):
    """(target, focus) as `MainScreen.go_to` shows them: every plan, and every node's outline node
    (once without focus, once with the last node inside it that `go_to` would focus)."""
    for plan in corpus.plans:
        yield plan, None
        if not every:
            continue
        shown_at: dict[int, tuple[Node | MatterGroup, Node | None]] = {}
        for node in plan.walk():
            shown = outline_node(node)
            first = shown_at.setdefault(id(shown), (shown, None))
            if shown is not node:
                shown_at[id(shown)] = (first[0], node)
        for shown, focus in shown_at.values():
            yield shown, None
            if focus is not None:
                yield shown, focus


def shown_lines(reader: Reader) -> list[str]:
    region = reader.scrollable_content_region
    left = region.x - reader.region.x  # the padding
    top = region.y - reader.region.y
    strips = reader.render_lines(Region(0, 0, reader.size.width, reader.size.height))
    lines = ["".join(s.text for s in strip if not s.control) for strip in strips][top: top + region.height]
    return [line[left: left + region.width] for line in lines]


@pytest.mark.parametrize("size, every", [((80, 24), True), ((200, 50), False)])
async def test_every_node_of_every_plan_renders_as_the_eager_reader_did(size, every):
    corpus = load_corpus(DATA)
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        checked = 0
        for target, focus in targets(corpus, every):
            reader.show(target, focus=focus)
            ref = eager(reader, target, focus=focus)
            got = reader.document_strips()
            assert segments(got) == segments(ref.strips), f"{getattr(target, 'key', target)} at {size}"
            nodes = [b.node for b in ref.blocks if b.node is not None]
            for block in ref.blocks:
                if block.node is not None and nodes.count(block.node) == 1:
                    mine = reader.block_for(block.node)
                    assert mine is not None and (mine.start, mine.end) == (block.start, block.end), block.node.key
            checked += 1
        assert checked > len(corpus.plans) if every else checked == len(corpus.plans)


async def test_scrolling_through_shows_the_eager_lines():
    """Page by page through every plan with render_line, from a fresh layout (counts of the pieces
    not yet on screen still estimated): every page is the eager reader's lines at some place, in
    order, from its first line to its last."""
    corpus = load_corpus(DATA)
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        reader.focus()
        width = reader.scrollable_content_region.width
        for plan in corpus.plans:
            reader.show(plan)
            await pilot.pause()
            ref = ["".join(seg.text for seg in strip)[:width] for strip in eager(reader, plan).strips]
            joined = "\n".join(ref)
            at = 0
            page = shown_lines(reader)
            assert page == ref[: len(page)], plan.id
            for _ in range(len(ref)):
                if reader.scroll_y >= reader.max_scroll_y:
                    await pilot.pause()  # rendering may have made line counts exact: the end may have moved
                    if reader.scroll_y >= reader.max_scroll_y:
                        break
                reader.action_page_down()  # the pagedown key's action, without waiting for a frame per page
                page = [line for line in shown_lines(reader)]
                while page and not page[-1].strip():
                    page.pop()  # past the end: blank
                found = joined.find("\n".join(page), at)
                assert found >= at, (plan.id, reader.scroll_y, page[:3])
                at = found
            assert ref[-2].strip() in [line.strip() for line in shown_lines(reader)], plan.id


@pytest.mark.parametrize("query", ["科技", "zhongdian"])
async def test_matches_count_lines_and_current_highlight_agree(query):
    corpus = load_corpus(DATA)
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        for plan in corpus.plans:
            reader.show(plan, query=query)
            ref = eager(reader, plan, query=query)
            assert reader.match_count == len(ref.match_lines), plan.id
            reader.document_strips()  # every piece wrapped: line numbers exact, as the eager ones
            for k in {0, 1, len(ref.match_lines) // 2, len(ref.match_lines) - 1}:
                if not 0 <= k < len(ref.match_lines):
                    continue
                assert reader._match_line(k) == ref.match_lines[k], (plan.id, k)
            if ref.match_lines and plan is corpus.plans[0]:
                reader.match_index = min(2, len(ref.match_lines) - 1)
                ref = eager(reader, plan, query=query, current=reader.match_index)
                assert segments(reader.document_strips()) == segments(ref.strips), plan.id


async def test_next_match_moves_the_current_highlight_and_the_view():
    corpus = load_corpus(DATA)
    plan = corpus.plans[0]
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        reader.show(plan, query="科技")
        await pilot.pause()
        total = reader.match_count
        assert total > 3
        for _ in range(3):
            assert reader.next_match(-1)
            await pilot.pause()
        assert reader.match_index == total - 3
        line = reader._match_line(reader.match_index)
        top = int(reader.scroll_y)
        assert top <= line < top + reader.scrollable_content_region.height


def giant_corpus(chars: int) -> Corpus:
    corpus = load_corpus(MINI)
    plan = corpus.plans[0]
    para = next(n for n in plan.walk() if n.kind == "para")
    sentence = "推进科技创新，建设重点实验室，R&D经费投入增长2.8%。"
    para.text = (sentence * (chars // len(sentence) + 1))[:chars]
    return corpus


def test_a_giant_paragraph_is_cut_into_pieces_keeping_every_character():
    corpus = giant_corpus(GIANT * 5)
    para = next(n for n in corpus.plans[0].walk() if n.kind == "para")
    doc = Document(corpus.plans[0])
    chunks = [p for p in doc.pieces if isinstance(p, Para) and p.src is para.text]
    assert len(chunks) > 5
    assert "".join(para.text[p.lo:p.hi] for p in chunks) == para.text  # cut at sentence ends: nothing lost
    assert all(para.text[p.hi - 1] == "。" for p in chunks[:-1])


async def test_a_giant_paragraph_shows_at_once_and_quits_at_once(monkeypatch):
    """Two million characters in one paragraph: showing the plan wraps only what is on screen; the
    rest is wrapped in idle slices while `q` still works."""
    import widgets.reader as reader_module

    # idle wrapping waits while we look at what showing alone wrapped (a loaded machine's pauses are long)
    monkeypatch.setattr(reader_module, "REFINE_DELAY", 30.0)
    corpus = giant_corpus(2_000_000)
    plan = corpus.plans[0]
    para = next(n for n in plan.walk() if n.kind == "para")
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.screen.query_one(Reader)
        reader.show(plan, focus=para)
        await pilot.pause()
        layout = reader._layout()
        assert not layout.complete  # not all wrapped …
        assert sum(layout.exact) < 50  # … only the pieces on screen
        assert any("推进科技创新" in line for line in shown_lines(reader))
        assert reader.line_count > 2_000_000 * 2 // 80 // 2  # the scroll area is sized by estimate
        await pilot.press("G")
        assert any("。" in line or "，" in line for line in shown_lines(reader))
        monkeypatch.setattr(reader_module, "REFINE_DELAY", 0.0)
        await pilot.resize_terminal(81, 24)  # a new width: the rest is wrapped again, in idle slices …
        await pilot.pause()
        await pilot.press("q")  # … and q quits while they run
    assert app.return_code == 0 or app.return_code is None


def test_the_document_is_built_without_wrapping():
    corpus = load_corpus(DATA)
    for plan in corpus.plans:
        doc = Document(plan)
        assert all(not getattr(p, "_counts", None) for p in doc.pieces)
        assert isinstance(doc.target, (Plan, Node, MatterGroup))


async def test_a_resize_keeps_the_same_node_at_the_top():
    corpus = load_corpus(DATA)
    plan = corpus.plans[0]
    node = [n for n in plan.walk() if n.kind == "section"][3]
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        reader.show(plan)
        reader.scroll_to_node(node)
        await pilot.pause()
        assert node.parent is not None
        assert reader.top_node() is node.parent or reader.top_node() is node or reader.top_node() in node.parent.children
        before = reader.top_node()
        for size in ((90, 30), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert reader.top_node() is before, size
