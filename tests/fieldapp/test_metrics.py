"""Tests of fieldapp.store.metrics on small hand-made data.

Every expected number is worked out by hand from the rows inserted in the test and written
literally. Rows go straight into an in-memory database built by the real migrations.

Boundary rule under test: "the last N days" is ``today - N < date <= today``; the day exactly
N days ago is out of the window (for visits: a shop last visited exactly N days ago is
overdue), and anything dated after ``today`` is ignored.
"""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlite_utils import Database

from fieldapp.model import KocStage, Tier
from fieldapp.store import metrics, migrations

NOW = "2026-11-24T09:30:00.123000+00:00"
TODAY = date(2026, 11, 24)
_ids = itertools.count(1)


@pytest.fixture
def db() -> Database:
    database = Database(memory=True)
    migrations.apply(database)
    return database


def add(db: Database, table: str, **row: Any) -> str:
    """Insert one row, filling id / created_at / updated_at; return the id."""
    row.setdefault("id", f"{table}-{next(_ids)}")
    row.setdefault("created_at", NOW)
    row.setdefault("updated_at", NOW)
    db[table].insert(row)
    return str(row["id"])


def county(db: Database, name: str, **row: Any) -> str:
    return add(db, "counties", name=name, **row)


def shop(db: Database, county_id: str, name: str = "shop", **row: Any) -> str:
    return add(db, "shops", name=name, channel="convenience", county_id=county_id, **row)


def koc(db: Database, county_id: str, stage: str = "spotted", **row: Any) -> str:
    return add(db, "kocs", name="koc", county_id=county_id, stage=stage, **row)


def owner(db: Database, shop_id: str, name: str = "owner", **row: Any) -> str:
    return add(db, "owners", shop_id=shop_id, name=name, **row)


def visit(db: Database, shop_id: str, checkin_at: str | None, **row: Any) -> str:
    return add(db, "visits", shop_id=shop_id, checkin_at=checkin_at, **row)


def interaction(db: Database, owner_id: str, day: str, **row: Any) -> str:
    return add(db, "interactions", owner_id=owner_id, date=day, kind="call", **row)


# --------------------------------------------------------------------------- 1. density


@pytest.fixture
def density_db(db: Database) -> Database:
    # Inserted out of name order on purpose: results are sorted by name.
    add(db, "counties", id="cz", name="Zhuxian", koc_target=4)
    add(db, "counties", id="ca", name="Anxian", koc_target=50)
    add(db, "counties", id="cm", name="Meixian", koc_target=10)  # nothing in it
    add(db, "counties", id="cd", name="Deadxian", koc_target=5, deleted=1)
    # Zhuxian KOCs: k1 spotted (r1), k2 advocating (r2), k3 dormant (r1),
    # k4 introduced but deleted, k5 experienced (r1).
    k1 = koc(db, "cz", "spotted", rep_id="r1")
    k2 = koc(db, "cz", "advocating", rep_id="r2")
    k3 = koc(db, "cz", "dormant", rep_id="r1")
    k4 = koc(db, "cz", "introduced", rep_id="r1", deleted=1)
    koc(db, "cz", "experienced", rep_id="r1")
    k6 = koc(db, "ca", "spotted", rep_id="r2")
    koc(db, "cd", "spotted", rep_id="r1")  # in a deleted county
    # Zhuxian shops: s1 (r1) linked to k1 and k2; s2 (r1) linked only to the deleted k4;
    # s3 (r2) only through a deleted link; s4 (r1) linked to the dormant (live) k3;
    # s5 deleted, linked to k1.
    s1 = shop(db, "cz", rep_id="r1")
    s2 = shop(db, "cz", rep_id="r1")
    s3 = shop(db, "cz", rep_id="r2")
    s4 = shop(db, "cz", rep_id="r1")
    s5 = shop(db, "cz", rep_id="r1", deleted=1)
    s6 = shop(db, "ca", rep_id="r2")
    add(db, "koc_shops", koc_id=k1, shop_id=s1)
    add(db, "koc_shops", koc_id=k2, shop_id=s1)
    add(db, "koc_shops", koc_id=k4, shop_id=s2)
    add(db, "koc_shops", koc_id=k2, shop_id=s3, deleted=1)
    add(db, "koc_shops", koc_id=k3, shop_id=s4)
    add(db, "koc_shops", koc_id=k1, shop_id=s5)
    add(db, "koc_shops", koc_id=k6, shop_id=s6)
    return db


