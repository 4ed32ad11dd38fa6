"""From a file to a plan, in memory: extract, decide the layout, read the metadata, build, check coverage.

`prepare(path, sets)` does everything `plans add` does before writing: nothing here touches
the disk except reading the file. Problems are `AddError` (one line naming the file).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.adder.extract import Extracted, NotAPlan, extract
from tui.core.adder.meta import FIELDS, OPTIONAL, FoundMeta, parse_date, read_meta
from tui.core.importer.layout import Layout, detect
from tui.core.importer.outline import build_plan
from tui.core.importer.pieces import Unit, cut
from tui.core.importer.sources import Hints, Source, SourceError
from tui.core.lossless import coverage
from tui.core.model import Meta, Plan

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SETTABLE = ("id",) + FIELDS + ("url",)
YEAR_FIELDS = ("period_start", "period_end", "vision_year")
LEVELS = ("city", "district")
LEVEL_WORDS = {"市": "city", "city": "city", "区": "district", "县": "district", "district": "district"}


class AddError(ValueError):
    """`plans add` cannot go on. str() is one line naming the file and what is wrong."""


@dataclass
class Prepared:
    path: Path
    extracted: Extracted
    layout: Layout
    found: FoundMeta
    meta: Meta
    plan: Plan
    coverage: float
    sha256: str
    overrides: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.extracted.text

    @property
    def missing(self) -> list[str]:
        return [k for k in FIELDS if getattr(self.meta, k) in ("", None, 0)
                and not (k == "parent_region" and self.meta.level == "city")]


def parse_sets(pairs: list[str]) -> dict[str, str]:
    """--set key=value pairs as a dict; AddError for a malformed pair or an unknown key."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        key = key.strip()
        if not eq or not key:
            raise AddError(f"--set {pair}: expected key=value (e.g. --set issuer=绍兴市人民政府)")
        if key not in SETTABLE:
            raise AddError(f"--set {key}: unknown field (known: {', '.join(SETTABLE)})")
        out[key] = value.strip()
    return out


def _apply(found: FoundMeta, sets: dict[str, str]) -> dict[str, object]:
    values: dict[str, object] = dict(found.values)
    for key, value in sets.items():
        if key in YEAR_FIELDS:
            if value == "" and key == "vision_year":
                values[key] = None
                continue
            if not re.fullmatch(r"(19|20)\d\d", value):
                raise AddError(f"--set {key}={value}: expected a year such as 2025")
            values[key] = int(value)
        elif key in ("issue_date", "publish_date"):
            iso = parse_date(value) if value else ""
            if value and not iso:
                raise AddError(f"--set {key}={value}: expected a date (2021-12-31, 2021年12月31日 or 二〇二一年十二月三十一日)")
            values[key] = iso
        elif key == "level":
            if value not in LEVEL_WORDS:
                raise AddError(f"--set level={value}: expected city (市) or district (区/县)")
            values[key] = LEVEL_WORDS[value]
        elif key == "id":
            if not SLUG.match(value):
                raise AddError(f"--set id={value}: expected lower-case letters, digits and '-' (e.g. yuyao-2021)")
            values[key] = value
        else:
            values[key] = value
    if "region" in sets and "short" not in sets:
        values["short"] = sets["region"]
    if "period_name" in sets and "period_start" not in sets:
        m = re.fullmatch(r"十([一二三四五六七八九])五", sets["period_name"])
        if m:
            end = 2005 + 5 * ("一二三四五六七八九".index(m.group(1)) + 1)
            values["period_start"], values["period_end"] = end - 4, end
    return values


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def slug_for(region: str, start: int) -> str:
    """A plan id from its region and first year: 柯桥区 2021 → keqiao-2021."""
    from pypinyin import lazy_pinyin

    name = region[:-1] if len(region) > 2 and region[-1] in "省市区县旗州" else region
    letters = "".join(lazy_pinyin(name, errors=lambda s: "".join(c for c in s if c.isascii() and c.isalnum())))
    letters = re.sub(r"[^a-z0-9]", "", letters.lower()) or "plan"
    return f"{letters}-{start}" if start else letters


