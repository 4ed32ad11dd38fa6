"""Every theme readable: contrast of the colour pairs the app draws text with (WCAG ratios), on a dark
and a light terminal for the ANSI theme, only our themes offered, and the ANSI theme on 16 colours."""

from __future__ import annotations

import pytest
from cell_contrast import TERMINALS, contrast
from conftest import MINI
from textual.color import Color

import themes
from tui.app import PlansApp
from tui.core.load import load_corpus

# (text colour, background) as the widgets use them (see their DEFAULT_CSS and themes/app.tcss)
TEXT_PAIRS = [
    ("foreground", "background"), ("foreground", "surface"), ("foreground", "panel"),
    ("primary", "background"), ("primary", "surface"),  # titles, chapters, plan rows in the tree
    ("secondary", "background"), ("secondary", "surface"),  # sections, tables
    ("accent", "background"), ("accent", "surface"),  # 专栏 in the reader, tree and pane title
    ("text-muted", "background"), ("text-muted", "surface"), ("text-muted", "panel"),  # breadcrumb, numbers
    ("footer-key-foreground", "panel"),
    ("block-cursor-foreground", "block-cursor-background"),
    ("background", "warning"),  # the current match in the reader
]
BODY = 4.5  # WCAG AA for text
ANSI_MIN = 3.0  # the ANSI theme: the terminal's palette decides the shades, checked across palettes

# Common terminal palettes (normal colours): xterm, GNOME/Tango, Windows Terminal (Campbell).
PALETTES = {
    "xterm": {"black": "#000000", "red": "#cd0000", "green": "#00cd00", "yellow": "#cdcd00", "blue": "#0000ee",
              "magenta": "#cd00cd", "cyan": "#00cdcd", "white": "#e5e5e5"},
    "tango": {"black": "#2e3436", "red": "#cc0000", "green": "#4e9a06", "yellow": "#c4a000", "blue": "#3465a4",
              "magenta": "#75507b", "cyan": "#06989a", "white": "#d3d7cf"},
    "campbell": {"black": "#0c0c0c", "red": "#c50f1f", "green": "#13a10e", "yellow": "#c19c00", "blue": "#0037da",
                 "magenta": "#881798", "cyan": "#3a96dd", "white": "#cccccc"},
}
BACKGROUNDS = TERMINALS  # (background, default text)


@pytest.mark.parametrize("name", ["plans-paper", "plans-ink"])
def test_truecolor_themes_have_readable_text(name):
    variables = themes.THEMES[name].to_color_system().generate()
    low = []
    for fg, bg in TEXT_PAIRS:
        ratio = contrast(Color.parse(variables[fg]), Color.parse(variables[bg]))
        if ratio < BODY:
            low.append(f"{fg} on {bg}: {ratio:.2f}")
    assert low == []


def ansi(value: str, palette: dict[str, str], background: str, text: str, as_background: bool) -> Color | None:
    name = value.removeprefix("ansi_")
    if name == "default":
        return Color.parse(background if as_background else text)
    if name.startswith("bright_"):
        return None  # bright colours are not allowed in the ANSI theme's text pairs (too pale or too dark)
    return Color.parse(palette[name])


@pytest.mark.parametrize("background", list(BACKGROUNDS))
@pytest.mark.parametrize("palette", list(PALETTES))
def test_ansi_theme_reads_on_dark_and_light_terminals(palette, background):
    theme = themes.ANSI
    values = {"foreground": theme.foreground, "background": theme.background, "surface": theme.surface,
              "panel": theme.panel, "primary": theme.primary, "secondary": theme.secondary,
              "accent": theme.accent, "warning": theme.warning, **theme.variables}
    bg, text = BACKGROUNDS[background]
    low = []
    for fg_name, bg_name in TEXT_PAIRS:
        fg_value, bg_value = values[fg_name], values[bg_name]
        assert fg_value and bg_value and fg_value.startswith("ansi_") and bg_value.startswith("ansi_")
        fg = ansi(fg_value, PALETTES[palette], bg, text, as_background=False)
        back = ansi(bg_value, PALETTES[palette], bg, text, as_background=True)
        if fg is None or back is None:
            low.append(f"{fg_name} on {bg_name}: bright colour")
            continue
        if fg_name == "background" and fg_value == "ansi_default":
            fg = Color.parse(bg)  # the terminal's background colour used as a text colour
        ratio = contrast(fg, back)
        if ratio < ANSI_MIN:
            low.append(f"{fg_name} ({fg_value}) on {bg_name} ({bg_value}): {ratio:.2f}")
    assert low == []


async def test_only_our_themes_are_offered():
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert set(app.available_themes) == set(themes.THEMES)
        assert "dracula" not in app.available_themes
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert [t for t in titles if t.startswith("主题：")] == [f"主题：{t}" for t in themes.THEME_TITLES.values()]


@pytest.mark.parametrize("color_system, expected", [("standard", "plans-ansi"), ("256", "plans-paper"),
                                                    ("truecolor", "plans-paper")])
def test_sixteen_colour_terminals_get_the_ansi_theme(monkeypatch, color_system, expected):
    monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", color_system)
    import textual.constants

    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", color_system)
    app = PlansApp(load_corpus(MINI), save_settings=False, fit_terminal=True)
    assert app.theme == expected
    # an explicit --theme wins even there
    app = PlansApp(load_corpus(MINI), save_settings=False, theme="plans-ink", fit_terminal=True)
    assert app.theme == "plans-ink"
