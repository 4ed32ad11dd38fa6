"""The schema's problem messages in Chinese (`plans check`, the browser's start-up error for a bad
plans file), the way `tui.core.i18n` translates the core's English one-line errors: each message
form is a pattern over the English the checks write, so the checks stay one plain sentence each and
`--lang en` shows them as written. Values quoted from the file (``'chaptr'``, ``2021``), field names,
kinds and paths stay as they are in the file: they are what the user looks for there.

`message(text)` translates one message (the part after ``path:``); a form not listed is returned as
written."""

from __future__ import annotations

import re
from functools import cache

# what a value is (`values.type_name`, `yamlpos.BadScalar.what`)
_TYPES = {
    "null": "空值（null）",
    "a boolean": "布尔值",
    "an integer": "整数",
    "a number": "数值",
    "a string": "文字",
    "a list": "列表",
    "a mapping": "映射",
    "a date (quote it: '2021-07-25')": "日期（请加引号：'2021-07-25'）",
}
_TYPE = (r"(?:" + "|".join(re.escape(k) for k in sorted(_TYPES, key=len, reverse=True))
         + r"|a [\d,]+-digit integer(?: \(too long to read\))?|an impossible date \(.*?\)|not .+? \(tagged !!\w+\))")
_WHATS = {
    "a plan": "规划", "the plan's metadata": "规划的元数据", "a node": "节点", "a table": "表格",
    "a column": "表格列", "a row": "表格行", "a cell": "单元格", "a note": "注释",
}


def type_zh(what: str) -> str:
    """A value's kind, as `values.type_name` or a bad scalar describes it, in Chinese."""
    if what in _TYPES:
        return _TYPES[what]
    m = re.fullmatch(r"a ([\d,]+)-digit integer(?: \(too long to read\))?", what)
    if m:
        return f"{m[1]} 位整数（太长，无法读取）"
    m = re.fullmatch(r"an impossible date \((.*)\)", what)
    if m:
        return f"不存在的日期（{m[1]}）"
    m = re.fullmatch(r"not (an integer|a number|true or false|base64 data) \(tagged (!!\w+)\)", what)
    if m:
        kind = {"an integer": "整数", "a number": "数值", "true or false": "true 或 false", "base64 data": "base64 数据"}
        return f"不是{kind[m[1]]}（标为 {m[2]}）"
    return what


def _kind(word: str) -> str:
    """'a chapter' / 'an entry' -> 'chapter' (a kind as written in the file)."""
    return re.sub(r"^an? ", "", word)


def _where(text: str) -> str:
    if text == "at the top level":
        return "顶层"
    m = re.fullmatch(r"inside an? (\S+) node", text)
    return f" {m[1]} 节点里" if m else text


