"""The store's SQLite connection: plain ``sqlite3`` for reads, sqlite-utils when needed.

Opening a store and painting the first screen only reads. Importing sqlite-utils
costs about 60 ms (it loads click, dateutil and pluggy), a fifth of the window's
start-up, so :class:`Db` runs a ``SELECT`` on the connection itself and hands
everything else to a ``sqlite_utils.Database`` on the same connection
(:attr:`Db.utils`), made the first time something writes.

:class:`Sql` is what the query modules need from a connection; both :class:`Db` and a
``sqlite_utils.Database`` have it.
Threading: like the connection, a Db belongs to the thread that opened it.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.abc
import re
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType, ModuleType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

    from sqlite_utils import Database

__all__ = ["Db", "Sql"]


class _NoPandasForSqliteUtils(importlib.abc.MetaPathFinder):
    """Refuses pandas and numpy to ``sqlite_utils.db``'s own import, nobody else.

    sqlite-utils imports both when they are installed (OR-Tools brings pandas), only to
    map their value types to column types; the store never hands it either. Loading
    them was about half the CPU of ``fieldapp sync`` run from the command line (pandas
    and numpy, some 0.3-0.6 s) and of the app's warm-up on its worker. Only an import
    made by that module's body is refused (it catches the ImportError and goes on
    without them); the map still imports numpy, and a module that has pandas or numpy
    loaded already is not asked.
    """

    _REFUSED = ("pandas", "numpy")

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname in self._REFUSED and _importing_module("sqlite_utils.db"):
            raise ModuleNotFoundError(f"{fullname} is not for sqlite-utils here", name=fullname)
        return None


def _importing_module(name: str) -> bool:
    """Whether the module ``name``'s body is running on this thread's stack."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals.get("__name__") == name:
            return True
        frame = frame.f_back
    return False


if not any(isinstance(f, _NoPandasForSqliteUtils) for f in sys.meta_path):
    sys.meta_path.insert(0, _NoPandasForSqliteUtils())


class Sql(Protocol):
    """A connection that runs SQL (a :class:`Db` or a ``sqlite_utils.Database``)."""

    conn: sqlite3.Connection

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor: ...

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]: ...


_READ = re.compile(r"\s*(SELECT|WITH)\b", re.IGNORECASE)
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)
_SQLITE_READONLY = 8


def _is_read_only_error(exc: sqlite3.OperationalError) -> bool:
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) == _SQLITE_READONLY


def _path_of(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else ""


def _is_select(sql: str) -> bool:
    """A ``SELECT`` or ``WITH … SELECT``: Python's sqlite3 opens no transaction for it
    (it does for INSERT, UPDATE, DELETE and REPLACE), so sqlite-utils would only run it."""
    return _READ.match(sql) is not None


class Db:
    """An open SQLite connection, with sqlite-utils' ``execute`` and ``query`` rules.

    A ``SELECT`` (or ``WITH``) runs on the connection itself: for a statement that
    reads, that is what sqlite-utils does too (it neither opens nor commits a
    transaction). Every other statement goes to sqlite-utils (:attr:`utils`), which
    commits a write made outside a transaction and rolls back a failed one.
    """

    def __init__(self, conn: sqlite3.Connection, *, read_only: str | None = None) -> None:
        self.conn = conn
        #: Why this connection may only read (``file_read_only``, ``folder_read_only``).
        self.read_only = read_only

    @classmethod
    def connect(cls, path: str) -> Db:
        """Open ``path`` (``":memory:"`` for a private in-memory database)."""
        return cls(sqlite3.connect(path))

    @classmethod
    def connect_read_only(cls, path: Path, reason: str) -> Db:
        """Open ``path`` for reading only (SQLite ``mode=ro``). In a folder this user
        cannot write, SQLite cannot make the WAL's shared-memory file: the file is then
        opened ``immutable`` (nobody here can change it anyway)."""
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            conn = sqlite3.connect(uri + "&immutable=1", uri=True)
        return cls(conn, read_only=reason)

    def _refuse_write(self) -> None:
        from ..errors import StoreReadOnly

        raise StoreReadOnly(self.read_only or "file_read_only", _path_of(self.conn))

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        if not _is_select(sql):
            if self.read_only and _WRITE.match(sql):
                self._refuse_write()
            try:
                return self.utils.execute(sql, parameters)
            except sqlite3.OperationalError as exc:
                if _is_read_only_error(exc):
                    self._refuse_write()
                raise
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
        """Rows of ``sql`` as dicts, column name → value (sqlite-utils' ``query``)."""
        if not _is_select(sql):
            return self.utils.query(sql, params)
        cursor = self.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() can only be used with SQL that returns rows")
        keys = [d[0] for d in cursor.description]
        if len(set(keys)) != len(keys):
            from sqlite_utils.utils import dedupe_keys

            keys = dedupe_keys(keys)
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def table_names(self) -> list[str]:
        return self.utils.table_names()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Db]:
        """One transaction; nested blocks are savepoints (sqlite-utils' ``atomic``).

        The outermost block begins ``IMMEDIATE``: it takes the write lock first, waiting
        (busy timeout) while another process writes. A deferred transaction that read
        first could not take the lock once the other writer committed (its snapshot is
        stale) and would fail at once with "database is locked".
        """
        if self.conn.in_transaction:
            with self.utils.atomic():  # a savepoint
                yield self
            return
        if self.read_only:
            self._refuse_write()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _is_read_only_error(exc):
                self._refuse_write()
            raise
        try:
            yield self
        except BaseException:
            # A no-op if the error already ended the transaction: the error propagates.
            self.conn.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.rollback()
            raise

    @functools.cached_property
    def utils(self) -> Database:
        """sqlite-utils on this connection, loaded on first use (no plugins: the store
        uses none, and finding them reads every installed package's metadata)."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    def close(self) -> None:
        self.conn.close()
