"""The derived store (typed msgpack per plan, no pickle) and a 100-plan corpus on every screen."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tui.core import store
from tui.core.importer.build import dump_corpus
from tui.core.load import load_corpus
from tui.core.model import Corpus, corpus_from_dict, corpus_to_dict
from tui.core.store import chunks
from tui.core.store import corpus as stored

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "data" / "plans.yaml"
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
COPIES = 20  # the five plans 20 times over: 100 plans


def replicate(corpus: Corpus, copies: int) -> Corpus:
    """`copies` copies of the corpus; each later copy's plans get their own id and region name."""
    data = corpus_to_dict(corpus)
    plans = list(data["plans"])
    for c in range(1, copies):
        for p in data["plans"]:
            meta = p["meta"]
            raw = json.dumps(p, ensure_ascii=False)
            for old in {meta.get("short", ""), meta.get("region", "")} - {""}:
                raw = raw.replace(old, f"第{c}区")
            q = json.loads(raw)
            q["meta"]["id"] = f"{meta['id']}-{c}"
            plans.append(q)
    return corpus_from_dict({"version": 1, "plans": plans})


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, Corpus, Path]:
    """A 100-plan plans file, the corpus it was written from, and a store directory it was loaded
    into once (shared by this module's tests: building it is the slow part)."""
    base = REAL if REAL.exists() else MINI
    home = tmp_path_factory.mktemp("big")
    corpus = replicate(load_corpus(base, use_cache=False), COPIES)
    path = home / "plans.yaml"
    path.write_text(dump_corpus(corpus), encoding="utf-8")
    os.utime(path, (1_600_000_000, 1_600_000_000))  # not edited just now: start-ups know it by its stamp
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANS_CACHE_DIR", str(home / "cache"))
        mp.setattr(stored, "RACY_NS", 0)  # remember its stamp although it was written just now
        cold = load_corpus(path)  # writes the store
        assert same(cold, corpus)
    return path, corpus, home / "cache"


@pytest.fixture
def big_file(big, monkeypatch) -> Path:
    monkeypatch.setenv("PLANS_CACHE_DIR", str(big[2]))
    return big[0]


def same(a: Corpus, b: Corpus) -> bool:
    return corpus_to_dict(a) == corpus_to_dict(b) and a.plans == b.plans and a.version == b.version


# -- the store ------------------------------------------------------------------------------------
def test_every_module_is_free_of_pickle():
    pattern = re.compile(r"^\s*(import pickle|from pickle import)|\bpickle\.(loads?|dumps?)\(", re.MULTILINE)
    offenders = [str(p.relative_to(ROOT)) for d in ("tui", "widgets", "themes", "bench")
                 for p in (ROOT / d).rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_store_round_trip_equals_the_yaml_load(big, big_file):
    expected = big[1]  # what the file was written from (the fixture checked the store's first load too)
    assert stored.known_key(big_file) is not None  # known by its stamp: not even read
    warm = load_corpus(big_file)  # reads the store: plans decoded on first use
    assert all(isinstance(p, stored.StoredPlan) and not p.loaded for p in warm.plans)
    assert [p.has_nodes() for p in warm.plans] == [bool(p.nodes) for p in expected.plans]
    assert [p.column_outline() for p in warm.plans] == [p.column_outline() for p in expected.plans]
    assert same(warm, expected)
    node = warm.node(expected.plans[7].columns()[0].key)
    assert node is not None and node.plan is warm.plans[7] and node.parent is not None


def test_a_changed_plan_is_the_only_one_parsed_again(tmp_path, monkeypatch):
    path = tmp_path / "plans.yaml"
    base = REAL if REAL.exists() else MINI
    path.write_bytes(base.read_bytes())
    load_corpus(path)
    spans = chunks.split(path.read_bytes())
    assert spans is not None and len(spans.spans) == len(load_corpus(path).plans) >= 2
    # change a paragraph of the second plan only
    raw = path.read_bytes()
    start, end = spans.spans[1]
    chunk = raw[start:end].decode("utf-8")
    m = re.search(r"text: (\S+)", chunk)
    assert m is not None
    changed = raw[:start] + chunk.replace(m.group(0), m.group(0) + "（改）", 1).encode("utf-8") + raw[end:]
    path.write_bytes(changed)
    seen: list[int] = []
    real = stored._parse_plans

    def counting(blobs, header, progress):
        seen.append(len(blobs))
        return real(blobs, header, progress)

    monkeypatch.setattr(stored, "_parse_plans", counting)
    got = load_corpus(path)
    assert seen == [1]
    assert same(got, load_corpus(path, use_cache=False))
    assert "（改）" in "".join(n.text for n in got.plans[1].walk())


def test_a_file_changed_just_now_is_never_known_by_its_stamp(tmp_path):
    path = tmp_path / "plans.yaml"
    path.write_bytes(MINI.read_bytes())
    load_corpus(path)
    assert stored.known_key(path) is None  # same-size edits within a clock tick would look the same
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("short: 甲市", "short: 甲城", 1), encoding="utf-8")  # same size
    assert load_corpus(path).plans[0].short == "甲城"


