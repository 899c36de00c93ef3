"""Nothing head office accepts can break a teammate's app (issue 12 §1).

Hostile values of every field type of every synced table, and hostile mutation metadata,
are pushed to head office on both backends: each is refused with a code, or stored so
that a teammate's real client pulls it and every reader (the model, the pages' queries,
``check``, the export) reads it. A row an older server accepted anyway is kept aside by
the device (``quarantine``) and never crashes a page or an export, on the device or at
head office. The rules themselves are ``fieldapp.values`` (one definition, both sides).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from client_harness import MakeDevice
from hypothesis import HealthCheck, given, settings, strategies as st
from sync_harness import Device as RawDevice, Server, shop_fields

from fieldapp.exchange.export import export_csv, export_xlsx
from fieldapp.exchange.from_store import StoreSource
from fieldapp.kinds import UNIQUE_TOGETHER
from fieldapp.store import Store, views_events, views_kocs, views_shops, views_today, views_visits
from sync import protocol as p
from sync.server import export as server_export
from sync.server.db import rows

SHA = "ab" * 32
TODAY = date(2026, 11, 24)
CLIENT_TIME = "2026-11-24T01:00:00+00:00"


# --------------------------------------------------------------------------- a team's rows


def push_raw(dev: RawDevice, *muts: dict[str, Any]) -> Any:
    """POST /v1/push with the body as ASCII JSON: lone surrogates travel as escapes."""
    body = json.dumps({"device_id": dev.device_id, "mutations": list(muts)})
    headers = dev.headers | {"Content-Type": "application/json"}
    return dev.server.client.post("/v1/push", content=body.encode(), headers=headers)


def push(dev: RawDevice, *muts: dict[str, Any]) -> list[dict[str, Any]]:
    r = push_raw(dev, *muts)
    assert r.status_code == 200, r.text
    return list(r.json()["results"])


def _push_ok(dev: RawDevice, table: str, row_id: str, **fields: Any) -> str:
    answer = dev.push(dev.mut(table, row_id, "insert", **fields))[0]
    assert answer["status"] == "applied", (table, answer)
    return row_id


def build_team(server: Server, world: dict[str, Any]) -> dict[str, Any]:
    """One valid row of every synced table in team A (parents for the hostile inserts)."""
    rep = server.device("repA")
    admin = server.device("admin")
    sup = server.device("supA")
    new = lambda: str(uuid.uuid4())  # noqa: E731
    ids: dict[str, Any] = {"rep": rep, "admin": admin, "sup": sup, "county": world["county"]}
    ids["product"] = _push_ok(admin, "products", new(), name="金典十年", price=128.0)
    ids["shop"] = _push_ok(rep, "shops", new(), **shop_fields(world, "repA"))
    ids["agreement"] = _push_ok(
        rep, "display_agreements", new(), shop_id=ids["shop"], position="end_cap", facings=4,
        starts_on="2026-11-01", ends_on="2026-12-31", monthly_fee=300.0,
    )  # fmt: skip
    ids["owner"] = _push_ok(rep, "owners", new(), shop_id=ids["shop"], name="王老板", level=3)
    ids["campaign"] = _push_ok(
        admin, "campaigns", new(), name="冬季铺货", task_kind="question", task="备货够吗？",
        starts_on="2026-11-01", ends_on="2026-12-31",
    )  # fmt: skip
    ids["visit"] = _push_ok(
        rep, "visits", new(), shop_id=ids["shop"], rep_id=world["repA"], planned_date="2026-11-24",
        review_status="draft",
    )  # fmt: skip
    ids["event"] = _push_ok(
        rep, "events", new(), kind="tasting", title="品鉴会", rep_id=world["repA"],
        starts_at="2026-11-28T10:00:00+00:00", ends_at="2026-11-28T12:00:00+00:00",
        status="planned",
    )  # fmt: skip
    ids["koc"] = _push_ok(
        rep, "kocs", new(), name="张姐", county_id=world["county"], rep_id=world["repA"],
        trait_acquaintances=3, trait_trying=3, trait_sharing=3, trait_expertise=3,
        stage="spotted", consent=False,
    )  # fmt: skip
    return ids


def valid_fields(table: str, ids: dict[str, Any], world: dict[str, Any]) -> dict[str, Any]:
    """Valid fields of a new row of ``table`` whose parents are ``ids``'s rows."""
    rep = world["repA"]
    return {
        "counties": {"name": "二七区", "koc_target": 50},
        "teams": {"name": "洛阳组"},
        "users": {"name": "赵强", "role": "rep", "team_id": world["A"]},
        "products": {"name": "金典五年", "price": 68.0},
        "shops": shop_fields(world, "repA"),
        "owners": {"shop_id": ids["shop"], "name": "李老板", "level": 2},
        "interactions": {"owner_id": ids["owner"], "date": "2026-11-20", "kind": "call"},
        "visits": {
            "shop_id": ids["shop"], "rep_id": rep, "planned_date": "2026-11-25",
            "review_status": "draft",
        },
        "order_lines": {"visit_id": ids["visit"], "product_id": ids["product"], "quantity": 6},
        "prices": {
            "list_name": "2026 冬", "product_id": ids["product"], "price": 120.0,
            "valid_from": "2026-12-01",
        },
        "promotions": {
            "name": "买五送一", "kind": "buy_get", "buy_quantity": 5, "free_quantity": 1,
            "valid_from": "2026-12-01", "valid_to": "2026-12-31", "priority": 2,
            "product_id": ids["product"],
        },
        "events": {
            "kind": "scene", "title": "火锅夜", "rep_id": rep, "status": "planned",
            "starts_at": "2026-11-29T10:00:00+00:00", "ends_at": "2026-11-29T12:00:00+00:00",
        },
        "event_products": {"event_id": ids["event"], "product_id": ids["product"]},
        "kocs": {
            "name": "刘哥", "county_id": world["county"], "rep_id": rep, "stage": "spotted",
            "trait_acquaintances": 3, "trait_trying": 3, "trait_sharing": 3,
            "trait_expertise": 3, "consent": False,
        },
        "koc_shops": {"koc_id": ids["koc"], "shop_id": ids["shop"]},
        "koc_stage_changes": {
            "koc_id": ids["koc"], "to_stage": "introduced",
            "changed_at": "2026-11-20T01:00:00+00:00",
        },
        "community_groups": {"kind": "family", "name": "老张家族群", "admin_koc_id": ids["koc"]},
        "invitations": {"event_id": ids["event"], "koc_id": ids["koc"], "status": "invited"},
        "photos": {"sha256": SHA, "size": 1000, "mime": "image/jpeg", "shop_id": ids["shop"]},
        "visit_reviews": {
            "visit_id": ids["visit"], "decision": "approved", "reviewer_id": world["supA"],
            "decided_at": "2026-11-24T02:00:00+00:00",
        },
        "assortment_rules": {
            "team_id": world["A"], "channel": "convenience", "tier": "A",
            "product_id": ids["product"],
        },
        "shop_skus": {"shop_id": ids["shop"], "product_id": ids["product"], "listed": True},
        "display_agreements": {
            "shop_id": ids["shop"], "position": "cooler", "facings": 2, "starts_on": "2026-12-01",
            "ends_on": "2027-02-28", "monthly_fee": 150.0, "accepted_on": "2026-11-28",
        },
        "display_agreement_skus": {"agreement_id": ids["agreement"], "product_id": ids["product"]},
        "display_checks": {
            "visit_id": ids["visit"], "agreement_id": ids["agreement"], "passed": False,
            "note": "冰柜里有竞品",
        },
        "display_payouts": {
            "agreement_id": ids["agreement"], "month": "2026-11", "computed": 150.0,
            "amount": 150.0, "approved_by": world["supA"],
            "approved_at": "2026-12-01T02:00:00+00:00",
        },
        "shelf_audits": {
            "visit_id": ids["visit"], "product_id": ids["product"], "in_distribution": True,
            "facings": 3,
        },
        "community_pushes": {
            "koc_id": ids["koc"], "date": "2026-11-25", "event_id": ids["event"],
            "product_id": ids["product"], "campaign": "冬至", "note": "发了三条",
        },
        "campaigns": {
            "name": "新品拍照", "task_kind": "photo", "task": "拍端架", "team_id": world["A"],
            "channel": "convenience", "starts_on": "2026-12-01", "ends_on": "2026-12-31",
        },
        "campaign_results": {
            "visit_id": ids["visit"], "campaign_id": ids["campaign"], "done": False,
            "answer": "老板不在",
        },
        "cloud_orders": {
            "order_no": "YD" + str(uuid.uuid4())[:12], "ordered_at": "2026-11-26T03:00:00+00:00",
            "shop_id": ids["shop"], "amount": 256.0, "items": "金典十年 ×2",
            "buyer_ref": "13800138000", "referrer_code": "ZJ01", "group_name": "老张家族群",
        },
    }[table]  # fmt: skip


