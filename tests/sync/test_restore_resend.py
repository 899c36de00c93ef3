"""Head office restored from a backup older than some devices' last sync: those devices
find out (head office's epoch changed) and send again what it lost, with nothing lost or
duplicated; the real client against the real server over loopback HTTP, on SQLite and
PostgreSQL (docs/sync-protocol.md "Head office restored")."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from client_harness import Device, LiveServer, MakeDevice, rows_of
from sync_harness import Server

from sync.server.cli import run
from sync.server.db import mutation_results, rows


def _cli(*args: str) -> str:
    out = io.StringIO()
    assert run(list(args), io.StringIO(), out) == 0, out.getvalue()
    return out.getvalue()


def _shops(server: Server) -> dict[str, dict[str, Any]]:
    with server.engine.connect() as c:
        return {
            r.row_id: dict(r.data) | {"deleted": r.deleted}
            for r in c.execute(sa.select(rows).where(rows.c.table_name == "shops"))
        }


def _new_shop(d: Device, county: str, **over: Any) -> Any:
    fields = {"name": "鑫旺便利店", "channel": "convenience", "tier": "B",
              "county_id": county, "rep_id": d.user_id}  # fmt: skip
    return d.store.shops.create(**(fields | over))


def test_devices_send_again_what_a_restored_head_office_lost(
    server: Server,
    world: dict[str, Any],
    live: LiveServer,
    device: MakeDevice,
    db_url: str,
    tmp_path: Path,
) -> None:
    world["repA2"] = server.user("repA2", "rep", "A")
    a, b = device("repA"), device("repA2")
    a.sync()
    b.sync()  # the county and the team's people
    kept = _new_shop(a, world["county"])
    a.sync()
    b.sync()
    copy = tmp_path / "hq.backup"
    _cli("backup", str(copy), "--database", db_url)

    lost = _new_shop(a, world["county"], name="后来的店")  # acknowledged after the copy
    a.store.shops.update(kept.id, notes="备份后改的")
    assert a.sync().applied == 2
    b_idle = _new_shop(b, world["county"], name="乙的店")  # b pushed after the copy too
    b.sync()
    assert set(_shops(server)) == {kept.id, lost.id, b_idle.id}

    live.stop()
    server.engine.dispose()
    _cli("restore", str(copy), "--database", db_url)
    again = Server(db_url)  # head office restarted on the copy, at the same address
    live2 = LiveServer(again, port=live.port)
    try:
        assert set(_shops(again)) == {kept.id}

        # a has nothing waiting: the pull's answer names another epoch, a push of nothing
        # asks what head office holds of a's, and the rest goes again.
        report = a.sync()
        assert report.resent == 2
        assert report.verified, report.summary()
        assert "head office was restored from a backup: 2 changes sent again" in report.summary()
        assert set(a.outbox_states()) == {"applied"}

        # b has something waiting: its push names the old epoch and is refused before
        # anything is applied; what it lost and what waits go in order.
        waiting = _new_shop(b, world["county"], name="乙的新店")
        report = b.sync()
        assert report.resent == 1 and report.applied == 2, report.summary()
        assert report.verified, report.summary()

        shops = _shops(again)
        assert set(shops) == {kept.id, lost.id, b_idle.id, waiting.id}  # none twice: ids
        assert shops[kept.id]["notes"] == "备份后改的"
        assert not any(s["deleted"] for s in shops.values())
        with again.engine.connect() as c:
            answered = c.execute(
                sa.select(mutation_results.c.device_id, sa.func.count())
                .group_by(mutation_results.c.device_id)
                .where(mutation_results.c.device_id.in_([a.store.device_id, b.store.device_id]))
            ).all()
        # one answer per mutation of each device: nothing applied twice
        assert dict(answered) == {
            a.store.device_id: len(a.outbox_states()),
            b.store.device_id: len(b.outbox_states()),
        }

        a.sync()  # a takes b's changes; both hold what head office holds
        assert rows_of(a.store, "shops") == rows_of(b.store, "shops")
        assert a.sync().resent == 0  # found out once
    finally:
        live2.stop()
        again.close()
