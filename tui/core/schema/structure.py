"""The walk over a plans file: the top level, plans, and the node tree (kinds, their fields, where
each may stand, breaks); a plan's metadata and tables are checked by `MetaChecks` and
`TableChecks`, which `Checker` combines."""

from __future__ import annotations

from typing import Any

from tui.core.model import HEADING_KINDS, KINDS
from tui.core.schema.meta import MetaChecks
from tui.core.schema.rules import ALLOWED, EXTRA_NODE_FIELDS, NODE_FIELDS, RANK, REQUIRED, VERSION
from tui.core.schema.tables import TableChecks
from tui.core.schema.values import Path_, article, is_int, show, type_name


class Checker(MetaChecks, TableChecks):
    """Every problem of a plans file's plain data, in file order (`problems`, `more` past the limit)."""

    def __init__(self, limit: int | None = None) -> None:
        super().__init__(limit)
        self.active: set[int] = set()  # ids of the nodes being checked, to catch loops in hand-built data

    def corpus(self, data: Any) -> None:
        if not isinstance(data, dict):
            self.add((), f"expected a mapping with 'version' and 'plans', got {type_name(data)}")
            return
        self.unknown(data, ("version", "plans"), ())
        if "version" not in data:
            self.add(("version",), "missing")
        elif not is_int(data["version"]):
            self.add(("version",), f"expected an integer, got {type_name(data['version'])} {show(data['version'])}")
        elif data["version"] != VERSION:
            self.add(("version",), f"unsupported version {show(data['version'])} (this program reads version {VERSION})")
        plans = data.get("plans")
        if "plans" not in data:
            self.add(("plans",), "missing")
            return
        if not isinstance(plans, list):
            self.add(("plans",), f"expected a list of plans, got {type_name(plans)}")
            return
        if not plans:
            self.add(("plans",), "empty: no plans")
        seen: dict[str, int] = {}
        for i, plan in enumerate(plans):
            pid = self.plan(plan, ("plans", i))
            if pid is None:
                continue
            if pid in seen:
                self.add(("plans", i, "meta", "id"), f"duplicate plan id {show(pid)} (also plans[{seen[pid]}])")
            else:
                seen[pid] = i

    def plan(self, plan: Any, path: Path_) -> str | None:
        if not self.mapping(plan, path, "a plan"):
            return None
        self.unknown(plan, ("meta", "nodes"), path)
        pid = None
        if "meta" not in plan:
            self.add(path + ("meta",), "missing")
        elif self.mapping(plan["meta"], path + ("meta",), "the plan's metadata"):
            pid = self.meta(plan["meta"], path + ("meta",))
        if "nodes" not in plan:
            self.add(path + ("nodes",), "missing")
        elif not isinstance(plan["nodes"], list):
            self.add(path + ("nodes",), f"expected a list of nodes, got {type_name(plan['nodes'])}")
        elif not plan["nodes"]:
            self.add(path + ("nodes",), "empty: a plan has at least one node")
        else:
            self.nodes(plan["nodes"], path + ("nodes",), None)
        return pid

    def nodes(self, nodes: list, path: Path_, parent_kind: str | None) -> None:
        for i, node in enumerate(nodes):
            self.node(node, path + (i,), parent_kind)

    def node(self, n: Any, path: Path_, parent_kind: str | None) -> None:
        if not self.mapping(n, path, "a node"):
            return
        if "kind" not in n:
            self.add(path + ("kind",), f"missing (one of {', '.join(KINDS)})")
            return
        kind = n["kind"]
        if not isinstance(kind, str) or kind not in KINDS:
            self.add(path + ("kind",), f"unknown kind {show(kind)} (expected one of {', '.join(KINDS)})")
            return
        self.unknown(n, NODE_FIELDS, path)
        for key in n:
            if key in NODE_FIELDS and key not in ALLOWED[kind]:
                self.add(path + (key,), f"'{key}' has no meaning on {article(kind)} node")
        for key in ("heading", "number", "title", "text", "label", "end"):
            if key in n and key in ALLOWED[kind]:
                self.string(n, key, path, required=key in REQUIRED[kind])
            elif key in REQUIRED[kind]:
                self.add(path + (key,), f"missing: {article(kind)} node has a {key}")
        self._extra_node_fields(n, path)
        self.placement(kind, parent_kind, path)
        if "breaks" in n and "breaks" in ALLOWED[kind]:
            self.breaks(n, path)
        if kind == "table":
            if "table" not in n:
                self.add(path + ("table",), "missing: a table node holds its table")
            elif self.mapping(n["table"], path + ("table",), "a table"):
                self.table(n["table"], path + ("table",))
        if "children" in n and "children" in ALLOWED[kind]:
            children = n["children"]
            if not isinstance(children, list):
                self.add(path + ("children",), f"expected a list of nodes, got {type_name(children)}")
            elif id(n) in self.active:
                self.add(path, "a node that contains itself")
            else:
                self.active.add(id(n))
                self.nodes(children, path + ("children",), kind)
                self.active.discard(id(n))
        if kind == "column" and not n.get("children"):
            self.add(path + ("children",), "missing: a 专栏 has at least one entry")

    def _extra_node_fields(self, n: dict, path: Path_) -> None:
        """Fields added to model.Node after this schema was written: check their type by the default."""
        for key in EXTRA_NODE_FIELDS:
            if key in n:
                default = EXTRA_NODE_FIELDS[key]
                if default is not None and not isinstance(n[key], type(default)):
                    self.add(path + (key,), f"expected {type_name(default)}, got {type_name(n[key])}")

    def placement(self, kind: str, parent: str | None, path: Path_) -> None:
        where = f"inside {article(parent)} node" if parent else "at the top level"
        if kind in ("entry", "header"):
            if parent != "column":
                self.add(path + ("kind",), f"{article(kind)} belongs inside a 专栏 (column), not {where}")
        elif parent == "column" and kind != "page":
            self.add(path + ("kind",), f"a 专栏 (column) holds only entries (and page furniture), not {article(kind)} node")
        elif kind in ("front", "back"):
            if parent is not None:
                self.add(path + ("kind",), f"{kind} matter belongs at the top level, not {where}")
        elif kind in HEADING_KINDS and parent in HEADING_KINDS:
            if RANK[kind] <= RANK[parent]:
                self.add(path + ("kind",), f"{article(kind)} cannot stand inside {article(parent)}")
        if kind == "subsection" and parent != "section":
            self.add(path + ("kind",), f"a subsection belongs inside a section, not {where}")

    def breaks(self, n: dict, path: Path_) -> None:
        breaks = n["breaks"]
        bpath = path + ("breaks",)
        if not isinstance(breaks, list):
            self.add(bpath, f"expected a list of [offset, text] pairs, got {type_name(breaks)}")
            return
        size = len(n.get("heading", "") or "") + len(n.get("text", "") or "")
        last = -1
        for i, b in enumerate(breaks):
            if not isinstance(b, list) or len(b) != 2:
                self.add(bpath + (i,), f"expected an [offset, text] pair, got {show(b)}")
                continue
            at, text = b
            if not is_int(at):
                self.add(bpath + (i,), f"offset: expected an integer, got {type_name(at)} {show(at)}")
            elif not 0 <= at <= size:
                self.add(bpath + (i,), f"offset {at} is outside the node's text (0–{size})")
            elif at < last:
                self.add(bpath + (i,), f"offset {at} comes before the previous break's {last}")
            else:
                last = at
            if not isinstance(text, str) or not text:
                self.add(bpath + (i,), f"text: expected a non-empty string, got {type_name(text)} {show(text)}")

