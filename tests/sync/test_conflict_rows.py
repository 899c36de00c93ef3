"""Conflict rows travel to devices (docs/sync-protocol.md "Push", "Pull"): the server
writes each conflict it records as a synced ``conflicts`` row of the conflicted row's
team; devices pull it into ``store.replica.conflicts()`` and settle it with ordinary
``update`` mutations of ``resolved``/``resolution`` only. Real server (SQLite and
PostgreSQL), real client stores and :class:`SyncClient` over loopback HTTP.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from client_harness import Device, MakeDevice
from sync_harness import Server, shop_fields

from fieldapp.store.outbox import Change
from sync.server.db import conflicts, rows


@pytest.fixture
def team(server: Server, world: dict[str, Any]) -> dict[str, Any]:
    """conftest's world plus a second rep in team A."""
    world["repA2"] = server.user("repA2", "rep", "A")
    return world


def server_conflict(server: Server, conflict_id: int) -> Any:
    with server.engine.connect() as c:
        return c.execute(sa.select(conflicts).where(conflicts.c.id == conflict_id)).one()


def server_conflict_row(server: Server, row_id: str) -> Any:
    with server.engine.connect() as c:
        return c.execute(
            sa.select(rows).where(rows.c.table_name == "conflicts", rows.c.row_id == row_id)
        ).first()


def _shop_with_conflict(team: dict[str, Any], device: MakeDevice) -> tuple[Device, Device, str]:
    """repA (device a) and repA2 (device b) rename the same shop; b syncs last and wins."""
    a, b = device("repA"), device("repA2")
    a.sync()
    shop = a.store.shops.create(
        name="鑫旺便利店",
        channel="convenience",
        tier="B",
        county_id=team["county"],
        rep_id=a.user_id,
    )
    a.sync()
    b.sync()
    a.store.shops.update(shop.id, name='甲店 "老"')
    b.store.shops.update(shop.id, name="乙店")
    assert a.sync().conflicts == 0
    assert b.sync().conflicts == 1
    return a, b, shop.id


