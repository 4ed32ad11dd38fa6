"""The notice for a damaged user-plans.yaml is titled 自添规划 (it was 设置, as for the settings and
keymap files); other problems keep 设置."""

from __future__ import annotations

import types
from typing import Any, cast

from tui.app import PlansApp


def test_the_user_plans_notice_is_titled_for_the_added_plans() -> None:
    user = "自添规划未打开：/home/u/.local/share/plans/user-plans.yaml:3: …；修复：plans add --rebuild"
    shown: list[tuple[str, str]] = []

    def notify(message: str, *, title: str = "", **kw: Any) -> None:
        shown.append((title, message))

    fake = types.SimpleNamespace(corpus=types.SimpleNamespace(user_problem=user), notify=notify,
                                 log=types.SimpleNamespace(warning=lambda *a: None))
    PlansApp.report_problems(cast(PlansApp, fake), ["config.toml: 第 2 行：未知的主题", user])
    assert shown == [("设置", "config.toml: 第 2 行：未知的主题"), ("自添规划", user)]
