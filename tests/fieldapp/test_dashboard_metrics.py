"""The team dashboard's metrics (visits per rep and week against plan, interactions per
week, events by county, the one-call bundle) on small hand-made data.

Every expected number is worked out by hand from the rows below. 2026-11-24 is a Tuesday;
weeks start on Monday: 11-09, 11-16, 11-23. The period is Wednesday 11-11 .. 11-24.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from sqlite_utils import Database

from fieldapp.model import BUSINESS_UTC_OFFSET
from fieldapp.store import metrics, migrations

NOW = "2026-11-24T09:30:00+00:00"
TODAY = date(2026, 11, 24)
SINCE = date(2026, 11, 11)
W1, W2, W3 = date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)
_ids = itertools.count(1)


def add(db: Database, table: str, **row: Any) -> str:
    row.setdefault("id", f"{table}-{next(_ids)}")
    row.setdefault("created_at", NOW)
    row.setdefault("updated_at", NOW)
    db[table].insert(row)
    return str(row["id"])


@pytest.fixture
def db() -> Database:
    d = Database(memory=True)
    migrations.apply(d)
    add(d, "teams", id="t1", name="一组")
    add(d, "teams", id="t2", name="二组")
    add(d, "users", id="r1", name="Alice", role="rep", team_id="t1")
    add(d, "users", id="r2", name="Bob", role="rep", team_id="t1")
    add(d, "users", id="r3", name="Carl", role="rep", team_id="t2")
    add(d, "counties", id="c1", name="金水区")
    add(d, "counties", id="c2", name="中原区")
    add(d, "shops", id="s1", name="A店", channel="other", county_id="c1", rep_id="r1")
    add(d, "shops", id="s2", name="B店", channel="other", county_id="c2", rep_id="r2")

    def visit(rep: str, shop: str, planned: str, checkin: str | None, **row: Any) -> None:
        add(d, "visits", rep_id=rep, shop_id=shop, planned_date=planned, checkin_at=checkin, **row)

    # Alice (r1) at s1
    visit("r1", "s1", "2026-11-12", "2026-11-12T02:00:00+00:00")  # week 1: planned + done
    visit("r1", "s1", "2026-11-17", None)  # week 2: planned, not done
    # 17:00 UTC on Sunday 11-15 is 01:00 Monday 11-16 in Beijing: week 2 on local days.
    visit("r1", "s1", "2026-11-16", "2026-11-15T17:00:00+00:00")
    # planned before the period (not counted), done on its first day (counted in week 1)
    visit("r1", "s1", "2026-11-10", "2026-11-11T01:00:00+00:00")
    visit("r1", "s1", "2026-11-18", "2026-11-18T01:00:00+00:00", deleted=1)  # tombstone
    visit("r1", "s1", "2026-11-25", None)  # after the period
    # Bob (r2) at s2 (county c2), Carl (r3, other team) at s1
    visit("r2", "s2", "2026-11-24", "2026-11-24T01:00:00+00:00")
    visit("r3", "s1", "2026-11-20", None)

    add(d, "owners", id="o1", shop_id="s1", name="王芳", level=3)
    add(d, "owners", id="o2", shop_id="s2", name="李强", level=4)
    add(d, "owners", id="o3", shop_id="s1", name="删掉", level=2, deleted=1)

    def talk(owner: str, day: str, level: int | None = None, **row: Any) -> None:
        add(d, "interactions", owner_id=owner, date=day, kind="call", level_after=level, **row)

    talk("o1", "2026-11-11", 3)
    talk("o1", "2026-11-13")
    talk("o2", "2026-11-12", 4)
    talk("o1", "2026-11-20", 5)
    talk("o3", "2026-11-20", 1)  # owner deleted
    talk("o1", "2026-11-10", 1)  # before the period
    talk("o2", "2026-11-21", 1, deleted=1)

    add(d, "events", id="e1", kind="tasting", title="品鉴会", venue_shop_id="s1",
        starts_at="2026-11-14T11:00:00+00:00", ends_at="2026-11-14T13:00:00+00:00")  # fmt: skip
    add(d, "events", id="e2", kind="scene", title="火锅夜", venue_shop_id="s2",
        starts_at="2026-11-19T11:00:00+00:00", ends_at="2026-11-19T13:00:00+00:00")  # fmt: skip
    add(d, "events", id="e3", kind="scene", title="无场地",
        starts_at="2026-11-20T11:00:00+00:00", ends_at="2026-11-20T13:00:00+00:00")  # fmt: skip
    return d


def _weeks(rows: list[metrics.RepWeek]) -> list[tuple[str, date, int, int]]:
    return [(r.rep_name, r.week, r.planned, r.done) for r in rows]


def test_week_start_is_monday() -> None:
    assert metrics.week_start(TODAY) == W3
    assert metrics.week_start(date(2026, 11, 22)) == W2  # a Sunday
    assert metrics.week_start(W2) == W2


def test_rep_weeks_count_planned_and_done_on_beijing_days(db: Database) -> None:
    rows = metrics.rep_weeks(db, since=SINCE, until=TODAY, utc_offset=BUSINESS_UTC_OFFSET)
    assert _weeks(rows) == [
        ("Alice", W1, 1, 2),
        ("Alice", W2, 2, 1),
        ("Bob", W3, 1, 1),
        ("Carl", W2, 1, 0),
    ]
    assert rows[0].ratio == 2.0 and rows[1].ratio == 0.5 and rows[3].ratio == 0.0


def test_rep_weeks_on_utc_days_move_the_sunday_night_visit(db: Database) -> None:
    rows = metrics.rep_weeks(db, since=SINCE, until=TODAY)
    assert _weeks(rows)[:2] == [("Alice", W1, 1, 3), ("Alice", W2, 2, 0)]


def test_rep_weeks_filters(db: Database) -> None:
    kw: dict[str, Any] = {"since": SINCE, "until": TODAY, "utc_offset": BUSINESS_UTC_OFFSET}
    assert _weeks(metrics.rep_weeks(db, county_id="c2", **kw)) == [("Bob", W3, 1, 1)]
    assert _weeks(metrics.rep_weeks(db, rep_id="r3", **kw)) == [("Carl", W2, 1, 0)]
    assert [r.rep_name for r in metrics.rep_weeks(db, team_id="t1", **kw)] == [
        "Alice",
        "Alice",
        "Bob",
    ]
    # A period that is one day: only that day's visits.
    one = metrics.rep_weeks(db, since=TODAY, until=TODAY, utc_offset=BUSINESS_UTC_OFFSET)
    assert _weeks(one) == [("Bob", W3, 1, 1)]


def test_interaction_weeks_every_week_present(db: Database) -> None:
    rows = metrics.interaction_weeks(db, since=SINCE, until=TODAY)
    assert [(r.week, r.interactions, r.owners, r.avg_level) for r in rows] == [
        (W1, 3, 2, 3.5),
        (W2, 1, 1, 5.0),
        (W3, 0, 0, None),
    ]
    by_rep = metrics.interaction_weeks(db, since=SINCE, until=TODAY, rep_id="r1")
    assert [(r.interactions, r.owners, r.avg_level) for r in by_rep] == [
        (2, 1, 3.0),
        (1, 1, 5.0),
        (0, 0, None),
    ]
    by_county = metrics.interaction_weeks(db, since=SINCE, until=TODAY, county_id="c2")
    assert [r.interactions for r in by_county] == [1, 0, 0]


def test_event_outcomes_by_venue_county(db: Database) -> None:
    assert [e.event_id for e in metrics.event_outcomes(db)] == ["e1", "e2", "e3"]
    assert [e.event_id for e in metrics.event_outcomes(db, county_id="c1")] == ["e1"]
    assert [e.event_id for e in metrics.event_outcomes(db, county_id="c2")] == ["e2"]


def test_dashboard_bundle_applies_the_filters_to_every_part(db: Database) -> None:
    d = metrics.dashboard(
        db, today=TODAY, since=SINCE, until=TODAY, county_id="c2", utc_offset=BUSINESS_UTC_OFFSET
    )
    assert [c.county_id for c in d.density] == ["c2"]
    assert _weeks(list(d.rep_weeks)) == [("Bob", W3, 1, 1)]
    assert d.levels == {1: 0, 2: 0, 3: 0, 4: 1, 5: 0}
    assert [e.event_id for e in d.events] == ["e2"]
    assert sum(t.shops for t in d.overdue.tiers) == 1
    everything = metrics.dashboard(db, today=TODAY, since=SINCE, until=TODAY)
    assert [c.county_id for c in everything.density] == ["c2", "c1"]  # by name: 中 < 金
    assert everything.levels == {1: 0, 2: 0, 3: 1, 4: 1, 5: 0}
    # A period before anything happened: the time-bound parts are empty.
    early = metrics.dashboard(
        db, today=TODAY, since=SINCE - timedelta(days=60), until=SINCE - timedelta(days=40)
    )
    assert early.rep_weeks == () and early.events == ()
    assert all(w.interactions == 0 for w in early.interaction_weeks)


def test_migration_0011_gives_the_period_numbers_their_indexes(db: Database) -> None:
    """Interactions per week read the owner/date index alone; the event outcomes find the
    deleted KOCs and owners in two partial indexes (speed: benchmarks/dashboard_bench.py)."""

    def columns(index: str) -> list[str]:
        return [r[2] for r in db.execute(f"PRAGMA index_info('{index}')").fetchall()]

    assert migrations.MIGRATION_NAMES[-1] == "0011_dashboard_period_indexes" or (
        "0011_dashboard_period_indexes" in migrations.MIGRATION_NAMES
    )
    assert columns("interactions_owner_date") == ["owner_id", "date", "deleted", "level_after"]
    for index, table in (("kocs_deleted", "kocs"), ("owners_deleted", "owners")):
        assert columns(index) == ["id"]
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [index]).fetchone()[0]
        assert sql.endswith(f"ON {table}(id) WHERE deleted = 1")
    plan = " ".join(
        str(r[3])
        for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM interactions"
            " WHERE owner_id IN ('o1', 'o2') AND deleted = 0 AND date >= '2026-11-01'"
        ).fetchall()
    )
    assert "COVERING INDEX interactions_owner_date" in plan


def test_migration_0012_lets_the_standing_numbers_read_indexes_alone(db: Database) -> None:
    def columns(index: str) -> list[str]:
        return [r[2] for r in db.execute(f"PRAGMA index_info('{index}')").fetchall()]

    assert "0012_dashboard_standing_indexes" in migrations.MIGRATION_NAMES
    assert columns("kocs_county_stage") == ["county_id", "stage", "deleted", "rep_id"]
    assert columns("koc_shops_shop") == ["shop_id", "deleted", "koc_id"]
    assert columns("visits_shop_checkin") == ["shop_id", "checkin_at", "deleted"]
    plan = " ".join(
        str(r[3])
        for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT county_id, count(*) FROM kocs WHERE deleted = 0"
            " GROUP BY county_id"
        ).fetchall()
    )
    assert "COVERING INDEX kocs_county_stage" in plan and "TEMP B-TREE" not in plan


def test_migration_0013_answers_the_team_activity_from_an_index(db: Database) -> None:
    """UserRepo.activity's visit count (the Team members tab) reads the index alone."""
    assert "0013_rep_checkin_index" in migrations.MIGRATION_NAMES
    plan = " ".join(
        str(r[3])
        for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT rep_id, count(*) AS n FROM visits"
            " WHERE deleted = 0 AND rep_id IN ('r1', 'r2') AND checkin_at >= '2026-11-01'"
            " GROUP BY rep_id"
        ).fetchall()
    )
    assert "COVERING INDEX visits_rep_checkin" in plan
    plan = " ".join(
        str(r[3])
        for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT rep_id, count(*) AS n FROM kocs"
            " WHERE deleted = 0 AND rep_id IN ('r1', 'r2') GROUP BY rep_id"
        ).fetchall()
    )
    assert "COVERING INDEX kocs_rep_stage" in plan
