"""The Textual app: wires themes, the user keymap, the command palette and the main screen.

Everything stateful lives in `tui.screens.main.MainScreen`; this class only holds what is app-wide:
the corpus, the config (theme), the keymap, and the problems found reading state files (reported
once, as notifications, when the main screen mounts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import Notify, SeverityLevel
from textual.screen import Screen

import themes
from themes.stylesheet import ParsedCSS, PlansStylesheet
from tui.app_errors import CrashReport
from tui.app_gc import FULL_GC_EVERY, GC_IDLE, YOUNG_GC_EVERY
from tui.app_keys import KeyHold
from tui.core.config import Config, save_config
from tui.core.i18n import t
from tui.core.model import Corpus
from tui.core.safetext import body, visible
from tui.core.statefile import StateFileError

if TYPE_CHECKING:
    from tui.screens.kept import KeptScreens

PALETTE_WAITS = 20  # frames ctrl+p waits at most for the screen beneath to be drawn
_SAME_BUT_NUMBERS = re.compile(r"\d+")  # notices that differ only here are one notice updated (`_on_notify`)


def _parsed_css() -> ParsedCSS | None:
    """The CSS parsed by earlier runs (none with PLANS_NO_CACHE=1, as for the corpus store)."""
    from tui.core import store

    return ParsedCSS.load(store.directory()) if store.enabled() else None


def _search_provider():
    """The palette provider of tui/providers.py, imported only when the palette opens."""
    from tui.providers import PROVIDER

    return PROVIDER


class PlansApp(KeyHold, CrashReport, App[int]):
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
        theme: str | None = None,
        fit_terminal: bool = False,
        prepare_screens: bool = True,
    ) -> None:
        super().__init__()
        # (nothing is parsed yet: Textual's own style sheet, replaced by one that parses each CSS once and
        # finds what earlier runs parsed in the cache directory, themes/stylesheet.py)
        self.stylesheet = PlansStylesheet(variables=self.stylesheet._variables, parsed=_parsed_css())
        self.corpus = corpus
        self._kept: KeptScreens | None = None  # the palettes and the pushed screens' help, kept between opens
        self.prepare_screens = prepare_screens  # build the screens ahead while the user reads (tui/screens/prepare.py)
        self.config = config or Config()
        self.user_keymap = dict(keymap or {})
        self.start_key = start_key
        self.start_query = start_query
        self.problems = list(problems or [])
        self.save_settings = save_settings
        self._key_gaps: list[float] = []  # the gaps before the last RHYTHM_KEYS keys, s (on_event, quiet_needed)
        self.resume_gc = resume_gc  # the command paused garbage collection for start-up
        self.freeze_gc = resume_gc  # … and what warm-up builds (the search index) is frozen too (freeze_heap)
        self.terminal_theme: str | None = None
        self._theme_set = False  # watch_theme saves only the user's changes, not the start-up choice
        themes.register(self)
        # On a 16-colour terminal (fit_terminal: the real command, not a test's headless app) the ANSI
        # theme, unless this run asked for one (--theme); the stored setting is kept for the next run
        # on a better terminal (see watch_theme).
        if fit_terminal and theme is None and themes.few_colours(self.console.color_system):
            self.terminal_theme = themes.ANSI.name
        wanted = self.terminal_theme or theme or self.config.theme
        self.theme = wanted if wanted in self.available_themes else themes.DEFAULT_THEME
        self._theme_set = True
        if self.user_keymap:
            from tui.keymap import check_keys

            self.user_keymap, key_problems = check_keys(self.user_keymap)
            self.problems.extend(key_problems)
            self.set_keymap(self.user_keymap)

    def _check_resize(self) -> None:
        """Textual's hand-on of the terminal's size to the screens, but not when every screen is laid out
        at that size already. At start the driver reports the size twice (as it starts, then the
        terminal's in-band size report, tmux's among them), both before the main screen is mounted: they
        waited in its queue and, right after the first frame (laid out at that very size), each made it
        lay out and draw everything again (20–30 ms), in the way of the user's first key. A size that
        comes before the screen is laid out is kept, as Textual keeps one that comes before there is a screen,
        and looked at again once the app is idle (App._on_idle); a real change of size is handed on."""
        event = self._resize_event
        if event is not None and self._resize_timer is None:
            try:
                screens = [self.screen, *self._background_screens]
            except Exception:  # no screen yet: Textual's own way (it keeps the event for later)
                screens = []
            if screens and (not screens[0].is_mounted or not screens[0].outer_size):
                return  # not laid out yet (its first layout takes the app's size): kept, App._on_idle asks again
            if screens and all(screen.outer_size == event.size for screen in screens):
                self._resize_event = None
                return
        super()._check_resize()

    def on_ready(self) -> None:
        """The first frame is up: resume garbage collection if start-up paused it; check the keymap's ids."""
        self._exit_on_hang_up()
        if self.user_keymap:
            self._check_keymap_ids()
        self.web_default_colours()
        if self.resume_gc:
            self.resume_gc = False
            import gc

            gc.freeze()  # what start-up built (modules, the corpus) lives as long as the app: never rescan it
            # Full collections walk every object the views cache (tens of thousands of rendered lines):
            # 30–150 ms, on whichever key happened to trigger one. They wait for a pause instead
            # (_collect_when_idle); the young generations are collected in the pause after each key
            # (_young_gc_soon), and by the collector only when a key itself makes very many objects.
            _, threshold1, _ = gc.get_threshold()
            gc.set_threshold(YOUNG_GC_EVERY, threshold1, FULL_GC_EVERY)
            gc.enable()
            self._young_gc = True
            self.set_interval(GC_IDLE / 2, self._collect_when_idle)

    def save_parsed_css(self) -> None:
        """Keep the CSS parsed in this run for the next (themes/stylesheet.py): as the main screen's warm-up
        starts (half a second after the first frame), once every screen is built ahead
        (tui/screens/prepare.py), and as the app closes (each time only if something new was parsed)."""
        parsed = getattr(self.stylesheet, "parsed", None)
        if isinstance(parsed, ParsedCSS) and parsed.has_new():
            # encoded in a thread (a few ms a source): the event loop stays free for keys
            self.run_worker(parsed.save, thread=True, group="css-save", exit_on_error=False)

    def on_unmount(self) -> None:
        parsed = getattr(self.stylesheet, "parsed", None)
        if isinstance(parsed, ParsedCSS):
            parsed.save()

    @work(thread=True, exclusive=True, group="keymap")
    def _check_keymap_ids(self) -> None:
        """Report keymap entries whose id no binding has (it imports every screen: not on the first frame)."""
        from tui.keymap import clashes, known_ids, unknown_ids

        known = known_ids()
        problems = unknown_ids(self.user_keymap, known) + clashes(self.user_keymap)
        if problems:
            self.call_from_thread(self._drop_keymap_ids, known, problems)

    def _drop_keymap_ids(self, known: set[str], problems: list[str]) -> None:
        self.user_keymap = {k: v for k, v in self.user_keymap.items() if k in known}
        self.report_problems(problems)

    def report_problems(self, problems: list[str]) -> None:
        """Each problem once: a notification (Chinese) and a line in the log."""
        for problem in problems:
            self.log.warning(problem)
            own = problem == getattr(self.corpus, "user_problem", None)  # the user's plans file, not a setting
            self.notify(problem, title="自添规划" if own else "设置", severity="warning", timeout=8, markup=False)

    def action_screen_help(self) -> None:
        from tui.screens.help import HelpScreen, screen_key_rows
        from tui.screens.registry import title_of

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        rows = screen_key_rows(screen, self.user_keymap, title_of(screen))
        # one kept help per kind of screen: its keys are the same each time
        self.kept_screens.push(f"help-{type(screen).__name__}", lambda: HelpScreen(rows), None, rows=rows)

    @property
    def kept_screens(self) -> KeptScreens:
        if self._kept is None:
            from tui.screens.kept import KeptScreens

            self._kept = KeptScreens(self)
        return self._kept

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification (they quote plan text: bookmark names, indicator names, errors) with its
        control characters shown as stand-ins, and its wide characters kept whole (widgets/toast.py:
        installed by the first one, not at every start)."""
        from widgets.toast import install as keep_toasts_whole

        keep_toasts_whole()  # Textual splits wide characters under a toast
        super().notify(body(message), title=visible(title, multiline=False), severity=severity, timeout=timeout,
                       markup=markup)

    def _on_notify(self, event: Notify) -> None:
        """A notice replaces the one still shown that says the same but for its numbers (`>` `>` `>`:
        one "目录宽 …" toast, the latest, not a stack of them). Warnings and errors are all kept."""
        new = event.notification
        if new.severity == "information":
            kind = _SAME_BUT_NUMBERS.sub("0", new.message)
            for old in list(self._notifications):
                if (old.severity == "information" and old.title == new.title
                        and _SAME_BUT_NUMBERS.sub("0", old.message) == kind):
                    self._unnotify(old, refresh=False)
        super()._on_notify(event)

    def _palette_screenshot(self) -> None:
        """The palette's 截图: an SVG of the screen in the current directory, told in the user's language
        (Textual's own delivery says "Saved screenshot")."""
        try:
            path = self.save_screenshot()
        except OSError as exc:
            self.notify(f"{t('Screenshot')}：{exc.strerror or exc}", severity="error", markup=False)
            return
        self.notify(path, title=t("Screenshot saved"), markup=False)

    def _palette_keys(self) -> None:
        """The palette's 按键 command: the keys of the screen it was opened on."""
        if hasattr(self.screen, "action_help"):
            self.screen.action_help()
        else:
            self.action_screen_help()

    def get_default_screen(self) -> Screen:
        from tui.screens.main import MainScreen

        return MainScreen(self.corpus, start_key=self.start_key, start_query=self.start_query)

    def watch_theme(self, theme: str) -> None:
        if not self._theme_set or theme == self.terminal_theme:  # start-up, or chosen for this terminal
            return
        if self.config.theme != theme:
            self.config.theme = theme
            self.save_config("theme")
        self.web_default_colours()

    def web_default_colours(self) -> None:
        """Served in a browser (`plans serve`): give the page's terminal the theme's background and
        text colours as its defaults (OSC 11 / OSC 10), so whatever is drawn in the terminal's
        default colours matches the theme instead of xterm.js's black. A 16-colour theme (no hex
        colours) restores the page's own defaults. In a terminal this does nothing."""
        if not self.is_web or self._driver is None:
            return
        variables = self.get_css_variables()
        codes = []
        for osc, name in (("10", "foreground"), ("11", "background")):
            value = variables.get(name, "")
            codes.append(f"\x1b]{osc};{value}\x07" if re.fullmatch(r"#[0-9A-Fa-f]{6}", value) else f"\x1b]1{osc}\x07")
        self._driver.write("".join(codes))

    def save_config(self, *fields: str) -> None:
        """Save the named settings (all when none are named), merged with other sessions' changes."""
        if not self.save_settings:
            return
        try:
            save_config(self.config, fields or None)
        except StateFileError as exc:
            self.notify(str(exc), title="设置未保存", severity="error", timeout=8, markup=False)

    def action_command_palette(self) -> None:
        """The palette with Chinese placeholder and no-match line (`tui.palette`), one per kind of screen
        it is opened on, kept between opens."""
        from textual.command import CommandPalette

        from tui.palette import PlansPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            caller = self.screen
            if not self._drawn(caller) and self._palette_waits < PALETTE_WAITS:
                # ctrl+p before the screen's first frame: Textual lays out no screen beneath another, so
                # it would stay blank behind the palette until the palette closed; open after that frame
                self._palette_waits += 1
                caller.call_after_refresh(self.action_command_palette)
                return
            self._palette_waits = 0
            self.kept_screens.push(self._palette_name(caller), lambda: PlansPalette(caller), None, caller=caller)

    _palette_waits = 0  # frames ctrl+p has waited for its screen to be drawn

    def _drawn(self, screen: Screen) -> bool:
        """The screen has been laid out at the terminal's size (its first frame is not still to come)."""
        return screen.outer_size == self.size and not screen._layout_required

    @staticmethod
    def _palette_name(caller: Screen) -> str:
        return f"palette-{type(caller).__name__}"

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in an input): say which key does, in the user's language."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("Press {key} to quit the app").format(key=self.get_key_display(active.binding)),
                            title=t("Do you want to quit?"), markup=False)
                return

    def get_key_display(self, binding: Binding) -> str:
        """A key as every footer, help and hint writes it (one style: tui/keynames.py)."""
        from tui.keynames import key_label

        return binding.key_display or key_label(binding.key)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own (Theme, Quit, Keys, Maximize, Screenshot) are English and offer themes that do
        # not style this app: ours instead.
        yield SystemCommand(t("Quit"), t("Quit the application as soon as possible"), self.action_quit)
        yield SystemCommand(t("Keys"), t("Show help for the focused widget and a summary of available keys"),
                            self._palette_keys)
        yield SystemCommand(t("Screenshot"), t("Save an SVG 'screenshot' of the current screen"),
                            lambda: self.set_timer(0.1, self._palette_screenshot))
        for name, title in themes.THEME_TITLES.items():
            if name not in themes.offered(self):
                continue
            yield SystemCommand(f"主题：{title}", f"切换到“{title}”主题（按 ^t 轮换）",
                                lambda name=name: setattr(self, "theme", name))
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
