"""In the ANSI theme (chosen on 16-colour terminals) a notification reads on a dark and on a light
terminal: Textual paints toasts on $ansi-background (black) with the terminal's own text colour,
which is black on a light terminal, so "已复制 … 字" was black on black."""

from __future__ import annotations

from cell_contrast import PALETTES, TERMINALS, cell_ratio
from conftest import MINI
from textual.widgets._toast import Toast

from tui.app import PlansApp
from tui.core.config import Config
from tui.core.load import load_corpus


async def test_a_notification_reads_on_any_terminal_in_the_ansi_theme():
    app = PlansApp(load_corpus(MINI), config=Config(theme="plans-ansi"), save_settings=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.notify("已复制 702 字（含出处）", timeout=60, markup=False)
        await pilot.pause()
        await pilot.pause()
        toast = app.screen.query_one(Toast)
        lines = app.screen._compositor.render_strips()
        low = []
        for y in toast.content_region.line_range:
            x = 0
            for segment in lines[y]:
                start, x = x, x + segment.cell_length
                if not segment.text.strip() or not toast.content_region.x <= start < toast.content_region.right:
                    continue
                for name, palette in PALETTES.items():
                    for terminal in TERMINALS:
                        ratio = cell_ratio(segment, palette, terminal)
                        if ratio < 4.5:
                            low.append(f"{segment.text.strip()!r} ({name}, {terminal}: {ratio:.1f})")
        assert "已复制" in "".join(lines[y].text for y in toast.content_region.line_range)
        assert low == []
