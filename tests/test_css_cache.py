"""The CSS parsed once and kept for the next start (themes/stylesheet.py): the same rules as a parse,
for every widget's CSS; nothing but parsed CSS read back from the file (msgpack, each object rebuilt
through one of a dozen known constructors); a start with the file parses nothing it holds and looks as
one without it."""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.css.stylesheet
from conftest import MINI
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.widget import Widget

import themes
from themes.stylesheet import _STAMP, ParsedCSS, PlansStylesheet, _digest, _encode, _Unknown
from tui.app import PlansApp
from tui.core.load import load_corpus


def _widget_classes() -> list[type[Widget]]:
    """Every widget class there is once every screen of the app is imported (Textual's own too)."""
    import textual.widgets

    import tui.palette
    import tui.screens.help
    import tui.screens.main
    import tui.screens.search  # noqa: F401
    from tui.screens.registry import SCREENS

    for entry in SCREENS.values():
        entry.load()
    for name in getattr(textual.widgets, "__all__", ()):
        getattr(textual.widgets, name)
    found: list[type[Widget]] = []
    todo: list[type[Widget]] = [Widget]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _shape(rules: list[RuleSet]) -> list[tuple[object, ...]]:
    """What a rule set is, by value (a layout compares by identity: by its repr here)."""
    return [(repr(r.selector_set), [getattr(sel._check, "args", None) for ss in r.selector_set for sel in ss.selectors],
             sorted((k, repr(v)) for k, v in r.styles.get_rules().items()), sorted(r.styles.important),
             r.errors, r.is_default_rules, r.tie_breaker, r.selector_names, r.pseudo_classes) for r in rules]


def test_every_widgets_css_comes_back_from_the_file_as_parsed(tmp_path: Path) -> None:
    app: App[None] = App()
    themes.register(app)
    variables = app.get_css_variables()
    sources = [themes.APP_CSS.read_text(encoding="utf-8")]
    sources += sorted({cls.DEFAULT_CSS for cls in _widget_classes() if "DEFAULT_CSS" in vars(cls) and cls.DEFAULT_CSS})
    writer = PlansStylesheet(variables=variables, parsed=ParsedCSS.load(tmp_path))
    parsed = [writer._parse_rules(css, ("test", str(i)), True) for i, css in enumerate(sources)]
    assert writer.parsed is not None and writer.parsed.save()
    reader = PlansStylesheet(variables=variables, parsed=ParsedCSS.load(tmp_path))
    calls: list[str] = []
    original = textual.css.stylesheet.parse

    def counted(*args: object, **kwargs: object) -> object:
        calls.append("parse")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    textual.css.stylesheet.parse = counted  # type: ignore[assignment]
    try:
        again = [reader._parse_rules(css, ("test", str(i)), True) for i, css in enumerate(sources)]
    finally:
        textual.css.stylesheet.parse = original
    assert calls == []  # every source came from the file (none named a class outside the allowed ones)
    assert [_shape(rules) for rules in again] == [_shape(rules) for rules in parsed]
    assert [[r.selector_names for r in rules] for rules in again] == [[r.selector_names for r in rules]
                                                                       for rules in parsed]
    # other variables (another theme) are another entry: parsed with them, not taken from this one
    key = (sources[0], ("test", "0"), True, 0, "")
    assert _digest({**variables, "panel": "#123456"}, key) != _digest(variables, key)
    other = PlansStylesheet(variables={**variables, "panel": "#123456"}, parsed=ParsedCSS.load(tmp_path))
    assert _shape(other._parse_rules(sources[0], ("test", "0"), True)) != _shape(parsed[0])


def test_an_entry_naming_anything_else_is_a_miss(tmp_path: Path) -> None:
    import msgspec

    with pytest.raises(_Unknown):  # (what parsed CSS is not made of is not kept)
        _encode([object()])
    cache = ParsedCSS.load(tmp_path)
    cache._saved["x" * 40] = msgspec.msgpack.encode(["c", "Popen", [["args", "echo pwned"]]])
    cache._saved["y" * 40] = b"not msgpack"
    cache._saved["z" * 40] = msgspec.msgpack.encode(["l", [["n", "Color", [1, 2, 3]]]])  # not rule sets
    assert cache.get("x" * 40) is None and cache.get("y" * 40) is None and cache.get("z" * 40) is None
    assert {"x" * 40, "y" * 40, "z" * 40}.isdisjoint(cache._saved)  # dropped: parsed again and saved again
    (tmp_path / cache.path.name).write_bytes(b"\x00 not msgpack")  # type: ignore[union-attr]
    assert ParsedCSS.load(tmp_path)._saved.keys() == {_STAMP}


def test_a_file_for_another_textual_is_not_used(tmp_path: Path) -> None:
    cache = ParsedCSS.load(tmp_path)
    cache.put("z" * 40, [])
    assert cache.save()
    assert "z" * 40 in ParsedCSS.load(tmp_path)._saved
    import msgspec

    path = cache.path
    assert path is not None
    saved = msgspec.msgpack.decode(path.read_bytes())
    saved[_STAMP] = b"another textual"
    path.write_bytes(msgspec.msgpack.encode(saved))
    assert ParsedCSS.load(tmp_path)._saved.keys() == {_STAMP}


async def test_a_start_with_the_file_parses_nothing_it_holds_and_looks_the_same(
        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = load_corpus(MINI)
    calls: list[object] = []
    original = textual.css.stylesheet.parse

    def counted(scope: str, css: str, read_from: object, **kwargs: object) -> object:
        calls.append(read_from)
        return original(scope, css, read_from, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    looks: list[tuple[str, list[tuple[object, ...]]]] = []
    parsed: list[list[object]] = []
    for _ in range(2):  # (the first saves what it parsed as it closes)
        calls.clear()
        app = PlansApp(corpus, save_settings=False, prepare_screens=False)
        assert isinstance(app.stylesheet, PlansStylesheet)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            looks.append((app.export_screenshot(), _shape(app.stylesheet.rules)))
            parsed.append(list(calls))
    assert parsed[1] == []  # the second start parsed nothing
    assert looks[0] == looks[1]


def test_no_cache_dir_use_with_plans_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANS_NO_CACHE", "1")
    app = PlansApp(load_corpus(MINI), save_settings=False)
    assert isinstance(app.stylesheet, PlansStylesheet) and app.stylesheet.parsed is None
    assert isinstance(app.stylesheet, Stylesheet)
