"""The reader's query matches (a mixin of `widgets.reader.Reader`): the query's terms highlighted,
`n`/`N` stepping through its matches (those a search walk has stepped through already passed over),
the match counter on the reader's bottom edge ("“研发” 匹配 3/12"), and where a match is (its line).
The functions at the end answer the same for any document (the one shown, or one prepared ahead).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from textual.color import Color, ColorParseError
from textual.css.types import EdgeType

from tui.core.model import Node
from tui.core.safetext import safe_text
from widgets.reader_document import Document, Layout
from widgets.scroll_size import SizedScrollView

if TYPE_CHECKING:
    from textual.message import Message

    _Base = SizedScrollView
else:
    _Base = object


class ReaderMatches(_Base):
    """Matches, `n`/`N` and the match counter for `Reader` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by Reader
        highlight_query: str
        match_index: int
        _skipped: list[tuple[int, int]]
        _skip_nodes: tuple[Node, ...]
        _terms: tuple[str, ...]
        _doc: Document
        _match_ids: list[int]
        @property
        def match_count(self) -> int: ...
        def _set_terms(self, query: str) -> None: ...
        def _layout(self) -> Layout: ...
        def _sync_virtual_size(self) -> None: ...
        def MatchMoved(self, index: int, total: int) -> Message: ...

    def skip_matches_in(self, nodes: tuple[Node, ...]) -> None:
        """`n`/`N` pass over the matches inside these nodes (and their children) until another
        target is shown: a search walk has stepped through them already."""
        self._skip_nodes = nodes
        self._skipped = self._skip_spans()

    def _skip_spans(self) -> list[tuple[int, int]]:
        return _skip_spans_of(self._doc, self._match_ids, self._skip_nodes)

    def _kept(self, index: int) -> bool:
        return not any(start <= index < end for start, end in self._skipped)

    def kept_matches(self) -> list[int]:
        """The match numbers `n`/`N` step through (all but those passed over)."""
        return [i for i in range(self.match_count) if self._kept(i)]

    def at_edge(self, step: int) -> bool:
        """No match left to step to in this direction (the last one for 1, the first for -1)."""
        kept = self.kept_matches()
        if not kept:
            return True
        return self.match_index >= kept[-1] if step > 0 else self.match_index <= kept[0]

    def set_query(self, query: str) -> None:
        self.highlight_query = query
        self._set_terms(query)
        kept = self.kept_matches()
        self.match_index = kept[0] if kept else (0 if self.match_count else -1)
        self.refresh()
        if self.match_count:
            self._scroll_to_match(self.match_index)
        self._announce()

    def next_match(self, step: int = 1) -> bool:
        if not self.match_count:
            return False
        index = self.match_index
        for _ in range(self.match_count):
            index = (index + step) % self.match_count
            if self._kept(index):
                break
        else:
            return False
        self.match_index = index
        self.refresh()  # only the pieces holding the old and the new current match are styled again
        self._scroll_to_match(self.match_index)
        self._announce()
        return True

    def _announce(self) -> None:
        self._show_counter()
        self.post_message(self.MatchMoved(self.match_index, self.match_count))

    def counter_text(self) -> str:
        """“query” 匹配 k/n while a query is highlighted ("" when none is)."""
        if not self._terms:
            return ""
        count = f"匹配 {self.match_index + 1}/{self.match_count}" if self.match_count else "本处无匹配"
        return f"“{self.highlight_query}” {count}"

    def _show_counter(self) -> None:
        text = self.counter_text()
        if text == self._counter_shown:
            return  # setting the subtitle repaints the whole reader: not for every node shown without a query
        self._counter_shown = text
        # Text, not str: a border subtitle string is parsed as markup, and the query is the user's
        self.border_subtitle = safe_text(text) if text else ""
        self._counter_edge()

    _counter_shown = ""
    _follows_theme = False  # the counter's edge is set again when the theme changes

    def _counter_edge(self) -> None:
        """The bottom edge the counter sits on (`hkey $panel`), while it is shown: set in the reader's own
        styles, not by a CSS class. A class restyles the reader, its scrollbars and each of its component
        classes (10–15 ms: most of the first Enter on a search result, the first query highlighted);
        the edge alone is a layout of the reader, which the new text has anyway. Set again when the
        theme changes, as the CSS was."""
        if not self._counter_shown:
            self.styles.border_bottom = None
            return
        if not self._follows_theme and self.is_attached:
            self._follows_theme = True
            self.app.theme_changed_signal.subscribe(self, lambda _theme: self._counter_edge())
        panel = self.app.theme_variables.get("panel") if self.is_attached else None
        try:
            colour = Color.parse(panel) if panel else Color(0, 0, 0, 0)
        except ColorParseError:
            colour = Color(0, 0, 0, 0)
        edge: tuple[EdgeType, Color] = ("hkey", colour)
        if self.styles.get_rule("border_bottom") != edge:
            self.styles.border_bottom = edge

    def _first_match_in(self, node: Node | None) -> int:
        """The number of the first match inside `node` (0 when it has none)."""
        return _first_match_of(self._doc, self._match_ids, node)

    def _match_line(self, index: int) -> int:
        """The document line of match `index` (wrapping the piece it is in)."""
        return _match_line_of(self._doc, self._layout(), self._match_ids, self._terms, index)

    def _scroll_to_match(self, index: int) -> None:
        line = self._match_line(index)
        self._sync_virtual_size()
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if not (top <= line < top + height):
            self.scroll_to(0, max(0, line - height // 3), animate=False)


# -- a document's matches (for the one shown, and for one prepared) --------------------------------
def _first_match_of(doc: Document, match_ids: list[int], node: Node | None) -> int:
    """The number of the first match inside `node` (0 when it has none)."""
    span = doc.block_of.get(id(node)) if node is not None else None
    if span is None or match_ids[span[1]] == match_ids[span[0]]:
        return 0
    return match_ids[span[0]]


def _match_line_of(doc: Document, layout: Layout, match_ids: list[int], terms: tuple[str, ...], index: int) -> int:
    """The line of match `index` of `doc` in `layout` (wrapping the piece it is in)."""
    i = max(0, bisect_right(match_ids, index) - 1)
    i = min(i, len(doc.pieces) - 1)
    piece = doc.pieces[i]
    at = getattr(piece, "at", None)
    if isinstance(at, int):  # a table's cell matches: at its first line
        layout.settle(at)
        return layout.starts[at]
    layout.settle(i)
    return layout.starts[i] + piece.match_line(layout.geo, terms, index - match_ids[i])


def _skip_spans_of(doc: Document, match_ids: list[int], nodes: tuple[Node, ...]) -> list[tuple[int, int]]:
    """The match numbers inside `nodes` (and their children): [start, end) spans."""
    spans = []
    for node in nodes:
        firsts, ends = [], []
        stack = [node]
        while stack:
            n = stack.pop()
            span = doc.block_of.get(id(n))
            if span is not None:
                firsts.append(span[0])
                ends.append(span[1])
            stack.extend(n.children)
        if firsts:
            start, end = match_ids[min(firsts)], match_ids[max(ends)]
            if end > start:
                spans.append((start, end))
    return spans
