"""`plans serve` over HTTP and websockets (no browser): token, session limit, per-browser state,
export as a download, nothing written to the data directory, and a page that loads nothing from
another host."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import aiohttp
import pytest
from serve_proc import Served
from yarl import URL

from tui.serve.access import (
    Access,
    client_dirs,
    host_name,
    is_loopback,
    valid_client_id,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "plans.yaml"
TREE_UP = "浙江省".encode()


def snapshot(directory: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under `directory`: (size, mtime_ns, sha256)."""
    out = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            st = path.stat()
            out[str(path.relative_to(directory))] = (st.st_size, st.st_mtime_ns,
                                                     hashlib.sha256(path.read_bytes()).hexdigest())
    return out


async def until(predicate, timeout: float = 30.0, what: str = "condition") -> None:
    """Wait (polling the event loop) until predicate() is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def read_until(ws: aiohttp.ClientWebSocketResponse, needle: bytes, timeout: float = 40.0) -> bytes:
    """Binary output of the app until `needle` appears in it."""
    seen = b""

    async def go() -> bytes:
        nonlocal seen
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.BINARY:
                seen += msg.data
                if needle in seen:
                    return seen
        raise AssertionError(f"websocket closed before {needle!r}")

    return await asyncio.wait_for(go(), timeout)


async def next_text(ws: aiohttp.ClientWebSocketResponse, timeout: float = 20.0) -> list:
    """The next JSON text message (skipping screen output)."""

    async def go() -> list:
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.TEXT:
                return json.loads(msg.data)
        raise AssertionError("websocket closed")

    return await asyncio.wait_for(go(), timeout)


def ticket_of(page: str) -> str:
    """The ticket with which the page's websocket claims the app started for it."""
    found = re.search(r'data-ticket="([^"]+)"', page)
    assert found, page
    return found.group(1)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A copy of the plans file (and its sources) in a directory of its own, and an empty cwd."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(DATA, data / "plans.yaml")
    shutil.copytree(ROOT / "data" / "sources", data / "sources")
    (tmp_path / "cwd").mkdir()
    return tmp_path


# -- access rules (pure) ---------------------------------------------------------------------------


def test_loopback_and_host_names():
    assert is_loopback("127.0.0.1") and is_loopback("127.9.9.9") and is_loopback("::1")
    assert is_loopback("localhost") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("plans.example")
    assert host_name("127.0.0.1:8000") == "127.0.0.1" and host_name("[::1]:80") == "::1"


def test_token_rule():
    open_ = Access(None)
    assert open_.token_ok(None) and not open_.needs_token
    assert open_.host_ok("127.0.0.1:8000") and open_.host_ok("localhost:1")
    assert not open_.host_ok("rebound.example:8000")  # DNS rebinding onto loopback
    locked = Access("s3cret-token")
    assert not locked.token_ok(None) and not locked.token_ok("wrong", None) and not locked.token_ok("")
    assert locked.token_ok(None, "s3cret-token") and locked.host_ok("plans.example")
    assert Access.origin_ok(None, "a:1") and Access.origin_ok("http://a:1", "a:1")
    assert not Access.origin_ok("http://evil.example", "a:1", None)


def test_client_dirs_refuse_anything_but_an_id(tmp_path: Path):
    assert valid_client_id("0" * 32) and not valid_client_id("../" + "0" * 29)
    state, config = client_dirs(tmp_path, "ab" * 16)
    assert state.parent == config.parent == tmp_path / "clients" / ("ab" * 16)
    with pytest.raises(ValueError):
        client_dirs(tmp_path, "../../etc")


# -- the command line -------------------------------------------------------------------------------


def test_bad_arguments_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from tui.cli import main

    def run(*args: str) -> tuple[int, str]:
        code = main(["serve", "--state-dir", str(tmp_path / "serve"), *args])
        return code, capsys.readouterr().err

    code, err = run("--data", str(tmp_path / "nope.yaml"))
    assert code == 2 and "nope.yaml" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, err = run("--token", "abc")
    assert code == 2 and "--token" in err
    code, err = run("--max-sessions", "0")
    assert code == 2 and "--max-sessions" in err


# -- a server beyond loopback: the token -----------------------------------------------------------


