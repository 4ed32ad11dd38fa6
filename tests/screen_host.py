"""Helpers for the screen tests: a tiny App that pushes one screen, and a markup-hostile fixture."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from corpora import MINI, REAL
from textual.app import App
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Tree
from textual.widgets.tree import TreeNode
from textual.worker import WorkerCancelled

from tui.core.load import load_corpus
from tui.core.model import Corpus, Node, Plan
from tui.core.outline import MatterGroup
from tui.screens.main import MainScreen

__all__ = [
    "MINI", "REAL", "UNSET", "Host", "bindings_of", "cursor_of", "hostile", "line_of", "mini", "node_of", "plan_of",
    "screen_of", "shown_node", "wait_for_workers",
]

ScreenT = TypeVar("ScreenT", bound=Screen)
DataT = TypeVar("DataT")

UNSET = object()

# Plan text that Rich/Textual markup would eat or choke on.
HOSTILE_COLUMN_TITLE = "[bold]集成电路[/bold] 专栏 [/ 与 [00]"
HOSTILE_INDICATOR = "[bold]高新技术企业数[/ [00]（家）"
HOSTILE_HEADER = "[i]2025年[/i]"
HOSTILE_NOTE = "注：[/] 与 [bold 原样。"


class Host(App):
    """Pushes `screen` on mount and keeps what it dismissed with in `result`."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self._screen = screen
        self.result: object = UNSET

    def on_mount(self) -> None:
        self.push_screen(self._screen, self._done)

    def _done(self, result: object) -> None:
        self.result = result


async def wait_for_workers(pilot: Pilot, rounds: int = 50) -> None:
    """Wait until no worker of the app is running and what they handed to the UI has been shown
    (a worker's result may start another: the index, then the search over it). No sleeps."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        busy = [w for w in app.workers if not w.is_finished]
        if not busy:
            return
        try:
            await app.workers.wait_for_complete(busy)
        except WorkerCancelled:
            pass  # an exclusive worker replaced by a newer one (a later keystroke): wait for that one
    raise AssertionError(f"workers still running after {rounds} rounds: {list(app.workers)}")


def mini() -> Corpus:
    return load_corpus(MINI)


def hostile(tmp_path: Path) -> Corpus:
    """mini.yaml with markup-like text in a 专栏 title, an indicator name, a header and a note."""
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    nodes = data["plans"][0]["nodes"]
    table = nodes[1]["children"][1]["table"]
    table["rows"][1]["printed_name"] = HOSTILE_INDICATOR
    table["rows"][1]["name"] = "[bold]高新技术企业数[/ [00]"
    table["columns"][3]["printed"] = HOSTILE_HEADER
    table["notes"][0]["printed"] = HOSTILE_NOTE
    column = nodes[2]["children"][0]["children"][1]
    column["title"] = HOSTILE_COLUMN_TITLE
    column["heading"] = "专栏1：" + HOSTILE_COLUMN_TITLE
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_corpus(path)


def screen_text(app: App) -> str:
    """Everything drawn on the current screen (the compositor's lines), as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def screen_of(app: App, kind: type[ScreenT]) -> ScreenT:
    """The app's current screen, which the test expects to be a `kind`."""
    screen = app.screen
    assert isinstance(screen, kind), f"expected {kind.__name__} on top, got {type(screen).__name__}"
    return screen


def cursor_of(tree: Tree[DataT]) -> TreeNode[DataT]:
    """The tree's cursor row, which the test expects to be on a node."""
    node = tree.cursor_node
    assert node is not None, "expected the tree's cursor on a node"
    return node


def line_of(tree: Tree[DataT], line: int) -> TreeNode[DataT]:
    """The tree node shown at `line`, which the test expects to exist."""
    node = tree.get_node_at_line(line)
    assert node is not None, f"expected a tree node at line {line}"
    return node


def node_of(corpus: Corpus, key: str) -> Node:
    """The corpus node with `key`, which the test expects to exist."""
    node = corpus.node(key)
    assert node is not None, f"expected a node {key!r} in the corpus"
    return node


def plan_of(corpus: Corpus, id_or_name: str) -> Plan:
    """The plan `id_or_name` names, which the test expects to exist."""
    plan = corpus.plan(id_or_name)
    assert plan is not None, f"expected a plan {id_or_name!r} in the corpus"
    return plan


def shown_node(screen: MainScreen) -> Node | MatterGroup:
    """What the main screen's reader shows, which the test expects to be a plan node (not a whole plan)."""
    shown = screen.current
    assert isinstance(shown, (Node, MatterGroup)), f"expected a plan node in the reader, got {shown!r}"
    return shown


def bindings_of(screen: type[Screen]) -> list[Binding]:
    """A screen's key bindings, which the test expects all to be `Binding`s (with ids for the keymap)."""
    found: list[Binding] = []
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding), f"{screen.__name__}: {binding!r} is not a Binding"
        found.append(binding)
    return found


async def screens_prepared(pilot: Pilot[Any]) -> MainScreen:
    """Wait (pauses, no sleeps) until the main screen has built every screen it opens ahead of its key
    (tui/screens/prepare.py): the warm-up, then the preparer's steps."""
    main = screen_of(pilot.app, MainScreen)
    for _ in range(1000):
        preparer = main.preparer
        if preparer is not None and preparer.done:
            await pilot.pause()
            return main
        await pilot.pause(0.02)
    raise AssertionError("the screens were not prepared in 20 s")
