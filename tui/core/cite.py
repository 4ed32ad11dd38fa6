"""Text to copy for a node: its printed text and a citation line (no UI imports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.model import HEADING_KINDS, Node, Plan

if TYPE_CHECKING:
    from tui.core.outline import MatterGroup


def section_path(node: Node | MatterGroup) -> list[str]:
    """The headings from the chapter down to this node (the node itself when it is a heading/专栏/table)."""
    parts = [a.label_text for a in node.ancestors() if a.kind in HEADING_KINDS or a.kind == "column"]
    if node.kind in HEADING_KINDS or node.kind in ("column", "table"):
        parts.append(node.label_text)
    return parts


def chinese_date(iso: str) -> str:
    """'2021-07-25' -> '2021年7月25日'; anything else unchanged."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
    return iso


def citation(node: Node | MatterGroup | None, plan: Plan | None = None) -> str:
    """One line: 《plan title》（发文字号，印发日期）› section path."""
    plan = plan or (node.plan if node is not None else None)
    if plan is None:
        return ""
    line = f"《{plan.title}》"
    meta = plan.meta
    date = chinese_date(meta.issue_date or meta.publish_date)
    source = "，".join(p for p in (meta.doc_number, f"{date}印发" if date else "") if p)
    if source:
        line += f"（{source}）"
    if node is not None:
        path = section_path(node)
        if path:
            line += " " + " › ".join(path)
    return "出处：" + line


def plan_text(plan: Plan) -> str:
    return "\n".join(n.full_text() for n in plan.nodes if n.kind != "page")


def copy_text(node: Node | MatterGroup | None, plan: Plan | None = None) -> str:
    """The node's full printed text, a blank line, then the citation line."""
    if node is None:
        if plan is None:
            return ""
        return plan_text(plan) + "\n\n" + citation(None, plan)
    return node.full_text() + "\n\n" + citation(node)
