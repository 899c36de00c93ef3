"""Pull and verify: change pages of a caller's scope and the checksums that compare a
device with its scope.

Threading: functions take an ``Engine`` or a ``Connection``; a connection belongs to one
thread.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

import pydantic_core
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sync import protocol as p

from ..db import (
    READ_ONLY,
    _json_loads,
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
from .scopes import begin_reader, lock_reading


def _row_payload(
    r: Any,
    data: dict[str, Any],
    hidden: tuple[str, ...] | None = None,
    schema: int = p.SCHEMA_VERSION,
) -> dict[str, Any]:
    if hidden:
        data = {k: v for k, v in data.items() if k not in hidden}
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


def _person_left(r: Any, data: dict[str, Any]) -> dict[str, Any]:
    """What a ``left`` entry of a ``users`` row carries: the person's name and role, so
    that the scope's devices keep a minimal row for the references to them that stay
    (docs/sync-protocol.md "Team moves and references")."""
    return {
        "id": r.row_id,
        "name": data.get("name"),
        "role": data.get("role"),
        "created_at": r.created_at,
        "updated_at": r.updated_at,
    }


@dataclass(frozen=True)
class PullPage:
    """One pull page: the rows its query found (each row's ``data`` as the JSON text
    stored), the next cursor and ``more``. :attr:`changes` are the ``p.PullChange``
    objects as plain JSON-shaped values (``seq, table, row_id, op, version, row``),
    built when asked for; :meth:`to_json` writes the ``p.PullResponse`` body straight
    from the stored JSON text (:func:`_page_json`), parsing and serialising again only
    a row that needs changing (an older client's schema, a person who left). Built
    from the server's own rows, so neither validated nor wrapped in models."""

    found: list[Any]
    cursor: int
    more: bool
    schema: int = p.SCHEMA_VERSION

    @functools.cached_property
    def changes(self) -> list[dict[str, Any]]:
        hidden = p.hidden_from(self.schema)
        return [_change(r, hidden, self.schema) for r in self.found]

    def to_json(self) -> bytes:
        return _page_json(self.found, self.cursor, self.more, self.schema)


def _change(r: Any, hidden: dict[str, tuple[str, ...]], schema: int) -> dict[str, Any]:
    """One ``p.PullChange`` of a page's query row (its ``data`` parsed here)."""
    data: dict[str, Any] = _json_loads(r.data) if r.op in ("upsert", PERSON_LEFT) else {}
    return {
        "seq": r.seq,
        "table": r.table_name,
        "row_id": r.row_id,
        "op": "left" if r.op == PERSON_LEFT else r.op,
        "version": r.version,
        "row": _row_payload(r, data, hidden.get(r.table_name), schema)
        if r.op == "upsert"
        else _person_left(r, data)
        if r.op == PERSON_LEFT
        else None,
    }


#: A JSON string of a Python one, non-ASCII as is (the C encoder).
_string: Callable[[str], str] = json.encoder.encode_basestring


def _page_json(found: list[Any], cursor: int, more: bool, schema: int) -> bytes:
    """The ``p.PullResponse`` body of a page's query rows. An upsert's row is written
    around its stored JSON text (the object's members, then ``deleted``, ``version`` and
    the metadata, as :func:`_row_payload` orders them), so a first sync's hundreds of
    thousands of rows are neither parsed nor serialised again here: the same JSON a
    device reads, without the server's two passes over every value. A row whose text
    is not a plain object or names a non-finite number (a value no head office accepts
    now), a row of a client whose schema hides fields or renames values, and a person
    who left are written the slow way, from the parsed row."""
    hidden = p.hidden_from(schema)
    plain = schema >= p.SCHEMA_VERSION and not any(hidden.values())
    string = _string
    parts: list[str] = []
    for r in found:
        # By position (the query's column order): a hundred thousand rows' attribute
        # look-ups by name cost more than the text they build.
        seq, table, row_id, op, text, version, deleted, c_at, u_at, c_by, u_by = r[:11]
        if op == "upsert" and plain:
            text = text.strip()
            if (
                text[:1] == "{"
                and text[-1:] == "}"
                and "NaN" not in text
                and "Infinity" not in text
            ):
                members = text[1:-1].strip()
                quoted = string(row_id)
                parts.append(
                    f'{{"seq":{seq},"table":{string(table)},"row_id":{quoted},'
                    f'"op":"upsert","version":{version},"row":{{"id":{quoted},'
                    f"{members + ',' if members else ''}"
                    f'"deleted":{"true" if deleted else "false"},"version":{version},'
                    f'"created_at":{"null" if c_at is None else string(c_at)},'
                    f'"updated_at":{"null" if u_at is None else string(u_at)},'
                    f'"created_by":{"null" if c_by is None else string(c_by)},'
                    f'"updated_by":{"null" if u_by is None else string(u_by)}}}}}'
                )
                continue
        parts.append(pydantic_core.to_json(_change(r, hidden, schema)).decode())
    tail = f'],"cursor":{int(cursor)},"more":{"true" if more else "false"}}}'
    return f'{{"changes":[{",".join(parts)}{tail}'.encode()


def _read_scopes(caller: Caller) -> list[str | None]:
    """The scopes a caller reads: their team, the shared tables, their personal key,
    and for a supervisor the pool."""
    scopes = [caller.team_id, None, personal_key(caller.user_id)]
    if caller.role == "supervisor":
        scopes.append(POOL)
    return scopes


def reading(engine: Engine, caller: Caller) -> AbstractContextManager[Connection]:
    """A transaction that reads the caller's scopes once their writers in flight have
    committed (service/scopes.py): their team, the shared tables, their personal key,
    and for a supervisor the pool; an admin's, every scope."""
    return begin_reader(engine, _read_scopes(caller), everything=caller.role == "admin")


@contextmanager
def _reading_on(conn: Connection, caller: Caller) -> Iterator[Connection]:
    """:func:`reading` in the request's own reading transaction (``conn``, begun by
    ``scopes.begin_plain_reader``: the token was checked in it)."""
    lock_reading(conn, _read_scopes(caller), everything=caller.role == "admin")
    yield conn


def pull(
    engine: Engine,
    caller: Caller,
    cursor: int,
    limit: int,
    *,
    schema: int = p.SCHEMA_VERSION,
    tables: tuple[str, ...] | None = None,
    ids: tuple[str, ...] | None = None,
    conn: Connection | None = None,
) -> PullPage:
    """Changes in the caller's scope after ``cursor``, in change order; a client of an
    older ``schema`` gets neither the tables nor the fields it does not know. With
    ``tables``, only changes of those tables, and with ``ids`` only those rows' (a repair
    of what verify found different). ``conn``: the request's reading transaction
    (``scopes.begin_plain_reader``), holding no scope lock yet; by default one of its
    own."""
    scope = (caller.user_id, caller.role, caller.team_id)
    if ids is None:
        fast, whole, at = _page_queries(scope, schema, tables)
    else:  # a repair: its ids are its own, not worth keeping
        fast, whole, at = _page_queries.__wrapped__(scope, schema, tables, tuple(sorted(ids)))
    bounds = {"cursor": cursor, "limit": limit + 1}
    opened = reading(engine, caller) if conn is None else _reading_on(conn, caller)
    with opened as conn:
        found = conn.execute(fast, bounds).all()
        if not all(r[11] for r in found):
            found = conn.execute(whole, bounds).all()
        more = len(found) > limit
        if more and found[limit][0] == found[limit - 1][0]:
            # A page never splits one change sequence (the next page starts after it, and
            # a move writes many entries at one): end before it, or take all of it.
            last = found[limit - 1][0]
            head = [r for r in found[:limit] if r[0] != last]
            found = head or conn.execute(at, {"seq": last}).all()
        else:
            found = found[:limit]
    next_cursor = found[-1][0] if found else cursor
    return PullPage(found=list(found), cursor=next_cursor, more=more, schema=schema)


@functools.lru_cache(maxsize=1024)
def _page_queries(
    scope: tuple[str, str, str | None],
    schema: int,
    tables: tuple[str, ...] | None,
    ids: tuple[str, ...] | None = None,
) -> tuple[sa.Select[Any], sa.Select[Any], sa.Select[Any]]:
    """A caller's page queries (``scope``: user id, role, team), built once per caller,
    schema and tables (building one cost as much as running it): ``fast`` (the window
    below, with an ``ok`` column), ``whole`` (the page asked the whole way), both bound
    by ``cursor`` and ``limit``, and ``at`` (one change sequence's entries, ``seq``)."""
    user_id, role, team_id = scope
    caller = Caller(user_id, "", role, team_id, "")
    hidden = p.hidden_from(schema)
    cl = change_log
    meta = (
        # As the JSON text stored: the page is written around it (_page_json).
        sa.cast(rows.c.data, sa.Text).label("data"),
        rows.c.version,
        rows.c.deleted,
        rows.c.created_at,
        rows.c.updated_at,
        rows.c.created_by,
        rows.c.updated_by,
    )
    # What the change log alone decides (``entries``), and what the entry's row must
    # also be (``of_row``): the caller's own entries are a "left" always, an "upsert"
    # while the row is still theirs to read (its current content is what it delivers).
    entries: list[sa.ColumnElement[bool]]
    own_key = personal_key(user_id)
    if role == "admin":
        personal = cl.c.team_id.startswith(PERSONAL_PREFIX, autoescape=True)
        entries = [cl.c.op == "upsert", sa.or_(cl.c.team_id.is_(None), sa.not_(personal))]
    else:
        entries = [sa.or_(_scope(caller, cl.c.table_name, cl.c.team_id), cl.c.team_id == own_key)]
    hidden_tables = sorted(t for t, fields in hidden.items() if not fields)
    if hidden_tables:
        entries.append(cl.c.table_name.not_in(hidden_tables))
    if tables is not None:
        entries.append(cl.c.table_name.in_(sorted(tables)))
    if ids is not None:  # a repair of the rows verify found different
        entries.append(cl.c.row_id.in_(ids))

    def of_row(entry: Any) -> sa.ColumnElement[bool]:
        if role == "admin":
            return sa.true()
        return sa.or_(
            _scope(caller, entry.table_name, entry.team_id),
            sa.and_(entry.op == "left", entry.team_id == own_key),
            _scope(caller, rows.c.table_name, rows.c.team_id),
        )

    cursor = sa.bindparam("cursor", type_=sa.BigInteger)
    limit = sa.bindparam("limit", type_=sa.Integer)
    q = (
        sa.select(cl.c.seq, cl.c.table_name, cl.c.row_id, cl.c.op, *meta)
        .join(rows, sa.and_(rows.c.table_name == cl.c.table_name, rows.c.row_id == cl.c.row_id))
        .where(*entries, of_row(cl.c))
        .order_by(cl.c.seq, cl.c.id)
    )
    # The page's entries first, from the change log alone in change order (its ``seq``
    # index, stopping at the page's end), then their rows by key. Joined first and
    # filtered on the rows as well, both SQLite's and PostgreSQL's planners read every
    # entry after the cursor with its row and sorted them, for every page: a team's
    # first sync read its change log page-count times over. Only when an entry of the
    # window is not the caller's after all (an own entry whose row left their scope, an
    # entry whose row is gone), the page is asked the whole way (``whole``).
    window = (
        sa.select(cl.c.id, cl.c.seq, cl.c.table_name, cl.c.row_id, cl.c.op, cl.c.team_id)
        .where(*entries, cl.c.seq > cursor)
        .order_by(cl.c.seq)  # its index's order; a sequence cut at the end is not kept
        .limit(limit)
        .subquery("page")
    )
    w = window.c
    fast = (
        sa.select(
            w.seq,
            w.table_name,
            w.row_id,
            w.op,
            *meta,
            sa.case((sa.and_(rows.c.row_id.is_not(None), of_row(w)), 1), else_=0).label("ok"),
        )
        .select_from(
            window.outerjoin(
                rows, sa.and_(rows.c.table_name == w.table_name, rows.c.row_id == w.row_id)
            )
        )
        .order_by(w.seq, w.id)
    )
    whole = q.where(cl.c.seq > cursor).limit(limit)
    at = q.where(cl.c.seq == sa.bindparam("seq", type_=sa.BigInteger))
    return fast, whole, at


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
