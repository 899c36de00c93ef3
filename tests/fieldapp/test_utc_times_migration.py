"""Client migration 0025: times pulled before head office's migration 0008 kept the pushing
laptop's offset (``…+08:00``); the store rewrites them to the value rule's one form
(``fieldapp.values.normalize_datetime``: UTC, ``+00:00``), so text order is time order
again and verify's row sums match head office's. Versions stay; a value the rule cannot
read is left as it is."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from fieldapp.store import Store, migrations, sums
from fieldapp.values import normalize_datetime

BEIJING_EARLY = "2026-12-07T08:00:00+08:00"  # 00:00 UTC: the earlier visit
UTC_LATER = "2026-12-07T01:00:00+00:00"
FRACTION_Z = "2026-12-07T02:30:00.250Z"


def _old_store(path: Path) -> None:
    db = Database(path)
    migrations.migration_set().apply(db, stop_before="0025_utc_times")
    db.execute(
        "INSERT INTO counties (id, created_at, updated_at, name, version)"
        " VALUES ('c1', ?, ?, '老区', 3)",
        [BEIJING_EARLY, "2026-12-07T09:00:00+08:00"],
    )
    db.execute(
        "INSERT INTO shops (id, created_at, updated_at, name, channel, county_id, version)"
        " VALUES ('s1', ?, ?, '老店', 'other', 'c1', 4)",
        [UTC_LATER, UTC_LATER],
    )
    for visit, checkin, checkout in (
        ("v-early", BEIJING_EARLY, "2026-12-07T09:00:00+08:00"),
        ("v-later", UTC_LATER, FRACTION_Z),
    ):
        db.execute(
            "INSERT INTO visits (id, created_at, updated_at, shop_id, checkin_at, checkout_at,"
            " review_status, version) VALUES (?, ?, ?, 's1', ?, ?, 'draft', 5)",
            [visit, checkin, checkin, checkin, checkout],
        )
    db.execute(
        "INSERT INTO conflicts (id, created_at, updated_at, table_name, row_id, field,"
        " lost_client_time, version) VALUES ('k1', ?, ?, 'shops', 's1', 'name', ?, 6)",
        [UTC_LATER, UTC_LATER, "2026-12-07T10:00:00+08:00"],
    )
    # An older server's poison value: left for the pulled-row check to keep aside.
    db.execute(
        "INSERT INTO photos (id, created_at, updated_at, sha256, size, mime, taken_at,"
        " shop_id, version) VALUES ('p1', ?, ?, ?, 1, 'image/jpeg', 'garbage', 's1', 7)",
        [UTC_LATER, UTC_LATER, "a" * 64],
    )
    db.conn.commit()
    db.close()


def test_migration_0025_stores_pulled_offset_times_as_utc(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_store(path)
    with Store.open(path) as store:
        db = store.db
        assert migrations.applied(db) == list(migrations.MIGRATION_NAMES)
        order = [r["id"] for r in db.query("SELECT id FROM visits ORDER BY checkin_at")]
        assert order == ["v-early", "v-later"]  # text order is time order again
        early = dict(next(db.query("SELECT * FROM visits WHERE id = 'v-early'")))
        assert early["checkin_at"] == "2026-12-07T00:00:00+00:00"
        assert early["checkout_at"] == "2026-12-07T01:00:00+00:00"
        assert early["created_at"] == early["updated_at"] == "2026-12-07T00:00:00+00:00"
        later = dict(next(db.query("SELECT * FROM visits WHERE id = 'v-later'")))
        assert later["checkout_at"] == normalize_datetime(FRACTION_Z) == "2026-12-07T02:30:00+00:00"
        county = dict(next(db.query("SELECT * FROM counties")))
        assert county["updated_at"] == "2026-12-07T01:00:00+00:00" and county["version"] == 3
        conflict = dict(next(db.query("SELECT * FROM conflicts")))
        assert conflict["lost_client_time"] == "2026-12-07T02:00:00+00:00"
        photo = dict(next(db.query("SELECT * FROM photos")))
        assert photo["taken_at"] == "garbage"  # unreadable: left for the quarantine
        for table in ("counties", "shops", "visits", "conflicts"):
            for name in ("created_at", "updated_at"):
                for (value,) in db.execute(f"SELECT {name} FROM {table}").fetchall():
                    assert value.endswith("+00:00") and len(value) == 25, (table, value)
        with store.transaction():
            kept = sums.read(db)
        assert kept["visits"] == sums.by_rows(db, "visits")  # the row sums followed
        assert store.visits.get("v-early").checkin_at.isoformat() == "2026-12-07T00:00:00+00:00"
