"""`TextInput`: Textual's `Input`, with its own editing keys applied in the order they were typed.

Textual handles a printable key inside `Input._on_key`, but a bound key (backspace, ←, home, ctrl+k …)
first bubbles up to the app, which then runs the binding. Keys that arrive in one burst (a paste, a
slow SSH link, `tmux send-keys a b BSpace c`) are therefore applied out of order: ``a b ⌫ c`` gave
``ab``, as the backspace ran after ``c`` was typed (upstream: Textualize/textual#6605). The open pull
request Textualize/textual#6631 runs a widget's own bindings inline in `_on_key`; this subclass does the
same until upstream ships it: a key that is bound on this input (and not overridden by a priority
binding or disabled by `check_action`) runs its action at once, in turn with the typed characters.
Every search and filter box of the app uses it.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widgets import Input

from widgets.scroll_size import set_virtual_size


class TextInput(Input):
    """An `Input` whose bound keys run inline, in order with typed characters."""

    def _watch_value(self, value: str) -> None:
        # Input sets its virtual size (the text's width) on every keystroke, which lays the whole
        # screen out again and redraws scrollbars in a frame of their own: sized here first without
        # a layout (Input's own assignment then finds it unchanged), a keystroke is one frame
        if self.is_mounted:
            set_virtual_size(self, Size(self.content_width, 1))
        super()._watch_value(value)

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)  # a printable key is typed (and stopped) here
        if event.is_printable or not self.is_mounted:
            return
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.node is not self or active.binding.priority or not active.enabled:
            return  # not ours: let it bubble as before
        if await self.app.run_action(active.binding.action, self):
            event.stop()
            event.prevent_default()
        # else the action was skipped (SkipAction, e.g. ↓ in a box that cannot scroll): the key bubbles
        # on to the screen's bindings, as it did before
