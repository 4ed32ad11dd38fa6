"""Reading the project's text and YAML files with one-line errors (no UI imports).

Every reader of a user-editable file (the plans file, a source's metadata, the indicator catalog)
goes through these, so each bad file is reported the same way: ``FILE[:LINE]: what is wrong``,
raised as the caller's own exception class.
"""

from __future__ import annotations

from pathlib import Path


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


def read_bytes(path: Path, error: type[Exception], name: str | None = None) -> bytes:
    name = name or display_name(path)
    try:
        return path.read_bytes()
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


def safe_loader():
    import yaml

    try:  # libyaml's C loader is several times faster
        return yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on the PyYAML build
        return yaml.SafeLoader


def parse_yaml(text: str, name: str, error: type[Exception]) -> object:
    """The plain data of YAML text; invalid YAML is one line with the line number."""
    import yaml

    try:
        return yaml.load(text, Loader=safe_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        what = " ".join(str(exc.problem or exc.context or "").split())
        raise error(f"{name}{line}: invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise error(f"{name}: invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise error(f"{name}: invalid YAML: nested too deeply") from None
