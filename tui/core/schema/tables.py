"""The checks of an indicator table (``table:`` of a table node): columns and their roles, rows,
cells (printed text, a finite value or a text), notes."""

from __future__ import annotations

from typing import Any

from tui.core.schema.rules import LABEL_ROLES, ROLES, TABLE_KINDS
from tui.core.schema.values import Fields, Path_, finite, is_num, show, type_name


class TableChecks(Fields):
    def table(self, t: dict, path: Path_) -> None:
        self.unknown(t, ("number", "caption", "kind", "columns", "rows", "notes", "lines"), path)
        self.string(t, "number", path)
        self.string(t, "caption", path)
        if "kind" in t and t["kind"] not in TABLE_KINDS:
            self.add(path + ("kind",), f"expected one of {', '.join(TABLE_KINDS)}, got {show(t['kind'])}")
        values = None
        columns = t.get("columns")
        if "columns" not in t:
            self.add(path + ("columns",), "missing")
        elif not isinstance(columns, list):
            self.add(path + ("columns",), f"expected a list of columns, got {type_name(columns)}")
        elif not columns:
            self.add(path + ("columns",), "empty: a table has columns")
        else:
            values = self.columns(columns, path + ("columns",))
        rows = t.get("rows", [])
        if not isinstance(rows, list):
            self.add(path + ("rows",), f"expected a list of rows, got {type_name(rows)}")
        else:
            for i, row in enumerate(rows):
                self.row(row, path + ("rows", i), values)
        notes = t.get("notes", [])
        if not isinstance(notes, list):
            self.add(path + ("notes",), f"expected a list of notes, got {type_name(notes)}")
        else:
            for i, note in enumerate(notes):
                self.note(note, path + ("notes", i))
        lines = t.get("lines")
        if "lines" not in t:
            self.add(path + ("lines",), "missing: a table keeps its lines as printed")
        elif not isinstance(lines, list) or not lines:
            self.add(path + ("lines",), f"expected a non-empty list of printed lines, got {type_name(lines)}")
        else:
            self.str_list(t, "lines", path)

    def columns(self, columns: list, path: Path_) -> int | None:
        ok = True
        roles: list[str] = []
        for i, c in enumerate(columns):
            cpath = path + (i,)
            if not self.mapping(c, cpath, "a column"):
                ok = False
                continue
            self.unknown(c, ("printed", "role", "year"), cpath)
            self.string(c, "printed", cpath, required=True)
            role = c.get("role", "other")
            if role not in ROLES:
                self.add(cpath + ("role",), f"unknown role {show(role)} (expected one of {', '.join(ROLES)})")
                ok = False
            else:
                roles.append(role)
            self.year(c, "year", cpath, nullable=True)
        if not ok:
            return None
        if roles.count("name") != 1:
            self.add(path, f"expected exactly one column with role 'name', found {roles.count('name')}")
        if roles.count("number") > 1:
            self.add(path, f"expected at most one column with role 'number', found {roles.count('number')}")
        return sum(1 for r in roles if r not in LABEL_ROLES)

    def row(self, r: Any, path: Path_, values: int | None) -> None:
        if not self.mapping(r, path, "a row"):
            return
        self.unknown(r, ("number", "printed_name", "name", "unit", "markers", "group", "cells"), path)
        self.string(r, "number", path)
        self.string(r, "printed_name", path, required=True)
        self.string(r, "name", path, required=True)
        self.string(r, "unit", path)
        self.string(r, "group", path)
        self.str_list(r, "markers", path)
        cells = r.get("cells", [])
        if not isinstance(cells, list):
            self.add(path + ("cells",), f"expected a list of cells, got {type_name(cells)}")
            return
        if values is not None and len(cells) != values:
            self.add(path + ("cells",), f"{len(cells)} cells but the table has {values} value columns")
        for i, c in enumerate(cells):
            self.cell(c, path + ("cells", i))

    def cell(self, c: Any, path: Path_) -> None:
        if not self.mapping(c, path, "a cell"):
            return
        self.unknown(c, ("printed", "value", "qualifier", "estimated", "markers", "text"), path)
        self.string(c, "printed", path, required=True)
        self.string(c, "qualifier", path)
        text = self.string(c, "text", path)
        self.boolean(c, "estimated", path)
        self.str_list(c, "markers", path)
        if "value" in c:
            v = c["value"]
            if v is None:
                pass
            elif not is_num(v):
                self.add(path + ("value",), f"expected a number, got {type_name(v)} {show(v)}")
            elif not finite(v):
                self.add(path + ("value",), f"expected a finite number, got {type_name(v)} {show(v)}")
        if c.get("value") is None and not text and isinstance(c.get("printed"), str) and c["printed"].strip():
            self.add(path, f"cell {show(c['printed'])} has neither a value nor a text")

    def note(self, n: Any, path: Path_) -> None:
        if not self.mapping(n, path, "a note"):
            return
        self.unknown(n, ("printed", "markers"), path)
        self.string(n, "printed", path, required=True)
        markers = n.get("markers", {})
        if not isinstance(markers, dict):
            self.add(path + ("markers",), f"expected a mapping marker -> meaning, got {type_name(markers)}")
            return
        for k, v in markers.items():
            if not isinstance(k, str) or not k or not isinstance(v, str) or not v:
                self.add(path + ("markers", k if isinstance(k, str) else str(k)),
                         f"expected marker -> meaning strings, got {show(k)}: {show(v)}")


