"""tui/core/record.py: the small value classes on the way to the first frame (a footer key, a bookmark,
the settings, a region of the tree) are plain slotted classes, and behave as the dataclasses they replace:
the same fields in the same order with the same defaults, equality by value within the class, the same
repr, unhashable; a mutable default is a new list per instance."""

from __future__ import annotations

import inspect
from dataclasses import field, fields, make_dataclass
from typing import Any

import pytest

from tui.core.bookmarks import Bookmark
from tui.core.config import DEFAULT_THEME, Config
from tui.core.outline import Region
from tui.core.record import Slotted
from widgets.key_footer import FooterItem

# each class, the dataclass fields it stands for (name, default or a factory), and sample values
CASES: list[tuple[type[Slotted], list[tuple[str, Any]], list[Any]]] = [
    (FooterItem, [("keys", None), ("description", None), ("key", None), ("enabled", True)],
     ["^t", "主题", "ctrl+t", False]),
    (Bookmark, [("key", None), ("label", None), ("plan", ""), ("added", "")],
     ["hz-2021/3.1", "浙江省 › 湖州市", "湖州", "2026-07-01T09:30:00"]),
    (Config, [("theme", DEFAULT_THEME), ("detail", True), ("tree_width", 0)], ["plans-ink", False, 27]),
    (Region, [("name", None), ("level", None), ("plans", list), ("children", list)], ["绍兴市", "city", [], []]),
]


def _dataclass(cls: type, spec: list[tuple[str, Any]]) -> type:
    made: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for name, default in spec:
        if default is None:
            made.append((name, Any))
        elif default is list:
            made.append((name, Any, field(default_factory=list)))
        else:
            made.append((name, Any, field(default=default)))
    return make_dataclass(cls.__name__, made)


@pytest.mark.parametrize(("cls", "spec", "values"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_slotted_class_behaves_as_its_dataclass(cls: type[Slotted], spec: list[tuple[str, Any]],
                                                   values: list[Any]) -> None:
    twin = _dataclass(cls, spec)
    assert list(cls.__slots__) == [f.name for f in fields(twin)]
    assert list(inspect.signature(cls).parameters) == [f.name for f in fields(twin)]
    required = [v for (_, d), v in zip(spec, values) if d is None]
    # defaults
    assert repr(cls(*required)).replace(cls.__qualname__, "X") == repr(twin(*required)).replace(
        twin.__qualname__, "X")
    assert cls(*required).as_dict() == {f.name: getattr(twin(*required), f.name) for f in fields(twin)}
    # every field given, by position and by name
    one, two = cls(*values), cls(**{name: v for (name, _), v in zip(spec, values)})
    assert repr(one) == repr(twin(*values))
    assert one == two
    assert not one.__ne__(two)
    for i in range(len(values)):
        changed = list(values)
        changed[i] = ["x"] if isinstance(values[i], list) else ("x" if not isinstance(values[i], bool) else
                                                                     not values[i])
        assert cls(*changed) != one
    assert one != twin(*values)  # (another class: not equal, as between two dataclasses)
    with pytest.raises(TypeError):
        hash(one)
    with pytest.raises(AttributeError):
        object.__setattr__(one, "other", 1)  # (slots: no field of another name)
    lists = [name for name, default in spec if default is list]
    if lists:
        a, b = cls(*required), cls(*required)
        assert all(getattr(a, name) is not getattr(b, name) for name in lists)
