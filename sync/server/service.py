"""The sync server's logic, independent of HTTP: accounts, tokens, push, pull and verify.

Implements docs/sync-protocol.md: each pushed mutation is applied at most once per
device in its own transaction together with its stored answer; fields are merged
against ``base_version`` with the per-field change sequence kept in ``field_versions``;
the change sequence comes from the one-row ``sync_counter``, locked first in every
writing transaction, so sequence order is commit order.
Threading: functions take an ``Engine`` or a ``Connection``; a connection belongs to one
thread. Lock order in a push transaction: ``device_state`` row, then ``sync_counter``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import secrets
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pydantic_core
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.dialects import postgresql as pg_dialect, sqlite as sqlite_dialect
from sqlalchemy.engine import Connection, Engine

from sync import protocol as p

from .db import (
    change_log,
    conflicts,
    device_state,
    devices,
    mutation_results,
    photos_blobs,
    rows,
    scope_sums,
    sync_counter,
    teams,
    users,
)

ROLES = ("rep", "supervisor", "admin")
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


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- accounts


def next_seq(conn: Connection) -> int:
    """Increment the one-row counter inside the caller's transaction and return it."""
    stmt = (
        sa.update(sync_counter)
        .where(sync_counter.c.id == 1)
        .values(value=sync_counter.c.value + 1)
        .returning(sync_counter.c.value)
    )
    return int(conn.execute(stmt).scalar_one())


def _team_cond(col: sa.ColumnElement[Any], team: str | None) -> sa.ColumnElement[bool]:
    return col.is_(None) if team is None else col == team


def log_change(
    conn: Connection, seq: int, table: str, row_id: str, team: str | None, op: str
) -> None:
    """One change-log entry per (row, team): older entries of that pair are replaced."""
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


def _move_sums(
    conn: Connection,
    table: str,
    row_id: str,
    old: tuple[str | None, int] | None,
    new: tuple[str | None, int] | None,
) -> None:
    """Move a row's share of the verify sums from ``old`` to ``new`` (team, version).

    Runs in the writer's transaction after :func:`next_seq`, which serialises writers,
    so the read-modify-write of ``scope_sums`` cannot interleave.
    """
    deltas: dict[str, list[int]] = {}
    if old is not None:
        entry = deltas.setdefault(old[0] or "", [0, 0])
        entry[0] -= 1
        entry[1] -= row_checksum(row_id, old[1])
    if new is not None:
        entry = deltas.setdefault(new[0] or "", [0, 0])
        entry[0] += 1
        entry[1] += row_checksum(row_id, new[1])
    ss = scope_sums
    for team_key, (d_count, d_sum) in deltas.items():
        if d_count == 0 and d_sum % _MOD64 == 0:
            continue
        where = sa.and_(ss.c.team_key == team_key, ss.c.table_name == table)
        current = conn.execute(sa.select(ss.c.row_count, ss.c.checksum).where(where)).first()
        if current is None:
            conn.execute(
                sa.insert(ss).values(
                    team_key=team_key,
                    table_name=table,
                    row_count=d_count,
                    checksum=_signed64(d_sum),
                )
            )
        else:
            conn.execute(
                sa.update(ss)
                .where(where)
                .values(
                    row_count=current.row_count + d_count,
                    checksum=_signed64(current.checksum + d_sum),
                )
            )


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
    transaction (after :func:`next_seq`).
    """
    found = _dependents(conn, table, row_id, old_team)
    for child, r in found:
        conn.execute(
            sa.update(rows)
            .where(rows.c.table_name == child, rows.c.row_id == r.row_id)
            .values(team_id=new_team)
        )
        _move_sums(conn, child, r.row_id, (old_team, r.version), (new_team, r.version))
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
    """Write a synced row on the server's own behalf (CLI: teams and users)."""
    conn.execute(sa.select(sync_counter.c.value).where(sync_counter.c.id == 1).with_for_update())
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
        _move_sums(conn, table, row_id, None, (team, seq))
    else:
        conn.execute(
            sa.update(rows)
            .where(rows.c.table_name == table, rows.c.row_id == row_id)
            .values(data=fields, version=seq, field_versions=fv, team_id=team, updated_at=stamp)
        )
        _move_sums(conn, table, row_id, (existing.team_id, existing.version), (team, seq))
        moved: list[tuple[str, str]] = [(table, row_id)]
        if existing.team_id != team:
            log_change(conn, seq, table, row_id, existing.team_id, "left")
            move_dependents(conn, table, row_id, existing.team_id, team, seq, moved)
        if table == "users":
            _user_scope_changed(conn, row_id, existing.team_id, team, moved, seq)
    log_change(conn, seq, table, row_id, team, "upsert")
    return seq


def _user_scope_changed(
    conn: Connection,
    user_id: str,
    old_team: str | None,
    new_team: str | None,
    moved: list[tuple[str, str]],
    seq: int,
) -> None:
    """A ``users`` row changed scope at ``seq``: the account follows (its scope at its next
    request) and the user's own devices get their personal change-log entries
    (:func:`_log_scope_change`). The account's role is its own (the CLI's)."""
    if old_team == new_team:
        return
    role = conn.execute(sa.select(users.c.role).where(users.c.id == user_id)).scalar()
    conn.execute(
        sa.update(users).where(users.c.id == user_id).values(team_id=account_team(new_team))
    )
    if role is not None:
        _log_scope_change(conn, user_id, (role, old_team), (role, new_team), moved, seq)