async def test_token_beyond_loopback(workdir: Path):
    served = Served("--host", "0.0.0.0", "--data", str(workdir / "data" / "plans.yaml"),
                    "--state-dir", str(workdir / "serve"), cwd=workdir / "cwd")
    try:
        assert served.token and len(served.token) >= 16, served.banner  # generated and printed
        ws_url = served.base.replace("http", "ws", 1) + "ws"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            for url in (served.base, served.base + "?token=wrong-token"):
                async with http.get(url, allow_redirects=False) as r:
                    assert r.status == 403
                    assert "口令" in await r.text()
            for cookies in ({}, {"plans_token": "wrong-token"}):
                http.cookie_jar.clear()
                http.cookie_jar.update_cookies(cookies)
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(ws_url)
                assert refused.value.status == 403
            async with http.get(served.base + "download/" + "0" * 32) as r:
                assert r.status == 403
            assert served.apps() == []  # nothing was spawned for any of them
            http.cookie_jar.clear()

            # the right token: a cookie, the page, then an app behind the websocket
            async with http.get(served.base + f"?token={served.token}&fontsize=18", allow_redirects=False) as r:
                assert r.status == 302 and r.headers["Location"] == "./?fontsize=18"
                assert "HttpOnly" in r.headers["Set-Cookie"]
            async with http.get(served.base) as r:
                assert r.status == 200
                page = await r.text()
                assert "科技创新规划浏览器" in page
            # started with the page, while the browser loads it (the process may take a moment to list)
            await until(lambda: len(served.apps()) == 1, what="the page's app process")
            [app] = served.apps()
            async with http.ws_connect(f"{ws_url}/{ticket_of(page)}?width=100&height=30",
                                       origin=served.base.rstrip("/")) as ws:
                await read_until(ws, TREE_UP)
                assert served.apps() == [app]  # the websocket took that one
                environ = Path(f"/proc/{app}/environ").read_bytes().split(b"\0")
                env = dict(e.decode().split("=", 1) for e in environ if b"=" in e)
                client = http.cookie_jar.filter_cookies(URL(served.base))["plans_client"].value
                assert env["PLANS_STATE_DIR"] == str((workdir / "serve" / "clients" / client / "state").resolve())
                assert env["PLANS_CONFIG_DIR"].startswith(str((workdir / "serve").resolve()))
                assert "PLANS_SERVE_TOKEN" not in env
            await until(lambda: served.apps() == [], what="the app to exit when its tab closes")

            # a page from another site may not open a session, even with the cookie
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(ws_url, origin="http://evil.example")
            assert refused.value.status == 403
    finally:
        assert served.stop() == 0


async def test_loopback_refuses_other_host_names(workdir: Path):
    served = Served("--data", str(workdir / "data" / "plans.yaml"), "--state-dir", str(workdir / "serve"),
                    cwd=workdir / "cwd")
    try:
        assert served.token is None and "只接受本机访问" in "\n".join(served.banner)
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(served.base, headers={"Host": f"rebound.example:{served.port}"}) as r:
                assert r.status == 403
            async with http.get(served.base) as r:
                assert r.status == 200
                csp = r.headers["Content-Security-Policy"]
                assert "default-src 'self'" in csp and "connect-src 'self'" in csp
                page = await r.text()
            # every asset the page names, and every asset those name, comes from this server
            seen: dict[str, str] = {}
            todo = [(served.base, ref) for ref in re.findall(r'(?:src|href)="([^"]+)"', page)]
            assert len(todo) >= 5, todo
            while todo:
                base, ref = todo.pop()
                url = str(URL(base).join(URL(ref)))
                if url in seen:
                    continue
                assert url.startswith(served.base), f"{ref} leaves the server"
                async with http.get(url) as r:
                    assert r.status == 200, url
                    body = await r.read()
                seen[url] = body.decode("utf-8", "replace") if url.endswith((".css", ".js")) else ""
                if url.endswith(".css"):
                    todo += [(url, u.strip("'\"")) for u in re.findall(r"url\(([^)]+)\)", seen[url])]
            assert any(u.endswith("textual.js") for u in seen) and any(u.endswith(".ttf") for u in seen)
            for url, text in [(served.base, page), *seen.items()]:
                code = re.sub(r"/\*[\s\S]*?\*/", "", text)  # licence comments may name their projects
                assert not re.search(r"https?://|[\"'(]//[a-z]", code, re.IGNORECASE), f"{url} names another host"
    finally:
        served.stop()


# -- the session limit -----------------------------------------------------------------------------


