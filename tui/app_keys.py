"""The app's handling of keys as they come: keys typed faster than a screen opens are held and replayed
to the screen now on top, pasted text loses its control characters, and the gaps between keys make the
user's typing rhythm, which says how long a pause must be before work ahead runs (`quiet_needed`).
`KeyHold` is a mixin of `PlansApp` (tui/app.py).
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

from textual import events

from tui.app_gc import YOUNG_GC_AFTER, GarbagePacing
from tui.core.safetext import body

if TYPE_CHECKING:
    from textual.screen import Screen

RHYTHM_KEYS = 4  # the gaps between the last this many keys make the user's typing rhythm (quiet_needed)
RHYTHM_GAP_MAX = 1.0  # s: a longer gap between two keys is a pause, not the rhythm; and the most quiet_needed asks


class KeyHold(GarbagePacing):
    """Keys as they come, for `PlansApp` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by PlansApp
        _key_gaps: list[float]

    # -- keys typed faster than a screen opens -----------------------------------------------------
    # `/ yfjf ↓ Enter` typed fast (or pasted over SSH) arrives in one read. Textual forwards every key
    # at once to the focused widget (the tree); `/` then pushes the search screen, and the other keys,
    # bubbling back up from the tree to the app, are matched against the *search* screen's bindings,
    # find none, and are dropped: the search screen stood there empty. So a key that
    # comes back from a screen that is no longer on top is dispatched again to the screen now on top;
    # keys that arrive while that screen is still mounting are held and replayed, in order, once it
    # is up and has focused its input.
    _HOLD_TRIES = 100  # refreshes to wait for a screen before replaying anyway
    _held_keys: list[events.Key]  # created by the first _hold

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded and body(event.text) != event.text:
            # pasted text (into a search or filter box, the palette) carries no control character to the
            # screen: each shows as its stand-in (␛ …), a tab as a space; newlines stay (an Input takes
            # the first line)
            event.stop()
            await super().on_event(events.Paste(body(event.text)))
            return
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                now = monotonic()
                if now - self._last_key < RHYTHM_GAP_MAX:
                    self._key_gaps.append(now - self._last_key)
                    del self._key_gaps[:-RHYTHM_KEYS]
                self._last_key = now
                self._keys_since_gc = True
                if self._young_gc and self._young_gc_timer is None:
                    self._young_gc_timer = self.set_timer(YOUNG_GC_AFTER, self._young_gc_soon)
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

    _last_key = 0.0  # when the last key arrived (monotonic s)

    def quiet_needed(self, least: float) -> float:
        """How long without a key is a pause in the user's typing, in which work ahead (the warm-up's
        steps, the screens built ahead, tui/screens/main_warm.py and prepare.py) may run: `least`, or twice
        the typical gap between their last keys when that is longer (at most RHYTHM_GAP_MAX). A fixed quiet
        as long as the gap between keys typed one every 0.25 s started that work just before each next
        key, which then waited for it (keys in the first seconds after the first paint: 60–200 ms)."""
        gaps = sorted(self._key_gaps)
        if not gaps:
            return least
        typical = gaps[len(gaps) // 2]
        return max(least, min(RHYTHM_GAP_MAX, 2 * typical))
