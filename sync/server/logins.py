"""``POST /v1/login`` off the request thread pool: throttled, bounded, never sleeping.

A login runs on two small executors of its own, never on the thread pool that pull,
push and verify share: one thread pool for the throttle's short transactions
(``service.throttle``) and one for password checks, at most ``hash_workers`` at a time
(argon2 takes 64 MiB each; 40 concurrent checks once took a server to 2.5 GB). At most
``max_pending`` logins are in flight in one process; more are refused at once with 429
``login_busy``. A throttled attempt is refused at once with 429 and ``Retry-After``.
Threading: :meth:`LoginGate.login` is awaited on the event loop; the work runs on the
gate's executors; the in-flight count is guarded by a lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from argon2 import PasswordHasher
from sqlalchemy.engine import Engine

from sync import protocol as p

from . import service
from .service import LoginPolicy, ServiceError
from .service.throttle import Throttled

T = TypeVar("T")

#: How much lower than the server's own the password checks' CPU priority is (nice).
PASSWORD_NICE = 10


def _lower_priority() -> None:
    """Run this thread (and the threads argon2 starts from it, which inherit it) at a
    lower CPU priority, so that pull, push and verify get the cores first."""
    with contextlib.suppress(AttributeError, OSError):  # elsewhere: run as we are
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), PASSWORD_NICE)


class LoginGate:
    """The login path of one server process (see the module docstring)."""

    def __init__(
        self,
        engine: Engine,
        hasher: PasswordHasher,
        policy: LoginPolicy | None = None,
        *,
        hash_workers: int = 2,
        max_pending: int = 64,
    ) -> None:
        self.engine = engine
        self.hasher = hasher
        self.policy = policy or LoginPolicy()
        self.max_pending = max_pending
        self._db = ThreadPoolExecutor(max_workers=2, thread_name_prefix="login-db")
        self._hash = ThreadPoolExecutor(
            max_workers=hash_workers, thread_name_prefix="password", initializer=_lower_priority
        )
        self._lock = threading.Lock()
        self._pending = 0
        self._until: dict[str, float] = {}  # refused keys: until when (see _refuse_from_memory)
        self._codes: dict[str, str] = {}
        service.dummy_hash(hasher)  # made now, so the first unknown name costs no more

    async def _on(self, pool: ThreadPoolExecutor, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.wrap_future(pool.submit(fn, *args))

    async def login(
        self, req: p.LoginRequest, address: str, now: Callable[[], float], ttl: float
    ) -> p.LoginResponse:
        service.check_login_request(req)
        with self._slot():
            user = await self._check(req.username, req.password, address, now)
            return await self._on(self._db, service.issue_token, self.engine, user, req, now(), ttl)

    async def check(
        self, username: str, password: str, address: str, now: Callable[[], float]
    ) -> Any:
        """The account row when ``password`` is ``username``'s, counted by the throttle;
        raises 429 (busy, throttled, locked) and 401 ``invalid_credentials``. The device
        login and the console's sign-in both come here: one throttle, one argon2 check."""
        with self._slot():
            return await self._check(username, password, address, now)

    @contextlib.contextmanager
    def _slot(self) -> Iterator[None]:
        """One of the ``max_pending`` logins in flight, or 429 ``login_busy`` at once."""
        with self._lock:
            if self._pending >= self.max_pending:
                raise ServiceError(
                    429, "login_busy", "too many logins at once: try again", retry_after=1
                )
            self._pending += 1
        try:
            yield
        finally:
            with self._lock:
                self._pending -= 1

    async def _check(
        self, username: str, password: str, address: str, now: Callable[[], float]
    ) -> Any:
        keys = service.login_keys(username, address)
        self._refuse_from_memory(keys, now())
        try:
            await self._on(self._db, self._begin_attempt, keys, now)
        except Throttled as exc:
            self._remember(exc)
            raise
        user = await self._on(
            self._hash, service.check_credentials, self.engine, username, password, self.hasher
        )
        if user is None:
            raise ServiceError(401, "invalid_credentials", "wrong user name or password")
        await self._on(self._db, service.password_ok, self.engine, self.policy, keys, now())
        return user

    def _begin_attempt(self, keys: list[str], now: Callable[[], float]) -> None:
        """On the database thread: ask memory again first. A burst of guesses arrives
        before the first refusal is known and queues here; once one is refused, the
        rest are refused without a transaction (on SQLite each would take the one
        writer lock that verify's write waits for)."""
        self._refuse_from_memory(keys, now())
        service.begin_attempt(self.engine, self.policy, keys, now())

    def _refuse_from_memory(self, keys: list[str], now: float) -> None:
        """Refuse at once, without a transaction, an attempt whose key this process saw
        refused until a time not yet reached: during a storm of guesses from one address
        the database is asked a few times, not once per guess (on SQLite every asking
        would queue for the one writer lock with pull and verify). Only refusals are
        kept, each until the end of the wait the database gave, so every process still
        decides from the database's counts. Only addresses: nothing but time lifts an
        address's wait, while an admin may unlock an account in another process."""
        with self._lock:
            hits = [(self._until[k], self._codes[k]) for k in keys if k in self._until]
        if not hits:
            return
        until, code = max(hits)
        if until > now:
            wait = max(1, math.ceil(until - now))
            raise ServiceError(
                429, code or "login_throttled", "too many failed logins: try again later",
                retry_after=wait,
            )  # fmt: skip

    def _remember(self, exc: Throttled) -> None:
        with self._lock:
            if len(self._until) > 10_000:
                self._until.clear()
                self._codes.clear()
            for key, until in exc.until.items():
                if not key.startswith("addr:"):
                    continue  # an account's wait an admin may lift (unlock-user): ask
                self._until[key] = until
                self._codes[key] = exc.code

    def close(self) -> None:
        self._db.shutdown(wait=False, cancel_futures=True)
        self._hash.shutdown(wait=False, cancel_futures=True)