def create_team(engine: Engine, name: str, now: float) -> str:
    name = name.strip()
    if not name or len(name) > 200:
        raise ServiceError(400, "invalid_name", "a team name has 1 to 200 characters")
    with engine.begin() as conn:
        if conn.execute(sa.select(teams.c.id).where(teams.c.name == name)).first():
            raise ServiceError(409, "duplicate", f"team {name!r} exists")
        team_id = str(uuid.uuid4())
        conn.execute(sa.insert(teams).values(id=team_id, name=name, created_at=int(now)))
        system_upsert(conn, "teams", team_id, {"name": name}, team_id, now)
    return team_id


def _team_id(conn: Connection, team: str) -> str:
    row = conn.execute(
        sa.select(teams.c.id).where(sa.or_(teams.c.name == team, teams.c.id == team))
    ).first()
    if row is None:
        raise ServiceError(404, "not_found", f"no team {team!r}")
    return str(row.id)


def check_password(password: str) -> None:
    if len(password) < 8 or len(password) > 1024:
        raise ServiceError(400, "weak_password", "a password has 8 to 1024 characters")


def create_user(
    engine: Engine,
    name: str,
    role: str,
    team: str | None,
    password: str,
    now: float,
    hasher: PasswordHasher,
) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise ServiceError(400, "invalid_name", "a user name has 1 to 100 characters")
    if role not in ROLES:
        raise ServiceError(400, "invalid_role", f"role is one of {', '.join(ROLES)}")
    if role != "admin" and not team:
        raise ServiceError(400, "team_required", "reps and supervisors belong to a team")
    check_password(password)
    pw_hash = hasher.hash(password)
    with engine.begin() as conn:
        team_id = _team_id(conn, team) if team else None
        if conn.execute(sa.select(users.c.id).where(users.c.name == name)).first():
            raise ServiceError(409, "duplicate", f"user {name!r} exists")
        user_id = str(uuid.uuid4())
        conn.execute(
            sa.insert(users).values(
                id=user_id,
                name=name,
                role=role,
                team_id=team_id,
                password_hash=pw_hash,
                created_at=int(now),
            )
        )
        data = {"name": name, "role": role, "team_id": team_id, "mobile": None}
        system_upsert(conn, "users", user_id, data, team_id, now)
    return user_id


def move_user(engine: Engine, name: str, team: str | None, now: float) -> int:
    """Move a rep or supervisor to another team, or a rep to the unassigned pool (``team``
    None); return how many of their rows moved with them (their shops, events and KOCs,
    and everything hanging off those). The pool takes no live data (``rep_has_data``)."""
    with engine.begin() as conn:
        account = conn.execute(sa.select(users).where(users.c.name == name)).first()
        if account is None:
            raise ServiceError(404, "not_found", f"no user {name!r}")
        if account.role == "admin":
            raise ServiceError(400, "invalid_role", "admins belong to no team")
        synced = _lookup(conn, "users", account.id)
        if team is None:
            if account.role != "rep":
                raise ServiceError(400, "invalid_role", "only reps wait in the unassigned pool")
            team_id, scope = None, POOL
            if account.team_id is None and (synced is None or synced.team_id == POOL):
                return 0
            if synced is not None and has_live_data(conn, account.id, synced.team_id):
                raise ServiceError(
                    409,
                    "rep_has_data",
                    f"{name} still has live shops, KOCs or events: reassign them first",
                )
        else:
            team_id = scope = _team_id(conn, team)
            if account.team_id == team_id:
                return 0
        conn.execute(sa.update(users).where(users.c.id == account.id).values(team_id=team_id))
        data = dict(synced.data) if synced is not None else {"name": name, "role": account.role}
        in_team = sa.select(sa.func.count()).select_from(rows).where(rows.c.team_id == scope)
        before = int(conn.execute(in_team).scalar_one())
        system_upsert(conn, "users", account.id, data | {"team_id": team_id}, scope, now)
        return int(conn.execute(in_team).scalar_one()) - before - 1


def reset_password(engine: Engine, name: str, password: str, hasher: PasswordHasher) -> None:
    check_password(password)
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(users).where(users.c.name == name).values(password_hash=hasher.hash(password))
        )
        if result.rowcount != 1:
            raise ServiceError(404, "not_found", f"no user {name!r}")


def revoke_device(engine: Engine, device_id: str) -> None:
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(devices).where(devices.c.id == device_id).values(revoked=True)
        )
        if result.rowcount != 1:
            raise ServiceError(404, "not_found", f"no device {device_id!r}")


