"""Shared pieces of the server's logic: errors, the caller, the change sequence and
change log, scope sums, dependents and scope changes of users.

Threading: functions take an ``Engine`` or a ``Connection``; a connection belongs to one
thread.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sync import protocol as p

from ..db import (
    change_log,
    rows,
    users,
)
from . import batch
from .scopes import lock_everything, next_seq

#: The roles of synced accounts (``users`` rows every device may see).
ROLES = ("rep", "supervisor", "admin")
#: Head office's console accounts: admins, and ``head_office`` (the console only: never
#: logs in from a device, has no synced ``users`` row; docs/deploy.md "The console").
CONSOLE_ROLES = ("admin", "head_office")
#: Every role an account may have.
ACCOUNT_ROLES = (*ROLES, "head_office")


#: The scope key of reps with no team (the "unassigned pool"): their ``users`` rows are
#: kept under it so that supervisors can read them and take them in; nothing else in it
#: is readable by anyone but admins (docs/sync-protocol.md "Team membership").
POOL = "~pool"


#: Change-log entries under ``~user:<id>`` are one user's own: when their team or role
#: changes, the rows that leave and the rows that join their scope (see _log_scope_change).
PERSONAL_PREFIX = "~user:"


_DUMMY_HASH_SOURCE = "not-a-real-password"


class ServiceError(Exception):
    """A client-facing error: HTTP status, code, message and field."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str = "",
        field: str | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message or code)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.extra = extra

    def body(self) -> dict[str, Any]:
        err: dict[str, Any] = {"code": self.code, "message": self.message, "field": self.field}
        err.update(self.extra)
        return {"error": err}


