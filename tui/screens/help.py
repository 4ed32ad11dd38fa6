"""`?`: every key of the main screen (with the user's keymap applied) and, when the search screen
offers it, the search syntax."""

from __future__ import annotations

from importlib import import_module

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from tui.core import locations
from tui.keynames import key_label, keys_label
from widgets.kept_styles import KeptStyles
from widgets.screen_base import PlansModalScreen
from widgets.stacked_view import StackedView

KeyRows = list[tuple[str, list[tuple[str, str, str]]]]


def search_help() -> str:
    """SEARCH_HELP of tui/screens/search.py, if that module offers it."""
    try:
        return str(getattr(import_module("tui.screens.search"), "SEARCH_HELP", "") or "")
    except ImportError:
        return ""


# binding id -> (palette title, one line of help), for the main screen's commands in the palette
COMMAND_HELP = {
    "main.help": ("帮助：全部按键", "列出每个界面的全部按键和搜索语法"),
    "main.search": ("搜索", "在全部规划的标题、正文、专栏和指标中搜索（支持拼音、首字母）"),
    "main.search_columns": ("只搜专栏", "只在专栏标题和条目中搜索"),
    "main.columns": ("专栏一览", "列出每个规划的全部专栏，可筛选，回车跳到专栏"),
    "main.tables": ("指标表", "当前规划的指标表：单位、每个数值和注释，可按列排序"),
    "main.info": ("规划信息", "发文机关、发文字号、日期、期限、地区和章节/专栏/指标数"),
    "main.compare": ("规划对比", "把几个规划的指标放在一起对比"),
    "main.prev_section": ("上一节", "跳到上一个章、节或条（含印发通知、抄送等前后附文）"),
    "main.next_section": ("下一节", "跳到下一个章、节或条（含印发通知、抄送等前后附文）"),
    "main.prev_column": ("上一专栏", "跳到本规划的上一个专栏"),
    "main.next_column": ("下一专栏", "跳到本规划的下一个专栏"),
    "main.prev_match": ("上一匹配", "在阅读区跳到查询词的上一处（从搜索跳转后）"),
    "main.next_match": ("下一匹配", "在阅读区跳到查询词的下一处（从搜索跳转后）"),
    "main.back": ("后退", "回到跳转前的位置（像浏览器的后退）"),
    "main.forward": ("前进", "后退之后再向前"),
    "main.bookmark": ("加书签 / 删书签", "把当前位置加入书签；已在书签中则删除"),
    "main.bookmarks": ("书签列表", "列出书签：回车跳转，d 删除"),
    "main.copy": ("复制", "复制当前节的全文和出处（规划名、发文字号、章节路径），经终端剪贴板 OSC 52"),
    "main.detail": ("显示/隐藏专栏栏", "打开或关闭阅读区旁（窄屏时在下方）的专栏详情"),
    "main.tree": ("显示/隐藏目录", "打开或关闭左侧目录树，让阅读区更宽"),
    "main.tree_narrower": ("目录变窄", "左侧目录树窄 4 个字符（下次启动仍按此宽度）"),
    "main.tree_wider": ("目录变宽", "左侧目录树宽 4 个字符，长标题不再截断（下次启动仍按此宽度）"),
    "main.theme": ("切换主题", "在浅色、深色、16 色主题间轮换（会记住）"),
}

def pretty_key(key: str) -> str:
    """One key as the footers show it (tui/keynames.py): `{` for left_curly_bracket, Esc, ^t."""
    return key_label(key)


def pretty_keys(keys: str) -> str:
    return keys_label(keys)


def focused_key_rows(screen: object, keymap: dict[str, str], seen: set[str]) -> list[tuple[str, str, str]]:
    """The keys the focused widget (and the widgets holding it) adds on this screen: our own bindings,
    those with an id and a Chinese description (空格 勾选/取消 in the compare plan picker); Textual's
    built-in ones, in English, are left out."""
    rows: list[tuple[str, str, str]] = []
    node = getattr(screen, "focused", None)
    while node is not None and node is not screen:
        for cls in type(node).__mro__:
            for b in getattr(cls, "BINDINGS", []) if "BINDINGS" in vars(cls) else []:
                if isinstance(b, Binding) and b.id and b.description:
                    key = keymap.get(b.id, b.key)
                    if key not in seen:
                        seen.add(key)
                        rows.append((key, b.description, b.id))
        node = getattr(node, "parent", None)
    return rows


