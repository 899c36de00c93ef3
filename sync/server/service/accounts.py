"""Accounts: teams, users, passwords, devices, login and token authentication.

Threading: functions take an ``Engine`` or a ``Connection``; a connection belongs to one
thread.
"""

from __future__ import annotations

import secrets
import threading
import uuid
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from fieldapp import values
from sync import protocol as p

from ..db import (
    READ_ONLY,
    console_sessions,
    device_state,
    devices,
    login_throttle,
    rows,
    server_settings,
    teams,
    users,
)
from .core import (
    _DUMMY_HASH_SOURCE,
    ACCOUNT_ROLES,
    POOL,
    Caller,
    ServiceError,
    hash_token,
    iso,
    system_upsert,
)
from .rules import _lookup, has_live_data
from .scopes import begin_writer
from .throttle import account_key


def create_team(engine: Engine, name: str, now: float) -> str:
    bad = values.text_problem(name)
    if bad is not None:
        raise ServiceError(400, bad, "a name holds no control character", "name")
    name = name.strip()
    if not name or len(name) > 200:
        raise ServiceError(400, "invalid_name", "a team name has 1 to 200 characters")
    with begin_writer(engine, everything=True) as conn:
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
    bad = values.text_problem(name)
    if bad is not None:
        raise ServiceError(400, bad, "a name holds no control character", "name")
    name = name.strip()
    if not name or len(name) > 100:
        raise ServiceError(400, "invalid_name", "a user name has 1 to 100 characters")
    if role not in ACCOUNT_ROLES:
        raise ServiceError(400, "invalid_role", f"role is one of {', '.join(ACCOUNT_ROLES)}")
    if role in ("rep", "supervisor") and not team:
        raise ServiceError(400, "team_required", "reps and supervisors belong to a team")
    if role == "head_office" and team:
        raise ServiceError(400, "no_team", "head office's accounts belong to no team")
    check_password(password)
    pw_hash = hasher.hash(password)
    with begin_writer(engine, everything=True) as conn:
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
        if role != "head_office":  # a console account: no device ever sees it
            data = {"name": name, "role": role, "team_id": team_id, "mobile": None}
            system_upsert(conn, "users", user_id, data, team_id, now)
    return user_id


def move_user(engine: Engine, name: str, team: str | None, now: float) -> int:
    """Move a rep or supervisor to another team, or a rep to the unassigned pool (``team``
    None); return how many of their rows moved with them (their shops, events and KOCs,
    and everything hanging off those). The pool takes no live data (``rep_has_data``)."""
    with begin_writer(engine, everything=True) as conn:
        account = conn.execute(sa.select(users).where(users.c.name == name)).first()
        if account is None:
            raise ServiceError(404, "not_found", f"no user {name!r}")
        if account.role in ("admin", "head_office"):
            raise ServiceError(400, "invalid_role", "head office's accounts belong to no team")
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


def reset_password(engine: Engine, name: str, password: str, hasher: PasswordHasher) -> int:
    """Set the password of ``name``; every session of theirs ends (their devices log in
    again with the new password, their console sessions end) and their failed logins
    are forgotten. Returns how many devices were logged out."""
    check_password(password)
    pw_hash = hasher.hash(password)
    with engine.begin() as conn:
        account = conn.execute(sa.select(users.c.id).where(users.c.name == name)).first()
        if account is None:
            raise ServiceError(404, "not_found", f"no user {name!r}")
        conn.execute(sa.update(users).where(users.c.id == account.id).values(password_hash=pw_hash))
        ended = conn.execute(
            sa.update(devices)
            .where(devices.c.user_id == account.id, devices.c.expires_at > 0)
            .values(expires_at=0)
        )
        conn.execute(sa.delete(login_throttle).where(login_throttle.c.key == account_key(name)))
        conn.execute(sa.delete(console_sessions).where(console_sessions.c.user_id == account.id))
    return int(ended.rowcount)


def revoke_device(engine: Engine, device_id: str) -> None:
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(devices).where(devices.c.id == device_id).values(revoked=True)
        )
        if result.rowcount != 1:
            raise ServiceError(404, "not_found", f"no device {device_id!r}")


def open_unsynced(engine: Engine, sealed: Any) -> dict[str, Any]:
    """The changes in a file a removed computer sealed for head office before it was
    wiped (``fieldapp.exchange.unsynced``): opened with the device's token hash, which
    only head office keeps. 404 ``not_found`` for an unknown device, 400
    ``invalid_format`` for a file that is not one, or altered."""
    from fieldapp.exchange.unsynced import open_sealed

    device = sealed.get("device_id") if isinstance(sealed, dict) else None
    with engine.connect() as conn:
        secret = conn.execute(
            sa.select(devices.c.token_hash).where(devices.c.id == str(device))
        ).scalar()
    if secret is None:
        raise ServiceError(404, "not_found", f"no device {device!r}")
    try:
        return open_sealed(sealed, secret)
    except ValueError as exc:
        raise ServiceError(400, "invalid_format", str(exc)) from None


