"""The model's classes write their own `__init__` (and share `__eq__`/`__repr__`, tui/core/model.py
`_Record`) instead of having `@dataclass` generate them at import: each behaves as the generated one."""

from __future__ import annotations

import inspect
from dataclasses import MISSING, field, fields, is_dataclass, make_dataclass
from pathlib import Path
from typing import Any

import pytest

from tui.core import model

RECORDS = [obj for obj in vars(model).values()
           if isinstance(obj, type) and is_dataclass(obj) and obj.__module__ == model.__name__]


def _sample(cls: type) -> dict[str, Any]:
    """A value for every field (a distinct one, of a plausible kind)."""
    out: dict[str, Any] = {}
    for i, f in enumerate(fields(cls)):
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        out[f.name] = (["x"] if isinstance(default, list) else {"k": "v"} if isinstance(default, dict)
                       else (i,) if isinstance(default, tuple) else f"v{i}")
    return out


def _generated(cls: type) -> type:
    """The same fields through @dataclass's own generated methods."""
    specs = [(f.name, f.type, field(default=f.default, default_factory=f.default_factory, repr=f.repr,
                                    compare=f.compare)) for f in fields(cls)]
    return make_dataclass(cls.__name__, specs)


def test_every_model_class_is_a_record() -> None:
    assert len(RECORDS) == 10
    assert all(issubclass(cls, model._Record) for cls in RECORDS)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_init_takes_the_fields_in_order_with_their_defaults(cls: type) -> None:
    params = inspect.signature(cls).parameters
    assert list(params) == [f.name for f in fields(cls)]
    ref = _generated(cls)
    required = {f.name: f"r{f.name}" for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
    ours, theirs = cls(**required), ref(**required)
    for f in fields(cls):
        assert getattr(ours, f.name) == getattr(theirs, f.name)
    if any(f.default_factory is not MISSING for f in fields(cls)):  # a fresh list or dict per instance
        other = cls(**required)
        assert all(getattr(ours, f.name) is not getattr(other, f.name)
                   for f in fields(cls) if f.default_factory is not MISSING)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_repr_and_equality_are_the_generated_ones(cls: type) -> None:
    ref = _generated(cls)
    values = _sample(cls)
    a, b = cls(**values), cls(**values)
    assert repr(a) == repr(ref(**values))
    assert a == b and (a != b) is False
    for f in fields(cls):
        changed = dict(values, **{f.name: "changed"})
        assert (cls(**changed) == a) == (ref(**changed) == ref(**values)), f.name
    assert a.__eq__(object()) is NotImplemented
    with pytest.raises(TypeError):
        hash(a)


def test_a_source_whose_text_field_is_not_text_is_refused(tmp_path: Path) -> None:
    """(The importer checks a metadata field's type against the model's annotation, now the type itself.)"""
    from tui.core.importer.sources import SourceError, load_source

    meta = tmp_path / "x-2021.yaml"
    meta.write_text("id: x-2021\ntitle: 规划\nshort: 某区\nregion: 某区\nsource: x.txt\norder: 1\n"
                    "period_start: 2021\nperiod_end: 2025\nissuer: 2021\n", encoding="utf-8")
    (tmp_path / "x.txt").write_text("正文\n", encoding="utf-8")
    with pytest.raises(SourceError, match="issuer: expected text"):
        load_source(meta)