def list_devices(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        q = (
            sa.select(
                devices.c.id,
                devices.c.name,
                users.c.name.label("user"),
                devices.c.revoked,
                devices.c.expires_at,
                devices.c.last_seen_at,
            )
            .join(users, users.c.id == devices.c.user_id)
            .order_by(users.c.name, devices.c.id)
        )
        return [dict(r._mapping) for r in conn.execute(q)]


# --------------------------------------------------------------------------- auth


def login(
    engine: Engine,
    req: p.LoginRequest,
    now: float,
    hasher: PasswordHasher,
    ttl: float,
) -> tuple[p.LoginResponse | None, bool]:
    """Check the password and issue a token; ``(None, False)`` for bad credentials."""
    for name in ("device_id", "device_name"):  # PostgreSQL text cannot hold NUL: no 500
        if "\x00" in getattr(req, name):
            raise ServiceError(422, "invalid_request", f"{name} must not contain NUL", name)
    with engine.connect() as conn:
        user = None
        if "\x00" not in req.username:  # no user name holds NUL
            user = conn.execute(sa.select(users).where(users.c.name == req.username)).first()
    try:
        stored = user.password_hash if user is not None else hasher.hash(_DUMMY_HASH_SOURCE)
        hasher.verify(stored, req.password)
        ok = user is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None:
        return None, False
    token = secrets.token_urlsafe(32)
    expires = now + ttl
    with engine.begin() as conn:
        dev = conn.execute(sa.select(devices).where(devices.c.id == req.device_id)).first()
        if dev is not None and dev.revoked:
            raise ServiceError(401, "device_revoked", "this device was revoked")
        if dev is not None and dev.user_id != user.id:
            raise ServiceError(409, "device_in_use", "this device belongs to another user")
        values = {
            "token_hash": hash_token(token),
            "expires_at": int(expires),
            "name": req.device_name,
            "last_seen_at": int(now),
        }
        if dev is None:
            conn.execute(
                sa.insert(devices).values(
                    id=req.device_id, user_id=user.id, revoked=False, created_at=int(now), **values
                )
            )
            conn.execute(sa.insert(device_state).values(device_id=req.device_id, last_seq=0))
        else:
            conn.execute(sa.update(devices).where(devices.c.id == req.device_id).values(**values))
    info = p.UserInfo(id=user.id, name=user.name, role=user.role, team_id=user.team_id)
    return p.LoginResponse(token=token, expires_at=iso(expires), user=info), True


def authenticate(engine: Engine, token: str, now: float) -> Caller:
    if not token or len(token) > 200:
        raise ServiceError(401, "invalid_token", "missing or malformed token")
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(devices, users.c.name, users.c.role, users.c.team_id)
            .join(users, users.c.id == devices.c.user_id)
            .where(devices.c.token_hash == hash_token(token))
        ).first()
    if row is None:
        raise ServiceError(401, "invalid_token", "unknown token")
    if row.revoked:
        raise ServiceError(401, "device_revoked", "this device was revoked")
    if row.expires_at <= now:
        raise ServiceError(401, "token_expired", "the token has expired; log in again")
    return Caller(
        user_id=row.user_id, name=row.name, role=row.role, team_id=row.team_id, device_id=row.id
    )


# --------------------------------------------------------------------------- scope


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


# --------------------------------------------------------------------------- values


def check_value(spec: p.FieldSpec, value: Any) -> str | None:
    """The error code for ``value`` in a field of ``spec``, or None when it is fine."""
    if value is None:
        return None if spec.nullable else "required"
    kind = spec.kind
    if kind in ("text", "ref", "enum", "date", "datetime") and not isinstance(value, str):
        return "invalid_type"
    if kind in ("text", "ref"):
        if kind == "ref" and "\x00" in value:
            return "not_found"  # no row id holds NUL (PostgreSQL text cannot)
        if not value.strip():
            return None if spec.nullable else "required"
        if spec.max_length is not None and len(value) > spec.max_length:
            return "too_long"
        if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
            return spec.pattern_error
        return None
    if kind == "enum":
        return None if value in spec.choices else "invalid_choice"
    if kind == "date":
        try:
            date.fromisoformat(value[:10])
            if len(value) != 10:
                return "invalid_date"
        except ValueError:
            return "invalid_date"
        return None
    if kind == "datetime":
        try:
            if len(value) > 40:
                return "invalid_datetime"
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return "invalid_datetime"
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else "invalid_type"
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "not_a_whole_number"
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "not_a_number"
        if isinstance(value, float) and not math.isfinite(value):
            return "not_a_number"
    lo, hi = spec.min_value, spec.max_value
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        return "out_of_range"
    return None


# --------------------------------------------------------------------------- push


def _answer(
    m: p.MutationIn,
    status: str,
    version: int,
    *,
    conflict_ids: list[int] | None = None,
    error: Reject | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "mutation_id": m.mutation_id,
        "seq": m.seq,
        "status": status,
        "version": version,
    }
    if conflict_ids:
        out["conflict_id"] = conflict_ids[0]
        out["conflict_ids"] = conflict_ids
    if error is not None:
        out["error"] = {"code": error.code, "field": error.field}
    return out


def push(engine: Engine, caller: Caller, req: p.PushRequest, now: float) -> p.PushResponse:
    if req.device_id != caller.device_id:
        raise ServiceError(403, "device_mismatch", "device_id is not the token's device")
    for i, m in enumerate(req.mutations):  # stored as text columns: PostgreSQL refuses NUL
        for name in ("mutation_id", "created_at"):
            if "\x00" in getattr(m, name):
                raise ServiceError(
                    422, "invalid_request", f"{name} must not contain NUL", f"mutations.{i}.{name}"
                )
    # One transaction for the whole batch (one commit, one fsync), each mutation in its
    # own savepoint: a rejected mutation changes nothing and never blocks the others.
    with engine.begin() as conn:
        conn.execute(
            sa.select(sync_counter.c.value).where(sync_counter.c.id == 1).with_for_update()
        )
        results = [_apply_mutation(conn, caller, m, now) for m in req.mutations]
    return p.PushResponse(results=[p.MutationResult.model_validate(r) for r in results])


def _apply_mutation(
    conn: Connection, caller: Caller, m: p.MutationIn, now: float
) -> dict[str, Any]:
    """Apply one mutation at most once, with its stored answer, in the push's transaction
    (which holds the change-counter lock)."""
    last_seq = conn.execute(
        sa.select(device_state.c.last_seq)
        .where(device_state.c.device_id == caller.device_id)
        .with_for_update()
    ).scalar()
    if last_seq is None:
        conn.execute(sa.insert(device_state).values(device_id=caller.device_id, last_seq=0))
        last_seq = 0
    if m.seq <= last_seq:
        stored = conn.execute(
            sa.select(mutation_results.c.answer).where(
                mutation_results.c.device_id == caller.device_id,
                mutation_results.c.seq == m.seq,
            )
        ).scalar()
        if stored is not None:
            return dict(stored)
        return _answer(m, "rejected", 0, error=Reject("stale_seq"))
    nested = conn.begin_nested()
    try:
        answer = _merge(conn, caller, m, now)
        nested.commit()
    except Reject as rej:
        nested.rollback()
        answer = _answer(m, "rejected", 0, error=rej)
    conn.execute(
        sa.insert(mutation_results).values(
            device_id=caller.device_id, seq=m.seq, mutation_id=m.mutation_id, answer=answer
        )
    )
    conn.execute(
        sa.update(device_state)
        .where(device_state.c.device_id == caller.device_id)
        .values(last_seq=m.seq)
    )
    return answer


