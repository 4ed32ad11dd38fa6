"""Saving a setting from the app (`<`/`>` tree width, the theme, `d`) keeps what the user wrote in
config.yaml by hand: comments, blank lines and the order of keys (they were all dropped)."""

from __future__ import annotations

from tui.core import locations
from tui.core.config import Config, load_config, save_config

HAND_WRITTEN = """# my settings
theme: plans-paper   # the light one

detail: true
tree_width: 31  # wide enough for 十四五 labels
"""


def test_a_saved_setting_keeps_the_users_comments():
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    save_config(Config(theme="plans-paper", detail=True, tree_width=27), ["tree_width"])
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN.replace("tree_width: 31", "tree_width: 27")
    save_config(Config(theme="plans-ink", detail=False, tree_width=27), ["theme", "detail"])
    assert path.read_text(encoding="utf-8") == (HAND_WRITTEN.replace("tree_width: 31", "tree_width: 27")
                                                .replace("theme: plans-paper", "theme: plans-ink")
                                                .replace("detail: true", "detail: false"))
    assert load_config()[0] == Config(theme="plans-ink", detail=False, tree_width=27)


def test_a_new_setting_is_added_at_the_end():
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# mine\ntheme: plans-paper\n", encoding="utf-8")
    save_config(Config(tree_width=35), ["tree_width"])
    assert path.read_text(encoding="utf-8") == "# mine\ntheme: plans-paper\ntree_width: 35\n"