def list_devices(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        q = (
            sa.select(
                devices.c.id,
                devices.c.name,
                users.c.name.label("user"),
                devices.c.revoked,
                devices.c.approved,
                devices.c.expires_at,
                devices.c.created_at,
                devices.c.last_seen_at,
                devices.c.app_version,
                users.c.active.label("user_active"),
            )
            .join(users, users.c.id == devices.c.user_id)
            .order_by(users.c.name, devices.c.id)
        )
        return [dict(r._mapping) for r in conn.execute(q)]


_DUMMY_HASHES: dict[tuple[Any, ...], str] = {}
_DUMMY_LOCK = threading.Lock()


def dummy_hash(hasher: PasswordHasher) -> str:
    """A hash, made once with ``hasher``'s parameters, of a password no one has: an
    unknown user name is checked against it, so it costs what a known one does."""
    key = (
        hasher.time_cost,
        hasher.memory_cost,
        hasher.parallelism,
        hasher.hash_len,
        hasher.salt_len,
        hasher.type,
    )
    with _DUMMY_LOCK:
        if key not in _DUMMY_HASHES:
            _DUMMY_HASHES[key] = hasher.hash(_DUMMY_HASH_SOURCE + secrets.token_hex(8))
        return _DUMMY_HASHES[key]


def check_login_request(req: p.LoginRequest) -> None:
    """422 for what the database cannot hold (PostgreSQL text cannot hold NUL: no 500)."""
    for name in ("device_id", "device_name"):
        if "\x00" in getattr(req, name):
            raise ServiceError(422, "invalid_request", f"{name} must not contain NUL", name)


def check_login(engine: Engine, req: p.LoginRequest, hasher: PasswordHasher) -> Any:
    """The account row when ``req``'s password is its own, else None: one password check
    either way (a known name, an unknown one, a deactivated account)."""
    check_login_request(req)
    return check_credentials(engine, req.username, req.password, hasher)


def check_credentials(engine: Engine, username: str, password: str, hasher: PasswordHasher) -> Any:
    """The account row when ``password`` is ``username``'s, else None (one argon2 check
    either way): the device login's and the console's sign-in's one check."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        user = None
        if "\x00" not in username:  # no user name holds NUL
            user = conn.execute(sa.select(users).where(users.c.name == username)).first()
    stored = user.password_hash if user is not None else dummy_hash(hasher)
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def login(
    engine: Engine,
    req: p.LoginRequest,
    now: float,
    hasher: PasswordHasher,
    ttl: float,
) -> tuple[p.LoginResponse | None, bool]:
    """Check the password and issue a token; ``(None, False)`` for bad credentials."""
    user = check_login(engine, req, hasher)
    if user is None:
        return None, False
    return issue_token(engine, user, req, now, ttl), True


def issue_token(
    engine: Engine, user: Any, req: p.LoginRequest, now: float, ttl: float
) -> p.LoginResponse:
    """A new token for ``req``'s device of ``user`` (whose password was checked).

    Refused: a deactivated account (401 ``account_disabled``), a revoked device (401
    ``device_revoked``), another user's device (409 ``device_in_use``), and, while
    head office requires approval of new devices, a device no admin approved yet (403
    ``device_pending``: it is listed by ``list-devices`` until ``approve-device``).
    """
    if not user.active:
        raise ServiceError(401, "account_disabled", "head office deactivated this account")
    if user.role == "head_office":
        raise ServiceError(403, "console_only", "this account signs in to the console only")
    token = secrets.token_urlsafe(32)
    expires = now + ttl
    pending = False
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
            pending = _setting(conn, REQUIRE_APPROVAL) == "on"
            conn.execute(
                sa.insert(devices).values(
                    id=req.device_id,
                    user_id=user.id,
                    revoked=False,
                    approved=not pending,
                    created_at=int(now),
                    **(values | {"expires_at": 0} if pending else values),
                )
            )
            conn.execute(sa.insert(device_state).values(device_id=req.device_id, last_seq=0))
        elif not dev.approved:
            pending = True
            conn.execute(
                sa.update(devices)
                .where(devices.c.id == req.device_id)
                .values(name=req.device_name, last_seen_at=int(now))
            )
        else:
            conn.execute(sa.update(devices).where(devices.c.id == req.device_id).values(**values))
    if pending:  # after the commit: the waiting device is listed for an admin
        raise ServiceError(403, "device_pending", "this device waits for head office's approval")
    info = p.UserInfo(id=user.id, name=user.name, role=user.role, team_id=user.team_id)
    return p.LoginResponse(token=token, expires_at=iso(expires), user=info)


#: ``server_settings`` key: "on" while new devices wait for an admin's approval.
REQUIRE_APPROVAL = "require_device_approval"


def _setting(conn: Connection, key: str) -> str | None:
    row = conn.execute(sa.select(server_settings.c.value).where(server_settings.c.key == key))
    value = row.scalar()
    return None if value is None else str(value)


#: ``server_settings`` key: head office's epoch, renewed by ``fieldapp-server restore``.
EPOCH = "epoch"


def server_epoch(engine: Engine) -> str:
    """Head office's epoch (``p.EPOCH_HEADER``), made on first use; a restore from a
    backup renews it (``backup.restore``)."""
    with engine.begin() as conn:
        value = _setting(conn, EPOCH)
        if value is None:
            make = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
            stmt = make(server_settings).values(key=EPOCH, value=secrets.token_hex(8))
            conn.execute(stmt.on_conflict_do_nothing(index_elements=["key"]))
            value = _setting(conn, EPOCH)
    assert value is not None
    return value


def device_last_seq(engine: Engine, device_id: str) -> int:
    """The last sequence number of ``device_id``'s mutations head office holds (0: none)."""
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        found = conn.execute(
            sa.select(device_state.c.last_seq).where(device_state.c.device_id == device_id)
        ).scalar()
    return int(found or 0)


def set_setting(engine: Engine, key: str, value: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.delete(server_settings).where(server_settings.c.key == key))
        conn.execute(sa.insert(server_settings).values(key=key, value=value))


def require_device_approval(engine: Engine, on: bool) -> None:
    """Whether a device a user logs in with for the first time waits for an admin."""
    set_setting(engine, REQUIRE_APPROVAL, "on" if on else "off")


def approve_device(engine: Engine, device_id: str) -> None:
    """Let a waiting device log in (its user logs in again)."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(devices).where(devices.c.id == device_id).values(approved=True)
        )
        if result.rowcount != 1:
            raise ServiceError(404, "not_found", f"no device {device_id!r}")


def set_active(engine: Engine, name: str, active: bool) -> int:
    """Deactivate (or reactivate) the account ``name``: a deactivated account cannot log
    in and every token of its devices stops at once (401 ``account_disabled``); its rows
    and devices are kept. Returns how many devices it has."""
    with engine.begin() as conn:
        account = conn.execute(sa.select(users).where(users.c.name == name)).first()
        if account is None:
            raise ServiceError(404, "not_found", f"no user {name!r}")
        conn.execute(sa.update(users).where(users.c.id == account.id).values(active=active))
        if not active:
            conn.execute(
                sa.delete(console_sessions).where(console_sessions.c.user_id == account.id)
            )
        count = conn.execute(
            sa.select(sa.func.count()).select_from(devices).where(devices.c.user_id == account.id)
        ).scalar_one()
    return int(count)


#: A device and its account by the token's hash (built once: every request asks it).
_BY_TOKEN = (
    sa.select(devices, users.c.name, users.c.role, users.c.team_id, users.c.active)
    .join(users, users.c.id == devices.c.user_id)
    .where(devices.c.token_hash == sa.bindparam("token_hash"))
)


def authenticate(
    engine: Engine, token: str, now: float, *, conn: Connection | None = None
) -> Caller:
    """The caller whose device holds ``token``. ``conn``: read it in this connection's
    transaction (the request's own: push and pull check the token in the transaction
    that does their work, one pool checkout and transaction fewer); by default in a
    reading connection of its own."""
    if not token or len(token) > 200:
        raise ServiceError(401, "invalid_token", "missing or malformed token")
    key = {"token_hash": hash_token(token)}
    if conn is not None:
        row = conn.execute(_BY_TOKEN, key).first()
    else:
        with engine.connect().execution_options(**{READ_ONLY: True}) as own:
            row = own.execute(_BY_TOKEN, key).first()
    if row is None:
        raise ServiceError(401, "invalid_token", "unknown token")
    if row.revoked:
        raise ServiceError(401, "device_revoked", "this device was revoked")
    if not row.active:
        raise ServiceError(401, "account_disabled", "head office deactivated this account")
    if not row.approved:
        raise ServiceError(403, "device_pending", "this device waits for head office's approval")
    if row.expires_at <= now:
        raise ServiceError(401, "token_expired", "the token has expired; log in again")
    return Caller(
        user_id=row.user_id,
        name=row.name,
        role=row.role,
        team_id=row.team_id,
        device_id=row.id,
        app_version=row.app_version,
    )


def note_app_version(engine: Engine, device_id: str, version: str) -> None:
    """Record the app version ``device_id`` named in a request (the console shows it).
    Callers write only when it changed: one small write per device and update."""
    with engine.begin() as conn:
        conn.execute(
            sa.update(devices).where(devices.c.id == device_id).values(app_version=version)
        )


def record_sync(engine: Engine, device_id: str, now: float, outbox: str | None) -> None:
    """The device finished a sync (its verify): when, and what it reported of its outbox
    (``p.OUTBOX_HEADER``: ``pending=N;rejected=M``; a value that does not parse is left
    out)."""
    values: dict[str, Any] = {"last_sync_at": int(now)}
    for part in (outbox or "").split(";"):
        key, _, number = part.strip().partition("=")
        if key in ("pending", "rejected") and number.isdigit() and len(number) < 10:
            values[key] = int(number)
    with engine.begin() as conn:
        conn.execute(sa.update(devices).where(devices.c.id == device_id).values(**values))
