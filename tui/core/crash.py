"""What an unexpected error leaves behind: a report file and one line for the terminal.

When the browser or a command fails in a way nobody foresaw, the user gets ONE line naming what
failed and where (``KeyError: 0 (widgets/bookmarks.py:57 in _move_page)``) and where the full
report was written; the report (in the state dir, see `tui.core.locations.crash_dir`) holds the
traceback WITHOUT local variables (a frame's locals can be the whole corpus: tens of megabytes of
plan text), each line cut short, the middle of a very long traceback left out.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sys
import traceback
from pathlib import Path

from tui.core import locations
from tui.core.safetext import visible

KEEP = 20  # reports kept; older ones are removed
LINE_MAX = 1000  # characters per report line
LINES_MAX = 2000  # report lines (the first and last halves are kept)
MESSAGE_MAX = 160  # characters of the exception's message on the terminal line


def where(exc: BaseException) -> str:
    """``widgets/bookmarks.py:57 in _move_page``: the innermost frame in the project's own code
    (not an installed library's), else the innermost frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    chosen = frames[-1]
    root = str(locations.ROOT) + os.sep
    for frame in reversed(frames):
        if frame.filename.startswith(root) and "site-packages" not in frame.filename:
            chosen = frame
            break
    name = chosen.filename
    if name.startswith(root):
        name = name[len(root):]
    elif "site-packages" + os.sep in name:
        name = name.split("site-packages" + os.sep, 1)[1]
    return f"{name}:{chosen.lineno} in {chosen.name}"


def summary(exc: BaseException) -> str:
    """``KeyError: 0``: the error's type and message on one line, cut short, controls made visible."""
    try:
        message = " ".join(str(exc).split())
    except Exception:
        message = ""
    if len(message) > MESSAGE_MAX:
        message = message[: MESSAGE_MAX - 1] + "…"
    name = type(exc).__name__
    return visible(f"{name}: {message}" if message else name)


def report_text(exc: BaseException, context: str = "") -> str:
    """The report: versions, the command, and the traceback without locals, bounded in size."""
    head = [
        "plans crash report",
        f"time: {_dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"command: {' '.join(sys.argv)}" + (f" ({context})" if context else ""),
        f"python: {platform.python_version()} ({platform.platform()})",
        f"packages: {_versions()}",
        f"TERM={os.environ.get('TERM', '')} LANG={os.environ.get('LANG', '')} LC_ALL={os.environ.get('LC_ALL', '')}",
        "",
    ]
    body: list[str] = []
    for chunk in traceback.format_exception(type(exc), exc, exc.__traceback__):
        for line in chunk.rstrip("\n").split("\n"):
            body.append(line if len(line) <= LINE_MAX else line[: LINE_MAX - 1] + "…")
    if len(body) > LINES_MAX:
        half = LINES_MAX // 2
        body = [*body[:half], f"… {len(body) - 2 * half} lines left out …", *body[-half:]]
    return "\n".join(head + body) + "\n"


def _versions() -> str:
    from importlib import metadata

    out = []
    for name in ("plans", "textual", "rich", "pyyaml"):
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(out)


def write_report(exc: BaseException, context: str = "") -> tuple[Path | None, str]:
    """Write the report for exc; (its path, "") or (None, why it could not be written)."""
    folder = locations.crash_dir()
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    try:
        locations.atomic_write(path, report_text(exc, context), sync=False)
    except OSError as error:
        return None, error.strerror or str(error)
    _prune(folder)
    return path, ""


def _prune(folder: Path) -> None:
    try:
        reports = sorted(folder.glob("crash-*.txt"), key=lambda p: p.stat().st_mtime)
        for old in reports[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def line(exc: BaseException, prog: str = "plans", context: str = "", *, chinese: bool = True) -> str:
    """Write the report and return the one line for the terminal (Chinese for the browser's
    users; English beside the command line's other messages)."""
    path, why = write_report(exc, context)
    at = where(exc)
    if chinese:
        said = f"{prog}：意外错误，已退出：{summary(exc)}" + (f"（{at}）" if at else "")
        return f"{said}。完整报告：{path}" if path is not None else f"{said}。无法写入报告：{why}"
    said = f"{prog}: internal error: {summary(exc)}" + (f" ({at})" if at else "")
    return f"{said}; full report: {path}" if path is not None else f"{said}; no report written: {why}"
