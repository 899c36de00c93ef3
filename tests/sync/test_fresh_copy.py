"""A damaged device store that had synced gets a fresh copy from head office: the damaged
file is set aside, the next sync brings every row back, and the changes it had not sent
yet go out with their own sequence numbers (nothing lost, nothing twice)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from client_harness import LiveServer, MakeDevice
from sync_harness import Server
from test_client_e2e import new_shop

from fieldapp.errors import StoreDamaged
from fieldapp.store import Store, rescue
from sync.client import SyncClient
from sync.server.db import rows


def _corrupt(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xa5" * size)


def test_a_fresh_copy_brings_everything_back_and_sends_what_was_unsent(
    server: Server,
    world: dict[str, Any],
    device: MakeDevice,
    live: LiveServer,
) -> None:
    d = device("repA")
    d.sync()
    synced = {new_shop(d, world["county"], name=f"门店{i}").id for i in range(12)}
    d.sync()
    unsent = {new_shop(d, world["county"], name=f"离线门店{i}").id for i in range(3)}
    path = Path(d.store.path)
    device_id = d.store.device_id
    d.store.close()
    _corrupt(path, "shops")
    with pytest.raises(StoreDamaged):
        Store.open(path, verify=True)

    done = rescue.fresh_copy(path)
    assert done.repushed == 3 and done.aside.exists()
    with Store.open(path) as fresh:
        assert fresh.device_id == device_id and fresh.shops.count() == 0
        client = SyncClient(
            fresh, live.url, token_store=d.tokens, retries=2, backoff=0.01, timeout=(5, 30)
        )
        client.sync()
        assert {s.id for s in fresh.shops.list()} == synced | unsent
        assert {m.state for m in fresh.outbox.list()} == {"applied"}
        fresh.shops.update(next(iter(unsent)), name="又改了")  # new work numbers on
        client.sync()
        assert {m.state for m in fresh.outbox.list()} == {"applied"}
    with server.engine.connect() as c:
        ids = {
            r[0] for r in c.execute(sa.select(rows.c.row_id).where(rows.c.table_name == "shops"))
        }
    assert ids == synced | unsent  # each once at head office
