"""Console sessions: a random token in an HttpOnly, SameSite=Strict cookie (its SHA-256 in
``console_sessions``), a CSRF token per session that every form posts back, an idle
timeout and a lifetime. Sessions live in the database, so every server process
(``--workers N``) knows them; a password reset or a deactivation deletes the account's
sessions (``service.accounts``), and every request checks the account is still active
and a console role.
Threading: functions take an ``Engine``; a connection belongs to one thread.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..db import console_sessions, console_uploads, users
from ..service import CONSOLE_ROLES, hash_token

#: The session cookie (path ``/console``).
COOKIE = "fieldapp_console"
#: The sign-in form's CSRF cookie (double submit: there is no session yet).
LOGIN_COOKIE = "fieldapp_console_login"
#: The interface language's cookie.
LANG_COOKIE = "fieldapp_console_lang"
#: A session unused this long (seconds) ends.
IDLE = 30 * 60
#: A session ends this long after sign-in, used or not.
LIFETIME = 12 * 3600
#: Uploads waiting between preview and apply are dropped after this long.
UPLOAD_TTL = 3600


@dataclass(frozen=True)
class Session:
    token_hash: str
    user_id: str
    name: str
    role: str
    csrf: str


def start(engine: Engine, user_id: str, now: float) -> tuple[str, str]:
    """A new session for ``user_id``: (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(
            sa.delete(console_sessions).where(
                sa.or_(
                    console_sessions.c.seen_at < int(now - IDLE),
                    console_sessions.c.created_at < int(now - LIFETIME),
                )
            )
        )
        conn.execute(
            sa.insert(console_sessions).values(
                token_hash=hash_token(token),
                user_id=user_id,
                csrf=csrf,
                created_at=int(now),
                seen_at=int(now),
            )
        )
    return token, csrf


def find(engine: Engine, token: str | None, now: float) -> Session | None:
    """The live session of ``token`` (its use recorded), else None (unknown, idle too
    long, too old, or the account is no longer an active console account)."""
    if not token or len(token) > 200:
        return None
    key = hash_token(token)
    with engine.begin() as conn:
        row = conn.execute(
            sa.select(console_sessions, users.c.name, users.c.role, users.c.active)
            .join(users, users.c.id == console_sessions.c.user_id)
            .where(console_sessions.c.token_hash == key)
        ).first()
        if row is None:
            return None
        if (
            row.seen_at < now - IDLE
            or row.created_at < now - LIFETIME
            or not row.active
            or row.role not in CONSOLE_ROLES
        ):
            conn.execute(sa.delete(console_sessions).where(console_sessions.c.token_hash == key))
            return None
        if now - row.seen_at >= 60:  # one write a minute at most
            conn.execute(
                sa.update(console_sessions)
                .where(console_sessions.c.token_hash == key)
                .values(seen_at=int(now))
            )
    return Session(key, row.user_id, row.name, row.role, row.csrf)


def end(engine: Engine, session: Session) -> None:
    with engine.begin() as conn:
        conn.execute(
            sa.delete(console_uploads).where(console_uploads.c.token_hash == session.token_hash)
        )
        conn.execute(
            sa.delete(console_sessions).where(console_sessions.c.token_hash == session.token_hash)
        )


def csrf_ok(expected: str, given: object) -> bool:
    return isinstance(given, str) and hmac.compare_digest(expected.encode(), given.encode())
