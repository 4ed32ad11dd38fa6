"""A plans file whose every plan is already in the store (a plan removed, plans reordered) is read
from the store: no plan is parsed, and the whole file is not parsed either."""

from __future__ import annotations

from typing import Any

import pytest
from corpora import MINI

from tui.core import load as loading
from tui.core.load import load_corpus
from tui.core.model import corpus_to_dict
from tui.core.store import chunks
from tui.core.store import corpus as stored


@pytest.mark.parametrize("change", ["drop the first plan", "swap the plans"])
def test_plans_already_in_the_store_are_not_parsed_again(tmp_path, monkeypatch, change):
    monkeypatch.setenv("PLANS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "plans.yaml"
    raw = MINI.read_bytes()
    path.write_bytes(raw)
    load_corpus(path)  # every plan's lines into the store
    cut = chunks.split(raw)
    assert cut is not None and len(cut.spans) == 2
    (a0, a1), (b0, b1) = cut.spans
    head = raw[:a0]
    first, second = raw[a0:a1], raw[b0:b1]
    if not second.endswith(b"\n"):
        second += b"\n"
    path.write_bytes(head + (second if change == "drop the first plan" else second + first))
    parsed: list[int] = []

    def record(blobs: list[bytes], header: dict[str, Any], progress: stored.Progress | None) -> None:
        parsed.append(len(blobs))

    with monkeypatch.context() as mp:
        mp.setattr(stored, "_parse_plans", record)
        mp.setattr(loading, "parse", lambda *a: pytest.fail("the whole file was parsed"))
        got = load_corpus(path)
    assert parsed == []
    want = load_corpus(path, use_cache=False)
    assert corpus_to_dict(got) == corpus_to_dict(want) and [p.id for p in got.plans] == [p.id for p in want.plans]
