"""tui.core.safetext: the one-to-one stand-ins for control characters and bidi overrides."""

from __future__ import annotations

import json

from tui.core.safetext import body, is_clean, json_text, safe_text, squeeze, visible


def test_visible_is_one_to_one_and_keeps_text():
    s = "甲\x1b]0;T\x07乙\x9b2J\u202e丙\n\t丁 [bold]x[/]"
    assert visible(s) == "甲␛]0;T␇乙�2J�丙\n\t丁 [bold]x[/]"
    assert visible(s, multiline=False) == "甲␛]0;T␇乙�2J�丙␊␉丁 [bold]x[/]"
    assert len(visible(s)) == len(visible(s, multiline=False)) == len(s)
    assert is_clean("研发经费 2.8%\n") and not is_clean("a\x00")


def test_body_squeeze_and_text():
    assert body("a\tb\r\nc\x1b") == "a b␍\nc␛"
    assert squeeze("  一、\n发展\x85基础\x1c ") == "一、 发展�基础␜"
    text = safe_text("a\rb\x07c", "bold")
    assert text.plain == "a␍b␇c"  # Rich alone would drop CR and BEL
    assert str(text.style) == "bold"
    assert safe_text("x\ny", multiline=True).plain == "x\ny"
    assert safe_text("[bold]x[/]").plain == "[bold]x[/]"  # never markup


def test_json_text_escapes_every_control_and_stays_exact():
    data = {"t": "a\x1b]0;T\x07\x9b\x7f\u202e\u2028é"}
    dumped = json_text(json.dumps(data, ensure_ascii=False))
    assert json.loads(dumped) == data
    assert all(not (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u2028") for c in dumped)
    assert "é" in dumped
