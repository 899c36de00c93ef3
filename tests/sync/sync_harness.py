"""Test harness for the sync server: the app behind TestClient, devices, clock.

Used by ``conftest.py`` fixtures and imported by the tests for types and helpers.
"""

from __future__ import annotations

import uuid
from typing import Any

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from sync import protocol as p
from sync.server import service
from sync.server.app import create_app
from sync.server.service import LoginPolicy

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "correct horse"
T0 = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


class Device:
    """A logged-in device: numbers its mutations and talks to the server."""

    def __init__(self, server: Server, login: dict[str, Any], device_id: str) -> None:
        self.server = server
        self.device_id = device_id
        self.token: str = login["token"]
        self.user: dict[str, Any] = login["user"]
        self.seq = 0
        self.headers = {
            p.SCHEMA_HEADER: str(p.SCHEMA_VERSION),
            "Authorization": f"Bearer {self.token}",
        }

    def mut(
        self,
        table: str,
        row_id: str,
        op: str = "update",
        base: int = 0,
        **new: Any,
    ) -> dict[str, Any]:
        self.seq += 1
        changes = {k: {"old": None, "new": v} for k, v in new.items()}
        if op == "delete":
            changes = {"deleted": {"old": False, "new": True}}
        return {
            "mutation_id": str(uuid.uuid4()),
            "seq": self.seq,
            "table": table,
            "row_id": row_id,
            "op": op,
            "changes": changes,
            "base_version": base,
            "created_at": "2026-11-24T01:00:00+00:00",
        }

    def push_raw(self, *muts: dict[str, Any]) -> Any:
        return self.server.client.post(
            "/v1/push",
            json={"device_id": self.device_id, "mutations": list(muts)},
            headers=self.headers,
        )

    def push(self, *muts: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.push_raw(*muts)
        assert r.status_code == 200, r.text
        return list(r.json()["results"])

    def pull(self, cursor: int = 0, limit: int = 500) -> dict[str, Any]:
        r = self.server.client.get(
            "/v1/pull", params={"cursor": cursor, "limit": limit}, headers=self.headers
        )
        assert r.status_code == 200, r.text
        return dict(r.json())

    def pull_all(self, cursor: int = 0, limit: int = 500) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while True:
            page = self.pull(cursor, limit)
            out.extend(page["changes"])
            cursor = page["cursor"]
            if not page["more"]:
                return out

    def get(self, path: str) -> Any:
        return self.server.client.get(path, headers=self.headers)


class Server:
    def __init__(self, url: str) -> None:
        self.url = url
        self.clock = Clock()
        self.policy = LoginPolicy()
        self.app = create_app(
            url, clock=self.clock, throttle=self.policy, token_ttl=3600, hasher=FAST_HASHER
        )
        self.engine = self.app.state.engine
        self.client = TestClient(self.app)
        self.headers = {p.SCHEMA_HEADER: str(p.SCHEMA_VERSION)}
        self._n = 0

    def team(self, name: str) -> str:
        return service.create_team(self.engine, name, self.clock())

    def user(self, name: str, role: str = "rep", team: str | None = None) -> str:
        return service.create_user(
            self.engine, name, role, team, PASSWORD, self.clock(), FAST_HASHER
        )

    def login_raw(self, name: str, password: str = PASSWORD, device_id: str = "dev-1") -> Any:
        body = {"username": name, "password": password, "device_id": device_id}
        return self.client.post("/v1/login", json=body, headers=self.headers)

    def device(self, name: str, device_id: str | None = None) -> Device:
        self._n += 1
        device_id = device_id or f"{name}-dev-{self._n}"
        r = self.login_raw(name, device_id=device_id)
        assert r.status_code == 200, r.text
        return Device(self, r.json(), device_id)

    def close(self) -> None:
        self.client.close()
        self.app.state.logins.close()
        self.engine.dispose()


def shop_fields(w: dict[str, Any], rep: str, **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "鑫旺便利店",
        "channel": "convenience",
        "tier": "B",
        "county_id": w["county"],
        "cloud_store": "none",
        "rep_id": w[rep],
    }
    return base | over
