"""Build a plan's node tree from its units: front matter, outline, 专栏, tables, back matter.

- Front matter: every line up to and including the plan's title line (the covering notice, 发文字号,
  issuer, date, 此件公开发布, web page chrome) — one ``front`` node a line.
- Back matter: from the first line starting with one of the source's ``back_starts`` (抄送 …) to the end.
- The body: 一、 chapters; （一） and (一) sections — the style a chapter opens with is its section, the other
  style under such a section a subsection; 1． 1. 1、 items; paragraphs; 专栏 (see columns.py); tables.
  A heading that runs on into its body ("（一）指导思想。以习近平…") is split: the heading up to the first
  。 or ：, the rest a ``para`` child. The printed text is partitioned, never repeated.
- A paragraph after an item whose heading ran on belongs to the item's parent (the item was a run-in
  paragraph); a table always belongs to the enclosing section or chapter; a 专栏 to the innermost heading.
"""

from __future__ import annotations

from tui.core.importer.columns import take_column
from tui.core.importer.line_kinds import column_heading, heading_kind, heading_split, split_breaks, title_of
from tui.core.importer.pieces import TableUnit, Unit, cut
from tui.core.importer.sources import Source, SourceError
from tui.core.model import Node, Plan
from tui.core.names import title_form

LEVELS = {"chapter": 1, "section": 2, "subsection": 3, "item": 4}


class _Tree:
    def __init__(self) -> None:
        self.top: list[Node] = []
        self.stack: list[Node] = []  # open headings, outermost first
        self.bracket: dict[int, str] = {}  # id(section node) -> its bracket style
        self.runon: set[int] = set()  # id(item) whose heading line ran on into its body

    def _children(self, parent: Node | None) -> list[Node]:
        return self.top if parent is None else parent.children

    def add(self, node: Node, parent: Node | None) -> None:
        self._children(parent).append(node)

    def pop_to(self, level: int) -> Node | None:
        """Close headings at `level` and deeper; return the innermost one left open."""
        while self.stack and LEVELS[self.stack[-1].kind] >= level:
            self.stack.pop()
        return self.stack[-1] if self.stack else None

    def para_parent(self) -> Node | None:
        """A paragraph after a run-on item closes it (so later 专栏 and paragraphs stay in print order)."""
        if self.stack and self.stack[-1].kind == "item" and id(self.stack[-1]) in self.runon:
            self.stack.pop()
        return self.stack[-1] if self.stack else None

    def table_parent(self) -> Node | None:
        """A table closes any open item and belongs to the enclosing section or chapter."""
        while self.stack and self.stack[-1].kind == "item":
            self.stack.pop()
        return self.stack[-1] if self.stack else None

    def column_parent(self) -> Node | None:
        return self.stack[-1] if self.stack else None

    def heading(self, unit: Unit, kind: str, number: str, prefix: int) -> None:
        if kind == "chapter":
            parent = self.pop_to(1)
            level_kind = "chapter"
        elif kind.startswith("section"):
            style = kind.split("-")[1]
            open_section = next((n for n in reversed(self.stack) if n.kind == "section"), None)
            if open_section is not None and self.bracket.get(id(open_section)) != style:
                parent = self.pop_to(3)
                level_kind = "subsection"
            else:
                parent = self.pop_to(2)
                level_kind = "section"
        else:
            parent = self.pop_to(4)
            level_kind = "item"
        k = heading_split(unit.text, prefix)
        (head, hbreaks), (body, bbreaks) = split_breaks(unit.text, unit.breaks, k)
        node = Node(kind=level_kind, heading=head, number=number, title=title_of(head, prefix), breaks=hbreaks)
        if level_kind in ("section", "subsection"):
            self.bracket[id(node)] = kind.split("-")[1]
        if body:
            node.children.append(Node(kind="para", text=body, breaks=bbreaks))
            if level_kind == "item":
                self.runon.add(id(node))
        self.add(node, parent)
        self.stack.append(node)


def _table_node(piece: TableUnit) -> Node:
    table = piece.table
    heading = table.lines[0].strip() if table.lines else ""
    return Node(kind="table", heading=heading, title=table.caption or heading, table=table)


def build_plan(source: Source) -> Plan:
    pieces = cut(source)
    where = source.text_path
    # front matter: up to and including the title line
    want = title_form(source.meta.title)
    title_at = next((n for n, p in enumerate(pieces) if isinstance(p, Unit) and title_form(p.text) == want), None)
    if title_at is None:
        raise SourceError(f"{where}: no line reads the title '{source.meta.title}' given in "
                          f"{source.meta_path.name} (front matter ends at the title line)")
    # back matter: from the first line starting with a back_starts prefix
    back_at = len(pieces)
    for n in range(title_at + 1, len(pieces)):
        p = pieces[n]
        if isinstance(p, Unit) and any(p.text.startswith(b) for b in source.back_starts):
            back_at = n
            break
    if source.hints.back_starts is not None and back_at == len(pieces):
        raise SourceError(f"{source.meta_path}: hints.back_starts: no line starts with any of "
                          f"{', '.join(source.hints.back_starts)}")
    plan = Plan(meta=source.meta)
    for p in pieces[:title_at + 1]:
        if isinstance(p, TableUnit):
            plan.nodes.append(_table_node(p))
        else:
            plan.nodes.append(Node(kind="page" if p.is_page else "front", text=p.text, breaks=p.breaks))
    tree = _Tree()
    used: set[str] = set()
    i = title_at + 1
    while i < back_at:
        piece = pieces[i]
        if isinstance(piece, TableUnit):
            tree.add(_table_node(piece), tree.table_parent())
            i += 1
            continue
        if piece.is_page:
            tree.add(Node(kind="page", text=piece.text), tree.para_parent())
            i += 1
            continue
        if column_heading(piece.text) is not None:
            column, i = take_column(source, pieces, i, back_at, used)
            tree.add(column, tree.column_parent())
            continue
        kind = heading_kind(piece.text)
        if kind is not None:
            tree.heading(piece, *kind)
        else:
            tree.add(Node(kind="para", text=piece.text, breaks=piece.breaks), tree.para_parent())
        i += 1
    plan.nodes.extend(tree.top)
    for p in pieces[back_at:]:
        if isinstance(p, TableUnit):
            plan.nodes.append(_table_node(p))
        else:
            plan.nodes.append(Node(kind="page" if p.is_page else "back", text=p.text, breaks=p.breaks))
    unused = sorted(set(source.hints.columns) - used)
    if unused:
        raise SourceError(f"{source.meta_path}: hints.columns.{unused[0]}: no 专栏{unused[0]} in {where.name}")
    return plan.index()
