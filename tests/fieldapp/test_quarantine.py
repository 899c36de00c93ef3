"""Rows a device cannot read are mended and their values kept aside (issue 12 §1).

An older head office accepted values no reader can read. Pulled in a page, or already in
the store when the app is upgraded (migration 0014), such a row is mended with
``fieldapp.readable`` and the original values are kept in ``quarantine``: every page,
``shops.list()``, ``check`` and the export read the store, and ``check`` counts them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fieldapp import readable
from fieldapp.cli import main as cli
from fieldapp.exchange.export import export_csv, export_xlsx
from fieldapp.exchange.from_store import StoreSource
from fieldapp.store import Store, migrations, views_events, views_shops
from tests.conftest import T0, World

NOW = T0.isoformat()
TODAY = date(2026, 11, 24)


def _page_row(world: World, row_id: str, **bad: Any) -> dict[str, Any]:
    row = {
        "id": row_id, "created_at": NOW, "updated_at": NOW, "created_by": None,
        "updated_by": None, "deleted": False, "version": 5, "code": None, "name": "鑫旺便利店",
        "channel": "convenience", "tier": "B", "address": None, "county_id": world.county_id,
        "phone": None, "latitude": None, "longitude": None, "cloud_store": "none",
        "notes": None, "rep_id": None,
    }  # fmt: skip
    return row | bad


def _readers_work(store: Store, tmp: Path) -> None:
    for shop in store.shops.list():
        store.shops.get(shop.id)
        views_shops.shop_detail(store.db, shop.id)
    views_shops.shop_rows(store.db, today=TODAY)
    for event in store.events.list():
        views_events.event_detail(store.db, event_id=event.id)
    views_events.event_rows(store.db)
    export_xlsx(StoreSource(store), tmp / "out.xlsx")
    export_csv(StoreSource(store), tmp / "csv")


def test_a_pulled_row_no_reader_can_read_is_mended_and_kept_aside(
    file_world: World, tmp_path: Path
) -> None:
    store = file_world.store
    bad = _page_row(
        file_world, "s-bad", name="鑫旺\x00便利店", created_at="0001-01-01T00:00:00+14:00",
        updated_at="2026-11-24T09:00:00", notes="ok\nline",
    )  # fmt: skip
    good = _page_row(file_world, "s-good", updated_at="2026-11-24T17:00:00+08:00")
    page = [
        {"seq": i + 1, "table": "shops", "row_id": r["id"], "op": "upsert", "version": 5,
         "row": r}
        for i, r in enumerate((bad, good))
    ]  # fmt: skip
    store.replica.apply_page(page, 2)
    shop = store.shops.get("s-bad")
    assert shop.name == "鑫旺\ufffd便利店"
    assert shop.created_at.isoformat() == readable.PLACEHOLDER_MOMENT
    assert shop.updated_at.isoformat() == "2026-11-24T09:00:00+00:00"  # naive: taken as UTC
    assert shop.notes == "ok\nline"
    kept = {(q.row_id, q.field): q for q in store.replica.quarantined()}
    assert sorted(kept) == [("s-bad", "created_at"), ("s-bad", "name"), ("s-bad", "updated_at")]
    assert kept[("s-bad", "name")].value == "鑫旺\x00便利店"
    assert kept[("s-bad", "created_at")].code == "out_of_range"
    assert kept[("s-bad", "updated_at")].code == "invalid_datetime"
    # A readable row in another offset is stored in the one form, and is no problem.
    assert store.shops.get("s-good").updated_at.isoformat() == "2026-11-24T09:00:00+00:00"
    report = store.check()
    assert report.ok and report.quarantined == 3
    _readers_work(store, tmp_path)
    # The row pulled again, readable: nothing stays aside.
    store.replica.apply_page(
        [{"seq": 3, "table": "shops", "row_id": "s-bad", "op": "upsert", "version": 6,
          "row": _page_row(file_world, "s-bad", version=6)}],
        3,
    )  # fmt: skip
    assert store.replica.quarantined() == []
    assert store.shops.get("s-bad").name == "鑫旺便利店"


def test_upgrading_a_store_mends_the_bad_rows_it_already_holds(
    file_world: World, tmp_path: Path
) -> None:
    store = file_world.store
    shop = store.shops.create(
        name="鑫旺便利店", channel="convenience", tier="B", county_id=file_world.county_id
    )
    event = store.events.create(
        kind="tasting", title="品鉴会", starts_at="2026-11-28T10:00:00+00:00",
        ends_at="2026-11-28T12:00:00+00:00",
    )  # fmt: skip
    owner = store.owners.create(shop_id=shop.id, name="王老板", level=2)
    inter = store.interactions.create(owner_id=owner.id, date="2026-11-20", kind="call")
    path = store.path
    # What a store that pulled from an older head office holds, before migration 0014.
    db = store.db
    db.execute("DROP TABLE quarantine")
    db.execute(f"DELETE FROM {migrations.MIGRATIONS_TABLE} WHERE name = ?", ["0014_quarantine"])
    db.execute("UPDATE shops SET name = ?, search_pinyin = '' WHERE id = ?", ["鑫旺\x00", shop.id])
    db.execute("UPDATE events SET starts_at = '9999-12-31T23:59:59-14:00' WHERE id = ?", [event.id])
    db.execute("UPDATE interactions SET date = '2024-W01-1' WHERE id = ?", [inter.id])
    db.conn.commit()
    store.close()
    with Store.open(path) as again:
        assert migrations.pending(again.db) == []
        assert again.shops.get(shop.id).name == "鑫旺\ufffd"
        assert again.events.get(event.id).starts_at.isoformat() == readable.PLACEHOLDER_MOMENT
        assert again.interactions.get(inter.id).date.isoformat() == readable.PLACEHOLDER_DAY
        kept = {(q.table, q.field): q.code for q in again.replica.quarantined()}
        assert kept == {
            ("shops", "name"): "invalid_character",
            ("events", "starts_at"): "out_of_range",
            ("interactions", "date"): "invalid_date",
        }
        assert again.check().quarantined == 3
        _readers_work(again, tmp_path)
    assert cli(["--db", str(path), "check"]) == 0


def test_a_laptop_whose_clock_reset_to_1970_still_saves(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from tests.conftest import Clock, _build_world

    reset = Clock(datetime(1970, 1, 1, 0, 0, 5, tzinfo=UTC))
    with Store.open(tmp_path / "reset.db", clock=reset) as store:
        world = _build_world(store)
        shop = store.shops.create(
            name="鑫旺便利店", channel="convenience", tier="B", county_id=world.county_id
        )
        assert store.shops.get(shop.id).created_at.year == 1970
