"""Pull and verify: change pages of a caller's scope and the checksums that compare a
device with its scope.

Threading: functions take an ``Engine`` or a ``Connection``; a connection belongs to one
thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import pydantic_core
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sync import protocol as p

from ..db import (
    READ_ONLY,
    change_log,
    rows,
    scope_sums,
)
from .core import (
    _MOD64,
    PERSONAL_PREFIX,
    POOL,
    Caller,
    _scope,
    _signed64,
    can_see,
    personal_key,
    row_checksum,
)
from .integrity import PERSON_LEFT
from .scopes import begin_reader


def _row_payload(
    r: Any, hidden: tuple[str, ...] | None = None, schema: int = p.SCHEMA_VERSION
) -> dict[str, Any]:
    data = r.data if not hidden else {k: v for k, v in r.data.items() if k not in hidden}
    if schema < p.SCHEMA_VERSION:
        # An enum value the client's version does not know reads as its older one.
        data = {k: p.older_value(schema, r.table_name, k, v) for k, v in data.items()}
    return {
        "id": r.row_id,
        **data,
        "deleted": bool(r.deleted),
        "version": r.version,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
        "created_by": r.created_by,
        "updated_by": r.updated_by,
    }


def _person_left(r: Any) -> dict[str, Any]:
    """What a ``left`` entry of a ``users`` row carries: the person's name and role, so
    that the scope's devices keep a minimal row for the references to them that stay
    (docs/sync-protocol.md "Team moves and references")."""
    return {
        "id": r.row_id,
        "name": r.data.get("name"),
        "role": r.data.get("role"),
        "created_at": r.created_at,
        "updated_at": r.updated_at,
    }


@dataclass(frozen=True)
class PullPage:
    """One pull page as plain JSON-shaped values: ``changes`` are ``p.PullChange``
    objects (``seq, table, row_id, op, version, row``). Built from the server's own
    rows, so neither validated nor wrapped in models (a model per change cost more
    than the query); :meth:`to_json` writes the ``p.PullResponse`` body."""

    changes: list[dict[str, Any]]
    cursor: int
    more: bool

    def to_json(self) -> bytes:
        body = {"changes": self.changes, "cursor": self.cursor, "more": self.more}
        return pydantic_core.to_json(body)


def reading(engine: Engine, caller: Caller) -> AbstractContextManager[Connection]:
    """A transaction that reads the caller's scopes once their writers in flight have
    committed (service/scopes.py): their team, the shared tables, their personal key,
    and for a supervisor the pool; an admin's, every scope."""
    scopes = [caller.team_id, None, personal_key(caller.user_id)]
    if caller.role == "supervisor":
        scopes.append(POOL)
    return begin_reader(engine, scopes, everything=caller.role == "admin")


def pull(
    engine: Engine,
    caller: Caller,
    cursor: int,
    limit: int,
    *,
    schema: int = p.SCHEMA_VERSION,
    tables: tuple[str, ...] | None = None,
    ids: tuple[str, ...] | None = None,
) -> PullPage:
    """Changes in the caller's scope after ``cursor``, in change order; a client of an
    older ``schema`` gets neither the tables nor the fields it does not know. With
    ``tables``, only changes of those tables, and with ``ids`` only those rows' (a repair
    of what verify found different)."""
    hidden = p.hidden_from(schema)
    cl = change_log
    q = (
        sa.select(
            cl.c.seq,
            cl.c.table_name,
            cl.c.row_id,
            cl.c.op,
            rows.c.data,
            rows.c.version,
            rows.c.deleted,
            rows.c.created_at,
            rows.c.updated_at,
            rows.c.created_by,
            rows.c.updated_by,
        )
        .join(rows, sa.and_(rows.c.table_name == cl.c.table_name, rows.c.row_id == cl.c.row_id))
        .order_by(cl.c.seq, cl.c.id)
    )
    if caller.role == "admin":
        personal = cl.c.team_id.startswith(PERSONAL_PREFIX, autoescape=True)
        q = q.where(cl.c.op == "upsert", sa.or_(cl.c.team_id.is_(None), sa.not_(personal)))
    else:
        # The caller's own entries: a "left" always, an "upsert" while the row is still
        # theirs to read (its current content is what the entry delivers).
        own = sa.and_(
            cl.c.team_id == personal_key(caller.user_id),
            sa.or_(cl.c.op == "left", _scope(caller, rows.c.table_name, rows.c.team_id)),
        )
        q = q.where(sa.or_(_scope(caller, cl.c.table_name, cl.c.team_id), own))
    hidden_tables = sorted(t for t, fields in hidden.items() if not fields)
    if hidden_tables:
        q = q.where(cl.c.table_name.not_in(hidden_tables))
    if tables is not None:
        q = q.where(cl.c.table_name.in_(sorted(tables)))
    if ids is not None:  # a repair of the rows verify found different
        q = q.where(cl.c.row_id.in_(sorted(ids)))
    with reading(engine, caller) as conn:
        found = conn.execute(q.where(cl.c.seq > cursor).limit(limit + 1)).all()
        more = len(found) > limit
        if more and found[limit].seq == found[limit - 1].seq:
            # A page never splits one change sequence (the next page starts after it, and
            # a move writes many entries at one): end before it, or take all of it.
            last = found[limit - 1].seq
            head = [r for r in found[:limit] if r.seq != last]
            found = head or conn.execute(q.where(cl.c.seq == last)).all()
        else:
            found = found[:limit]
    changes = [
        {
            "seq": r.seq,
            "table": r.table_name,
            "row_id": r.row_id,
            "op": "left" if r.op == PERSON_LEFT else r.op,
            "version": r.version,
            "row": _row_payload(r, hidden.get(r.table_name), schema)
            if r.op == "upsert"
            else _person_left(r)
            if r.op == PERSON_LEFT
            else None,
        }
        for r in found
    ]
    next_cursor = found[-1].seq if found else cursor
    return PullPage(changes=changes, cursor=next_cursor, more=more)


