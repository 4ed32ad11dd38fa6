"""State files shared by two sessions: bookmarks and settings merged under a lock, stale
temporary files, failed saves, unreadable files left alone, the keymap checked key by key."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from conftest import MINI, ROOT
from screen_host import screen_of

from tui.app import PlansApp
from tui.core import bookmarks as bookmarks_module
from tui.core import locations
from tui.core.bookmarks import Bookmark, Bookmarks, line_of
from tui.core.config import Config, load_config, load_keymap, save_config
from tui.core.load import load_corpus
from tui.core.statefile import StateFileError, parse_yaml
from tui.keymap import check_keys, key_problem, known_ids, unknown_ids
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.main import MainScreen


def keys_on_disk() -> list[str]:
    return [b.key for b in Bookmarks().load().items]


# -- two sessions on one state dir ------------------------------------------------------------------
def test_two_sessions_keep_each_others_bookmarks():
    b = Bookmarks().load()  # B started earlier
    a = Bookmarks().load()
    a.add("alpha-2021/1", "甲 1")
    a.add("alpha-2021/2", "甲 2")
    b.add("beta-2021/1", "乙 1")  # B's view was stale: it merges instead of overwriting
    assert keys_on_disk() == ["alpha-2021/1", "alpha-2021/2", "beta-2021/1"]
    assert [x.key for x in b.items] == ["alpha-2021/1", "alpha-2021/2", "beta-2021/1"]
    a.remove("alpha-2021/1")
    b.add("beta-2021/2", "乙 2")
    assert keys_on_disk() == ["alpha-2021/2", "beta-2021/1", "beta-2021/2"]
    assert not b.remove("alpha-2021/1")  # gone already (A removed it): nothing to do
    a.add("beta-2021/1", "dup")  # B added it: A finds it instead of adding a second
    assert keys_on_disk().count("beta-2021/1") == 1


def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    script = textwrap.dedent("""
        import sys
        from tui.core.bookmarks import Bookmarks
        bm = Bookmarks().load()
        for i in range(40):
            bm.add(f"{sys.argv[1]}/{i}", sys.argv[1])
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", script, name], env=env, cwd=ROOT) for name in ("p", "q")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    keys = keys_on_disk()
    assert sorted(keys) == sorted(f"{n}/{i}" for n in ("p", "q") for i in range(40))


def test_line_format_round_trips_hostile_text_and_is_yaml():
    hostile = Bookmark('k"\\\x00\x1b]52;c;\x07\x85\u2028\u202e\ufeff\x9b终\U0001F600', "a\nb\tc [b]x[/b] #: - {}",
                       "甲", "2026-07-01T09:30:00")
    bm = Bookmarks().load()
    bm.add(hostile.key, hostile.label, hostile.plan)
    again = Bookmarks().load()
    assert again.items[0].key == hostile.key and again.items[0].label == hostile.label
    text = locations.bookmarks_file().read_text(encoding="utf-8")
    assert parse_yaml(text)[0]["key"] == hostile.key  # any YAML reader agrees
    assert "\x1b" not in text and "\n- " in text


def test_old_block_yaml_file_still_loads_and_is_rewritten_on_change():
    path = locations.bookmarks_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("- key: alpha-2021/1\n  label: 甲\n  plan: 甲市\n  added: '2026-01-01'\n", encoding="utf-8")
    bm = Bookmarks().load()
    assert bm.problem is None and [b.label for b in bm.items] == ["甲"]
    bm.add("alpha-2021/2", "乙")
    assert path.read_text(encoding="utf-8").splitlines()[1] == line_of(bm.items[0])
    assert keys_on_disk() == ["alpha-2021/1", "alpha-2021/2"]


