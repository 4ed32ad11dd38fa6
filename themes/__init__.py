"""The app's themes and style sheet.

- ``plans-paper``: light, warm paper tones and soft black ink, made for reading long Chinese text.
- ``plans-ink``: dark, low-glare, for evening work.
- ``plans-ansi``: only the terminal's 16 ANSI colours, so it stays legible on a 16-colour terminal
  (and follows the user's own palette).

`APP_CSS` is the path of the app's style sheet (layout of the main screen); widgets carry their own
DEFAULT_CSS and use theme variables only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.theme import Theme

if TYPE_CHECKING:
    from textual.app import App

HERE = Path(__file__).resolve().parent
APP_CSS = HERE / "app.tcss"

PAPER = Theme(
    name="plans-paper",
    primary="#8a3324",  # 朱砂 (cinnabar), headings and the plan rows
    secondary="#2f5d62",  # 黛青, sections and tables
    accent="#a0522d",  # 赭石, 专栏
    warning="#946400",  # dark enough for paper-coloured text on it (the current match)
    error="#b03a2e",
    success="#4d7c3a",
    foreground="#2b2824",
    background="#f7f2e8",
    surface="#efe8da",
    panel="#e4d9c4",
    boost="#e9e0cf",
    dark=False,
    variables={
        "block-cursor-background": "#8a3324",
        "block-cursor-foreground": "#fbf8f1",
        "footer-key-foreground": "#8a3324",
        "text-muted": "#625a4f",
    },
)

INK = Theme(
    name="plans-ink",
    primary="#7aa7d6",
    secondary="#8fbf9f",
    accent="#e3a857",
    warning="#e0b050",
    error="#e06c5f",
    success="#8fbf6f",
    foreground="#dcd7cb",
    background="#17191c",
    surface="#1f2226",
    panel="#2a2e33",
    boost="#23272b",
    dark=True,
    variables={
        "footer-key-foreground": "#e3a857",
        "text-muted": "#a8a296",
        "block-cursor-foreground": "#17191c",
    },
)

# Only colours that read on a dark *and* a light terminal background (the terminal chooses the actual
# shades; tests/test_themes.py checks text against the xterm, GNOME and Windows palettes): text in the
# terminal's own colour (headings bold), 专栏 and the current match in red; blue only for borders.
ANSI = Theme(
    name="plans-ansi",
    ansi=True,
    primary="ansi_default",  # titles and chapters: bold in the terminal's own text colour
    secondary="ansi_default",
    accent="ansi_red",  # 专栏: red is the one colour that reads on black and on white in common palettes
    warning="ansi_red",
    error="ansi_red",
    success="ansi_green",
    foreground="ansi_default",
    background="ansi_default",
    surface="ansi_default",
    panel="ansi_default",
    boost="ansi_default",
    dark=True,
    variables={
        "text-muted": "ansi_default",
        "ansi-background": "ansi_black",
        "ansi-foreground": "ansi_white",
        "border": "ansi_blue",
        "border-blurred": "ansi_default",
        "block-cursor-foreground": "ansi_black",
        "block-cursor-background": "ansi_cyan",
        "block-cursor-blurred-foreground": "ansi_black",
        "block-cursor-blurred-background": "ansi_blue",
        "footer-key-foreground": "ansi_default",
        "footer-background": "ansi_default",
        "footer-description-foreground": "ansi_default",
        "input-cursor-background": "ansi_blue",
        "input-cursor-foreground": "ansi_default",
        "input-selection-background": "ansi_cyan",  # as the cursor: the text colour on blue is black
        "input-selection-foreground": "ansi_black",  # on blue on a light terminal
        "screen-selection-background": "ansi_cyan",
        "screen-selection-foreground": "ansi_black",
        "scrollbar": "ansi_blue",
        "scrollbar-background": "ansi_default",
    },
)

THEMES: dict[str, Theme] = {t.name: t for t in (PAPER, INK, ANSI)}
THEME_TITLES = {"plans-paper": "纸（浅色，长文阅读）", "plans-ink": "墨（深色）", "plans-ansi": "ANSI 16 色"}
DEFAULT_THEME = PAPER.name


def register(app: App) -> None:
    """Register our themes with a Textual app, and only ours: Textual's built-in ones (dracula …) do
    not style the reader's headings, 专栏 or tables, so the palette and `--theme` never offer them."""
    for theme in THEMES.values():
        app.register_theme(theme)
    if app.theme not in THEMES:  # the theme in use must stay registered: ours first
        app.theme = DEFAULT_THEME
    for name in list(app.available_themes):
        if name not in THEMES:
            app.unregister_theme(name)


def few_colours(color_system: str | None) -> bool:
    """A terminal with 16 colours or fewer (TERM=linux, xterm-16color, plain xterm): the truecolor
    themes would be squeezed into its palette (white on white, yellow on white), so the app uses
    the ANSI theme there, which asks the terminal for its own colours."""
    return color_system in ("standard", "windows")


def offered(app: App) -> list[str]:
    """The themes the user may switch to: on a 16-colour terminal given the ANSI theme only that one
    (纸 and 墨 squeezed into 16 colours are unreadable there: yellow on white, grey guides on grey)."""
    terminal_theme = getattr(app, "terminal_theme", None)
    return [terminal_theme] if terminal_theme in THEMES else list(THEMES)


def next_theme(current: str, names: list[str] | None = None) -> str:
    """The theme after `current` in our cycle (the first one when current is not ours)."""
    names = list(THEMES) if names is None else names
    if current not in names:
        return names[0]
    return names[(names.index(current) + 1) % len(names)]
