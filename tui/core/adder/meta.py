"""Read a plan's metadata from its own text (`read_meta`): what is printed, or plainly inferable from it.

- title: the plan's title line (…规划, naming a five-year period or its years), not the covering notice's
  (…关于印发…的通知) — the last such line before the first chapter heading;
- region / short / level: the place the title starts with (柯桥区 → district, 绍兴市 → city, …县 →
  district); a title naming two (宁波市海曙区…) gives the parent region too;
- parent_region (district plans): the city printed right before the district's name (绍兴市柯桥区), most
  often; province: the 省 printed most often (浙江省), or the one the parent city's name is printed with;
- period: 十N五 in the title (十四五 → 2021–2025) or printed years (2021—2025年); vision_year: a 20NN年远景
  目标 (二〇三五年 too);
- issuer: the signature line of the covering notice (…人民政府, …办公室, …局), else the notice title's
  author (X关于印发…); doc_number: 发文字号 (绍政发〔2021〕20号); issue_date: the date under the
  signature (2021年7月25日, 二〇二一年十二月三十一日, 20211228, 成文日期:2021-12-31); publish_date: a web
  page's 发布日期/发布时间.

Each found field says where it came from (`found`); a field not found stays empty and is listed (`missing`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from tui.core.names import no_spaces

CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
            "七": 7, "八": 8, "九": 9}
PERIOD = re.compile(r"十([一二三四五六七八九])五")
YEARS = re.compile(r"(20\d\d)\s*[—–\-－~～至到]+\s*(20\d\d)\s*年")
PLACE_END = "省市区县旗州盟"
TITLE_STOP = re.compile(r"关于|印发|通知|。|，|；")
CHAPTER = re.compile(r"^[一二三四五六七八九十]{1,3}\s*、")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔［\[【(（]\s*(?:19|20)\d\d\s*[〕］\]】)）]\s*\d{1,4}\s*号")
DATE_CN = re.compile(r"([〇零○一二三四五六七八九]{4})\s*年\s*([十一二三四五六七八九]{1,3})\s*月\s*([十一二三四五六七八九]{1,4})\s*日")
DATE_NUM = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")
DATE_COMPACT = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)$")
VISION = re.compile(r"((?:20\d\d)|(?:二[〇零○]\s*[一二三四五六七八九〇零○]\s*[〇零○一二三四五六七八九]))\s*年\s*远景")
ISSUER = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|"
                    r"科学技术局|科技局|科学技术厅|科技厅|发展和改革委员会|领导小组)$")
PUBLISHED = re.compile(r"(?:发布日期|发布时间|发文日期|公开日期)\s*[:：]\s*((?:19|20)\d\d-\d{1,2}-\d{1,2})")
WRITTEN = re.compile(r"(?:成文日期|印发日期)\s*[:：]\s*((?:19|20)\d\d-\d{1,2}-\d{1,2})")
PROVINCES = ("河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省",
             "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省",
             "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区",
             "新疆维吾尔自治区", "北京市", "天津市", "上海市", "重庆市")
PROVINCE = re.compile("|".join(PROVINCES))
FIELDS = ("title", "short", "region", "parent_region", "province", "level", "period_start", "period_end",
          "period_name", "vision_year", "issuer", "doc_number", "issue_date", "publish_date")
OPTIONAL = ("parent_region", "province", "vision_year", "issuer", "doc_number", "issue_date", "publish_date")


@dataclass
class FoundMeta:
    values: dict[str, object] = field(default_factory=dict)
    found: dict[str, str] = field(default_factory=dict)  # field -> where it was read ("title", "line 12", …)

    def set(self, key: str, value: object, where: str) -> None:
        if value in (None, ""):
            return
        self.values[key] = value
        self.found[key] = where

    @property
    def missing(self) -> list[str]:
        return [k for k in FIELDS if self.values.get(k) in (None, "")]


def _cn_number(s: str) -> int:
    """十二 → 12, 三十一 → 31, 七 → 7."""
    if "十" not in s:
        return int("".join(str(CN_DIGIT[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (CN_DIGIT[tens] if tens else 1) * 10 + (CN_DIGIT[ones] if ones else 0)


def parse_date(text: str) -> str:
    """The first date in `text` as YYYY-MM-DD ("" when none or impossible)."""
    for rx, conv in ((DATE_NUM, int), (DATE_ISO, int)):
        m = rx.search(text)
        if m:
            return _iso(*(conv(g) for g in m.groups()))
    m = DATE_CN.search(text)
    if m:
        try:
            year = int("".join(str(CN_DIGIT[c]) for c in m.group(1)))
            return _iso(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
        except (KeyError, ValueError):
            return ""
    m = DATE_COMPACT.match(text.strip())
    if m:
        return _iso(*(int(g) for g in m.groups()))
    return ""


def _iso(y: int, mo: int, d: int) -> str:
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""


def is_title(line: str) -> bool:
    s = no_spaces(line)
    if not (6 <= len(s) <= 50) or TITLE_STOP.search(s) or s.startswith(("《", "专栏", "附件", "表")):
        return False
    if CHAPTER.match(s) or re.match(r"^[（(][一二三四五六七八九十]+[）)]", s):
        return False
    core = re.sub(r"[（(][^）)]*[）)]$", "", s)  # 规划（2021—2025年）
    return core.endswith(("规划", "规划纲要")) and (PERIOD.search(s) is not None or YEARS.search(s) is not None)


def find_title(lines: list[str]) -> tuple[int, str] | None:
    """(index, title as printed) of the plan's title line: the last title-like line before the first
    chapter heading (the covering notice and web-page chrome come before it)."""
    best: tuple[int, str] | None = None
    for i, line in enumerate(lines):
        if CHAPTER.match(line.strip()) and best is not None:
            break
        if is_title(line):
            best = (i, line.strip())
    return best


def split_place(title: str) -> tuple[str, str]:
    """(parent, region) from the place a title starts with: 宁波市海曙区… → (宁波市, 海曙区)."""
    s = no_spaces(title)
    m = re.match(rf"^([\u4e00-\u9fff]{{1,8}}?[{PLACE_END}])(?=科技|科学|创新|“|\"|十[一二三四五六七八九]五|国民|知识|高新|20)", s)
    if m is None:
        return "", ""
    place = m.group(1)
    two = re.match(r"^([\u4e00-\u9fff]{1,6}?[省市州盟])([\u4e00-\u9fff]{1,6}[市区县旗])$", place)
    if two and len(two.group(2)) >= 2:
        return two.group(1), two.group(2)
    return "", place


def read_meta(lines: list[str], title_at: int | None = None) -> FoundMeta:
    """The metadata printed in (or plainly inferable from) the plan's logical lines; `title_at` names
    the title line when the user gave it (--set title=…)."""
    meta = FoundMeta()
    got = find_title(lines) if title_at is None else (title_at, lines[title_at].strip())
    if got is None:
        return meta
    at, title = got
    meta.set("title", title, f"第 {at + 1} 行" if title_at is None else f"--set，第 {at + 1} 行")
    parent, region = split_place(title)
    text = "\n".join(lines)
    meta.set("region", region, "标题")
    meta.set("short", region, "标题")
    if region:
        meta.set("level", "city" if region[-1] in "市州盟" else "district", f"标题（{region[-1]}）")
    if parent:
        meta.set("parent_region", parent, "标题")
    elif region and region[-1] in "区县旗市":  # 市: a county-level city printed after its city (宁波市余姚市)
        counts = Counter(m.group(1) for m in re.finditer(rf"([\u4e00-\u9fff]{{2,4}}?[市州盟]){re.escape(region)}", text))
        if counts:
            best, n = counts.most_common(1)[0]
            meta.set("parent_region", best, f"文中“{best}{region}” {n} 处")
    provinces = Counter(m.group(0) for m in PROVINCE.finditer(text) if m.group(0) != region)
    if provinces:
        best, n = provinces.most_common(1)[0]
        meta.set("province", best, f"文中出现 {n} 次")
    m = PERIOD.search(no_spaces(title))
    if m:
        n = "一二三四五六七八九".index(m.group(1)) + 1
        end = 2005 + 5 * n  # the 1N-th plan: 十一五 2006–2010 … 十三五 2016–2020, 十四五 2021–2025
        meta.set("period_name", f"十{m.group(1)}五", "标题")
        meta.set("period_start", end - 4, f"十{m.group(1)}五")
        meta.set("period_end", end, f"十{m.group(1)}五")
    y = YEARS.search(title) or YEARS.search("\n".join(lines[at:at + 3]))
    if y and "period_start" not in meta.values:
        meta.set("period_start", int(y.group(1)), "印出的年份")
        meta.set("period_end", int(y.group(2)), "印出的年份")
    v = VISION.search(text)
    if v:
        raw = no_spaces(v.group(1))
        year = int(raw) if raw.isdigit() else int("".join(str(CN_DIGIT[c]) for c in raw))
        meta.set("vision_year", year, f"文中“{v.group(0)}”")
    front = lines[:at]
    _front_matter(meta, front, text)
    return meta


def _front_matter(meta: FoundMeta, front: list[str], text: str) -> None:
    """Issuer, 发文字号 and dates from the covering notice and the web page around it."""
    for i, line in enumerate(front):
        s = line.strip()
        if "doc_number" not in meta.values:
            m = DOC_NUMBER.search(s)
            if m and len(s) <= 40:
                meta.set("doc_number", no_spaces(m.group(0)), f"第 {i + 1} 行")
        m = PUBLISHED.search(s)
        if m and "publish_date" not in meta.values:
            meta.set("publish_date", parse_date(m.group(1)), f"第 {i + 1} 行")
        m = WRITTEN.search(s)
        if m and "issue_date" not in meta.values:
            meta.set("issue_date", parse_date(m.group(1)), f"第 {i + 1} 行")
    # the signature: an issuer line, then a date line standing alone
    for i, line in enumerate(front):
        s = no_spaces(line)
        if not s or len(s) > 20:
            continue
        date = parse_date(s)
        if date and (DATE_NUM.fullmatch(s) or DATE_CN.fullmatch(s) or DATE_COMPACT.match(s)):
            prev = next((no_spaces(x) for x in reversed(front[:i]) if x.strip()), "")
            if "issue_date" not in meta.values or meta.found.get("issue_date", "").startswith("第"):
                meta.values.pop("issue_date", None)
                meta.set("issue_date", date, f"第 {i + 1} 行（落款日期）")
            if ISSUER.match(prev):
                meta.set("issuer", prev, f"落款，第 {i} 行")
    if "issuer" not in meta.values:
        for i, line in enumerate(front):
            m = re.match(r"^([\u4e00-\u9fff]{2,30}?)关于印发", no_spaces(line))
            if m and ISSUER.match(m.group(1)):
                meta.set("issuer", m.group(1), f"通知标题，第 {i + 1} 行")
                break
