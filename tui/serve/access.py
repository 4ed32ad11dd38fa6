"""Who may open a served session, and where a session's own files go (no web framework here).

- Listening beyond loopback needs a token: the page request carries it once (`/?token=…`), the server
  answers with an HttpOnly cookie, and the websocket upgrade and downloads are checked against that
  cookie. Comparisons are constant-time.
- Without a token (loopback only) the Host header must name a loopback address, so a web page on
  another site cannot reach the server through DNS rebinding; and a browser's websocket upgrade must
  come from the page's own origin in every mode.
- Each browser gets a random id (a cookie); its bookmarks and settings live under
  `<serve state dir>/clients/<id>/`, never in the server user's own state or the data directory.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

TOKEN_COOKIE = "plans_token"
CLIENT_COOKIE = "plans_client"
TOKEN_ENV = "PLANS_SERVE_TOKEN"
_CLIENT_ID = re.compile(r"[0-9a-f]{32}")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and `localhost`; any other name or address counts as reachable from outside."""
    host = host.strip().strip("[]").lower()
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(host_header: str) -> str:
    """The host part of a Host header (`127.0.0.1:8000` → `127.0.0.1`, `[::1]:80` → `::1`)."""
    return urlsplit("//" + host_header.strip()).hostname or ""


def new_token() -> str:
    return secrets.token_urlsafe(18)


def new_client_id() -> str:
    return secrets.token_hex(16)


def valid_client_id(value: str | None) -> bool:
    return bool(value) and _CLIENT_ID.fullmatch(value or "") is not None


@dataclass(frozen=True)
class Access:
    """The server's access rule: a token (None = loopback only, no token)."""

    token: str | None = None

    @property
    def needs_token(self) -> bool:
        return self.token is not None

    def token_ok(self, *candidates: str | None) -> bool:
        """True when no token is needed, or one of the candidates (query, cookie) is the token."""
        if self.token is None:
            return True
        want = self.token.encode()
        return any(c is not None and hmac.compare_digest(c.encode(), want) for c in candidates)

    def host_ok(self, host_header: str) -> bool:
        """Without a token only loopback names are served (DNS-rebinding guard)."""
        return self.token is not None or is_loopback(host_name(host_header))

    @staticmethod
    def origin_ok(origin: str | None, *hosts: str | None) -> bool:
        """A browser's websocket must come from a page of this server: Origin's host:port is one of
        `hosts` (the Host header, or X-Forwarded-Host behind a proxy). No Origin: not a browser."""
        if not origin:
            return True
        netloc = urlsplit(origin).netloc.lower()
        return any(h and netloc == h.strip().lower() for h in hosts)


def client_dirs(base: Path, client_id: str) -> tuple[Path, Path]:
    """(state dir, config dir) of one browser under the serve state directory."""
    if not valid_client_id(client_id):
        raise ValueError(f"not a client id: {client_id!r}")
    root = base / "clients" / client_id
    return root / "state", root / "config"
