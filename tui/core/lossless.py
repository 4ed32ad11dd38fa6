"""The lossless check: a plan's nodes, walked in order, give back every printed character of its source.

`printed_stream(plan)` joins each node's printed pieces in tree order: its heading and text (with page
furniture `breaks` put back at their offsets), a table's source lines, a page node's text.
`coverage(source_text, plan)` is the fraction of the source's non-whitespace characters that the stream
matches in order (1.0 when nothing is dropped, duplicated or moved)."""

from __future__ import annotations

from difflib import SequenceMatcher

from tui.core.model import Node, Plan


def node_printed(node: Node) -> str:
    """This node's own printed text (not its children's), breaks re-inserted."""
    if node.table is not None:
        return "\n".join(node.table.lines)
    own = node.heading + node.text
    if not node.breaks:
        return own
    out: list[str] = []
    at = 0
    for brk in sorted(node.breaks, key=lambda b: b.at):
        cut = min(max(brk.at, at), len(own))
        out.append(own[at:cut])
        out.append(brk.text)
        at = cut
    out.append(own[at:])
    return "".join(out)


def printed_stream(plan: Plan) -> str:
    return "\n".join(node_printed(node) for node in plan.walk())


def squeeze(text: str) -> str:
    """Text with every whitespace character (spaces, tabs, newlines, NBSP, ideographic space) removed."""
    return "".join(ch for ch in text if not ch.isspace())


def coverage(source_text: str, plan: Plan) -> float:
    src = squeeze(source_text)
    out = squeeze(printed_stream(plan))
    if not src:
        return 1.0
    if src == out:
        return 1.0
    matcher = SequenceMatcher(None, src, out, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(src)
