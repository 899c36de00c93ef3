"""The day plan (PJP): frequency, route days, planned visits as synced rows (store.plan)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from fieldapp.errors import ValidationError
from fieldapp.store import Store, plan
from tests.conftest import Maker, World

TUESDAY = date(2026, 11, 24)  # isoweekday 2


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def visited(store: Store, make: Maker, shop_id: str, day: date) -> None:
    v = make.visit(shop_id=shop_id, planned_date=None, checkin_at=f"{day}T02:00:00+00:00",
                   checkout_at=f"{day}T02:30:00+00:00")  # fmt: skip
    assert v.checkin_at is not None


def test_due_shops_follow_route_days_and_frequency(store: Store, world: World, make: Maker) -> None:
    a = make.shop(name="甲店", tier="A", route_days="25")  # Tue, Fri
    b = make.shop(name="乙店", tier="B", route_days="2")
    make.shop(name="丙店", tier="A", route_days="13")  # not on Tuesdays
    c = make.shop(name="丁店", tier="C", route_days="2", visit_every_days=3)
    fresh = make.shop(name="戊店", tier="A", route_days="2")
    visited(store, make, a.id, TUESDAY - timedelta(days=8))  # A: 7 days, overdue
    visited(store, make, b.id, TUESDAY - timedelta(days=13))  # B: 14 days, not due yet
    visited(store, make, c.id, TUESDAY - timedelta(days=3))  # own 3 days: due today
    visited(store, make, fresh.id, TUESDAY - timedelta(days=2))
    due = {d.shop_id: d for d in plan.due_shops(store, world.rep_id, TUESDAY)}
    assert set(due) == {a.id, c.id}
    assert due[a.id].overdue and due[a.id].every_days == 7
    assert not due[c.id].overdue and due[c.id].every_days == 3


def test_a_teams_tier_defaults_set_by_its_supervisor(
    store: Store, world: World, make: Maker
) -> None:
    b = make.shop(name="乙店", tier="B", route_days="2")
    visited(store, make, b.id, TUESDAY - timedelta(days=10))
    assert plan.due_shops(store, world.rep_id, TUESDAY) == []
    store.teams.update(world.team_id, visit_days_b=10)
    assert [d.shop_id for d in plan.due_shops(store, world.rep_id, TUESDAY)] == [b.id]
    assert plan.tier_days(store, world.team_id)[plan.Tier.B] == 10


@pytest.mark.parametrize(
    ("table", "field", "value", "code"),
    [
        ("shops", "route_days", "31", "invalid_format"),
        ("shops", "route_days", "1,3", "invalid_format"),
        ("shops", "route_days", "8", "invalid_format"),
        ("shops", "visit_every_days", 0, "out_of_range"),
        ("shops", "visit_every_days", 366, "out_of_range"),
        ("shops", "opens_at", "24:00", "invalid_format"),
        ("teams", "visit_days_a", 400, "out_of_range"),
        ("visits", "plan_seq", 0, "out_of_range"),
    ],
)
def test_plan_fields_are_checked(
    store: Store, world: World, make: Maker, table: str, field: str, value: object, code: str
) -> None:
    target = {"shops": make.shop, "visits": make.visit}.get(table)
    row_id = target().id if target else world.team_id
    with pytest.raises(ValidationError) as exc:
        store.repo(table).update(row_id, **{field: value})
    assert [(e.field, e.code) for e in exc.value.errors] == [(field, code)]


def test_closing_before_opening_is_refused(store: Store, make: Maker) -> None:
    with pytest.raises(ValidationError) as exc:
        make.shop(opens_at="18:00", closes_at="09:00")
    assert [(e.field, e.code) for e in exc.value.errors] == [("closes_at", "end_before_start")]


def test_generate_plans_due_shops_once_as_synced_visits(
    store: Store, world: World, make: Maker
) -> None:
    a = make.shop(name="一店", tier="A", route_days="2")
    b = make.shop(name="二店", tier="A", route_days="2")
    day = plan.generate(store, world.rep_id, TUESDAY)
    assert [s.shop_id for s in day.stops] == [a.id, b.id]
    assert [s.seq for s in day.stops] == [1, 2]
    assert day.unplanned_due == ()
    again = plan.generate(store, world.rep_id, TUESDAY)
    assert [s.visit_id for s in again.stops] == [s.visit_id for s in day.stops]
    rows = store.db.query("SELECT row_id FROM outbox WHERE table_name = 'visits' AND op = 'insert'")
    assert {r["row_id"] for r in rows} == {s.visit_id for s in day.stops}


def test_the_rep_adds_removes_and_reorders_stops(store: Store, world: World, make: Maker) -> None:
    a, b, c = (make.shop(name=n) for n in ("甲店", "乙店", "丙店"))
    ids = [plan.add_stop(store, world.rep_id, TUESDAY, s.id) for s in (a, b, c)]
    assert plan.add_stop(store, world.rep_id, TUESDAY, a.id) == ids[0]
    plan.move_stop(store, ids[2], 1)
    order = [s.shop_id for s in plan.day_plan(store, world.rep_id, TUESDAY).stops]
    assert order == [c.id, a.id, b.id]
    plan.remove_stop(store, ids[0])
    stops = plan.day_plan(store, world.rep_id, TUESDAY).stops
    assert [(s.shop_id, s.seq) for s in stops] == [(c.id, 1), (b.id, 2)]
    store.visits.check_in(ids[1], at=utc("2026-11-24T02:00:00"))
    with pytest.raises(ValidationError):
        plan.remove_stop(store, ids[1])


def test_the_day_shows_events_and_returned_visits(store: Store, world: World, make: Maker) -> None:
    make.event(title="品鉴会", starts_at="2026-11-24T06:00:00+00:00",
               ends_at="2026-11-24T08:00:00+00:00")  # fmt: skip
    make.event(
        title="明天", starts_at="2026-11-24T17:00:00+00:00", ends_at="2026-11-24T18:00:00+00:00"
    )  # fmt: skip  (Wednesday in Beijing)
    v = make.visit(checkin_at="2026-11-20T02:00:00+00:00", checkout_at="2026-11-20T03:00:00+00:00")
    store.visits.submit(v.id)
    store.visits.review(v.id, decision="returned", comment="照片不清楚")
    day = plan.day_plan(store, world.rep_id, TUESDAY)
    assert [e.title for e in day.events] == ["品鉴会"]
    assert [(r.visit_id, r.comment) for r in day.returned] == [(v.id, "照片不清楚")]


def test_order_by_route_from_the_start_point(store: Store, world: World, make: Maker) -> None:
    plan.set_start(store, 34.75, 113.60)
    far = make.shop(name="远店", latitude=34.75, longitude=113.64)
    near = make.shop(name="近店", latitude=34.75, longitude=113.61)
    nowhere = make.shop(name="无坐标店")
    for s in (nowhere, far, near):
        plan.add_stop(store, world.rep_id, TUESDAY, s.id)
    route = plan.order_by_route(store, world.rep_id, TUESDAY)
    assert [leg.stop.name for leg in route.legs] == ["近店", "远店", "无坐标店"]
    stops = plan.day_plan(store, world.rep_id, TUESDAY).stops
    assert [s.name for s in stops] == ["近店", "远店", "无坐标店"]
    assert route.legs[0].km == pytest.approx(0.914 * 1.3, abs=0.01)
    assert route.legs[-1].no_position


def test_week_counts_planned_due_and_events(store: Store, world: World, make: Maker) -> None:
    make.shop(name="甲店", tier="A", route_days="3")
    a = make.shop(name="乙店", tier="A")
    plan.add_stop(store, world.rep_id, TUESDAY, a.id)
    week = plan.week(store, world.rep_id, TUESDAY, 3)
    assert [(d.day, d.planned, d.due, d.events) for d in week] == [
        (TUESDAY, 1, 0, 0),
        (TUESDAY + timedelta(days=1), 0, 1, 0),
        (TUESDAY + timedelta(days=2), 0, 0, 0),
    ]


def test_pjp_compliance_counts_a_planned_visit_only_with_check_in_and_out(
    store: Store, world: World, make: Maker
) -> None:
    from fieldapp.kinds import BUSINESS_UTC_OFFSET
    from fieldapp.store import metrics

    shops = [make.shop(name=f"店{i}") for i in range(4)]
    ids = [plan.add_stop(store, world.rep_id, TUESDAY, s.id) for s in shops[:3]]
    store.visits.check_in(ids[0], at=utc("2026-11-24T02:00:00"))
    store.visits.check_out(ids[0], at=utc("2026-11-24T02:30:00"))
    store.visits.check_in(ids[1], at=utc("2026-11-24T03:00:00"))  # never checked out
    visited(store, make, shops[3].id, TUESDAY)  # done but not planned
    (week,) = metrics.rep_weeks(
        store.db, since=TUESDAY, until=TUESDAY, utc_offset=BUSINESS_UTC_OFFSET
    )
    assert (week.planned, week.kept, week.done) == (3, 1, 3)
    assert week.compliance == pytest.approx(1 / 3)
    # The first screen's count (views_today, no metrics module) says the same.
    from fieldapp.store.views_today import plan_kept

    assert plan_kept(store.db, rep_id=world.rep_id, since=TUESDAY, until=TUESDAY) == (3, 1)


def test_the_export_shows_each_visits_stop_and_whether_the_plan_was_kept(
    store: Store, world: World, make: Maker, tmp_path: Path
) -> None:
    from fieldapp.exchange.export import export_xlsx
    from fieldapp.exchange.from_store import StoreSource
    from tests.fieldapp.test_export import _read, _sheet

    a, b, c = (make.shop(name=n) for n in ("甲店", "乙店", "丙店"))
    kept, missed = (plan.add_stop(store, world.rep_id, TUESDAY, s.id) for s in (a, b))
    store.visits.check_in(kept, at=utc("2026-11-24T02:00:00"))
    store.visits.check_out(kept, at=utc("2026-11-24T02:30:00"))
    visited(store, make, c.id, TUESDAY)
    out = tmp_path / "book.xlsx"
    export_xlsx(StoreSource(store), out, lang="en")
    rows = {r["visit_id"]: r for r in _sheet(_read(out), "visits", "en")}
    assert (rows[kept]["plan_seq"], rows[kept]["pjp_done"]) == (1, 1)
    assert (rows[missed]["plan_seq"], rows[missed]["pjp_done"]) == (2, 0)
    (unplanned,) = [r for k, r in rows.items() if k not in (kept, missed)]
    assert (unplanned["plan_seq"], unplanned["pjp_done"]) == (None, None)


def test_apply_order_keeps_checked_in_stops_first_and_stops_added_meanwhile_last(
    store: Store, world: World, make: Maker
) -> None:
    shops = [make.shop(name=f"店{i}") for i in range(4)]
    ids = [plan.add_stop(store, world.rep_id, TUESDAY, s.id) for s in shops]
    store.visits.check_in(ids[2], at=utc("2026-11-24T02:00:00"))
    # A route computed off the UI thread over the open stops 0, 1, 3, before 3 was added
    # it would not name it; here it names 1 and 0 only.
    plan.apply_order(store, world.rep_id, TUESDAY, [ids[1], ids[0], ids[2], "gone"])
    stops = plan.day_plan(store, world.rep_id, TUESDAY).stops
    assert [s.visit_id for s in stops] == [ids[2], ids[1], ids[0], ids[3]]
    assert [s.seq for s in stops] == [1, 2, 3, 4]
    assert [s.key for s in plan.open_stops(plan.day_plan(store, world.rep_id, TUESDAY))] == [
        ids[1],
        ids[0],
        ids[3],
    ]


def test_stops_planned_without_a_place_keep_their_order_when_a_stop_is_added(
    store: Store, world: World, make: Maker
) -> None:
    old = [make.visit(shop_id=make.shop(name=n).id, planned_date=TUESDAY) for n in ("乙", "甲")]
    assert all(v.plan_seq is None for v in old)
    shown = [s.visit_id for s in plan.day_plan(store, world.rep_id, TUESDAY).stops]
    new = plan.add_stop(store, world.rep_id, TUESDAY, make.shop(name="丙").id)
    stops = plan.day_plan(store, world.rep_id, TUESDAY).stops
    assert [s.visit_id for s in stops] == [*shown, new]
    assert [s.seq for s in stops] == [1, 2, 3]


def test_planning_the_coming_days_plans_a_shop_once(
    store: Store, world: World, make: Maker
) -> None:
    """A shop on Tuesday's and Thursday's routes, planned for Tuesday (not yet made), is
    not due again on Thursday: planning the week day by day plans it once. A planned
    visit of a past day that never happened covers nothing."""
    shop = make.shop(name="双日店", tier="A", route_days="24")
    monday = TUESDAY - timedelta(days=1)
    thursday = TUESDAY + timedelta(days=2)
    tuesday = plan.generate(store, world.rep_id, TUESDAY, today=monday)
    assert [s.shop_id for s in tuesday.stops] == [shop.id]
    later = plan.generate(store, world.rep_id, thursday, today=monday)
    assert later.stops == () and later.unplanned_due == ()
    # Wednesday came and Tuesday's stop was never made: Thursday plans it again.
    wednesday = TUESDAY + timedelta(days=1)
    again = plan.generate(store, world.rep_id, thursday, today=wednesday)
    assert [s.shop_id for s in again.stops] == [shop.id]


def test_a_generated_day_holds_at_most_its_stops_most_overdue_first(
    store: Store, world: World, make: Maker
) -> None:
    shops = [make.shop(name=f"店{i:02d}", tier="A", route_days="2") for i in range(15)]
    for i, s in enumerate(shops):  # 店00 the longest ago
        visited(store, make, s.id, TUESDAY - timedelta(days=30 - i))
    day = plan.generate(store, world.rep_id, TUESDAY, today=TUESDAY)
    assert len(day.stops) == plan.DAY_STOPS
    assert {s.shop_id for s in day.stops} == {s.id for s in shops[: plan.DAY_STOPS]}
    assert [d.shop_id for d in day.unplanned_due] == [s.id for s in shops[plan.DAY_STOPS :]]
    whole = plan.generate(store, world.rep_id, TUESDAY, today=TUESDAY, limit=None)
    assert len(whole.stops) == 15 and whole.unplanned_due == ()


def test_today_is_the_stores_clock(store: Store, world: World, make: Maker) -> None:
    """Without ``today`` the store's clock says which planned days still lie ahead (the
    test clock is on Tuesday 2026-11-24, Beijing time), not the machine's date."""
    shop = make.shop(name="钟店", tier="A", route_days="24")
    plan.generate(store, world.rep_id, TUESDAY)
    thursday = plan.generate(store, world.rep_id, TUESDAY + timedelta(days=2))
    assert thursday.stops == () and thursday.unplanned_due == ()
    assert [s.shop_id for s in plan.day_plan(store, world.rep_id, TUESDAY).stops] == [shop.id]
