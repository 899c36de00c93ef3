"""The login throttle: failed logins per account and per address, forgotten as time
passes, kept in the database so that every server process sees the same counts.

Each key (``user:<name>``, ``addr:<address>``) holds a failure count that leaks away
linearly (one failure forgotten every ``forget`` seconds). An attempt is counted
*before* its password is checked (so a burst of concurrent guesses cannot all slip past
a count of zero) and given back when the password was right: a success clears the
account's count and returns the address's one. While a key's count is over its free
allowance the next attempt must wait (429 ``login_throttled`` with ``Retry-After``);
an account with ``lock_at`` failures not yet forgotten is locked (429
``account_locked``) until one leaks away or an admin unlocks it (``unlock_user``).
Nothing here sleeps: a refused attempt costs one short transaction.

Unknown user names are counted exactly like known ones, so the throttle tells nothing
about which names exist. Threading: functions take an ``Engine``; a connection belongs
to one thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect, sqlite as sqlite_dialect
from sqlalchemy.engine import Connection, Engine

from ..db import login_throttle
from .core import ServiceError


class Throttled(ServiceError):
    """429 for an attempt that must wait; ``until``: the keys that refused it, each with
    the time (the clock's seconds) its wait ends."""

    def __init__(self, code: str, message: str, wait: int, until: dict[str, float]) -> None:
        super().__init__(429, code, message, retry_after=wait)
        self.until = until


@dataclass(frozen=True)
class KeyPolicy:
    """How one kind of key is throttled: ``free`` failures cost no wait, then the wait
    doubles from ``base`` seconds up to ``cap``; ``lock_at`` (0: never) failures lock."""

    free: int
    forget: float
    base: float
    cap: float
    lock_at: int = 0

    def wait(self, failures: float) -> float:
        over = math.ceil(failures - 1e-9) - self.free
        if over <= 0:
            return 0.0
        return float(min(self.base * 2 ** min(over - 1, 30), self.cap))


@dataclass(frozen=True)
class LoginPolicy:
    """The throttle's numbers (docs/guarantees.md "Logins"). An account: 5 free
    failures, then 1, 2, 4, 8 s; the 10th failure locks it; one failure is forgotten
    every 10 minutes. An address (behind NAT: a whole office): 30 free failures, then
    1 s doubling up to 60 s; one forgotten every 6 s; never locked."""

    account: KeyPolicy = KeyPolicy(free=5, forget=600.0, base=1.0, cap=300.0, lock_at=10)
    address: KeyPolicy = KeyPolicy(free=30, forget=6.0, base=1.0, cap=60.0)

    def of(self, key: str) -> KeyPolicy:
        return self.account if key.startswith("user:") else self.address


def login_keys(username: str, address: str) -> list[str]:
    """The throttle keys of an attempt: the account (case-folded) first, then the address."""
    return [account_key(username), f"addr:{address[:200]}"]


def account_key(username: str) -> str:
    # PostgreSQL text cannot hold NUL; no user name holds one either.
    return f"user:{username.replace(chr(0), '').strip().casefold()[:200]}"


def _current(row: Any, policy: KeyPolicy, now: float) -> float:
    if row is None:
        return 0.0
    elapsed = max(0.0, now - float(row.updated_at))
    return max(0.0, float(row.failures) - elapsed / policy.forget)


def _refusal(key: str, row: Any, policy: KeyPolicy, now: float) -> tuple[str, int] | None:
    """``(code, retry_after)`` when ``key`` may not try now, else None."""
    if row is None:
        return None
    current = _current(row, policy, now)
    if policy.lock_at and current > policy.lock_at - 1:
        return "account_locked", max(1, math.ceil((current - (policy.lock_at - 1)) * policy.forget))
    until = row.updated_at + policy.wait(float(row.failures))
    if now < until:
        return "login_throttled", max(1, math.ceil(until - now))
    return None


def _lock_rows(conn: Connection, keys: list[str], now: float) -> dict[str, Any]:
    """The keys' rows, created at zero and locked (PostgreSQL row locks; SQLite's
    ``BEGIN IMMEDIATE`` already holds the one writer lock)."""
    ins = pg_dialect.insert if conn.dialect.name == "postgresql" else sqlite_dialect.insert
    for key in sorted(keys):  # one order everywhere: no deadlock between two attempts
        conn.execute(
            ins(login_throttle)
            .values(key=key, failures=0.0, updated_at=int(now), forget_at=int(now))
            .on_conflict_do_nothing(index_elements=["key"])
        )
    q = (
        sa.select(login_throttle)
        .where(login_throttle.c.key.in_(keys))
        .order_by(login_throttle.c.key)
        .with_for_update()
    )
    return {r.key: r for r in conn.execute(q)}


def _store(conn: Connection, key: str, failures: float, policy: KeyPolicy, now: float) -> None:
    if failures <= 0:
        conn.execute(sa.delete(login_throttle).where(login_throttle.c.key == key))
        return
    conn.execute(
        sa.update(login_throttle)
        .where(login_throttle.c.key == key)
        .values(
            failures=failures,
            updated_at=int(now),
            forget_at=int(now + math.ceil(failures * policy.forget)),
        )
    )


def begin_attempt(engine: Engine, policy: LoginPolicy, keys: list[str], now: float) -> None:
    """Refuse the attempt at once (429 with ``retry_after``) or count it as a failure
    until :func:`password_ok` gives it back."""
    now = float(int(now))
    with engine.begin() as conn:
        conn.execute(sa.delete(login_throttle).where(login_throttle.c.forget_at < int(now)))
        found = _lock_rows(conn, keys, now)
        by_key = {
            key: r
            for key in keys
            if (r := _refusal(key, found.get(key), policy.of(key), now)) is not None
        }
        refusals = list(by_key.values())
        if refusals:
            locked = [r for r in refusals if r[0] == "account_locked"]
            code, _ = (locked or refusals)[0]
            wait = max(r[1] for r in refusals)
            message = (
                "too many failed logins: this account is locked for now"
                if code == "account_locked"
                else "too many failed logins: try again later"
            )
            # Raised inside the transaction: it rolls back, nothing of this attempt is kept.
            until = {key: now + r[1] for key, r in by_key.items()}
            raise Throttled(code, message, wait, until)
        for key in keys:
            kp = policy.of(key)
            _store(conn, key, _current(found.get(key), kp, now) + 1.0, kp, now)


def password_ok(engine: Engine, policy: LoginPolicy, keys: list[str], now: float) -> None:
    """The password was right: clear the account's count, give the address its one back."""
    now = float(int(now))
    with engine.begin() as conn:
        found = _lock_rows(conn, keys, now)
        for key in keys:
            kp = policy.of(key)
            left = 0.0 if key.startswith("user:") else _current(found.get(key), kp, now) - 1.0
            _store(conn, key, left, kp, now)


def unlock_user(engine: Engine, name: str) -> bool:
    """Forget the failed logins of account ``name``; True when it had any."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.delete(login_throttle).where(login_throttle.c.key == account_key(name))
        )
    return bool(result.rowcount)


def throttle_state(engine: Engine, policy: LoginPolicy, key: str, now: float) -> float:
    """The failures of ``key`` not yet forgotten at ``now`` (for tests and the CLI)."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(login_throttle).where(login_throttle.c.key == key)).first()
    return _current(row, policy.of(key), now)