# -- stale temporary files ------------------------------------------------------------------------
def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_tmp_files_are_cleaned_when_the_directory_is_next_written(tmp_path):
    dead = dead_pid()
    stale = tmp_path / f".bookmarks.yaml.{dead}.tmp"
    stale_data = tmp_path / f".plans.yaml.{dead}.tmp"
    live = tmp_path / f".plans.yaml.{os.getppid()}.tmp"  # a live writer's file, just written
    old_live = tmp_path / f".config.yaml.{os.getppid()}.tmp"
    other = tmp_path / ".notes.tmp"  # not ours: no pid
    for p in (stale, stale_data, live, old_live, other):
        p.write_text("half", encoding="utf-8")
    two_hours_ago = time.time() - 7200
    os.utime(old_live, (two_hours_ago, two_hours_ago))
    locations.atomic_write(tmp_path / "plans.yaml", "plans: []\n")
    assert not stale.exists() and not stale_data.exists() and not old_live.exists()
    assert live.exists() and other.exists()
    assert (tmp_path / "plans.yaml").read_text(encoding="utf-8") == "plans: []\n"


def test_bookmark_save_cleans_a_killed_sessions_tmp_file():
    path = locations.bookmarks_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    stale = path.with_name(f".bookmarks.yaml.{dead_pid()}.tmp")
    stale.write_text("- {key: ", encoding="utf-8")
    Bookmarks().load().add("alpha-2021/1", "甲")
    assert not stale.exists()


