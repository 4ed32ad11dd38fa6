"""The user's language: Chinese by default, English on request. A small message catalogue, no framework.

`t(message)` gives `message` in the current language. The catalogue is a list of (Chinese, English)
pairs and works from either side, so code may be written with the Chinese text (the app's own
strings) or the English one (argparse's and Textual's built-in strings, the CLI's help): a message
not in the catalogue is returned unchanged. Messages with fields are catalogued with their
``{placeholders}`` and formatted after translation: ``t("已复制 {n} 字").format(n=3)``.

`t_line(line)` translates a whole one-line error whose parts vary (a file name, a key): the
catalogue's regular expressions map the English forms the core and argparse produce.

The language comes from `--lang` (the command line calls `set_lang`), else ``PLANS_LANG``, else the
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``en_*`` means English); anything else is Chinese.
No Textual import here: the command line and the app share it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

_lang: str | None = None


def detect(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: PLANS_LANG, then the locale; Chinese by default."""
    env = os.environ if environ is None else environ
    explicit = norm_lang(env.get("PLANS_LANG", ""))
    if explicit:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:  # the first one set decides, as in POSIX
            return "en" if value.lower().startswith("en") else DEFAULT_LANG
    return DEFAULT_LANG


def norm_lang(value: str) -> str | None:
    """'en', 'EN_us.UTF-8', 'english' -> 'en'; 'zh', 'zh_CN', 'cn' -> 'zh'; anything else None."""
    v = value.strip().lower()
    if v.startswith("en"):
        return "en"
    if v.startswith(("zh", "cn", "chinese")):
        return "zh"
    return None


def set_lang(lang: str | None) -> None:
    """Fix the language for this process (None: detect it again from the environment)."""
    global _lang
    _lang = norm_lang(lang) if lang else None


def lang() -> str:
    if _lang is None:
        return detect()
    return _lang


def english() -> bool:
    return lang() == "en"


