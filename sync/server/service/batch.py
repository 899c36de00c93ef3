"""What a push does once per batch instead of once per mutation (docs/scale.md).

A :class:`Batch` lives in ``conn.info`` for one push transaction:
- a row cache: every row the batch names (its rows and the rows its references name)
  is read in one query at the start; ``rules._lookup`` answers from it;
- row writes made through :func:`insert_row` / :func:`update_row` are kept in the cache
  (the cache is the row's current state) and written at once: one ``INSERT`` of the
  new rows and one upsert of the changed ones per flush;
- change-log entries and verify-sum deltas are kept in memory and written once, before
  commit (:meth:`Batch.flush`); on PostgreSQL the push's last writes (these, its
  answers and its device state) go in one round trip (:class:`Sender`), the verify sums
  added by the database (no read first);
- what the database must see before another statement reads it: any statement of the
  push's own code that names ``rows``, ``change_log`` or ``scope_sums`` (a query the
  cache cannot answer, a write made directly) first flushes everything kept, so SQL
  always reads the push's own writes; a direct write to ``rows`` then drops the cached
  entries it may change (the row it names, or all of them);
- the live rows that refer to the rows the batch deletes (parts and references,
  ``integrity.prefetch_referrers``), read in one query at the start: with the rows the
  batch writes since, they answer ``integrity.live_referrers_many`` for those rows
  (:meth:`Batch.referrers`) until a direct write to ``rows`` makes them unknown;
- ``dirty``: whether the mutation being applied has written anything yet. A push runs
  without a savepoint per mutation: a mutation refused before its first write (every
  refusal the rules make today) changed nothing, so nothing needs undoing; one refused
  after a write makes the push start over with a savepoint per mutation
  (:class:`NeedsSavepoints`), the old way.

Threading: a batch belongs to its connection's thread.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import BooleanClauseList, Grouping

from sync import protocol as p

from ..db import change_log, conflicts as _conflicts, rows, scope_sums

_KEY = "fieldapp_batch"
_MOD64 = 2**64


class NeedsSavepoints(Exception):
    """A mutation was refused after it wrote: run the push again, one savepoint each."""


class RowState(NamedTuple):
    """A ``rows`` row as the batch holds it (the columns of ``rows``, in order)."""

    table_name: str
    row_id: str
    team_id: str | None
    data: dict[str, Any]
    version: int
    deleted: bool
    field_versions: dict[str, Any]
    created_at: str
    updated_at: str
    created_by: str | None
    updated_by: str | None


_COLUMNS = RowState._fields
assert tuple(c.name for c in rows.c) == _COLUMNS, "RowState follows the rows table"
_WATCHED = frozenset({rows, change_log, scope_sums, _conflicts})
_CONFLICT_COLUMNS = tuple(c.name for c in _conflicts.c)
#: Conflict ids drawn at once on PostgreSQL when a push needs one (unused ones are gaps).
_CONFLICT_IDS = 32


def _unnest(*names: str) -> Any:
    """PostgreSQL: ``unnest(:a, :b, …) AS k(a, b, …)`` of text-array parameters, for a
    statement whose text stays the same whatever the number of keys (one parse and
    plan kept by the driver, none of a thousand placeholders split each time)."""
    arrays = [sa.bindparam(n, type_=postgresql.ARRAY(sa.Text)) for n in names]
    return sa.func.unnest(*arrays).table_valued(*names).render_derived()


_K2 = _unnest("t", "r")
#: PostgreSQL: the ``rows`` rows of the keys ``t[i], r[i]``.
_PG_READ = sa.select(rows).join(
    _K2, sa.and_(rows.c.table_name == _K2.c.t, rows.c.row_id == _K2.c.r)
)
#: The ``rows`` row of ``t``/``r``: one statement built once (its cache key too).
_READ_ONE = sa.select(rows).where(
    rows.c.table_name == sa.bindparam("t", type_=sa.String),
    rows.c.row_id == sa.bindparam("r", type_=sa.String),
)
_K3 = _unnest("t", "r", "team")
#: PostgreSQL: delete the change-log entries of ``(t[i], r[i], team[i])`` (team: NULL too).
_PG_FORGET = sa.delete(change_log).where(
    change_log.c.table_name == _K3.c.t,
    change_log.c.row_id == _K3.c.r,
    change_log.c.team_id.is_not_distinct_from(_K3.c.team),
)


#: :data:`_PG_FORGET` as the text the driver runs (:class:`Sender` sends it as it is).
_PG_FORGET_SQL = (
    "DELETE FROM change_log USING unnest(%(t)s::TEXT[], %(r)s::TEXT[], %(team)s::TEXT[])"
    " AS k(t, r, team) WHERE change_log.table_name = k.t AND change_log.row_id = k.r"
    " AND change_log.team_id IS NOT DISTINCT FROM k.team"
)


class Sender:
    """PostgreSQL: the writes of a push's end (its rows, change log, verify sums,
    conflicts, answers and device state) sent in one round trip (psycopg's pipeline
    mode) instead of one each, in the order given. Nothing reads between them: each
    writes what the batch kept, and a statement of the push's own code that could read
    them came before (:func:`_watch` flushes first). A write that must take SQLAlchemy's
    way (:func:`insert_many` of a record holding NUL) sends what is queued first
    (:meth:`drain`). An error comes as SQLAlchemy's (a deadlock is an
    ``OperationalError`` with its SQLSTATE, what ``scopes.retry_deadlocks`` looks for)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.queued: list[tuple[str, dict[str, Any]]] = []

    def add(self, sql: str, params: dict[str, Any]) -> None:
        self.queued.append((sql, params))

    def drain(self) -> None:
        import psycopg  # PostgreSQL only: a SQLite head office need not have it

        if not self.queued:
            return
        queued, self.queued = self.queued, []
        raw = self.conn.connection.dbapi_connection
        assert raw is not None
        sql, params = queued[0]
        try:
            with raw.pipeline(), raw.cursor() as cur:  # type: ignore[attr-defined]
                for sql, params in queued:
                    cur.execute(sql, params)
        except psycopg.Error as exc:
            raise sa.exc.DBAPIError.instance(sql, params, exc, psycopg.Error) from exc


