"""The ANSI theme's selected text (the query `/` reopens on is selected; mouse selection on screen)
reads on dark and light terminals: it was the terminal's own text colour on blue, black on blue on a
light terminal (2.2:1 in xterm's palette, 2.0:1 in Windows Terminal's)."""

from __future__ import annotations

import pytest
from cell_contrast import PALETTES, TERMINALS, contrast
from textual.color import Color

import themes

NAMES = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
PAIRS = [("input-selection-foreground", "input-selection-background"),
         ("screen-selection-foreground", "screen-selection-background")]


def shade(value: str, palette: list[str], terminal: str, as_background: bool) -> Color:
    background, text = TERMINALS[terminal]
    name = value.removeprefix("ansi_")
    if name == "default":
        return Color.parse(background if as_background else text)
    return Color.parse(palette[NAMES.index(name)])  # (bright colours would fail here: not allowed)


@pytest.mark.parametrize("terminal", list(TERMINALS))
@pytest.mark.parametrize("palette", list(PALETTES))
def test_selected_text_reads_on_any_terminal(palette, terminal):
    variables = themes.ANSI.variables
    for fg_name, bg_name in PAIRS:
        fg = shade(variables[fg_name], PALETTES[palette], terminal, as_background=False)
        bg = shade(variables[bg_name], PALETTES[palette], terminal, as_background=True)
        assert contrast(fg, bg) >= 3.0, (fg_name, bg_name, round(contrast(fg, bg), 2))
