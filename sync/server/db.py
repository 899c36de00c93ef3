"""The server's tables (SQLAlchemy Core) and the engine factory, for SQLite and PostgreSQL.

The same statements run on ``sqlite:///path`` and ``postgresql+psycopg://…``. Times are
stored as integer Unix seconds so both backends compare them the same way. On SQLite
every writing transaction starts with ``BEGIN IMMEDIATE`` after its turn on the
process's writer lock (one writer at a time; PostgreSQL serialises the writers of one
scope only, service/scopes.py); readers begin a snapshot. The schema is created by
the alembic migrations (``sync/server/migrations``), never by ``metadata.create_all``.
Threading: the engine is shared and thread-safe; each request uses its own connection.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

import pydantic_core
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

teams = sa.Table(
    "teams",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", sa.BigInteger, nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("team_id", sa.String(64), sa.ForeignKey("teams.id"), nullable=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.BigInteger, nullable=False),
    # False once an admin deactivated the account: no login, no token; rows are kept.
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.String(64), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("expires_at", sa.BigInteger, nullable=False),
    sa.Column("revoked", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.BigInteger, nullable=False),
    sa.Column("last_seen_at", sa.BigInteger, nullable=True),
    # False while a new device waits for an admin (setting require-device-approval).
    sa.Column("approved", sa.Boolean, nullable=False, server_default=sa.true()),
    # The app version the device named in its last request (protocol.APP_VERSION_HEADER).
    sa.Column("app_version", sa.String(40), nullable=True),
    # What the device reported at its last verify (the end of each sync; header
    # X-Fieldapp-Outbox): when, its changes still waiting to be sent and those head
    # office refused that it still shows.
    sa.Column("last_sync_at", sa.BigInteger, nullable=True),
    sa.Column("pending", sa.BigInteger, nullable=True),
    sa.Column("rejected", sa.BigInteger, nullable=True),
    # The last error the device met (``service.failures``): when, its code, the HTTP
    # status (none for a change a push rejected), the request (login, push, pull,
    # verify, photos) and the field (``table.field`` for a rejected change).
    sa.Column("last_error_at", sa.BigInteger, nullable=True),
    sa.Column("last_error_code", sa.String(64), nullable=True),
    sa.Column("last_error_status", sa.Integer, nullable=True),
    sa.Column("last_error_where", sa.String(16), nullable=True),
    sa.Column("last_error_field", sa.String(130), nullable=True),
)

device_state = sa.Table(
    "device_state",
    metadata,
    sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.id"), primary_key=True),
    sa.Column("last_seq", sa.BigInteger, nullable=False),
)

mutation_results = sa.Table(
    "mutation_results",
    metadata,
    sa.Column("device_id", sa.String(64), primary_key=True),
    sa.Column("seq", sa.BigInteger, primary_key=True),
    sa.Column("mutation_id", sa.String(64), nullable=False),
    sa.Column("answer", sa.JSON, nullable=False),
)

rows = sa.Table(
    "rows",
    metadata,
    sa.Column("table_name", sa.String(64), primary_key=True),
    sa.Column("row_id", sa.String(64), primary_key=True),
    sa.Column("team_id", sa.String(64), nullable=True, index=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False),
    # field -> [change seq, user id, device id] of the field's last change
    sa.Column("field_versions", sa.JSON, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.Column("created_by", sa.String(64), nullable=True),
    sa.Column("updated_by", sa.String(64), nullable=True),
)

change_log = sa.Table(
    "change_log",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("seq", sa.BigInteger, nullable=False, index=True),
    sa.Column("table_name", sa.String(64), nullable=False),
    sa.Column("row_id", sa.String(64), nullable=False),
    sa.Column("team_id", sa.String(64), nullable=True),
    sa.Column("op", sa.String(8), nullable=False),
    sa.Index("ix_change_log_row", "table_name", "row_id"),
)

#: The change sequence on PostgreSQL (``nextval`` never waits for another transaction;
#: service/scopes.py). SQLite, one writer at a time, counts in ``sync_counter``.
change_seq = sa.Sequence("change_seq", metadata=metadata)

sync_counter = sa.Table(
    "sync_counter",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("value", sa.BigInteger, nullable=False),
)

conflicts = sa.Table(
    "conflicts",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("table_name", sa.String(64), nullable=False),
    sa.Column("row_id", sa.String(64), nullable=False),
    sa.Column("team_id", sa.String(64), nullable=True),
    sa.Column("field", sa.String(64), nullable=False),
    sa.Column("winning_value", sa.JSON, nullable=True),
    sa.Column("losing_value", sa.JSON, nullable=True),
    sa.Column("winning_user", sa.String(64), nullable=True),
    sa.Column("losing_user", sa.String(64), nullable=True),
    sa.Column("winning_device", sa.String(64), nullable=True),
    sa.Column("losing_device", sa.String(64), nullable=True),
    sa.Column("winning_seq", sa.BigInteger, nullable=True),
    sa.Column("losing_seq", sa.BigInteger, nullable=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("client_created_at", sa.String(40), nullable=True),
    sa.Column("resolved", sa.Boolean, nullable=False),
)

#: Running verify sums per (team, table): ``team_key`` is the team id, or "" for rows with
#: no team (shared tables); ``checksum`` and ``content`` are each a sum modulo 2**64
#: stored as a signed 64-bit integer (docs/sync-protocol.md "Verify"). Kept in step with
#: ``rows`` by every write.
scope_sums = sa.Table(
    "scope_sums",
    metadata,
    sa.Column("team_key", sa.String(64), primary_key=True),
    sa.Column("table_name", sa.String(64), primary_key=True),
    sa.Column("row_count", sa.BigInteger, nullable=False),
    sa.Column("checksum", sa.BigInteger, nullable=False),
    #: The same over the rows' content (``protocol.row_hash``), what clients of schema
    #: ``CONTENT_SUMS_FROM`` and later compare; ``checksum`` (ids and versions) is for
    #: older clients (migration 0009).
    sa.Column("content", sa.BigInteger, nullable=False, server_default="0"),
)

#: Photo files sent by devices (docs/sync-protocol.md "Photos"): ``received`` bytes so far
#: of ``size``; ``complete`` once the SHA-256 was verified and the file kept.
photos_blobs = sa.Table(
    "photos_blobs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("received", sa.BigInteger, nullable=False),
    sa.Column("complete", sa.Boolean, nullable=False),
    sa.Column("uploader_id", sa.String(64), nullable=False),
    sa.Column("team_id", sa.String(64), nullable=True),
    sa.Column("created_at", sa.BigInteger, nullable=False),
    sa.Column("completed_at", sa.BigInteger, nullable=True),
)

#: Uploads in progress, one per (SHA-256, device): another device's upload of the same
#: photo cannot disturb it. Expire when ``updated_at`` is old (``service.photos``).
photo_uploads = sa.Table(
    "photo_uploads",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("device_id", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("received", sa.BigInteger, nullable=False),
    sa.Column("created_at", sa.BigInteger, nullable=False),
    sa.Column("updated_at", sa.BigInteger, nullable=False, index=True),
)

#: Failed logins per key (``user:<name>``, ``addr:<address>``), forgotten as time
#: passes: in the database so that every server process sees the same counts.
login_throttle = sa.Table(
    "login_throttle",
    metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("failures", sa.Float, nullable=False),
    sa.Column("updated_at", sa.BigInteger, nullable=False),
    sa.Column("forget_at", sa.BigInteger, nullable=False, index=True),
)

#: Small head-office switches by key (e.g. ``require_device_approval``).
server_settings = sa.Table(
    "server_settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)


def _json_loads(text: str | bytes) -> Any:
    # pydantic-core's parser: a team's first pull decodes every row's JSON once, and
    # this is about twice as fast as json.loads.
    return pydantic_core.from_json(text, cache_strings="keys")


def private_folder(path: Path) -> Path:
    """Make ``path`` and its missing parents, each new one 0700 (photos and the database
    hold mobile numbers and password hashes)."""
    missing: list[Path] = []
    current = path
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
    return path


def _private_sqlite_file(url: str) -> None:
    """Create a new SQLite database file 0600 before SQLite does (its ``-wal`` and ``-shm``
    files take the database file's mode); an existing file keeps its mode."""
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


#: Execution option of a connection that only reads (SQLite: ``BEGIN``, not
#: ``BEGIN IMMEDIATE``, so reads never queue behind a writer).
READ_ONLY = "fieldapp_read_only"

#: SQLite: how long a writer waits for the database (seconds): its process's other
#: writers in line first, then SQLite's own lock (another process's writer).
WRITER_WAIT = 60.0

_GATE_HELD = "fieldapp_writer_gate"


class WriterBusy(Exception):
    """SQLite: a writer waited :data:`WRITER_WAIT` seconds for its turn (the server
    answers 503 with ``Retry-After``)."""


def _writer_gate(engine: Engine) -> None:
    """Writers of one process take turns on a lock of their own before
    ``BEGIN IMMEDIATE``, so twenty pushes at once wait in line (handed over at once, no
    timeout of SQLite's) instead of polling SQLite's busy handler until it gives up
    with "database is locked"; SQLite's lock then only decides between processes.
    Re-entrant per thread: a second writing connection on the same thread goes
    straight to SQLite, as before."""
    gate = threading.RLock()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A reader (``READ_ONLY``) takes a snapshot and never waits for the writer
        # (WAL); one writer at a time keeps sequence order commit order.
        if conn.get_execution_options().get(READ_ONLY, False):
            conn.exec_driver_sql("BEGIN")
            return
        if not gate.acquire(timeout=WRITER_WAIT):
            raise WriterBusy(f"no turn to write within {WRITER_WAIT:.0f} s")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            gate.release()
            raise
        conn.info[_GATE_HELD] = True

    def _on_commit(conn: Any) -> None:
        if conn.info.pop(_GATE_HELD, False):
            # Commit here, then hand the turn over: the next writer must not find SQLite
            # still locked by this commit (the driver's own commit is then a no-op).
            try:
                conn.exec_driver_sql("COMMIT")
            finally:
                gate.release()

    def _on_rollback(conn: Any) -> None:
        if conn.info.pop(_GATE_HELD, False):
            gate.release()

    event.listen(engine, "commit", _on_commit)
    event.listen(engine, "rollback", _on_rollback)


#: PostgreSQL connections a server process keeps open, and how many more it opens (and
#: closes again) when more requests than that use the database at once. The thread pool
#: that runs requests (anyio's, 40 threads) bounds what is used at once.
PG_POOL_SIZE = 20
PG_POOL_OVERFLOW = 20


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE``, and
    a new database file is readable by its owner only."""
    if url.startswith("sqlite"):
        _private_sqlite_file(url)
        # LIFO: the connection used last has the warmest page cache (SQLite's cache is
        # per connection); a pull page made ahead on another thread opens a second one.
        engine = sa.create_engine(
            url,
            connect_args={"timeout": WRITER_WAIT},
            json_deserializer=_json_loads,
            pool_use_lifo=True,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={int(WRITER_WAIT * 1000)}")
            cur.close()

        _writer_gate(engine)
        return engine
    # The pool keeps as many connections as requests run at once: SQLAlchemy's default
    # (5 kept, 10 more opened and closed again) made every request past the fifth open a
    # PostgreSQL connection (a backend process forked, authenticated, its caches cold)
    # and close it after (docs/scale.md "Round 4").
    return sa.create_engine(
        url,
        pool_pre_ping=True,
        pool_size=PG_POOL_SIZE,
        max_overflow=PG_POOL_OVERFLOW,
        json_deserializer=_json_loads,
    )


#: Head office's console sessions (``sync/server/console``): the cookie's token as its
#: SHA-256, the CSRF token every form carries, when it began and was last used (it ends
#: after ``console.session.IDLE`` seconds unused or ``console.session.LIFETIME`` in all,
#: at sign-out, and when the account's password is reset or the account deactivated).
console_sessions = sa.Table(
    "console_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.String(64), sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.BigInteger, nullable=False),
    sa.Column("seen_at", sa.BigInteger, nullable=False),
)

#: A spreadsheet uploaded on the console, kept between its preview and "apply" (by the
#: session that uploaded it; removed when applied, or an hour later).
console_uploads = sa.Table(
    "console_uploads",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("token_hash", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("filename", sa.String(200), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.BigInteger, nullable=False),
)
