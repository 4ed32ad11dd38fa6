"""The first frame does nothing twice, and what it skips is still right (one app start for all checks).

- component styles (`COMPONENT_CLASSES`) are worked out when first asked for (themes/stylesheet.py):
  whatever the focus, theme or classes did since, each is what Textual's own styling gives now;
- the reader wraps its first document once, at its real width (not at a guessed 80 columns first);
- the screen is laid out once, and its first layout draws the whole first frame, not drawn again
  after it (tui/screens/one_frame.py);
- the screen and containers under the panes are not rendered (every cell of theirs is covered),
  and the frame is the same as Textual's own compositor draws.
"""

from __future__ import annotations

import pytest
from conftest import REAL
from rich.console import RenderableType
from textual._compositor import Compositor
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

import widgets.reader_document
from themes.stylesheet import PlansStylesheet
from tui.app import PlansApp
from tui.core.load import load_corpus
from tui.screens.main import MainScreen
from tui.screens.one_frame import CoveredCompositor, OneFrame
from widgets.breadcrumb import Breadcrumb
from widgets.key_footer import KeyFooter
from widgets.plan_tree import PlanTree
from widgets.reader import Reader
from widgets.reader_document import Document
from widgets.reader_pieces import Geometry

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="needs data/plans.yaml")


def textual_component_style(node: Widget, name: str) -> object:
    """Component class `name` of `node` styled afresh, Textual's way (a virtual node of that class)."""
    virtual = DOMNode(classes=name)
    virtual._attach(node)
    Stylesheet.apply(node.app.stylesheet, virtual)
    return virtual.styles.partial_rich_style


def assert_components_current(*nodes: Widget) -> None:
    for node in nodes:
        for name in sorted(node._get_component_classes()):
            assert node.get_component_rich_style(name, partial=True) == textual_component_style(node, name), (
                f"{type(node).__name__} {name}")


async def test_first_frame_styles_wraps_and_lays_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    widths: list[int] = []
    original_init = widgets.reader_document.Layout.__init__

    def counted_init(self: widgets.reader_document.Layout, doc: Document, geo: Geometry) -> None:
        widths.append(geo.width)
        original_init(self, doc, geo)

    monkeypatch.setattr(widgets.reader_document.Layout, "__init__", counted_init)
    events: list[str] = []  # the main screen's full layouts ("layout") and frames drawn ("frame"), in order
    original_refresh_layout = OneFrame._refresh_layout
    original_render_update = CoveredCompositor.render_update

    def refresh_layout(self: OneFrame, size: Size | None = None, scroll: bool = False) -> None:
        if isinstance(self, MainScreen) and not scroll:
            events.append("layout")
        original_refresh_layout(self, size, scroll)

    def render_update(self: CoveredCompositor, full: bool = False, screen_stack: list[Screen[object]] | None = None,
                      simplify: bool = False) -> RenderableType | None:
        update = original_render_update(self, full, screen_stack, simplify)
        if update is not None:
            events.append("frame" if type(update).__name__ == "LayoutUpdate" else "partial frame")
        return update

    monkeypatch.setattr(OneFrame, "_refresh_layout", refresh_layout)
    monkeypatch.setattr(CoveredCompositor, "render_update", render_update)

    app = PlansApp(load_corpus(REAL), save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert isinstance(app.stylesheet, PlansStylesheet)
        tree, reader = screen.query_one(PlanTree), screen.query_one(Reader)
        footer, crumb = screen.query_one(KeyFooter), screen.query_one(Breadcrumb)

        # laid out once before the first frame
        assert "frame" in events and events[:events.index("frame")] == ["layout"], events
        # and nothing drawn again for the start-up (the whole screen, or the tree: their Resize events)
        assert events.count("frame") == 1 and events.count("layout") == 1, events
        # the reader's first document: wrapped at its width only
        width = reader.scrollable_content_region.width
        assert width > 0 and reader.plain_lines()
        assert widths and set(widths) == {width}, (widths, width)

        # the frame is the one Textual's own compositor draws (the covered containers skipped)
        assert type(screen._compositor).__name__ == "CoveredCompositor"
        ours = [strip.text for strip in screen._compositor.render_strips()]
        plain = Compositor()
        plain.reflow(screen, screen.size)
        assert ours == [strip.text for strip in plain.render_strips()]
        assert screen._compositor.render_full_update() is not None

        # component styles: as Textual styles them, after each change
        assert_components_current(tree, reader, footer, crumb)
        assert tree.has_focus
        focused_cursor = tree.get_component_rich_style("tree--cursor", partial=True)
        reader.focus()
        await pilot.pause()
        assert not tree.has_focus
        assert tree.get_component_rich_style("tree--cursor", partial=True) != focused_cursor  # (:focus)
        assert_components_current(tree, reader, footer, crumb)
        tree.focus()
        await pilot.pause()
        assert tree.get_component_rich_style("tree--cursor", partial=True) == focused_cursor

        before = {name: reader.get_component_rich_style(name, partial=True) for name in reader.COMPONENT_CLASSES}
        first_theme = app.theme
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme != first_theme
        after = {name: reader.get_component_rich_style(name, partial=True) for name in reader.COMPONENT_CLASSES}
        assert after != before
        assert_components_current(tree, reader, footer, crumb)
        # the reader's text is drawn in the new theme's styles
        strips = reader.document_strips()
        assert any(seg.style is not None and seg.style.color == after["reader--title"].color
                   for strip in strips[:3] for seg in strip if after["reader--title"].color is not None)

        # a class on an ancestor: the narrow layout, then back
        screen.set_class(True, "-narrow")
        await pilot.pause()
        assert_components_current(tree, reader, footer, crumb)
        screen.set_class(False, "-narrow")
        await pilot.pause()
        assert_components_current(tree, reader, footer, crumb)
