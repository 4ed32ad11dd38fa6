"""Every path the app reads or writes, in one place."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

APP = "plans"
ROOT = Path(__file__).resolve().parents[2]  # the project checkout (editable install)
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
DEFAULT_DATA = DATA_DIR / "plans.yaml"
CATALOG = DATA_DIR / "indicators.yaml"


def _dirs():
    from platformdirs import PlatformDirs

    return PlatformDirs(APP, appauthor=False)


def config_dir() -> Path:
    override = os.environ.get("PLANS_CONFIG_DIR")
    return Path(override) if override else Path(_dirs().user_config_dir)


def state_dir() -> Path:
    override = os.environ.get("PLANS_STATE_DIR")
    return Path(override) if override else Path(_dirs().user_state_dir)


def cache_dir() -> Path:
    override = os.environ.get("PLANS_CACHE_DIR")
    return Path(override) if override else Path(_dirs().user_cache_dir)


def data_dir() -> Path:
    """Where `plans add` keeps the user's own plans (never inside the package)."""
    override = os.environ.get("PLANS_DATA_DIR")
    return Path(override) if override else Path(_dirs().user_data_dir)


def config_file() -> Path:
    return config_dir() / "config.yaml"


def keymap_file() -> Path:
    return config_dir() / "keymap.yaml"


def bookmarks_file() -> Path:
    return state_dir() / "bookmarks.yaml"


def search_history_file() -> Path:
    """Recent search queries and where each search list was left (`tui.core.search_history`)."""
    return state_dir() / "search-history.yaml"


def crash_dir() -> Path:
    """Where a report of an unexpected error is written (`tui.core.crash`)."""
    return state_dir() / "crashes"


def atomic_write(path: Path, data: str | bytes, *, sync: bool = True) -> None:
    """Write text (UTF-8) or bytes to path via a temporary file and rename, so a crash never leaves
    half a file. `sync=False` skips the fsync, for caches that are only ever a speed-up."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    blob = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as fh:
            fh.write(blob)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    clean_stale_tmp(path.parent)


# `.NAME.<pid>.tmp`: what `atomic_write` writes before its rename
_TMP = re.compile(r"^\..+\.(\d+)\.tmp$")
STALE_AGE = 3600.0  # seconds: a temporary file this old is left over whatever its pid


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, owned by someone else
        return True
    return True


def clean_stale_tmp(directory: Path) -> list[Path]:
    """Remove the temporary files `atomic_write` left in directory when a writer was killed (kill -9,
    power loss): those whose process is gone, or older than `STALE_AGE`. A live writer's file (its
    pid runs, the file is young) is left alone. Returns what was removed; errors are ignored (this is
    housekeeping, never a reason for a write to fail)."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP.match(entry.name)
        if m is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AGE
            pid = int(m.group(1))
            if not old and (pid == os.getpid() or _alive(pid)):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    return removed
