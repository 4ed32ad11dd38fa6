"""The command palette in the user's language: Textual's palette with our placeholder and no-match line.

Textual writes "Search for commands…" and "No matches found" itself; this subclass gives the
catalogue's words instead (`tui.core.i18n`). The palette's system commands (Keys, Quit, Screenshot,
themes) are the app's own, see `PlansApp.get_system_commands`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import Command, CommandList, DiscoveryHit, Hit
from textual.widgets.option_list import Option

from tui.core.i18n import t
from tui.providers import PlansCommandPalette, PlansProvider


def _is_plans_hit(hit: DiscoveryHit | Hit) -> bool:
    """A hit of our plans provider (a plan, heading, 专栏 …), not a command."""
    command = hit.command
    return isinstance(command, partial) and isinstance(getattr(command.func, "__self__", None), PlansProvider)


class PlansPalette(PlansCommandPalette):
    """Our palette (PgUp/PgDn that wait for room) with a Chinese placeholder and no-match line."""


    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", t("Search for commands…"))
        super().__init__(**kwargs)

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
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("No matches found"), style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