def _lookup(conn: Connection, table: str, row_id: str) -> Any:
    return conn.execute(
        sa.select(rows).where(rows.c.table_name == table, rows.c.row_id == row_id)
    ).first()


def _validate(m: p.MutationIn, spec: dict[str, p.FieldSpec], is_new: bool) -> dict[str, Any]:
    """Check fields and values; the new values by field."""
    if m.op == "delete":
        extra = set(m.changes) - {"deleted"}
        if extra:
            raise Reject("invalid_format", sorted(extra)[0])
        return {}
    new: dict[str, Any] = {}
    for field, change in m.changes.items():
        if field in p.META_FIELDS:
            raise Reject("read_only", field)
        if field not in spec:
            raise Reject("unknown_field", field)
        code = check_value(spec[field], change.new)
        if code is not None:
            raise Reject(code, field)
        new[field] = change.new
    if is_new:
        for field, fs in spec.items():
            if not fs.nullable and new.get(field) is None:
                raise Reject("required", field)
    return new


def _check_refs(
    conn: Connection, caller: Caller, spec: dict[str, p.FieldSpec], new: dict[str, Any]
) -> None:
    for field, value in new.items():
        target = spec[field].ref
        if target is None or value is None:
            continue
        row = _lookup(conn, target, value)
        if row is None or row.deleted or not can_see(caller, target, row.team_id):
            raise Reject("not_found", field)


def _check_write(caller: Caller, table: str, new: dict[str, Any], current: dict[str, Any]) -> None:
    """Role rules: teams rows only by admins, users rows by admins and (their team's
    membership only, see :func:`_check_membership`) supervisors; review fields only by
    supervisors (of the row's team: the row is in their scope) and admins."""
    if table == "teams" and caller.role != "admin":
        raise Reject("forbidden")
    if table == "users" and caller.role == "rep":  # supervisors: _check_membership
        raise Reject("forbidden")
    if table == "kocs" and current.get("erased_at"):
        # An erased person stays erased: no personal field comes back, ever.
        if "erased_at" in new and not new["erased_at"]:
            raise Reject("erased", "erased_at")
        for field in p.PERSONAL_FIELDS["kocs"]:
            if field in new and new[field] != p.erased_value("kocs", field):
                raise Reject("erased", field)
    # The review history is the supervisor's record: reps never write it (the team check
    # is the scope's: a supervisor only reaches visits of their team).
    if table == "visit_reviews" and caller.role == "rep":
        raise Reject("forbidden")
    # A county's density target is the supervisor's call; a rep may still add a county.
    if (
        table == "counties"
        and caller.role == "rep"
        and current
        and "koc_target" in new
        and new["koc_target"] != current.get("koc_target")
    ):
        raise Reject("forbidden", "koc_target")
    # An approved visit is the supervisor's record: the rep's app locks it, and so does this.
    if table == "visits" and caller.role == "rep" and current.get("review_status") == "approved":
        changed = sorted(f for f in new if new[f] != current.get(f))
        if changed:
            raise Reject("forbidden", changed[0])
    if table == "visits" and caller.role == "rep":
        for field in sorted(p.REVIEW_FIELDS):
            if field in new and new[field] != current.get(field):
                raise Reject("forbidden", field)
        status = new.get("review_status")
        if status in p.REVIEW_STATUSES and status != current.get("review_status"):
            raise Reject("forbidden", "review_status")


def _check_membership(
    conn: Connection, caller: Caller, m: p.MutationIn, existing: Any, new: dict[str, Any]
) -> None:
    """Team membership (docs/sync-protocol.md "Team membership"): a supervisor changes
    only ``team_id`` of a live rep's row, only between their own team and none (the
    pool): taking a pool rep in, or releasing one of theirs. Nobody (admins included)
    releases a rep to the pool while rows that would follow them are live: the pool is
    read by no team, so their data would be orphaned (``rep_has_data``)."""
    current: dict[str, Any] = dict(existing.data) if existing is not None else {}
    old_team = current.get("team_id")
    new_team = new.get("team_id", old_team)
    if caller.role != "admin":
        if m.op != "update" or existing is None or existing.deleted:
            raise Reject("forbidden")
        for field in sorted(new):
            if field != "team_id" and new[field] != current.get(field):
                raise Reject("forbidden", field)
        own = caller.team_id
        if (
            current.get("role") != "rep"
            or own is None
            or old_team not in (own, None)
            or new_team not in (own, None)
        ):
            raise Reject("forbidden", "team_id")
    if (
        existing is not None
        and old_team
        and not new_team
        and m.op != "delete"
        and has_live_data(conn, m.row_id, existing.team_id)
    ):
        raise Reject("rep_has_data", "team_id")


def has_live_data(conn: Connection, user_id: str, team: str | None) -> bool:
    """Whether a live row would follow the user out of ``team`` (their shops, KOCs and
    events, and what hangs off those; deleted ones do not count)."""
    return any(not r.deleted for _, r in _dependents(conn, "users", user_id, team))


