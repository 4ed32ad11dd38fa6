"""Real servers: GBK and Latin-1 locales, TERM=dumb, no terminal at all.

The locales are generated with `localedef` into pytest's cache directory (used through LOCPATH, so
the system's locale archive is never touched); when `localedef` or the locale sources are missing,
the tests that need them are skipped with the reason.
"""

from __future__ import annotations

import io
import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINI, ROOT

from tui.core import termenc

LOCALES = {"zh_CN.GBK": ("zh_CN", "GBK"), "en_US.ISO-8859-1": ("en_US", "ISO-8859-1")}


@pytest.fixture(scope="session")
def locpath(request) -> Path:
    """A directory with zh_CN.GBK and en_US.ISO-8859-1 compiled in it (generated once, then cached)."""
    if shutil.which("localedef") is None:
        pytest.skip("localedef is not installed (apt-get install locales)")
    base = Path(request.config.cache.mkdir("locales"))
    for name, (source, charmap) in LOCALES.items():
        if (base / name / "LC_CTYPE").exists():
            continue
        run = subprocess.run(["localedef", "-i", source, "-f", charmap, str(base / name)],
                             capture_output=True, text=True, timeout=120)
        if not (base / name / "LC_CTYPE").exists():  # localedef may warn (exit 1) and still succeed
            pytest.skip(f"cannot generate {name} with localedef: {(run.stderr or run.stdout).strip()[:200]}")
    return base


def env_for(locale: str, locpath: Path | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO", "PYTHONUTF8", "LANG"))}
    env.update(LC_ALL=locale, PYTHONPATH=str(ROOT), **extra)
    if locpath is not None:
        env["LOCPATH"] = str(locpath)
    return env


def plans(args: list[str | bytes], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, env=env, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def in_pty(args: list[str], env: dict[str, str], timeout: float = 60) -> tuple[int, bytes]:
    """Run with a terminal on stdin, stdout and stderr; (exit status, everything it wrote)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tui", *args], cwd=ROOT, env=env, stdin=slave, stdout=slave,
                            stderr=slave, start_new_session=True)
    os.close(slave)
    out = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
        else:
            proc.kill()
            pytest.fail(f"still running after {timeout}s (it started the full-screen UI?): {out[-300:]!r}")
        return proc.wait(timeout=10), out
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()


# -- CLI output in a locale that is not UTF-8 -------------------------------------------------------
def test_search_under_gbk_prints_gbk_with_standins(locpath):
    result = plans(["search", "黄酒".encode("gbk"), "--data", str(ROOT / "data" / "plans.yaml")]
                   if (ROOT / "data" / "plans.yaml").exists() else ["search", "研发".encode("gbk"), "--data", str(MINI)],
                   env_for("zh_CN.GBK", locpath))
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    out = result.stdout.decode("gbk")  # valid GBK throughout
    assert "黄酒" in out or "研发" in out
    assert " > " in out and "›" not in out
    assert b"Traceback" not in result.stderr


def test_check_under_latin1_has_no_traceback(locpath):
    result = plans(["check", str(MINI)], env_for("en_US.ISO-8859-1", locpath, PLANS_LANG="en"))  # an English user
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("latin-1")
    assert "ok - " in out and "—" not in out  # the em dash has an ASCII stand-in
    assert b"Traceback" not in result.stderr
    err = result.stderr.decode("latin-1")
    if "?" in out:  # Chinese words (专栏) have no stand-in: one line says so and how to fix it
        assert "LANG=C.UTF-8" in err and len(err.strip().splitlines()) == 1


def test_search_json_under_latin1_is_exact(locpath):
    result = plans(["search", "--json", "yanfa", "--data", str(MINI)], env_for("en_US.ISO-8859-1", locpath))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("ascii").splitlines()  # JSON escapes: plain ASCII, nothing lost
    hits = [json.loads(line) for line in lines]
    assert hits and any("研发" in h["text"] for h in hits)
    assert b"cannot be shown" not in result.stderr


def test_browser_under_gbk_says_it_needs_utf8(locpath):
    status, out = in_pty(["--data", str(MINI)], env_for("zh_CN.GBK", locpath, TERM="xterm-256color"))
    assert status == 2
    text = out.decode("gbk", "replace").strip()
    assert len(text.splitlines()) == 1 and "UTF-8" in text and "LANG=C.UTF-8" in text
    assert "\\u" not in text and "\x1b[" not in text


def test_browser_under_latin1_says_it_in_ascii(locpath):
    status, out = in_pty(["--data", str(MINI)], env_for("en_US.ISO-8859-1", locpath, TERM="xterm-256color"))
    assert status == 2
    text = out.decode("latin-1").strip()
    assert "UTF-8 locale" in text and "LANG=C.UTF-8" in text and "?" not in text


# -- stand-ins, without a locale ----------------------------------------------------------------------
@pytest.mark.parametrize("text, encoding, expected", [
    ("甲 › 乙 — 丙 ▾", "gbk", "甲 > 乙 — 丙 v".encode("gbk")),
    ("ok — 5 plans", "latin-1", b"ok - 5 plans"),
    ("（一）Ｒ＆Ｄ", "latin-1", b"(??)R&D"),  # a wide character with no stand-in keeps its two columns
])
def test_standin_handler(text, encoding, expected):
    assert text.encode(encoding, errors=termenc.HANDLER) == expected


def test_json_for_escapes_only_what_the_encoding_lacks():
    latin1 = io.TextIOWrapper(io.BytesIO(), encoding="iso8859-1")
    text = json.dumps({"t": "黄酒 é 😀"}, ensure_ascii=False)
    escaped = termenc.json_for(text, latin1)
    escaped.encode("latin-1")
    assert json.loads(escaped) == {"t": "黄酒 é 😀"}


# -- no terminal, TERM=dumb -----------------------------------------------------------------------------
def test_no_terminal_one_line_exit_2():
    result = plans(["--data", str(MINI)], env_for("C.UTF-8", None))
    assert result.returncode == 2
    err = result.stderr.decode("utf-8").strip()
    assert len(err.splitlines()) == 1 and "终端" in err and "plans search" in err and "plans open" in err
    assert result.stdout == b"" and b"\x1b" not in result.stderr


def test_open_without_terminal_exit_2():
    result = plans(["open", "--data", str(MINI), "甲市", "专栏1"], env_for("C.UTF-8", None))
    assert result.returncode == 2 and "终端".encode() in result.stderr


def test_term_dumb_one_line_exit_2():
    status, out = in_pty(["--data", str(MINI)], env_for("C.UTF-8", None, TERM="dumb"))
    assert status == 2
    text = out.decode("utf-8").strip()
    assert len(text.splitlines()) == 1 and "TERM=dumb" in text and "plans search" in text
    assert "\x1b[" not in text


def test_textual_serve_web_driver_is_let_through(monkeypatch):
    """textual-serve runs the app over pipes with Textual's web driver: that is not "no terminal"."""
    from tui.cmd_browse import terminal_problem

    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert terminal_problem() is None
    monkeypatch.setenv("TEXTUAL_DRIVER", "linux")
    assert terminal_problem() is not None  # pytest's captured streams are no terminal