def sender(conn: Connection) -> Sender | None:
    """A :class:`Sender` on PostgreSQL; None (write at once) elsewhere."""
    return Sender(conn) if conn.dialect.name == "postgresql" else None


@dataclass
class Batch:
    rows: dict[tuple[str, str], Any] = field(default_factory=dict)
    #: rows written but not yet in the database: key -> whether it is a new row
    pending: dict[tuple[str, str], bool] = field(default_factory=dict)
    flushing: bool = False
    dirty: bool = False
    log: dict[tuple[str, str, str | None], tuple[int, str]] = field(default_factory=dict)
    sums: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    seqs: list[int] = field(default_factory=list)
    seq_scopes: frozenset[str] = frozenset()
    #: (table, field) -> the ids whose live referrers were read (``remember_referrers``)
    ref_ids: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    #: (table, field) -> row ids of ``table`` found referring to one of those ids then
    ref_rows: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    #: table -> row ids written through the batch (insert_row / update_row)
    written: dict[str, set[str]] = field(default_factory=dict)
    #: False once ``rows`` was written around the batch: the referrers read are stale
    refs_valid: bool = True
    #: conflicts kept for the flush (every column, their ids drawn already)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    #: conflict ids drawn and not used yet (SQLite: the next one only)
    conflict_ids: list[int] = field(default_factory=list)

    def forget(self, key: tuple[str, str] | None) -> None:
        if key is None:
            self.rows.clear()
        else:
            self.rows.pop(key, None)

    def remember_referrers(
        self, asked: list[tuple[str, str, set[str]]], found: list[list[Any]]
    ) -> None:
        """Keep what a referrer query read before the batch wrote anything: for each
        ``(table, field, ids)``, the live ``table`` rows whose ``field`` is one of
        ``ids`` (their state goes into the row cache unless it holds a newer one)."""
        for (table, name, ids), hits in zip(asked, found, strict=True):
            self.ref_ids.setdefault((table, name), set()).update(ids)
            kept = self.ref_rows.setdefault((table, name), set())
            for r in hits:
                self.rows.setdefault((table, r.row_id), RowState._make(r))
                kept.add(r.row_id)

    def referrers(self, table: str, name: str) -> list[RowState] | None:
        """Rows of ``table`` that may refer through ``name`` to an id read by
        :meth:`remember_referrers`, in their current state (the caller filters them);
        None when the batch cannot tell (the referrers read are stale)."""
        if not self.refs_valid or (table, name) not in self.ref_ids:
            return None
        out = []
        for row_id in sorted(self.ref_rows[(table, name)] | self.written.get(table, set())):
            key = (table, row_id)
            if key not in self.rows:
                return None  # dropped from the cache: its state is unknown
            row = self.rows[key]
            if row is not None:
                out.append(row)
        return out

    def flush(
        self,
        conn: Connection,
        *,
        rows: bool = True,
        log: bool = True,
        sums: bool = True,
        conflicts: bool = True,
        send: Sender | None = None,
    ) -> None:
        """Write the rows, change-log entries, verify sums and conflicts kept so far (or
        some); with ``send``, queued there (sent by its ``drain``)."""
        self.flushing = True
        try:
            if conflicts and self.conflicts:
                insert_many(conn, _conflicts, self.conflicts, send=send)
                self.conflicts.clear()
            if rows:
                self._flush_rows(conn, send)
            if log:
                self._flush_log(conn, send)
            if sums and self.sums:
                write_sums(conn, self.sums, send=send)
                self.sums.clear()
        finally:
            self.flushing = False

    def _flush_rows(self, conn: Connection, send: Sender | None = None) -> None:
        if not self.pending:
            return
        fresh: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for key, is_new in self.pending.items():
            (fresh if is_new else changed).append(self.rows[key]._asdict())
        self.pending.clear()
        if fresh:
            insert_many(conn, rows, fresh, send=send)
        if changed:
            insert_many(conn, rows, changed, upsert=True, send=send)

    def _flush_log(self, conn: Connection, send: Sender | None = None) -> None:
        if self.log and conn.dialect.name == "postgresql":
            t, r, team = (list(x) for x in zip(*self.log, strict=True))
            if send is not None:
                send.add(_PG_FORGET_SQL, {"t": t, "r": r, "team": team})
            else:
                conn.execute(_PG_FORGET, {"t": t, "r": r, "team": team})
        elif self.log:
            keys = list(self.log)
            with_team = [(t, r, team) for t, r, team in keys if team is not None]
            no_team = [(t, r) for t, r, team in keys if team is None]
            cl = change_log
            # ``_near`` first: SQLite then reads by the (table_name, row_id) index.
            for chunk in _chunks(with_team, 300):
                conn.execute(
                    sa.delete(cl).where(
                        _near(cl, chunk),
                        sa.tuple_(cl.c.table_name, cl.c.row_id, cl.c.team_id).in_(chunk),
                    )
                )
            for chunk2 in _chunks(no_team, 300):
                conn.execute(
                    sa.delete(cl).where(
                        _near(cl, chunk2),
                        cl.c.team_id.is_(None),
                        sa.tuple_(cl.c.table_name, cl.c.row_id).in_(chunk2),
                    )
                )
        if self.log:
            insert_many(
                conn,
                change_log,
                [
                    {"seq": seq, "table_name": t, "row_id": r, "team_id": team, "op": op}
                    for (t, r, team), (seq, op) in self.log.items()
                ],
                send=send,
            )
            self.log.clear()


