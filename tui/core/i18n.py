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
    # the placeholders in usage lines and errors (argparse's metavars)
    ("文件", "FILE"),
    ("关键词", "QUERY"),
    ("位置", "WHERE"),
    ("编号", "ID"),
    ("字段=值", "KEY=VALUE"),
    ("目录", "DIR"),
    ("指标", "INDICATOR"),
    ("主题", "THEME"),
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
    ("输出格式：table（终端表格，默认）、csv、md（Markdown）或 json",
     "output: table (on the terminal, the default), csv, md (Markdown) or json"),
    # CLI results and errors
    ("… 还有更多结果（显示了 {n} 条；用 --limit 看更多）", "… more results (showing {n}; use --limit)"),
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
    (r"^(?:could not|did not) find expected node content$", "缺少应有的内容（值）"),
    (r"^(?:could not|did not) find expected '(?P<a>.)' or '(?P<b>.)'$", r"缺少应有的“\g<a>”或“\g<b>”"),
    (r"^(?:could not|did not) find expected '(?P<c>.)'$", r"缺少应有的“\g<c>”"),
    (r"^(?:could not|did not) find expected (?P<c>.+)$", r"缺少应有的 \g<c>"),
    (r"^found unknown escape character (?P<c>.+)$", r"未知的转义字符 \g<c>"),
    (r"^mapping values are not allowed here$", "这里不能有“键: 值”"),
    (r"^mapping values are not allowed in this context$", "这里不能有“键: 值”"),
    (r"^block sequence entries are not allowed in this context$", "这里不能有列表项“- ”"),
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
    (r"^query too long \((?P<n>[\d,]+) characters; at most (?P<m>\d+)\)$", r"查询太长（\g<n> 个字符，最多 \g<m> 个）"),
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
    (r"^… and (?P<n>[\d,]+) more problems? \(fix these and run plans check again\)$",
     r"… 另有 \g<n> 个问题（改好这些后再运行 plans check）"),
    (r"^unknown kind #(?P<k>.*) \(try #专栏 #指标 #标题 #段落 #条目 #规划\)$",
     r"没有这种类型“#\g<k>”（可用 #专栏 #指标 #标题 #段落 #条目 #规划）"),
    (r"^no indicator (?P<i>'.*') in (?P<f>.+) \(see plans indicators\)$", r"\g<f> 中没有指标 \g<i>（见 plans indicators）"),
    (r"^--mode pair needs exactly two plans \(--plans A,B\), got (?P<n>\d+)$",
     r"--mode pair 需要恰好两个规划（--plans 甲,乙），现在是 \g<n> 个"),
    # reading a plans file (tui/core/textfile.py, tui/core/yamlpos.py, tui/core/load.py)
    (r"^(?P<f>.+): not a regular file \(a character device\); give the path of a YAML file$",
     r"\g<f>：不是普通文件（是字符设备）；请给出 YAML 文件的路径"),
    (r"^(?P<f>.+): not a regular file \(a block device\); give the path of a YAML file$",
     r"\g<f>：不是普通文件（是块设备）；请给出 YAML 文件的路径"),
    (r"^(?P<f>.+): not a regular file \(a socket\); give the path of a YAML file$",
     r"\g<f>：不是普通文件（是套接字）；请给出 YAML 文件的路径"),
    (r"^(?P<f>.+): not a regular file \(not a file\); give the path of a YAML file$",
     r"\g<f>：不是普通文件；请给出 YAML 文件的路径"),
    (r"^(?P<f>.+): too large \((?P<s>[\d,]+) (?P<u>bytes|MB); at most (?P<m>[\d,]+) (?P<v>bytes|MB)\)$",
     r"\g<f>：文件太大（\g<s> \g<u>；至多 \g<m> \g<v>）"),
    (r"^(?P<f>.+): too large \(more than (?P<m>[\d,]+) (?P<v>bytes|MB)\)$", r"\g<f>：文件太大（超过 \g<m> \g<v>）"),
    (r"^(?P<f>.+:\d+): (?P<p>\S+): YAML anchor (?P<a>&\S+): plans files do not use anchors and aliases; write the value out$",
     r"\g<f>: \g<p>：YAML 锚点 \g<a>：规划文件不用锚点和别名，请把值写出来"),
    (r"^(?P<f>.+:\d+): YAML anchor (?P<a>&\S+): plans files do not use anchors and aliases; write the value out$",
     r"\g<f>: YAML 锚点 \g<a>：规划文件不用锚点和别名，请把值写出来"),
    (r"^found character that cannot start any token$", "有不能出现在这里的字符（如用 Tab 缩进）"),
    (r"^but found another document$", "文件里有第二个 YAML 文档（---）"),
    (r"^\(and (?P<n>\d+) more problems?; run: plans check (?P<f>.+)\)$", r"（另有 \g<n> 个问题；运行 plans check \g<f> 查看）"),
    # plans serve
    (r"^--max-sessions (?P<v>.+): must be between 1 and 1000$", r"--max-sessions \g<v>：应在 1 到 1000 之间"),
    (r"^--port (?P<v>.+): must be between 0 and 65535$", r"--port \g<v>：应在 0 到 65535 之间"),
    (r"^--token: use at least 8 printable ASCII characters without spaces$",
     "--token：至少 8 个可打印的 ASCII 字符，不含空格"),
    (r"^(?P<d>.+): cannot create the session directory: (?P<e>.+)$", r"\g<d>：无法创建会话目录：\g<e>"),
    (r"^cannot listen on (?P<a>\S+): (?P<e>.+)$", r"无法在 \g<a> 上监听：\g<e>"),
    # a plan's metadata file, corrected by hand, then `plans add --rebuild` (tui/core/importer/sources.py)
    (r"^(?P<f>.+): invalid YAML: (?P<m>.+)$", r"\g<f>：YAML 有误：\g<m>"),
    (r"^(?P<f>.+): expected a mapping of metadata fields$", r"\g<f>：应为“字段: 值”的元数据"),
    (r"^(?P<f>.+): (?P<k>\w+): unknown field \(known: (?P<n>.+)\)$", r"\g<f>：\g<k>：没有这个字段（可用：\g<n>）"),
    (r"^(?P<f>.+): (?P<k>\w+): missing \(a non-empty string is required\)$", r"\g<f>：\g<k>：缺少（须为非空文字）"),
    (r"^(?P<f>.+): id: '(?P<i>.*)' does not match the file name '(?P<n>.*)'$", r"\g<f>：id：“\g<i>”与文件名“\g<n>”不符"),
    (r"^(?P<f>.+): order: missing \(a whole number giving the plan's place in the corpus\)$",
     r"\g<f>：order：缺少（整数：规划在列表中的位置）"),
    (r"^(?P<f>.+): (?P<k>\w+): missing \(a year is required\)$", r"\g<f>：\g<k>：缺少（须为年份）"),
    (r"^(?P<f>.+): (?P<k>\w+): expected a year, got (?P<v>.+)$", r"\g<f>：\g<k>：应为年份（如 2021），却是 \g<v>"),
    (r"^(?P<f>.+): vision_year: expected a year or null$", r"\g<f>：vision_year：应为年份或 null"),
    (r"^(?P<f>.+): level: '(?P<v>.*)' is not one of (?P<l>.+)$", r"\g<f>：level：“\g<v>”不是 \g<l> 之一"),
    (r"^(?P<f>.+): (?P<k>\w+): '(?P<v>.*)' is not an ISO date \(YYYY-MM-DD\) in quotes$",
     r"\g<f>：\g<k>：“\g<v>”不是加引号的 ISO 日期（'YYYY-MM-DD'）"),
    (r"^(?P<f>.+): (?P<k>\w+): expected text, got (?P<v>.+)$", r"\g<f>：\g<k>：应为文字，却是 \g<v>"),
    (r"^(?P<f>.+): source: no such file (?P<p>.+)$", r"\g<f>：source：没有文件 \g<p>"),
    (r"^(?P<f>.+): empty source text$", r"\g<f>：源文本为空"),
    (r"^(?P<f>.+): no line reads the title '(?P<t>.*)' given in (?P<m>\S+) \(front matter ends at the title line\)$",
     r"\g<f>：没有一行是 \g<m> 给出的标题“\g<t>”（卷首到标题行为止）"),
    (r"^(?P<f>.+): hints: expected a mapping, got (?P<t>\w+)$", r"\g<f>：hints：应为映射，却是 \g<t>"),
    (r"^(?P<f>.+): hints\.reflow: expected true or false$", r"\g<f>：hints.reflow：应为 true 或 false"),
    (r"^(?P<f>.+): hints\.back_starts: expected a list of non-empty strings$",
     r"\g<f>：hints.back_starts：应为非空文字的列表"),
    (r"^(?P<f>.+): hints\.columns: expected a mapping of 专栏 number to hint$",
     r"\g<f>：hints.columns：应为“专栏编号: 提示”的映射"),
    (r"^(?P<f>.+): hints\.(?P<k>\S+): unknown hint \(known: reflow, back_starts, columns\)$",
     r"\g<f>：hints.\g<k>：没有这种提示（可用：reflow、back_starts、columns）"),
    (r"^(?P<f>.+): (?P<p>\S+): expected a mapping \(end_before, end_after, grid, entry_split\)$",
     r"\g<f>：\g<p>：应为映射（end_before、end_after、grid、entry_split）"),
    (r"^(?P<f>.+): (?P<p>\S+): expected a non-empty string$", r"\g<f>：\g<p>：应为非空文字"),
    (r"^(?P<f>.+): (?P<p>\S+)\.entry_split: bad regular expression: (?P<e>.+)$",
     r"\g<f>：\g<p>.entry_split：正则表达式有误：\g<e>"),
    (r"^(?P<f>.+): (?P<p>\S+)\.grid: expected a whole number of cells per row \(>= 2\)$",
     r"\g<f>：\g<p>.grid：应为每行格数（不小于 2 的整数）"),
    (r"^(?P<f>.+): (?P<p>\S+): unknown column hint \(known: end_before, end_after, grid, entry_split\)$",
     r"\g<f>：\g<p>：没有这种专栏提示（可用：end_before、end_after、grid、entry_split）"),
    (r"^(?P<f>.+): (?P<p>\S+): give end_before or end_after, not both$", r"\g<f>：\g<p>：end_before 与 end_after 只能给一个"),
    # plans add / plans remove (tui/core/adder): the document, its encoding, --set, the store
    (r"^(?P<f>.+): a spreadsheet, not a plan \(plans add reads \.pdf, \.docx, \.html and \.txt\)$", r"\g<f>：是电子表格，不是规划（plans add 可读 .pdf、.docx、.html 和 .txt）"),
    (r"^(?P<f>.+): a zip archive, not a Word file \(plans add reads \.pdf, \.docx, \.html and \.txt\)$", r"\g<f>：是 zip 压缩包，不是 Word 文件（plans add 可读 .pdf、.docx、.html 和 .txt）"),
    (r"^(?P<f>.+): an old binary Word file \(\.doc\); save it as \.docx, not a plan \(plans add reads \.pdf, \.docx, \.html and \.txt\)$",
     r"\g<f>：是旧版 Word 文件（.doc），不是规划：请另存为 .docx 再添加"),
    (r"^(?P<f>.+): a WPS file; save it as \.docx, not a plan \(plans add reads \.pdf, \.docx, \.html and \.txt\)$", r"\g<f>：是 WPS 文件，不是规划：请另存为 .docx 再添加"),
    (r"^(?P<f>.+): an OFD file; save it as PDF, not a plan \(plans add reads \.pdf, \.docx, \.html and \.txt\)$", r"\g<f>：是 OFD 文件，不是规划：请另存为 PDF 再添加"),
    (r"^(?P<f>.+): an image, not a plan \(plans add reads \.pdf, \.docx, \.html and \.txt\)$", r"\g<f>：是图片，不是规划（plans add 可读 .pdf、.docx、.html 和 .txt）"),
    (r"^(?P<f>.+): an archive, not a plan \(plans add reads \.pdf, \.docx, \.html and \.txt\)$", r"\g<f>：是压缩包，不是规划（plans add 可读 .pdf、.docx、.html 和 .txt）"),
    (r"^(?P<f>.+): a presentation, not a plan \(plans add reads \.pdf, \.docx, \.html and \.txt\)$", r"\g<f>：是演示文稿，不是规划（plans add 可读 .pdf、.docx、.html 和 .txt）"),
    (r"^(?P<f>.+): a damaged zip/Office file: (?P<e>.+)$", r"\g<f>：zip/Office 文件已损坏：\g<e>"),
    (r"^(?P<f>.+): an old binary Office file; save it as \.docx \(or PDF\) and add that$",
     r"\g<f>：是旧版二进制 Office 文件：请另存为 .docx（或 PDF）再添加"),
    (r"^(?P<f>.+): is a directory, not a file$", r"\g<f>：是目录，不是文件"),
    (r"^(?P<f>.+): cannot read: (?P<e>.+)$", r"\g<f>：无法读取：\g<e>"),
    (r"^(?P<f>.+): no text in this PDF \(a scanned image\? plans add needs a PDF with a text layer\)$",
     r"\g<f>：这个 PDF 里没有文字（是扫描图像吗？plans add 需要带文字层的 PDF）"),
    (r"^(?P<f>.+): no text on this web page$", r"\g<f>：这个网页上没有文字"),
    (r"^(?P<f>.+): no text in this Word file$", r"\g<f>：这个 Word 文件里没有文字"),
    (r"^(?P<f>.+): no text$", r"\g<f>：没有文字"),
    (r"^(?P<f>.+): (?P<m>python-docx|lxml|pdfplumber) is not installed \((?P<p>pip install \S+)\)$",
     r"\g<f>：没有安装 \g<m>（\g<p>）"),
    (r"^(?P<f>.+): not a readable Word file: (?P<e>.+)$", r"\g<f>：无法读取的 Word 文件：\g<e>"),
    (r"^(?P<f>.+): not a readable web page: (?P<e>.+)$", r"\g<f>：无法读取的网页：\g<e>"),
    (r"^(?P<f>.+): not a readable PDF: (?P<e>.+)$", r"\g<f>：无法读取的 PDF：\g<e>"),
    (r"^(?P<f>.+): a PDF with no pages$", r"\g<f>：这个 PDF 没有页面"),
    ((r"^(?P<f>.+): the PDF's fonts have no Unicode mapping \(its text reads \(cid:…\)\); "
      r"ask for a Word or web copy, or OCR it$"),
     r"\g<f>：这个 PDF 的字体没有 Unicode 映射（文字读出来是 (cid:…)）：请要一份 Word 或网页版，或先做文字识别（OCR）"),
    (r"^(?P<f>.+): starts with a UTF-8 byte-order mark but byte (?P<b>\d+) is not UTF-8$",
     r"\g<f>：以 UTF-8 字节序标记开头，但第 \g<b> 字节不是 UTF-8"),
    (r"^(?P<f>.+): starts with a (?P<l>UTF-16[LB]E) byte-order mark but is not (?P=l)$",
     r"\g<f>：以 \g<l> 字节序标记开头，但内容不是 \g<l>"),
    (r"^(?P<f>.+): binary data \(NUL bytes\), not a text file$", r"\g<f>：是二进制数据（含 NUL 字节），不是文本文件"),
    ((r"^(?P<f>.+): cannot tell the encoding: not UTF-8 \(byte (?P<u>\d+)\) nor GB18030 \(byte (?P<g>\d+)\); "
      r"save it as UTF-8 and add it again$"),
     r"\g<f>：认不出编码：既不是 UTF-8（第 \g<u> 字节）也不是 GB18030（第 \g<g> 字节）；请另存为 UTF-8 再添加"),
    ((r"^(?P<f>.+): cannot tell the encoding: not UTF-8 \(byte (?P<u>\d+)\); read as GB18030 only "
      r"(?P<s>\S+) of its non-ASCII characters are Chinese; save it as UTF-8 and add it again$"),
     r"\g<f>：认不出编码：不是 UTF-8（第 \g<u> 字节）；按 GB18030 读，非 ASCII 字符中只有 \g<s> 是汉字；请另存为 UTF-8 再添加"),
    ((r"^(?P<f>.+): not a plan: no title line \(…规划 naming 十四五 or its years\) before the first chapter; "
      r"if it is one, give the title line as printed: --set title=…$"),
     r"\g<f>：不是规划：第一章之前没有标题行（含“十四五”或其年份的“…规划”）；如果是规划，请照原样给出标题行：--set title=…"),
    (r"^(?P<f>.+): not a plan: no chapter or section headings \(一、… （一）…\) after the title$",
     r"\g<f>：不是规划：标题之后没有章节标题（一、… （一）…）"),
    (r"^(?P<f>.+): cannot tell (?P<k>.+) from the text; give (?P<s>--set .+)$", r"\g<f>：从文中看不出 \g<k>：请用 \g<s> 给出"),
    (r"^(?P<f>.+): cannot make an id; give --set id=…$", r"\g<f>：无法生成编号：请用 --set id=… 给出"),
    (r"^--set (?P<p>.*): expected key=value \(e\.g\. (?P<e>.+)\)$", r"--set \g<p>：应为 字段=值（例如 \g<e>）"),
    (r"^--set (?P<k>.+): unknown field \(known: (?P<n>.+)\)$", r"--set \g<k>：没有这个字段（可用：\g<n>）"),
    (r"^--set (?P<k>.+)=(?P<v>.*): expected a year such as 2025$", r"--set \g<k>=\g<v>：应为年份，例如 2025"),
    (r"^--set (?P<k>.+)=(?P<v>.*): expected a date \((?P<e>.+) or (?P<c>.+)\)$",
     r"--set \g<k>=\g<v>：应为日期（\g<e> 或 \g<c>）"),
    (r"^--set level=(?P<v>.*): expected city \(市\) or district \(区/县\)$", r"--set level=\g<v>：应为 city（市）或 district（区/县）"),
    (r"^--set id=(?P<v>.*): expected lower-case letters, digits and '-' \(e\.g\. (?P<e>.+)\)$",
     r"--set id=\g<v>：只能用小写字母、数字和“-”（例如 \g<e>）"),
    (r"^--set id=(?P<v>.*): a shipped plan has this id; choose another$", r"--set id=\g<v>：内置规划已用了这个编号，请另选一个"),
    (r"^--set title=(?P<v>.*): no line of the text reads so$", r"--set title=\g<v>：文中没有这样一行"),
    (r"^plans remove: no added plan (?P<p>'.*') \(added plans: none\)$", r"plans remove：没有自添规划 \g<p>（还没有添加任何规划）"),
    (r"^plans remove: no added plan (?P<p>'.*') \(added plans: (?P<l>.+)\)$", r"plans remove：没有自添规划 \g<p>（已添加：\g<l>）"),
    (r"^(?P<f>.+) is already added as (?P<i>\S+) \(unchanged\); nothing to do$", r"\g<f> 已添加为 \g<i>（未变）：无需操作"),
    (r"^give a file: plans add FILE \[--dry-run\] \[--set key=value …\]$",
     r"请给出文件：plans add 文件 [--dry-run] [--set 字段=值 …]"),
    (r"^(?P<f>.+): coverage (?P<c>[\d.]+)%, not 100%: some text would be lost; nothing written$",
     r"\g<f>：覆盖率 \g<c>%，不是 100%：会丢失部分文字；未写入任何文件"),
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
            out = m.expand(template)
            head, sep, tail = out.rpartition("：")  # a part left in English ("YAML 有误：" + PyYAML's words)
            if sep and tail.isascii() and any(c.isalpha() for c in tail):
                return head + sep + t_line(tail)
            return out
    head, sep, tail = line.rpartition("：")  # a translated prefix ("参数 --limit：") and an English reason
    if sep and tail:
        return head + sep + t_line(tail)
    return line


def said(prog: str, message: str) -> str:
    """A command's one-line message in the command line's one style: ``plans add：…`` in Chinese (the
    full-width colon, as in every Chinese line), ``plans add: …`` in English."""
    return f"{prog}: {message}" if english() else f"{prog}：{message}"


def yaml_problem(problem: str) -> str:
    """PyYAML's description of a syntax error, in the user's language (a generic one when uncatalogued)."""
    line = t_line(problem)
    if line == problem and not english():
        return "格式有误"
    return line


def ngettext(singular: str, plural: str, n: int) -> str:
    """gettext's ngettext over the catalogue (Chinese has no plural forms)."""
    return t(singular if n == 1 else plural)