def _entries(caller: Caller) -> sa.ColumnElement[bool]:
    """Change-log entries the caller reads (as :func:`pull` selects them)."""
    cl = change_log
    if caller.role == "admin":
        personal = cl.c.team_id.startswith(PERSONAL_PREFIX, autoescape=True)
        return sa.or_(cl.c.team_id.is_(None), sa.not_(personal))
    own = cl.c.team_id == personal_key(caller.user_id)
    return sa.or_(_scope(caller, cl.c.table_name, cl.c.team_id), own)


def _visible(caller: Caller, table: str, team: str | None) -> bool:
    """Whether a row of ``table`` in ``team`` counts in the caller's sums."""
    return caller.role == "admin" or can_see(caller, table, team)


def verify(
    engine: Engine,
    caller: Caller,
    *,
    schema: int = p.SCHEMA_VERSION,
    cursor: int | None = None,
    skip: Iterable[tuple[str, str]] = (),
) -> p.VerifyResponse:
    """Count and checksum per table over the caller's scope, from the running sums
    (without the tables a client of an older ``schema`` does not have).

    From schema ``CONTENT_SUMS_FROM`` the checksum sums the rows' content
    (``protocol.row_hash``), else their ids and versions. With ``cursor`` (the device's
    pulled cursor) the rows whose last change is after it are left out and listed in
    ``changed``, and so are the rows named in ``skip`` (the device's own rows with
    changes still waiting): both sides then compare the rows they should hold alike.
    Sums and change log are read in one transaction that waited for the scopes'
    writers in flight (as a pull does)."""
    hidden = {t for t, fields in p.hidden_from(schema).items() if not fields}
    content = schema >= p.CONTENT_SUMS_FROM
    sums = {t: [0, 0] for t in p.TABLES if t not in hidden}
    ss = scope_sums
    q = sa.select(
        ss.c.team_key, ss.c.table_name, ss.c.row_count, ss.c.content if content else ss.c.checksum
    )
    if caller.role != "admin":
        q = q.where(_scope(caller, ss.c.table_name, ss.c.team_key))
    changed: dict[str, list[str]] | None = None
    behind = False
    with reading(engine, caller) as conn:
        for _team, table_name, count, checksum in conn.execute(q):
            if table_name in hidden:
                continue
            acc = sums.setdefault(table_name, [0, 0])
            acc[0] += count
            acc[1] = (acc[1] + checksum) % _MOD64
        if content and cursor is not None:
            after = _changed_after(conn, caller, cursor)
            if len(after) > p.MAX_VERIFY_CHANGED:
                behind = True
            else:
                changed = {}
                for table, row_id in sorted(after):
                    changed.setdefault(table, []).append(row_id)
                left_out = {(t, r) for t, r in after} | {(t, r) for t, r in skip if t in p.TABLES}
                for table, ids in _by_table(left_out).items():
                    for chunk in _chunks(sorted(ids), 500):
                        for r in conn.execute(
                            sa.select(
                                rows.c.row_id,
                                rows.c.team_id,
                                rows.c.version,
                                rows.c.deleted,
                                rows.c.data,
                            ).where(rows.c.table_name == table, rows.c.row_id.in_(chunk))
                        ):
                            if table in hidden or not _visible(caller, table, r.team_id):
                                continue
                            acc = sums.setdefault(table, [0, 0])
                            acc[0] -= 1
                            h = p.row_hash(table, r.row_id, r.version, r.deleted, r.data)
                            acc[1] = (acc[1] - h) % _MOD64
    return p.VerifyResponse(
        tables={t: p.TableSum(count=c, checksum=s) for t, (c, s) in sums.items()},
        changed=changed,
        behind=behind,
    )