def insert_many(
    conn: Connection,
    table: sa.Table,
    records: list[dict[str, Any]],
    *,
    upsert: bool = False,
    send: Sender | None = None,
) -> None:
    """``INSERT INTO table`` of ``records`` (dicts with the same keys), in the order
    given; ``upsert`` (``rows`` only): an existing ``(table_name, row_id)`` is replaced.

    PostgreSQL: one statement with one parameter, the records as one JSON array
    (``INSERT … SELECT … FROM json_to_recordset(…) WITH ORDINALITY … ORDER BY``): one
    ``json.dumps`` of the whole list instead of SQLAlchemy and the driver binding every
    record's every value one by one in an ``executemany``; its text the same whatever the
    number of records. A JSON column's value is stored as the same text SQLAlchemy
    writes (``json.dumps`` of it; None as JSON ``null``). Elsewhere SQLAlchemy's
    ``executemany``. With ``send`` (PostgreSQL), queued there."""
    if not records:
        return
    text = json.dumps(records) if conn.dialect.name == "postgresql" else None
    # PostgreSQL's json_to_recordset refuses a NUL (``\u0000``) anywhere in a JSON value,
    # which a json column itself keeps (a rejected field's name in an answer, say).
    if text is None or "\\u0000" in text:
        if send is not None:
            send.drain()  # what was queued before it, first
        conn.execute(_upsert(conn) if upsert else sa.insert(table), records)
        return
    sql = _pg_insert_sql(table.name, tuple(records[0]), upsert)
    if send is not None:
        send.add(sql, {"j": text})
    else:
        conn.exec_driver_sql(sql, {"j": text})


