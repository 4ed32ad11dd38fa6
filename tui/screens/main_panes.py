"""The main screen's pane, theme and key-list actions: `d` (the 专栏 pane), `w` (the tree), `<`/`>`
(the tree's width, remembered), ctrl+t (the theme), `?` (help), and the key rows the help screen and
the command palette list. `PaneActions` is a mixin of `MainScreen`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

import themes
from tui.screens.registry import SCREENS
from widgets.column_detail import ColumnDetail
from widgets.plan_tree import PlanTree
from widgets.reader import Reader

if TYPE_CHECKING:
    from tui.app import PlansApp
    from tui.screens.kept import KeptScreens

    _Base = Screen[object]
else:
    _Base = object


class PaneActions(_Base):
    """Pane, theme and key-list actions for `MainScreen` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by MainScreen
        @property
        def plan_tree(self) -> PlanTree: ...
        @property
        def plans_app(self) -> PlansApp: ...
        @property
        def reader(self) -> Reader: ...
        @property
        def kept(self) -> KeptScreens: ...

    # -- actions: panes and theme ----------------------------------------------------------------
    def action_toggle_detail(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-detail")
            return
        config = getattr(self.app, "config", None)
        if config is not None:
            config.detail = not config.detail
            self.set_class(not config.detail, "-no-detail")
            self.plans_app.save_config("detail")
        else:
            self.toggle_class("-no-detail")

    def action_toggle_tree(self) -> None:
        self.toggle_class("-hide-tree")
        if self.has_class("-hide-tree"):
            self.reader.focus()
        else:
            self.plan_tree.focus()

    TREE_MIN = 12  # cells
    READER_MIN = 30  # cells left for the reader

    def _set_tree_width(self, width: int) -> int:
        """Fix the tree's width (the reader keeps at least READER_MIN cells); returns the width set."""
        limit = max(self.TREE_MIN, (self.size.width or 80) - self.READER_MIN)
        width = max(self.TREE_MIN, min(width, limit))
        styles = self.plan_tree.styles
        styles.width = width
        styles.min_width = width
        styles.max_width = width
        return width

    def action_tree_width(self, step: int) -> None:
        """`<` / `>`: the tree 4 cells narrower / wider, remembered for the next start."""
        if self.has_class("-hide-tree"):
            self.action_toggle_tree()
        width = self._set_tree_width(self.plan_tree.outer_size.width + step)
        self.notify(f"目录宽 {width} 字符（< 变窄，> 变宽）", timeout=2, markup=False)
        app = self.app
        config = getattr(app, "config", None)
        if config is not None and config.tree_width != width:
            config.tree_width = width
            app.save_config("tree_width")  # type: ignore[attr-defined]

    def action_cycle_theme(self) -> None:
        names = themes.offered(self.app)
        if names == [self.app.theme] and len(themes.THEMES) > 1:
            self.notify("此终端只有16色：纸、墨主题在这里看不清，保持 ANSI 主题（颜色更多的终端里可换）",
                        timeout=4, markup=False)
            return
        name = themes.next_theme(self.app.theme, names)
        self.app.theme = name
        self.notify(f"主题：{themes.THEME_TITLES.get(name, name)}", timeout=2, markup=False)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        rows = self.key_rows()
        self.kept.push("help", lambda: HelpScreen(rows), None, rows=rows)

    # -- keys, help and palette --------------------------------------------------------------------
    def key_rows(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """(section, [(keys, description, binding id)]) for the help screen, with the user keymap applied."""
        keymap = self.plans_app.user_keymap
        sections = [("全局", self.BINDINGS), ("目录树", PlanTree.BINDINGS), ("阅读区", Reader.BINDINGS),
                    ("专栏栏", ColumnDetail.BINDINGS)]
        out = []
        for title, bindings in sections:
            rows = []
            for b in bindings:
                if not isinstance(b, Binding):
                    continue
                keys = keymap.get(b.id, b.key) if b.id else b.key
                rows.append((keys, b.description, b.id or ""))
            out.append((title, rows))
        tree_extra = [("enter", "打开（并展开/收起）", ""), ("space", "展开/收起", ""),
                      ("tab / shift+tab", "在目录、阅读区、专栏栏之间切换", ""), ("ctrl+p", "命令面板", "")]
        out[0][1].extend(tree_extra)
        for entry in SCREENS.values():  # every other screen's keys too
            cls = entry.load()
            rows = [(keymap.get(b.id, b.key) if b.id else b.key, b.description, b.id or "")
                    for b in cls.BINDINGS if isinstance(b, Binding)]
            if rows:
                out.append((entry.title, rows))
        return out

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Every main-screen action, for the command palette: a Chinese title, one line of help and
        the keys as typed (the user keymap applied)."""
        from tui.screens.help import COMMAND_HELP, pretty_keys

        keymap = self.plans_app.user_keymap
        for b in self.BINDINGS:
            if not isinstance(b, Binding) or b.action.startswith("app.") or b.action == "focus_tree":
                continue
            title, help_text = COMMAND_HELP.get(b.id or "", (b.description, ""))
            keys = pretty_keys(keymap.get(b.id, b.key) if b.id else b.key)
            yield SystemCommand(title, f"{help_text}（按 {keys}）" if help_text else f"按 {keys}",
                                lambda action=b.action: self.run_action(action))
        # plans themselves come from tui.providers (as Text): a SystemCommand title is parsed as markup