_V = r"(?P<v>.*)"  # a value as `values.show` writes it
_GOT = rf"got (?P<t>{_TYPE})(?: (?P<v>.*))?"
# (English form, Chinese template): {t} a type, {v} a value, {k}/{p} kinds, {w} a place, other groups as is
PATTERNS: list[tuple[str, str]] = [
    (r"missing", "缺少"),
    (r"empty", "为空"),
    (r"nested too deeply", "嵌套太深"),
    (r"a node that contains itself", "节点包含了它自己"),
    (rf"expected a mapping with 'version' and 'plans', {_GOT}", "应为含 version 和 plans 的映射，却是{t}"),
    (rf"expected an integer, {_GOT}", "应为整数，却是{t} {v}"),
    (r"unsupported version (?P<v>.*) \(this program reads version (?P<n>\d+)\)", "不支持的版本 {v}（本程序读版本 {n}）"),
    (rf"expected a list of (?P<x>plans|nodes|columns|rows|notes|cells|strings), {_GOT}", "应为{x}的列表，却是{t}"),
    (r"empty: no plans", "为空：没有规划"),
    (r"duplicate plan id (?P<v>.*) \(also (?P<o>plans\[\d+\])\)", "规划编号 {v} 重复（{o} 也用了）"),
    (r"empty: a plan has at least one node", "为空：规划至少有一个节点"),
    (r"missing \(one of (?P<l>.+)\)", "缺少（可选：{l}）"),
    (r"unknown kind (?P<v>.*) \(expected one of (?P<l>.+)\)", "没有这种类型 {v}（可选：{l}）"),
    (r"'(?P<f>[^']+)' has no meaning on (?P<k>an? \S+) node", "{k} 节点不能有“{f}”"),
    (r"missing: (?P<k>an? \S+) node has a (?P<f>\S+)", "缺少：{k} 节点须有 {f}"),
    (r"missing: a table node holds its table", "缺少：table 节点须有它的表格"),
    (r"missing: a 专栏 has at least one entry", "缺少：专栏至少有一个条目"),
    (r"(?P<k>an? \S+) belongs inside a 专栏 \(column\), not (?P<w>.+)", "{k} 应在专栏（column）里，不应在{w}"),
    (r"a 专栏 \(column\) holds only entries \(and page furniture\), not (?P<k>an? \S+) node",
     "专栏（column）里只能有条目（和页眉页脚），不能有 {k} 节点"),
    (r"(?P<x>front|back) matter belongs at the top level, not (?P<w>.+)", "{x} 前后附文应在顶层，不应在{w}"),
    (r"(?P<k>an? \S+) cannot stand inside (?P<p>an? \S+)", "{k} 不能放在 {p} 里"),
    (r"a subsection belongs inside a section, not (?P<w>.+)", "subsection 应在 section 里，不应在{w}"),
    (rf"expected a list of \[offset, text\] pairs, {_GOT}", "应为 [位置, 文字] 对的列表，却是{t}"),
    (rf"expected an \[offset, text\] pair, got {_V}", "应为 [位置, 文字] 对，却是 {v}"),
    (rf"offset: expected an integer, {_GOT}", "位置：应为整数，却是{t} {v}"),
    (r"offset (?P<a>-?\d+) is outside the node's text \(0–(?P<n>\d+)\)", "位置 {a} 超出了节点文字的范围（0–{n}）"),
    (r"offset (?P<a>-?\d+) comes before the previous break's (?P<b>-?\d+)", "位置 {a} 在上一个断行的位置 {b} 之前"),
    (rf"text: expected a non-empty string, {_GOT}", "文字：应为非空文字，却是{t} {v}"),
    (rf"expected a string, {_GOT}", "应为文字，却是{t} {v}"),
    (rf"expected a year \(integer\), {_GOT}", "应为年份（整数），却是{t} {v}"),
    (r"implausible year (?P<v>.*) \(expected (?P<a>\d+)–(?P<b>\d+)\)", "年份 {v} 不合情理（应在 {a}–{b} 之间）"),
    (rf"expected a non-empty string, {_GOT}", "应为非空文字，却是{t} {v}"),
    (rf"expected true or false, {_GOT}", "应为 true 或 false，却是{t} {v}"),
    (rf"expected (?P<m>.+?) \(a mapping\), {_GOT}", "应为{m}（映射），却是{t} {v}"),
    (r"unknown field (?P<v>.*)", "没有这个字段 {v}"),
    (r"(?P<v>.*) is not slug form \(lower-case letters, digits and '-', e\.g\. (?P<e>\S+)\)",
     "{v} 不是编号格式（小写字母、数字和“-”，如 {e}）"),
    (r"expected one of (?P<l>.+?), got (?P<v>.*)", "应为 {l} 之一，却是 {v}"),
    (r"missing: a district plan names its parent region \(e\.g\. (?P<e>\S+)\)", "缺少：区县规划须写明上级地区（如 {e}）"),
    (r"empty: a district plan names its parent region \(e\.g\. (?P<e>\S+)\)", "为空：区县规划须写明上级地区（如 {e}）"),
    (r"period_end (?P<a>\d+) is before period_start (?P<b>\d+)", "period_end {a} 早于 period_start {b}"),
    (r"implausible period (?P<a>\d+)–(?P<b>\d+) \(more than 15 years\)", "规划期 {a}–{b} 不合情理（超过 15 年）"),
    (r"(?P<v>.*) is not a five-year plan name such as 十四五", "{v} 不是五年规划的名称（如 十四五）"),
    (r"(?P<a>\d+) does not fit period_name (?P<n>.+) \(which starts in (?P<b>\d+)\)",
     "{a} 与 period_name {n} 不符（{n}始于 {b} 年）"),
    (r"vision_year (?P<a>\d+) is before period_end (?P<b>\d+)", "vision_year {a} 早于 period_end {b}"),
    (r"(?P<v>.*) is not an http\(s\) address", "{v} 不是 http(s) 网址"),
    (r"(?P<v>.*): expected a file name in data/sources/, not a path", "{v}：应为 data/sources/ 中的文件名，不是路径"),
    (rf"expected an ISO date string 'YYYY-MM-DD', got (?P<t>{_TYPE})", "应为 ISO 日期文字 'YYYY-MM-DD'，却是{t}"),
    (r"(?P<v>.*) is not an ISO date YYYY-MM-DD", "{v} 不是 ISO 日期 YYYY-MM-DD"),
    (r"(?P<v>.*) is not a real date", "{v} 不是真实存在的日期"),
    (r"implausible year in (?P<v>.*)", "{v} 中的年份不合情理"),
    (rf"(?P<v>.*) is (?P<t>{_TYPE}); quote it if it is text", "{v} 是{t}；如果是文字，请加引号"),
    (rf"(?P<v>.*) is (?P<t>{_TYPE})", "{v} 是{t}"),
    (r"empty: a table has columns", "为空：表格须有列"),
    (r"missing: a table keeps its lines as printed", "缺少：表格须保留印刷的各行（lines）"),
    (rf"expected a non-empty list of printed lines, {_GOT}", "应为印刷各行的非空列表，却是{t}"),
    (r"unknown role (?P<v>.*) \(expected one of (?P<l>.+)\)", "没有这种列角色 {v}（可选：{l}）"),
    (r"expected exactly one column with role 'name', found (?P<n>\d+)", "应恰有一列的角色是 name，现有 {n} 列"),
    (r"expected at most one column with role 'number', found (?P<n>\d+)", "角色是 number 的列至多一列，现有 {n} 列"),
    (r"(?P<n>\d+) cells but the table has (?P<m>\d+) value columns", "有 {n} 个单元格，但表格有 {m} 个数值列"),
    (rf"expected a number, {_GOT}", "应为数值，却是{t} {v}"),
    (rf"expected a finite number, {_GOT}", "应为有限的数值，却是{t} {v}"),
    (r"cell (?P<v>.*) has neither a value nor a text", "单元格 {v} 既没有数值（value）也没有文字（text）"),
    (rf"expected a mapping marker -> meaning, {_GOT}", "应为“标记: 含义”的映射，却是{t}"),
    (r"expected marker -> meaning strings, got (?P<v>.*)", "标记和含义都应为非空文字，却是 {v}"),
    (rf"expected (?P<t2>{_TYPE}), {_GOT}", "应为{t2}，却是{t}"),  # (a field added to the model later)
    # the YAML itself (tui.core.yamlpos): a key given twice, an anchor
    (r"duplicate key \(also on line (?P<n>\d+)\); only the last one is kept", "键重复（第 {n} 行也有）；只保留最后一个"),
    (r"YAML anchor (?P<a>&\S+): plans files do not use anchors and aliases; write the value out",
     "YAML 锚点 {a}：规划文件不用锚点和别名，请把值写出来"),
]

_X = {"plans": "规划", "nodes": "节点", "columns": "列", "rows": "行", "notes": "注释", "cells": "单元格",
      "strings": "文字"}


@cache
def _compiled() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p + r"\Z", re.DOTALL), zh) for p, zh in PATTERNS]


def message(text: str) -> str:
    """One schema message in Chinese (unchanged when its form is not listed)."""
    for pattern, template in _compiled():
        m = pattern.match(text)
        if m is None:
            continue
        parts = {name: value or "" for name, value in m.groupdict().items()}
        if "t" in parts and (parts.get("v") in ("a list", "a mapping") or (parts["t"] == "null" and parts.get("v") == "None")):
            parts["v"] = ""  # (`show` of a list, a mapping or null says only what its type says)
        for name in ("t", "t2"):
            if name in parts:
                parts[name] = type_zh(parts[name])
        for name in ("k", "p"):
            if name in parts:
                parts[name] = _kind(parts[name])
        if "w" in parts:
            parts["w"] = _where(parts["w"])
        if "m" in parts:
            parts["m"] = _WHATS.get(parts["m"], parts["m"])
        if "x" in parts:
            parts["x"] = _X.get(parts["x"], parts["x"])
        return template.format(**parts).rstrip()
    return text