def test_county_density_all(density_db: Database) -> None:
    rows = metrics.county_density(density_db)
    assert [r.name for r in rows] == ["Anxian", "Meixian", "Zhuxian"]
    an, mei, zhu = rows

    assert zhu.county_id == "cz"
    assert zhu.koc_target == 4
    assert zhu.kocs == 3  # k1, k2, k5 (k3 dormant, k4 deleted)
    assert zhu.dormant == 1
    assert zhu.density_ratio == 0.75
    assert zhu.shops == 4  # s5 deleted
    assert zhu.covered == 2  # s1 (twice linked, once counted) and s4 (dormant KOC is live)
    assert zhu.coverage_ratio == 0.5

    assert (an.kocs, an.dormant, an.shops, an.covered) == (1, 0, 1, 1)
    assert an.density_ratio == 0.02
    assert an.coverage_ratio == 1.0

    # A county with nothing: zeros, and no coverage ratio (no shops to divide by).
    assert (mei.kocs, mei.dormant, mei.shops, mei.covered) == (0, 0, 0, 0)
    assert mei.density_ratio == 0.0
    assert mei.coverage_ratio is None


def test_county_density_rep_filter(density_db: Database) -> None:
    rows = {r.county_id: r for r in metrics.county_density(density_db, rep_id="r1")}
    assert set(rows) == {"ca", "cm", "cz"}
    zhu = rows["cz"]
    assert zhu.kocs == 2  # k1, k5
    assert zhu.dormant == 1  # k3
    # Against r1's share of the target (3 of the county's 4 live shops: 3 of 4).
    assert zhu.koc_target == 3
    assert zhu.density_ratio == pytest.approx(2 / 3)
    assert zhu.shops == 3  # s1, s2, s4
    assert zhu.covered == 2  # s1, s4
    assert zhu.coverage_ratio == pytest.approx(2 / 3)
    an = rows["ca"]
    assert (an.kocs, an.shops, an.covered) == (0, 0, 0)
    assert an.coverage_ratio is None


def test_county_density_county_filter(density_db: Database) -> None:
    rows = metrics.county_density(density_db, county_ids=["cz", "cd"])
    assert [(r.county_id, r.kocs, r.shops, r.covered) for r in rows] == [("cz", 3, 4, 2)]
    assert metrics.county_density(density_db, county_ids=[]) == []


def test_county_density_zero_target(db: Database) -> None:
    county(db, "Lingxian", id="c0", koc_target=0)
    koc(db, "c0")
    (row,) = metrics.county_density(db)
    assert row.kocs == 1
    assert row.density_ratio is None


def test_county_density_empty_store(db: Database) -> None:
    assert metrics.county_density(db) == []


# --------------------------------------------------------------------------- 2. funnel


@pytest.fixture
def funnel_db(db: Database) -> Database:
    county(db, "X", id="cx")
    county(db, "Y", id="cy")
    county(db, "Z", id="cz")
    for stage, n in [("spotted", 2), ("introduced", 2), ("advocating", 1), ("dormant", 2)]:
        for _ in range(n):
            koc(db, "cx", stage, rep_id="r1")
    koc(db, "cx", "introduced", rep_id="r1", deleted=1)
    koc(db, "cx", "spotted", rep_id="r2")
    koc(db, "cy", "advocating", rep_id="r2")
    return db


