"""Every path the app reads or writes, in one place."""

from __future__ import annotations

import os
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