def prepare(path: Path, sets: dict[str, str] | None = None, hints: Hints | None = None) -> Prepared:
    """Everything `plans add` finds in `path`; nothing written. Raises AddError (one line).
    `hints` are a reviewer's corrections (as in data/sources/*.yaml); none are needed."""
    sets = sets or {}
    try:
        extracted = extract(path)
    except NotAPlan as exc:
        raise AddError(str(exc)) from None
    raw_sha = hashlib.sha256(path.read_bytes()).hexdigest()
    layout = detect(extracted.text)
    placeholder = Meta(id="new-plan", title="", short="", region="")
    text_path = path.with_suffix(".txt")
    source = Source(meta=placeholder, order=0, hints=hints or Hints(), text=extracted.text, text_path=text_path,
                    meta_path=path.with_suffix(".yaml"))
    try:
        pieces = cut(source)
    except SourceError as exc:
        raise AddError(f"{path}: {exc}") from None
    lines = [p.text for p in pieces if isinstance(p, Unit)]
    found = read_meta_with_title(lines, sets["title"]) if "title" in sets else read_meta(lines)
    if "title" not in found.values:
        raise AddError(f"{path}: not a plan: no title line (…规划 naming 十四五 or its years) before the first "
                       "chapter; if it is one, give the title line as printed: --set title=…")
    values = _apply(found, sets)
    region = str(values.get("region", ""))
    start = _int(values.get("period_start"))
    pid = str(values.get("id") or (slug_for(region, start) if region else ""))
    required = [k for k in ("title", "region", "level", "period_start", "period_end") if not values.get(k)]
    if values.get("level") == "district" and not values.get("parent_region"):
        required.append("parent_region")
    if required:
        raise AddError(f"{path}: cannot tell {', '.join(required)} from the text; give "
                       + " ".join(f"--set {k}=…" for k in required))
    if not pid:
        raise AddError(f"{path}: cannot make an id; give --set id=…")
    meta = Meta(id=pid, title=str(values["title"]), short=str(values.get("short") or region), region=region,
                parent_region=str(values.get("parent_region", "")), province=str(values.get("province", "")),
                level=str(values["level"]), period_start=_int(values["period_start"]),
                period_end=_int(values["period_end"]),
                period_name=str(values.get("period_name", "")),
                vision_year=values.get("vision_year") if isinstance(values.get("vision_year"), int) else None,  # type: ignore[arg-type]
                issuer=str(values.get("issuer", "")), doc_number=str(values.get("doc_number", "")),
                issue_date=str(values.get("issue_date", "")), publish_date=str(values.get("publish_date", "")),
                source=f"{pid}.txt", url=str(values.get("url", "")))
    source.meta = meta
    try:
        plan = build_plan(source)
    except SourceError as exc:
        raise AddError(f"{path}: {exc}") from None
    counts = plan.counts()
    if counts["chapter"] == 0 and counts["section"] == 0:
        raise AddError(f"{path}: not a plan: no chapter or section headings (一、… （一）…) after the title")
    cov = coverage(extracted.text, plan)
    return Prepared(path=path, extracted=extracted, layout=layout, found=found, meta=meta, plan=plan,
                    coverage=cov, sha256=raw_sha, overrides=dict(sets))


def read_meta_with_title(lines: list[str], title: str) -> FoundMeta:
    """The metadata again, with the title line the user gave (it must be a line of the text)."""
    want = re.sub(r"\s", "", title)
    for i, line in enumerate(lines):
        if re.sub(r"\s", "", line) == want:
            return read_meta(lines, title_at=i)
    raise AddError(f"--set title={title}: no line of the text reads so")


__all__ = ["OPTIONAL", "AddError", "Prepared", "parse_sets", "prepare", "slug_for"]
