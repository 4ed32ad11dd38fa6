"""The Textual app: wires themes, the user keymap, the command palette and the main screen.

Everything stateful lives in `tui.screens.main.MainScreen`; this class only holds what is app-wide:
the corpus, the config (theme), the keymap, and the problems found reading state files (reported
once, as notifications, when the main screen mounts).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
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
    # `?` on a pushed screen (tables, info, compare, bookmarks …) shows that screen's keys; the main
    # screen's own `?` (every screen's keys) and the help screen's `?` (close) take precedence, and a
    # focused Input types the `?` instead.
    BINDINGS = [Binding("question_mark", "screen_help", "帮助", show=False, id="app.help")]

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

    # -- keys typed faster than a screen opens -----------------------------------------------------
    # `/ yfjf ↓ Enter` typed fast (or pasted over SSH) arrives in one read. Textual forwards every key
    # at once to the focused widget (the tree); `/` then pushes the search screen, and the other keys,
    # bubbling back up from the tree to the app, are matched against the *search* screen's bindings,
    # find none, and are dropped: the search screen stood there empty (BUGS-main #3). So a key that
    # comes back from a screen that is no longer on top is dispatched again to the screen now on top;
    # keys that arrive while that screen is still mounting are held and replayed, in order, once it
    # is up and has focused its input.
    _HOLD_TRIES = 100  # refreshes to wait for a screen before replaying anyway
    _held_keys: list[events.Key]  # created by the first _hold

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                if self._hold(event):
                    return
                # tag the key with the screen it was sent to (Textual's Key has no field for it)
                event._plans_screen = self._current_screen()  # type: ignore[attr-defined]
            else:
                sent_to = getattr(event, "_plans_screen", None)
                if sent_to is not None and sent_to is not self._current_screen():
                    event.stop()
                    again = events.Key(event.key, event.character)
                    if not self._hold(again):
                        await self.on_event(again)
                    return
        await super().on_event(event)

    def _current_screen(self) -> Screen | None:
        try:
            return self.screen
        except Exception:  # no screen yet
            return None

    def _screen_mounted(self) -> bool:
        try:
            return self.screen.is_mounted
        except Exception:  # no screen yet
            return False

    def _hold(self, event: events.Key) -> bool:
        """Hold the key if the screen is still mounting (or keys are already held: keep their order)."""
        held: list[events.Key] = self.__dict__.setdefault("_held_keys", [])
        if not held and self._screen_mounted():
            return False
        held.append(event)
        if len(held) == 1:
            self.call_after_refresh(self._replay_held, 0, False)
        return True

    async def _replay_held(self, tries: int, mounted_seen: bool) -> None:
        held: list[events.Key] = self._held_keys
        while held:
            if tries < self._HOLD_TRIES and not (mounted_seen and self._screen_mounted()):
                # not mounted yet; or just mounted: one more refresh so the focus it asked for is applied
                self.call_after_refresh(self._replay_held, tries + 1, self._screen_mounted())
                return
            before = self.screen
            await super().on_event(held.pop(0))
            if self.screen is not before and not self._screen_mounted():
                mounted_seen = False  # that key pushed a screen: the next keys are for it, once it is up

    def on_ready(self) -> None:
        """The first frame is up: resume garbage collection if start-up paused it."""
        if self.resume_gc:
            self.resume_gc = False
            import gc

            gc.freeze()  # what start-up built (modules, the corpus) lives as long as the app: never rescan it
            gc.enable()

    def action_screen_help(self) -> None:
        from tui.screens.help import HelpScreen, screen_key_rows
        from tui.screens.registry import title_of

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        self.push_screen(HelpScreen(screen_key_rows(screen, self.user_keymap, title_of(screen))))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tui.providers import PlansCommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(PlansCommandPalette(id="--command-palette"))

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
            yield SystemCommand(f"主题：{title}", f"切换到“{title}”主题（按 ctrl+t 轮换）",
                                lambda name=name: setattr(self, "theme", name))
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
