"""The last error each device met, for head office's console (sync health): a request
head office refused (a revoked device, an expired token, a body it could not read …)
or a change a push rejected.

A failure is kept on the device's row (``devices.last_error_*``); the same code from
the same request within :data:`QUIET` seconds is not written again, so a device that
retries a refused request does not turn each retry into a write. Which device a failed
request came from: the one it authenticated as, else the one its bearer token names
(revoked, expired, its account deactivated), else at a login the device it names when
that device is the named user's.
Threading: functions take an ``Engine``; one connection each, on the calling thread.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..db import READ_ONLY, devices, users
from .core import hash_token

log = logging.getLogger("fieldapp.server")

#: Seconds during which the same failure of a device is not written again.
QUIET = 60
#: Codes not kept: the server's own load (the client tries again by itself), and a
#: restored head office (the device sends again what it lost, by itself).
TRANSIENT: frozenset[str] = frozenset({"busy", "login_busy", "server_restored"})
#: The requests a failure is named by (the first part of the path after ``/v1/``).
WHERE: frozenset[str] = frozenset({"login", "push", "pull", "verify", "photos"})


def device_of(
    engine: Engine,
    *,
    device_id: str | None = None,
    token: str | None = None,
    login: tuple[str, str] | None = None,
) -> str | None:
    """The device a failed request came from, or None when it names none it may."""
    if device_id:
        return device_id
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        if token and len(token) <= 200:
            found = conn.execute(
                sa.select(devices.c.id).where(devices.c.token_hash == hash_token(token))
            ).scalar()
            if found is not None:
                return str(found)
        if login is not None:
            wanted, username = login
            found = conn.execute(
                sa.select(devices.c.id)
                .join(users, users.c.id == devices.c.user_id)
                .where(devices.c.id == wanted, users.c.name == username)
            ).scalar()
            if found is not None:
                return str(found)
    return None


def record_failure(
    engine: Engine,
    device_id: str,
    now: float,
    *,
    code: str,
    where: str,
    status: int | None,
    field: str | None = None,
) -> bool:
    """Keep ``code`` as the device's last error (unless it is :data:`TRANSIENT` or the
    same one was kept less than :data:`QUIET` seconds ago); True when written."""
    if code in TRANSIENT:
        return False
    values: dict[str, Any] = {
        "last_error_at": int(now),
        "last_error_code": code[:64],
        "last_error_status": status,
        "last_error_where": where if where in WHERE else None,
        "last_error_field": field[:130] if field else None,
    }
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        kept = conn.execute(
            sa.select(devices.c.last_error_at, devices.c.last_error_code,
                      devices.c.last_error_where, devices.c.last_error_field)
            .where(devices.c.id == device_id)
        ).first()  # fmt: skip
    if kept is None:
        return False
    same = (kept.last_error_code, kept.last_error_where, kept.last_error_field) == (
        values["last_error_code"], values["last_error_where"], values["last_error_field"],
    )  # fmt: skip
    if same and kept.last_error_at is not None and now - kept.last_error_at < QUIET:
        return False
    with engine.begin() as conn:
        conn.execute(sa.update(devices).where(devices.c.id == device_id).values(**values))
    return True


def note_failure(
    engine: Engine,
    now: float,
    *,
    code: str,
    where: str,
    status: int | None,
    field: str | None = None,
    device_id: str | None = None,
    token: str | None = None,
    login: tuple[str, str] | None = None,
) -> None:
    """Find the device of a failed request and keep its failure; never raises (the
    answer to the device is what matters: a database that fails here is logged)."""
    if code in TRANSIENT:
        return
    try:
        found = device_of(engine, device_id=device_id, token=token, login=login)
        if found is not None:
            record_failure(engine, found, now, code=code, where=where, status=status,
                           field=field)  # fmt: skip
    except Exception:  # logged; the device already has its answer
        log.exception("could not keep a device's last error (%s)", code)
