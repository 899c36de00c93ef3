"""The B→KOC→C loop at head office (issue 18), on SQLite and PostgreSQL: event economics,
banquets, community pushes and cloud-store orders are refused by head office with the
device's field and code (one rule table, two callers); they travel between two devices
through head office, where the chain computes the same on both; one order imported on two
devices is one order; a client of schema 2 reads a banquet as a scene event; erasing a
person clears them from pushes and attributions at head office too.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from client_harness import MakeDevice, rows_of
from sync_harness import Server, shop_fields

from fieldapp.exchange import import_orders as imp
from fieldapp.model import CloudOrder, CommunityPush, Event
from fieldapp.store import loop
from fieldapp.validation import check_form
from sync import protocol as p
from sync.server.db import rows

EVENT = {
    "kind": "tasting", "title": "品鉴会", "status": "done",
    "starts_at": "2026-11-20T10:00:00+00:00", "ends_at": "2026-11-20T12:00:00+00:00",
}  # fmt: skip

#: (table, fields, field, code): the device's code and head office's are the same.
BROKEN: list[tuple[str, dict[str, Any], str, str]] = [
    ("events", {"bottles_supplied": 10, "bottles_opened": 9, "bottles_returned": 2},
     "bottles_opened", "bottles_exceed_supplied"),
    ("events", {"kind": "banquet"}, "banquet_type", "required"),
    ("events", {"host_name": "刘先生", "host_koc_id": "KOC"}, "host_koc_id", "one_host"),
    ("events", {"cost_gifts": -1.0}, "cost_gifts", "out_of_range"),
    ("events", {"table_count": 100_001}, "table_count", "out_of_range"),
    ("events", {"scan_count": -1}, "scan_count", "out_of_range"),
    ("community_pushes", {"date": "2026-11-21"}, "koc_id", "one_pusher"),
    ("community_pushes", {"date": "2026-11-21", "koc_id": "KOC", "owner_id": "OWNER"},
     "koc_id", "one_pusher"),
    ("cloud_orders", {"amount": -3.0}, "amount", "out_of_range"),
    ("cloud_orders", {"amount": 1.0, "order_no": "x" * 65}, "order_no", "too_long"),
]  # fmt: skip
_MODEL = {"events": Event, "community_pushes": CommunityPush, "cloud_orders": CloudOrder}


def _team(server: Server, world: dict[str, Any]) -> dict[str, str]:
    rep = server.device("repA")
    ids = {k: str(uuid.uuid4()) for k in ("shop", "koc", "owner")}
    for table, row_id, fields in (
        ("shops", ids["shop"], shop_fields(world, "repA")),
        ("owners", ids["owner"], {"shop_id": ids["shop"], "name": "王老板", "level": 3}),
        ("kocs", ids["koc"], {
            "name": "张姐", "county_id": world["county"], "rep_id": world["repA"],
            "trait_acquaintances": 3, "trait_trying": 3, "trait_sharing": 3,
            "trait_expertise": 3, "stage": "spotted", "consent": False,
        }),
    ):  # fmt: skip
        (answer,) = rep.push(rep.mut(table, row_id, "insert", **fields))
        assert answer["status"] == "applied", answer
    return ids


@pytest.mark.parametrize(("table", "fields", "field", "code"), BROKEN)
def test_head_office_refuses_what_the_device_refuses_with_the_same_code(
    server: Server, world: dict[str, Any], table: str, fields: dict[str, Any], field: str,
    code: str,
) -> None:  # fmt: skip
    ids = _team(server, world)
    base: dict[str, Any] = {
        "events": {**EVENT, "rep_id": world["repA"]},
        "community_pushes": {},
        "cloud_orders": {
            "order_no": "YD1", "ordered_at": "2026-11-22T03:00:00+00:00", "shop_id": ids["shop"],
        },
    }[table]  # fmt: skip
    real = {"KOC": ids["koc"], "OWNER": ids["owner"]}
    row = base | {k: real.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    device = [(e.field, e.code) for e in check_form(_MODEL[table], row)]
    assert device == [(field, code)]
    rep = server.device("repA")
    (answer,) = rep.push(rep.mut(table, str(uuid.uuid4()), "insert", **row))
    assert answer["status"] == "rejected", answer
    assert (answer["error"]["field"], answer["error"]["code"]) == (field, code)


def _orders_file(tmp: Path, shop_code: str) -> Path:
    path = tmp / "orders.csv"
    path.write_text(
        "订单号,下单时间,门店,实付金额,推荐码,群名称\n"
        f"YD100,2026-11-21 20:00:00,{shop_code},256,ZJ01,\n"
        f"YD101,2026-11-25 10:00:00,{shop_code},128,,老张家族群\n"
        f"YD102,2026-11-26 10:00:00,{shop_code},68,,\n",
        encoding="utf-8",
    )
    return path


def test_the_chain_travels_between_two_devices_and_computes_the_same(
    world: dict[str, Any], device: MakeDevice, tmp_path: Path
) -> None:
    rep, rep2, sup = device("repA"), device("repA", "laptop2"), device("supA")
    assert rep.sync().rejected == 0
    s = rep.store
    shop = s.shops.create(
        name="鑫旺便利店", code="S001", channel="convenience", county_id=world["county"],
        rep_id=rep.user_id,
    )  # fmt: skip
    zhang = s.kocs.create(
        name="张姐", county_id=world["county"], rep_id=rep.user_id, referrer_code="ZJ01"
    )
    s.koc_shops.create(koc_id=zhang.id, shop_id=shop.id)
    s.community_groups.create(kind="family", name="老张家族群", admin_koc_id=zhang.id)
    tasting = s.events.create(
        **EVENT, rep_id=rep.user_id, venue_shop_id=shop.id, cost_products=300.0,
        cost_venue=100.0, bottles_supplied=12, bottles_opened=8, bottles_returned=4,
        table_count=2,
    )  # fmt: skip
    s.invitations.create(event_id=tasting.id, koc_id=zhang.id, status="attended")
    banquet = s.events.create(
        kind="banquet", title="刘家婚宴", banquet_type="wedding", status="done",
        starts_at="2026-11-22T04:00:00+00:00", ends_at="2026-11-22T08:00:00+00:00",
        rep_id=rep.user_id, host_name="刘先生", supplier_shop_id=shop.id, table_count=20,
        bottles_supplied=40, bottles_opened=31, bottles_returned=9, scan_count=25,
        cost_products=1240.0,
    )  # fmt: skip
    s.community_pushes.create(
        koc_id=zhang.id, date="2026-11-21", event_id=tasting.id, campaign="冬至", rep_id=rep.user_id
    )
    table = imp.read(_orders_file(tmp_path, "S001"))
    imp.apply_import(s, imp.plan_import(s, table, imp.ORDER_COLUMNS.guess(table.headers)[0]))
    report = rep.sync()
    assert (report.rejected, report.conflicts) == (0, 0), report
    for other in (rep2, sup):
        report = other.sync()
        assert (report.rejected, report.conflicts) == (0, 0), report
        for t in ("events", "community_pushes", "cloud_orders", "kocs"):
            assert rows_of(other.store, t) == rows_of(rep.store, t), t
        assert other.store.events.get(banquet.id).scan_count == 25
        assert loop.event_payback(other.store.db) == loop.event_payback(rep.store.db)
        assert loop.attributions(other.store.db) == loop.attributions(rep.store.db)
    paid = loop.event_payback(rep2.store.db, event_id=tasting.id)[0]
    # YD100 by her code, YD101 by her group; YD102 names nobody.
    assert (paid.orders[30], paid.revenue[30], paid.cost, paid.pushes) == (2, 384.0, 400.0, 1)
    # The same export imported on the second laptop before it heard of the first import
    # would make duplicates; head office keeps one order per order id.
    again = imp.plan_import(rep2.store, table, imp.ORDER_COLUMNS.guess(table.headers)[0])
    assert {r.action for r in again.rows} == {"unchanged"}


def test_one_export_imported_on_two_devices_offline_is_one_order_each(
    world: dict[str, Any], device: MakeDevice, tmp_path: Path
) -> None:
    rep, rep2 = device("repA"), device("repA", "laptop2")
    assert rep.sync().rejected == 0
    rep.store.shops.create(
        name="鑫旺便利店", code="S001", channel="convenience", county_id=world["county"],
        rep_id=rep.user_id,
    )  # fmt: skip
    assert rep.sync().rejected == 0 and rep2.sync().rejected == 0
    table = imp.read(_orders_file(tmp_path, "S001"))
    mapping = imp.ORDER_COLUMNS.guess(table.headers)[0]
    for d in (rep, rep2):  # both offline: neither knows the other's import
        imp.apply_import(d.store, imp.plan_import(d.store, table, mapping))
    for d in (rep, rep2, rep):
        assert d.sync().rejected == 0
    for d in (rep, rep2):
        live = [o.order_no for o in d.store.cloud_orders.list()]
        assert sorted(live) == ["YD100", "YD101", "YD102"], live


def test_a_schema_2_client_reads_a_banquet_as_a_scene_event(
    server: Server, world: dict[str, Any]
) -> None:
    rep = server.device("repA")
    row_id = str(uuid.uuid4())
    fields = {**EVENT, "kind": "banquet", "banquet_type": "birthday", "rep_id": world["repA"]}
    (answer,) = rep.push(rep.mut("events", row_id, "insert", **fields, table_count=12))
    assert answer["status"] == "applied", answer
    new = {c["row_id"]: c["row"] for c in rep.pull_all() if c["table"] == "events"}
    assert new[row_id]["kind"] == "banquet" and new[row_id]["table_count"] == 12
    old = server.device("repA", "old-laptop")
    old.headers[p.SCHEMA_HEADER] = "2"
    seen = {c["row_id"]: c["row"] for c in old.pull_all() if c["table"] == "events"}
    assert seen[row_id]["kind"] == "scene"
    assert "table_count" not in seen[row_id] and "banquet_type" not in seen[row_id]
    assert not [c for c in old.pull_all() if c["table"] in ("community_pushes", "cloud_orders")]


def test_erasing_a_person_at_head_office_clears_pushes_and_attributions(
    server: Server, world: dict[str, Any]
) -> None:
    ids = _team(server, world)
    rep = server.device("repA")
    (ok,) = rep.push(
        rep.mut("kocs", ids["koc"], base=10**9, mobile="13800138000", referrer_code="ZJ01")
    )
    assert ok["status"] == "applied", ok
    push_id, by_hand, by_phone = (str(uuid.uuid4()) for _ in range(3))
    order = {"ordered_at": "2026-11-22T03:00:00+00:00", "shop_id": ids["shop"], "amount": 9.0}
    for m in (
        rep.mut("community_pushes", push_id, "insert", koc_id=ids["koc"], date="2026-11-21",
                note="发在家族群"),
        rep.mut("cloud_orders", by_hand, "insert", order_no="H1", koc_id=ids["koc"],
                buyer_ref="买家A", **order),
        rep.mut("cloud_orders", by_phone, "insert", order_no="P1", buyer_ref="13800138000",
                **order),
    ):  # fmt: skip
        (answer,) = rep.push(m)
        assert answer["status"] == "applied", answer
    (erased,) = rep.push(
        rep.mut("kocs", ids["koc"], base=10**9, erased_at="2026-11-24T02:00:00+00:00")
    )
    assert erased["status"] == "applied", erased
    with server.engine.connect() as conn:
        data = {
            r.row_id: r.data
            for r in conn.execute(
                rows.select().where(rows.c.table_name.in_(("community_pushes", "cloud_orders")))
            )
        }
    assert data[push_id]["note"] is None
    assert (data[by_hand]["koc_id"], data[by_hand]["buyer_ref"]) == (None, None)
    assert data[by_phone]["buyer_ref"] is None
