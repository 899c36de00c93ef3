"""Every request names the app's version; head office keeps each device's last one.

The real client sends ``X-Fieldapp-App-Version`` (``fieldapp.__version__`` unless told
otherwise); the server records it on login and when a later request names another one
(an updated laptop), ``list-devices`` prints it, and a header that is no version is
ignored, never stored. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import io
from typing import Any

import sqlalchemy as sa
from client_harness import MakeDevice
from sync_harness import PASSWORD, Server

import fieldapp
from sync import protocol as p
from sync.server import cli
from sync.server.db import devices


def _version(server: Server, device_id: str) -> str | None:
    with server.engine.connect() as conn:
        value = conn.execute(
            sa.select(devices.c.app_version).where(devices.c.id == device_id)
        ).scalar_one()
    return None if value is None else str(value)


def test_the_client_names_its_version_and_head_office_keeps_the_last(
    server: Server, world: dict[str, Any], device: MakeDevice
) -> None:
    laptop = device("repA")
    device_id = laptop.store.device_id
    assert _version(server, device_id) == fieldapp.__version__  # from the login
    laptop.client.app_version = "9.8.7"  # the laptop was updated
    laptop.sync()
    assert _version(server, device_id) == "9.8.7"
    out = io.StringIO()
    assert cli.run(["list-devices", "--database", server.url], io.StringIO(), out) == 0
    line = next(x for x in out.getvalue().splitlines() if x.startswith(device_id + "\t"))
    assert line.split("\t")[-1] == "9.8.7"


def test_a_header_that_is_no_version_is_ignored(server: Server, world: dict[str, Any]) -> None:
    rep = server.device("repA", "pc-1")
    assert _version(server, "pc-1") is None  # the harness names none
    for bad in ("1.0; DROP TABLE devices", "x" * 41, "", " ", "1.0\t2", "版本1".encode()):
        headers = rep.headers | {p.APP_VERSION_HEADER: bad}
        r = server.client.get("/v1/verify", headers=headers)
        assert r.status_code == 200, (bad, r.text)
        assert _version(server, "pc-1") is None, bad
    r = server.client.get("/v1/verify", headers=rep.headers | {p.APP_VERSION_HEADER: "1.2.0rc1"})
    assert r.status_code == 200 and _version(server, "pc-1") == "1.2.0rc1"
    body = {"username": "repA", "password": PASSWORD, "device_id": "pc-1"}
    headers = server.headers | {p.APP_VERSION_HEADER: "1.3.0"}
    assert server.client.post("/v1/login", json=body, headers=headers).status_code == 200
    assert _version(server, "pc-1") == "1.3.0"