class Reject(Exception):
    """A mutation is rejected with ``code`` (on ``field``)."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


@dataclass(frozen=True)
class Caller:
    user_id: str
    name: str
    role: str
    team_id: str | None
    device_id: str
    #: The app version head office last recorded for this device (None: never named one).
    app_version: str | None = None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def _team_cond(col: sa.ColumnElement[Any], team: str | None) -> sa.ColumnElement[bool]:
    return col.is_(None) if team is None else col == team


def log_change(
    conn: Connection, seq: int, table: str, row_id: str, team: str | None, op: str
) -> None:
    """One change-log entry per (row, team): older entries of that pair are replaced
    (in a push, kept for the batch's single write before commit)."""
    if batch.log(conn, seq, table, row_id, team, op):
        return
    conn.execute(
        sa.delete(change_log).where(
            change_log.c.table_name == table,
            change_log.c.row_id == row_id,
            _team_cond(change_log.c.team_id, team),
        )
    )
    conn.execute(
        sa.insert(change_log).values(seq=seq, table_name=table, row_id=row_id, team_id=team, op=op)
    )


_MOD64 = 2**64


def _signed64(value: int) -> int:
    value %= _MOD64
    return value - _MOD64 if value >= 2**63 else value


#: A row's state as the verify sums see it: (team, version, deleted, data).
Share = tuple[str | None, int, Any, Mapping[str, Any]]


def _move_sums(
    conn: Connection,
    table: str,
    row_id: str,
    old: Share | None,
    new: Share | None,
) -> None:
    """Move a row's share of the verify sums from ``old`` to ``new`` (team, version,
    deleted, data): the count, the ids-and-versions checksum of older clients and the
    content checksum (``protocol.row_hash``).

    Runs in the writer's transaction after :func:`next_seq` for both teams, whose scope
    locks serialise the writers of a team (one writer at a time on SQLite), so the
    read-modify-write of a team's ``scope_sums`` cannot interleave.
    """
    deltas: dict[str, list[int]] = {}
    if old is not None:
        entry = deltas.setdefault(old[0] or "", [0, 0, 0])
        entry[0] -= 1
        entry[1] -= row_checksum(row_id, old[1])
        entry[2] -= p.row_hash(table, row_id, old[1], old[2], old[3])
    if new is not None:
        entry = deltas.setdefault(new[0] or "", [0, 0, 0])
        entry[0] += 1
        entry[1] += row_checksum(row_id, new[1])
        entry[2] += p.row_hash(table, row_id, new[1], new[2], new[3])
    if batch.add_sums(conn, deltas, table):
        return
    batch.write_sums(conn, {(team_key, table): delta for team_key, delta in deltas.items()})


def _children_of() -> dict[str, list[tuple[str, str]]]:
    """``{parent table: [(child table, field), ...]}`` from ``p.TEAM_FROM``."""
    out: dict[str, list[tuple[str, str]]] = {}
    for child, fields in p.TEAM_FROM.items():
        for field in fields:
            ref = p.TABLES[child][field].ref
            if ref is not None:
                out.setdefault(ref, []).append((child, field))
    if "users" not in out:
        out["users"] = []
    return out


_CHILDREN = _children_of()


def _dependents(conn: Connection, table: str, row_id: str, team: str | None) -> list[Any]:
    """The rows of ``team`` whose team derives from ``table``/``row_id`` (and theirs, and
    so on), as ``(table, row)`` pairs (``row``: ``row_id``, ``data``, ``version``,
    ``deleted``), parents before children. A row follows the first non-empty field of
    its ``TEAM_FROM`` list, as :func:`_derive_team` does."""
    frontier: dict[str, set[str]] = {table: {row_id}}
    out: list[Any] = []
    seen: set[tuple[str, str]] = set()
    while frontier:
        found: dict[str, set[str]] = {}
        for child in sorted({c for t in frontier for c, _ in _CHILDREN.get(t, [])}):
            fields = p.TEAM_FROM[child]
            spec = p.TABLES[child]
            q = sa.select(rows.c.row_id, rows.c.data, rows.c.version, rows.c.deleted).where(
                rows.c.table_name == child, _team_cond(rows.c.team_id, team)
            )
            for r in conn.execute(q).all():
                decider = next((f for f in fields if r.data.get(f)), None)
                if decider is None or (child, r.row_id) in seen:
                    continue
                parents = frontier.get(spec[decider].ref or "")
                if not parents or r.data[decider] not in parents:
                    continue
                seen.add((child, r.row_id))
                out.append((child, r))
                found.setdefault(child, set()).add(r.row_id)
        frontier = found
    return out


def move_dependents(
    conn: Connection,
    table: str,
    row_id: str,
    old_team: str | None,
    new_team: str | None,
    seq: int,
    moved: list[tuple[str, str]] | None = None,
) -> int:
    """Move the rows whose team derives from ``table``/``row_id`` (and theirs, and so on)
    from ``old_team`` to ``new_team`` at change ``seq``; return how many moved (and add
    their keys to ``moved``).

    Each moved row keeps its content and version; the change log gets a ``left`` entry
    for the old team and an ``upsert`` for the new one, so the old team's devices drop
    it and the new team's receive it at their next pull. Runs in the writer's
    transaction (after :func:`next_seq` for both teams).
    """
    found = _dependents(conn, table, row_id, old_team)
    for child, r in found:
        batch.update_row(conn, child, r.row_id, team_id=new_team)
        _move_sums(
            conn,
            child,
            r.row_id,
            (old_team, r.version, r.deleted, r.data),
            (new_team, r.version, r.deleted, r.data),
        )
        log_change(conn, seq, child, r.row_id, old_team, "left")
        log_change(conn, seq, child, r.row_id, new_team, "upsert")
        if moved is not None:
            moved.append((child, r.row_id))
    return len(found)


def user_scope_team(data: dict[str, Any]) -> str | None:
    """The scope key of a ``users`` row: its team, the pool for a rep without one, or
    None (admins, and supervisors without a team)."""
    team = data.get("team_id")
    if team:
        return str(team)
    return POOL if data.get("role") == "rep" else None


def account_team(scope_team: str | None) -> str | None:
    """The account's ``team_id`` for a users row's scope key (the pool is no team)."""
    return None if scope_team == POOL else scope_team


def personal_key(user_id: str) -> str:
    return PERSONAL_PREFIX + user_id


def _visible(role: str, team: str | None) -> sa.ColumnElement[bool]:
    """The team rows (not the shared tables) a user of ``role`` in ``team`` reads."""
    conds: list[sa.ColumnElement[bool]] = []
    if team is not None and team != POOL:
        conds.append(rows.c.team_id == team)
    if role == "supervisor":
        conds.append(sa.and_(rows.c.table_name == "users", rows.c.team_id == POOL))
    return sa.or_(*conds) if conds else sa.false()


def _log_scope_change(
    conn: Connection,
    user_id: str,
    old: tuple[str, str | None],
    new: tuple[str, str | None],
    moved: list[tuple[str, str]],
    seq: int,
) -> None:
    """A user's scope changed at ``seq`` (``old``/``new``: role and scope key): log, under
    the user's personal key, ``left`` for every row they could read and no longer can and
    ``upsert`` for every row they now read and could not, so their own devices converge
    at the next pull from any cursor (the team logs only reach the team's devices).

    ``moved``: rows that changed team in this transaction (the user's row and what
    followed it), judged by where they are now. One entry per row: an earlier personal
    entry of a row is replaced. Admins read everything and need none.
    """
    if "admin" in (old[0], new[0]):
        return
    key = personal_key(user_id)
    cl = change_log
    was, now = _visible(*old), _visible(*new)
    conn.execute(
        sa.delete(cl).where(
            cl.c.team_id == key,
            sa.exists().where(
                rows.c.table_name == cl.c.table_name,
                rows.c.row_id == cl.c.row_id,
                sa.or_(was, now),
            ),
        )
    )
    columns = ["seq", "table_name", "row_id", "team_id", "op"]
    for op, cond in (("left", sa.and_(was, sa.not_(now))), ("upsert", sa.and_(now, sa.not_(was)))):
        conn.execute(
            sa.insert(cl).from_select(
                columns,
                sa.select(
                    sa.literal(seq, sa.BigInteger),
                    rows.c.table_name,
                    rows.c.row_id,
                    sa.literal(key, sa.String),
                    sa.literal(op, sa.String),
                )
                .where(cond)
                .order_by(rows.c.table_name, rows.c.row_id),
            )
        )
    # Rows that moved out of the old scope to where the user cannot read them (a rep
    # released to the pool: their own row, their tombstones) leave too. Rows that moved
    # into the new scope were covered above.
    role, team = new
    gone = sorted(
        {
            (t, r)
            for t, r in moved
            if not (
                (team is not None and team != POOL)
                or (role == "supervisor" and t == "users" and team == POOL)
            )
        }
    )
    for t, r in gone:
        conn.execute(
            sa.delete(cl).where(cl.c.team_id == key, cl.c.table_name == t, cl.c.row_id == r)
        )
    if gone:
        conn.execute(
            sa.insert(cl),
            [
                {"seq": seq, "table_name": t, "row_id": r, "team_id": key, "op": "left"}
                for t, r in gone
            ],
        )


def system_upsert(
    conn: Connection, table: str, row_id: str, data: dict[str, Any], team: str | None, now: float
) -> int:
    """Write a synced row on the server's own behalf (CLI: teams and users), holding
    every scope (a rare write that may move a user and their rows between any two)."""
    lock_everything(conn)
    seq = next_seq(conn)
    existing = conn.execute(
        sa.select(rows).where(rows.c.table_name == table, rows.c.row_id == row_id)
    ).first()
    fields = {f: data.get(f) for f in p.TABLES[table]}
    fv = {f: [seq, None, None] for f in fields}
    stamp = iso(now)
    if existing is None:
        conn.execute(
            sa.insert(rows).values(
                table_name=table,
                row_id=row_id,
                team_id=team,
                data=fields,
                version=seq,
                deleted=False,
                field_versions=fv,
                created_at=stamp,
                updated_at=stamp,
            )
        )
        _move_sums(conn, table, row_id, None, (team, seq, False, fields))
    else:
        conn.execute(
            sa.update(rows)
            .where(rows.c.table_name == table, rows.c.row_id == row_id)
            .values(data=fields, version=seq, field_versions=fv, team_id=team, updated_at=stamp)
        )
        _move_sums(
            conn,
            table,
            row_id,
            (existing.team_id, existing.version, existing.deleted, existing.data),
            (team, seq, existing.deleted, fields),
        )
        moved: list[tuple[str, str]] = [(table, row_id)]
        if existing.team_id != team:
            log_change(conn, seq, table, row_id, existing.team_id, "left")
            move_dependents(conn, table, row_id, existing.team_id, team, seq, moved)
        if table == "users":
            _user_scope_changed(conn, row_id, existing.team_id, team, moved, seq)
        if existing.team_id != team:
            from .integrity import settle_crossings  # integrity builds on this module

            settle_crossings(conn, moved, seq)
    log_change(conn, seq, table, row_id, team, "upsert")
    return seq


def _user_scope_changed(
    conn: Connection,
    user_id: str,
    old_team: str | None,
    new_team: str | None,
    moved: list[tuple[str, str]],
    seq: int,
    new_role: str | None = None,
) -> None:
    """A ``users`` row changed at ``seq``: the account follows its team and, between rep
    and supervisor, its role (at its next request: a demoted supervisor approves
    nothing more), and the user's own devices get their personal change-log entries
    (:func:`_log_scope_change`). Changes to or from admin are refused before this
    (``rules._check_membership``): admins are made by the CLI."""
    role = conn.execute(sa.select(users.c.role).where(users.c.id == user_id)).scalar()
    if role is None:
        return
    target = new_role if new_role in ("rep", "supervisor") and role != "admin" else role
    if old_team == new_team and target == role:
        return
    conn.execute(
        sa.update(users)
        .where(users.c.id == user_id)
        .values(team_id=account_team(new_team), role=target)
    )
    _log_scope_change(conn, user_id, (role, old_team), (target, new_team), moved, seq)


def can_see(caller: Caller, table: str, team: str | None) -> bool:
    if caller.role == "admin" or table in p.SHARED_TABLES:
        return True
    if team == POOL:  # the pool's reps: read (and taken in) by supervisors only
        return caller.role == "supervisor" and table == "users"
    return team is not None and team == caller.team_id


def _scope(
    caller: Caller, table_col: sa.ColumnElement[str], team_col: sa.ColumnElement[Any]
) -> sa.ColumnElement[bool]:
    """Rows (or change-log entries) of the caller's scope: their team's, the shared
    tables', and for supervisors the pool's ``users`` rows."""
    if caller.role == "admin":
        return sa.true()
    conds: list[sa.ColumnElement[bool]] = [table_col.in_(sorted(p.SHARED_TABLES))]
    if caller.team_id is not None:
        conds.append(team_col == caller.team_id)
    if caller.role == "supervisor":
        conds.append(sa.and_(team_col == POOL, table_col == "users"))
    return sa.or_(*conds)


def row_checksum(row_id: str, version: int) -> int:
    """A row's share of the ids-and-versions sums (clients before ``CONTENT_SUMS_FROM``)."""
    return p.version_hash(row_id, version)