def test_layouts_the_store_cannot_cut_fall_back_to_the_whole_file(tmp_path):
    path = tmp_path / "plans.yaml"
    data = corpus_to_dict(load_corpus(MINI, use_cache=False))
    path.write_text("version: 1\nplans:\n" + "".join(
        "  - " + json.dumps(p, ensure_ascii=False) + "\n" for p in data["plans"]), encoding="utf-8")
    assert chunks.split(path.read_bytes()) is None
    assert same(load_corpus(path), load_corpus(MINI, use_cache=False))


@pytest.mark.parametrize("junk", [b"", b"\xc1", b"\x92\x01", None])
def test_corrupt_search_index_file_is_rebuilt(tmp_path, junk):
    from tui.core.search import index_for
    from tui.core.search.index import _INDEXES

    path = tmp_path / "plans.yaml"
    path.write_bytes(MINI.read_bytes())
    first = index_for(load_corpus(path))
    (entry,) = store.directory().glob("search-*.msgpack")
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 3] if junk is None else junk)
    _INDEXES.clear()
    again = index_for(load_corpus(path))
    assert [u.key for u in again.units] == [u.key for u in first.units]
    assert [h.unit.key for h in again.search("zd").hits] == [h.unit.key for h in first.search("zd").hits]
    assert entry.read_bytes() == good


def test_stored_index_searches_like_a_built_one():
    from tui.core.search import store as index_store
    from tui.core.search.index import SearchIndex

    corpus = load_corpus(REAL if REAL.exists() else MINI)
    built = SearchIndex.build(corpus)
    loaded = index_store.decode(index_store.encode(built), SearchIndex)
    for q in ("研发经费", "yfjf", "专栏 sys", "高新技书企业", "@huzhou 专栏", "zd"):
        assert [(h.unit.key, h.tier) for h in loaded.search(q).hits] == [(h.unit.key, h.tier) for h in built.search(q).hits]


# -- every screen at 100 plans --------------------------------------------------------------------
async def test_a_hundred_plans_open_every_screen(big_file):
    from textual.command import CommandPalette

    from tui.app import PlansApp
    from tui.screens.columns import ColumnsScreen
    from tui.screens.compare import CompareScreen
    from tui.screens.info import PlanInfoScreen
    from tui.screens.main import MainScreen
    from tui.screens.search import SearchScreen
    from tui.screens.tables import TablesScreen

    corpus = load_corpus(big_file)  # from the store, as the app starts
    app = PlansApp(corpus, save_settings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("j", "j", "l", "j", "enter")
        await pilot.pause()
        for key, screen_type in (("slash", SearchScreen), ("c", ColumnsScreen), ("t", TablesScreen),
                                 ("i", PlanInfoScreen), ("m", CompareScreen), ("ctrl+p", CommandPalette)):
            await pilot.press(key)
            for _ in range(50):
                await pilot.pause()
                if isinstance(app.screen, screen_type):
                    break
            assert isinstance(app.screen, screen_type), key
            if key == "slash":
                await pilot.press(*"yfjf")
                await pilot.pause(0.1)
            if key == "m":
                assert len(app.screen.plan_ids) <= 12  # a few plans to start with; p chooses others
                for mode in "2341":
                    await pilot.press(mode)
                    await pilot.pause()
                    assert app.screen.mode == {"1": "grid", "2": "pair", "3": "share", "4": "results"}[mode]
                await pilot.press("p", "space", "down", "space", "escape")
                await pilot.pause()
            await pilot.press("escape")
            for _ in range(50):
                await pilot.pause()
                if isinstance(app.screen, MainScreen):
                    break
            assert isinstance(app.screen, MainScreen), key


async def test_compare_grid_draws_only_the_plan_columns_in_sight(big_file):
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from screen_host import Host

    from tui.screens.compare import CompareScreen

    corpus = load_corpus(big_file)
    app = Host(CompareScreen(corpus, plan_id=corpus.plans[1].id))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert corpus.plans[1].id in screen.plan_ids and 1 < len(screen.plan_ids) <= 12
        screen.plan_ids = [p.id for p in corpus.plans[:40]]  # as if chosen with p
        screen.refresh_view()
        await pilot.pause()
        table = screen.table
        assert len(table.columns) == 41
        room = table.scrollable_content_region.width - table._frozen_width
        drawn = table._visible_columns(int(table.scroll_x), room)
        assert 1 < len(drawn) < 8  # a line is drawn from the columns in sight only
        for _ in range(20):
            await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x > 0 and table.cursor_column == 20
        assert "指标" in table.render_line(0).text  # the name column stays in sight
        assert "第7区" in {row[3] for row in screen.view.rows}  # the export has every plan chosen