def _derive_team(
    conn: Connection,
    caller: Caller,
    table: str,
    row_id: str,
    data: dict[str, Any],
    old_team: str | None,
    exists: bool,
) -> str | None:
    if table in p.SHARED_TABLES:
        return None
    if table == "teams":
        return row_id
    if table == "users":
        return user_scope_team(data)
    spec = p.TABLES[table]
    for field in p.TEAM_FROM.get(table, ()):
        value = data.get(field)
        if value:
            target = spec[field].ref
            assert target is not None
            parent = _lookup(conn, target, value)
            if parent is not None:
                return parent.team_id  # type: ignore[no-any-return]
    return old_team if exists else caller.team_id


def _merge(conn: Connection, caller: Caller, m: p.MutationIn, now: float) -> dict[str, Any]:
    spec = p.TABLES.get(m.table)
    if spec is None:
        raise Reject("unknown_table")
    if "\x00" in m.row_id:  # PostgreSQL text cannot hold NUL: no such row, ever
        raise Reject("not_found")
    existing = _lookup(conn, m.table, m.row_id)
    if existing is not None and not can_see(caller, m.table, existing.team_id):
        raise Reject("not_found")  # same answer as a missing row: scope leaks nothing
    if m.table == "conflicts":
        _check_conflict_write(m)
    if existing is None and m.op != "insert":
        raise Reject("not_found")
    base = m.base_version if m.op != "insert" else 0
    new = _validate(m, spec, is_new=existing is None)
    _check_write(caller, m.table, new, dict(existing.data) if existing is not None else {})
    if m.table == "users":
        _check_membership(conn, caller, m, existing, new)
    if m.table == "shops" and new.get("code"):
        _check_shop_code(conn, m.row_id, str(new["code"]))
    if m.op != "delete":
        merged = (dict(existing.data) if existing is not None else {}) | new
        touched = set(spec) if existing is None else set(new)  # a new row: every rule
        broken = p.cross_field_error(m.table, merged, touched)
        if broken is not None:
            raise Reject(broken[1], broken[0])
    _check_refs(conn, caller, spec, new)

    if existing is not None and existing.deleted:
        if m.op == "delete":
            return _answer(m, "applied", existing.version)
        ids = [
            _record_conflict(
                conn,
                m,
                caller,
                existing,
                field,
                existing.data.get(field),
                value,
                "edit_delete",
                now,
            )
            for field, value in new.items()
        ]
        return _answer(m, "conflict", existing.version, conflict_ids=ids)

    author = [caller.user_id, caller.device_id]
    if existing is None:
        data = {f: new.get(f) for f in spec}
        team = _derive_team(conn, caller, m.table, m.row_id, data, None, False)
        if caller.role != "admin" and not can_see(caller, m.table, team):
            raise Reject("not_found")
        seq = next_seq(conn)
        conn.execute(
            sa.insert(rows).values(
                table_name=m.table,
                row_id=m.row_id,
                team_id=team,
                data=data,
                version=seq,
                deleted=False,
                field_versions={f: [seq, *author] for f in spec},
                created_at=m.created_at or iso(now),
                updated_at=m.created_at or iso(now),
                created_by=caller.user_id,
                updated_by=caller.user_id,
            )
        )
        _move_sums(conn, m.table, m.row_id, None, (team, seq))
        log_change(conn, seq, m.table, m.row_id, team, "upsert")
        return _answer(m, "applied", seq)

    data = dict(existing.data)
    fv = {k: list(v) for k, v in existing.field_versions.items()}
    deleted = m.op == "delete"
    team = existing.team_id
    if not deleted:
        team = _derive_team(conn, caller, m.table, m.row_id, data | new, existing.team_id, True)
        if caller.role != "admin" and not can_see(caller, m.table, team):
            raise Reject("not_found")
    seq = next_seq(conn)
    conflict_ids: list[int] = []
    for field, value in new.items():
        last = fv.get(field)
        # A device's own earlier write is no race: it made this edit on top of it.
        own = last is not None and len(last) > 2 and last[2] == caller.device_id
        if last is not None and last[0] > base and data.get(field) != value and not own:
            conflict_ids.append(
                _record_conflict(
                    conn,
                    m,
                    caller,
                    existing,
                    field,
                    data.get(field),
                    value,
                    "field",
                    now,
                    seq,
                    last,
                )
            )
        data[field] = value
        fv[field] = [seq, *author]
    if deleted:
        fv["deleted"] = [seq, *author]
    if m.table == "kocs" and data.get("erased_at") and not existing.data.get("erased_at"):
        for field in p.PERSONAL_FIELDS["kocs"]:
            data[field] = p.erased_value("kocs", field)
            fv[field] = [seq, *author]
        _erase_around(conn, m.row_id, existing.team_id, seq)
    conn.execute(
        sa.update(rows)
        .where(rows.c.table_name == m.table, rows.c.row_id == m.row_id)
        .values(
            data=data,
            field_versions=fv,
            version=seq,
            deleted=deleted,
            team_id=team,
            updated_at=m.created_at or iso(now),
            updated_by=caller.user_id,
        )
    )
    _move_sums(conn, m.table, m.row_id, (existing.team_id, existing.version), (team, seq))
    moved: list[tuple[str, str]] = [(m.table, m.row_id)]
    if team != existing.team_id:
        log_change(conn, seq, m.table, m.row_id, existing.team_id, "left")
        move_dependents(conn, m.table, m.row_id, existing.team_id, team, seq, moved)
    if m.table == "users" and not deleted:
        _user_scope_changed(conn, m.row_id, existing.team_id, team, moved, seq)
    log_change(conn, seq, m.table, m.row_id, team, "upsert")
    if m.table == "conflicts" and m.row_id.isdigit():
        # Keep the server's own record in step with the synced row.
        conn.execute(
            sa.update(conflicts)
            .where(conflicts.c.id == int(m.row_id))
            .values(resolved=bool(data.get("resolved")))
        )
    if conflict_ids:
        return _answer(m, "conflict", seq, conflict_ids=conflict_ids)
    return _answer(m, "applied", seq)