def _changed_after(conn: sa.Connection, caller: Caller, cursor: int) -> list[tuple[str, str]]:
    """The distinct rows of the caller's scope changed after ``cursor``, at most
    ``MAX_VERIFY_CHANGED + 1`` of them (one more says "too many").

    Read entry by entry in ``seq`` order and made distinct here: asked as ``SELECT
    DISTINCT table_name, row_id``, SQLite walks the whole change log along its
    (table_name, row_id) index to avoid sorting (0.7 s at 400,000 entries, on every
    sync's verify) instead of taking the few entries after the cursor by ``seq``."""
    cl = change_log
    entries = conn.execute(
        sa.select(cl.c.table_name, cl.c.row_id)
        .where(_entries(caller), cl.c.seq > cursor)
        .order_by(cl.c.seq)
        .execution_options(yield_per=1000)
    )
    seen: dict[tuple[str, str], None] = {}
    try:
        for table, row_id in entries:
            seen[(table, row_id)] = None
            if len(seen) > p.MAX_VERIFY_CHANGED:
                break
    finally:
        entries.close()
    return list(seen)


def _by_table(keys: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for table, row_id in keys:
        out.setdefault(table, set()).add(row_id)
    return out


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def row_hashes(
    engine: Engine, caller: Caller, table: str, cursor: int, after: str = ""
) -> p.RowHashes:
    """One page of ``table``'s rows in the caller's scope whose last change is at or
    before ``cursor``, as ``[row_id, row_hash]`` in id order after ``after``: what a
    device compares row by row when a table's sums differ, to repair only the rows that
    differ (docs/sync-protocol.md "Verify")."""
    cl = change_log
    later = (
        sa.select(cl.c.row_id)
        .where(_entries(caller), cl.c.table_name == table, cl.c.seq > cursor)
        .scalar_subquery()
    )
    q = (
        sa.select(rows.c.row_id, rows.c.team_id, rows.c.version, rows.c.deleted, rows.c.data)
        .where(
            rows.c.table_name == table,
            rows.c.row_id > after,
            rows.c.row_id.not_in(later),
        )
        .order_by(rows.c.row_id)
        .limit(p.ROW_HASHES_PAGE + 1)
    )
    if caller.role != "admin":
        q = q.where(_scope(caller, rows.c.table_name, rows.c.team_id))
    with reading(engine, caller) as conn:
        found = conn.execute(q).all()
    more = len(found) > p.ROW_HASHES_PAGE
    return p.RowHashes(
        rows=[
            (r.row_id, p.row_hash(table, r.row_id, r.version, r.deleted, r.data))
            for r in found[: p.ROW_HASHES_PAGE]
        ],
        more=more,
    )


def rebuild_scope_sums(conn: Connection) -> None:
    """Recompute ``scope_sums`` from every row, in the caller's transaction.

    For tools that load ``rows`` directly (the sync benchmark) and for migrations; the
    service's own writes keep the sums in step.
    """
    acc: dict[tuple[str, str], list[int]] = {}
    for r in conn.execute(
        sa.select(
            rows.c.table_name,
            rows.c.team_id,
            rows.c.row_id,
            rows.c.version,
            rows.c.deleted,
            rows.c.data,
        )
    ):
        entry = acc.setdefault((r.team_id or "", r.table_name), [0, 0, 0])
        entry[0] += 1
        entry[1] += row_checksum(r.row_id, r.version)
        if r.table_name in p.TABLES:
            entry[2] += p.row_hash(r.table_name, r.row_id, r.version, r.deleted, r.data)
    conn.execute(sa.delete(scope_sums))
    if acc:
        conn.execute(
            sa.insert(scope_sums),
            [
                {
                    "team_key": t,
                    "table_name": n,
                    "row_count": c,
                    "checksum": _signed64(s),
                    "content": _signed64(h),
                }
                for (t, n), (c, s, h) in sorted(acc.items())
            ],
        )


def verify_by_rows(
    engine: Engine, caller: Caller, *, schema: int = p.SCHEMA_VERSION
) -> p.VerifyResponse:
    """What :func:`verify` answers (no cursor), recomputed from every row in scope (slow;
    for checks)."""
    content = schema >= p.CONTENT_SUMS_FROM
    hidden = {t for t, fields in p.hidden_from(schema).items() if not fields}
    sums = {t: [0, 0] for t in p.TABLES if t not in hidden}
    q = sa.select(
        rows.c.table_name, rows.c.row_id, rows.c.version, rows.c.deleted, rows.c.data
    ).where(_scope(caller, rows.c.table_name, rows.c.team_id))
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        for r in conn.execute(q):
            if r.table_name in hidden:
                continue
            acc = sums.setdefault(r.table_name, [0, 0])
            acc[0] += 1
            h = (
                p.row_hash(r.table_name, r.row_id, r.version, r.deleted, r.data)
                if content
                else row_checksum(r.row_id, r.version)
            )
            acc[1] = (acc[1] + h) % _MOD64
    return p.VerifyResponse(
        tables={t: p.TableSum(count=c, checksum=s) for t, (c, s) in sums.items()}
    )