def test_stage_funnel_county(funnel_db: Database) -> None:
    f = metrics.stage_funnel(funnel_db, county_id="cx")
    assert (f.spotted, f.introduced, f.experienced, f.advocating, f.dormant) == (3, 2, 0, 1, 2)
    assert f.active == 6
    assert f.total == 8
    assert [f.reached(s) for s in ("spotted", "introduced", "experienced", "advocating")] == [
        6,
        3,
        1,
        1,
    ]
    c1, c2, c3 = f.conversions
    assert (c1.from_stage, c1.to_stage, c1.from_count, c1.to_count) == (
        KocStage.SPOTTED,
        KocStage.INTRODUCED,
        6,
        3,
    )
    assert c1.ratio == 0.5
    assert (c2.from_count, c2.to_count) == (3, 1)
    assert c2.ratio == pytest.approx(1 / 3)
    assert (c3.to_stage, c3.from_count, c3.to_count, c3.ratio) == (KocStage.ADVOCATING, 1, 1, 1.0)
    assert f.count(KocStage.DORMANT) == 2
    assert f.counts == {
        KocStage.SPOTTED: 3,
        KocStage.INTRODUCED: 2,
        KocStage.EXPERIENCED: 0,
        KocStage.ADVOCATING: 1,
        KocStage.DORMANT: 2,
    }
    assert list(dataclasses.asdict(f)["counts"]) == [
        "spotted",
        "introduced",
        "experienced",
        "advocating",
        "dormant",
    ]
    with pytest.raises(ValueError):
        f.reached(KocStage.DORMANT)


def test_stage_funnel_rep_and_all(funnel_db: Database) -> None:
    f = metrics.stage_funnel(funnel_db, rep_id="r1")
    assert (f.spotted, f.introduced, f.experienced, f.advocating, f.dormant) == (2, 2, 0, 1, 2)
    assert [c.ratio for c in f.conversions] == [0.6, pytest.approx(1 / 3), 1.0]

    f = metrics.stage_funnel(funnel_db)
    assert (f.spotted, f.introduced, f.experienced, f.advocating, f.dormant) == (3, 2, 0, 2, 2)
    assert [c.from_count for c in f.conversions] == [7, 4, 2]

    f = metrics.stage_funnel(funnel_db, county_id="cx", rep_id="r2")
    assert (f.spotted, f.total) == (1, 1)


def test_stage_funnel_zero_division(funnel_db: Database) -> None:
    f = metrics.stage_funnel(funnel_db, county_id="cz")
    assert (f.spotted, f.introduced, f.experienced, f.advocating, f.dormant) == (0, 0, 0, 0, 0)
    assert [c.ratio for c in f.conversions] == [None, None, None]

    koc(funnel_db, "cz", "spotted")
    f = metrics.stage_funnel(funnel_db, county_id="cz")
    assert [c.ratio for c in f.conversions] == [0.0, None, None]


# --------------------------------------------------------------------------- 3. overdue

# today = 2026-11-24. Cut-offs: A (7) 2026-11-17, B (14) 2026-11-10, C (30) 2026-10-25;
# a last visit on the cut-off date is overdue, the day after is not.


@pytest.fixture
def overdue_db(db: Database) -> Database:
    county(db, "K1", id="k1")
    county(db, "K2", id="k2")
    tiers = {"a": ("A", "r1", "k1"), "b": ("B", "r2", "k1"), "c": ("C", "r2", "k2")}

    def tier_shop(shop_id: str, **row: Any) -> None:
        tier, rep, county_id = tiers[shop_id[0]]
        shop(db, county_id, id=shop_id, name=shop_id, tier=tier, rep_id=rep, **row)

    tier_shop("a1")
    visit(db, "a1", "2026-11-18T02:00:00+00:00")  # 6 days: fine
    tier_shop("a2")
    visit(db, "a2", "2026-11-17T09:30:00.123000+00:00")  # exactly 7 days: overdue
    tier_shop("a3")
    visit(db, "a3", None, planned_date="2026-11-20")  # planned only: never visited
    tier_shop("a4")
    visit(db, "a4", "2026-11-23T08:00:00+00:00", deleted=1)  # tombstone
    visit(db, "a4", "2026-11-01T08:00:00+00:00")  # 23 days: overdue
    tier_shop("a5", deleted=1)  # deleted, never visited
    tier_shop("b1")
    visit(db, "b1", "2026-11-11T08:00:00+00:00")  # 13 days: fine
    tier_shop("b2")
    visit(db, "b2", "2026-11-10T08:00:00+00:00")  # exactly 14 days: overdue
    tier_shop("b3")
    visit(db, "b3", "2026-11-25T01:00:00+00:00")  # after today: ignored
    visit(db, "b3", "2026-10-01T08:00:00+00:00")  # 54 days: overdue
    tier_shop("c1")
    visit(db, "c1", "2026-10-26T08:00:00+00:00")  # 29 days: fine
    tier_shop("c2")
    visit(db, "c2", "2026-10-25T08:00:00+00:00")  # exactly 30 days: overdue
    tier_shop("c3")
    visit(db, "c3", "2026-11-24T23:59:59+00:00")  # late today: fine
    return db


