"""A footer of key bindings that wraps onto a second line instead of hiding keys.

Textual's `Footer` is one scrolling row: at 80 columns most of our keys fall off its right edge, a
group label is followed by the next key with no space (“后退/前进a 加书签”), and the right-docked
palette key keeps a margin column through which a character of the keys behind it shows
(“^p paletteN”). This widget lays the keys out itself, measuring with cell widths (CJK descriptions
are two cells a character), so every shown binding of the focused context is on screen: one line when
it fits, more when it does not.

Bindings are the screen's active ones with `show=True` (the keymap applied, via
`App.get_key_display`); consecutive bindings of one `Binding.Group` share its description
(“[] 上/下节”); the command palette key comes last. Clicking a key presses it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

from tui.core.record import Slotted

PALETTE_DESCRIPTION = "命令"


class FooterItem(Slotted):
    __slots__ = ("keys", "description", "key", "enabled")

    def __init__(self, keys: str, description: str, key: str, enabled: bool = True) -> None:
        self.keys = keys  # as shown: "?", "[]", "^t"
        self.description = description
        self.key = key  # the key pressed when clicked
        self.enabled = enabled

    @property
    def width(self) -> int:
        return cell_len(self.keys) + 1 + cell_len(self.description)


def layout(items: list[FooterItem], width: int) -> list[list[FooterItem]]:
    """Items greedily on lines of `width` cells, one space between items; an item is never split."""
    lines: list[list[FooterItem]] = [[]]
    used = 0
    for item in items:
        need = item.width + (1 if lines[-1] else 0)
        if lines[-1] and used + need > width:
            lines.append([])
            used = 0
            need = item.width
        lines[-1].append(item)
        used += need
    return lines if lines[0] else []


class KeyFooter(Widget, can_focus=False):
    """The focused context's keys, wrapped to the width (see module docstring)."""

    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--disabled"}

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: auto;
        max-height: 3;
        background: $panel;
        color: $foreground;
    }
    KeyFooter > .key-footer--key { color: $footer-key-foreground; text-style: bold; }
    KeyFooter > .key-footer--description { color: $footer-description-foreground; }
    KeyFooter > .key-footer--disabled { text-style: dim; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[FooterItem] = []
        self._lines: list[list[FooterItem]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # collected when first needed (the screen's layout asks for the height): the screen's focus and
        # its first resume, on the way to its first frame, announce new bindings again (three collects)
        self._collected = False

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _collect_once(self) -> None:
        if not self._collected:
            self._collected = True
            self.items = self.collect()

    def _bindings_changed(self, screen) -> None:
        if not self._collected:
            return  # (collected when first needed)
        items = self.collect()
        if items != self.items:
            width = self._width()
            taller = len(layout(items, width)) != len(layout(self.items, width))
            self.items = items
            self.refresh(layout=taller)  # (加书签 ↔ 删书签 on the same lines: no screen layout)

    def collect(self) -> list[FooterItem]:
        """The shown bindings of the screen's focused context, grouped as Textual's Footer groups them."""
        app = self.app
        # a screen may word a key for the moment (`a` 加书签 / 删书签): binding_description(binding)
        describe = getattr(self.screen, "binding_description", None)
        by_action: dict[str, tuple[Binding, bool]] = {}
        active = self.screen.active_bindings  # (worked out afresh at each use: once here)
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled)
        items: list[FooterItem] = []
        entries = list(by_action.values())
        i = 0
        while i < len(entries):
            binding, enabled = entries[i]
            group = binding.group
            run = [entries[i]]
            if group is not None:
                while i + len(run) < len(entries) and entries[i + len(run)][0].group is group:
                    run.append(entries[i + len(run)])
            if group is not None and len(run) > 1:
                items.append(FooterItem("".join(app.get_key_display(b) for b, _ in run), group.description,
                                        run[0][0].key, any(e for _, e in run)))
            else:
                description = describe(binding) if describe is not None else binding.description
                items.append(FooterItem(app.get_key_display(binding), description, binding.key, enabled))
            i += len(run)
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            items.append(FooterItem(app.get_key_display(palette.binding), PALETTE_DESCRIPTION,
                                    palette.binding.key, palette.enabled))
        return items

    def _width(self) -> int:
        return max(1, self.size.width or (self.app.size.width if self.is_attached else 80))

    _collected = True  # (until mounted: `items` as given)

    def get_content_height(self, container, viewport, width: int) -> int:
        self._collect_once()
        return max(1, len(layout(self.items, width)))

    def render(self) -> Text:
        self._collect_once()
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        desc_style = self.get_component_rich_style("key-footer--description", partial=True)
        dim = self.get_component_rich_style("key-footer--disabled", partial=True)
        self._lines = layout(self.items, self._width())
        out = Text(no_wrap=True, overflow="crop", end="")
        for n, line in enumerate(self._lines):
            if n:
                out.append("\n")
            for k, item in enumerate(line):
                if k:
                    out.append(" ")
                extra = dim if not item.enabled else None
                out.append(item.keys, key_style + extra if extra else key_style)
                out.append(" ")
                out.append(item.description, desc_style + extra if extra else desc_style)
        return out

    def item_at(self, x: int, y: int) -> FooterItem | None:
        if not 0 <= y < len(self._lines):
            return None
        at = 0
        for item in self._lines[y]:
            if at <= x < at + item.width:
                return item
            at += item.width + 1
        return None

    def plain_lines(self) -> list[str]:
        self._collect_once()
        return [" ".join(f"{i.keys} {i.description}" for i in line) for line in layout(self.items, self._width())]

    def on_click(self, event: events.Click) -> None:
        item = self.item_at(event.x, event.y)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