#: Who writes a new row of each table (teams, users and shared rows need an admin, the
#: review history the supervisor).
WRITER = {"teams": "admin", "users": "admin", "counties": "admin", "products": "admin"}
WRITER |= {"prices": "admin", "promotions": "admin", "display_payouts": "sup"}
WRITER |= {"campaigns": "admin"}
WRITER |= {"visit_reviews": "sup", "assortment_rules": "sup"}
TABLES = [t for t in p.TABLES if t != "conflicts"]


# --------------------------------------------------------------------------- hostile values

_POISON_TEXT = [
    "\x00", "a\x00b", "\x1b[31m", "\x07", "\x0b", "\x7f", "\ud800", "a\udfffb", "\r\n", "\t",
    " ", "", "\u2028", "\ufeff", "😀" * 3, "'; DROP TABLE rows; --", "x" * 201,
]  # fmt: skip
_POISON_DATE = [
    "2024-W01-1", "20240501", "20240501xx", "2024-05-01T00:00:00", "0001-01-01", "9999-12-31",
    "1899-12-31", "2101-01-01", "2024-02-30", "２０２４-０５-０１", "2024-5-1", " 2024-05-01",
]  # fmt: skip
_POISON_MOMENT = [
    "garbage", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2026-11-24T09:00:00",
    "2026-11-24 09:00:00+00:00", "2026-11-24T09:00:00Z", "2026-11-24T09:00:00.123456+08:00",
    "1969-12-31T23:59:59+00:00", "2101-01-01T00:00:00+00:00", "2026-11-24T09:00+00:00",
    "2026-W48-2T09:00:00+00:00", "2026-11-24T09:00:00+24:00",
]  # fmt: skip


