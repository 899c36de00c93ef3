"""Is the store file whole, and can it be written? Words for SQLite's failures.

``Store.open`` asks :func:`header_kind` before SQLite opens a file (a file that does not
start like an SQLite database is "not a store"; one that does, or a truncated piece of
one, is "damaged" when SQLite then fails on it), runs :func:`quick_check` on it, and
turns SQLite's errors into :class:`~fieldapp.errors.StoreDamaged` /
:class:`~fieldapp.errors.StoreReadOnly` with :func:`store_error`. The UI uses
:func:`is_damage` on a query that fails later in a session.
Threading: any thread (functions of their arguments).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal

from ..errors import StoreDamaged, StoreError, StoreReadOnly

__all__ = ["HeaderKind", "header_kind", "is_damage", "is_read_only", "quick_check", "store_error"]

SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite's primary result codes (the low byte of an extended code).
SQLITE_READONLY = 8
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26

HeaderKind = Literal["missing", "empty", "sqlite", "truncated", "other"]


def header_kind(path: Path) -> HeaderKind:
    """What the first bytes of ``path`` say: an SQLite database, a piece of one cut off
    inside its 100-byte header (``truncated``), an empty file, or something else."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        return "missing"
    if not head:
        return "empty"
    if len(head) < 100:
        return "truncated" if SQLITE_MAGIC.startswith(head[:16]) else "other"
    return "sqlite" if head.startswith(SQLITE_MAGIC) else "other"


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite saying the file is damaged ("database disk image is
    malformed", "file is not a database" on a file that was one)."""
    if isinstance(exc, StoreDamaged):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = _primary_code(exc)
    if code is not None:
        return code in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def is_read_only(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite refusing a write to a file it may only read."""
    if isinstance(exc, StoreReadOnly):
        return True
    return isinstance(exc, sqlite3.DatabaseError) and _primary_code(exc) == SQLITE_READONLY


def quick_check(conn: sqlite3.Connection, *, limit: int = 20) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` (pages, records and structure, not the index
    contents): ``["ok"]`` for a whole file, else up to ``limit`` problems (SQLite's error
    when the damage stops the check itself)."""
    try:
        return [str(row[0]) for row in conn.execute(f"PRAGMA quick_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return [str(exc)]


def store_error(exc: sqlite3.DatabaseError, path: str, kind: HeaderKind) -> StoreError:
    """The store error for SQLite failing on the file at ``path`` while opening it."""
    if is_damage(exc) or kind == "truncated":
        if kind in ("sqlite", "truncated"):
            return StoreDamaged(path, [str(exc)])
        return StoreError("not_a_store", f"{path}: {exc}")
    if kind == "other":
        return StoreError("not_a_store", f"{path}: {exc}")
    return StoreError("cannot_open", f"{path}: {exc}")
