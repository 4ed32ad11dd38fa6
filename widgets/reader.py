"""The reader: a node's (or a whole plan's) full text, rendered for reading Chinese.

Headings are styled by level, paragraphs are wrapped with `tui.core.cjkwrap` (kinsoku, cell widths),
专栏 are boxed panels in place, tables are drawn as tables with their notes, page furniture is dimmed.

It builds only what is on screen. It is a line-API `ScrollView`: the shown target is a
`widgets.reader_document.Document` (pieces in reading order, nothing wrapped), numbered at the
current width by a `Layout` (line counts estimated until a piece is wrapped). `render_line` wraps
and styles just the pieces on screen, cached per (piece, width, highlight state), so landing on a
whole plan costs what landing on a short section costs. Once the user pauses, the rest is wrapped
in small idle slices so the scrollbar becomes exact (the view stays anchored on the same text).

`show(target, query=…, focus=…)` sets what is shown; `n`/`N` move between query matches, counted
on the reader's bottom edge ("“研发” 匹配 3/12") while a query is highlighted.
Plan text only ever becomes `rich.text.Text` (never markup), control characters made visible.
"""

from __future__ import annotations

from collections import OrderedDict
from time import monotonic, perf_counter
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from tui.core.model import Node
from widgets.reader_ahead import WRAP_AT_ONCE, ReaderAhead
from widgets.reader_document import Block, Document, Layout, Target
from widgets.reader_matches import ReaderMatches
from widgets.reader_pieces import (
    GUTTER,
    Context,
    Geometry,
    TableGrid,
    find_matches,
    query_terms,
    split_breaks,
    with_breaks,
)
from widgets.scroll_size import SizedScrollView, set_virtual_size

__all__ = ["Block", "Reader", "find_matches", "query_terms", "split_breaks", "with_breaks"]

REFINE_DELAY = 0.3  # s after the last change before the rest of the document is wrapped …
REFINE_SLICE = 0.004  # … in slices this long, so keys are never kept waiting
ABSORB_EVERY = 0.5  # s between applying refined counts while a giant document is being wrapped
STRIP_CACHE = 240  # pieces' rendered lines kept (per width and highlight state): ~6 screens; each line is a Strip with
# seven small caches of its own, all of which every full garbage collection walks (with 600 they were half the
# objects it walked, and a full collection in the middle of a run of keys held one of them up 100–500 ms)
DOCUMENTS = 32  # documents kept (landing again on a plan re-uses its pieces and wrapped counts)


class ReaderStyles(dict[str, Style]):
    """The reader's component styles by short name ("title" for `reader--title` …, and "table-caption"),
    each looked up the first time a piece uses it: a section's first screen uses a handful of the 19."""

    def __init__(self, reader: Widget) -> None:
        super().__init__()
        self._reader = reader

    def __missing__(self, name: str) -> Style:
        if name == "table-caption":
            style = self["table"] + Style(bold=True)
        elif f"reader--{name}" in Reader.COMPONENT_CLASSES:
            style = self._reader.get_component_rich_style(f"reader--{name}", partial=True)
        else:
            raise KeyError(name)
        self[name] = style
        return style

    def get(self, name: str, default: Any = None) -> Any:  # (dict.get would not look it up)
        try:
            return self[name]
        except KeyError:
            return default


