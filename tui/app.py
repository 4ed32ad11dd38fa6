"""The Textual app: wires themes, the user keymap, the command palette and the main screen.

Everything stateful lives in `tui.screens.main.MainScreen`; this class only holds what is app-wide:
the corpus, the config (theme), the keymap, and the problems found reading state files (reported
once, as notifications, when the main screen mounts).
"""

from __future__ import annotations

from typing import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

import themes
from tui.core.config import Config, save_config
from tui.core.model import Corpus


def _search_provider():
    """The palette provider of tui/providers.py, imported only when the palette opens."""
    from tui.providers import PROVIDER

    return PROVIDER


class PlansApp(App[int]):
    TITLE = "plans"
    SUB_TITLE = "科技创新规划"
    CSS_PATH = str(themes.APP_CSS)
    COMMANDS = App.COMMANDS | {_search_provider}
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        corpus: Corpus,
        *,
        config: Config | None = None,
        keymap: dict[str, str] | None = None,
        start_key: str | None = None,
        start_query: str = "",
        problems: list[str] | None = None,
        save_settings: bool = True,
        resume_gc: bool = False,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.config = config or Config()
        self.user_keymap = dict(keymap or {})
        self.start_key = start_key
        self.start_query = start_query
        self.problems = list(problems or [])
        self.save_settings = save_settings
        self.resume_gc = resume_gc  # the command paused garbage collection for start-up
        themes.register(self)
        self.theme = self.config.theme if self.config.theme in self.available_themes else themes.DEFAULT_THEME
        if self.user_keymap:
            self.set_keymap(self.user_keymap)

    def on_ready(self) -> None:
        """The first frame is up: resume garbage collection if start-up paused it."""
        if self.resume_gc:
            self.resume_gc = False
            import gc

            gc.freeze()  # what start-up built (modules, the corpus) lives as long as the app: never rescan it
            gc.enable()

    def get_default_screen(self) -> Screen:
        from tui.screens.main import MainScreen

        return MainScreen(self.corpus, start_key=self.start_key, start_query=self.start_query)

    def watch_theme(self, theme: str) -> None:
        if self.config.theme != theme:
            self.config.theme = theme
            self.save_config()

    def save_config(self) -> None:
        if not self.save_settings:
            return
        try:
            save_config(self.config)
        except OSError as exc:
            self.notify(f"cannot save config: {exc.strerror}", severity="error", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for name, title in themes.THEME_TITLES.items():
            yield SystemCommand(f"主题：{title}", f"switch to the {name} theme",
                                lambda name=name: setattr(self, "theme", name))
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
