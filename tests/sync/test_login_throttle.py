"""The login throttle: answered at once (429 + Retry-After), forgotten as time passes,
reset by a success, per account and per address, an account lock an admin can lift,
shared by every server process (it lives in the database), and one password check per
attempt whether the name exists or not. On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import time
from typing import Any

from argon2 import PasswordHasher
from sync_harness import FAST_HASHER, PASSWORD, Server

from sync import protocol as p
from sync.server import cli, service
from sync.server.app import create_app


def _code(r: Any) -> str:
    return str(r.json()["error"]["code"]) if r.status_code != 200 else "ok"


def _wait_out(server: Server, r: Any) -> None:
    """Let the clock run past a 429's Retry-After."""
    server.clock.now += int(r.headers["Retry-After"])


def test_throttled_login_is_answered_at_once_with_retry_after(
    server: Server, world: dict[str, Any]
) -> None:
    for _ in range(6):  # 5 free failures, the 6th earns a wait of 1 s
        assert _code(server.login_raw("repB", password="nope nope")) == "invalid_credentials"
    started = time.monotonic()
    r = server.login_raw("repB")  # even the right password waits its turn
    assert time.monotonic() - started < 0.5  # refused, not slept on
    assert r.status_code == 429 and _code(r) == "login_throttled"
    assert r.headers["Retry-After"] == "1" and r.json()["error"]["retry_after"] == 1
    _wait_out(server, r)
    assert server.login_raw("repB").status_code == 200
    # A success resets the account: the next failure costs no wait.
    assert _code(server.login_raw("repB", password="nope nope")) == "invalid_credentials"
    assert _code(server.login_raw("repB", password="nope nope")) == "invalid_credentials"


def test_failures_are_forgotten_as_time_passes(server: Server, world: dict[str, Any]) -> None:
    key = service.login_keys("repA", "testclient")[0]
    for _ in range(5):
        server.login_raw("repA", password="nope nope")
    assert round(service.throttle_state(server.engine, server.policy, key, server.clock())) == 5
    server.clock.now += 3 * server.policy.account.forget
    assert round(service.throttle_state(server.engine, server.policy, key, server.clock())) == 2
    for _ in range(3):  # 2 + 3 = 5: still free
        assert _code(server.login_raw("repA", password="nope nope")) == "invalid_credentials"
    server.clock.now += 10 * server.policy.account.forget
    assert service.throttle_state(server.engine, server.policy, key, server.clock()) == 0
    assert server.login_raw("repA").status_code == 200


def _fail_until_locked(server: Server, name: str) -> list[str]:
    codes: list[str] = []
    for _ in range(40):
        r = server.login_raw(name, password="nope nope")
        codes.append(_code(r))
        if codes[-1] == "account_locked":
            return codes
        if r.status_code == 429:
            _wait_out(server, r)
    raise AssertionError(codes)


def test_an_account_locks_after_ten_failures_until_forgotten_or_unlocked(
    server: Server, world: dict[str, Any]
) -> None:
    codes = _fail_until_locked(server, "repA")
    assert codes.count("invalid_credentials") == 10
    r = server.login_raw("repA")  # the right password: still locked
    assert _code(r) == "account_locked"
    assert 1 <= int(r.headers["Retry-After"]) <= server.policy.account.forget
    # An unknown name behaves the same: the throttle does not tell which names exist.
    server.clock.now += 10_000
    assert _fail_until_locked(server, "nobody-here") == codes
    # An admin lifts the lock.
    out = io.StringIO()
    assert cli.run(["unlock-user", "repA", "--database", server.url], io.StringIO(), out) == 0
    assert "unlocked" in out.getvalue()
    assert server.login_raw("repA").status_code == 200
    # Or time does: one failure forgotten reopens the door for one attempt.
    codes = _fail_until_locked(server, "repA")
    r = server.login_raw("repA")
    _wait_out(server, r)
    assert server.login_raw("repA").status_code == 200


def test_an_address_is_throttled_across_names(server: Server, world: dict[str, Any]) -> None:
    free = server.policy.address.free
    for i in range(free + 1):  # each name fails once: no account is throttled
        assert _code(server.login_raw(f"guess-{i}", password="nope nope")) == (
            "invalid_credentials"
        )
    r = server.login_raw("repA")
    assert r.status_code == 429 and _code(r) == "login_throttled"
    _wait_out(server, r)
    assert server.login_raw("repA").status_code == 200  # a success gives its count back
    key = service.login_keys("x", "testclient")[1]
    left = service.throttle_state(server.engine, server.policy, key, server.clock())
    assert free - 1 < left < free + 1


def test_the_throttle_is_shared_by_every_server_process(
    server: Server, world: dict[str, Any]
) -> None:
    other = Server(server.url)  # a second process on the same database
    try:
        for _ in range(6):
            server.login_raw("repA", password="nope nope")
        r = other.login_raw("repA")
        assert r.status_code == 429 and _code(r) == "login_throttled"
    finally:
        other.close()


class CountingHasher(PasswordHasher):
    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.calls: list[str] = []

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.calls.append("hash")
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.calls.append("verify")
        return super().verify(hash, password)


def test_unknown_and_known_names_cost_one_password_check(
    server: Server, world: dict[str, Any]
) -> None:
    from fastapi.testclient import TestClient

    hasher = CountingHasher()
    app = create_app(server.url, clock=server.clock, hasher=hasher)
    try:
        client = TestClient(app)
        headers = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
        hasher.calls.clear()
        for name in ("repA", "nobody", "repA", "somebody else"):
            body = {"username": name, "password": "nope nope", "device_id": "d-1"}
            r = client.post("/v1/login", json=body, headers=headers)
            assert _code(r) == "invalid_credentials"
        assert hasher.calls == ["verify"] * 4
        body = {"username": "repA", "password": PASSWORD, "device_id": "d-1"}
        assert client.post("/v1/login", json=body, headers=headers).status_code == 200
        assert FAST_HASHER.memory_cost == hasher.memory_cost  # same work as the users' hashes
    finally:
        app.state.logins.close()
        app.state.engine.dispose()
