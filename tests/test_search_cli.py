"""`plans search`: plain lines in a pipe, JSON lines, rich output in a terminal, errors."""

from __future__ import annotations

import io
import json

from conftest import MINI
from rich.console import Console

from tui.cli import main
from tui.cmd_search import render_rich
from tui.core.load import load_corpus
from tui.core.search import index_for


def test_plain_lines_in_a_pipe(capsys):
    assert main(["search", "--data", str(MINI), "zhongdian"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out
    for line in out:
        plan, kind, _crumbs, snip = line.split("\t")
        assert plan in ("alpha-2021", "beta-2021") and kind in ("para", "entry") and "重点" in snip
    assert out[0].split("\t")[2].startswith("甲市 › 二、主要任务")


def test_json_lines(capsys):
    assert main(["search", "--data", str(MINI), "--json", "R&D", "jingfei"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    first = rows[0]
    assert set(first) >= {"plan", "kind", "key", "breadcrumb", "text", "score", "highlights"}
    assert first["kind"] == "indicator" and first["key"] == "alpha-2021/2.2"
    s, e = first["highlights"][0]
    assert first["text"][s:e] == "R&D经费"


def test_filters_and_limit(capsys):
    assert main(["search", "--data", str(MINI), "--plan", "yiqu", "--kind", "段落", "-n", "1", "重点"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("beta-2021\tpara\t")


def test_no_results_exit_1(capsys):
    assert main(["search", "--data", str(MINI), "量子引力"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "没有找到" in captured.err and len(captured.err.splitlines()) == 1


def test_bad_options_one_line(capsys):
    assert main(["search", "--data", str(MINI), "--kind", "bogus", "x"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert main(["search", "--data", str(MINI), "--plan", "nowhere", "x"]) == 2
    assert "没有与 'nowhere' 匹配的规划" in capsys.readouterr().err
    try:
        main(["search", "--data", str(MINI), "--limit", "0", "x"])
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--limit" in err[0]
    assert main(["search", "--data", "/nonexistent.yaml", "x"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_rich_output_highlights_and_keeps_markup_literal():
    index = index_for(load_corpus(MINI))
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=60, color_system="standard", highlight=False)
    render_rich(index.search("[bold"), console)
    raw = buf.getvalue()
    assert "\x1b[" in raw  # coloured
    out = io.StringIO()
    plain = Console(file=out, width=60)
    render_rich(index.search("[bold"), plain)
    text = out.getvalue()
    assert "[bold]不是标记[/bold]" in text
    assert all(len(line) <= 60 for line in text.splitlines())


def test_unknown_plan_in_the_query_is_one_clear_line(capsys):
    assert main(["search", "--data", str(MINI), "重点", "@nothing"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["plans search：没有与 @nothing 匹配的规划（规划：alpha-2021 甲市, beta-2021 乙区）"]


def test_app_and_cli_build_the_head_line_in_one_place():
    """plan · kind · breadcrumb and the snippet come from tui.core.search.display for both."""
    from rich.cells import cell_len

    from tui.core.search.display import head_line, snippet_line
    from widgets.search_results import hit_prompt

    index = index_for(load_corpus(MINI))
    hit = index.search("[bold").hits[0]
    head = head_line(hit, 200)
    assert head.plain.startswith(f"{hit.unit.plan_short} · {hit.unit.label} · ")
    assert " › ".join(hit.unit.crumbs[1:]) in head.plain
    assert "[bold]不是标记[/bold]" in snippet_line(hit, 200).plain  # plan text stays literal
    for width in (12, 17, 30):
        short = head_line(hit, width)
        assert cell_len(short.plain) <= width and short.plain.endswith("…") and not short.plain.endswith(" …")
        assert cell_len(snippet_line(hit, width).plain) <= width
    assert hit_prompt(hit, 40).plain.split("\n") == [head_line(hit, 40).plain, snippet_line(hit, 40).plain]
    out = io.StringIO()
    console = Console(file=out, width=40)
    render_rich(index.search("[bold"), console)
    assert out.getvalue().splitlines()[:2] == [head_line(hit, 40).plain, snippet_line(hit, 40).plain]
    styled = head_line(hit, 80, plan_style="bold cyan", kind_style="magenta")
    assert any(span.style == "bold cyan" for span in styled.spans)