def screen_key_rows(screen: object, keymap: dict[str, str], title: str = "") -> KeyRows:
    """The keys of one pushed screen (its BINDINGS, the user keymap applied) for `?` pressed there;
    the main screen lists every screen's keys itself."""
    rows = [(keymap.get(b.id, b.key) if b.id else b.key, b.description, b.id or "")
            for b in getattr(type(screen), "BINDINGS", [])
            if isinstance(b, Binding) and not b.action.endswith("screen_help")]
    rows += focused_key_rows(screen, keymap, {key for key, _, _ in rows})
    rows += [("question_mark", "本帮助", "app.help"), ("ctrl+p", "命令面板", "")]
    return [(title or type(screen).__name__, rows)]


class HelpScreen(KeptStyles, PlansModalScreen[None]):
    """A scrollable list of keys; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss(None)", "关闭", id="help.close"),
        Binding("j,down", "scroll('down')", "下", show=False),
        Binding("k,up", "scroll('up')", "上", show=False),
        Binding("g,home", "scroll('home')", "首行", show=False),
        Binding("G,end", "scroll('end')", "末行", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > StackedView {
        width: 90%;
        max-width: 100;
        height: 90%;
        background: $surface;
        border: round $primary;
        border-title-color: $primary;
        padding: 0 1;
    }
    """

    def __init__(self, rows: KeyRows) -> None:
        super().__init__()
        self.rows = rows
        self._shown = rows  # the rows the view shows

    def compose(self) -> ComposeResult:
        self._shown = self.rows
        view = StackedView(*self._parts())
        view.border_title = "按键（? / Esc 关闭）"
        yield view

    def reopen(self, rows: KeyRows) -> None:
        """Kept between opens (tui/screens/kept.py): the same keys from the top (rebuilt only when the
        keys changed)."""
        self.rows = rows
        if not self.is_mounted:  # opened again before it was up (built ahead, or keys typed fast): on_mount
            return
        view = self.query_one(StackedView)
        if rows != self._shown:
            self._shown = rows
            view.update(*self._parts())
        view.scroll_home(animate=False, immediate=True)

    def on_mount(self) -> None:
        if self.rows != self._shown:  # changed by a reopen while it was being built
            self._shown = self.rows
            self.query_one(StackedView).update(*self._parts())

    def _parts(self) -> tuple[list[RenderableType], list[int]]:
        """The renderables the help shows, one under the other, and the blank lines above each: a table
        of keys per screen, the keymap hint, the search syntax."""
        parts: list[RenderableType] = []
        gaps: list[int] = []
        for title, rows in self.rows:
            table = Table(box=box.SIMPLE, show_header=False, title=Text(title, style="bold"),
                          title_justify="left", expand=True, pad_edge=False)
            table.add_column("key", style="bold", no_wrap=True)
            table.add_column("what", ratio=1, overflow="fold")  # wrapped: a long Chinese description is not cut
            table.add_column("id", style="dim", no_wrap=True)
            for keys, description, binding_id in rows:
                table.add_row(Text(pretty_keys(keys)), Text(description), Text(binding_id))
            parts.append(table)
            gaps.append(0)
        parts.append(Text(f"改键：在 {locations.keymap_file()} 写 “binding id: 键”，例如 main.copy: ctrl+y",
                          style="italic"))
        gaps.append(0)
        syntax = search_help()
        if syntax:
            parts += [Text("搜索语法", style="bold"), Text(syntax)]
            gaps += [1, 0]
        return parts, gaps

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one(StackedView)
        if direction == "down":
            scroll.scroll_down()
        elif direction == "up":
            scroll.scroll_up()
        elif direction == "home":
            scroll.scroll_home(animate=False)
        else:
            scroll.scroll_end(animate=False)
