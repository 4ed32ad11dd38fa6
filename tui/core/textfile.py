"""Reading the project's text and YAML files with one-line errors (no UI imports).

Every reader of a user-editable file (the plans file, a source's metadata, the indicator catalog)
goes through these, so each bad file is reported the same way: ``FILE[:LINE]: what is wrong``,
raised as the caller's own exception class.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


MAX_BYTES = 128 * 1024 * 1024  # a plans file of a thousand plans is about 85 MB


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def read_bytes(path: Path, error: type[Exception], name: str | None = None, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file (or a pipe) of at most `limit` bytes; anything else is one line.

    Devices (``/dev/zero``, a terminal), sockets and directories are refused before reading, and
    no more than limit + 1 bytes are ever read, so a runaway input cannot exhaust memory."""
    name = name or display_name(path)
    limit = MAX_BYTES if limit is None else limit
    try:
        with open(path, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise error(f"{name}: is a directory, not a file")
            if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
                raise error(f"{name}: not a regular file ({_kind(mode)}); give the path of a YAML file")
            if stat.S_ISREG(mode) and os.fstat(fh.fileno()).st_size > limit:
                size = os.fstat(fh.fileno()).st_size
                raise error(f"{name}: too large ({_size(size)}; at most {_size(limit)})")
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{name}: no such file") from None
    except IsADirectoryError:
        raise error(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise error(f"{name}: cannot read: permission denied") from None
    except OSError as exc:
        if path.is_dir():
            raise error(f"{name}: is a directory, not a file") from None
        raise error(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise error(f"{name}: too large (more than {_size(limit)})")
    return raw


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def decode(raw: bytes, name: str, error: type[Exception]) -> str:
    """UTF-8 text (a byte-order mark dropped); the error names the line of the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(f"{name}:{line}: not UTF-8 text (byte {exc.start}: 0x{raw[exc.start]:02x})") from None
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: Path, error: type[Exception], name: str | None = None) -> str:
    name = name or display_name(path)
    return decode(read_bytes(path, error, name), name, error)


def safe_loader() -> type:
    from tui.core.yamlc import SafeLoader

    return SafeLoader


def read_yaml(text: str, name: str, error: type[Exception]):
    """`tui.core.yamlpos.read` of text with one-line errors ``FILE:LINE: what``: invalid YAML,
    a control character (with its line), an anchor or alias (with its line and path)."""
    import yaml

    from tui.core import yamlpos

    try:
        return yamlpos.read(text)
    except yamlpos.YamlProblem as exc:
        where = f"{format_path(exc.path)}: " if exc.path else ""
        raise error(f"{name}:{exc.line}: {where}{exc.message}") from None
    except yaml.reader.ReaderError as exc:
        at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = f":{text.count(chr(10), 0, at) + 1}" if at >= 0 else ""
        what = (f"control character U+{exc.character:04X} is not allowed in YAML (in a double-quoted string "
                f"write it as \\x{exc.character:02x})" if isinstance(exc.character, int) and exc.character < 0x100
                else " ".join(str(exc.reason).split()))
        raise error(f"{name}{line}: invalid YAML: {what}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        what = " ".join(str(exc.problem or exc.context or "").split())
        raise error(f"{name}{line}: invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise error(f"{name}: invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:  # pragma: no cover - the reader does not recurse; kept for PyYAML's
        raise error(f"{name}: invalid YAML: nested too deeply") from None


def parse_yaml(text: str, name: str, error: type[Exception]) -> object:
    """The plain data of YAML text; anything wrong is one line with the line number (a value YAML
    reads as a date or number that is not one, too: these files have no schema to report it)."""
    doc = read_yaml(text, name, error)
    if doc.bad:
        path, line, bad = doc.bad[0]
        raise error(f"{name}:{line}: {format_path(path)}: {bad.text!r} is {bad.what}; quote it if it is text")
    return doc.data


def format_path(path) -> str:
    """``plans[2].nodes[5].kind`` for ("plans", 2, "nodes", 5, "kind")."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"
