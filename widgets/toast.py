"""Notifications that keep every character: Textual's toast with wide characters kept whole.

Textual composes a screen line by line from "chops": the line is cut wherever any visible widget
starts or ends (`Compositor.cuts`), and each widget's line is divided at those cuts with
`Strip.divide`. A toast floats over the reader, the 专栏 pane and their scrollbars, so their edges
cut through the toast's text too. When a cut falls in the middle of a double-width character, each
half is cropped to a space (`rich.segment.Segment.divide` → `split_cells`) and the character is lost
(Textual issue #6357: "已复制 21349     含出处）" at 199–200 columns, where the 专栏 pane's edge
falls under the message).

`WholeToast` moves such a character one cell to the right (a blank cell in front of it, in the
toast's own background) and takes the cell back from the blank end of the line, so every wide
character lies between two cuts. Its right padding is wider than Textual's so each line keeps room
for those moves (one per cut under the toast: up to five on our screens, where the reader's and the
专栏 pane's scrollbars, always in their columns, and the pane's edge lie under it). `install()` makes
Textual's toast rack create it.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import _toast

__all__ = ["WholeToast", "install", "keep_wide_whole"]

_Cell = tuple[str, Style | None]

TOAST_WIDTH = 60  # Textual's toast: width 60, max-width 50%
GUTTER = 2  # cells at the right of the toast rack (its vertical scrollbar's gutter)
BOTTOM_ROWS = 16  # rows at the bottom where toasts show (a few stacked)
FIT_MIN = 24  # the narrowest toast made to fit right of the edges (12 Chinese characters a line)
FIT_LINES = 8  # the most lines a message may take in a toast made to fit


def keep_wide_whole(strip: Strip, cuts: list[int]) -> Strip:
    """`strip` with every double-width character moved right until no cut (offsets into the strip,
    0 < cut < width) falls in its middle; as many blank cells taken from the end as were put in.
    Returns `strip` itself when nothing had to move."""
    if not cuts:
        return strip
    cut_set = set(cuts)
    cells: list[_Cell] = []
    x = 0
    moved = 0
    for text, style, control in strip:
        if control:
            continue
        for char in text:
            size = get_character_cell_size(char)
            while size == 2 and x + 1 in cut_set:
                cells.append((" ", style))
                x += 1
                moved += 1
            cells.append((char, style))
            x += size
    if not moved:
        return strip
    while moved and cells and cells[-1][0] == " ":
        cells.pop()
        moved -= 1
    segments = [Segment(char, style) for char, style in cells]
    # no blank left at the end (a line filled to the edge): cut what overflows, as Textual would
    return Strip(segments).crop_extend(0, strip.cell_length, None).simplify()


class WholeToast(_toast.Toast):
    """Textual's toast, its wide characters never split by the edges of the widgets under it."""

    DEFAULT_CSS = """
    WholeToast {
        padding: 1 6 1 1;
        /* Textual's is $ansi-background (black) under the terminal's own text colour: black on black
           on a light terminal. The terminal's own background reads under its own text colour. */
        &:ansi {
            background: ansi_default;
        }
    }
    """

    def on_mount(self) -> None:
        self._fit_right_of_edges()

    def _fit_right_of_edges(self) -> None:
        """Narrow the toast so it lies right of every edge of the widgets under the bottom-right corner
        (at 200 columns the reader's scrollbar and the 专栏 pane's edge: three cuts side by side, where
        moving characters would leave a two-cell gap in the message), when that leaves it `FIT_MIN`
        cells or more; else it keeps its width and `keep_wide_whole` moves what the edges would split."""
        screen = self.screen
        try:
            placed = list(screen._compositor.visible_widgets.items())
        except Exception:  # not on a screen: nothing is under it
            return
        size = screen.size
        right = size.width - GUTTER  # the toast rack's scrollbar gutter
        width = min(TOAST_WIDTH, size.width // 2)  # Textual's width and max-width
        rows = Region(0, max(0, size.height - BOTTOM_ROWS), size.width, BOTTOM_ROWS)
        edges = [0]
        for widget, (region, _clip) in placed:
            if isinstance(widget, (_toast.Toast, _toast.ToastHolder, _toast.ToastRack)) or not region.overlaps(rows):
                continue
            edges += [x for x in (region.x, region.right) if right - width < x < right]
        fit = right - max(edges)
        text = self._notification.message
        lines = sum(-(-cell_len(line) // (fit - 3)) or 1 for line in text.splitlines()) if fit > 3 else 0
        if FIT_MIN <= fit < width and lines <= FIT_LINES:  # (a long message stays wide: not taller than the screen)
            self.styles.width = fit
            self.styles.padding = (1, 1, 1, 1)  # no edge under it: no room needed for moved characters

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        try:
            cuts = self.screen._compositor.cuts  # the cuts this frame is composed with
        except Exception:  # not on a screen (yet): nothing is cut
            return lines
        region = self.region
        left = region.x
        out = []
        for y, strip in zip(range(region.y + crop.y, region.y + crop.bottom), lines):
            line_cuts = cuts[y] if 0 <= y < len(cuts) else []
            inside = [cut - left - crop.x for cut in line_cuts if left + crop.x < cut < left + crop.right]
            out.append(keep_wide_whole(strip, inside))
        return out


def install() -> None:
    """Have Textual's toast rack (`ToastRack.show`, which names `Toast` in its module) create WholeToast."""
    if _toast.Toast is not WholeToast:
        _toast.Toast = WholeToast  # type: ignore[misc]
