"""What the tree shows and the order the reader moves in (no UI imports).

- `region_groups(corpus)`: province › city › district grouping of the plans. A city with no plan of its
  own (宁波市 for 海曙区) is still a grouping node.
- `OUTLINE_KINDS`: node kinds that get their own tree node (headings, 专栏, tables).
- `MatterGroup`: a run of front matter (covering notice, page chrome) or back matter (抄送 …) nodes,
  shown as ONE tree node whose text is all their lines; `outline_children` makes them.
- `next_node` / `prev_node`: document-order moves to the next heading or 专栏 of a plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from tui.core.model import HEADING_KINDS, Corpus, Node, Plan
from tui.core.record import Slotted

OUTLINE_KINDS = ("chapter", "section", "subsection", "item", "column", "table")
MATTER_KINDS = ("front", "back")
SECTION_KINDS = ("chapter", "section", "subsection")
NOTICE_WORDS = ("通知", "印发")


class MatterGroup:
    """Consecutive front (or back) matter nodes of one parent, standing in the outline as one node.

    It answers the parts of the `Node` interface the browser uses (kind, plan, key, label_text,
    breadcrumb, ancestors, walk, full_text, children), so it can be shown, copied and bookmarked
    like a node. Its key is its first node's key (so history and bookmarks survive a reload).
    """

    def __init__(self, kind: str, nodes: list[Node]) -> None:
        self.kind = kind
        self.nodes = nodes
        self.children: list[Node] = []  # nothing below it in the tree: its lines are its text
        self.plan = nodes[0].plan
        self.parent = nodes[0].parent

    def __repr__(self) -> str:
        return f"MatterGroup({self.kind!r}, {len(self.nodes)} nodes, {self.key})"

    @property
    def key(self) -> str:
        return self.nodes[0].key

    @property
    def title(self) -> str:
        if self.kind == "front":
            notice = any(w in (n.heading + n.text) for n in self.nodes for w in NOTICE_WORDS)
            return "印发通知" if notice else "卷首"
        return "抄送" if any("抄送" in n.text for n in self.nodes) else "文末"

    @property
    def label_text(self) -> str:
        return f"{self.title}（{len(self.nodes)} 行）" if len(self.nodes) > 1 else self.title

    def ancestors(self) -> list[Node]:
        return self.nodes[0].ancestors()

    def breadcrumb(self) -> list[str]:
        parts = [self.plan.short if self.plan else ""] + [a.label_text for a in self.ancestors()]
        return [p for p in parts + [self.title] if p]

    def walk(self) -> Iterator[Node]:
        for node in self.nodes:
            yield from node.walk()

    def full_text(self) -> str:
        return "\n".join(n.full_text() for n in self.nodes)


_GROUPS: dict[int, tuple[list[Node], list[Node | MatterGroup]]] = {}


def outline_children(nodes: list[Node]) -> list[Node | MatterGroup]:
    """The tree children of a plan (or node): outline kinds, each run of front/back matter as one group.

    The same group objects are returned for the same `nodes` list every time (they are kept, with
    the list, for the life of the process: only a plan's top level has them).
    """
    cached = _GROUPS.get(id(nodes))
    if cached is not None and cached[0] is nodes:
        return cached[1]
    out: list[Node | MatterGroup] = []
    run: list[Node] = []
    for node in nodes:
        if run and node.kind != run[0].kind:
            out.append(MatterGroup(run[0].kind, run))
            run = []
        if node.kind in MATTER_KINDS:
            run.append(node)
        elif node.kind in OUTLINE_KINDS:
            out.append(node)
    if run:
        out.append(MatterGroup(run[0].kind, run))
    if any(isinstance(item, MatterGroup) for item in out):  # groups must keep their identity
        _GROUPS[id(nodes)] = (nodes, out)
    return out


def matter_group(node: Node) -> MatterGroup | None:
    """The group a front/back matter node belongs to."""
    siblings = node.parent.children if node.parent is not None else (node.plan.nodes if node.plan else [node])
    for item in outline_children(siblings):
        if isinstance(item, MatterGroup) and any(n is node for n in item.nodes):
            return item
    return None


class Region(Slotted):
    __slots__ = ("name", "level", "plans", "children")

    def __init__(self, name: str, level: str, plans: list[Plan] | None = None,
                 children: list[Region] | None = None) -> None:
        self.name = name
        self.level = level  # province | city | district
        self.plans: list[Plan] = [] if plans is None else plans
        self.children: list[Region] = [] if children is None else children

    def walk(self) -> Iterator[Region]:
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


def has_outline_children(node: Node | MatterGroup) -> bool:
    return any(c.kind in OUTLINE_KINDS or c.kind in MATTER_KINDS for c in node.children)


def outline_node(node: Node | MatterGroup) -> Node | MatterGroup:
    """The nearest node (itself, its matter group or an ancestor) that has its own tree node."""
    if isinstance(node, MatterGroup):
        return node
    current: Node | None = node
    while current is not None:
        if current.kind in OUTLINE_KINDS:
            return current
        if current.kind in MATTER_KINDS:
            return matter_group(current) or current
        current = current.parent
    return node


def _ordered(plan: Plan, kinds: tuple[str, ...], matter: bool = False) -> list[Node]:
    """Nodes of these kinds in document order; with matter, also the first node of each front/back
    matter group (the group is one stop, as it is one row of the tree)."""
    out = []
    for n in plan.walk():
        if n.kind in kinds:
            out.append(n)
        elif matter and n.kind in MATTER_KINDS:
            group = matter_group(n)
            if group is None or group.nodes[0] is n:
                out.append(n)
    return out


def next_node(plan: Plan, current: Node | None, kinds: tuple[str, ...], step: int = 1,
              matter: bool = False) -> Node | None:
    """The next (step=1) or previous (step=-1) node of these kinds in document order, or None.

    With no current node (the plan itself) the first (or last) one is returned. With matter, the
    front and back matter groups are stops too (so `]` reaches the 抄送 after the last section and
    `[` the 印发通知 before the first), except that `]` from the plan itself, whose page already
    shows the front matter, goes to the first section.
    """
    nodes = _ordered(plan, kinds, matter)
    if current is None and step > 0:
        nodes = [n for n in nodes if n.kind != "front"]
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