# (Chinese, English). Keep entries short and grouped by where they show.
CATALOGUE: list[tuple[str, str]] = [
    # argparse's own strings (through gettext)
    ("用法：", "usage: "),
    ("位置参数", "positional arguments"),
    ("选项", "options"),
    ("显示本帮助并退出", "show this help message and exit"),
    ("缺少必需的参数：%s", "the following arguments are required: %s"),
    ("无法识别的参数：%s", "unrecognized arguments: %s"),
    ("参数 %(argument_name)s：%(message)s", "argument %(argument_name)s: %(message)s"),
    ("无效的选项值：%(value)r（可选：%(choices)s）", "invalid choice: %(value)r (choose from %(choices)s)"),
    ("无效的 %(type)s 值：%(value)r", "invalid %(type)s value: %(value)r"),
    ("需要一个值", "expected one argument"),
    ("最多一个值", "expected at most one argument"),
    ("至少一个值", "expected at least one argument"),
    ("不能与参数 %s 同用", "not allowed with argument %s"),
    ("选项有歧义：%(option)s 可能是 %(matches)s", "ambiguous option: %(option)s could match %(matches)s"),
    ("需要参数 %s 之一", "one of the arguments %s is required"),
    ("忽略多余的值 %r", "ignored explicit argument %r"),
    ("%(prog)s：错误：%(message)s\n", "%(prog)s: error: %(message)s\n"),
    ("%(prog)s：%(message)s（见 %(prog)s --help）\n", "%(prog)s: %(message)s (see %(prog)s --help)\n"),
    # the command line: description and sub-commands
    ("浏览各地科技创新五年规划。", "Browse Chinese regional S&T five-year plans."),
    ("子命令", "COMMAND"),
    ("打开浏览界面（默认）", "open the browser (the default)"),
    ("在某个位置打开浏览界面：plans open 湖州 专栏4-3", "open the browser on a plan node: plans open 湖州 专栏4-3"),
    ("由 data/sources/ 生成 data/plans.yaml", "build data/plans.yaml from data/sources/"),
    ("检查规划文件", "validate a plans file"),
    ("在命令行里模糊搜索规划", "fuzzy-search the plans from the command line"),
    ("比较各规划的指标", "compare indicators across plans"),
    ("指标目录和未对应的指标名", "the indicator catalog and unmapped names"),
    ("规划文件（默认：data/plans.yaml）", "plans file (default: data/plans.yaml)"),
    ("规划文件", "plans file"),
    ("界面语言：zh（中文，默认）或 en", "language of messages and help: zh (Chinese, the default) or en"),
    # sub-command options
    ("本次使用的主题（plans-paper、plans-ink、plans-ansi）",
     "theme for this run (plans-paper, plans-ink, plans-ansi)"),
    ("规划名，然后是 专栏N-M、章节路径（四 （二））或指标",
     "plan name, then 专栏N-M, a section path (四 （二）) or an indicator"),
    ("源文本及其元数据（默认：data/sources/）", "the source texts and their metadata (default: data/sources/)"),
    ("要写入的规划文件（默认：data/plans.yaml）", "the plans file to write (default: data/plans.yaml)"),
    ("只检查不写入；规划文件与导入结果不同时退出码为 1",
     "write nothing; exit 1 if the plans file differs from what import would write"),
    ("要检查的规划文件（默认：data/plans.yaml）", "plans file to check (default: data/plans.yaml)"),
    ("检索词（须全部匹配）；可用拼音、'精确、!排除、@规划、#类别",
     "terms (all must match); pinyin, 'exact, !exclude, @plan, #kind"),
    ("只搜这个规划（编号、名称或拼音）；可重复", "only this plan (id, name or pinyin); repeat for several"),
    ("最多 N 条结果（20）", "at most N results (20)"),
    ("输出 JSON（每行一条）", "JSON lines"),
    ("要比较的规划（编号或名称，逗号分隔）；恰好两个时并排显示",
     "plans to compare (ids or names, comma-separated); exactly two show them side by side"),
    (("grid（指标 × 规划）、pair（两个规划）、share（区在市中的占比）、results（目标对照完成情况）；"
      "auto：两个规划时为 pair，否则为 grid"),
     ("grid (indicator × plan), pair (two plans), share (district in city), results (targets against results); "
      "auto: pair for two plans, else grid")),
    ("列出没有对应目录条目的表格行名及最接近的候选", "list row names with no catalog entry and the closest candidates"),
    ("只搜这一类：", "only this kind: "),
    ("（或 zl/zb/bt…、column/indicator…）", " (or zl/zb/bt…, column/indicator…)"),
    ("（见 {prog} --help）", " (try: {prog} --help)"),
    ("只看这个指标（目录键、名称或别名）", "only this indicator (catalog key, name or alias)"),
    ("指标目录（默认：data/indicators.yaml）", "indicator catalog (default: data/indicators.yaml)"),
    # CLI results and errors
    ("{out} 已是最新（{n} 个规划）", "{out} is up to date ({n} plans)"),
    ("已写入 {out}（{n} 个规划，{size} 字节）", "wrote {out} ({n} plans, {size} bytes)"),
    ("{out} {why}：请运行 `plans import` 由 {sources} 重新生成",
     "{out} is {why}: run `plans import` to rebuild it from {sources}"),
    ("不存在", "missing"),
    ("已过期", "stale"),
    ("{name}：正常 — {summary}", "{name}: ok — {summary}"),
    ("{n} 个规划、{columns} 个专栏、{tables} 张表、{rows} 行", "{n} plans, {columns} 专栏, {tables} tables, {rows} rows"),
    # plans add / remove / serve
    ("添加自己的规划：PDF、Word、网页或文本文件", "add your own plan from a PDF, Word file, web page or text file"),
    ("删除用 plans add 添加的规划", "remove a plan added with plans add"),
    ("把浏览器作为网页提供（每个浏览器标签一个进程）", "serve the browser as a web page (one app process per browser tab)"),
    ("规划文件：.pdf、.docx、.html/.htm 或 .txt", "the plan: .pdf, .docx, .html/.htm or .txt"),
    ("只显示审阅结果，不写入", "print the review, write nothing"),
    ("填写或更正一个元数据字段（可重复）：--set issuer=绍兴市人民政府",
     "fill or correct a metadata field (repeatable): --set issuer=绍兴市人民政府"),
    ("按已添加的规划重建用户规划文件（改过元数据之后）",
     "rebuild the user plans file from the added plans (after editing their metadata)"),
    ("列出已添加的规划", "list the added plans"),
    ("已添加规划的编号（见 plans add --list）", "the added plan's id (see plans add --list)"),
    ("监听地址（默认 127.0.0.1；其他地址需要令牌）", "address to listen on (default 127.0.0.1; anything else requires a token)"),
    ("端口（默认 8000；0 = 任一空闲端口）", "port (default 8000; 0 = any free port)"),
    ("同时服务的浏览器标签数（默认 4），每个一个进程", "browser tabs served at once (default 4); each is one app process"),
    ("网页会话保存书签和设置的位置（默认：<状态目录>/serve）",
     "where served sessions keep bookmarks and settings (default: <state dir>/serve)"),
    ("所有会话的主题（默认：各浏览器自己的选择）", "theme for every session (default: each browser's own choice)"),
    ("访问令牌（默认：$PLANS_SERVE_TOKEN；--host 不是本机时随机生成）",
     "access token (default: $PLANS_SERVE_TOKEN, or a random one when --host is not loopback)"),
    ("内部错误", "internal error"),
    ("无法写出输出", "cannot write the output"),
    ("错误", "error"),
    # Textual's own strings
    ("搜索命令…", "Search for commands…"),
    ("没有匹配的命令", "No matches found"),
    ("按 {key} 退出", "Press {key} to quit the app"),
    ("要退出吗？", "Do you want to quit?"),
    ("退出", "Quit"),
    ("立即退出 plans", "Quit the application as soon as possible"),
    ("按键", "Keys"),
    ("本界面的按键", "Show help for the focused widget and a summary of available keys"),
    ("截图", "Screenshot"),
    ("把当前界面存为 SVG 图片", "Save an SVG 'screenshot' of the current screen"),
    ("已保存截图", "Screenshot saved"),
]

