"""A large corpus's search index is built by a process of its own (`tui.core.store.index_build`):
the app gets the same index without decoding a plan, and the index's key does not depend on who
read the plans file."""

from __future__ import annotations

import os
import shutil

from corpora import MINI

from tui.core.load import load_corpus
from tui.core.search import index as search_index
from tui.core.search import store as index_store
from tui.core.search.index import SearchIndex
from tui.core.store import corpus as stored
from tui.core.store import index_build

QUERIES = ("研发", "yf", "专栏", "zd", "@mini 专栏", "高新技书")


def results(index: SearchIndex) -> list[list[tuple[str, int]]]:
    return [[(h.unit.key, h.tier) for h in index.search(q).hits] for q in QUERIES]


def test_a_large_corpus_is_indexed_apart_and_searches_as_one_built_here(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(index_build, "APART", 1)  # the two-plan file counts as large
    path = tmp_path / "plans.yaml"
    shutil.copyfile(MINI, path)
    os.utime(path, (1_600_000_000, 1_600_000_000))
    load_corpus(path)  # fills the store, as an earlier start did
    corpus = load_corpus(path)
    search_index._INDEXES.clear()
    index = search_index.index_for(corpus)
    assert not any(isinstance(p, stored.StoredPlan) and p.loaded for p in corpus.plans)  # built elsewhere: no plan decoded in this process
    key = index_store.key_for(corpus.source, corpus.merged)
    assert key is not None and index_store.path_of(key).exists()
    assert [u.key for u in index.units] == [u.key for u in SearchIndex.build(corpus).units]
    assert results(index) == results(SearchIndex.build(load_corpus(path, use_cache=False)))


def test_the_index_key_is_the_same_whether_the_store_knows_the_file_or_not(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "plans.yaml"
    shutil.copyfile(MINI, path)
    monkeypatch.setattr(stored, "RACY_NS", 0)  # remember its stamp although it was written just now
    unknown = index_store.key_for(path)  # nothing in the store yet: the file's bytes are read
    load_corpus(path)
    assert stored.known_key(path) is not None
    assert index_store.key_for(path) == unknown


def test_releasing_a_stored_plan_decodes_it_again_on_use(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "plans.yaml"
    shutil.copyfile(MINI, path)
    load_corpus(path)
    plan = load_corpus(path).plans[0]
    assert isinstance(plan, stored.StoredPlan)
    first = [n.key for n in plan.walk()]
    plan.release()
    assert not plan.loaded
    assert [n.key for n in plan.walk()] == first
    assert all(n.plan is plan for n in plan.walk())


def test_the_builder_says_no_for_a_file_changed_since(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "plans.yaml"
    shutil.copyfile(MINI, path)
    assert index_build.main(["0" * 40, str(path), "--no-user-plans"]) == 3
    assert index_build.main(["too", "few"]) == 2


def test_the_builder_runs_at_the_lowest_priority():
    """The index builder takes the processor only when the app leaves it idle (nice 19), so keys
    typed while it builds are not held up."""
    import subprocess
    import sys

    code = ("import os, sys\n"
            "from tui.core.store import index_build\n"
            "index_build.lower_priority()\n"
            "print(os.nice(0))\n"
            "index_build.lower_priority()  # again: still 19, never an error\n"
            "print(os.nice(0))\n")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert got.returncode == 0, got.stderr
    assert got.stdout.split() == ["19", "19"]