def _moments() -> st.SearchStrategy[str]:
    offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    aware = st.builds(lambda d, tz: d.replace(tzinfo=tz).isoformat(), st.datetimes(), offsets)
    return st.one_of(st.sampled_from(_POISON_MOMENT), aware, st.datetimes().map(datetime.isoformat))


def _texts() -> st.SearchStrategy[str]:
    controls = st.characters(min_codepoint=0, max_codepoint=0x20)
    surrogates = st.characters(categories=["Cs"])
    anything = st.characters(codec=None, categories=None, exclude_categories=())
    return st.one_of(
        st.sampled_from(_POISON_TEXT),
        st.text(st.one_of(controls, surrogates, anything), max_size=12),
        st.text(max_size=30),
    )


def hostile(spec: p.FieldSpec) -> st.SearchStrategy[Any]:
    """Values of every kind for a field of ``spec``, most of them wrong for it."""
    other: st.SearchStrategy[Any] = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**63) + 1, 2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        _texts(),
    )
    own: st.SearchStrategy[Any]
    if spec.kind == "date":
        own = st.one_of(st.sampled_from(_POISON_DATE), st.dates().map(date.isoformat))
    elif spec.kind == "datetime":
        own = _moments()
    elif spec.kind == "enum":
        own = st.sampled_from(spec.choices)
    elif spec.kind in ("int", "float"):
        lo, hi = int(spec.min_value or 0), int(spec.max_value or 0)
        own = st.one_of(st.integers(lo - 2, hi + 2), st.floats(lo - 1, hi + 1))
    else:
        own = _texts()
    return st.one_of(own, other)


# --------------------------------------------------------------------------- readers


