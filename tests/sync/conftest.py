"""Fixtures for the sync server's tests, run on SQLite and on PostgreSQL.

``db_url``  a fresh, empty database: a SQLite file in ``tmp_path``, or the session's
            PostgreSQL database (``fieldapp_test_<random>``, dropped at the end) with its
            ``public`` schema emptied. PostgreSQL being unreachable is an error, not a skip.
``server``  a :class:`Server`: the real app on ``db_url`` behind FastAPI's TestClient, with
            a settable clock, a login throttle that records its delays instead of sleeping,
            and helpers to create teams and users and to log devices in.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from client_harness import Device, LiveServer, MakeDevice
from sync_harness import Server

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    name = f"fieldapp_test_{secrets.token_hex(6)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    name = request.getfixturevalue("pg_database")
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}", autocommit=True) as c:
        c.execute("DROP SCHEMA public CASCADE")
        c.execute("CREATE SCHEMA public")
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


@pytest.fixture
def server(db_url: str) -> Iterator[Server]:
    s = Server(db_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def world(server: Server) -> dict[str, Any]:
    """Two teams A and B, a rep and a supervisor in each, an admin; a county (shared)."""
    w: dict[str, Any] = {"A": server.team("A"), "B": server.team("B")}
    for t in ("A", "B"):
        w[f"rep{t}"] = server.user(f"rep{t}", "rep", t)
        w[f"sup{t}"] = server.user(f"sup{t}", "supervisor", t)
    w["admin"] = server.user("admin", "admin")
    admin = server.device("admin")
    w["county"] = str(uuid.uuid4())
    res = admin.push(admin.mut("counties", w["county"], "insert", name="金水区", koc_target=50))
    assert res[0]["status"] == "applied", res
    return w


@pytest.fixture
def live(server: Server) -> Iterator[LiveServer]:
    """The server app served by uvicorn on a loopback port, for real clients."""
    ls = LiveServer(server)
    try:
        yield ls
    finally:
        ls.stop()


@pytest.fixture
def device(live: LiveServer, tmp_path: Path) -> Iterator[MakeDevice]:
    """``device(user, name=None, **kw)``: a real store file and SyncClient logged in as
    ``user`` (closed at the end of the test)."""
    made: list[Device] = []

    def make(user: str, name: str | None = None, **kw: Any) -> Device:
        d = Device(live, tmp_path / f"{name or user}-{len(made)}.db", user, **kw)
        made.append(d)
        return d

    yield make
    for d in made:
        d.close()
