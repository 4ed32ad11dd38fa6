"""The web server of `plans serve`: our own page and assets, one app process per websocket.

textual-serve does the process plumbing (`AppService`: spawn the app with Textual's web driver, relay
its output to the browser, file deliveries through `DownloadManager`). This module replaces its
`Server`: the page is ours (Chinese, a local favicon and font, nothing loaded from another host),
every request is checked against `access.Access` before anything is spawned, sessions are limited,
and each session gets its own state and config directories through PLANS_STATE_DIR /
PLANS_CONFIG_DIR.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shlex
import shutil
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import jinja2
import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from tui.serve.access import (
    CLIENT_COOKIE,
    TOKEN_COOKIE,
    TOKEN_ENV,
    Access,
    client_dirs,
    new_client_id,
    valid_client_id,
)

log = logging.getLogger("plans.serve")

PAGE_DIR = Path(__file__).resolve().parent / "page"
TS_STATIC = Path(textual_serve.__file__).resolve().parent / "static"
PAGE_TITLE = "科技创新规划浏览器"
FULL_MESSAGE = "同时在线的会话已满（上限 {n} 个），请稍后刷新页面再试。"
FORBIDDEN_MESSAGE = "需要访问口令：请使用服务器启动时给出的完整链接（含 ?token=…）打开。"
LOOPBACK_MESSAGE = "本服务只接受本机访问：请用 http://127.0.0.1:{port}/ 打开。"
ORIGIN_MESSAGE = "连接来自其他网站，已拒绝。"
COOKIE_YEAR = 365 * 24 * 3600
GRACE = 1.0  # seconds a page or websocket waits for a slot before 会话已满
PENDING_TTL = 60.0  # seconds an app started for a page waits for its websocket


@dataclass
class Settings:
    data: Path  # the plans file every session opens (read only)
    state_dir: Path  # <state_dir>/clients/<id>/{state,config}, <state_dir>/cache
    access: Access = field(default_factory=Access)
    max_sessions: int = 4
    theme: str | None = None
    python: str = sys.executable

    def command(self) -> str:
        argv = [self.python, "-m", "tui.serve.session", "--data", str(self.data)]
        if self.theme:
            argv += ["--theme", self.theme]
        return "exec " + shlex.join(argv)  # the shell becomes the app: one process per session


class Session(AppService):
    """One app process for one browser tab, with its own state/config directories.

    It can be launched before its websocket exists (when the page is requested): the app starts
    while the browser loads the page, its output waits in the pipe, and `attach` connects it."""

    def __init__(self, command: str, extra_env: dict[str, str], client_id: str,
                 download_manager: DownloadManager) -> None:
        super().__init__(command, write_bytes=self._send_bytes, write_str=self._send_str,
                         close=self._close, download_manager=download_manager)
        self.extra_env = extra_env
        self.client_id = client_id
        self.socket: web.WebSocketResponse | None = None

    async def _send_bytes(self, data: bytes) -> None:
        if self.socket is not None:
            await self.socket.send_bytes(data)

    async def _send_str(self, data: str) -> None:
        if self.socket is not None:
            await self.socket.send_str(data)

    async def _close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width=width, height=height)
        env.pop(TOKEN_ENV, None)  # the app never needs the server's token
        env.update(self.extra_env)
        return env

    async def launch(self) -> None:
        """Start the app process: it loads, then waits for `attach` to tell it the page's size."""
        await self._open_app_process()

    async def attach(self, socket: web.WebSocketResponse, width: int, height: int) -> None:
        """Connect the page: the app's first packet is the page's size (see tui/serve/session.py)."""
        self.socket = socket
        await self.set_terminal_size(width, height)
        self._task = asyncio.create_task(self.run())

    def kill(self) -> None:
        """End a process that was never attached (nothing in it to save)."""
        if self._process is not None and self._process.returncode is None:
            self._process.kill()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self, timeout: float = 5.0) -> None:
        """Ask the app to quit and wait for its process; kill it if it has not gone in `timeout` s."""
        process = self._process
        if process is None or process.returncode is not None:
            return
        await self.send_meta({"type": "quit"})
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            log.warning("进程 %s 未按要求退出，已强制结束", process.pid)
            process.kill()
            await process.wait()


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value or default)))
    except ValueError:
        return default