def _system_update(
    conn: Connection, table: str, row: Any, changes: dict[str, Any], seq: int
) -> None:
    """Change fields of a stored row on the server's behalf at change ``seq`` (new
    version, change-log entry, verify sums), in the caller's transaction."""
    data = dict(row.data) | changes
    fv = {k: list(v) for k, v in row.field_versions.items()} | {
        f: [seq, None, None] for f in changes
    }
    conn.execute(
        sa.update(rows)
        .where(rows.c.table_name == table, rows.c.row_id == row.row_id)
        .values(data=data, field_versions=fv, version=seq)
    )
    _move_sums(conn, table, row.row_id, (row.team_id, row.version), (row.team_id, seq))
    log_change(conn, seq, table, row.row_id, row.team_id, "upsert")


def _erase_around(conn: Connection, koc_id: str, team: str | None, seq: int) -> None:
    """What else holds an erased KOC's personal data: the notes of their shop links and
    invitations, and conflicts that kept a personal value. All cleared at ``seq``."""
    personal: dict[str, set[str]] = {"kocs": {koc_id}}
    for table in ("koc_shops", "invitations"):
        q = sa.select(rows).where(rows.c.table_name == table, _team_cond(rows.c.team_id, team))
        for row in conn.execute(q).all():
            if row.data.get("koc_id") != koc_id:
                continue
            personal.setdefault(table, set()).add(row.row_id)
            cleared = {f: None for f in p.PERSONAL_FIELDS[table] if row.data.get(f) is not None}
            if cleared:
                _system_update(conn, table, row, cleared, seq)
    for table, ids in personal.items():
        fields = sorted(p.PERSONAL_FIELDS[table])
        found = conn.execute(
            sa.select(conflicts.c.id).where(
                conflicts.c.table_name == table,
                conflicts.c.row_id.in_(sorted(ids)),
                conflicts.c.field.in_(fields),
            )
        ).all()
        for (conflict_id,) in found:
            conn.execute(
                sa.update(conflicts)
                .where(conflicts.c.id == conflict_id)
                .values(winning_value=None, losing_value=None)
            )
            synced = _lookup(conn, "conflicts", str(conflict_id))
            if synced is not None:
                _system_update(
                    conn, "conflicts", synced, {"kept_value": None, "lost_value": None}, seq
                )


def _check_shop_code(conn: Connection, row_id: str, code: str) -> None:
    """Head-office shop codes are unique among live shops, whatever their case or team
    (devices check the same before a write; this decides between devices)."""
    code_col = rows.c.data["code"].as_string()
    clash = conn.execute(
        sa.select(rows.c.row_id)
        .where(
            rows.c.table_name == "shops",
            rows.c.deleted.is_(False),
            rows.c.row_id != row_id,
            sa.func.lower(code_col) == code.lower(),
        )
        .limit(1)
    ).first()
    if clash is not None:
        raise Reject("duplicate", "code")


def _check_conflict_write(m: p.MutationIn) -> None:
    """Devices only settle conflicts: ``update`` of ``resolved``/``resolution``."""
    if m.op != "update":
        raise Reject("forbidden")
    for field in sorted(m.changes):
        if field not in p.CONFLICT_WRITABLE:
            raise Reject("read_only", field)


def _record_conflict(
    conn: Connection,
    m: p.MutationIn,
    caller: Caller,
    existing: Any,
    field: str,
    server_value: Any,
    mutation_value: Any,
    kind: str,
    now: float,
    seq: int | None = None,
    last: list[Any] | None = None,
) -> int:
    """Store a lost value. ``field``: the server value is replaced by the mutation's (the
    mutation wins); ``edit_delete``: the row stays deleted and the edit's value is kept."""
    if kind == "field":
        assert last is not None
        values = {
            "winning_value": mutation_value,
            "losing_value": server_value,
            "winning_user": caller.user_id,
            "winning_device": caller.device_id,
            "winning_seq": seq,
            "losing_user": last[1],
            "losing_device": last[2],
            "losing_seq": last[0],
        }
    else:
        deleted_by = existing.field_versions.get("deleted") or [existing.version, None, None]
        values = {
            "winning_value": server_value,
            "losing_value": mutation_value,
            "winning_user": deleted_by[1],
            "winning_device": deleted_by[2],
            "winning_seq": deleted_by[0],
            "losing_user": caller.user_id,
            "losing_device": caller.device_id,
            "losing_seq": None,
        }
    result = conn.execute(
        sa.insert(conflicts)
        .values(
            table_name=m.table,
            row_id=m.row_id,
            team_id=existing.team_id,
            field=field,
            kind=kind,
            client_created_at=m.created_at,
            resolved=False,
            **values,
        )
        .returning(conflicts.c.id)
    )
    conflict_id = int(result.scalar_one())
    if kind == "field":
        # The losing value's client time is the row's, when its write was the last one.
        lost_time = existing.updated_at if last and last[0] == existing.version else None
    else:
        lost_time = m.created_at or None
    _publish_conflict(
        conn,
        conflict_id,
        existing.team_id,
        now,
        {
            "table_name": m.table,
            "row_id": m.row_id,
            "field": field,
            "kept_value": _json_text(values["winning_value"]),
            "lost_value": _json_text(values["losing_value"]),
            "kept_by": values["winning_user"],
            "lost_by": values["losing_user"],
            "kept_device": values["winning_device"],
            "lost_device": values["losing_device"],
            "kept_seq": values["winning_seq"],
            "lost_seq": values["losing_seq"],
            "lost_client_time": lost_time,
            "resolved": False,
            "resolution": None,
        },
        seq,
    )
    return conflict_id