@functools.cache
def _pg_insert_sql(table_name: str, names: tuple[str, ...], upsert: bool) -> str:
    """:func:`insert_many`'s statement for the columns ``names`` of ``table_name``: each
    record parsed once (``json_to_recordset``); a JSON column keeps its value's own text,
    and JSON null as the JSON ``null`` SQLAlchemy writes for None."""
    table = rows.metadata.tables[table_name]
    for n in names:
        assert n.isidentifier(), n
    quoted = ", ".join(f'"{n}"' for n in names)
    columns = ", ".join(f'"{n}" {_pg_type(table.c[n].type)}' for n in names)
    values = ", ".join(
        f"coalesce(k.\"{n}\", 'null'::json)" if isinstance(table.c[n].type, sa.JSON) else f'k."{n}"'
        for n in names
    )
    sql = (
        f'INSERT INTO "{table_name}" ({quoted}) SELECT {values}'
        f" FROM ROWS FROM (json_to_recordset(%(j)s::json) AS ({columns}))"
        f" WITH ORDINALITY AS k({quoted}, fieldapp_n) ORDER BY k.fieldapp_n"
    )
    if upsert:
        assert table is rows
        keys = ("table_name", "row_id")
        sets = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n not in keys)
        sql += ' ON CONFLICT ("table_name", "row_id") DO UPDATE SET ' + sets
    return sql


def _pg_type(type_: Any) -> str:
    if isinstance(type_, sa.JSON):
        return "json"
    if isinstance(type_, sa.Boolean):
        return "boolean"
    if isinstance(type_, (sa.BigInteger, sa.Integer)):
        return "bigint"
    if isinstance(type_, sa.String):
        return "text"
    raise TypeError(f"no PostgreSQL type for {type_!r}")