def test_overdue_shops_default_tiers(overdue_db: Database) -> None:
    report = metrics.overdue_shops(overdue_db, today=TODAY)
    assert report.today == TODAY
    assert [(t.tier, t.days, t.shops, t.overdue) for t in report.tiers] == [
        (Tier.A, 7, 4, 3),  # a2, a3, a4
        (Tier.B, 14, 3, 2),  # b2, b3
        (Tier.C, 30, 3, 1),  # c2
    ]
    assert (report.shops, report.overdue) == (10, 6)
    assert report.tier("B").overdue == 2


def test_overdue_shop_rows_order(overdue_db: Database) -> None:
    rows = metrics.overdue_shop_rows(overdue_db, today=TODAY)
    assert [(r.shop_id, r.last_visit, r.days_since) for r in rows] == [
        ("a3", None, None),
        ("b3", date(2026, 10, 1), 54),
        ("c2", date(2026, 10, 25), 30),
        ("a4", date(2026, 11, 1), 23),
        ("b2", date(2026, 11, 10), 14),
        ("a2", date(2026, 11, 17), 7),
    ]
    assert (rows[0].name, rows[0].tier, rows[0].days) == ("a3", Tier.A, 7)
    assert [r.shop_id for r in metrics.overdue_shop_rows(overdue_db, today=TODAY, limit=2)] == [
        "a3",
        "b3",
    ]


def test_overdue_days_override(overdue_db: Database) -> None:
    report = metrics.overdue_shops(overdue_db, today=TODAY, days=30)
    assert [(t.days, t.shops, t.overdue) for t in report.tiers] == [
        (30, 4, 1),  # a3 only (a4: 23 days)
        (30, 3, 1),  # b3
        (30, 3, 1),  # c2
    ]
    rows = metrics.overdue_shop_rows(overdue_db, today=TODAY, days=30)
    assert [r.shop_id for r in rows] == ["a3", "b3", "c2"]
    with pytest.raises(ValueError):
        metrics.overdue_shops(overdue_db, today=TODAY, days=0)


def test_overdue_filters(overdue_db: Database) -> None:
    report = metrics.overdue_shops(overdue_db, today=TODAY, rep_id="r1")
    assert [(t.shops, t.overdue) for t in report.tiers] == [(4, 3), (0, 0), (0, 0)]
    report = metrics.overdue_shops(overdue_db, today=TODAY, county_id="k2")
    assert [(t.shops, t.overdue) for t in report.tiers] == [(0, 0), (0, 0), (3, 1)]
    rows = metrics.overdue_shop_rows(overdue_db, today=TODAY, rep_id="r2", county_id="k1")
    assert [r.shop_id for r in rows] == ["b3", "b2"]


def test_overdue_as_of_an_earlier_day(overdue_db: Database) -> None:
    # As of 2026-11-10 (cut-offs A 11-03, B 10-27) later visits do not exist yet: a1, a2
    # and b1 were never visited; b2's visit that very day counts (0 days, fine); a4 was
    # last visited on the 1st (9 days) and b3 on 1 October (40 days).
    rows = metrics.overdue_shop_rows(overdue_db, today=date(2026, 11, 10), county_id="k1")
    assert [(r.shop_id, r.days_since) for r in rows] == [
        ("a1", None),
        ("a2", None),
        ("a3", None),
        ("b1", None),
        ("b3", 40),
        ("a4", 9),
    ]


