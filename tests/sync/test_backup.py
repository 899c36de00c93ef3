"""``fieldapp-server backup`` / ``restore`` on both backends: the copy comes back, and a
device that synced after the copy was taken (its cursor beyond the copy's last change)
still receives what is written after the restore (the change sequence jumps past it)."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sync_harness import Server, shop_fields

from sync.server.cli import run
from sync.server.db import rows, server_settings


def _cli(*args: str) -> str:
    out = io.StringIO()
    assert run(list(args), io.StringIO(), out) == 0
    return out.getvalue()


def _shop_ids(server: Server) -> set[str]:
    with server.engine.connect() as c:
        return set(
            c.execute(sa.select(rows.c.row_id).where(rows.c.table_name == "shops")).scalars()
        )


def test_restore_brings_the_copy_back_and_later_changes_reach_devices_ahead_of_it(
    server: Server, world: dict[str, Any], db_url: str, tmp_path: Path
) -> None:
    rep, sup = server.device("repA"), server.device("supA")
    kept, lost, later = (str(uuid.uuid4()) for _ in range(3))
    rep.push(rep.mut("shops", kept, "insert", **shop_fields(world, "repA")))
    copy = tmp_path / "hq.backup"
    assert "backup written" in _cli("backup", str(copy), "--database", db_url)
    rep.push(rep.mut("shops", lost, "insert", **shop_fields(world, "repA", name="后来的店")))
    ahead = sup.pull(0)["cursor"]  # this device has seen the change the copy lacks
    server.engine.dispose()

    assert "restored from" in _cli("restore", str(copy), "--database", db_url)
    assert _shop_ids(server) == {kept}
    with server.engine.connect() as c:
        epoch = c.execute(
            sa.select(server_settings.c.value).where(server_settings.c.key == "epoch")
        ).scalar()
    assert epoch

    again = server.device("repA")  # the restored copy knows this rep; a new login
    answer = again.push(again.mut("shops", later, "insert", **shop_fields(world, "repA")))
    assert answer[0]["status"] == "applied"
    assert answer[0]["version"] > ahead
    assert later in {c["row_id"] for c in sup.pull(ahead)["changes"]}