def _upsert(conn: Connection) -> Any:
    """``INSERT … ON CONFLICT (table_name, row_id) DO UPDATE`` of every column of
    ``rows`` (PostgreSQL and SQLite ≥ 3.24 say it alike)."""
    make = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = make(rows)
    keys = ("table_name", "row_id")
    return stmt.on_conflict_do_update(
        index_elements=[rows.c[k] for k in keys],
        set_={c: stmt.excluded[c] for c in _COLUMNS if c not in keys},
    )


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def write_sums(
    conn: Connection, deltas: dict[tuple[str, str], list[int]], *, send: Sender | None = None
) -> None:
    """Add ``deltas`` ({(team key, table): [count, checksum, content]}) to ``scope_sums``
    (with ``send``, PostgreSQL: queued there)."""
    ss = scope_sums
    keys = sorted(
        k
        for k, (d_count, d_sum, d_content) in deltas.items()
        if d_count or d_sum % _MOD64 or d_content % _MOD64
    )
    if not keys:
        return
    if conn.dialect.name == "postgresql":
        # One upsert that adds in the database (modulo 2**64 in numeric), no read first.
        records = [
            {
                "team_key": team_key,
                "table_name": table,
                "row_count": deltas[(team_key, table)][0],
                "checksum": _signed64(deltas[(team_key, table)][1]),
                "content": _signed64(deltas[(team_key, table)][2]),
            }
            for team_key, table in keys
        ]
        params = {"j": json.dumps(records)}
        if send is not None:
            send.add(_PG_ADD_SUMS, params)
        else:
            conn.exec_driver_sql(_PG_ADD_SUMS, params)
        return
    # One read and one upsert: the writers of a team are serialised (its scope lock; one
    # writer at a time on SQLite), so nothing changes these rows in between. The sum is
    # modulo 2**64, which SQL's 64-bit integers cannot add without overflowing.
    current: dict[tuple[str, str], tuple[int, int, int]] = {}
    for chunk in _chunks(keys, 500):
        for r in conn.execute(
            sa.select(
                ss.c.team_key, ss.c.table_name, ss.c.row_count, ss.c.checksum, ss.c.content
            ).where(sa.tuple_(ss.c.team_key, ss.c.table_name).in_(chunk))
        ):
            current[(r.team_key, r.table_name)] = (r.row_count, r.checksum, r.content)
    stmt = _sums_upsert(conn.dialect.name)
    values = []
    for team_key, table in keys:
        count, checksum, content = current.get((team_key, table), (0, 0, 0))
        d_count, d_sum, d_content = deltas[(team_key, table)]
        values.append(
            {
                "team_key": team_key,
                "table_name": table,
                "row_count": count + d_count,
                "checksum": _signed64(checksum + d_sum),
                "content": _signed64(content + d_content),
            }
        )
    conn.execute(stmt, values)


def _wrapped(x: str) -> str:
    """SQL of the numeric ``x`` modulo 2**64 as a signed 64-bit integer."""
    m = "18446744073709551616"
    return f"(mod(mod(({x}) + 9223372036854775808, {m}) + {m}, {m}) - 9223372036854775808)::bigint"


#: PostgreSQL: add the deltas of ``%(j)s`` (records of team_key, table_name, row_count,
#: checksum, content; the sums as signed 64-bit values) to ``scope_sums``, the sums
#: modulo 2**64 (:func:`_signed64` of old + delta, computed in numeric: bigint would
#: overflow), in key order; a new key takes the deltas themselves (old: 0).
_PG_ADD_SUMS = (
    "INSERT INTO scope_sums (team_key, table_name, row_count, checksum, content)"
    " SELECT k.team_key, k.table_name, k.row_count, k.checksum, k.content"
    " FROM json_to_recordset(%(j)s::json) AS k(team_key text, table_name text,"
    " row_count bigint, checksum bigint, content bigint)"
    " ORDER BY k.team_key, k.table_name"
    " ON CONFLICT (team_key, table_name) DO UPDATE SET"
    " row_count = scope_sums.row_count + excluded.row_count,"
    f" checksum = {_wrapped('scope_sums.checksum::numeric + excluded.checksum')},"
    f" content = {_wrapped('scope_sums.content::numeric + excluded.content')}"
)


@functools.cache
def _sums_upsert(dialect: str) -> Any:
    """``INSERT INTO scope_sums … ON CONFLICT (team_key, table_name) DO UPDATE``, built
    once per dialect."""
    ss = scope_sums
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(ss)
    return stmt.on_conflict_do_update(
        index_elements=[ss.c.team_key, ss.c.table_name],
        set_={
            "row_count": stmt.excluded.row_count,
            "checksum": stmt.excluded.checksum,
            "content": stmt.excluded.content,
        },
    )


def _signed64(value: int) -> int:
    value %= _MOD64
    return value - _MOD64 if value >= 2**63 else value


def current(conn: Connection) -> Batch | None:
    """The batch of the connection's current transaction, if any."""
    entry = conn.info.get(_KEY)
    if entry is None or entry[0] is not conn.get_transaction():
        return None
    return entry[1]  # type: ignore[no-any-return]


