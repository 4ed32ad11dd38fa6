"""`plans search QUERY [--plan P] [--kind K] [--limit N] [--json]`: fuzzy search from the shell.

In a terminal: ranked results, two lines each (plan · kind · breadcrumb, then a snippet with the
matched characters highlighted). In a pipe: one line per result,
``plan<TAB>kind<TAB>breadcrumb<TAB>snippet``. With --json: one JSON object per line (plan, kind,
key, breadcrumb, text, score, highlights). No results: exit 1 with a message on stderr. The query
syntax is the app's (see `tui.core.search.query`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from tui.core.i18n import said, t, t_line
from tui.core.safetext import json_text, visible
from tui.core.search.query import KIND_GROUPS, MAX_QUERY, kinds_for, parse
from tui.core.termenc import json_for

EXIT_NONE = 1
EXIT_USAGE = 2
PIPE_SNIPPET = 80  # cells of snippet per line in a pipe


def _one_line_error(parser: argparse.ArgumentParser):
    def error(message: str) -> NoReturn:
        hint = t("（见 {prog} --help）").format(prog="plans search")
        sys.stderr.write(visible(said("plans search", f"{t_line(message)}{hint}"), multiline=False) + "\n")
        raise SystemExit(EXIT_USAGE)

    return error


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # the subcommand's own one-line usage error (the parser is made by argparse's add_subparsers)
    parser.error = _one_line_error(parser)  # type: ignore[method-assign]
    parser.add_argument("query", nargs="+", metavar=t("QUERY"),
                        help="terms (all must match); pinyin, 'exact, !exclude, @plan, #kind")
    parser.add_argument("--plan", "-p", action="append", metavar="P",
                        help="only this plan (id, name or pinyin); repeat for several")
    parser.add_argument("--kind", "-k", action="append", metavar="K",
                        help=t("only this kind: ") + " ".join(KIND_GROUPS) + t(" (or zl/zb/bt…, column/indicator…)"))
    parser.add_argument("--limit", "-n", type=_positive, default=20, metavar="N", help="at most N results (20)")
    parser.add_argument("--json", action="store_true", help="JSON lines")


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    sys.stderr.write(visible(said("plans search", t_line(message)), multiline=False) + "\n")  # it may name plans
    return code


def run(args: argparse.Namespace) -> int:
    from tui.core.load import PlansFileError, load_corpus
    from tui.core.locations import DEFAULT_DATA
    from tui.core.search import index_for

    query = " ".join(args.query).strip()
    if not query:
        return _fail("empty query")
    if len(query) > MAX_QUERY:
        return _fail(f"query too long ({len(query):,} characters; at most {MAX_QUERY})")
    kinds: set[str] | None = None
    for k in args.kind or []:
        ks = kinds_for(k.lstrip("#"))
        if ks is None:
            return _fail(f"--kind: unknown kind {k!r} (choose from {' '.join(KIND_GROUPS)})")
        kinds = ks if kinds is None else kinds | ks
    path = Path(getattr(args, "data", None) or DEFAULT_DATA)
    try:
        corpus = load_corpus(path)
    except PlansFileError as exc:
        return _fail(str(exc))
    if corpus.user_problem:  # the shipped plans are searched; the user's file is damaged
        sys.stderr.write(visible(said("plans search", corpus.user_problem), multiline=False) + "\n")
    index = index_for(corpus)
    known = ", ".join(f"{pid} {names[1] if len(names) > 1 else ''}".strip() for pid, names in index.plans)
    plans: list[str] | None = None
    if args.plan:
        ids: set[str] = set()
        for p in args.plan:
            found = index.plans_for(p.lstrip("@"))
            if not found:
                return _fail(f"--plan: no plan matches {p!r} (plans: {known})")
            ids |= found
        plans = sorted(ids)
    for tok in parse(query).plan_tokens:  # @plan in the query: the same message as --plan's
        if not index.plans_for(tok):
            return _fail(f"no plan matches @{tok} (plans: {known})")
    result = index.search(query, limit=args.limit, plans=plans, kinds=kinds)
    if result.errors:
        return _fail("; ".join(result.errors))
    if not result.hits:
        return _fail(f"no results for {query!r}", EXIT_NONE)
    out = sys.stdout
    if args.json:
        for hit in result.hits:
            u = hit.unit
            out.write(json_for(json_text(json.dumps({
                "plan": u.plan_id, "plan_name": u.plan_short, "kind": u.kind, "key": u.key,
                "breadcrumb": list(u.crumbs), "text": u.text, "score": hit.score, "tier": hit.tier_name,
                "highlights": [list(s) for s in hit.spans],
            }, ensure_ascii=False)), out) + "\n")
    elif out.isatty():
        from rich.console import Console

        render_rich(result, Console(highlight=False))
    else:
        for line in plain_lines(result):
            out.write(line + "\n")
    out.flush()
    return 0


def _clean(text: str) -> str:
    """One field of a tab-separated line: whitespace that would split it as a space, every other
    control character as its stand-in (a pipe often ends in a terminal)."""
    return visible(text.replace("\t", " ").replace("\r", " ").replace("\n", " "), multiline=False)


def plain_lines(result) -> list[str]:
    from tui.core.search import snippet

    lines = []
    for hit in result.hits:
        u = hit.unit
        snip, _ = snippet(visible(u.text), hit.spans, PIPE_SNIPPET)
        lines.append("\t".join((_clean(u.plan_id), u.kind, _clean(u.breadcrumb), _clean(snip))))
    return lines


def render_rich(result, console) -> None:
    """Two lines per hit; plan text goes in as `Text` (never markup)."""
    from rich.text import Text

    from tui.core.search.display import head_line, snippet_line

    width = max(22, console.width)
    for hit in result.hits:
        console.print(head_line(hit, width, plan_style="bold cyan", kind_style="magenta"),
                      no_wrap=True, overflow="ellipsis", crop=True)
        console.print(snippet_line(hit, width, match_style="bold yellow reverse"),
                      no_wrap=True, overflow="crop", crop=True)
    if result.more:
        more = t("… 还有更多结果（显示了 {n} 条；用 --limit 看更多）").format(n=len(result.hits))
        console.print(Text(more, style="dim"))
