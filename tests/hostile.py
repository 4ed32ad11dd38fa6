"""A hostile plans file and indicator catalog, generated from the real plans and catalog.

`write_hostile(dir)` writes `hostile.yaml` (three real plans of data/plans.yaml: a district, its
city and a 十三五 plan with a results table) and `hostile-indicators.yaml` (data/indicators.yaml)
with `HOSTILE` put in front of every user-visible text field: titles, metadata, headings, numbers,
paragraphs, 专栏 entries, table captions, column headers, row names, units, cells, notes, printed lines, page furniture,
catalog names, notes and aliases. The same prefix everywhere keeps the files' own relations (a
district's parent region is its city's region, an entry's label starts its text, a row's name is
a catalog alias) so every screen and every compare mode still has something to show.

Fields that must keep a form (ids, kinds, roles, levels, dates, period names, numbers) are left
as they are; a `url` gets HOSTILE after `https://`, a `source` (a file name) a slash-free variant.
Both files are written with PyYAML's safe dumper (escapes as YAML `\\e`, `\\x9b` …).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tui.core.yamlc import SafeDumper, SafeLoader

ROOT = Path(__file__).resolve().parents[1]
# PyYAML's safe loader and dumper, in C when libyaml is there (ten times faster)
LOADER = SafeLoader
DUMPER = SafeDumper
BASE_PLANS = ROOT / "data" / "plans.yaml"
# a district and its city (share mode) and a 十三五 plan with a results table (results mode)
PLAN_IDS = ("keqiao-2021", "shaoxing-2021", "jiaxing-2016")
BASE_CATALOG = ROOT / "data" / "indicators.yaml"

OSC52 = "\x1b]52;c;UFdORUQ=\x07"  # writes "PWNED" to the clipboard
OSC0 = "\x1b]0;PWNTITLE\x07"  # sets the window / pane title
OSC8 = "\x1b]8;;https://evil.example/x\x1b\\LINK\x1b]8;;\x1b\\"  # a hyperlink (ST-terminated)
CSI = "\x1b[2J\x1b[31m\x1b[8;5;5t"  # clear screen, red, resize the window
DCS = "\x1bP1$qm\x1b\\"  # device control string
C1 = "\x9b2J\x9d0;C1TITLE\x9c\x85\x90"  # 8-bit CSI, OSC, ST, NEL, DCS
C0 = "\x00\x07\x08\x0b\x0c\x0d\x0e\x7f"  # NUL BEL BS VT FF CR SO DEL (Rich drops BEL…CR: we must not)
BIDI = "\u202eevil\u202c\u2066iso\u2069\u200f\u061c\u2028"
ZERO_WIDTH = "z\u200bw\u200dj\ufeff"
COMBINING = "e\u0301"
WIDE = "宽ｗｉｄｅ"
TAB = "a\tb"
MARKUP = "[bold]x[/] [link=https://evil.example]y[/link] [/"

PARTS = (OSC52, OSC0, OSC8, CSI, DCS, C1, C0, BIDI, ZERO_WIDTH, COMBINING, WIDE, TAB, MARKUP)
HOSTILE = "".join(PARTS) + " "
# for file names (no path separators) and one-line fields where a slash would change the meaning
HOSTILE_NO_SLASH = HOSTILE.replace("/", "_").replace("\\", "_")

# the plain characters of HOSTILE that must reach the user (every character, controls as stand-ins)
VISIBLE_MARKS = ("]52;c;UFdORUQ=", "]0;PWNTITLE", "LINK", "[2J", "C1TITLE", "evil", "[bold]x[/]", "宽ｗｉｄｅ")

KEEP = {"id", "kind", "role", "level", "issue_date", "publish_date", "period_name", "qualifier", "key", "better",
        "units"}


def _prefix(value: str) -> str:
    return HOSTILE + value


def _breaks(node: dict[str, Any], shift_head: int, shift_text: int) -> None:
    heading = node.get("heading") or ""
    out = []
    for at, printed in node.get("breaks") or []:
        shift = shift_head if heading and at <= len(heading) else shift_text
        out.append([at + shift, _prefix(printed)])
    if out:
        node["breaks"] = out


def _spoil(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        head = len(HOSTILE) if isinstance(data.get("heading"), str) and data.get("heading") else 0
        text = len(HOSTILE) if isinstance(data.get("text"), str) and data.get("text") else 0
        out = {}
        for k, v in data.items():
            if k in KEEP or k == "breaks":
                out[k] = v
            elif k == "url" and isinstance(v, str):
                out[k] = v.replace("://", "://" + HOSTILE_NO_SLASH, 1)
            elif k == "source" and isinstance(v, str):
                out[k] = HOSTILE_NO_SLASH + v
            else:
                out[k] = _spoil(v, k)
        if data.get("breaks"):
            out["breaks"] = data["breaks"]
            _breaks(out, head, head + text)
        return out
    if isinstance(data, list):
        return [_spoil(v, key) for v in data]
    if isinstance(data, str) and data and key not in ("markers",):
        return _prefix(data)
    return data


def hostile_plans() -> dict[str, Any]:
    data = yaml.load(BASE_PLANS.read_text(encoding="utf-8"), Loader=LOADER)
    data["plans"] = [p for p in data["plans"] if p["meta"]["id"] in PLAN_IDS]
    for plan in data["plans"]:  # every metadata field the info screen shows, present
        meta = plan["meta"]
        meta.setdefault("issuer", meta["region"] + "人民政府")
        meta.setdefault("doc_number", "〔2021〕1号")
        meta.setdefault("url", "https://www.example.gov.cn/plan.html")
        meta.setdefault("source", meta["id"] + ".txt")
        meta.setdefault("province", "浙江省")
    return _spoil(data)


def hostile_catalog() -> dict[str, Any]:
    data = yaml.load(BASE_CATALOG.read_text(encoding="utf-8"), Loader=LOADER)
    for ind in data["indicators"]:
        clean = ind["name"]
        ind["name"] = _prefix(clean)
        ind["aliases"] = [*ind.get("aliases", []), clean, _prefix(clean)]  # rows still map to it
        if ind.get("note"):
            ind["note"] = _prefix(ind["note"])
    return data


def write_hostile(directory: Path) -> tuple[Path, Path]:
    """(plans file, catalog) written into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    plans = directory / "hostile.yaml"
    catalog = directory / "hostile-indicators.yaml"
    for path, data in ((plans, hostile_plans()), (catalog, hostile_catalog())):
        path.write_text(yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plans, catalog


if __name__ == "__main__":  # write them for trying by hand: python tests/hostile.py /tmp/h
    import sys

    for path in write_hostile(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(path)
