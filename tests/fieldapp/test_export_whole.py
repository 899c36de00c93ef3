"""Export files are whole or not at all, on the device (``python -m fieldapp export``).

A full disk (a real, tiny tmpfs; an injected write failure through ``RLIMIT_FSIZE`` where
no tmpfs can be mounted) makes the export fail with a non-zero exit and one line, and
leaves the previous good workbook or CSV files exactly as they were; the export's
temporary files live beside the target (never in the system temp folder, where they
would outlive a kill with mobile numbers in them) and are gone after a failure.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter.workbook

from fieldapp.cli import EXIT_OK, EXIT_USAGE, main
from fieldapp.exchange.export import ExportError, export_csv, export_xlsx
from fieldapp.exchange.from_store import StoreSource
from fieldapp.store import Store


def _fill(store: Store, county_id: str, rep_id: str, shops: int) -> None:
    with store.transaction():
        for i in range(shops):
            store.shops.create(
                code=f"HN-{i:05d}",
                name=f"鑫旺便利店 {i} 号",
                channel="convenience",
                county_id=county_id,
                rep_id=rep_id,
                notes="老板说下周补货，手机 13800138000 " * 3,
            )


@pytest.fixture
def db(file_world: Any) -> Path:
    """A store file with a few hundred shops (a workbook of some tens of KiB)."""
    _fill(file_world.store, file_world.county_id, file_world.rep_id, 300)
    file_world.store.close()
    return Path(file_world.store.path)


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


#: The book's zip file is closed by the failing export itself: left to the garbage
#: collector, its close writes into the full disk again and fails where nobody hears it.
_NOTHING_UNHEARD = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")


def _open_under(folder: Path) -> list[str]:
    """The files under ``folder`` this process holds open (Linux's /proc)."""
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith(str(folder)):
                found.append(target)
    return found


@_NOTHING_UNHEARD
def test_xlsx_export_to_a_full_disk_fails_and_keeps_the_previous_workbook(
    db: Path, small_disk: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = small_disk(1024 * 1024)
    target = disk / "shops.xlsx"
    code, _, err = _cli(["--db", str(db), "export", "--xlsx", str(target)], capsys)
    assert code == EXIT_OK, err
    good = target.read_bytes()
    assert len(good) > 16 * 1024
    small_disk.fill(disk, leave=8 * 1024)  # room for a part of the workbook only
    code, out, err = _cli(["--db", str(db), "export", "--xlsx", str(target)], capsys)
    assert code == EXIT_USAGE, out
    assert "exported" not in out
    assert err.startswith("fieldapp: error: cannot write") and len(err.splitlines()) == 1
    assert target.read_bytes() == good  # the previous workbook, untouched
    assert _names(disk) == ["filler", "shops.xlsx"]  # no temporary files left
    openpyxl.load_workbook(target, read_only=True).close()


def test_csv_export_to_a_full_disk_fails_and_keeps_the_previous_files(
    db: Path, small_disk: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = small_disk(1024 * 1024)
    target = disk / "csv"
    code, _, err = _cli(["--db", str(db), "export", "--csv", str(target)], capsys)
    assert code == EXIT_OK, err
    good = {p.name: p.read_bytes() for p in target.iterdir()}
    assert len(good["shops.csv"]) > 16 * 1024
    small_disk.fill(disk, leave=8 * 1024)
    code, out, err = _cli(["--db", str(db), "export", "--csv", str(target)], capsys)
    assert code == EXIT_USAGE, out
    assert err.startswith("fieldapp: error: cannot write") and len(err.splitlines()) == 1
    assert {p.name: p.read_bytes() for p in target.iterdir()} == good
    assert _names(disk) == ["csv", "filler"]


class _DiskFullZip(zipfile.ZipFile):
    """The zip file xlsxwriter packs the workbook into, on a disk that fills up after the
    first part: writing the second part fails with ENOSPC (what ``wb.close()`` meets)."""

    parts = 0

    def write(self, *args: Any, **kwargs: Any) -> None:
        type(self).parts += 1
        if type(self).parts > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        super().write(*args, **kwargs)


def test_an_injected_write_failure_while_packing_fails_the_cli_and_keeps_the_old_workbook(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no tmpfs can be mounted this still holds the promise: the error of
    ``wb.close()`` reaches the person and the previous workbook stays."""
    target = tmp_path / "shops.xlsx"
    code, _, err = _cli(["--db", str(db), "export", "--xlsx", str(target)], capsys)
    assert code == EXIT_OK, err
    good = target.read_bytes()
    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile", _DiskFullZip)
    code, out, err = _cli(["--db", str(db), "export", "--xlsx", str(target)], capsys)
    assert _DiskFullZip.parts > 1
    assert code == EXIT_USAGE, out
    assert "exported" not in out
    assert err.startswith("fieldapp: error: cannot write") and "No space left" in err
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir() if "xlsx" in p.name) == ["shops.xlsx"]


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder, as far as this process sees it: an empty one of our own."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_temporary_files_live_beside_the_target_and_go_on_failure(
    file_world: Any, tmp_path: Path, own_tmp: Path
) -> None:
    store = file_world.store
    _fill(store, file_world.county_id, file_world.rep_id, 20)
    out = tmp_path / "out"
    out.mkdir()
    seen: dict[str, list[str]] = {}

    class Stop(Exception):
        pass

    def look(done: int, total: int, sheet: str) -> None:
        if sheet == "shops":
            seen["system"] = [str(p) for p in own_tmp.rglob("*")]
            seen["beside"] = [str(p.relative_to(out)) for p in out.rglob("*")]
            raise Stop

    for write, target in ((export_xlsx, out / "a.xlsx"), (export_csv, out / "csv")):
        seen.clear()
        with pytest.raises(Stop):
            write(StoreSource(store), target, progress=look)
        assert seen["system"] == [], write  # nothing in the system temp folder …
        assert seen["beside"], write  # … the work happens beside the target
        assert all(p.startswith(f".{target.name}.") for p in seen["beside"]), seen
        assert list(out.iterdir()) == [], write  # and is gone after the failure
    assert list(own_tmp.iterdir()) == []


def test_leftovers_of_a_killed_export_are_removed_by_the_next_one(
    file_world: Any, tmp_path: Path, own_tmp: Path
) -> None:
    store = file_world.store
    _fill(store, file_world.county_id, file_world.rep_id, 5)
    target = tmp_path / "a.xlsx"
    old = tmp_path / ".a.xlsx.0123abcd.part"  # what a kill -9 mid-export leaves
    old.mkdir()
    (old / "tmpx1y2z3").write_text("13800138000")
    fresh = tmp_path / ".a.xlsx.4567cdef.part"  # another export running right now
    fresh.mkdir()
    day_ago = time.time() - 86400
    os.utime(old, (day_ago, day_ago))
    export_xlsx(StoreSource(store), target)
    assert not old.exists()  # a day old: its export is long dead
    assert fresh.exists()  # maybe still running: left alone
    assert target.exists()


@_NOTHING_UNHEARD
def test_an_export_error_names_the_target(file_world: Any, small_disk: Any) -> None:
    disk = small_disk(64 * 1024)
    small_disk.fill(disk, leave=0)
    store = file_world.store
    _fill(store, file_world.county_id, file_world.rep_id, 50)
    with pytest.raises(ExportError) as caught:
        export_xlsx(StoreSource(store), disk / "x.xlsx")
    assert caught.value.code == "unwritable" and str(disk) in caught.value.detail
    assert _names(disk) == ["filler"]
    if Path("/proc/self/fd").is_dir():
        # While the error is still held (by the caller that shows it), no file of the
        # failed export is open: Windows could not have removed the work folder.
        assert _open_under(disk) == []
