"""The CSS cache writes the classes parsed CSS is mostly made of positionally (themes/stylesheet.py
`_SHAPES`): with the Textual installed it does, and what it reads back is what was parsed."""

from __future__ import annotations

from pathlib import Path

import msgspec
from textual.css.model import RuleSet

import themes
from themes import stylesheet
from themes.stylesheet import ParsedCSS, PlansStylesheet


def _tags(value: object, found: set[str]) -> set[str]:
    if isinstance(value, list) and value and isinstance(value[0], str):
        found.add(value[0])
    if isinstance(value, list):
        for v in value:
            _tags(v, found)
    return found


def test_rules_are_written_in_their_positional_shapes(tmp_path: Path) -> None:
    assert stylesheet._POSITIONAL  # (a Textual whose classes changed: update `_SHAPES`, or starts read more)
    from textual.app import App

    app: App[None] = App()
    themes.register(app)
    css = themes.APP_CSS.read_text(encoding="utf-8")
    writer = PlansStylesheet(variables=app.get_css_variables(), parsed=ParsedCSS.load(tmp_path))
    parsed = writer._parse_rules(css, ("test", "app"), False)
    assert writer.parsed is not None and writer.parsed.save()
    cache = ParsedCSS.load(tmp_path)
    (digest,) = [k for k in cache._saved if k != stylesheet._STAMP]
    tags = _tags(msgspec.msgpack.decode(cache._saved[digest]), set())
    assert {"R", "T", "S", "Y", "C"} <= tags and "c" not in tags  # no rule set, styles or selector in general form
    again = cache.get(digest)
    assert again is not None
    assert [_shape(r) for r in again] == [_shape(r) for r in parsed]


def _shape(r: RuleSet) -> tuple[object, ...]:
    """A rule set by value (a layout compares by identity: by its repr here)."""
    return (repr(r.selector_set), [getattr(s._check, "args", None) for ss in r.selector_set for s in ss.selectors],
            [(s.advance, s.specificity, s.pseudo_classes) for ss in r.selector_set for s in ss.selectors],
            sorted((k, repr(v)) for k, v in r.styles.get_rules().items()), r.styles.important, r.selector_names,
            r.pseudo_classes, r.is_default_rules, r.tie_breaker, r.errors)
