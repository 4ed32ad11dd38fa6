"""A Rich renderable that wraps Chinese text with `tui.core.cjkwrap` (kinsoku, cell widths).

Rich's own wrapping folds CJK runs anywhere (a line may start with "，" or split "2.8%"); this one
follows the rules in `tui.core.cjkwrap`. It takes a `rich.text.Text`, so plan text is never parsed
as markup.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from tui.core.cjkwrap import wrap_offsets


def wrap_text(text: Text, width: int, prefix: Text, indent: int,
              nobreak: set[int] | frozenset[int] = frozenset()) -> tuple[list[Text], list[int]]:
    """text wrapped to `width` cells: `prefix` before the first line, `indent` spaces before the
    others, no break before an offset in `nobreak`. Returns the lines and the offset into text where
    each starts (the reader maps query matches to lines with them)."""
    room = max(2, width - indent)
    starts = wrap_offsets(text.plain, room, width - prefix.cell_len, nobreak)
    pieces = text.divide(starts[1:]) if len(starts) > 1 else [text.copy()]
    out: list[Text] = []
    for k, piece in enumerate(pieces):
        if piece.plain.endswith("\n"):
            piece.right_crop(1)
        lead = prefix.copy() if k == 0 else Text(" " * indent)
        if k == 0 and prefix.cell_len < indent:
            lead.append(" " * (indent - prefix.cell_len))
        line = Text.assemble(lead, piece, end="")
        while line.cell_len > width and line.plain.endswith(" "):  # only hanging spaces go past the edge
            line.right_crop(1)  # (Text.rstrip_end counts characters, not cells: wrong for CJK)
        out.append(line)
    return out, starts


class CJKText:
    """Wrapped text with an optional first-line prefix and a hanging indent for the other lines."""

    def __init__(self, text: Text | str, prefix: Text | str = "", indent: int | None = None) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        self.prefix = prefix if isinstance(prefix, Text) else Text(prefix)
        self.indent = self.prefix.cell_len if indent is None else indent

    def lines(self, width: int) -> list[Text]:
        """The display lines at this width (prefix and indent included)."""
        return wrap_text(self.text, width, self.prefix, self.indent)[0]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            yield from line.render(console, end="")
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((Text(p).cell_len for p in self.text.plain.split("\n")), default=0)
        return Measurement(min(options.max_width, self.indent + 2), min(options.max_width, self.indent + longest))
