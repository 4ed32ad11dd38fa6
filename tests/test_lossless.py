"""Every non-whitespace character of every source is in data/plans.yaml, once, in source order."""

from __future__ import annotations

import pytest
from corpora import REAL, ROOT

from tui.core.load import load_corpus
from tui.core.lossless import coverage, printed_stream, squeeze
from tui.core.model import Break, Meta, Node, Plan

SOURCES = ROOT / "data" / "sources"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REAL)


@pytest.mark.parametrize("pid", ["keqiao-2021", "shaoxing-2021", "huzhou-2021", "jiaxing-2016", "haishu-2021"])
def test_stream_equals_source(corpus, pid):
    plan = corpus.plan(pid)
    source = (SOURCES / plan.meta.source).read_text(encoding="utf-8")
    stream = squeeze(printed_stream(plan))
    src = squeeze(source)
    if stream != src:  # show where they part
        at = next((i for i, (a, b) in enumerate(zip(stream, src)) if a != b), min(len(stream), len(src)))
        pytest.fail(f"{pid}: stream and source differ at char {at}: "
                    f"stream …{stream[at - 20:at + 20]}… source …{src[at - 20:at + 20]}…")
    assert coverage(source, plan) == 1.0


def _plan(*nodes: Node) -> Plan:
    return Plan(meta=Meta(id="t", title="t", short="t", region="t"), nodes=list(nodes)).index()


def test_breaks_are_put_back_where_they_stood():
    plan = _plan(Node(kind="section", heading="（一）标题。", children=[
        Node(kind="para", text="甲乙丙丁", breaks=[Break(2, "─ 3 ─")])]))
    assert squeeze(printed_stream(plan)) == "（一）标题。甲乙─3─丙丁"


def test_coverage_sees_a_dropped_or_moved_sentence():
    source = "一、总则\n第一句。\n第二句。\n"
    whole = _plan(Node(kind="chapter", heading="一、总则", children=[
        Node(kind="para", text="第一句。"), Node(kind="para", text="第二句。")]))
    dropped = _plan(Node(kind="chapter", heading="一、总则", children=[Node(kind="para", text="第一句。")]))
    moved = _plan(Node(kind="chapter", heading="一、总则", children=[
        Node(kind="para", text="第二句。"), Node(kind="para", text="第一句。")]))
    assert coverage(source, whole) == 1.0
    assert coverage(source, dropped) < 1.0
    assert coverage(source, moved) < 1.0
