"""Automatic local backups of the store: whole copies beside it, the last 7 kept.

A backup is made with SQLite's online backup API (a consistent copy even while the app
writes), checked with ``quick_check`` (a damaged store is never backed up: its copy
would push a good backup out of the seven), written under a temporary name and renamed,
so a file in the backup folder is always a whole store. They are taken once a day
(:func:`daily_backup`, when the app has started), before each schema migration
(``Store.open``), and on request (Settings, ``fieldapp backup``). :func:`restore` puts a
backup in the store's place and keeps the file it replaces beside it.

Layout: ``<folder>/<stem>-backups/<stem>-YYYYMMDD-HHMMSS-<reason>.db`` (UTC time), the
folder 0700 and the files 0600 (they hold the same mobile numbers as the store).
Threading: any thread; each call opens its own connections (or uses the one it is
given on the caller's thread).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from ..errors import StoreDamaged, StoreError
from .files import private_file, private_folder
from .health import quick_check

__all__ = [
    "KEEP",
    "Backup",
    "backup_folder",
    "daily_backup",
    "list_backups",
    "make_backup",
    "restore",
    "set_aside",
]

#: How many backups are kept (the oldest go first).
KEEP = 7
#: A daily backup is skipped while the newest backup is younger than this.
DAILY = timedelta(hours=20)

Reason = Literal["daily", "migration", "manual", "restore"]
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"-(\d{8}-\d{6})-(daily|migration|manual|restore)\.db$")


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, when it was taken (UTC) and why."""

    path: Path
    taken_at: datetime
    reason: str
    size: int


def backup_folder(store_path: str | Path) -> Path:
    """``<stem>-backups`` beside the store file."""
    p = Path(store_path)
    return p.with_name(p.stem + "-backups")


def list_backups(store_path: str | Path) -> list[Backup]:
    """The backups of the store at ``store_path``, newest first."""
    folder = backup_folder(store_path)
    stem = Path(store_path).stem
    found: list[Backup] = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in folder.iterdir():
            m = _NAME.search(entry.name)
            if m is None or not entry.name.startswith(stem + "-") or not entry.is_file():
                continue
            taken = datetime.strptime(m.group(1), _STAMP).replace(tzinfo=UTC)
            found.append(Backup(entry, taken, m.group(2), entry.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def make_backup(
    store_path: str | Path,
    *,
    reason: Reason = "manual",
    now: datetime | None = None,
    source: sqlite3.Connection | None = None,
    keep: int = KEEP,
    check: Callable[[], object] | None = None,
) -> Backup:
    """Copy the store into its backup folder and keep only the newest ``keep``.

    ``source`` is an open connection to the store (``Store.open`` passes its own before
    a migration); without it a read-only connection is opened. Raises
    :class:`~fieldapp.errors.StoreDamaged` (and keeps nothing) when the copy fails
    ``quick_check``, ``OSError`` when the folder cannot be written. ``check`` is called
    between steps of the copy and may raise to stop it (nothing is kept then).
    """
    store_path = Path(store_path)
    at = (now or datetime.now(UTC)).astimezone(UTC)
    folder = private_folder(backup_folder(store_path))
    name = f"{store_path.stem}-{at.strftime(_STAMP)}-{reason}.db"
    target = folder / name
    n = 1
    while target.exists():  # two in one second (tests, a migration right after a daily one)
        n += 1
        target = folder / name.replace(".db", f"-{n}.db")
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    private_file(part)
    try:
        own = source is None
        src = (
            sqlite3.connect(f"{store_path.resolve().as_uri()}?mode=ro", uri=True)
            if source is None
            else source
        )
        try:
            dst = sqlite3.connect(part)
            try:
                if check is None:
                    src.backup(dst)  # one step: one consistent snapshot
                    problems = quick_check(dst)
                else:
                    # In steps, so that it can be stopped (a change by another connection
                    # between steps starts the copy again: it is still consistent).
                    src.backup(dst, pages=4096, progress=lambda *_: check())
                    problems = _stoppable_check(dst, check)
                dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one file
            finally:
                dst.close()
        finally:
            if own:
                src.close()
        if problems != ["ok"]:
            raise StoreDamaged(str(store_path), problems)
        _fsync(part)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    prune(store_path, keep=keep)
    m = _NAME.search(target.name)
    reason_text = m.group(2) if m else reason
    return Backup(target, at.replace(microsecond=0), reason_text, target.stat().st_size)


def daily_backup(
    store_path: str | Path,
    *,
    now: datetime | None = None,
    check: Callable[[], object] | None = None,
) -> Backup | None:
    """A backup unless the newest one is younger than a day (20 h); the new one or None."""
    at = now or datetime.now(UTC)
    newest = next(iter(list_backups(store_path)), None)
    if newest is not None and at - newest.taken_at < DAILY:
        return None
    return make_backup(store_path, reason="daily", now=at, check=check)


def prune(store_path: str | Path, *, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups; return the deleted files."""
    gone = [b.path for b in list_backups(store_path)[keep:]]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def set_aside(store_path: str | Path, label: str, *, now: datetime | None = None) -> Path:
    """Rename the store file (with its ``-wal`` and ``-shm``) to
    ``<stem>.<label>-YYYYMMDD-HHMMSS<suffix>`` beside it; return the new name. The store
    must be closed. Nothing is deleted."""
    p = Path(store_path)
    at = (now or datetime.now(UTC)).astimezone(UTC)
    aside = p.with_name(f"{p.stem}.{label}-{at.strftime(_STAMP)}{p.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = p.with_name(f"{p.stem}.{label}-{at.strftime(_STAMP)}-{n}{p.suffix}")
    for extra in ("-wal", "-shm"):
        side = p.with_name(p.name + extra)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + extra))
    if p.exists():
        os.replace(p, aside)
    return aside


def restore(
    store_path: str | Path,
    backup: Backup | Path | None = None,
    *,
    now: datetime | None = None,
    label: str = "replaced",
) -> Path:
    """Put ``backup`` (default: the newest) in the store's place; return where the file it
    replaces was kept (see :func:`set_aside`). The store must be closed. The backup is
    checked first and stays in the backup folder."""
    store_path = Path(store_path)
    if backup is None:
        backup = next(iter(list_backups(store_path)), None)
        if backup is None:
            raise StoreError("no_backup", str(store_path))
    source = backup.path if isinstance(backup, Backup) else Path(backup)
    part = store_path.with_name(store_path.name + ".restoring")
    part.unlink(missing_ok=True)
    private_file(part)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
                problems = quick_check(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if problems != ["ok"]:
            raise StoreDamaged(str(source), problems)
        _fsync(part)
        aside = set_aside(store_path, label, now=now)
        os.replace(part, store_path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return aside


def _stoppable_check(conn: sqlite3.Connection, check: Callable[[], object]) -> list[str]:
    """``quick_check`` that ``check`` can stop: it is asked every few thousand steps of
    SQLite's work, and what it raises is raised here."""
    stopped: list[BaseException] = []

    def handler() -> int:
        try:
            check()
        except BaseException as exc:
            stopped.append(exc)
            return 1  # interrupts the statement
        return 0

    conn.set_progress_handler(handler, 20000)
    try:
        return quick_check(conn)
    except sqlite3.OperationalError:
        if stopped:
            raise stopped[0] from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
