"""`<` / `>` change the tree's width; the width is remembered (config.yaml) for the next start."""

from __future__ import annotations

from conftest import MINI

from tui.app import PlansApp
from tui.core.config import Config, load_config
from tui.core.load import load_corpus


async def test_tree_width_keys_and_memory():
    app = PlansApp(load_corpus(MINI), config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one("#tree")
        before = tree.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert tree.outer_size.width == before + 8
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert tree.outer_size.width == before + 4
        for _ in range(40):  # never wider than leaves the reader 30 cells
            await pilot.press("greater_than_sign")
        await pilot.pause()
        assert tree.outer_size.width == 70
        # one toast saying the width, the latest: not one per key stacked up the screen
        assert [n.message for n in app._notifications] == ["目录宽 70 字符（< 变窄，> 变宽）"]
        app.notify("第一个问题 1", severity="warning")  # warnings are all kept
        app.notify("第一个问题 2", severity="warning")
        await pilot.pause()
        assert len(app._notifications) == 3
    config, problem = load_config()
    assert problem is None and config.tree_width == 70
    again = PlansApp(load_corpus(MINI), config=config)
    async with again.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert again.screen.query_one("#tree").outer_size.width == 70
