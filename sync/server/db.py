"""The server's tables (SQLAlchemy Core) and the engine factory, for SQLite and PostgreSQL.

The same statements run on ``sqlite:///path`` and ``postgresql+psycopg://…``. Times are
stored as integer Unix seconds so both backends compare them the same way. On SQLite
every transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time, like the
PostgreSQL counter row lock). The schema is created by the alembic migrations
(``sync/server/migrations``), never by ``metadata.create_all``.
Threading: the engine is shared and thread-safe; each request uses its own connection.
"""

from __future__ import annotations

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
#: no team (shared tables); ``checksum`` is the sum modulo 2**64 stored as a signed 64-bit
#: integer (docs/sync-protocol.md "Verify"). Kept in step with ``rows`` by every write.
scope_sums = sa.Table(
    "scope_sums",
    metadata,
    sa.Column("team_key", sa.String(64), primary_key=True),
    sa.Column("table_name", sa.String(64), primary_key=True),
    sa.Column("row_count", sa.BigInteger, nullable=False),
    sa.Column("checksum", sa.BigInteger, nullable=False),
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


def _json_loads(text: str | bytes) -> Any:
    # pydantic-core's parser: a team's first pull decodes every row's JSON once, and
    # this is about twice as fast as json.loads.
    return pydantic_core.from_json(text, cache_strings="keys")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and ``BEGIN IMMEDIATE``."""
    if url.startswith("sqlite"):
        # LIFO: the connection used last has the warmest page cache (SQLite's cache is
        # per connection); a pull page made ahead on another thread opens a second one.
        engine = sa.create_engine(
            url,
            connect_args={"timeout": 30},
            json_deserializer=_json_loads,
            pool_use_lifo=True,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, pool_pre_ping=True, json_deserializer=_json_loads)