def start(conn: Connection, mutations: list[p.MutationIn]) -> Batch:
    """A batch for this transaction, its row cache filled with the rows ``mutations``
    name (their own rows and their references), and the write watcher installed."""
    batch = Batch()
    conn.info[_KEY] = (conn.get_transaction(), batch)
    keys: set[tuple[str, str]] = set()
    for m in mutations:
        spec = p.TABLES.get(m.table)
        if spec is None:
            continue
        keys.add((m.table, m.row_id))
        for name, change in m.changes.items():
            fs = spec.get(name)
            if fs is not None and fs.ref is not None and isinstance(change.new, str):
                keys.add((fs.ref, change.new))
    _read(conn, batch, keys)
    # The rows an update's team comes from (``TEAM_FROM``: a shop's rep, a visit's shop)
    # when the mutation does not name them: read at once too, not one query each.
    parents: set[tuple[str, str]] = set()
    for m in mutations:
        found = batch.rows.get((m.table, m.row_id)) if m.op == "update" else None
        if found is None:
            continue
        spec = p.TABLES[m.table]
        for name in p.TEAM_FROM.get(m.table, ()):
            value = found.data.get(name)
            target = spec[name].ref
            if value and isinstance(value, str) and target is not None:
                parents.add((target, value))
    _read(conn, batch, parents - batch.rows.keys())
    if not event.contains(conn, "before_execute", _watch):
        event.listen(conn, "before_execute", _watch)
    return batch


def _read(conn: Connection, batch: Batch, keys: set[tuple[str, str]]) -> None:
    """Put the ``rows`` rows of ``keys`` into the batch's cache (None: no such row)."""
    clean = sorted(k for k in keys if "\x00" not in k[1])
    for k in clean:
        batch.rows[k] = None
    if clean and conn.dialect.name == "postgresql":
        t, r = (list(x) for x in zip(*clean, strict=True))
        for found in conn.execute(_PG_READ, {"t": t, "r": r}):
            batch.rows[(found.table_name, found.row_id)] = RowState._make(found)
    else:
        for chunk in _chunks(clean, 500):
            for found in conn.execute(sa.select(rows).where(_near(rows, chunk))):
                batch.rows[(found.table_name, found.row_id)] = RowState._make(found)


def _near(table: sa.Table, keys: list[tuple[str, ...]]) -> Any:
    """SQLite: ``(table_name, row_id)`` one of ``keys``' first two, as
    ``table_name = ? AND row_id IN (…)`` per table joined by OR, which SQLite answers
    from the ``(table_name, row_id)`` index (a row-value ``IN`` scans the whole table)."""
    by_table: dict[str, set[str]] = {}
    for key in keys:
        by_table.setdefault(key[0], set()).add(key[1])
    return sa.or_(
        *(
            sa.and_(table.c.table_name == t, table.c.row_id.in_(sorted(ids)))
            for t, ids in sorted(by_table.items())
        )
    )


def stop(conn: Connection) -> None:
    conn.info.pop(_KEY, None)
    if event.contains(conn, "before_execute", _watch):
        event.remove(conn, "before_execute", _watch)


def lookup(conn: Connection, table: str, row_id: str) -> Any:
    """``rows`` row of ``table``/``row_id`` (None: none), from the batch's cache."""
    batch = current(conn)
    key = (table, row_id)
    if batch is not None and key in batch.rows:
        return batch.rows[key]
    found = conn.execute(_READ_ONE, {"t": table, "r": row_id}).first()
    if batch is None:
        return found
    row = None if found is None else RowState._make(found)
    batch.rows[key] = row
    return row


def insert_row(conn: Connection, **values: Any) -> None:
    """``INSERT INTO rows`` (``values``: its columns; ``created_by``/``updated_by`` may
    be left out); in a push, kept in the batch and written at its flush."""
    b = current(conn)
    if b is None or b.flushing:
        conn.execute(sa.insert(rows).values(**values))
        return
    b.dirty = True
    key = (values["table_name"], values["row_id"])
    b.rows[key] = RowState._make(values.get(c) for c in _COLUMNS)
    b.pending[key] = b.pending.get(key, True)
    b.written.setdefault(key[0], set()).add(key[1])


