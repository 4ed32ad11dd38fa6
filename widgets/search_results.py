"""The search result list: one two-line option per hit (plan · kind · breadcrumb, then a snippet
with the matched characters highlighted, cut to the list's width in terminal cells).

Plan text is only ever put in `rich.text.Text` objects, so markup-like text shows as typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from tui.core.search import Hit
from tui.core.search.display import head_line, snippet_line
from widgets.option_lists import PagedOptionList

MATCH_STYLE = "bold reverse"


def hit_prompt(hit: Hit, width: int) -> Text:
    """The two lines of one result, at most `width` cells each."""
    head = head_line(hit, width)
    body = snippet_line(hit, width, match_style=MATCH_STYLE)
    return Text.assemble(head, "\n", body, no_wrap=True, overflow="ellipsis", end="")


class SearchResults(PagedOptionList):
    """Hits as options; the option id is the hit's index in `hits`."""

    DEFAULT_CSS = """
    SearchResults {
        height: 1fr;
        border: none;
        background: $surface;
        padding: 0 1;
    }
    /* the list never takes focus (typing stays in the box), yet its highlight is the cursor: draw it
       as a focused cursor, which every theme (the 16-colour one too) makes legible */
    SearchResults > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: list[Hit] = []
        self._width = 0

    def row_width(self) -> int:
        """Cells for one line of a result: the content width less the scrollbar a long list gets
        (reserved up front, or the scrollbar's arrival would wrap every row's last cell)."""
        width = (self.content_region.width or self.size.width or 80) - self.styles.scrollbar_size_vertical
        return max(10, width - 1)

    def show(self, hits: list[Hit], highlighted: int = 0) -> None:
        self.hits = list(hits)
        self._width = width = self.row_width()
        self.clear_options()
        if hits:
            self.add_options([Option(hit_prompt(h, width), id=str(i)) for i, h in enumerate(hits)])
            self.highlighted = max(0, min(highlighted, len(hits) - 1))

    def on_resize(self) -> None:
        if self.hits and self.row_width() != self._width:  # re-cut the rows to the new width
            self.show(self.hits, self.highlighted or 0)

    def current(self) -> Hit | None:
        i = self.highlighted
        if i is None or not 0 <= i < len(self.hits):
            return None
        return self.hits[i]
