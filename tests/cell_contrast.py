"""The contrast of every character as drawn on screen, on a dark and on a light terminal.

A cell's colours are what the compositor hands the terminal: a theme colour (truecolor), one of the 16
ANSI colours (the ANSI theme: the terminal's palette decides the shade), or none at all (the terminal's
own text or background colour). Each is resolved for a terminal palette and background, reverse
video swapped and dim text blended halfway to its background, and the WCAG contrast ratio taken
(1: invisible, e.g. white on white; 21: black on white).
"""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.color import ColorType
from rich.segment import Segment
from textual.app import App
from textual.color import Color
from textual.screen import ModalScreen
from textual.widgets._toast import ToastRack

# xterm's, GNOME's (Tango) and Windows Terminal's (Campbell) 16 colours: normal, then bright
PALETTES = {
    "xterm": ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
              "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"],
    "tango": ["#2e3436", "#cc0000", "#4e9a06", "#c4a000", "#3465a4", "#75507b", "#06989a", "#d3d7cf",
              "#555753", "#ef2929", "#8ae234", "#fce94f", "#729fcf", "#ad7fa8", "#34e2e2", "#eeeeec"],
    "campbell": ["#0c0c0c", "#c50f1f", "#13a10e", "#c19c00", "#0037da", "#881798", "#3a96dd", "#cccccc",
                 "#767676", "#e74856", "#16c60c", "#f9f1a5", "#3b78ff", "#b4009e", "#61d6d6", "#f2f2f2"],
}
TERMINALS = {"dark": ("#000000", "#e5e5e5"), "light": ("#ffffff", "#000000")}  # (background, text)


def luminance(c: Color) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: Color, b: Color) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def resolve(color: RichColor | None, palette: list[str], default: str) -> Color:
    if color is None or color.type == ColorType.DEFAULT:
        return Color.parse(default)
    if color.type == ColorType.STANDARD and color.number is not None:
        return Color.parse(palette[color.number])
    r, g, b = color.get_truecolor()
    return Color(r, g, b)


def cell_ratio(segment: Segment, palette: list[str], terminal: str) -> float:
    background, text = TERMINALS[terminal]
    style = segment.style
    fg = resolve(style.color if style else None, palette, text)
    bg = resolve(style.bgcolor if style else None, palette, background)
    if style is not None and style.reverse:
        fg, bg = bg, fg
    if style is not None and style.dim:
        fg = fg.blend(bg, 0.5)
    return contrast(fg, bg)


LINES = set(range(0x2500, 0x2600))  # box drawing and block elements: borders, guides, scrollbars


def low_contrast(app: App[object], text_floor: float, line_floor: float) -> list[str]:
    """Every run of visible characters on the current screen (not the screens dimmed under a dialog)
    whose contrast is below the floor (`line_floor` for borders and guides) on some palette and
    terminal background: "text (palette, background: ratio)"."""
    screen = app.screen
    # a dialog (help, bookmarks, the palette) dims the screen under it on purpose: only the dialog counts
    dialog = [w.region for w in screen.children if w.display and not isinstance(w, ToastRack)]
    low: dict[str, str] = {}
    for y, strip in enumerate(screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            start, x = x, x + segment.cell_length
            if segment.control or not segment.text.strip():
                continue
            if isinstance(screen, ModalScreen) and not any(r.contains(start, y) for r in dialog):
                continue
            floor = line_floor if all(ord(c) in LINES for c in segment.text.strip()) else text_floor
            for name, palette in PALETTES.items():
                for terminal in TERMINALS:
                    ratio = cell_ratio(segment, palette, terminal)
                    if ratio < floor:
                        low.setdefault(segment.text.strip(), f"{name}, {terminal}: {ratio:.1f}")
    return [f"{text!r} ({where})" for text, where in low.items()]