def read_everything(store: Store, tmp: Path) -> None:
    """Every reader of a device: models, pages' queries, check, stats and both exports."""
    from fieldapp.cli import main as cli

    db = store.db
    for entity_table in store.replica.checksums():
        if entity_table == "conflicts":
            continue
        repo = store.repo(entity_table)
        for row in repo.list(include_deleted=True):
            repo.get(row.id) if not row.deleted else None
    views_shops.shop_rows(db, today=TODAY)
    views_kocs.koc_rows(db)
    views_events.event_rows(db)
    views_visits.review_queue(db)
    for shop in store.repo("shops").list():
        views_shops.shop_detail(db, shop.id)
        for fn in (
            views_shops.shop_interactions,
            views_shops.shop_kocs,
            views_shops.shop_visits,
            views_shops.shop_events,
            views_shops.shop_photos,
        ):
            fn(db, shop.id)
    for koc in store.repo("kocs").list():
        views_kocs.koc_detail(db, koc_id=koc.id)
        views_kocs.koc_history(db, koc_id=koc.id)
        views_kocs.koc_events(db, koc_id=koc.id)
        views_kocs.koc_shops(db, koc_id=koc.id)
    for event in store.repo("events").list():
        views_events.event_detail(db, event_id=event.id)
        views_events.invitations(db, event_id=event.id)
    for visit in store.repo("visits").list():
        views_visits.visit_detail(db, visit_id=visit.id)
        views_visits.review_history(db, visit_id=visit.id)
        views_visits.order_lines(db, visit_id=visit.id)
    for user in [None, *(u.id for u in store.repo("users").list())]:
        views_today.planned_visits(db, day=TODAY, rep_id=user)
        views_today.returned_visits(db, rep_id=user)
        views_today.quiet_owners(db, today=TODAY, rep_id=user)
        views_today.kocs_to_follow_up(db, today=TODAY, rep_id=user)
        views_today.upcoming_events(db, today=TODAY, rep_id=user)
        views_today.overdue_by_tier(db, today=TODAY, rep_id=user)
    assert store.check().ok, store.check()
    export_xlsx(StoreSource(store), tmp / "device.xlsx")
    export_csv(StoreSource(store), tmp / "device-csv")
    path = str(store.path)
    assert cli(["--db", path, "stats", "--today", TODAY.isoformat()]) == 0
    assert cli(["--db", path, "check"]) == 0


def server_reads_everything(server: Server, tmp: Path) -> None:
    server_export.export(server.engine, xlsx=tmp / "server.xlsx")
    server_export.export(server.engine, csv_dir=tmp / "server-csv")
    rep = server.device("repA")
    for change in rep.pull_all():  # every photo the team may download answers, never a 500
        if change["table"] == "photos" and change["op"] == "upsert":
            r = rep.get(f"/v1/photos/{change['row']['sha256']}")
            assert r.status_code in (200, 404), r.text


# --------------------------------------------------------------------------- tests


