"""The command palette in the user's language, kept between opens.

Textual writes "Search for commands…" and "No matches found" itself; this subclass gives the
catalogue's words instead (`tui.core.i18n`). The palette's system commands (Keys, Quit, Screenshot,
themes) are the app's own, see `PlansApp.get_system_commands`.

Textual builds a new palette on every `ctrl+p`: compose, CSS, layout, the providers started and asked
for their commands, the list filled and laid out again, four to seven frames (140–500 ms). Ours is
built once per kind of screen it is opened on and kept (tui/screens/kept.py): a later open clears the
prompt and shows the commands it listed the first time, one frame. The main screen's palette is even
built before its first open, off-screen, while the user reads (tui/screens/prepare.py).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, cast

from rich.align import Align
from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.command import Command, CommandInput, CommandList, CommandPalette, DiscoveryHit, Hit
from textual.events import Mount, ScreenResume
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.core.i18n import t
from tui.providers import PlansCommandPalette, PlansProvider
from tui.screens.kept import lay_out_off_screen
from widgets.backdrop import Lines, backdrop, memo
from widgets.kept_styles import KeptStyles

# Textual's gathering of the commands, undecorated (PlansPalette._gather_commands wraps it in the same worker)
_GATHER = cast(Callable[[CommandPalette, str], Awaitable[None]], inspect.unwrap(CommandPalette._gather_commands))


def _is_plans_hit(hit: DiscoveryHit | Hit) -> bool:
    """A hit of our plans provider (a plan, heading, 专栏 …), not a command."""
    command = hit.command
    return isinstance(command, partial) and isinstance(getattr(command.func, "__self__", None), PlansProvider)


class PlansPalette(KeptStyles, PlansCommandPalette):
    """Our palette (PgUp/PgDn that wait for room) with a Chinese placeholder and no-match line, for the
    screen `caller` (the one it is opened on), kept: `reopen` before each later push."""

    def __init__(self, caller: Screen[Any] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", t("Search for commands…"))
        super().__init__(**kwargs)
        self._caller = caller
        self._discovered: list[Command] | None = None  # the empty prompt's list, once gathered in full
        self._retired_providers: set[asyncio.Task[None]] = set()  # providers of an earlier caller, shutting down

    def _on_mount(self, event: Mount) -> None:
        # Textual's CommandPalette._on_mount takes the screen under the palette (screen_stack[-2]) as
        # the caller and starts the providers: this palette may be mounted before it is pushed (there
        # is no screen under it then) and is kept, so `_aim` does that, for the caller it is given.
        # Textual calls every class's `_on_mount`; prevent_default stops the rest, so Screen's and
        # Widget's own are called here.
        event.prevent_default()
        Screen._on_mount(self, event)
        Widget._on_mount(self, event)
        if not self.query(CommandInput):  # not composed: the app closed as it was being built ahead
            return
        self._aim(self._caller if self._caller is not None else self.app.screen)

    def _watch__list_visible(self) -> None:
        # Textual's watcher queries the prompt's row: a palette built ahead and closed with the app before it
        # was composed has none (NoMatches crashed the app as it closed, seen in test_random_keys)
        if self.query("#--input"):
            super()._watch__list_visible()

    _backdrop: Lines | None = None

    def render(self) -> RenderableType:
        """The screen under it, tinted, its lines memoised (widgets/backdrop.py)."""
        if self._backdrop is None:
            self._backdrop = memo()
        return backdrop(super().render(), self._backdrop)

    def _on_screen_resume(self, event: ScreenResume) -> None:
        self.app.post_message(CommandPalette.Opened())  # (Textual's palette posts it when it mounts)

    def reopen(self, caller: Screen[Any]) -> None:
        """Before a later push (tui/screens/kept.py): an empty prompt, the first command highlighted,
        as a new palette opens; the commands are listed again only if the list shows something else."""
        if not self.is_mounted:  # pushed again before it was up (keys typed fast): its mount aims it
            self._caller = caller
            return
        if caller is not self._calling_screen:
            self._aim(caller)
            return
        self._cancel_gather_commands()
        self._stop_no_matches_countdown()
        self._stop_busy_countdown()
        self._show_busy = False
        self._selected_command = None
        self._clear_prompt()
        commands = self.query_one(CommandList)
        if self._discovered is None:
            self._gather_commands("")  # the first listing was cut short (a key typed before it ended)
        elif not self._lists(commands, self._discovered):
            self._refresh_command_list(commands, self._discovered, True)
        elif commands.option_count:
            commands.highlighted = 0
            if commands.scroll_y:
                commands.scroll_home(animate=False, immediate=True)

    def _aim(self, caller: Screen[Any]) -> None:
        """Start the providers for `caller` and list what they offer for an empty prompt (what
        Textual's palette does once, when it mounts)."""
        self._cancel_gather_commands()
        for provider in self._providers:
            task = asyncio.create_task(provider._shutdown())
            self._retired_providers.add(task)
            task.add_done_callback(self._retired_providers.discard)
        self._caller = self._calling_screen = caller
        match_style = self.get_visual_style("command-palette--highlight", partial=True)
        self._providers = [provider_class(caller, match_style) for provider_class in self._provider_classes]
        for provider in self._providers:
            provider._post_init()
        self._discovered = None
        self._selected_command = None
        self._clear_prompt()
        self._gather_commands("")

    def _clear_prompt(self) -> None:
        prompt = self.query_one(CommandInput)
        if prompt.value:
            with self.prevent(Input.Changed):
                prompt.value = ""

    @staticmethod
    def _lists(commands: CommandList, options: list[Command]) -> bool:
        """Whether the list shows exactly these options."""
        return commands.option_count == len(options) and all(
            commands.get_option_at_index(i) is option for i, option in enumerate(options))

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        """Textual's gathering; the empty prompt's list, once complete, is kept for the next open. A
        palette not shown yet (prepared) is laid out once its list is in, so its first push paints at once."""
        await _GATHER(self, search_value)
        if search_value or get_current_worker().is_cancelled:
            return
        commands = self.query_one(CommandList)
        options = [commands.get_option_at_index(i) for i in range(commands.option_count)]
        self._discovered = [option for option in options if isinstance(option, Command)]
        lay_out_off_screen(self)

    def _refresh_command_list(self, command_list: CommandList, commands: list[Command], clear_current: bool) -> None:
        # Textual sorts by score alone, and every hit of an empty prompt has the same score: the plans
        # came before or after the commands as the providers happened to answer first. The commands
        # first, then the plans, every time (the sort below it is stable).
        commands = sorted(commands, key=lambda command: _is_plans_hit(command.hit))
        super()._refresh_command_list(command_list, commands, clear_current)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own version adds an English "No matches found" line; same timing, our words.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                lists = self.query(CommandList)
                if not lists:  # the palette is being taken down (the app closing) as the timer fires
                    return
                lists.first().add_option(
                    Option(Align.center(Text(t("No matches found"), style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
