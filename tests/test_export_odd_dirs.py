"""Export into a directory that exists but takes no new files (/proc, a pseudo file system): the
reason is said as such, never "目录不存在" (issue 11: messages must be correct)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tui.core import locations
from tui.core.export import ExportError, View, write_exports


def _view() -> View:
    return View("t", ["指标", "值"], [["a", 1.0]], numeric=[False, True])


def test_a_directory_that_takes_no_files_is_not_called_missing(tmp_path, monkeypatch):
    def refuse(path: Path, text: str) -> None:  # as /proc answers a new file: ENOENT, the directory there
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))

    monkeypatch.setattr(locations, "atomic_write", refuse)
    with pytest.raises(ExportError) as err:
        write_exports(_view(), [tmp_path / "a.csv"])
    assert "目录不存在" not in str(err.value)
    assert str(err.value) == f"无法在此目录中新建文件：{tmp_path / 'a.csv'}"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="no /proc on this system")
def test_proc(tmp_path):
    with pytest.raises(ExportError) as err:
        write_exports(_view(), [Path("/proc/plans-export-test.csv")])
    assert "目录不存在" not in str(err.value) and "/proc/plans-export-test.csv" in str(err.value)