# English forms with varying parts (core errors, argparse's type errors): regex -> Chinese template.
LINE_PATTERNS: list[tuple[str, str]] = [
    (r"^(?P<f>.+): no such file$", r"\g<f>：文件不存在"),
    (r"^(?P<f>.+): is a directory, not a plans file$", r"\g<f>：是目录，不是规划文件"),
    (r"^(?P<f>.+): empty file \(no YAML document, only comments\)$", r"\g<f>：空文件（只有注释，没有 YAML 内容）"),
    (r"^(?P<f>.+): empty file$", r"\g<f>：空文件"),
    (r"^(?P<f>.+): malformed plans file: (?P<m>.*)$", r"\g<f>：规划文件格式有误：\g<m>"),
    (r"^(?P<f>.+): permission denied$", r"\g<f>：没有读取权限"),
    (r"^(?P<f>.+): not UTF-8 text(?P<m>.*)$", r"\g<f>：不是 UTF-8 文本\g<m>"),
    # state files (config, keymap, bookmarks): what is wrong with a corrupt one
    (r"^invalid YAML$", "YAML 格式有误"),
    (r"^(?:could not|did not) find expected '(?P<c>.)'$", r"缺少应有的“\g<c>”"),
    (r"^(?:could not|did not) find expected (?P<c>.+)$", r"缺少应有的 \g<c>"),
    (r"^found unknown escape character (?P<c>.+)$", r"未知的转义字符 \g<c>"),
    (r"^mapping values are not allowed here$", "这里不能有“键: 值”"),
    (r"^found character (?P<c>.+) that cannot start any token$", r"字符 \g<c> 不能出现在这里"),
    (r"^found unexpected end of stream$", "文件意外结束"),
    (r"^found undefined alias (?P<a>.+)$", r"引用了未定义的别名 \g<a>"),
    (r"^expected (?P<a>.+), but found (?P<b>.+)$", r"应为 \g<a>，却是 \g<b>"),
    (r"^found unexpected ':'$", "多余的“:”"),
    (r"^expected a mapping \(theme: …\)$", "应为“键: 值”的映射（theme: …）"),
    (r"^theme: expected a theme name$", "theme：应为主题名"),
    (r"^detail: expected true or false$", "detail：应为 true 或 false"),
    (r"^tree_width: expected a width in cells \(0: automatic\)$", "tree_width：应为目录宽度（字符数，0 为自动）"),
    (r"^expected a mapping of binding id to key$", "应为“按键 id: 按键”的映射"),
    (r"^expected a list of bookmarks$", "应为书签列表"),
    (r"^expected a mapping \(history: …\)$", "应为“键: 值”的映射（history: …）"),
    (r"^history: expected a list of node keys$", "history：应为节点键的列表"),
    (r"^pos: expected a number$", "pos：应为数字"),
    (r"^bookmark (?P<i>\d+): expected a mapping with a key$", r"第 \g<i> 个书签：应为带 key 的映射"),
    (r"^not a bookmark line: (?P<l>.*)$", r"不是书签行：\g<l>"),
    (r"^empty query$", "查询为空"),
    (r"^--theme: no theme (?P<n>.+) \(choose from (?P<c>.+)\)$", r"--theme：没有主题 \g<n>（可选：\g<c>）"),
    (r"^no results for (?P<q>.+)$", r"没有找到 \g<q>"),
    (r"^--plan: no plan matches (?P<p>.+) \(plans: (?P<k>.+)\)$", r"--plan：没有与 \g<p> 匹配的规划（规划：\g<k>）"),
    (r"^no plan matches (?P<p>\S+) \(plans: (?P<k>.+)\)$", r"没有与 \g<p> 匹配的规划（规划：\g<k>）"),
    (r"^not a number: (?P<v>.+)$", r"不是数字：\g<v>"),
    (r"^must be at least 1, not (?P<v>.+)$", r"至少为 1，不能是 \g<v>"),
    (r"^--kind: unknown kind (?P<k>.+) \(choose from (?P<c>.+)\)$", r"--kind：没有类别 \g<k>（可选：\g<c>）"),
    (r"^no plan (?P<p>'[^']*')(?:; loaded: (?P<l>.+))?$", r"没有规划 \g<p>；已载入：\g<l>"),
    (r"^plans open: say where to go, e\.g\. (?P<e>.+)$", r"plans open：请说明要去哪里，例如 \g<e>"),
    (r"^plans open: no node with key (?P<k>.+)$", r"plans open：没有键为 \g<k> 的节点"),
    (r"^plans open: no (?P<c>专栏\S+) in any plan \((?P<h>.*)\)$", r"plans open：所有规划都没有\g<c>（有 \g<h>）"),
    (r"^plans open: no (?P<c>专栏\S+) in (?P<w>\S+) \((?P<h>.*)\)$", r"plans open：\g<w>没有\g<c>（有 \g<h>）"),
    (r"^plans open: no (?P<c>专栏\S+) in (?P<w>\S+)$", r"plans open：\g<w>没有\g<c>"),
    (r"^plans open: (?P<c>专栏\S+) is in several plans \((?P<n>.+)\): name one first$",
     r"plans open：\g<c>在多个规划中（\g<n>）：请先指明规划"),
    ((r"^plans open: no plan named (?P<p>'[^']*') and no section, 专栏 or indicator matches (?P<w>'[^']*') "
      r"\(plans: (?P<n>.+)\)$"),
     r"plans open：没有名为 \g<p> 的规划，也没有与 \g<w> 匹配的章节、专栏或指标（规划：\g<n>）"),
    (r"^plans open: '(?P<w>[^']*)' names several plans \((?P<n>.+)\): say which$",
     r"plans open：“\g<w>”可指多个规划（\g<n>），请写明是哪一个"),
    (r"^plans open: '(?P<t>[^']*)' is part of several indicators \((?P<n>.+)\): say which$",
     r"plans open：“\g<t>”是多个指标名称的一部分（\g<n>），请写明是哪一个"),
    (r"^plans open: no plan has the indicator (?P<i>.+)$", r"plans open：没有规划含指标 \g<i>"),
    (r"^plans open: (?P<w>\S+) has no indicator (?P<i>.+) \(plans that have it: (?P<o>[^()]+)\)$",
     r"plans open：\g<w>没有指标 \g<i>（有此指标的规划：\g<o>）"),
    (r"^plans open: the indicator (?P<i>.+) is in several plans \((?P<n>[^()]+)\): name one first, e\.g\. (?P<e>.+)$",
     r"plans open：指标 \g<i> 在多个规划中（\g<n>）：请先指明规划，如 \g<e>"),
    (r"^plans open: no indicator key '(?P<k>[^']*)' \(closest: (?P<c>.+)\)$",
     r"plans open：没有指标键“\g<k>”（最接近的：\g<c>）"),
    ((r"^plans open: nothing in any plan matches (?P<t>'[^']*') \(try 专栏4-3, a section path like 四 （二）, or an "
      r"indicator name\)$"),
     r"plans open：所有规划中都没有与 \g<t> 匹配的内容（可试 专栏4-3、章节路径如 四 （二），或指标名）"),
    ((r"^plans open: nothing in (?P<w>\S+) matches (?P<t>'[^']*') \(try 专栏4-3, a section path like 四 （二）, or an "
      r"indicator name\)$"),
     r"plans open：\g<w>中没有与 \g<t> 匹配的内容（可试 专栏4-3、章节路径如 四 （二），或指标名）"),
]