def test_hostile_values_are_refused_with_a_code_or_readable_by_every_teammate(
    server: Server, world: dict[str, Any], device: MakeDevice, tmp_path: Path
) -> None:
    ids = build_team(server, world)
    applied: list[tuple[str, str, Any]] = []

    @settings(
        max_examples=120,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def push_one(data: st.DataObject) -> None:
        table = data.draw(st.sampled_from(TABLES), label="table")
        field = data.draw(st.sampled_from(sorted(p.TABLES[table])), label="field")
        value = data.draw(hostile(p.TABLES[table][field]), label="value")
        created = data.draw(st.one_of(st.just(CLIENT_TIME), _moments()), label="created_at")
        dev: RawDevice = ids[WRITER.get(table, "rep")]
        m = dev.mut(table, str(uuid.uuid4()), "insert", **valid_fields(table, ids, world))
        m["changes"][field] = {"old": None, "new": value}
        m["created_at"] = created
        r = push_raw(dev, m)
        if r.status_code in (400, 422):  # the whole request refused (a lone surrogate)
            assert r.json()["error"]["code"] in ("invalid_json", "invalid_request"), r.text
            return
        assert r.status_code == 200, (table, field, value, r.status_code, r.text)
        answer = r.json()["results"][0]
        if answer["status"] == "rejected":
            assert isinstance(answer["error"]["code"], str) and answer["error"]["code"]
        elif answer["status"] == "conflict" and table in UNIQUE_TOGETHER:
            # The same parents as a row applied before: a second insert of a pair that
            # must be unique is merged into the first, a conflict a person sees.
            assert any(t == table for t, _, _ in applied), answer
            assert answer["conflict_ids"], answer
        else:
            assert answer["status"] == "applied", answer
            applied.append((table, field, value))

    push_one()
    assert applied  # the valid draws went in
    for teammate in ("supA", "repA"):
        dev = device(teammate)
        report = dev.sync()
        assert report.verified, report
        # Nothing head office stored needed mending to be read: its rules are the device's.
        assert dev.store.replica.quarantined() == [], dev.store.replica.quarantined()
        read_everything(dev.store, tmp_path)
    server_reads_everything(server, tmp_path)


# The probe's values (issue 12 §1), each refused with its code at head office.
REFUSED = [
    ("shops", "name", "鑫旺\x00便利店", "invalid_character"),
    ("shops", "notes", "bell\x07", "invalid_character"),
    ("kocs", "notes", "\x0b", "invalid_character"),  # blank to str.strip(), still refused
    ("photos", "caption", "cap\x00tion", "invalid_character"),
    ("visits", "planned_date", "2024-W01-1", "invalid_date"),
    ("visits", "planned_date", "20240501xx", "invalid_date"),
    ("visits", "planned_date", "0001-01-01", "out_of_range"),
    ("events", "starts_at", "9999-12-31T23:59:59-14:00", "out_of_range"),
    ("events", "starts_at", "0001-01-01T00:00:00+14:00", "out_of_range"),
    ("events", "starts_at", "2026-11-28T10:00:00", "invalid_datetime"),
    ("kocs", "consent_at", "garbage", "invalid_datetime"),
]


def test_the_probes_poison_values_are_refused_with_a_code(
    server: Server, world: dict[str, Any]
) -> None:
    ids = build_team(server, world)
    for table, field, value, code in REFUSED:
        dev: RawDevice = ids[WRITER.get(table, "rep")]
        fields = valid_fields(table, ids, world) | {field: value}
        answer = push(dev, dev.mut(table, str(uuid.uuid4()), "insert", **fields))[0]
        assert answer["status"] == "rejected", (table, field, value, answer)
        assert answer["error"] == {"code": code, "field": field}, (table, field, answer)
    rep = ids["rep"]
    lone = rep.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA"))
    lone["changes"]["address"] = {"old": None, "new": "lone \ud800"}
    r = push_raw(rep, lone)
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_json"), r.text
    for created, code in (
        ("garbage", "invalid_datetime"),
        ("9999-12-31T23:59:59-14:00", "out_of_range"),
        ("2026-11-24T01:00:00", "invalid_datetime"),
    ):
        m = rep.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA"))
        m["created_at"] = created
        answer = push(rep, m)[0]
        assert answer["error"] == {"code": code, "field": "created_at"}, (created, answer)
    # A laptop whose clock reset to 1970 still syncs its writes.
    m = rep.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA"))
    m["created_at"] = "1970-01-01T00:00:05+00:00"
    assert push(rep, m)[0]["status"] == "applied"
    # A NUL shop can no longer break later pushes (PostgreSQL: UntranslatableCharacter).
    later = rep.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA", code="S9"))
    assert rep.push(later)[0]["status"] == "applied"
    # One stored form: an offset other than UTC is kept as UTC.
    sid = str(uuid.uuid4())
    m = rep.mut("events", sid, "insert", **valid_fields("events", ids, world))
    m["changes"]["starts_at"]["new"] = "2026-11-29T17:00:00+08:00"
    m["created_at"] = "2026-11-24T09:00:00+08:00"
    assert rep.push(m)[0]["status"] == "applied"
    with server.engine.connect() as c:
        data = c.execute(sa.select(rows.c.data).where(rows.c.row_id == sid)).scalar_one()
    assert data["starts_at"] == "2026-11-29T09:00:00+00:00"


def _poison_stored_row(server: Server, row_id: str, **bad: Any) -> None:
    """What an older head office let in: change a stored row's data and client time."""
    with server.engine.begin() as c:
        row = c.execute(sa.select(rows).where(rows.c.row_id == row_id)).one()
        values: dict[str, Any] = {"data": dict(row.data) | bad}
        if "created_at" in bad:
            values |= {"created_at": bad["created_at"], "updated_at": bad["created_at"]}
            values["data"].pop("created_at")
        c.execute(sa.update(rows).where(rows.c.row_id == row_id).values(**values))


def test_a_row_an_older_server_accepted_is_kept_aside_and_breaks_no_reader(
    server: Server, world: dict[str, Any], device: MakeDevice, tmp_path: Path, backend: str
) -> None:
    ids = build_team(server, world)
    bad_text = "鑫旺\x07便利店" if backend == "postgresql" else "鑫旺\x00便利店"
    _poison_stored_row(server, ids["shop"], name=bad_text, created_at="0001-01-01T00:00:00+14:00")
    _poison_stored_row(server, ids["event"], starts_at="9999-12-31T23:59:59-14:00")
    _poison_stored_row(server, ids["visit"], planned_date="2024-W01-1", checkin_at="garbage")
    _poison_stored_row(server, ids["koc"], consent_at="2026-11-24T09:00:00")
    dev = device("supA")
    report = dev.sync()
    assert report.quarantined == 7, report
    store = dev.store
    kept = {(q.table, q.field): q for q in store.replica.quarantined()}
    assert kept[("shops", "name")].value == bad_text
    assert kept[("shops", "name")].code == "invalid_character"
    assert kept[("events", "starts_at")].code == "out_of_range"
    assert kept[("visits", "planned_date")].code == "invalid_date"
    assert store.shops.get(ids["shop"]).name == "鑫旺\ufffd便利店"
    assert store.kocs.get(ids["koc"]).consent_at == datetime(2026, 11, 24, 9, tzinfo=UTC)
    assert store.check().quarantined == 7
    read_everything(store, tmp_path)
    server_reads_everything(server, tmp_path)
    # A later version of the row with a readable name clears that value from the side.
    rep: RawDevice = ids["rep"]
    fix = rep.mut("shops", ids["shop"], base=10**6, name="鑫旺便利店")
    assert rep.push(fix)[0]["status"] == "applied"
    dev.sync()
    kept_now = {(q.table, q.field) for q in store.replica.quarantined()}
    assert ("shops", "name") not in kept_now and ("shops", "created_at") in kept_now
    assert store.shops.get(ids["shop"]).name == "鑫旺便利店"


def test_head_office_mends_what_an_older_server_stored(
    server: Server, world: dict[str, Any], backend: str
) -> None:
    """Migration 0007 (``sync/server/repair.py``): the NUL shop that broke every later
    shop-code check on PostgreSQL, a NUL caption, year 0 and an ISO week date."""
    from sync.server.repair import mend_stored

    ids = build_team(server, world)
    rep: RawDevice = ids["rep"]
    photo = _push_ok(rep, "photos", str(uuid.uuid4()), **valid_fields("photos", ids, world))
    _poison_stored_row(server, ids["shop"], name="鑫旺\x00便利店", code="S1")
    _poison_stored_row(server, ids["shop"], created_at="0001-01-01T00:00:00+14:00")
    _poison_stored_row(server, photo, caption="cap\x00tion")
    _poison_stored_row(server, ids["visit"], planned_date="2024-W01-1")
    with server.engine.begin() as c:
        assert mend_stored(c) == 3
    with server.engine.connect() as c:
        shop = c.execute(sa.select(rows).where(rows.c.row_id == ids["shop"])).one()
    assert shop.data["name"] == "鑫旺\ufffd便利店"
    assert shop.created_at == "1970-01-01T00:00:00+00:00"
    # Later shops with a code apply again (the check reads every shop's code).
    later = rep.mut("shops", str(uuid.uuid4()), "insert", **shop_fields(world, "repA", code="S2"))
    assert push(rep, later)[0]["status"] == "applied"
    r = rep.get(f"/v1/photos/{SHA}")  # the team's photo downloads answer (no file: 404)
    assert r.status_code == 404, r.text
    with server.engine.begin() as c:
        assert mend_stored(c) == 0
