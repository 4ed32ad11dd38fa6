"""The app's pacing of garbage collection: the young generations collected in the pause after each key,
full collections only once the keys stop, and what warm-up built frozen out of the collector's reach.
`GarbagePacing` is a mixin of `PlansApp` (tui/app.py, whose `on_ready` starts it).
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    _Base = App[int]
else:
    _Base = object

GC_IDLE = 1.0  # s without a key before a full garbage collection runs (see on_ready)
YOUNG_GC_AFTER = 0.02  # s after a key (and its frame) before the young generations are collected (_young_gc_soon)
YOUNG_GC_MIN = 1000  # … if at least this many container objects were made since the last collection
FULL_GC_EVERY = 40  # young collections between full ones while keys keep coming (Python's default: 10)
YOUNG_GC_EVERY = 10_000  # new container objects between young collections (Python's default: 700): each line
# drawn is a Strip with seven caches, so a key made ~10 young collections, and a full one (100–500 ms on a busy
# machine) came every few dozen keys; this many makes them ~14× rarer (they wait for GC_IDLE instead)


class GarbagePacing(_Base):
    """Garbage collection between keys for `PlansApp` (see the module docstring)."""

    if TYPE_CHECKING:  # provided by PlansApp
        _last_key: float
        freeze_gc: bool

    _keys_since_gc = False
    _young_gc = False  # collect the young generations after keys (only where on_ready resumed collection)
    _young_gc_timer: Timer | None = None

    def _young_gc_soon(self) -> None:
        """Once the keys pause and the screen has written its frame, collect the young generations.
        Left to the collector, a collection came every few keys, in the middle of whichever key made
        the container object over the threshold (5–15 ms, and 30–80 ms when the middle generation was
        due): the p95 of moving keys. Between keys it costs the same and is in nobody's way."""
        since = monotonic() - self._last_key
        if since < YOUNG_GC_AFTER:  # another key came: wait for the pause
            self._young_gc_timer = self.set_timer(YOUNG_GC_AFTER - since, self._young_gc_soon)
            return
        self._young_gc_timer = None
        self.screen.call_after_refresh(self._collect_young)  # after the frame under way is written

    def _collect_young(self) -> None:
        """The collection the collector would make next, made now: the young generation, or with it the
        middle one when that is due (never a full one: those wait for GC_IDLE, as the thresholds have
        it). So keys find the young generation nearly empty, and the thresholds, the memory held
        and the full collections' rhythm stay what they were."""
        import gc

        if not gc.isenabled() or monotonic() - self._last_key < YOUNG_GC_AFTER:
            return
        young, middle, _ = gc.get_count()
        if young >= YOUNG_GC_MIN:
            gc.collect(1 if middle + 1 >= gc.get_threshold()[1] else 0)

    def _collect_when_idle(self) -> None:
        """A full garbage collection once no key has come for GC_IDLE s (and one has since the last)."""
        if self._keys_since_gc and monotonic() - self._last_key >= GC_IDLE:
            import gc

            self._keys_since_gc = False
            gc.collect()

    def freeze_heap(self) -> None:
        """After warm-up (screens imported, the search index loaded): move what it built out of the
        collector's reach, as on_ready did for start-up. Without this every full collection walks the
        whole index, a pause of 100–200 ms on whatever key happens to trigger it. Only in the real
        command (a test process runs many apps: freezing there would keep their garbage forever)."""
        if self.freeze_gc:
            import gc

            # First what warm-up left behind in the young generations (frozen garbage would stay for
            # good); not a full collection: with a 100× index loaded that walks every object for
            # 60–100 ms, holding the interpreter while the user's first keys wait (this runs in the
            # warm-up thread, whenever the index is ready). As at start-up (on_ready), what reached
            # the old generation is frozen as it is.
            gc.collect(1)
            gc.freeze()
