"""load_corpus: validation on every load (one-line errors), and the derived store (content-hash keyed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.core import store
from tui.core.load import PlansFileError, display_name, load_corpus
from tui.core.store import corpus as stored


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """The problem lines as written (English: `--lang en`); their Chinese is tested in test_check_chinese."""
    monkeypatch.setenv("PLANS_LANG", "en")


ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
BAD = ROOT / "tests" / "fixtures" / "bad"
REAL = ROOT / "data" / "plans.yaml"


def entries() -> list[Path]:
    return sorted(store.directory().glob("corpus-*.msgpack"))


def plan_files() -> list[Path]:
    return sorted(store.directory().glob("plan-*.msgpack"))


@pytest.fixture
def mini(tmp_path) -> Path:
    path = tmp_path / "plans.yaml"
    shutil.copy(MINI, path)
    return path


def test_loads_the_fixture():
    corpus = load_corpus(MINI, use_cache=False)
    assert [p.id for p in corpus.plans] == ["alpha-2021", "beta-2021"]
    assert corpus.source == str(MINI)
    node = corpus.node("alpha-2021/3.1.2")
    assert node is not None and node.title == "集成电路重大科技专项"


@pytest.mark.parametrize(
    "name",
    ["invalid_yaml.yaml", "empty.yaml", "not_utf8.yaml", "top_list.yaml", "top_scalar.yaml", "unknown_kind.yaml",
     "missing_field.yaml", "wrong_type.yaml", "duplicate_id.yaml", "cell_count.yaml", "multiple.yaml"],
)
def test_every_bad_fixture_raises_a_one_line_error(name):
    with pytest.raises(PlansFileError) as info:
        load_corpus(BAD / name)
    message = str(info.value)
    assert "\n" not in message and message.startswith(display_name(BAD / name) + ":")
    assert entries() == []  # nothing invalid is ever cached


def test_error_names_the_first_problem_and_counts_the_rest():
    with pytest.raises(PlansFileError) as info:
        load_corpus(BAD / "multiple.yaml")
    name = display_name(BAD / "multiple.yaml")
    assert str(info.value) == (
        f"{name}:4: plans[0].meta.id: 'Gamma 2021' is not slug form (lower-case letters, digits and '-', "
        f"e.g. keqiao-2021) (and 9 more problems; run: plans check {name})"
    )
    assert len(info.value.problems) == 10


def test_single_problem_has_no_count():
    with pytest.raises(PlansFileError) as info:
        load_corpus(BAD / "unknown_kind.yaml")
    assert "more problem" not in str(info.value)
    assert str(info.value).startswith(f"{display_name(BAD / 'unknown_kind.yaml')}:15: plans[0].nodes[0].children[0].kind: ")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(PlansFileError, match=r"nope\.yaml: no such file$"):
        load_corpus(tmp_path / "nope.yaml")
    with pytest.raises(PlansFileError, match=r": is a directory, not a plans file$"):
        load_corpus(tmp_path)


def test_relative_paths_inside_the_working_directory_are_shown_relative(monkeypatch):
    monkeypatch.chdir(BAD)
    with pytest.raises(PlansFileError) as info:
        load_corpus(BAD / "wrong_type.yaml")
    assert str(info.value).startswith("wrong_type.yaml:9: plans[0].meta.period_start: ")


def test_cache_hit_returns_an_equal_corpus(mini, monkeypatch):
    first = load_corpus(mini)
    assert len(entries()) == 1
    import tui.core.load as load_module

    def no_yaml(*args, **kwargs):
        raise AssertionError("a cache hit must not parse YAML")

    monkeypatch.setattr(load_module, "parse", no_yaml)
    second = load_corpus(mini)
    assert second == first and second is not first
    assert second.source == str(mini)
    node = second.node("alpha-2021/3.1.2")  # the tree index survives the cache
    assert node is not None and node.parent is not None
    assert node.kind == "column" and node.plan is second.plans[0] and node.parent.kind == "section"
    assert node.key == "alpha-2021/3.1.2"


def test_cache_hit_takes_the_path_it_was_loaded_from(mini, tmp_path):
    load_corpus(mini)
    other = tmp_path / "copy.yaml"
    shutil.copy(mini, other)
    assert load_corpus(other).source == str(other)
    assert len(entries()) == 1  # same content, same entry


def test_changed_content_is_a_miss(mini):
    load_corpus(mini)
    mini.write_text(mini.read_text(encoding="utf-8").replace("short: 甲市", "short: 甲城", 1), encoding="utf-8")
    assert load_corpus(mini).plans[0].short == "甲城"
    assert len(entries()) == 2


def test_an_invalid_file_is_not_served_from_an_old_entry(mini):
    load_corpus(mini)
    mini.write_text(mini.read_text(encoding="utf-8").replace("kind: para", "kind: prose", 1), encoding="utf-8")
    with pytest.raises(PlansFileError, match="unknown kind 'prose'"):
        load_corpus(mini)


@pytest.mark.parametrize("junk", [b"", b"not msgpack at all \xc1", b"\x93\x01\x02", b"\x80\x05\x95garbage", None])
@pytest.mark.parametrize("which", ["manifest", "plan"])
def test_corrupt_store_file_is_ignored_and_rebuilt(mini, junk, which):
    expected = load_corpus(mini, use_cache=False)
    load_corpus(mini)
    (entry,) = entries() if which == "manifest" else plan_files()[:1]
    good = entry.read_bytes()
    if junk is None:  # truncated
        junk = good[: len(good) // 2]
    entry.write_bytes(junk)
    again = load_corpus(mini)
    assert again == expected
    assert entry.read_bytes() == good  # rewritten with a good entry


def test_plan_file_lost_after_the_plans_file_changed_reads_the_file_as_it_is(mini):
    load_corpus(mini)
    corpus = load_corpus(mini)
    mini.write_text(mini.read_text(encoding="utf-8").replace("short: 甲市", "short: 丙市", 1)
                    .replace("甲政发〔2021〕1号", "甲政发〔2021〕9号"), encoding="utf-8")
    for p in plan_files():
        p.unlink()
    assert "甲政发〔2021〕9号" in [n.text for n in corpus.plans[0].nodes]


def test_plan_file_lost_after_start_is_rebuilt_from_its_lines(mini):
    expected = load_corpus(mini, use_cache=False)
    load_corpus(mini)
    corpus = load_corpus(mini)  # warm: nothing decoded yet
    for p in plan_files():
        p.write_bytes(b"\x00")
    assert corpus == expected


def test_unwritable_cache_dir_still_loads(mini, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be")
    monkeypatch.setenv("PLANS_CACHE_DIR", str(blocker / "cache"))
    assert load_corpus(mini).plans[0].id == "alpha-2021"


def test_no_cache_env_and_argument(mini, monkeypatch):
    monkeypatch.setenv("PLANS_NO_CACHE", "1")
    load_corpus(mini)
    assert entries() == []
    monkeypatch.delenv("PLANS_NO_CACHE")
    load_corpus(mini, use_cache=False)
    assert entries() == []
    load_corpus(mini)
    assert len(entries()) == 1


def test_cache_writes_leave_no_temporary_files_and_are_pruned(mini):
    text = mini.read_text(encoding="utf-8")
    for i in range(stored.KEEP + 3):
        mini.write_text(text.replace("short: 甲市", f"short: 甲市{i}", 1), encoding="utf-8")
        load_corpus(mini)
    names = [p.name for p in store.directory().iterdir()]
    assert not [n for n in names if n.endswith(".tmp")]
    assert len(entries()) == stored.KEEP
    assert len(plan_files()) <= 2 * stored.KEEP  # only the plan files a kept manifest names


@pytest.mark.skipif(not REAL.exists(), reason="data/plans.yaml not built yet")
def test_real_data_loads_and_caches():
    corpus = load_corpus(REAL)
    assert len(corpus.plans) == 5
    assert load_corpus(REAL) == corpus


def test_a_changed_model_is_a_cache_miss(mini, monkeypatch):
    raw = mini.read_bytes()
    before = store.key(raw)
    monkeypatch.setattr(store, "_FINGERPRINT", b"another model")
    assert store.key(raw) != before