def insert_conflict(conn: Connection, **values: Any) -> int:
    """``INSERT INTO conflicts`` (``values``: its columns but the id); the new id. In a
    push, kept in the batch with an id drawn ahead and written at its flush: no round
    trip per conflict."""
    b = current(conn)
    if b is None or b.flushing:
        stmt = sa.insert(_conflicts).values(**values).returning(_conflicts.c.id)
        return int(conn.execute(stmt).scalar_one())
    if not b.conflict_ids:
        if conn.dialect.name == "postgresql":
            seq = sa.func.pg_get_serial_sequence(_conflicts.name, "id")
            drawn = conn.execute(
                sa.select(sa.func.nextval(seq)).select_from(
                    sa.func.generate_series(1, _CONFLICT_IDS)
                )
            ).scalars()
            b.conflict_ids = sorted(int(x) for x in drawn)
        else:  # one writer: the next id is the highest one's successor, as SQLite's own
            top = conn.execute(sa.select(sa.func.max(_conflicts.c.id))).scalar()
            b.conflict_ids = [int(top or 0) + 1]
    conflict_id = b.conflict_ids.pop(0)
    if not b.conflict_ids and conn.dialect.name != "postgresql":
        b.conflict_ids = [conflict_id + 1]
    b.dirty = True
    b.conflicts.append({c: values.get(c) for c in _CONFLICT_COLUMNS} | {"id": conflict_id})
    return conflict_id


def update_row(conn: Connection, table: str, row_id: str, **values: Any) -> None:
    """``UPDATE rows SET values`` of one row; in a push, kept in the batch when it holds
    the row's current state (written at its flush), else written now."""
    b = current(conn)
    key = (table, row_id)
    cached = b.rows.get(key) if b is not None and not b.flushing else None
    if b is None or cached is None:
        conn.execute(
            sa.update(rows)
            .where(rows.c.table_name == table, rows.c.row_id == row_id)
            .values(**values)
        )
        return
    b.dirty = True
    b.rows[key] = cached._replace(**values)
    b.pending.setdefault(key, False)
    b.written.setdefault(table, set()).add(row_id)


def _watch(conn: Connection, clause: Any, multiparams: Any, params: Any, _opts: Any) -> None:
    """Before a statement that names ``rows``, ``change_log`` or ``scope_sums``, write
    what the batch kept; every write marks the mutation dirty; a write to ``rows`` drops
    what it changes from the cache."""
    batch = current(conn)
    if batch is None or batch.flushing:
        return
    if batch.pending or batch.log or batch.sums or batch.conflicts:
        if clause is _READ_ONE:  # a row of one table (the table is a parameter)
            named, plain = frozenset([rows]), True
        else:
            named, plain = _kept_tables(clause)
        flush_rows = rows in named and bool(batch.pending)
        if flush_rows:
            if clause is _READ_ONE:
                only: frozenset[str] | None = frozenset([params.get("t")])
            else:
                only = _row_tables(clause) if plain else None
            flush_rows = only is None or any(t in only for t, _ in batch.pending)
        flush_log = change_log in named and bool(batch.log)
        flush_sums = scope_sums in named and bool(batch.sums)
        flush_conflicts = _conflicts in named and bool(batch.conflicts)
        if flush_rows or flush_log or flush_sums or flush_conflicts:
            batch.flush(
                conn, rows=flush_rows, log=flush_log, sums=flush_sums, conflicts=flush_conflicts
            )
    if not isinstance(clause, UpdateBase):
        return
    batch.dirty = True
    if clause.table is not rows:
        return
    batch.refs_valid = False
    batch.forget(_row_key(clause))


_NESTED = (sa.Select, sa.Exists, sa.ScalarSelect, sa.Subquery, sa.Join, sa.Alias, sa.CTE)


