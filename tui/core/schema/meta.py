"""The checks of a plan's metadata (``plans[].meta``): identity, region, period, dates, source."""

from __future__ import annotations

import datetime as _dt
from dataclasses import fields

from tui.core import model
from tui.core.schema.rules import CN_DIGITS, ISO_DATE, LEVELS, PERIOD_NAME, SLUG, YEAR_MAX, YEAR_MIN
from tui.core.schema.values import Fields, Path_, show, type_name
from tui.core.yamlpos import BadScalar


class MetaChecks(Fields):
    def meta(self, m: dict, path: Path_) -> str | None:
        known = {f.name for f in fields(model.Meta)}
        self.unknown(m, known, path)
        pid = self.string(m, "id", path, required=True)
        if pid is not None and not SLUG.match(pid):
            self.add(path + ("id",), f"{show(pid)} is not slug form (lower-case letters, digits and '-', e.g. keqiao-2021)")
            pid = None if not pid.strip() else pid
        for key in ("title", "short", "region"):
            self.string(m, key, path, required=True)
        for key in ("province", "period_name", "issuer", "doc_number", "source"):
            self.string(m, key, path)
        parent = self.string(m, "parent_region", path)
        level = m.get("level")
        if "level" not in m:
            self.add(path + ("level",), f"missing (one of {', '.join(LEVELS)})")
        elif level not in LEVELS:
            self.add(path + ("level",), f"expected one of {', '.join(LEVELS)}, got {show(level)}")
        elif level == "district" and not parent:
            if "parent_region" not in m:
                self.add(path + ("parent_region",), "missing: a district plan names its parent region (e.g. 绍兴市)")
            elif parent is not None:
                self.add(path + ("parent_region",), "empty: a district plan names its parent region (e.g. 绍兴市)")
        start = self.year(m, "period_start", path, required=True)
        end = self.year(m, "period_end", path, required=True)
        if start is not None and end is not None:
            if start > end:
                self.add(path + ("period_end",), f"period_end {end} is before period_start {start}")
            elif end - start > 15:
                self.add(path + ("period_end",), f"implausible period {start}–{end} (more than 15 years)")
        name = m.get("period_name")
        if isinstance(name, str) and name and start is not None:
            match = PERIOD_NAME.match(name)
            if match is None:
                self.add(path + ("period_name",), f"{show(name)} is not a five-year plan name such as 十四五")
            else:
                n = (10 if match.group(1) else 0) + CN_DIGITS.get(match.group(2), 0)
                expected = 1966 + 5 * (n - 3) if n >= 3 else None
                if expected is not None and start != expected:
                    self.add(path + ("period_start",),
                             f"{start} does not fit period_name {name} (which starts in {expected})")
        vision = self.year(m, "vision_year", path, nullable=True)
        if vision is not None and end is not None and vision < end:
            self.add(path + ("vision_year",), f"vision_year {vision} is before period_end {end}")
        for key in ("issue_date", "publish_date"):
            self.date(m, key, path)
        url = self.string(m, "url", path)
        if url and not url.startswith(("http://", "https://")):
            self.add(path + ("url",), f"{show(url)} is not an http(s) address")
        source = m.get("source")
        if isinstance(source, str) and ("/" in source or "\\" in source):
            self.add(path + ("source",), f"{show(source)}: expected a file name in data/sources/, not a path")
        return pid

    def date(self, m: dict, key: str, path: Path_) -> None:
        if key not in m:
            return
        v = m[key]
        if isinstance(v, BadScalar):
            self.add(path + (key,), f"{show(v)} is {v.what}")
            return
        if not isinstance(v, str):
            self.add(path + (key,), f"expected an ISO date string 'YYYY-MM-DD', got {type_name(v)}")
            return
        if not v:
            return
        if not ISO_DATE.match(v):
            self.add(path + (key,), f"{show(v)} is not an ISO date YYYY-MM-DD")
            return
        try:
            d = _dt.date.fromisoformat(v)
        except ValueError:
            self.add(path + (key,), f"{show(v)} is not a real date")
            return
        if not YEAR_MIN <= d.year <= YEAR_MAX:
            self.add(path + (key,), f"implausible year in {show(v)}")

