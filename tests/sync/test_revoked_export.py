"""A removed (revoked) computer's unsynced changes, saved before its wipe, sealed for head
office (``fieldapp.exchange.unsynced``): the file holds no value in clear, head office
opens it with the device's token hash (``fieldapp-server open-unsynced``), and a file
altered or claimed for another device is refused. SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from client_harness import Device
from sync_harness import Server

from fieldapp.exchange.unsynced import export_unsynced
from sync.client import AuthError
from sync.server import cli, service

NAME = "被移除电脑上的门店"


def test_a_removed_computers_changes_are_sealed_for_head_office(
    server: Server,
    world: dict[str, Any],
    device: Callable[[str], Device],
    tmp_path: Path,
) -> None:
    d = device("repA")
    d.sync()
    county = d.store.counties.list()[0].id
    shop = d.store.shops.create(
        name=NAME, channel="convenience", county_id=county, phone="13912345678"
    )
    service.revoke_device(server.engine, d.store.device_id)
    with pytest.raises(AuthError) as info:
        d.sync()
    assert info.value.code == "device_revoked"

    token = d.tokens.get(d.client.token_key)
    assert token is not None
    sealed = tmp_path / "unsynced.json"
    assert export_unsynced(d.store, sealed, token=token) == 1
    raw = sealed.read_text(encoding="utf-8")
    assert NAME not in raw and "13912345678" not in raw and shop.id not in raw
    assert oct(sealed.stat().st_mode & 0o777) == "0o600"
    envelope = json.loads(raw)
    assert (envelope["device_id"], envelope["count"]) == (d.store.device_id, 1)

    out = tmp_path / "opened.json"
    stdout = io.StringIO()
    argv = ["open-unsynced", str(sealed), "--out", str(out), "--database", server.url]
    assert cli.run(argv, io.StringIO(), stdout) == 0
    assert "1 change of device" in stdout.getvalue()
    body = json.loads(out.read_text(encoding="utf-8"))
    (m,) = body["mutations"]
    assert (m["table"], m["row_id"], m["op"]) == ("shops", shop.id, "insert")
    assert m["changes"]["name"]["new"] == NAME and body["device_id"] == d.store.device_id
    assert oct(out.stat().st_mode & 0o777) == "0o600"

    # Another device's name on the file, or one altered byte: refused, nothing opened.
    other = device("repB")
    claimed = envelope | {"device_id": other.store.device_id}
    altered = envelope | {"ciphertext": envelope["ciphertext"][:-8] + "AAAAAAA="}
    for bad in (claimed, altered):
        with pytest.raises(service.ServiceError) as refused:
            service.open_unsynced(server.engine, bad)
        assert refused.value.code == "invalid_format"
    with pytest.raises(service.ServiceError) as unknown:
        service.open_unsynced(server.engine, envelope | {"device_id": "no-such-device"})
    assert unknown.value.code == "not_found"