def _json_text(value: Any) -> str:
    """A field value as the client's ``conflicts`` table keeps it: JSON text."""
    return json.dumps(value, ensure_ascii=False)


def _publish_conflict(
    conn: Connection,
    conflict_id: int,
    team: str | None,
    now: float,
    data: dict[str, Any],
    seq: int | None,
) -> None:
    """Write a conflict as a synced ``conflicts`` row (id: the conflict's id as text) with
    its change-log entry, in the caller's transaction, so devices pull it like any row.
    ``seq``: the change sequence of the write that replaced the value (None: a new one)."""
    if seq is None:
        seq = next_seq(conn)
    row_id = str(conflict_id)
    fields = {f: data.get(f) for f in p.TABLES["conflicts"]}
    stamp = iso(now)
    conn.execute(
        sa.insert(rows).values(
            table_name="conflicts",
            row_id=row_id,
            team_id=team,
            data=fields,
            version=seq,
            deleted=False,
            field_versions={f: [seq, None, None] for f in fields},
            created_at=stamp,
            updated_at=stamp,
        )
    )
    _move_sums(conn, "conflicts", row_id, None, (team, seq))
    log_change(conn, seq, "conflicts", row_id, team, "upsert")


# --------------------------------------------------------------------------- pull and verify


def _row_payload(r: Any, hidden: tuple[str, ...] | None = None) -> dict[str, Any]:
    data = r.data if not hidden else {k: v for k, v in r.data.items() if k not in hidden}
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


def pull(
    engine: Engine, caller: Caller, cursor: int, limit: int, *, schema: int = p.SCHEMA_VERSION
) -> PullPage:
    """Changes in the caller's scope after ``cursor``, in change order; a client of an
    older ``schema`` gets neither the tables nor the fields it does not know."""
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
    with engine.connect() as conn:
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
            "op": r.op,
            "version": r.version,
            "row": _row_payload(r, hidden.get(r.table_name)) if r.op == "upsert" else None,
        }
        for r in found
    ]
    next_cursor = found[-1].seq if found else cursor
    return PullPage(changes=changes, cursor=next_cursor, more=more)