async def test_session_limit(workdir: Path):
    served = Served("--max-sessions", "1", "--data", str(workdir / "data" / "plans.yaml"),
                    "--state-dir", str(workdir / "serve"), cwd=workdir / "cwd")
    ws_url = served.base.replace("http", "ws", 1) + "ws"
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.ws_connect(ws_url) as first:
                await read_until(first, TREE_UP)
                first_apps = served.apps()
                assert len(first_apps) == 1
                async with http.get(served.base) as r:  # the page says so, in Chinese
                    assert r.status == 503
                    assert "会话已满" in await r.text()
                async with http.ws_connect(ws_url) as second:
                    kind, message = await next_text(second)
                    assert kind == "plans_full" and "上限 1 个" in message
                    await second.receive()  # closed by the server
                    assert second.closed
                assert len(served.apps()) == 1  # no second process
                # a reload: the new page is requested while the old tab's session is still open
                reload = asyncio.ensure_future(http.get(served.base))
                await asyncio.sleep(0.1)
            async with await reload as r:
                assert r.status == 200  # it waited for the slot its own old session gave back
                ticket = ticket_of(await r.text())
            # (its process, not the count: under load the first app may still be ending when this looks)
            await until(lambda: not set(first_apps) & set(served.apps()), what="the first app to exit")
            # a ticket is good for its own browser only: another one gets 会话已满, not that app
            other_browser = {"plans_client": "f" * 32}
            async with aiohttp.ClientSession(cookies=other_browser) as other, \
                    other.ws_connect(f"{ws_url}/{ticket}") as stranger:
                kind, _ = await next_text(stranger)
                assert kind == "plans_full"
            async with http.ws_connect(f"{ws_url}/{ticket}") as ws:
                await read_until(ws, TREE_UP)
                assert len(served.apps()) == 1
    finally:
        served.stop()


# -- nothing is written to the data directory (or the server's cwd) --------------------------------


async def test_session_writes_only_its_own_state(workdir: Path):
    before = snapshot(workdir / "data")
    served = Served("--data", str(workdir / "data" / "plans.yaml"), "--state-dir", str(workdir / "serve"),
                    cwd=workdir / "cwd")
    ws_url = served.base.replace("http", "ws", 1) + "ws"
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(served.base) as r:
                assert r.status == 200
                ticket = ticket_of(await r.text())
            client = http.cookie_jar.filter_cookies(URL(served.base))["plans_client"].value
            state, config = client_dirs((workdir / "serve").resolve(), client)
            async with http.ws_connect(f"{ws_url}/{ticket}?width=120&height=40") as ws:
                await read_until(ws, TREE_UP)
                [app] = served.apps()

                async def key(k: str) -> None:
                    await ws.send_str(json.dumps(["stdin", k]))

                await key("a")  # a bookmark
                await until(lambda: (state / "bookmarks.yaml").exists(), what="the bookmark file")
                await key("\x14")  # ctrl+t: next theme, saved in the config
                await until(lambda: (config / "config.yaml").exists(), what="the config file")
                await key("m")  # compare, then export: a download, not a file on the server
                await read_until(ws, "对比".encode())
                await key("e")
                kind, delivery = await next_text(ws)
                while kind != "deliver_file_start":
                    kind, delivery = await next_text(ws)
                async with http.get(served.base + f"download/{delivery}") as r:
                    assert r.status == 200
                    assert "attachment" in r.headers["Content-Disposition"]
                    assert ".csv" in r.headers["Content-Disposition"]
                    body = await r.text()
                    assert body.count("\n") > 3 and "," in body
    finally:
        served.stop()
    assert snapshot(workdir / "data") == before
    assert list((workdir / "cwd").iterdir()) == []  # no export files, no stray state
    assert not Path(f"/proc/{app}").exists()  # the server waited for its app before exiting
    assert os.path.getsize(state / "bookmarks.yaml") > 0
    assert re.search(r"theme", (config / "config.yaml").read_text(encoding="utf-8"))


# -- the session process waits for the page's size -------------------------------------------------


def packet(kind: bytes, meta: dict) -> bytes:
    payload = json.dumps(meta).encode()
    return kind + len(payload).to_bytes(4, "big") + payload


def test_session_reads_the_page_size_and_leaves_the_rest():
    from tui.serve.session import read_size

    r, w = os.pipe()
    try:
        os.write(w, packet(b"M", {"type": "resize", "width": 132, "height": 41}) + b"D\x00\x00\x00\x01j")
        assert read_size(r) == (132, 41)
        assert os.read(r, 64) == b"D\x00\x00\x00\x01j"  # keys that follow are the web driver's
        os.write(w, packet(b"M", {"type": "quit"}))
        assert read_size(r) is None
        os.close(w)
        assert read_size(r) is None  # the server went away before the page connected
    finally:
        os.close(r)