# -- failed saves ------------------------------------------------------------------------------------
def fail_write(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_failed_first_save_leaves_no_bookmark(monkeypatch):
    bm = Bookmarks().load()
    monkeypatch.setattr(bookmarks_module.locations, "atomic_write", fail_write)
    with pytest.raises(StateFileError, match="磁盘已满"):
        bm.add("alpha-2021/1", "甲")
    assert "alpha-2021/1" not in bm and bm.items == []


def test_failed_append_leaves_file_and_list_as_they_were(monkeypatch):
    bm = Bookmarks().load()
    bm.add("alpha-2021/1", "甲")
    before = locations.bookmarks_file().read_bytes()
    monkeypatch.setattr(Bookmarks, "_append", lambda self, line, size: fail_write())
    with pytest.raises(StateFileError, match="未保存"):
        bm.add("alpha-2021/2", "乙")
    assert [b.key for b in bm.items] == ["alpha-2021/1"]
    assert locations.bookmarks_file().read_bytes() == before


def test_append_cut_short_is_rolled_back(monkeypatch):
    bm = Bookmarks().load()
    bm.add("alpha-2021/1", "甲")
    before = locations.bookmarks_file().read_bytes()
    real_write = os.write
    with monkeypatch.context() as patch, pytest.raises(StateFileError):
        patch.setattr(bookmarks_module.os, "write", lambda fd, blob: real_write(fd, blob[:5]))
        bm.add("alpha-2021/2", "乙")
    assert locations.bookmarks_file().read_bytes() == before
    assert keys_on_disk() == ["alpha-2021/1"]


async def test_failed_bookmark_save_is_told_in_chinese_and_not_listed(monkeypatch):
    app = PlansApp(load_corpus(MINI))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(bookmarks_module.locations, "atomic_write", fail_write)
        screen_of(app, MainScreen).action_jump_key("alpha-2021/3.1.2")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        messages = [(n.title, str(n.message)) for n in app._notifications]
        assert any(title == "书签未保存" and "磁盘已满" in message for title, message in messages)
        assert not any("已加书签" in message for _, message in messages)
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert app.screen.bookmarks.items == []


# -- unreadable files are not corrupt ------------------------------------------------------------------
def test_directory_in_place_of_bookmarks_is_reported_and_left_alone():
    path = locations.bookmarks_file()
    path.mkdir(parents=True)
    bm = Bookmarks().load()
    assert bm.items == [] and bm.problem and "无法读取" in bm.problem and str(path) in bm.problem
    assert "\n" not in bm.problem
    assert path.is_dir() and not path.with_name(path.name + ".corrupt").exists()
    with pytest.raises(StateFileError, match="无法读取"):
        bm.add("alpha-2021/1", "甲")
    assert path.is_dir()


@pytest.mark.parametrize("which", ["bookmarks", "config", "keymap"])
def test_permission_denied_is_reported_and_the_file_kept(monkeypatch, which):
    path = {"bookmarks": locations.bookmarks_file(), "config": locations.config_file(),
            "keymap": locations.keymap_file()}[which]
    path.parent.mkdir(parents=True, exist_ok=True)
    content = {"bookmarks": '- {key: "k", label: "l", plan: "", added: ""}\n', "config": "theme: plans-ink\n",
               "keymap": "main.copy: ctrl+y\n"}[which]
    path.write_text(content, encoding="utf-8")
    real_read_text = Path.read_text

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_text", denied)
        if which == "bookmarks":
            problem = Bookmarks().load().problem
        elif which == "config":
            problem = load_config()[1]
        else:
            problem = load_keymap()[1]
        assert problem and "无法读取" in problem and "没有权限" in problem and "Permission denied" in problem
        assert str(path) in problem and "不会被覆盖" in problem
        assert not path.with_name(path.name + ".corrupt").exists()
        if which == "config":
            with pytest.raises(StateFileError, match="没有权限"):
                save_config(Config(theme="plans-paper"), ["theme"])
        if which == "bookmarks":
            with pytest.raises(StateFileError, match="没有权限"):
                Bookmarks().load().add("x/1", "x")
    assert path.read_text(encoding="utf-8") == content


def test_unreadable_as_another_user():
    """A real permission check: a non-root user (setpriv) reading a 0600 file it does not own."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the check as another user")
    base = Path(tempfile.mkdtemp(prefix="plans-perm-"))  # pytest's own tmp dir is closed to other users
    try:
        os.chmod(base, 0o777)
        path = base / "bookmarks.yaml"
        path.write_text('- {key: "k", label: "l", plan: "", added: ""}\n', encoding="utf-8")
        path.chmod(0o600)
        script = ("from tui.core.bookmarks import Bookmarks; b = Bookmarks().load(); print(b.problem)\n"
                  "try:\n    b.add('x/1', 'x')\nexcept Exception as e:\n    print(type(e).__name__, e)\n")
        env = {"PATH": os.environ.get("PATH", ""), "PLANS_STATE_DIR": str(base), "PYTHONPATH": str(ROOT),
               "HOME": str(base), "PYTHONDONTWRITEBYTECODE": "1"}
        run = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                              sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
        if run.returncode != 0:
            pytest.skip(f"cannot run python as nobody here: {run.stderr.strip()[-200:]}")
        assert "没有权限" in run.stdout and "StateFileError" in run.stdout, run.stdout
        assert path.read_text(encoding="utf-8").startswith('- {key: "k"')
        assert not (base / "bookmarks.yaml.corrupt").exists()
    finally:
        shutil.rmtree(base, ignore_errors=True)


# -- settings from two sessions ----------------------------------------------------------------------
def test_config_saves_merge_per_setting_and_keep_unknown_keys():
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: plans-paper\nfuture_setting: 3\n", encoding="utf-8")
    a, _ = load_config()
    b, _ = load_config()
    a.theme = "plans-ink"
    save_config(a, ["theme"])
    b.detail = False
    save_config(b, ["detail"])  # B still thinks the theme is plans-paper: it must not write that back
    assert load_config()[0] == Config(theme="plans-ink", detail=False)
    assert parse_yaml(path.read_text(encoding="utf-8"))["future_setting"] == 3


def test_config_corrupt_on_disk_is_not_overwritten_by_a_save():
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: [unclosed\n", encoding="utf-8")
    with pytest.raises(StateFileError, match="内容有误"):
        save_config(Config(theme="plans-ink"), ["theme"])
    assert path.read_text(encoding="utf-8") == "theme: [unclosed\n"


# -- keymap ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["y", "Y", "ctrl+y", "alt+left", "f5", "question_mark", "?", "ctrl+shift+up",
                                 "space", "pageup", "escape", "left_square_bracket", "plus", "backspace"])
def test_real_keys_pass(key):
    assert key_problem(key) is None


@pytest.mark.parametrize("key", ["ctrl+", "yy", "", "ctrl+ctrl+y", "hyperdrive+y", "enterr", "+y", "ctrl+yy"])
def test_impossible_keys_are_named(key):
    assert key_problem(key)


def test_check_keys_drops_bad_keys_and_keeps_the_rest():
    clean, problems = check_keys({"main.copy": "ctrl+", "main.bookmark": "x,yy", "main.back": "alt+left,b"})
    assert clean == {"main.bookmark": "x", "main.back": "alt+left,b"}
    assert len(problems) == 2
    assert "main.copy" in problems[0] and "“ctrl+”" in problems[0] and "已忽略" in problems[0]
    assert "“yy”" in problems[1] and str(locations.keymap_file()) in problems[1]


def test_unknown_ids_are_named():
    ids = known_ids()
    assert {"main.copy", "main.bookmark", "bookmarks.delete", "app.help"} <= ids
    problems = unknown_ids({"main.copy": "y", "main.cpy": "x"}, ids)
    assert len(problems) == 1 and "main.cpy" in problems[0]


async def test_bad_keymap_entries_reported_once_each_and_the_rest_applied():
    keymap = {"main.copy": "ctrl+", "main.bookmark": "x,yy", "nope.nothing": "k"}
    app = PlansApp(load_corpus(MINI), keymap=keymap, save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert sum("“ctrl+”" in m for m in messages) == 1
        assert sum("“yy”" in m for m in messages) == 1
        assert sum("nope.nothing" in m for m in messages) == 1
        assert app.user_keymap == {"main.bookmark": "x"}
        screen_of(app, MainScreen).action_jump_key("alpha-2021/3.1.2")
        await pilot.pause()
        await pilot.press("x")  # the good half of main.bookmark still works
        await pilot.pause()
        assert keys_on_disk() == ["alpha-2021/3.1.2"]


def test_refresh_catches_up_with_another_session_cheaply():
    a = Bookmarks().load()
    b = Bookmarks().load()
    assert not b.refresh()  # nothing changed: a stat, no read
    a.add("alpha-2021/1", "甲")
    assert b.refresh() and "alpha-2021/1" in b
    a.remove("alpha-2021/1")
    assert b.refresh() and "alpha-2021/1" not in b


def test_a_bad_keymap_value_costs_only_its_own_entry():
    path = locations.keymap_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("main.copy: ctrl+y\nmain.tables: 5\nmain.info: {a: 1}\nmain.back: null\n", encoding="utf-8")
    keymap, problem = load_keymap()
    assert problem is None
    clean, problems = check_keys(keymap)
    assert clean == {"main.copy": "ctrl+y", "main.tables": "5"}
    assert len(problems) == 2 and "main.info" in problems[0] and "main.back" in problems[1]


async def test_a_big_bookmarks_file_is_read_off_the_first_frame(monkeypatch):
    import tui.screens.main as main_module

    a = Bookmarks().load()
    a.add("alpha-2021/3.1.2", "甲")
    monkeypatch.setattr(main_module, "BOOKMARKS_INLINE", 0)  # every file counts as big
    app = PlansApp(load_corpus(MINI), save_settings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "alpha-2021/3.1.2" in screen_of(app, MainScreen).bookmarks
        screen_of(app, MainScreen).action_jump_key("alpha-2021/3.1.2")
        await pilot.pause()
        await pilot.press("a")  # bookmarked already: removes it
        await pilot.pause()
        assert keys_on_disk() == []


def test_a_lock_held_forever_gives_up_with_a_message(monkeypatch):
    import fcntl

    from tui.core import statefile

    path = locations.bookmarks_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(statefile, "LOCK_WAIT", 0.05)
    holder = os.open(path.with_name(".bookmarks.yaml.lock"), os.O_RDWR | os.O_CREAT)  # another session
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        with pytest.raises(StateFileError, match="另一个 plans 会话"):
            Bookmarks().load().add("alpha-2021/1", "甲")
    finally:
        os.close(holder)
    Bookmarks().load().add("alpha-2021/1", "甲")  # released: saves again
    assert keys_on_disk() == ["alpha-2021/1"]