class Reader(ReaderMatches, ReaderAhead, SizedScrollView, can_focus=True):
    """Shows a plan or a node. `show()` changes it; `target`, `focus_node`, `query` say what is shown."""

    class MatchMoved(Message):
        def __init__(self, index: int, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    BINDINGS = [
        Binding("j,down", "scroll_down", "下滚", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "上滚", show=False, id="reader.up"),
        Binding("space,pagedown,ctrl+f", "page_down", "下页", show=False, id="reader.page_down"),
        Binding("pageup,ctrl+b", "page_up", "上页", show=False, id="reader.page_up"),
        Binding("g,home", "scroll_home", "顶部", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "底部", show=False, id="reader.bottom"),
    ]

    COMPONENT_CLASSES = {
        "reader--title", "reader--meta", "reader--chapter", "reader--section", "reader--item",
        "reader--para", "reader--matter", "reader--page", "reader--column", "reader--column-title",
        "reader--entry-number", "reader--entry-label", "reader--table", "reader--table-header",
        "reader--note", "reader--match", "reader--match-current", "reader--focus", "reader--empty",
    }

    DEFAULT_CSS = """
    Reader {
        background: $background;
        padding: 0 1 0 1;
        scrollbar-size-vertical: 1;
        /* keep the scrollbar's column reserved: text is wrapped once per width, and a scrollbar that
           appears after wrapping would cover the last cell of every line */
        scrollbar-gutter: stable;
    }
    Reader > .reader--title { color: $primary; text-style: bold; }
    Reader > .reader--meta { color: $text-muted; }
    Reader > .reader--chapter { color: $primary; text-style: bold; }
    Reader > .reader--section { color: $secondary; text-style: bold; }
    Reader > .reader--item { text-style: bold; }
    Reader > .reader--para { }
    Reader > .reader--matter { color: $text-muted; }
    Reader > .reader--page { color: $text-muted; text-style: dim; }
    Reader > .reader--column { color: $accent; }
    Reader > .reader--column-title { color: $accent; text-style: bold; }
    Reader > .reader--entry-number { color: $text-muted; }
    Reader > .reader--entry-label { text-style: bold; }
    Reader > .reader--table { color: $secondary; }
    Reader > .reader--table-header { text-style: bold; }
    Reader > .reader--note { color: $text-muted; }
    Reader > .reader--match { background: $warning 40%; }
    Reader > .reader--match-current { background: $warning; color: $background; text-style: bold; }
    Reader > .reader--focus { background: $accent; }
    Reader > .reader--empty { color: $text-muted; text-style: italic; }
    /* the match counter, on a bottom edge (`hkey $panel`) only while a query is highlighted (_show_counter) */
    Reader {
        border-subtitle-align: right;
        border-subtitle-color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.target: Target = None
        self.focus_node: Node | None = None
        self.highlight_query = ""
        self.match_index = -1
        self._skipped: list[tuple[int, int]] = []  # match numbers `n`/`N` pass over: [start, end)
        self._skip_nodes: tuple[Node, ...] = ()
        self._terms: tuple[str, ...] = ()
        self._documents: OrderedDict[int, Document] = OrderedDict()
        self._doc = self._document(None)
        self._layouts: dict[int, Layout] = {}  # this document's layouts, by width
        self._match_ids: list[int] = [0]
        self._strips: OrderedDict[tuple[object, ...], list[Strip]] = OrderedDict()
        self._styles: ReaderStyles | None = None
        self._styles_used: Style | None = None  # the reader's own style when `_styles` was made
        self._style_generation = 0
        self._sized = False  # the first resize has given the width
        self._shown_width = 0
        self._refiner: Timer | None = None
        self._last_absorb = 0.0

    # -- public --------------------------------------------------------------------
    @property
    def match_count(self) -> int:
        return self._match_ids[-1]

    @property
    def line_count(self) -> int:
        return self._layout().height

    def document_strips(self) -> list[Strip]:
        """Every line of the document at the current width, wrapped now (tests, never a key path)."""
        layout = self._layout()
        layout.finish()
        self._sync_virtual_size()
        return [strip for i in range(len(self._doc.pieces)) for strip in self._piece_strips(layout, i)]

    def plain_lines(self) -> list[str]:
        """The rendered document as plain text lines (for tests and copying what is seen)."""
        return ["".join(seg.text for seg in strip if not seg.control).rstrip() for strip in self.document_strips()]

    def show(self, target: Target, query: str = "", focus: Node | None = None) -> None:
        """Show a plan or node; highlight `query`; scroll to `focus` (a node inside target) or the first match."""
        self.target = target
        self.focus_node = focus
        self.highlight_query = query
        self._doc = self._document(target)
        self._layouts = {}
        self._skip_nodes = ()
        self._set_terms(query)
        self.match_index = 0 if self.match_count else -1
        self._returning = None
        if not self._sized:
            return  # (its first resize, with the width known, wraps it and scrolls to it: once, not twice)
        self._changed()
        self._scroll_to_start()

    def block_for(self, node: Node) -> Block | None:
        return self._layout().block(node)

    def scroll_to_node(self, node: Node) -> None:
        span = self._doc.block_of.get(id(node))
        if span is None:
            return
        layout = self._layout()
        layout.settle(span[0] - 1)  # the line above it is shown too
        self._sync_virtual_size()
        self.scroll_to(0, max(0, layout.starts[span[0]] - 1), animate=False)

    def top_node(self, layout: Layout | None = None) -> Node | None:
        """The node whose text is at the top of the view (as numbered by `layout`)."""
        y = int(self.scroll_y)
        starts = (layout or self._layout()).starts
        node = None
        for block_node, first, _ in self._doc.blocks:
            if starts[first] > y:
                break
            node = block_node
        return node

    def reading_place(self) -> tuple[int, int, int]:
        """Where the reader is: (the piece at the top, lines into it, its lines) for `return_to`."""
        if not self._sized:  # (before its first layout: where it is to open; nothing wrapped at a guessed width)
            returning = self._returning
            return (returning[0], returning[1], returning[2]) if returning is not None else (0, 0, 0)
        layout = self._layouts.get(self._shown_width) or self._layout()  # (the lines on screen: also as it closes)
        y = int(self.scroll_y)
        i = layout.piece_at(y)
        return i, max(0, y - layout.starts[i]), layout.counts[i]

    def return_to(self, piece: int, into: int, lines: int, match: int = -1) -> None:
        """Back where `reading_place` was (history's `b`/`f`): the same piece at the top, as far into it
        (scaled when it wraps to more or fewer lines now), and the same current match."""
        if not self._sized:  # (the session resumed before the first frame: once the width is known)
            self._returning = (piece, into, lines, match)
            return
        if 0 <= match < self.match_count and match != self.match_index:
            self.match_index = match
            self.refresh()
            self._announce()
        if 0 <= piece < len(self._doc.pieces):
            layout = self._layout()
            layout.settle(piece)
            count = layout.counts[piece]
            if lines > 0 and lines != count:
                into = (into * count + lines // 2) // lines
            self._sync_virtual_size()
            self.scroll_to(0, layout.starts[piece] + max(0, min(into, count - 1)), animate=False)
            self._settle_view()

    # -- documents and layouts -----------------------------------------------------------
    def _document(self, target: Target) -> Document:
        key = id(target)
        doc = self._documents.get(key)
        if doc is None or doc.target is not target:
            doc = self._documents[key] = Document(target)
            while len(self._documents) > DOCUMENTS:
                self._documents.popitem(last=False)
        self._documents.move_to_end(key)
        return doc

    def _set_terms(self, query: str) -> None:
        self._terms = tuple(query_terms(query))
        self._match_ids = self._doc.match_ids(self._terms)
        self._skipped = self._skip_spans()

    def _content_width(self) -> int:
        width = self.scrollable_content_region.width
        if width <= 0:
            width = self.size.width or 80
        return max(10, width)

    def _layout(self) -> Layout:
        width = self._content_width()
        layout = self._layouts.get(width)
        if layout is None:
            layout = self._layouts[width] = Layout(self._doc, Geometry(width, self.app.console))
        return layout

    def _sync_virtual_size(self) -> None:
        layout = self._layout()
        set_virtual_size(self, Size(layout.geo.width, layout.height))  # no screen layout unless the scrollbar comes or goes

    def _changed(self) -> None:
        """The document or its width changed: size the scroll area, wrap the rest when idle."""
        if not self.is_mounted:
            return
        if self._refiner is not None:
            self._refiner.stop()
            self._refiner = None
        layout = self._layout()
        if self._doc.chars <= WRAP_AT_ONCE and not self._has_table():
            layout.finish()  # a section: as cheap to wrap now as later, and the scrollbar is exact at once
            # (not one with an indicator table: drawing a table costs 5–15 ms, for one below the view
            # on the key's path; the view's own pieces are wrapped for the frame, the rest when idle)
        self._sync_virtual_size()
        self.refresh()
        if not layout.complete:
            self._refiner = self.set_timer(REFINE_DELAY, self._refine)
        self._last_absorb = perf_counter()

    def _has_table(self) -> bool:
        doc = self._doc
        if self._table_doc != doc.serial:
            self._table_doc = doc.serial
            self._table_in_doc = any(isinstance(piece, TableGrid) for piece in doc.pieces)
        return self._table_in_doc

    _table_doc = -1  # the serial of the document `_table_in_doc` is about
    _table_in_doc = False

    def _refine(self) -> None:
        """Wrap a slice of the pieces not yet wrapped; apply what was found now and then, keeping
        the same text at the top of the view. Not while keys are coming: a slice or the repaint that
        applies the counts would land in the frame of a key pressed just before (Enter on the row
        just landed on), so it waits until no key has come for REFINE_DELAY."""
        self._refiner = None
        since_key = monotonic() - getattr(self.app, "_last_key", 0.0)  # PlansApp notes every key's time
        if since_key < REFINE_DELAY:
            self._refiner = self.set_timer(REFINE_DELAY - since_key, self._refine)
            return
        layout = self._layout()
        done = layout.refine(REFINE_SLICE)
        if done or perf_counter() - self._last_absorb > ABSORB_EVERY:
            self._last_absorb = perf_counter()
            top = int(self.scroll_y)
            piece = layout.piece_at(top)
            offset = top - layout.starts[piece]
            if layout.absorb():
                self._sync_virtual_size()
                offset = min(offset, max(0, layout.counts[piece] - 1))
                self.scroll_to(None, layout.starts[piece] + offset, animate=False)
                self.refresh()
        if not layout.complete:
            self._refiner = self.set_timer(0.001, self._refine)

    # -- scrolling ------------------------------------------------------------------------
    _returning: tuple[int, int, int, int] | None = None  # `return_to` before the first resize

    def _scroll_to_start(self) -> None:
        if self.match_count:
            self.match_index = self._first_match_in(self.focus_node)  # a search hit's own match first
            self._scroll_to_match(self.match_index)
        elif self.focus_node is not None:
            self.scroll_to_node(self.focus_node)
        else:
            self.scroll_to(0, 0, animate=False)
        self._settle_view()
        self._announce()

    def _settle_view(self) -> None:
        """Wrap the pieces the view shows now, so the first frame has the right scroll area (no
        second layout pass for a corrected height)."""
        if not self._sized:
            return
        layout = self._layout()
        layout.settle_range(int(self.scroll_target_y), max(1, self.scrollable_content_region.height))
        self._sync_virtual_size()

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if changed and not self._sized and self.is_mounted and self.scrollable_content_region.width > 0:
            # its first size, given by the screen's layout: wrapped and scrolled now, so the frame that
            # layout draws shows the text (the Resize event comes after that frame)
            self.on_resize()
        return changed

    def on_resize(self) -> None:
        if not self._sized:
            self._sized = True
            self._shown_width = self._content_width()
            self._changed()
            self._scroll_to_start()  # shown before the width was known
            if self._returning is not None:
                self.return_to(*self._returning)
                self._returning = None
            return
        width = self._content_width()
        if width == self._shown_width:
            return
        previous = self._layouts.get(self._shown_width)
        # the piece (heading, paragraph, table …) at the top stays there: a node's first piece would move a
        # reader who was in the middle of a long section (at its table, say) back to its first paragraph
        y = int(self.scroll_y)
        top = previous.piece_at(y) if previous is not None else None
        self._shown_width = width
        self._changed()
        if top is not None and previous is not None:
            layout = self._layout()
            layout.settle(top)
            # as far into it as before, in proportion (a long table or paragraph wraps to more or fewer lines)
            old = max(1, previous.counts[top])
            into = ((y - previous.starts[top]) * layout.counts[top] + old // 2) // old
            self._sync_virtual_size()
            self.scroll_to(0, layout.starts[top] + max(0, min(into, layout.counts[top] - 1)), animate=False)
            self._settle_view()

    # -- styles ---------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted and self._styles is not None and self._styles_changed():
            self._styles = None
            self._strips.clear()
            self.refresh()

    def _styles_changed(self) -> bool:
        """Whether the styles the lines were drawn with are not those of now (those used only: the rest
        were never looked up)."""
        styles = self._styles
        if styles is None or self.rich_style != self._styles_used:
            return True
        get = self.get_component_rich_style
        return any(get(f"reader--{name}", partial=True) != style for name, style in styles.items()
                   if name != "table-caption")

    def _style_context(self, terms: tuple[str, ...] | None = None) -> Context:
        if self._styles is None:
            self._styles = ReaderStyles(self)  # (each component style looked up when a piece first uses it)
            self._styles_used = self.rich_style
            self._style_generation += 1
        return Context(self._styles, self._terms if terms is None else terms)

    # -- rendering ------------------------------------------------------------------------
    def _piece_strips(self, layout: Layout, i: int) -> list[Strip]:
        """Piece i's lines at the layout's width, in the current highlight state (cached)."""
        return self._strips_of(self._doc, layout, i, self._match_ids, self.match_index, self.focus_node)

    def _strips_of(self, doc: Document, layout: Layout, i: int, match_ids: list[int], match_index: int,
                   focus: Node | None, terms: tuple[str, ...] | None = None) -> list[Strip]:
        """Piece i of `doc`: its lines at the layout's width, with the query's `terms` (the one shown
        when not given) highlighted, that match current and that node focused (cached)."""
        piece = doc.pieces[i]
        first, end = match_ids[i], match_ids[i + 1]
        current = match_index if first <= match_index < end else -1
        focused = focus is not None and any(o is focus for o in piece.owners)
        ctx = self._style_context(terms)
        key = (doc.serial, i, layout.geo.width, ctx.terms, current, focused, self._style_generation)
        strips = self._strips.get(key)
        if strips is not None:
            self._strips.move_to_end(key)
            return strips
        styles = ctx.styles
        base = self._line_style or self.rich_style
        console = layout.geo.console
        width = layout.geo.width
        strips = []
        for line in piece.render(layout.geo, ctx, first, current):
            gutter = Text(" " * GUTTER)
            if focused:
                gutter.stylize(styles["focus"], 0, 1)
            full = Text.assemble(gutter, line, end="")
            # under the reader's own colours: a segment without a background showed the terminal's
            # (dark ink on a black terminal in the paper theme); padded to the width. One strip made
            # per line (cropping, padding and styling a strip each made another, with its caches)
            cells = full.cell_len
            if cells <= width:
                segments = list(Segment.apply_style(full.render(console, end=""), base))
                if cells < width:
                    segments.append(Segment(" " * (width - cells), base))
                strips.append(Strip(segments, width))
                continue
            strip = Strip(list(full.render(console, end="")), cells).crop_extend(0, width, None)
            strips.append(strip.apply_style(base))
        self._strips[key] = strips
        while len(self._strips) > STRIP_CACHE:
            self._strips.popitem(last=False)
        return strips

    def render_lines(self, crop: Region) -> list[Strip]:
        layout = self._layout()
        height = layout.height
        layout.settle_range(int(self.scroll_y), max(1, self.scrollable_content_region.height))
        if layout.height != height or self.virtual_size.height != layout.height:
            self.call_later(self._sync_virtual_size)
        self._line_style = self.rich_style  # once per frame, not per line (it walks the CSS of every ancestor)
        # and the layout and width once per frame (each asks the screen for the reader's region)
        self._line_layout = layout
        self._line_width = self.scrollable_content_region.width
        try:
            return super().render_lines(crop)
        finally:
            self._line_style = None
            self._line_layout = None

    _line_style: Style | None = None
    _line_layout: Layout | None = None
    _line_width = 0

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        layout = self._line_layout
        if layout is None:
            layout = self._layout()
            width = self.scrollable_content_region.width
        else:
            width = self._line_width
        style = self._line_style or self.rich_style
        if index >= layout.height:
            return Strip.blank(width, style)
        i = layout.piece_at(index)
        layout.settle(i)
        strips = self._piece_strips(layout, i)
        local = index - layout.starts[i]
        if not 0 <= local < len(strips):
            return Strip.blank(width, style)
        strip = strips[local]
        if not scroll_x and strip.cell_length == width:
            return strip  # (as it is: a cropped copy would be one more Strip kept, in its cache, per line)
        return strip.crop_extend(scroll_x, scroll_x + width, style)