def test_conflict_reaches_both_devices_and_resolution_travels(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    a, b, shop_id = _shop_with_conflict(team, device)
    answer = b.store.outbox.list()[-1]
    assert answer.state == "conflict" and answer.result is not None
    conflict_id = answer.result["conflict_id"]
    lost_time = a.store.outbox.list()[-1].created_at

    for d in (a, b):
        report = d.sync()
        assert report.verified and report.rejected == 0
        (c,) = d.store.replica.conflicts()
        assert c.id == str(conflict_id)
        assert (c.table, c.row_id, c.field) == ("shops", shop_id, "name")
        assert (c.kept_value, c.lost_value) == ("乙店", '甲店 "老"')
        assert (c.kept_by, c.lost_by) == (b.user_id, a.user_id)
        assert (c.kept_device, c.lost_device) == (b.store.device_id, a.store.device_id)
        assert c.kept_seq is not None and c.lost_seq is not None and c.kept_seq > c.lost_seq
        assert c.lost_client_time == lost_time
        assert (c.resolved, c.resolution) == (False, None)
        assert c.version > 0
        assert d.store.shops.get(shop_id).name == "乙店"

    # JSON text exactly as the client keeps it.
    raw = server_conflict_row(server, str(conflict_id))
    assert raw.team_id == team["A"]
    assert raw.data["kept_value"] == json.dumps("乙店", ensure_ascii=False)
    assert raw.data["lost_value"] == json.dumps('甲店 "老"', ensure_ascii=False)

    # B keeps the lost value: an ordinary edit of the shop plus the conflict row's update.
    resolved = b.store.replica.resolve_conflict(str(conflict_id), keep="lost")
    assert resolved.resolved and resolved.resolution == "lost"
    rb = b.sync()
    assert (rb.pushed, rb.applied, rb.conflicts, rb.rejected) == (2, 2, 0, 0)
    assert rb.verified
    assert server_conflict(server, conflict_id).resolved is True

    ra = a.sync()
    assert ra.verified and ra.rejected == 0
    assert a.store.replica.conflicts() == []
    (c,) = a.store.replica.conflicts(unresolved_only=False)
    assert (c.id, c.resolved, c.resolution) == (str(conflict_id), True, "lost")
    assert a.store.shops.get(shop_id).name == b.store.shops.get(shop_id).name == '甲店 "老"'
    assert b.store.replica.conflicts() == []
    assert a.store.replica.checksums() == b.store.replica.checksums()

    # A rep of the other team never receives it.
    other = device("repB")
    assert other.sync().verified
    assert other.store.replica.conflicts(unresolved_only=False) == []
    assert other.store.replica.checksums()["conflicts"] == (0, 0)


def test_device_changing_kept_value_is_rejected(
    team: dict[str, Any], device: MakeDevice, server: Server
) -> None:
    a, _b, _shop_id = _shop_with_conflict(team, device)
    a.sync()
    (c,) = a.store.replica.conflicts()
    store = a.store
    with store.transaction():
        store.outbox.append(
            table="conflicts",
            row_id=c.id,
            op="update",
            changes={"kept_value": Change(json.dumps(c.kept_value), json.dumps("改了"))},
            base_version=c.version,
            user_id=store.user_id,
            created_at=c.created_at,
        )
    report = a.sync()
    assert (report.pushed, report.rejected) == (1, 1)
    last = a.store.outbox.list()[-1]
    assert (last.state, last.error_code) == ("rejected", "read_only")
    assert last.result is not None and last.result["error"]["field"] == "kept_value"
    raw = server_conflict_row(server, c.id)
    assert raw.data["kept_value"] == json.dumps(c.kept_value, ensure_ascii=False)
    assert server_conflict(server, int(c.id)).resolved is False


def test_conflict_rows_writes_by_role_and_scope(server: Server, world: dict[str, Any]) -> None:
    """Raw protocol: only updates of resolved/resolution, by the row's team, are applied."""
    a, b = server.device("repA"), server.device("repA")
    shop = str(uuid.uuid4())
    (ins,) = a.push(a.mut("shops", shop, "insert", **shop_fields(world, "repA")))
    base = ins["version"]
    assert a.push(a.mut("shops", shop, base=base, tier="A"))[0]["status"] == "applied"
    (lost,) = b.push(b.mut("shops", shop, base=base, tier="C"))
    assert lost["status"] == "conflict"
    cid = str(lost["conflict_id"])

    pulled = [c for c in a.pull_all() if c["table"] == "conflicts"]
    assert [c["row_id"] for c in pulled] == [cid]
    row = pulled[0]["row"]
    assert (row["kept_value"], row["lost_value"]) == ('"C"', '"A"')
    assert row["resolved"] is False and row["resolution"] is None and row["deleted"] is False
    version = pulled[0]["version"]

    rep_b, sup_b = server.device("repB"), server.device("supB")
    for d in (rep_b, sup_b):
        assert [c for c in d.pull_all() if c["table"] == "conflicts"] == []
        (r,) = d.push(d.mut("conflicts", cid, base=version, resolved=True))
        assert (r["status"], r["error"]["code"]) == ("rejected", "not_found")
    admin = server.device("admin")
    assert [c["row_id"] for c in admin.pull_all() if c["table"] == "conflicts"] == [cid]

    def rejected(d: Any, mut: dict[str, Any]) -> tuple[str, str | None]:
        (r,) = d.push(mut)
        assert r["status"] == "rejected", r
        return r["error"]["code"], r["error"].get("field")

    assert rejected(a, a.mut("conflicts", cid, base=version, kept_value='"X"')) == (
        "read_only",
        "kept_value",
    )
    assert rejected(a, a.mut("conflicts", cid, base=version, resolved=True, field="tier")) == (
        "read_only",
        "field",
    )
    assert rejected(a, a.mut("conflicts", cid, "delete", base=version)) == ("forbidden", None)
    new_id = str(uuid.uuid4())
    assert rejected(a, a.mut("conflicts", new_id, "insert", table_name="shops")) == (
        "forbidden",
        None,
    )
    assert rejected(a, a.mut("conflicts", cid, "insert", resolved=True)) == ("forbidden", None)
    assert rejected(a, a.mut("conflicts", cid, base=version, resolution="maybe")) == (
        "invalid_choice",
        "resolution",
    )
    assert server_conflict_row(server, new_id) is None

    sup = server.device("supA")
    (ok,) = sup.push(sup.mut("conflicts", cid, base=version, resolved=True, resolution="kept"))
    assert ok["status"] == "applied"
    assert server_conflict(server, int(cid)).resolved is True
    (latest,) = [c for c in a.pull_all() if c["table"] == "conflicts"]
    assert latest["row"]["resolved"] is True and latest["row"]["resolution"] == "kept"
    assert latest["row"]["kept_value"] == '"C"'


def test_edit_against_delete_conflict_row_keeps_the_edit(
    server: Server, world: dict[str, Any]
) -> None:
    a, b = server.device("repA"), server.device("repA")
    shop = str(uuid.uuid4())
    (ins,) = a.push(a.mut("shops", shop, "insert", **shop_fields(world, "repA")))
    assert a.push(a.mut("shops", shop, "delete", base=ins["version"]))[0]["status"] == "applied"
    (r,) = b.push(b.mut("shops", shop, base=ins["version"], notes="门口有台阶"))
    assert r["status"] == "conflict"
    (c,) = [c for c in b.pull_all() if c["table"] == "conflicts"]
    assert c["row_id"] == str(r["conflict_id"]) and c["version"] > r["version"]
    row = c["row"]
    assert (row["field"], row["kept_value"], row["lost_value"]) == ("notes", "null", '"门口有台阶"')
    assert (row["lost_by"], row["lost_device"]) == (world["repA"], b.device_id)
    assert row["lost_client_time"] == "2026-11-24T01:00:00+00:00"