def _kept_tables(clause: Any) -> tuple[frozenset[Any], bool]:
    """The tables the batch keeps writes for that ``clause`` may read or write (text:
    all of them), and whether it is one plain query (no subquery, join or alias)."""
    if isinstance(clause, (sa.TextClause, str)):  # str: ``exec_driver_sql``
        return _WATCHED, False
    found = set()
    plain = isinstance(clause, sa.Select)
    if isinstance(clause, UpdateBase) and clause.table in _WATCHED:
        found.add(clause.table)
    if isinstance(clause, sa.Insert) and getattr(clause, "select", None) is None:
        return frozenset(found), False  # its values name no table (a conflict's insert)
    for node in visitors.iterate(clause):
        if node in _WATCHED:
            found.add(node)
        elif isinstance(node, _NESTED) and node is not clause:
            plain = False
        else:
            table = getattr(node, "table", None)
            if table in _WATCHED:
                found.add(table)
    return frozenset(found), plain


def _row_tables(clause: Any) -> frozenset[str] | None:
    """The ``rows.table_name`` values a plain query is limited to by its WHERE
    (``table_name = …`` or ``IN (…)`` as a condition every row must meet, also inside
    each branch of an ``OR``); None when it is not so limited."""
    where = clause.whereclause
    return None if where is None else _limit(where)


def _limit(cond: Any) -> frozenset[str] | None:
    while isinstance(cond, Grouping):
        cond = cond.element
    if isinstance(cond, BooleanClauseList):
        parts = [_limit(c) for c in cond.clauses]
        if cond.operator is operators.and_:
            return next((x for x in parts if x is not None), None)
        if cond.operator is operators.or_ and parts and all(x is not None for x in parts):
            return frozenset().union(*parts)  # type: ignore[arg-type]
        return None
    if (
        isinstance(cond, sa.BinaryExpression)
        and cond.left is rows.c.table_name
        and isinstance(cond.right, sa.BindParameter)
    ):
        value: Any = cond.right.value
        if value is None:  # a parameter given at execution: any table
            return None
        if cond.operator is operators.eq:
            return frozenset([value])
        if cond.operator is operators.in_op:
            return frozenset(value)
    return None


def _row_key(clause: Any) -> tuple[str, str] | None:
    """The one (table, row id) a write to ``rows`` touches, when it says so plainly."""
    values: dict[str, Any] = {}
    if isinstance(clause, sa.Insert):
        # ``.values(...)`` keeps column -> bound value (no compile: it costs more than
        # the insert); an executemany names no single row.
        for col, value in (getattr(clause, "_values", None) or {}).items():
            name = getattr(col, "key", col)
            if name in ("table_name", "row_id"):
                values[str(name)] = getattr(value, "value", value)
        if "table_name" in values and "row_id" in values:
            return (str(values["table_name"]), str(values["row_id"]))
        return None
    where = getattr(clause, "whereclause", None)
    if where is None:
        return None
    for node in visitors.iterate(where):
        if not (isinstance(node, sa.BinaryExpression) and node.operator is operators.eq):
            continue
        left, right = node.left, node.right
        if (
            isinstance(left, sa.Column)
            and isinstance(right, sa.BindParameter)
            and left.table is rows
            and left.name in ("table_name", "row_id")
        ):
            if left.name in values:
                return None
            values[left.name] = right.value
    if "table_name" in values and "row_id" in values:
        return (str(values["table_name"]), str(values["row_id"]))
    return None


def log(conn: Connection, seq: int, table: str, row_id: str, team: str | None, op: str) -> bool:
    """Keep a change-log entry for the batch's flush (the latest per row and team, in
    the order written); False when no batch defers entries."""
    batch = current(conn)
    if batch is None:
        return False
    key = (table, row_id, team)
    batch.log.pop(key, None)
    batch.log[key] = (seq, op)
    return True


def add_sums(conn: Connection, deltas: dict[str, list[int]], table: str) -> bool:
    """Keep verify-sum deltas ({team key: [count, checksum, content]}) for the flush;
    False when no batch defers them."""
    batch = current(conn)
    if batch is None:
        return False
    for team_key, delta in deltas.items():
        acc = batch.sums.setdefault((team_key, table), [0, 0, 0])
        for i, d in enumerate(delta):
            acc[i] += d
    return True