def test_overdue_utc_offset(db: Database) -> None:
    county(db, "K", id="k")
    shop(db, "k", id="s1", name="s1", tier="A")
    # 17:00 UTC on the 17th is 01:00 on the 18th in Beijing.
    visit(db, "s1", "2026-11-17T17:00:00+00:00")
    shop(db, "k", id="s2", name="s2", tier="A")
    # 18:00 UTC on the 24th is already the 25th in Beijing: after today.
    visit(db, "s2", "2026-11-24T18:00:00+00:00")

    utc = metrics.overdue_shop_rows(db, today=TODAY)
    assert [(r.shop_id, r.last_visit) for r in utc] == [("s1", date(2026, 11, 17))]

    beijing = metrics.overdue_shop_rows(db, today=TODAY, utc_offset=timedelta(hours=8))
    assert [(r.shop_id, r.last_visit) for r in beijing] == [("s2", None)]


def test_overdue_empty(db: Database) -> None:
    report = metrics.overdue_shops(db, today=TODAY)
    assert [(t.tier, t.shops, t.overdue) for t in report.tiers] == [
        (Tier.A, 0, 0),
        (Tier.B, 0, 0),
        (Tier.C, 0, 0),
    ]
    assert metrics.overdue_shop_rows(db, today=TODAY) == []


# --------------------------------------------------------------------------- 4. levels


def test_relationship_levels(db: Database) -> None:
    county(db, "K1", id="k1")
    county(db, "K2", id="k2")
    s1 = shop(db, "k1", rep_id="r1")
    s2 = shop(db, "k2", rep_id="r2")
    dead = shop(db, "k1", rep_id="r1", deleted=1)
    owner(db, s1, level=1)
    owner(db, s1, level=1)
    owner(db, s2, level=3)
    owner(db, s1, level=5)
    owner(db, s1, level=2, deleted=1)
    owner(db, dead, level=4)  # shop deleted

    assert metrics.relationship_levels(db) == {1: 2, 2: 0, 3: 1, 4: 0, 5: 1}
    assert metrics.relationship_levels(db, rep_id="r1") == {1: 2, 2: 0, 3: 0, 4: 0, 5: 1}
    assert metrics.relationship_levels(db, county_id="k2") == {1: 0, 2: 0, 3: 1, 4: 0, 5: 0}
    assert metrics.relationship_levels(db, rep_id="r9") == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}


# --------------------------------------------------------------------------- 5. frequency

# today = 2026-11-24: the 30-day window is 2026-10-26 .. 2026-11-24 (2026-10-25 is out);
# the 90-day window is 2026-08-27 .. 2026-11-24 (2026-08-26 is out).


@pytest.fixture
def frequency_db(db: Database) -> Database:
    county(db, "K", id="k")
    shop(db, "k", id="s1", name="Shop 1", rep_id="r1")
    shop(db, "k", id="s2", name="Shop 2", rep_id="r2")
    shop(db, "k", id="s3", name="Shop 3", rep_id="r1")
    shop(db, "k", id="sx", name="Gone", rep_id="r1", deleted=1)
    owner(db, "s1", id="o1", name="Wang", level=3)
    for day in ["2026-11-24", "2026-10-26", "2026-10-25", "2026-08-27", "2026-08-26"]:
        interaction(db, "o1", day)
    interaction(db, "o1", "2026-11-25")  # after today
    interaction(db, "o1", "2026-11-20", deleted=1)
    owner(db, "s2", id="o2", name="Li", level=1)  # never contacted
    owner(db, "s3", id="o3", name="Zhao", level=2)
    interaction(db, "o3", "2026-09-15")
    interaction(db, "o3", "2026-06-01")
    owner(db, "s1", id="o4", name="Deleted", level=4, deleted=1)
    interaction(db, "o4", "2026-11-23")
    owner(db, "sx", id="o5", name="On deleted shop", level=4)
    interaction(db, "o5", "2026-11-23")
    return db


