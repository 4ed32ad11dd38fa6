"""The reader's landings prepared ahead (a mixin of `widgets.reader.Reader`): `prepare` wraps and
draws what a `show` will show first, before it is asked for (the next `]`/`}`, the search result
under the search list's cursor, the next `n` of a search walk), so showing it costs what showing a
target seen before does.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.strip import Strip

from tui.core.model import Node
from widgets.reader_document import Document, Layout, Target
from widgets.reader_matches import _first_match_of, _match_line_of, _skip_spans_of
from widgets.reader_pieces import Geometry, TableGrid, query_terms
from widgets.scroll_size import SizedScrollView

if TYPE_CHECKING:
    _Base = SizedScrollView
else:
    _Base = object

WRAP_AT_ONCE = 4000  # characters: a document this small is wrapped whole when shown (a few ms)


class ReaderAhead(_Base):
    """`prepare` for `Reader` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by Reader
        target: Target
        _sized: bool
        _doc: Document
        _documents: OrderedDict[int, Document]
        def _document(self, target: Target) -> Document: ...
        def _content_width(self) -> int: ...
        def _strips_of(self, doc: Document, layout: Layout, i: int, match_ids: list[int], match_index: int,
                       focus: Node | None, terms: tuple[str, ...] | None = None) -> list[Strip]: ...

    def prepare(self, target: Target, focus: Node | None = None, query: str = "",
                walk: tuple[Node, ...] | None = None, last: bool = False) -> None:
        """Wrap and draw ahead what `show(target, query=query, focus=focus)` will show first: its
        document, its matches numbered, the line counts and the lines of the pieces on its first screen
        (that match current) are kept (the document and strip caches), so that showing it costs what
        showing a target seen before does. For the next `]`/`}` after the key's frame
        (tui/screens/main_moves.py); with a query, for Enter on the search result under the cursor and
        the next `n` of a search walk (tui/screens/main_search.py). `walk`: shown as a walk lands on
        it (`skip_matches_in(walk)`, `set_query(query)`, and with `last` `next_match(-1)`)."""
        for _ in self.prepare_steps(target, focus, query, walk, last):
            pass

    def prepare_steps(self, target: Target, focus: Node | None = None, query: str = "",
                      walk: tuple[Node, ...] | None = None, last: bool = False) -> Iterator[None]:
        """`prepare` in steps: the document and its matches, then each piece of its first screen."""
        if not (self.is_mounted and self._sized) or target is None or (target is self.target and not query):
            return
        doc = self._document(target)
        if self._documents.get(id(self._doc)) is self._doc:
            self._documents.move_to_end(id(self._doc))  # (the one shown stays the most recent)
        layout = Layout(doc, Geometry(self._content_width(), self.app.console))
        if doc.chars <= WRAP_AT_ONCE and not any(isinstance(piece, TableGrid) for piece in doc.pieces):
            layout.finish()  # as `_changed` will
        yield
        terms = tuple(query_terms(query))
        match_ids = doc.match_ids(terms)
        yield
        height = max(1, self.scrollable_content_region.height)
        top, current = self._landing(doc, layout, terms, match_ids, focus, height, walk, last)
        i = layout.piece_at(top)
        while i < len(doc.pieces) and layout.starts[i] < top + height:
            yield
            self._strips_of(doc, layout, i, match_ids, current, focus, terms)
            i += 1

    def _landing(self, doc: Document, layout: Layout, terms: tuple[str, ...], match_ids: list[int],
                 focus: Node | None, height: int, walk: tuple[Node, ...] | None, last: bool) -> tuple[int, int]:
        """The first line of the view and the current match `show` (then a walk's `set_query`) will
        leave on `doc` (for `prepare`): the steps of `_scroll_to_start` and `_scroll_to_match`, from the
        view's line now."""
        count = match_ids[-1]

        def clamp(line: int) -> int:
            return max(0, min(line, layout.height - height))

        def to_match(index: int, top: int) -> int:
            line = _match_line_of(doc, layout, match_ids, terms, index)
            return top if top <= line < top + height else clamp(line - height // 3)

        top = int(self.scroll_y)
        if count:
            current = _first_match_of(doc, match_ids, focus)
            top = to_match(current, top)
        else:
            current = -1
            span = doc.block_of.get(id(focus)) if focus is not None else None
            if span is not None:  # where `scroll_to_node` puts it
                layout.settle(span[0] - 1)
                top = clamp(layout.starts[span[0]] - 1)
            else:
                top = 0
        if walk is not None and count:
            skipped = _skip_spans_of(doc, match_ids, walk)
            kept = [i for i in range(count) if not any(start <= i < end for start, end in skipped)]
            if kept:
                current = kept[0]
                top = to_match(current, top)
                if last and kept[-1] != current:
                    current = kept[-1]
                    top = to_match(current, top)
        layout.settle_range(top, height)
        top = clamp(top)
        layout.settle_range(top, height)
        return top, current
