"""Client times follow the value rule's one stored form (``fieldapp.values``): a row's
``created_at``/``updated_at`` and a conflict's client time are UTC (``+00:00``) at head
office and in what devices pull, whatever offset the laptop sent; migration 0008
(``repair.client_times_to_utc``) rewrites what was stored before. Both backends."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sync_harness import Server, shop_fields

from sync.server.db import conflicts, rows

BEIJING = "2026-12-07T09:30:00+08:00"
UTC_FORM = "2026-12-07T01:30:00+00:00"


def test_a_pushed_client_time_is_stored_and_pulled_as_utc(
    server: Server, world: dict[str, Any]
) -> None:
    one, two = server.device("repA"), server.device("repA")
    shop = str(uuid.uuid4())
    m = one.mut("shops", shop, "insert", **shop_fields(world, "repA"))
    m["created_at"] = BEIJING
    assert one.push(m)[0]["status"] == "applied"
    # Two devices change one field: the conflict keeps the loser's client time.
    a = one.mut("shops", shop, base=10**9, name="一号")
    a["created_at"] = "2026-12-07T10:00:00+08:00"
    assert one.push(a)[0]["status"] == "applied"
    b = two.mut("shops", shop, base=1, name="二号")
    b["created_at"] = "2026-12-07T03:00:00+01:00"
    answer = two.push(b)[0]
    assert answer["status"] == "conflict", answer

    with server.engine.connect() as c:
        row = c.execute(sa.select(rows).where(rows.c.row_id == shop)).one()
        (client_time,) = c.execute(sa.select(conflicts.c.client_created_at)).one()
    assert row.created_at == UTC_FORM
    assert row.updated_at == "2026-12-07T02:00:00+00:00"
    assert client_time == "2026-12-07T02:00:00+00:00"
    pulled = {c["row_id"]: c["row"] for c in one.pull_all()}
    assert pulled[shop]["created_at"] == UTC_FORM
    (conflict,) = [r for r in pulled.values() if r and r.get("row_id") == shop]
    assert conflict["lost_client_time"] in (None, "2026-12-07T02:00:00+00:00")
    for r in pulled.values():
        for name in ("created_at", "updated_at"):
            assert r is None or r.get(name) is None or r[name].endswith("+00:00"), r


def test_migration_0008_stores_earlier_client_times_as_utc(
    server: Server, world: dict[str, Any]
) -> None:
    from sync.server.repair import client_times_to_utc

    one, two = server.device("repA"), server.device("repA")
    shop = str(uuid.uuid4())
    assert (
        one.push(one.mut("shops", shop, "insert", **shop_fields(world, "repA")))[0]["status"]
        == "applied"
    )
    assert one.push(one.mut("shops", shop, base=10**9, name="一号"))[0]["status"] == "applied"
    assert two.push(two.mut("shops", shop, base=1, name="二号"))[0]["status"] == "conflict"
    # What a push stored before it normalised client times.
    with server.engine.begin() as c:
        c.execute(
            sa.update(rows)
            .where(rows.c.row_id == shop)
            .values(created_at=BEIJING, updated_at=BEIJING)
        )
        c.execute(sa.update(conflicts).values(client_created_at=BEIJING))
        for cid, data in c.execute(
            sa.select(rows.c.row_id, rows.c.data).where(rows.c.table_name == "conflicts")
        ).all():
            c.execute(
                sa.update(rows)
                .where(rows.c.table_name == "conflicts", rows.c.row_id == cid)
                .values(data=dict(data) | {"lost_client_time": BEIJING})
            )
        versions = dict(c.execute(sa.select(rows.c.row_id, rows.c.version)).all())
    with server.engine.begin() as c:
        assert client_times_to_utc(c) == 3
    with server.engine.connect() as c:
        row = c.execute(sa.select(rows).where(rows.c.row_id == shop)).one()
        assert (row.created_at, row.updated_at) == (UTC_FORM, UTC_FORM)
        assert c.execute(sa.select(conflicts.c.client_created_at)).scalar() == UTC_FORM
        (data,) = c.execute(sa.select(rows.c.data).where(rows.c.table_name == "conflicts")).one()
        assert data["lost_client_time"] == UTC_FORM
        assert dict(c.execute(sa.select(rows.c.row_id, rows.c.version)).all()) == versions
    with server.engine.begin() as c:
        assert client_times_to_utc(c) == 0  # safe to run again