def row_checksum(row_id: str, version: int) -> int:
    digest = hashlib.sha256(f"{row_id}:{version}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def verify(engine: Engine, caller: Caller, *, schema: int = p.SCHEMA_VERSION) -> p.VerifyResponse:
    """Count and checksum per table over the caller's scope, from the running sums
    (without the tables a client of an older ``schema`` does not have)."""
    hidden = {t for t, fields in p.hidden_from(schema).items() if not fields}
    sums = {t: [0, 0] for t in p.TABLES if t not in hidden}
    ss = scope_sums
    q = sa.select(ss.c.team_key, ss.c.table_name, ss.c.row_count, ss.c.checksum)
    if caller.role != "admin":
        q = q.where(_scope(caller, ss.c.table_name, ss.c.team_key))
    with engine.connect() as conn:
        for r in conn.execute(q):
            if r.table_name in hidden:
                continue
            acc = sums.setdefault(r.table_name, [0, 0])
            acc[0] += r.row_count
            acc[1] = (acc[1] + r.checksum) % _MOD64
    return p.VerifyResponse(
        tables={t: p.TableSum(count=c, checksum=s) for t, (c, s) in sums.items()}
    )


def rebuild_scope_sums(conn: Connection) -> None:
    """Recompute ``scope_sums`` from every row, in the caller's transaction.

    For tools that load ``rows`` directly (the sync benchmark); the service's own
    writes keep the sums in step.
    """
    acc: dict[tuple[str, str], list[int]] = {}
    for r in conn.execute(
        sa.select(rows.c.table_name, rows.c.team_id, rows.c.row_id, rows.c.version)
    ):
        entry = acc.setdefault((r.team_id or "", r.table_name), [0, 0])
        entry[0] += 1
        entry[1] += row_checksum(r.row_id, r.version)
    conn.execute(sa.delete(scope_sums))
    if acc:
        conn.execute(
            sa.insert(scope_sums),
            [
                {"team_key": t, "table_name": n, "row_count": c, "checksum": _signed64(s)}
                for (t, n), (c, s) in sorted(acc.items())
            ],
        )


def verify_by_rows(engine: Engine, caller: Caller) -> p.VerifyResponse:
    """What :func:`verify` answers, recomputed from every row in scope (slow; for checks)."""
    sums = {t: [0, 0] for t in p.TABLES}
    q = sa.select(rows.c.table_name, rows.c.row_id, rows.c.version).where(
        _scope(caller, rows.c.table_name, rows.c.team_id)
    )
    with engine.connect() as conn:
        for r in conn.execute(q):
            acc = sums.setdefault(r.table_name, [0, 0])
            acc[0] += 1
            acc[1] = (acc[1] + row_checksum(r.row_id, r.version)) % _MOD64
    return p.VerifyResponse(
        tables={t: p.TableSum(count=c, checksum=s) for t, (c, s) in sums.items()}
    )


# --------------------------------------------------------------------------- photos

_SHA256 = re.compile(p.SHA256_PATTERN)


def check_sha256(value: str) -> str:
    """``value`` if it is 64 lowercase hex digits, else a 422 ``invalid_sha256``."""
    if len(value) != 64 or not _SHA256.fullmatch(value):
        raise ServiceError(422, "invalid_sha256", "64 lowercase hex digits expected", "sha256")
    return value


def default_photos_dir(database_url: str) -> Path:
    """Beside a SQLite file (``<name>-photos``); a fresh temporary folder otherwise."""
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.with_name(db.stem + "-photos")
    return Path(tempfile.mkdtemp(prefix="fieldapp-server-photos-"))


class PhotoFiles:
    """Where photo files live: kept ones at ``<root>/<sha[:2]>/<sha>``, uploads in
    progress at ``<root>/incoming/<sha>.part``. Written only inside the blob row's
    transaction (its row lock on PostgreSQL, the single writer on SQLite)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def final(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def part(self, sha: str) -> Path:
        return self.root / "incoming" / f"{sha}.part"


def _upload_answer(received: int, size: int, complete: bool) -> p.PhotoUploadResponse:
    return p.PhotoUploadResponse(offset=received, length=size, complete=complete)


def _received(files: PhotoFiles, row: Any) -> int:
    """The bytes really held for ``row``: a kept file that vanished, or a part file
    shorter than recorded (a crash before fsync), counts for what is on disk."""
    if row.complete:
        return int(row.size) if files.final(row.sha256).is_file() else 0
    part = files.part(row.sha256)
    on_disk = part.stat().st_size if part.is_file() else 0
    return min(int(row.received), on_disk)


def photo_offset(engine: Engine, files: PhotoFiles, sha: str) -> tuple[int, int] | None:
    """``(received, size)`` of the upload of ``sha``, or None when none started."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(photos_blobs).where(photos_blobs.c.sha256 == sha)).first()
    if row is None:
        return None
    return _received(files, row), int(row.size)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def photo_append(
    engine: Engine,
    files: PhotoFiles,
    caller: Caller,
    sha: str,
    offset: int,
    length: int,
    chunk: bytes,
    now: float,
) -> p.PhotoUploadResponse:
    """Write ``chunk`` at ``offset`` of the upload of ``sha`` (``length`` bytes in all).

    Bytes already received are ignored (idempotent); a gap is 409 ``offset_mismatch``
    with the current offset; when ``length`` is reached the SHA-256 is checked and the
    file kept, or the upload discarded with 422 ``hash_mismatch``.
    """
    mismatch = False
    with engine.begin() as conn:
        ins = pg_dialect.insert if conn.dialect.name == "postgresql" else sqlite_dialect.insert
        conn.execute(
            ins(photos_blobs)
            .values(
                sha256=sha,
                size=length,
                received=0,
                complete=False,
                uploader_id=caller.user_id,
                team_id=caller.team_id,
                created_at=int(now),
            )
            .on_conflict_do_nothing(index_elements=["sha256"])
        )
        row = conn.execute(
            sa.select(photos_blobs).where(photos_blobs.c.sha256 == sha).with_for_update()
        ).one()
        size = int(row.size)
        if size != length:
            raise ServiceError(
                409,
                "length_mismatch",
                f"this upload is {size} bytes long",
                p.UPLOAD_LENGTH_HEADER,
                offset=_received(files, row),
                length=size,
            )
        received = _received(files, row)
        if row.complete and received == size:
            return _upload_answer(size, size, True)
        if offset > received:
            raise ServiceError(
                409,
                "offset_mismatch",
                f"the upload is at offset {received}",
                p.UPLOAD_OFFSET_HEADER,
                offset=received,
            )
        end = offset + len(chunk)
        if end > size:
            raise ServiceError(422, "length_exceeded", "the chunk ends after Upload-Length", "body")
        if end > received:
            part = files.part(sha)
            part.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(part, os.O_RDWR | os.O_CREAT, 0o600)
            with os.fdopen(fd, "r+b") as fh:
                fh.seek(received)
                fh.write(chunk[received - offset :])
                fh.truncate(end)
                fh.flush()
                os.fsync(fh.fileno())
            received = end
        complete = False
        if received == size:
            part = files.part(sha)
            if _sha256_of(part) == sha:
                final = files.final(sha)
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(part, final)
                complete = True
            else:
                part.unlink(missing_ok=True)
                mismatch = True
        if mismatch:
            conn.execute(sa.delete(photos_blobs).where(photos_blobs.c.sha256 == sha))
        else:
            conn.execute(
                sa.update(photos_blobs)
                .where(photos_blobs.c.sha256 == sha)
                .values(
                    received=received,
                    complete=complete,
                    completed_at=int(now) if complete else None,
                )
            )
    if mismatch:
        raise ServiceError(422, "hash_mismatch", "the bytes do not have this SHA-256", "sha256")
    return _upload_answer(received, size, complete)


def photo_file(engine: Engine, files: PhotoFiles, caller: Caller, sha: str) -> Path:
    """The kept file of ``sha`` if the caller may read it (an admin, or a member of a
    team with a live ``photos`` row of that SHA-256); else 404 (scope leaks nothing)."""
    with engine.connect() as conn:
        blob = conn.execute(sa.select(photos_blobs).where(photos_blobs.c.sha256 == sha)).first()
        allowed = caller.role == "admin"
        if not allowed and caller.team_id is not None:
            q = (
                sa.select(rows.c.row_id)
                .where(
                    rows.c.table_name == "photos",
                    rows.c.deleted.is_(False),
                    rows.c.team_id == caller.team_id,
                    rows.c.data["sha256"].as_string() == sha,
                )
                .limit(1)
            )
            allowed = conn.execute(q).first() is not None
    path = files.final(sha)
    if not allowed or blob is None or not blob.complete or not path.is_file():
        raise ServiceError(404, "not_found", "no such photo")
    return path
