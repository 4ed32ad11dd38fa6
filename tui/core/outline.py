"""What the tree shows and the order the reader moves in (no UI imports).

- `region_groups(corpus)`: province › city › district grouping of the plans. A city with no plan of its
  own (宁波市 for 海曙区) is still a grouping node.
- `OUTLINE_KINDS`: node kinds that get their own tree node (headings, 专栏, tables, front/back matter).
- `next_node` / `prev_node`: document-order moves to the next heading or 专栏 of a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from tui.core.model import HEADING_KINDS, Corpus, Node, Plan

OUTLINE_KINDS = ("front", "chapter", "section", "subsection", "item", "column", "table", "back")
SECTION_KINDS = ("chapter", "section", "subsection")


@dataclass
class Region:
    name: str
    level: str  # province | city | district
    plans: list[Plan] = field(default_factory=list)
    children: list["Region"] = field(default_factory=list)

    def walk(self) -> Iterator["Region"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def plan_count(self) -> int:
        return sum(len(r.plans) for r in self.walk())


def region_groups(corpus: Corpus) -> list[Region]:
    """Provinces, each with its cities (and their districts), in the order plans first name them."""
    provinces: dict[str, Region] = {}
    cities: dict[tuple[str, str], Region] = {}
    districts: dict[tuple[str, str, str], Region] = {}

    def city(province: Region, name: str) -> Region:
        key = (province.name, name)
        if key not in cities:
            cities[key] = Region(name, "city")
            province.children.append(cities[key])
        return cities[key]

    for plan in corpus.plans:
        meta = plan.meta
        pname = meta.province or "（未注明省份）"
        province = provinces.setdefault(pname, Region(pname, "province"))
        if meta.level == "district" and meta.parent_region:
            parent = city(province, meta.parent_region)
            key = (pname, meta.parent_region, meta.region)
            if key not in districts:
                districts[key] = Region(meta.region, "district")
                parent.children.append(districts[key])
            districts[key].plans.append(plan)
        else:
            city(province, meta.region or meta.short).plans.append(plan)
    return list(provinces.values())


def outline_children(nodes: Iterable[Node]) -> list[Node]:
    return [n for n in nodes if n.kind in OUTLINE_KINDS]


def has_outline_children(node: Node) -> bool:
    return any(c.kind in OUTLINE_KINDS for c in node.children)


def outline_node(node: Node) -> Node:
    """The nearest node (itself or an ancestor) that has its own tree node."""
    current: Node | None = node
    while current is not None:
        if current.kind in OUTLINE_KINDS:
            return current
        current = current.parent
    return node


def _ordered(plan: Plan, kinds: tuple[str, ...]) -> list[Node]:
    return [n for n in plan.walk() if n.kind in kinds]


def next_node(plan: Plan, current: Node | None, kinds: tuple[str, ...], step: int = 1) -> Node | None:
    """The next (step=1) or previous (step=-1) node of these kinds in document order, or None.

    With no current node (the plan itself) the first (or last) one is returned.
    """
    nodes = _ordered(plan, kinds)
    if not nodes:
        return None
    if current is None:
        return nodes[0] if step > 0 else nodes[-1]
    # position of current in document order, kinds or not
    order = {id(n): i for i, n in enumerate(plan.walk())}
    here = order.get(id(current), -1)
    if step > 0:
        return next((n for n in nodes if order[id(n)] > here), None)
    return next((n for n in reversed(nodes) if order[id(n)] < here), None)


def heading_path(node: Node) -> list[Node]:
    """Heading ancestors of a node (chapter, section …)."""
    return [a for a in node.ancestors() if a.kind in HEADING_KINDS]