def test_interaction_frequency(frequency_db: Database) -> None:
    rows = metrics.interaction_frequency(frequency_db, today=TODAY)
    assert [(r.owner_id, r.last_30, r.last_90, r.last_date, r.level) for r in rows] == [
        ("o2", 0, 0, None, 1),
        ("o3", 0, 1, date(2026, 9, 15), 2),
        ("o1", 2, 4, date(2026, 11, 24), 3),
    ]
    assert (rows[2].name, rows[2].shop_id, rows[2].shop_name) == ("Wang", "s1", "Shop 1")


def test_interaction_frequency_boundary_moves_with_today(frequency_db: Database) -> None:
    # One day later, 2026-10-26 becomes exactly 30 days ago and drops out of the 30-day
    # window; 2026-08-27 becomes exactly 90 days ago and drops out of the 90-day one.
    (row,) = metrics.interaction_frequency(frequency_db, today=date(2026, 11, 25), owner_ids=["o1"])
    assert (row.last_30, row.last_90, row.last_date) == (2, 4, date(2026, 11, 25))
    # (today 11-25 itself came in: 11-25, 11-24 in 30 days; 11-25, 11-24, 10-26, 10-25 in 90.)


def test_interaction_frequency_filters(frequency_db: Database) -> None:
    rows = metrics.interaction_frequency(frequency_db, today=TODAY, owner_ids=["o1", "o4"])
    assert [r.owner_id for r in rows] == ["o1"]
    rows = metrics.interaction_frequency(frequency_db, today=TODAY, rep_id="r1")
    assert [r.owner_id for r in rows] == ["o3", "o1"]
    rows = metrics.interaction_frequency(frequency_db, today=TODAY, limit=1)
    assert [r.owner_id for r in rows] == ["o2"]
    assert metrics.interaction_frequency(frequency_db, today=TODAY, owner_ids=[]) == []


def test_interaction_summary(frequency_db: Database) -> None:
    s = metrics.interaction_summary(frequency_db, today=TODAY)
    assert (s.today, s.owners, s.active_30, s.active_90) == (TODAY, 3, 1, 2)
    assert s.avg_30 == pytest.approx(2 / 3)  # 2 + 0 + 0 over 3 owners
    assert s.avg_90 == pytest.approx(5 / 3)  # 4 + 0 + 1

    s = metrics.interaction_summary(frequency_db, today=TODAY, rep_id="r1")
    assert (s.owners, s.active_30, s.active_90, s.avg_30, s.avg_90) == (2, 1, 2, 1.0, 2.5)


def test_interaction_summary_no_owners(db: Database) -> None:
    s = metrics.interaction_summary(db, today=TODAY)
    assert (s.owners, s.active_30, s.active_90) == (0, 0, 0)
    assert s.avg_30 is None
    assert s.avg_90 is None
    assert metrics.interaction_frequency(db, today=TODAY) == []


# --------------------------------------------------------------------------- 6. events


def event(db: Database, event_id: str, starts_at: str, **row: Any) -> str:
    row.setdefault("kind", "tasting")
    row.setdefault("title", event_id)
    return add(
        db, "events", id=event_id, starts_at=starts_at, ends_at="2027-01-01T00:00:00+00:00", **row
    )


def invite(db: Database, event_id: str, status: str, **row: Any) -> str:
    return add(db, "invitations", event_id=event_id, status=status, **row)