_TO_EN: dict[str, str] = {zh: en for zh, en in CATALOGUE}
_TO_ZH: dict[str, str] = {en: zh for zh, en in CATALOGUE}
_COMPILED: list[tuple[re.Pattern[str], str]] = []  # LINE_PATTERNS compiled on the first use (not at start-up)


def _compiled() -> list[tuple[re.Pattern[str], str]]:
    if not _COMPILED:
        _COMPILED.extend((re.compile(p), r) for p, r in LINE_PATTERNS)
    return _COMPILED


def t(message: str) -> str:
    """`message` (Chinese or English, as catalogued) in the current language; unknown ones unchanged."""
    if english():
        return _TO_EN.get(message, message)
    return _TO_ZH.get(message, message)


def t_line(line: str) -> str:
    """A one-line error in the current language (English forms of the core's errors matched by pattern)."""
    if english():
        return line
    exact = _TO_ZH.get(line)
    if exact is not None:
        return exact
    for pattern, template in _compiled():
        m = pattern.match(line)
        if m:
            return m.expand(template)
    head, sep, tail = line.rpartition("：")  # a translated prefix ("参数 --limit：") and an English reason
    if sep and tail:
        return head + sep + t_line(tail)
    return line


def yaml_problem(problem: str) -> str:
    """PyYAML's description of a syntax error, in the user's language (a generic one when uncatalogued)."""
    line = t_line(problem)
    if line == problem and not english():
        return "格式有误"
    return line


def ngettext(singular: str, plural: str, n: int) -> str:
    """gettext's ngettext over the catalogue (Chinese has no plural forms)."""
    return t(singular if n == 1 else plural)
