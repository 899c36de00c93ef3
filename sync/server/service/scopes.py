"""The change sequence and the scope locks that keep "a cursor never skips a late commit"
without one lock for all teams (docs/sync-protocol.md "Pull: why a cursor never skips").

PostgreSQL: the change sequence is the database sequence ``change_seq`` (``nextval``
never waits and never rolls back), and each *scope* (a change-log key: a team, the
pool, a user's personal key, "" for the shared tables) has a transaction-level advisory
lock. A writer holds, until its commit, the exclusive lock of every scope it writes a
change under, taken *before* it draws the sequence numbers it writes there; a pull
holds the shared locks of the scopes it reads while it reads. So a pull waits for the
writers of its scopes that are in flight, and a writer that starts later draws numbers
above everything the pull returned. Every writer also holds the shared lock of
:data:`EVERYTHING`; an admin's push or pull (which reach every scope) and the CLI's
writes take it exclusively.

SQLite: one writer at a time (``BEGIN IMMEDIATE``), so the one-row ``sync_counter`` is
the sequence and there is nothing more to lock.

Threading: functions take a ``Connection`` in a transaction; a connection belongs to
one thread. The set of scopes a transaction holds lives in ``conn.info``, tied to the
transaction object.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .. import metrics
from ..db import READ_ONLY, change_seq, sync_counter
from . import batch

T = TypeVar("T")

#: PostgreSQL's SQLSTATE for a deadlock it broke by failing one transaction.
DEADLOCK = "40P01"

#: The pseudo-scope every writer holds shared; held exclusively it is every scope.
EVERYTHING = "*"

#: The scope key of rows with no team (shared tables, admins): "" as in ``scope_sums``.
SHARED = ""

_HELD = "fieldapp_scopes"


def scope_of(team: str | None) -> str:
    """The scope key of a change-log ``team_id``."""
    return team or SHARED


def lock_id(key: str) -> int:
    """A signed 64-bit advisory lock id for ``key`` (a clash only serialises more)."""
    digest = hashlib.sha256(b"fieldapp-scope:" + key.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


_EVERYTHING_ID = lock_id(EVERYTHING)


@functools.lru_cache(maxsize=64)
def _locking(shared: int, exclusive: int) -> str:
    """``SELECT`` of ``shared`` shared then ``exclusive`` exclusive advisory locks, one
    round trip: PostgreSQL evaluates a one-row select list left to right, so they are
    taken in the order listed, as the statements one by one took them."""
    calls = ["pg_advisory_xact_lock_shared(%s)"] * shared
    calls += ["pg_advisory_xact_lock(%s)"] * exclusive
    return "SELECT " + ", ".join(calls)


def _take(conn: Connection, shared: list[int], exclusive: list[int]) -> None:
    """Wait for and hold the transaction-level advisory locks ``shared`` and then
    ``exclusive`` (lock ids), in that order, in one statement (PostgreSQL)."""
    conn.exec_driver_sql(_locking(len(shared), len(exclusive)), (*shared, *exclusive))


def _is_pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _held(conn: Connection) -> set[str]:
    """The scopes the connection's current transaction holds (kept with the
    transaction object: ``conn.info`` outlives it, with the pooled connection)."""
    tx = conn.get_transaction()
    if tx is None:
        raise RuntimeError("scope locks outside a transaction")
    entry = conn.info.get(_HELD)
    if entry is None or entry[0] is not tx:
        entry = (tx, set())
        conn.info[_HELD] = entry
    return entry[1]


@contextmanager
def begin_writer(
    engine: Engine, scopes: Iterable[str | None] = (), *, everything: bool = False
) -> Iterator[Connection]:
    """A writing transaction holding ``scopes`` (or every scope) from its start."""
    with engine.begin() as conn:
        if everything:
            lock_everything(conn)
        else:
            lock(conn, scopes)
        yield conn


def lock_everything(conn: Connection) -> None:
    held = _held(conn)
    if EVERYTHING in held:
        return
    if _is_pg(conn):
        if held:
            raise RuntimeError("lock everything first")
        _take(conn, [], [_EVERYTHING_ID])
    held.add(EVERYTHING)


def lock(conn: Connection, scopes: Iterable[str | None]) -> None:
    """Hold the exclusive locks of ``scopes`` (team ids or scope keys) until commit.

    Taken in sorted order; a scope taken later in a transaction than another writer's
    can deadlock, which PostgreSQL breaks by failing one transaction (retried by
    :func:`retry_deadlocks`)."""
    held = _held(conn)
    if EVERYTHING in held:
        return
    want = sorted({scope_of(s) for s in scopes} - held)
    if not want:
        return
    if _is_pg(conn):
        started = time.perf_counter()
        shared = [] if held else [_EVERYTHING_ID]
        _take(conn, shared, [lock_id(key) for key in want])
        metrics.lock_waited("write", time.perf_counter() - started)
    held.update(want)


def lock_key(conn: Connection, key: str) -> None:
    """Hold an exclusive lock on a name that is no scope (a shop code being claimed)."""
    if _is_pg(conn):
        _take(conn, [], [lock_id("key:" + key)])


@contextmanager
def begin_reader(
    engine: Engine, scopes: Iterable[str | None], *, everything: bool = False
) -> Iterator[Connection]:
    """A reading transaction that first waits for the writers of ``scopes`` in flight."""
    with begin_plain_reader(engine) as conn:
        lock_reading(conn, scopes, everything=everything)
        yield conn


@contextmanager
def begin_plain_reader(engine: Engine) -> Iterator[Connection]:
    """A reading transaction holding no scope yet (SQLite: a snapshot, never waiting for
    the writer): a request checks its token in it, then :func:`lock_reading` makes it
    the transaction that reads the caller's scopes (one connection and transaction per
    request instead of two)."""
    with engine.connect() as plain:
        conn = plain.execution_options(**{READ_ONLY: True})
        with conn.begin():
            yield conn


def lock_reading(conn: Connection, scopes: Iterable[str | None], *, everything: bool) -> None:
    """Wait for the writers of ``scopes`` (or of every scope) in flight, and hold their
    shared locks to the end of the transaction (PostgreSQL; nothing on SQLite).

    Statements run in the transaction before this one (a token check) do not weaken
    the pull rule: at PostgreSQL's READ COMMITTED each statement reads a snapshot of
    its own, taken when it starts, so the page's query, sent after the locks are held,
    sees every commit of the writers waited for (docs/sync-protocol.md)."""
    if _is_pg(conn):
        started = time.perf_counter()
        if everything:
            _take(conn, [], [_EVERYTHING_ID])
        else:
            _take(conn, sorted({lock_id(scope_of(s)) for s in scopes}), [])
        metrics.lock_waited("read", time.perf_counter() - started)


def next_seq(conn: Connection, *scopes: str | None) -> int:
    """The next change sequence, for changes written under ``scopes`` (locked first).

    In a push (:mod:`.batch`) on PostgreSQL, from the numbers :func:`reserve` drew when
    those scopes were already held; otherwise (or once they run out, or for a scope
    taken later) one ``nextval``, and the reserve is dropped so that numbers keep
    rising within the transaction."""
    lock(conn, scopes)
    b = batch.current(conn)
    if _is_pg(conn):
        if b is not None and b.seqs:
            want = {scope_of(s) for s in scopes}
            if want <= b.seq_scopes or EVERYTHING in b.seq_scopes:
                return b.seqs.pop(0)
            b.seqs.clear()
        return int(conn.execute(sa.select(change_seq.next_value())).scalar_one())
    if b is not None and b.seqs:  # SQLite: the one writer's numbers, every scope
        return b.seqs.pop(0)
    stmt = (
        sa.update(sync_counter)
        .where(sync_counter.c.id == 1)
        .values(value=sync_counter.c.value + 1)
        .returning(sync_counter.c.value)
    )
    return int(conn.execute(stmt).scalar_one())


def last_seq(conn: Connection) -> int:
    """The last change sequence handed out (PostgreSQL: including rolled-back ones)."""
    if _is_pg(conn):
        row = conn.execute(sa.text("SELECT last_value, is_called FROM change_seq")).one()
        return int(row.last_value) if row.is_called else int(row.last_value) - 1
    return int(conn.execute(sa.select(sync_counter.c.value)).scalar_one())


def set_seq(conn: Connection, value: int) -> None:
    """Make ``value`` the last sequence handed out (tools that load ``rows`` directly)."""
    if _is_pg(conn):
        conn.execute(sa.select(sa.func.setval("change_seq", max(value, 1), value > 0)))
    else:
        conn.execute(sa.update(sync_counter).where(sync_counter.c.id == 1).values(value=value))


def retry_deadlocks(work: Callable[[], T], attempts: int = 3) -> T:
    """Run the transaction ``work`` again when PostgreSQL failed it to break a deadlock
    (two writers taking scopes in opposite orders: rare, and nothing of it committed)."""
    for attempt in range(attempts):
        try:
            return work()
        except sa.exc.OperationalError as exc:
            if attempt + 1 == attempts or getattr(exc.orig, "sqlstate", None) != DEADLOCK:
                raise
    raise AssertionError("unreachable")


def reserve(conn: Connection, n: int) -> None:
    """In a push: draw ``n`` sequence numbers at once (one query instead of one per
    mutation). PostgreSQL: for the scopes held now; unused ones are gaps. SQLite (one
    writer): for every scope; :func:`unreserve` gives back the unused ones."""
    b = batch.current(conn)
    if b is None or n <= 0:
        return
    if not _is_pg(conn):
        stmt = (
            sa.update(sync_counter)
            .where(sync_counter.c.id == 1)
            .values(value=sync_counter.c.value + n)
            .returning(sync_counter.c.value)
        )
        top = int(conn.execute(stmt).scalar_one())
        b.seqs = list(range(top - n + 1, top + 1))
        b.seq_scopes = frozenset({EVERYTHING})
        return
    drawn = conn.execute(
        sa.select(change_seq.next_value()).select_from(sa.func.generate_series(1, n))
    ).scalars()
    b.seqs = sorted(int(x) for x in drawn)
    b.seq_scopes = frozenset(_held(conn))


def unreserve(conn: Connection) -> None:
    """SQLite, at the end of a push: give back the reserved numbers no write used (the
    highest ones: numbers are used in order, and none is drawn past the reserve while
    it lasts), so the sequence has no gaps there."""
    b = batch.current(conn)
    if b is None or not b.seqs or _is_pg(conn):
        return
    conn.execute(
        sa.update(sync_counter)
        .where(sync_counter.c.id == 1)
        .values(value=sync_counter.c.value - len(b.seqs))
    )
    b.seqs.clear()
