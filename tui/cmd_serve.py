"""`plans serve`: the browser as a web page for colleagues without a terminal (textual-serve).

Every browser tab gets its own app process. It listens on 127.0.0.1 unless `--host` says otherwise;
beyond loopback an access token is required (`--token`, $PLANS_SERVE_TOKEN, or a random one printed
at start). The plans file is checked before anything listens: a bad file is one line and exit 2.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sys
from pathlib import Path

from tui.core import locations
from tui.core.i18n import said, t, t_line
from tui.serve.access import Access, is_loopback, new_token


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; anything else requires a token)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = any free port)")
    parser.add_argument("--token", help="access token (default: $PLANS_SERVE_TOKEN, or a random one when "
                                        "--host is not loopback)")
    parser.add_argument("--max-sessions", type=int, default=4, metavar="N",
                        help="browser tabs served at once (default 4); each is one app process")
    parser.add_argument("--state-dir", metavar=t("DIR"),
                        help="where served sessions keep bookmarks and settings (default: <state dir>/serve)")
    parser.add_argument("--theme", help="theme for every session (default: each browser's own choice)")


def _fail(message: str) -> int:
    print(said("plans serve", t_line(message)), file=sys.stderr)
    return 2


def _banner(host: str, port: int, access: Access, generated: bool, state_dir: Path, max_sessions: int) -> None:
    shown = host
    if host in ("0.0.0.0", "::", ""):
        shown = socket.gethostname()
    if ":" in shown:
        shown = f"[{shown}]"
    url = f"http://{shown}:{port}/"
    lines = ["plans serve：科技创新规划浏览器（网页版）", f"  地址      {url}"]
    if access.token is not None:
        lines.append(f"  打开链接  {url}?token={access.token}")
        lines.append("  口令      " + ("本次随机生成（用 --token 或 $PLANS_SERVE_TOKEN 固定）" if generated
                                     else "已设定"))
    else:
        lines.append("  口令      无（只接受本机访问）")
    lines.append(f"  会话上限  {max_sessions} 个（每个浏览器标签页一个进程）")
    lines.append(f"  会话目录  {state_dir}")
    lines.append("按 Ctrl+C 停止")
    print("\n".join(lines), flush=True)


def run(args: argparse.Namespace) -> int:
    from tui.cmd_browse import load
    from tui.serve.server import PlansServer, Settings, environment_token, run_server

    if not 1 <= args.max_sessions <= 1000:
        return _fail(f"--max-sessions {args.max_sessions}: must be between 1 and 1000")
    if not 0 <= args.port <= 65535:
        return _fail(f"--port {args.port}: must be between 0 and 65535")
    token = args.token if args.token is not None else environment_token()
    if token is not None and (len(token) < 8 or not token.isascii() or not token.isprintable() or " " in token):
        return _fail("--token: use at least 8 printable ASCII characters without spaces")
    generated = False
    if token is None and not is_loopback(args.host):
        token, generated = new_token(), True
    state_dir = Path(args.state_dir).expanduser() if args.state_dir else locations.state_dir() / "serve"
    data = Path(getattr(args, "data", None) or locations.DEFAULT_DATA).expanduser().resolve()
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _fail(f"{state_dir}: cannot create the session directory: {exc.strerror}")
    # sessions share one cache (under the serve directory); checking the file here warms it
    os.environ["PLANS_CACHE_DIR"] = str(state_dir.resolve() / "cache")
    corpus, error = load(argparse.Namespace(data=str(data)))
    if error:
        return _fail(error)
    del corpus  # each session loads its own copy; the server only checked the file
    settings = Settings(data=data, state_dir=state_dir.resolve(), access=Access(token),
                        max_sessions=args.max_sessions, theme=args.theme)
    logging.basicConfig(level=logging.INFO, format="plans serve: %(message)s", stream=sys.stderr)
    logging.getLogger("aiohttp").setLevel(logging.WARNING)
    server = PlansServer(settings)

    def started(port: int) -> None:
        _banner(args.host, port, settings.access, generated, settings.state_dir, args.max_sessions)

    try:
        asyncio.run(run_server(server, args.host, args.port, started))
    except OSError as exc:
        return _fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    return 0