class PlansServer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sessions: set[Session] = set()  # counted against --max-sessions
        self.processes: set[Session] = set()  # every app process not yet reaped
        self.reserved = 0  # slots taken by sessions still starting
        self.pending: dict[str, Session] = {}  # launched for a page, waiting for its websocket
        self.sockets: set[web.WebSocketResponse] = set()
        self.downloads = DownloadManager()
        self.port = 0
        self.warming: asyncio.subprocess.Process | None = None
        self.freed = asyncio.Event()  # set whenever a session gives its slot back
        self.templates = jinja2.Environment(loader=jinja2.FileSystemLoader(PAGE_DIR),
                                            autoescape=True, undefined=jinja2.StrictUndefined)

    # -- the application -----------------------------------------------------------------------
    def make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes([
            web.get("/", self.handle_index),
            web.get("/ws", self.handle_websocket),
            web.get("/ws/{ticket}", self.handle_websocket),
            web.get("/download/{key}", self.handle_download),
            web.get("/favicon.ico", self.handle_favicon),
            web.static("/static/plans", PAGE_DIR / "static"),
            web.static("/static/ts", TS_STATIC),
        ])
        app.on_response_prepare.append(self._headers)
        app.on_startup.append(self._warm)
        app.on_shutdown.append(self._on_shutdown)
        return app

    async def _warm(self, app: web.Application) -> None:
        """Build the shared caches in the background (a low-priority process; sessions never wait)."""
        env = {**os.environ, "PLANS_CACHE_DIR": str(self.settings.state_dir / "cache")}
        env.pop(TOKEN_ENV, None)
        try:
            self.warming = await asyncio.create_subprocess_exec(
                self.settings.python, "-m", "tui.serve.warm", str(self.settings.data), env=env,
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL)
        except OSError as exc:
            log.warning("缓存预热未能启动：%s", exc)

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        if response.content_type == "text/html":
            # the page may load its own assets and talk to its own server; nothing else
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'")

    @property
    def full(self) -> bool:
        return len(self.sessions) + self.reserved + len(self.pending) >= self.settings.max_sessions

    async def _room(self) -> bool:
        """Is there a free slot, waiting up to `GRACE` s for one? A reloaded tab's old session ends
        just after its new page is requested: it should find its own slot, not 会话已满."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + GRACE
        while self.full:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            self.freed.clear()
            try:
                await asyncio.wait_for(self.freed.wait(), remaining)
            except TimeoutError:
                return not self.full
        return True

    def _secure(self, request: web.Request) -> bool:
        return request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"

    def _page(self, name: str, status: int = 200, **context: object) -> web.Response:
        html = self.templates.get_template(name).render(title=PAGE_TITLE, **context)
        return web.Response(text=html, status=status, content_type="text/html", charset="utf-8",
                            headers={"Cache-Control": "no-store"})

    def _refusal(self, request: web.Request) -> str | None:
        """Why this request may not reach the app (a Chinese sentence), or None."""
        access = self.settings.access
        if not access.host_ok(request.host):
            return LOOPBACK_MESSAGE.format(port=self.port)
        if not access.token_ok(request.query.get("token"), request.cookies.get(TOKEN_COOKIE)):
            return FORBIDDEN_MESSAGE
        return None

    # -- handlers --------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        refusal = self._refusal(request)
        if refusal:
            return self._page("message.html", status=403, heading="无法打开", message=refusal)
        access = self.settings.access
        if access.needs_token and "token" in request.query:
            # keep the token out of the address bar and history: a cookie carries it from now on
            rest = {k: v for k, v in request.query.items() if k != "token"}
            response: web.StreamResponse = web.HTTPFound("./" + ("?" + urlencode(rest) if rest else ""))
            response.set_cookie(TOKEN_COOKIE, access.token or "", httponly=True, samesite="Strict",
                                secure=self._secure(request), path="/")
            return response
        if not await self._room():
            return self._page("message.html", status=503, heading="会话已满",
                              message=FULL_MESSAGE.format(n=self.settings.max_sessions))
        font_size = _int(request.query.get("fontsize"), 16, 8, 40)
        client = request.cookies.get(CLIENT_COOKIE)
        client_id = str(client) if valid_client_id(client) else new_client_id()
        ticket = await self._prelaunch(client_id) if request.method == "GET" else ""  # not for HEAD
        response = self._page("index.html", font_size=font_size, ticket=ticket)
        if client_id != client:
            response.set_cookie(CLIENT_COOKIE, client_id, httponly=True, samesite="Strict",
                                secure=self._secure(request), path="/", max_age=COOKIE_YEAR)
        return response

    def _new_session(self, client_id: str) -> Session:
        state, config = client_dirs(self.settings.state_dir, client_id)
        env = {"PLANS_STATE_DIR": str(state), "PLANS_CONFIG_DIR": str(config),
               "PLANS_CACHE_DIR": str(self.settings.state_dir / "cache")}
        session = Session(self.settings.command(), env, client_id, self.downloads)
        self.processes.add(session)
        return session

    async def _prelaunch(self, client_id: str) -> str:
        """Start the tab's app now, while the browser loads the page (the app's start-up is most of
        the wait); its websocket claims it with the ticket. Unclaimed, it ends after PENDING_TTL s."""
        ticket = secrets.token_urlsafe(16)
        session = self._new_session(client_id)
        self.pending[ticket] = session  # takes the slot now, before any await
        try:
            await session.launch()
        except OSError as exc:
            log.warning("会话进程未能启动：%s", exc)
            self.pending.pop(ticket, None)
            self.processes.discard(session)
            self.freed.set()
            return ""
        asyncio.get_running_loop().call_later(PENDING_TTL, self._expire, ticket)
        return ticket

    def _expire(self, ticket: str) -> None:
        session = self.pending.pop(ticket, None)
        if session is None:
            return
        session.kill()
        self.freed.set()
        task = asyncio.ensure_future(session.end())
        task.add_done_callback(lambda _t: self.processes.discard(session))

    async def handle_favicon(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(PAGE_DIR / "static" / "favicon.png", headers={"Content-Type": "image/png"})

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        access = self.settings.access
        if not access.host_ok(request.host) or not access.token_ok(request.cookies.get(TOKEN_COOKIE)):
            raise web.HTTPForbidden(text=FORBIDDEN_MESSAGE)
        if not access.origin_ok(request.headers.get("Origin"), request.host,
                                request.headers.get("X-Forwarded-Host")):
            raise web.HTTPForbidden(text=ORIGIN_MESSAGE)
        websocket = web.WebSocketResponse(heartbeat=15)
        client = request.cookies.get(CLIENT_COOKIE)
        ticket = request.match_info.get("ticket", "")
        session = self.pending.get(ticket) if ticket else None
        # the ticket is this page's; a browser that keeps no cookies may still claim it, another may not
        if session is not None and client in (None, session.client_id):
            del self.pending[ticket]
            self.reserved += 1  # the page's slot passes to this websocket
        elif not await self._room():
            await websocket.prepare(request)
            await websocket.send_str(json.dumps(["plans_full", FULL_MESSAGE.format(n=self.settings.max_sessions)]))
            await websocket.close()
            return websocket
        else:
            session = None
            self.reserved += 1  # taken with no await since `_room`: two tabs racing for the last slot get one
        throwaway = session is None and not valid_client_id(client)  # not a browser of ours: a one-off directory
        client_id = session.client_id if session is not None else (str(client) if not throwaway else new_client_id())
        started = False
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            if session is None:
                session = self._new_session(client_id)
                await session.launch()
            await session.attach(websocket, _int(request.query.get("width"), 80, 20, 500),
                                 _int(request.query.get("height"), 24, 8, 300))
            self.sessions.add(session)
            self.reserved -= 1
            started = True
            log.info("会话 %s 开始（进程 %s，在线 %d 个）", session.app_service_id[:8], session.pid,
                     len(self.sessions))
            await self._relay(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.warning("会话异常结束：%s: %s", type(error).__name__, error)
        finally:
            if started and session is not None:
                self.sessions.discard(session)
            else:
                self.reserved -= 1
            self.freed.set()  # the slot is free now (the process may take a moment more to exit)
            self.sockets.discard(websocket)
            if session is not None:
                try:
                    await session.stop()
                finally:
                    await session.end()
                    self.processes.discard(session)
            if throwaway:
                shutil.rmtree(self.settings.state_dir / "clients" / client_id, ignore_errors=True)
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, session: Session) -> None:
        """Browser → app: keys, resizes, focus; `ping` answered here."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await session.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await session.set_terminal_size(_int(str(data.get("width")), 80, 20, 500),
                                                _int(str(data.get("height")), 24, 8, 300))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await session.blur()
            elif kind == "focus":
                await session.focus()

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        if self._refusal(request):
            raise web.HTTPForbidden(text=FORBIDDEN_MESSAGE)
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="没有这个下载（链接只能用一次）") from None
        response = web.StreamResponse()
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        name = meta.file_name
        ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
        response.headers["Content-Type"] = content_type
        response.headers["Content-Disposition"] = (
            f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}")
        response.headers["Cache-Control"] = "no-store"
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def _on_shutdown(self, app: web.Application) -> None:
        if self.warming is not None and self.warming.returncode is None:
            self.warming.kill()
            await self.warming.wait()
        for websocket in list(self.sockets):
            await websocket.close()
        for ticket in list(self.pending):
            self._expire(ticket)
        # every app process ends with the server (none is left running on its own)
        await asyncio.gather(*(session.end() for session in list(self.processes)), return_exceptions=True)


async def run_server(server: PlansServer, host: str, port: int,
                     started: Callable[[int], None]) -> None:
    """Serve until SIGINT/SIGTERM; `started(port)` is called once listening (port 0 = any free one)."""
    runner = web.AppRunner(server.make_app(), handle_signals=False, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = runner.addresses[0]
        server.port = int(bound[1])
        started(server.port)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError):
                pass
        await stop.wait()
    finally:
        await runner.cleanup()


def environment_token() -> str | None:
    return os.environ.get(TOKEN_ENV) or None
