"""themes/stylesheet.py: a parse after sources were added reads only those, and gives the same rules and
the same map of selectors to rules as Textual's whole parse; a source changed in place, or one that fails,
is handled as Textual handles it."""

from __future__ import annotations

from typing import Any

import pytest
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from themes.stylesheet import PlansStylesheet

SOURCES = [
    ("A { color: red; }\nA > .a--x { text-style: bold; }", True),
    ("B { background: blue; }\nA B { width: 10; }", True),
    ("C, A { height: 3; }\n#c { margin: 1; }", False),
    (".d:focus { color: green; }\nA.d { padding: 1 2; }", True),
]


def _both(sources: list[tuple[str, bool]]) -> tuple[PlansStylesheet, Stylesheet]:
    ours, textual = PlansStylesheet(), Stylesheet()
    for i, (css, defaults) in enumerate(sources):
        for sheet in (ours, textual):
            sheet.add_source(css, read_from=("test", str(i)), is_default_css=defaults, tie_breaker=i)
    return ours, textual


def _same(ours: PlansStylesheet, textual: Stylesheet) -> None:
    assert ours.rules == textual.rules
    assert ours.rules_map == textual.rules_map
    assert [list(v) for v in ours.rules_map.values()] == [list(v) for v in textual.rules_map.values()]


def test_sources_added_one_at_a_time_parse_only_the_new_ones_to_the_same_rules(
        monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    original = PlansStylesheet._parse_rules

    def counted(self: PlansStylesheet, css: str, *args: Any, **kwargs: Any) -> list[RuleSet]:
        parsed.append(css)
        return original(self, css, *args, **kwargs)

    monkeypatch.setattr(PlansStylesheet, "_parse_rules", counted)
    ours, textual = PlansStylesheet(), Stylesheet()
    for i, (css, defaults) in enumerate(SOURCES):
        for sheet in (ours, textual):
            sheet.add_source(css, read_from=("test", str(i)), is_default_css=defaults, tie_breaker=i)
        parsed.clear()
        _same(ours, textual)
        assert parsed == [css]  # (only the new source; the first time, the only one)


def test_a_source_changed_in_place_parses_everything_again() -> None:
    ours, textual = _both(SOURCES)
    _same(ours, textual)
    for sheet in (ours, textual):
        sheet.add_source("B { background: green; }", read_from=("test", "1"), is_default_css=True, tie_breaker=1)
        sheet.add_source("E { color: red; }", read_from=("test", "9"))
    _same(ours, textual)
    assert "E" in ours.rules_map and "A" in ours.rules_map and "B" in ours.rules_map


def test_a_bad_source_fails_as_in_textual_and_is_left_out_after() -> None:
    ours, textual = _both(SOURCES[:2])
    _same(ours, textual)
    for sheet in (ours, textual):
        sheet.add_source("F { colour: red; }", read_from=("test", "bad"))
        with pytest.raises(StylesheetParseError):
            sheet.parse()
        sheet.add_source(SOURCES[2][0], read_from=("test", "2"))
    _same(ours, textual)


def test_a_reparse_then_more_sources() -> None:
    ours, textual = _both(SOURCES[:3])
    _same(ours, textual)
    for sheet in (ours, textual):
        sheet.reparse()
        sheet.add_source(SOURCES[3][0], read_from=("test", "3"))
    _same(ours, textual)
