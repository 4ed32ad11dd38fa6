"""`B`: the bookmark list. Enter jumps (dismisses with a Jump), d/delete removes one, escape closes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.bookmarks import Bookmarks
from tui.core.model import Corpus
from tui.core.safetext import safe_text, visible
from tui.core.statefile import StateFileError
from tui.jump import Jump
from tui.screens.list_keys import LIST_KEYS, ListKeys
from widgets.kept_styles import KeptStyles
from widgets.option_lists import PagedOptionList
from widgets.screen_base import PlansModalScreen


class BookmarksScreen(KeptStyles, ListKeys, PlansModalScreen[Jump | None]):
    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "关闭", id="bookmarks.close"),
        Binding("d,delete", "delete", "删除", id="bookmarks.delete"),
        Binding("question_mark", "app.screen_help", "帮助", show=False),  # modal: app keys don't reach here
        *LIST_KEYS,
    ]

    def action_close(self) -> None:
        self.dismiss(None)

    DEFAULT_CSS = """
    BookmarksScreen { align: center middle; }
    BookmarksScreen > Vertical {
        width: 90%;
        max-width: 110;
        height: 80%;
        background: $surface;
        border: round $primary;
        border-title-color: $primary;
    }
    BookmarksScreen OptionList { height: 1fr; border: none; background: $surface; }
    BookmarksScreen #bm-help { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, bookmarks: Bookmarks, corpus: Corpus) -> None:
        super().__init__()
        self.bookmarks = bookmarks
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "书签"
            yield PagedOptionList(id="bm-list")
            yield Static(Text("Enter 跳转 · d 删除 · Esc 关闭"), id="bm-help")

    def on_mount(self) -> None:
        options = next(self.query(OptionList).results(OptionList), None)
        if options is None:  # removed before it was up (the app quitting while it was built ahead)
            return
        self._fill()
        options.focus()

    def reopen(self, bookmarks: Bookmarks | None = None) -> None:
        """Kept between opens (tui/screens/kept.py): the list as saved now, cursor on the first."""
        if bookmarks is not None:
            self.bookmarks = bookmarks  # the main screen's (a big file is read after the first frame)
        options = self.query_one(OptionList)
        if self._filled_with == self._fill_key() and options.option_count:
            # the same bookmarks as last time: the cursor back on the first, without rebuilding the
            # options (that lays the screen out again: a frame of its own before the open's)
            if len(self.bookmarks):
                options.highlighted = 0
        else:
            self._fill()
        options.scroll_home(animate=False, immediate=True)
        options.focus()

    _filled_with: tuple[tuple[str, str, str], ...] | None = None  # the bookmarks the options show

    def _fill_key(self) -> tuple[tuple[str, str, str], ...]:
        return tuple((b.key, b.label, b.added) for b in self.bookmarks.items)

    def _fill(self, highlight: int = 0) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        items = []
        for b in self.bookmarks.items:
            missing = "/" in b.key and self.corpus.node(b.key) is None
            label = safe_text(b.label or b.key)
            label.append(visible(f"  {b.added[:16].replace('T', ' ')}", multiline=False), style="italic")  # not dim: on the highlighted row that was 2:1
            if missing:
                label.append("  （数据中已找不到）", style="italic")
            items.append(Option(label, id=b.key))
        options.add_options(items)  # one update: adding one at a time re-lays the list out every time
        self._filled_with = self._fill_key()
        if len(self.bookmarks) == 0:
            options.add_option(Option(Text("还没有书签：在正文处按 a 添加。"), disabled=True))
        elif options.option_count:
            options.highlighted = min(highlight, options.option_count - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(Jump(event.option.id))

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or len(self.bookmarks) == 0:
            return
        option = options.get_option_at_index(index)
        if not option.id:
            return
        try:
            removed = self.bookmarks.remove(option.id)
        except StateFileError as exc:
            self.notify(str(exc), title="书签未删除", severity="error", timeout=8, markup=False)
            removed = False
        if removed:
            self.notify("已删除书签", timeout=2, markup=False)
        self._fill(index)  # the list as saved (another session's changes included)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
