"""The search result list: two lines per hit (plan · kind · breadcrumb, then a snippet with the
matched characters highlighted, cut to the list's width in terminal cells); or, while the search box
is empty, the recent queries, one a line (`show_queries`).

Only the hits on screen are ever formatted (Textual's Line API: `render_line`), so a keystroke
costs the same whether the engine found 5 results or 100. Plan text is only ever put in
`rich.text.Text` objects, so markup-like text shows as typed.
"""

from __future__ import annotations

from operator import attrgetter

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from tui.core.safetext import visible
from tui.core.search import Hit
from tui.core.search.display import head_line, snippet_line
from tui.core.textwidth import cut
from widgets.scroll_size import SizedScrollView, set_virtual_size

MATCH_STYLE = "bold reverse"
LINES = 2  # lines per hit
QUERY_MARK = "↺ "  # before a recent query
STRIPS_KEPT = 600  # lines drawn kept across keystrokes (a screen of rows is ~40)


def hit_prompt(hit: Hit, width: int) -> Text:
    """The two lines of one result, at most `width` cells each."""
    head = head_line(hit, width)
    body = snippet_line(hit, width, match_style=MATCH_STYLE)
    return Text.assemble(head, "\n", body, no_wrap=True, overflow="ellipsis", end="")


class SearchResults(SizedScrollView):
    """Hits, two lines each, or recent queries, one line each; `highlighted` is the index of the
    cursor's row (None when empty). Posts `Chosen` when a row is clicked."""

    COMPONENT_CLASSES = {"search-results--highlighted"}

    DEFAULT_CSS = """
    SearchResults {
        height: 1fr;
        border: none;
        background: $surface;
        padding: 0 1;
        /* the scrollbar's column kept: a list that comes to fill the pane (the first keystroke after the
           recent queries) or that shrinks to fit it keeps its width, so its lines drawn stay good */
        scrollbar-gutter: stable;
    }
    /* the list never takes focus (typing stays in the box), yet its highlight is the cursor: draw it
       as a focused cursor, which every theme (the 16-colour one too) makes legible */
    SearchResults > .search-results--highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    """

    # repaint=False: a reactive's own repaint redraws every line of the list. The watcher (and `_fill`)
    # redraw only the rows that changed: the two the cursor left and came to, the lines a new list
    # shows differently (with it, each keystroke drew all ~35 lines again, most of its frame)
    highlighted: reactive[int | None] = reactive(None, always_update=True, repaint=False)

    class Chosen(Message):
        def __init__(self, results: SearchResults, index: int) -> None:
            super().__init__()
            self.results = results
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: list[Hit] = []
        self.queries: list[str] = []  # shown instead of hits (the box is empty)
        self.lines = LINES  # per row
        self._prompts: dict[tuple[int, int, int], Text] = {}  # (hit, line, width) -> that line
        self._final: dict[tuple[object, ...], tuple[object, Strip]] = {}  # lines drawn (see render_lines)
        self._span_styles: dict[str, Style] = {}  # a span's style name -> its Style (see _segments)

    def row_width(self) -> int:
        """Cells for one line of a result: the content width less the scrollbar a long list gets
        (reserved up front, or the scrollbar's arrival would wrap every row's last cell)."""
        width = (self.content_region.width or self.size.width or 80) - self.styles.scrollbar_size_vertical
        return max(10, width - 1)

    @property
    def count(self) -> int:
        """Rows in the list (hits or queries)."""
        return len(self.queries) if self.queries else len(self.hits)

    def show(self, hits: list[Hit], highlighted: int = 0) -> None:
        """Show these hits (nothing is formatted until it is on screen)."""
        self._fill(list(hits), [], highlighted)

    def show_queries(self, queries: list[str], highlighted: int = 0) -> None:
        """Show these queries (the recent ones, newest first), one a line."""
        self._fill([], list(queries), highlighted)

    def _fill(self, hits: list[Hit], queries: list[str], highlighted: int) -> None:
        before = self._shown_lines()
        self.hits, self.queries = hits, queries
        self.lines = 1 if queries else LINES
        self._prompts.clear()
        set_virtual_size(self, Size(self.row_width(), self.lines * self.count))  # no screen layout per keystroke
        self.scroll_to(y=0, animate=False, immediate=True)
        self._filling = True  # (the highlight's watcher: the lines are compared below)
        try:
            self.highlighted = max(0, min(highlighted, self.count - 1)) if self.count else None
        finally:
            self._filling = False
        self._refresh_changed(before)

    _filling = False

    def _shown_lines(self) -> tuple[object, ...]:
        """What each line on screen shows (see render_line), to redraw only the lines a new list changes:
        the next keystroke's list often starts with the same hits (Textual redraws a whole widget line
        by line, and the list was most of a keystroke's drawing)."""
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        shown: list[object] = [top, self.scrollable_content_region.width]
        for line_no in range(top, top + height):
            i, part = divmod(line_no, self.lines)
            if not 0 <= i < self.count:
                shown.append(None)
            elif self.queries:
                shown.append((self.queries[i], i == self.highlighted))
            else:
                hit = self.hits[i]
                shown.append((id(hit.unit), part, tuple(hit.spans) if part else (), i == self.highlighted))
        return tuple(shown)

    def _refresh_changed(self, before: tuple[object, ...]) -> None:
        after = self._shown_lines()
        if len(after) != len(before) or after[:2] != before[:2]:  # scrolled or resized: every line
            self.refresh()
            return
        width = self.size.width
        run = None  # the first line of the run of changed lines being gathered (one region a run)
        for y, (old, new) in enumerate([*zip(before[2:], after[2:]), (None, None)]):
            if old != new:
                if run is None:
                    run = y
            elif run is not None:
                self.refresh(Region(0, run, width, y - run))
                run = None

    def current_query(self) -> str | None:
        """The recent query under the cursor (None while hits are shown)."""
        i = self.highlighted
        return self.queries[i] if self.queries and i is not None and 0 <= i < len(self.queries) else None

    def prompt_at(self, index: int) -> Text:
        """The two lines of hit `index` as shown at the current width."""
        width = self.row_width()
        return Text("\n").join(self._line(index, part, width) for part in range(self.lines))

    def _line(self, index: int, part: int, width: int) -> Text:
        """Line `part` of row `index`, at most `width` cells: only that line is worked out (a hit's
        head line is often drawn from the cache while its snippet, highlighted anew, is not)."""
        got = self._prompts.get((index, part, width))
        if got is None:
            if len(self._prompts) > 512:
                self._prompts.clear()
            if self.queries:
                got = Text(QUERY_MARK + cut(visible(self.queries[index], multiline=False), width - len(QUERY_MARK)))
            elif part == 0:
                got = head_line(self.hits[index], width)
            else:
                got = snippet_line(self.hits[index], width, match_style=MATCH_STYLE)
            self._prompts[(index, part, width)] = got
        return got

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self.count:
            return None
        return max(0, min(value, self.count - 1))

    def watch_highlighted(self, old: int | None, value: int | None) -> None:
        if self._filling:
            return  # (`_fill` redraws what changed)
        top = int(self.scroll_y)
        if value is not None:
            height = self.scrollable_content_region.height
            lines = self.lines
            y = value * lines
            if y < top:
                self.scroll_to(y=y, animate=False, immediate=True)
            elif y + lines > top + height:
                self.scroll_to(y=y + lines - height, animate=False, immediate=True)
        if old is None or value is None or int(self.scroll_y) != top:
            self.refresh()
            return
        width = self.size.width
        for row in {old, value}:  # only the rows the cursor left and came to
            self.refresh(Region(0, row * self.lines - top, width, self.lines))

    def on_resize(self, event: events.Resize) -> None:
        set_virtual_size(self, Size(self.row_width(), self.lines * self.count))

    def current(self) -> Hit | None:
        i = self.highlighted
        if i is None or not 0 <= i < len(self.hits):
            return None
        return self.hits[i]

    def on_click(self, event: events.Click) -> None:
        i = (int(self.scroll_y) + event.y) // self.lines
        if 0 <= i < self.count:
            self.highlighted = i
            self.post_message(self.Chosen(self, i))

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual's path (its styles cache: each line drawn by `render_line`, then padded, given the
        # widget's background and the app's line filters, one new Strip per step) redrew every line
        # that changed; here a finished line is kept by what it shows (`_line_key`) and by the look
        # it was drawn with, so a row that shows the same thing as on any recent keystroke, wherever
        # it now is on screen, costs a dictionary look-up. A new line is padded here as the styles
        # cache pads it (`_padded`) while the list has nothing else of its look (no border, outline,
        # tint, hatch or opacity); otherwise the styles cache's own `render_line` draws it. Either
        # way the app's line filters are applied to it, as Textual does: every line is Textual's.
        styles = self.styles
        base_background, background = self.background_colors
        app = self.app
        # what every line needs, once per frame: `rich_style` walks the CSS of every ancestor, and the
        # regions are worked out from the styles (a third of a keystroke's drawing, asked per line)
        frame = (self.rich_style, self.get_component_rich_style("search-results--highlighted"),
                 self.scrollable_content_region.width, self.row_width())
        size, content_size = self.region.size, self.content_region.size
        filters = tuple(self.get_line_filters())
        padding = styles.padding
        look = (frame, size, content_size, padding, styles.gutter, base_background, background, filters,
                self.opacity, app.ansi_theme, app.native_ansi_color, styles.text_opacity, styles.tint,
                styles.border, styles.outline, styles.hatch if styles.has_rule("hatch") else None,
                self._border_title, self._border_subtitle)
        if look != self._look:
            self._look = look
            self._final.clear()
            self._plain = self._plain_look()
        elif len(self._final) > STRIPS_KEPT:
            self._final.clear()
        self._frame = frame
        inner = self._styles_cache.get_inner_outer(base_background, background)[0].rich_style
        plain = self._plain
        try:
            top = styles.gutter.top
            content_width, content_height = content_size
            scroll_y = int(self.scroll_y)
            strips: list[Strip] = []
            for y in crop.line_range:
                content_y = y - top
                inside = 0 <= content_y < content_height
                owner, key = self._line_key(scroll_y + content_y) if inside else (None, ("edge", y))
                kept = self._final.get(key)
                if kept is not None and kept[0] is owner:
                    strips.append(kept[1])
                    continue
                if plain and inside:
                    strip = self._padded(content_y, content_width, padding.left, padding.right, size.width, inner)
                else:
                    strip = self._styles_cache.render_line(
                        styles, y, size, content_size, padding, base_background, background, self.render_line,
                        None, None, self.opacity, app.ansi_theme, app.native_ansi_color)
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                self._final[key] = (owner, strip)
                strips.append(strip)
        finally:
            self._frame = None
        if crop.column_span != (0, size.width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    _plain = False  # (see render_lines)

    def _plain_look(self) -> bool:
        """Whether Textual's styles cache would only pad this list's lines: no border or outline, no
        tint, hatch or opacity (its `render_line` then makes `pad + line + pad` in one Strip)."""
        styles = self.styles
        return (not any(edge for edge, _ in styles.border) and not any(edge for edge, _ in styles.outline)
                and not (styles.has_rule("hatch") and styles.hatch != "none") and not styles.tint.a
                and self.opacity == 1.0 and styles.text_opacity == 1.0
                and self._border_title is None and self._border_subtitle is None)

    def _padded(self, y: int, content_width: int, left: int, right: int, width: int, inner: Style) -> Strip:
        """Content line `y` with the list's padding, as the styles cache makes it (the line fitted to
        the content width, then a blank each side in the widget's background), as one Strip."""
        segments, cells = self._content(y)
        if cells != content_width:
            line = Strip(segments, cells).adjust_cell_length(content_width, inner)
            segments = list(line)
        if left:
            segments.insert(0, Segment(" " * left, inner))
        if right:
            segments.append(Segment(" " * right, inner))
        return Strip(segments, width)

    _frame: tuple[Style, Style, int, int] | None = None
    _look: tuple[object, ...] | None = None

    def _line_key(self, line_no: int) -> tuple[object, tuple[object, ...]]:
        """(owner, key) of the list's line `line_no`: what it shows, every line showing the same
        thing alike (the owner, a hit's unit or a query, is checked by identity: its id is in the key)."""
        i, part = divmod(line_no, self.lines)
        if not 0 <= i < self.count:
            return None, ("blank",)
        highlighted = i == self.highlighted
        if self.queries:
            return self.queries[i], (id(self.queries[i]), part, (), highlighted)
        hit = self.hits[i]
        return hit.unit, (id(hit.unit), part, tuple(hit.spans) if part else (), highlighted)

    def render_line(self, y: int) -> Strip:
        segments, cells = self._content(y)
        return Strip(segments, cells)

    def _content(self, y: int) -> tuple[list[Segment], int]:
        """The segments of content line `y` (the row's text over the row's style, padded to the
        content's width) and their width in cells."""
        base, cursor, width, row_width = self._frame or (
            self.rich_style, self.get_component_rich_style("search-results--highlighted"),
            self.scrollable_content_region.width, self.row_width())
        line_no = int(self.scroll_y) + y
        i, part = divmod(line_no, self.lines)
        if not 0 <= i < self.count:
            return [Segment(" " * width, base)], width
        style = base + cursor if i == self.highlighted else base
        text = self._line(i, part, row_width)
        segments = self._segments(text, style)
        cells = text.cell_len  # (at most the row's width: cut to it)
        if cells > width:
            return list(Strip(segments).crop(0, width)), width
        if cells < width:
            segments.append(Segment(" " * (width - cells), style))
        return segments, width

    def _segments(self, text: Text, style: Style) -> list[Segment]:
        """`text`'s segments over `style`, as `Text.render` makes them (each span's style added to
        `style`), for a line whose spans do not overlap (a result's: the head line's parts, the
        snippet's highlights), without its general machinery (a stack of styles, a combination per
        piece): a third of a new line's cost. Any other line goes through `Text.render`."""
        plain = text.plain
        spans = sorted(text.spans, key=attrgetter("start"))
        get_style = self._span_style
        out: list[Segment] = []
        pos = 0
        for span in spans:
            start, end = span.start, min(span.end, len(plain))
            if start < pos:
                return self._rendered(text, style)
            if start >= end:
                continue
            if start > pos:
                out.append(Segment(plain[pos:start], style))
            out.append(Segment(plain[start:end], style + get_style(span.style)))
            pos = end
        if text.style:
            return self._rendered(text, style)
        if pos < len(plain):
            out.append(Segment(plain[pos:], style))
        return out

    def _rendered(self, text: Text, style: Style) -> list[Segment]:
        return [Segment(s.text, style + s.style if s.style else style)
                for s in text.render(self.app.console) if s.text and "\n" not in s.text]

    def _span_style(self, name: str | Style) -> Style:
        """A span's style as `Text.render` looks it up (the console's theme, or parsed)."""
        if isinstance(name, Style):
            return name
        got = self._span_styles.get(name)
        if got is None:
            got = self._span_styles[name] = self.app.console.get_style(name, default=Style.null())
        return got
