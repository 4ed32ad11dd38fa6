"""Command palette (ctrl+p): jump to any plan, heading, 专栏, indicator table or indicator by name.

Uses the search engine (pinyin included) over titles only; choosing a hit calls
`action_jump_key(node_key, query)` on the main screen (the first screen in the stack that has it).
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from rich.text import Text
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider

from tui.core.model import Corpus
from tui.core.safetext import visible
from tui.core.search import SearchIndex, cached_index, index_for, match_spans
from tui.core.search.searchable import Unit, plan_units

PALETTE_KINDS = ("plan", "heading", "column", "table", "indicator")
LIMIT = 30
DISCOVER = 40  # plans listed before anything is typed


def hit_display(text: str, spans: list[tuple[int, int]], label: str, where: str = "") -> Text:
    """`[label] text` with the matched characters bold, and `where` (the breadcrumb) dim on a
    second line. Plan text stays Text: the palette parses a hit's `help` string as markup (and
    textual's escape() has holes, e.g. "[/"), so the breadcrumb is never passed as `help`. Control
    characters show as stand-ins (one to one: the spans still hold)."""
    out = Text(no_wrap=True)
    out.append(f"[{visible(label, multiline=False)}] ", style="dim")
    start = len(out.plain)
    out.append(visible(text.replace("\n", " "), multiline=False))
    for s, e in spans:
        out.stylize("bold underline", start + s, start + e)
    if where:
        out.append("\n" + visible(where.replace("\n", " "), multiline=False), style="dim italic")
    return out


def named_plans_first(index: SearchIndex, query: str) -> list[int]:
    """The plans a one-word query of two or more characters names from its start (its region or
    short name as typed, in pinyin or initials: `SearchIndex.plan_units_named`), as unit ids, to be
    listed first; [] for anything else (several words, an operator, one letter)."""
    word = query.strip()
    if len(word) < 2 or any(c.isspace() for c in word) or word[0] in "'!@#":
        return []
    return index.plan_units_named(word)


class PlansCommandPalette(CommandPalette):
    """Textual's palette, with PgUp/PgDn that wait until the list has room: Textual's OptionList
    pages by line positions it works out only once it has a size, and raised KeyError (quitting
    the app) on PgDn while the list was still empty of lines (at a small terminal, or before the
    list was first shown)."""

    BINDINGS = [Binding("pagedown", "page(1)", show=False), Binding("pageup", "page(-1)", show=False)]

    def action_page(self, direction: int) -> None:
        commands = self.query_one(CommandList)
        if not commands.option_count or not commands.scrollable_content_region:
            return
        if direction > 0:
            commands.action_page_down()
        else:
            commands.action_page_up()

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Closes the palette only while it is the screen on top: Enter typed twice picks the command
        twice, and Textual's second dismissal popped the screen under the palette (or raised
        ScreenStackError, quitting the app, when that was the last one)."""
        if not self.is_active:
            return AwaitComplete.nothing()
        return super().dismiss(result)


class PlansProvider(Provider):
    """Plans, headings, 专栏, tables and indicators by name. The plans listed for an empty prompt come
    from the corpus itself: the palette lists them at once even while a large corpus's search index
    is still loading (a typed query waits for it)."""

    async def startup(self) -> None:
        corpus = getattr(self.app, "corpus", None)
        self._corpus: Corpus | None = corpus if isinstance(corpus, Corpus) else None
        self._index: SearchIndex | None = None

    async def _loaded_index(self) -> SearchIndex | None:
        """The search index, for a typed query: the one the main screen's warm-up loaded, or (typed
        before that finished) loaded now in a thread. Not at start-up: a palette built ahead (or opened
        just to pick a command) does not compete with the warm-up and the user's first keys."""
        if self._index is None and self._corpus is not None:
            self._index = cached_index(self._corpus) or await asyncio.to_thread(index_for, self._corpus)
        return self._index

    def _jump(self, key: str, query: str) -> None:
        for screen in reversed(self.app.screen_stack):
            jump = getattr(screen, "action_jump_key", None)
            if jump is not None:
                jump(key, query)
                return
        self.app.notify("没有可以跳转到这里的界面", severity="warning", markup=False)

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        index = await self._loaded_index()
        if index is None:
            return
        try:
            result = index.search(query, limit=LIMIT, kinds=PALETTE_KINDS)
        except Exception as exc:  # an engine bug must not take the whole app down with it
            self.app.notify(visible(f"搜索出错：{type(exc).__name__}: {exc}"), severity="error", markup=False)
            return
        hits: list[tuple[Unit, list[tuple[int, int]]]] = [(hit.unit, hit.spans) for hit in result.hits]
        named = named_plans_first(index, query)
        if named:  # hz: 湖州市 before the headings about 合作 its letters spell too
            keys = {index.units[uid].key for uid in named}
            hits = [(index.units[uid], match_spans(index.units[uid].text, query)) for uid in named] + [
                (u, spans) for u, spans in hits if u.key not in keys]
            hits = hits[:LIMIT]
        n = max(1, len(hits))
        for i, (u, spans) in enumerate(hits):
            yield Hit(
                1.0 - i / (n + 1),
                hit_display(u.text, spans, f"{u.plan_short} {u.label}", u.breadcrumb),
                partial(self._jump, u.key, query),
                text=visible(u.text, multiline=False),
            )

    async def discover(self) -> Hits:
        """The plans, for an empty prompt, in the index's order (the first `DISCOVER` of them: with
        hundreds, listing every one made the palette slow to open; typing finds any plan)."""
        if self._corpus is None:
            return
        for u in plan_units(self._corpus)[:DISCOVER]:
            yield DiscoveryHit(hit_display(u.text, [], "规划", u.breadcrumb), partial(self._jump, u.key, ""),
                               text=visible(u.text, multiline=False))


PROVIDER = PlansProvider