@pytest.fixture
def events_db(db: Database) -> Database:
    county(db, "K", id="k")
    s = shop(db, "k")
    kocs = {name: koc(db, "k", id=name) for name in ["kA", "kB", "kC", "kD"]}
    koc(db, "k", id="kX", deleted=1)
    owner(db, s, id="oA")
    owner(db, s, id="oB")
    owner(db, s, id="oC", deleted=1)

    event(db, "e1", "2026-11-10T11:00:00+00:00", title="Tasting dinner", status="done", rep_id="r1")
    invite(db, "e1", "attended", koc_id=kocs["kA"], feedback=5)
    invite(db, "e1", "attended", koc_id=kocs["kB"], feedback=4)
    invite(db, "e1", "attended", owner_id="oA")
    invite(db, "e1", "no_show", koc_id=kocs["kC"])
    invite(db, "e1", "confirmed", owner_id="oB")
    invite(db, "e1", "invited", koc_id=kocs["kD"])
    invite(db, "e1", "attended", koc_id=kocs["kA"], feedback=1, deleted=1)
    invite(db, "e1", "attended", koc_id="kX", feedback=1)  # KOC deleted
    invite(db, "e1", "attended", owner_id="oC", feedback=1)  # owner deleted
    koc(db, "k", "spotted", source_event_id="e1")
    koc(db, "k", "dormant", source_event_id="e1")
    koc(db, "k", "spotted", source_event_id="e1", deleted=1)

    event(db, "e2", "2026-11-01T12:00:00+00:00", kind="scene", title="Hot-pot night", rep_id="r2")
    event(db, "e3", "2026-11-05T12:00:00+00:00", deleted=1, rep_id="r1")
    invite(db, "e3", "attended", koc_id=kocs["kA"], feedback=5)
    # 20:00 UTC on the 30th is 04:00 on 1 December in Beijing.
    event(db, "e4", "2026-11-30T20:00:00+00:00", title="Festival", status="cancelled", rep_id="r1")
    invite(db, "e4", "invited", koc_id=kocs["kB"])
    return db


def test_event_outcomes(events_db: Database) -> None:
    rows = metrics.event_outcomes(events_db)
    assert [r.event_id for r in rows] == ["e2", "e1", "e4"]
    e2, e1, e4 = rows

    assert (e1.title, e1.kind, e1.status) == ("Tasting dinner", "tasting", "done")
    assert e1.starts_at == datetime(2026, 11, 10, 11, 0, tzinfo=UTC)
    assert (e1.invited, e1.confirmed, e1.attended, e1.no_show) == (6, 1, 3, 1)
    assert e1.attendance_rate == 0.5
    assert e1.avg_feedback == 4.5  # (5 + 4) / 2; oA attended without feedback
    assert e1.kocs_found == 2  # the deleted one is not counted

    # No invitations: no rate, no feedback.
    assert (e2.kind, e2.status, e2.invited, e2.attended, e2.kocs_found) == (
        "scene",
        "planned",
        0,
        0,
        0,
    )
    assert e2.attendance_rate is None
    assert e2.avg_feedback is None

    assert (e4.status, e4.invited, e4.attended) == ("cancelled", 1, 0)
    # Nobody was marked attended or no-show yet: no rate, rather than a false 0 %.
    assert e4.attendance_rate is None
    assert e4.avg_feedback is None


def test_event_outcomes_filters(events_db: Database) -> None:
    def ids(**kw: Any) -> list[str]:
        return [r.event_id for r in metrics.event_outcomes(events_db, **kw)]

    assert ids(event_ids=["e1", "e3"]) == ["e1"]
    assert ids(event_ids=[]) == []
    assert ids(rep_id="r1") == ["e1", "e4"]
    # since and until are inclusive calendar dates of starts_at.
    assert ids(since=date(2026, 11, 10)) == ["e1", "e4"]
    assert ids(until=date(2026, 11, 10)) == ["e2", "e1"]
    assert ids(since=date(2026, 11, 10), until=date(2026, 11, 10)) == ["e1"]
    assert ids(since=date(2026, 11, 11), until=date(2026, 11, 29)) == []
    # e4 is on the 30th in UTC but on 1 December in Beijing.
    assert ids(until=date(2026, 11, 30)) == ["e2", "e1", "e4"]
    assert ids(until=date(2026, 11, 30), utc_offset=timedelta(hours=8)) == ["e2", "e1"]
    assert ids(since=date(2026, 12, 1), utc_offset=timedelta(hours=8)) == ["e4"]


# --------------------------------------------------------------------------- shape


def test_results_are_frozen(density_db: Database) -> None:
    row = metrics.county_density(density_db)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.kocs = 99  # type: ignore[misc]


def test_single_string_is_not_a_list_of_ids(density_db: Database) -> None:
    with pytest.raises(TypeError):
        metrics.county_density(density_db, county_ids="cz")
