"""State files read before the first frame (the session to resume, the settings) come from the JSON
kept beside them in the cache (`statefile.remember_parsed`) without importing PyYAML, as long as the
file holds exactly the text that JSON was made from; anything else is read as YAML, as before."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.core import statefile
from tui.core.config import load_config, save_config
from tui.core.session import Session, load_session, save_session, session_file
from tui.core.statefile import load_yaml_state, parsed_path, recall_parsed

ROOT = Path(__file__).resolve().parents[1]


def refuse_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on any YAML parse fails the test: the fast path must not need it."""

    def refuse(text: str) -> object:
        raise AssertionError("parsed as YAML")

    monkeypatch.setattr(statefile, "parse_yaml", refuse)


def test_a_saved_session_resumes_from_the_json_without_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    save_session(Session(["a", "b/1", "c/2.3"], 1))
    assert parsed_path(session_file()).exists()
    refuse_yaml(monkeypatch)
    session, problem = load_session()
    assert problem is None and session.history == ["a", "b/1", "c/2.3"] and session.pos == 1


def test_the_session_file_itself_is_the_yaml_it_always_was() -> None:
    save_session(Session(["x", "y"], 0))
    text = session_file().read_text(encoding="utf-8")
    assert text.startswith("# plans:") and "history:" in text and "pos: 0" in text
    assert statefile.parse_yaml(text) == {"history": ["x", "y"], "pos": 0}


def test_a_session_file_edited_since_is_read_as_yaml() -> None:
    save_session(Session(["one", "two"], 1))
    path = session_file()
    path.write_text("history:\n- one\n- two\n- three\npos: 2\n", encoding="utf-8")  # by hand, same place
    session, problem = load_session()
    assert problem is None and session.history == ["one", "two", "three"] and session.pos == 2
    # … and the JSON now follows the edit: the next start needs no YAML either
    assert recall_parsed(path, path.read_text(encoding="utf-8")) == (True, {"history": ["one", "two", "three"], "pos": 2})


@pytest.mark.parametrize("damage", ["missing", "garbage", "other-text", "wrong-format"])
def test_without_a_usable_json_the_yaml_is_read(damage: str) -> None:
    save_session(Session(["p", "q/1"], 0))
    side = parsed_path(session_file())
    if damage == "missing":
        side.unlink()
    elif damage == "garbage":
        side.write_bytes(b"\x00{not json")
    elif damage == "other-text":  # another text's data under another digest: must not be taken
        side.write_text(json.dumps({"format": 1, "digest": "0" * 40, "data": {"history": ["zzz"], "pos": 0}}))
    else:
        side.write_text(json.dumps({"format": 99, "data": {"history": ["zzz"], "pos": 0}}))
    session, problem = load_session()
    assert problem is None and session.history == ["p", "q/1"] and session.pos == 0


def test_a_damaged_session_file_is_still_reported_and_replaced() -> None:
    save_session(Session(["p"], 0))
    session_file().write_text("history: [unclosed\n", encoding="utf-8")
    session, problem = load_session()
    assert session.history == [] and problem is not None and "session.yaml" in problem
    assert (session_file().parent / "session.yaml.corrupt").exists()


def test_data_json_cannot_give_back_is_never_kept(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text("when: 2021-01-02\n1: one\n", encoding="utf-8")
    value, problem = load_yaml_state(path, lambda raw: raw, {})
    assert problem is None and 1 in value
    assert not parsed_path(path).exists()  # a date and a number key: read as YAML every time


def test_settings_from_the_json_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core import locations

    locations.config_file().parent.mkdir(parents=True, exist_ok=True)
    locations.config_file().write_text("theme: plans-ink  # mine\ndetail: false\n", encoding="utf-8")
    assert load_config()[0].theme == "plans-ink"  # the first load parses the hand-written file
    refuse_yaml(monkeypatch)
    config, problem = load_config()
    assert problem is None and config.theme == "plans-ink" and config.detail is False


def test_a_bad_setting_in_the_json_path_is_reported_as_before() -> None:
    from tui.core import locations

    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: 3\n", encoding="utf-8")
    _, first = load_config()
    assert first is not None and "theme" in first
    assert not parsed_path(path).exists() or recall_parsed(path, "theme: 3\n")[0] is False


def test_saving_a_setting_keeps_the_file_right() -> None:
    from tui.core.config import Config

    save_config(Config(theme="plans-ink"), ["theme"])
    config, problem = load_config()
    assert problem is None and config.theme == "plans-ink"


def test_a_resuming_start_does_not_import_yaml(tmp_path: Path) -> None:
    """The whole path a start takes before its first frame: corpus, settings, session — no PyYAML."""
    script = textwrap.dedent(f"""
        from tui.core.session import Session, save_session, load_session
        from tui.core.config import Config, save_config, load_config, load_keymap
        from tui.core.load import load_corpus
        data = {str(ROOT / "data" / "plans.yaml")!r}
        load_corpus(data)  # fills the corpus store
        save_config(Config(theme="plans-ink"), ["theme"])
        load_config()  # the first read of a changed settings file parses it (and keeps the JSON)
        save_session(Session(["a", "b"], 1))
        print("ready")
    """)
    check = textwrap.dedent(f"""
        import sys
        from tui.core.load import load_corpus
        from tui.core.config import load_config, load_keymap
        from tui.core.session import load_session
        load_corpus({str(ROOT / "data" / "plans.yaml")!r})
        config, _ = load_config()
        load_keymap()
        session, problem = load_session()
        print(config.theme, session.history, session.pos, problem, "yaml" in sys.modules)
    """)
    env = {"PATH": "/usr/bin:/bin", "PLANS_LANG": "zh",
           **{f"PLANS_{name.upper()}_DIR": str(tmp_path / name) for name in ("config", "state", "cache", "data")}}
    first = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    got = subprocess.run([sys.executable, "-c", check], cwd=ROOT, env=env, capture_output=True, text=True)
    assert got.returncode == 0, got.stderr
    assert got.stdout.split() == ["plans-ink", "['a',", "'b']", "1", "None", "False"]


def test_the_json_kept_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`plans serve` gives every browser its own state files: their JSON must not pile up."""
    monkeypatch.setattr(statefile, "PARSED_KEEP", 5)
    monkeypatch.setenv("PLANS_CACHE_DIR", str(tmp_path / "cache"))  # (not the cache other tests share)
    paths = []
    for i in range(8):
        path = tmp_path / f"client{i}" / "session.yaml"
        path.parent.mkdir()
        path.write_text(f"history: [k{i}]\npos: 0\n", encoding="utf-8")
        assert load_yaml_state(path, lambda raw: raw, None)[1] is None
        paths.append(path)
    kept = sorted(parsed_path(paths[0]).parent.glob("*.json"))
    assert len(kept) == 5
    assert parsed_path(paths[-1]) in kept  # the newest stay
    # one whose JSON went is simply read as YAML again
    value, problem = load_yaml_state(paths[0], lambda raw: raw, None)
    assert problem is None and value == {"history": ["k0"], "pos": 0}
