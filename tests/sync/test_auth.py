"""Login, throttling, token expiry and revocation, the schema header."""

from __future__ import annotations

from typing import Any

from sync_harness import Server

from sync import protocol as p
from sync.server import service


def test_healthz(server: Server) -> None:
    r = server.client.get("/healthz")
    assert r.status_code == 200 and r.json()["ok"] is True


def test_login_ok_and_wrong_password(server: Server, world: dict[str, Any]) -> None:
    r = server.login_raw("repA")
    assert r.status_code == 200
    body = r.json()
    assert body["user"] == {
        "id": world["repA"],
        "name": "repA",
        "role": "rep",
        "team_id": world["A"],
    }
    assert len(body["token"]) >= 40 and body["expires_at"].endswith("+00:00")
    bad = server.login_raw("repA", password="wrong password")
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "invalid_credentials"
    unknown = server.login_raw("nobody")
    assert unknown.status_code == 401
    assert unknown.json() == bad.json()


def test_token_expiry_and_revocation(server: Server, world: dict[str, Any]) -> None:
    dev = server.device("repA", "laptop-1")
    assert dev.get("/v1/verify").status_code == 200
    server.clock.now += 3601
    r = dev.get("/v1/verify")
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"
    dev = server.device("repA", "laptop-1")  # log in again on the same device
    assert dev.get("/v1/verify").status_code == 200
    service.revoke_device(server.engine, "laptop-1")
    r = dev.get("/v1/pull")
    assert r.status_code == 401 and r.json()["error"]["code"] == "device_revoked"
    again = server.login_raw("repA", device_id="laptop-1")
    assert again.status_code == 401 and again.json()["error"]["code"] == "device_revoked"


def test_missing_and_unknown_tokens(server: Server, world: dict[str, Any]) -> None:
    h = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
    r = server.client.get("/v1/pull", headers=h)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    r = server.client.get("/v1/pull", headers=h | {"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"
    r = server.client.get("/v1/pull", headers=h | {"Authorization": "Basic x"})
    assert r.status_code == 401


def test_schema_header(server: Server, world: dict[str, Any]) -> None:
    dev = server.device("repA")
    ok = dev.get("/v1/verify")
    assert ok.status_code == 200
    previous = server.client.get(
        "/v1/verify", headers=dev.headers | {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION - 1)}
    )
    assert previous.status_code == 200
    for bad in (str(p.SCHEMA_VERSION + 1), str(p.SCHEMA_VERSION - 2), "abc", "9" * 40):
        r = server.client.get("/v1/verify", headers=dev.headers | {p.SCHEMA_HEADER: bad})
        assert r.status_code == 409, bad
        assert r.json()["error"]["code"] == "schema_unsupported"
        assert r.json()["error"]["supported"] == [p.SCHEMA_VERSION - 1, p.SCHEMA_VERSION]
    headers = {"Authorization": dev.headers["Authorization"]}
    missing = server.client.get("/v1/verify", headers=headers)
    assert missing.status_code == 409
    login = server.client.post(
        "/v1/login", json={"username": "repA", "password": "x", "device_id": "d"}
    )
    assert login.status_code == 409
