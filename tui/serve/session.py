"""`python -m tui.serve.session --data FILE [--theme T]`: the app process of one served browser tab.

`plans serve` starts it when the page is requested, before the browser has connected: it loads
Textual, the app and the plans file while the page loads, then waits on stdin for the server's first
packet — the page's size in characters — and only then runs the app with Textual's web driver, so
the first frame is drawn at the size of the page. (Most of an app's start-up is that loading, so
the page and the app get ready side by side.)
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def _read_exact(fd: int, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = os.read(fd, n - len(data))  # unbuffered: the web driver reads the rest of fd 0
        if not chunk:
            return b""
        data += chunk
    return data


def read_size(fd: int = 0) -> tuple[int, int] | None:
    """The first packet on stdin (textual-serve framing: b"M", 4-byte length, JSON): a resize gives
    (width, height); a quit, end of input or anything else gives None."""
    header = _read_exact(fd, 5)
    if len(header) < 5 or header[:1] != b"M":
        return None
    try:
        meta = json.loads(_read_exact(fd, int.from_bytes(header[1:], "big")))
        if meta.get("type") == "resize":
            return max(1, int(meta["width"])), max(1, int(meta["height"]))
    except (ValueError, TypeError, KeyError, AttributeError):
        pass
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.serve.session")
    parser.add_argument("--data", required=True)
    parser.add_argument("--theme")
    args = parser.parse_args(argv)

    from tui import cmd_browse

    cmd_browse.pause_gc()
    corpus, error = cmd_browse.load(args)
    if error:
        print(f"plans serve: {error}", file=sys.stderr)
        return 2
    import tui.app  # Textual and the app, loaded while the page loads
    import tui.screens.main  # noqa: F401

    size = read_size()
    if size is None:
        return 0  # the page never connected
    os.environ["COLUMNS"], os.environ["ROWS"] = str(size[0]), str(size[1])
    return cmd_browse.start(args, corpus)


if __name__ == "__main__":
    raise SystemExit(main())
