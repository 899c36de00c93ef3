"""The day's route sheet (store.route_sheet): stops in plan order with what the rep needs."""

from __future__ import annotations

from datetime import date, timedelta

from fieldapp.store import Store, plan
from fieldapp.store.route_sheet import route_sheet
from tests.conftest import Maker, World

TUESDAY = date(2026, 11, 24)


def test_the_sheet_lists_stops_in_plan_order_with_owner_phone_last_visit_and_todo(
    store: Store, world: World, make: Maker
) -> None:
    near = make.shop(name="近店", latitude=34.75, longitude=113.62, phone="0371-88001234",
                     address="郑州市一号", opens_at="09:00", closes_at="21:00")  # fmt: skip
    far = make.shop(name="远店", latitude=34.80, longitude=113.70)
    lost = make.shop(name="无坐标店", latitude=None, longitude=None)
    make.owner(shop_id=far.id, name="王老板", mobile="13800138000")
    before = TUESDAY - timedelta(days=5)
    make.visit(shop_id=far.id, planned_date=None, checkin_at=f"{before}T02:00:00+00:00",
               checkout_at=f"{before}T02:30:00+00:00", next_actions="补货两箱")  # fmt: skip
    returned = make.visit(shop_id=near.id, planned_date=None,
                          checkin_at=f"{before}T03:00:00+00:00",
                          checkout_at=f"{before}T03:30:00+00:00")  # fmt: skip
    store.db.execute(
        "UPDATE visits SET review_status = 'returned', supervisor_comment = '照片不清楚' "
        "WHERE id = ?",
        [returned.id],
    )
    plan.set_start(store, 34.74, 113.60)
    for shop in (lost, far, near):
        plan.add_stop(store, world.rep_id, TUESDAY, shop.id)
    sheet = route_sheet(store, world.rep_id, TUESDAY)
    # Plan order kept for placed stops; the one without coordinates last, no arrival.
    assert [s.name for s in sheet.stops] == ["远店", "近店", "无坐标店"]
    assert [s.seq for s in sheet.stops] == [1, 2, 3]
    far_row, near_row, lost_row = sheet.stops
    assert far_row.owner == "王老板" and far_row.phone == "13800138000"
    assert far_row.last_visit == before and far_row.todo == "补货两箱"
    assert near_row.phone == "0371-88001234" and near_row.address == "郑州市一号"
    assert near_row.returned_comment == "照片不清楚"
    assert near_row.arrival is not None and near_row.arrival >= "09:00"
    assert lost_row.arrival is None and lost_row.km is None
    assert sheet.total_km == round((far_row.km or 0) + (near_row.km or 0), 2)
    assert sheet.total_km > 0


def test_an_empty_day_gives_an_empty_sheet(store: Store, world: World) -> None:
    sheet = route_sheet(store, world.rep_id, TUESDAY)
    assert sheet.stops == () and sheet.total_km == 0


def test_an_arrival_after_midnight_says_so(store: Store, world: World, make: Maker) -> None:
    plan.set_start(store, 34.0, 113.0)
    far = make.shop(name="很远的店", latitude=37.5, longitude=113.0)  # ~505 km by road: 17 h
    plan.add_stop(store, world.rep_id, TUESDAY, far.id)
    (stop,) = route_sheet(store, world.rep_id, TUESDAY).stops
    assert stop.arrival is not None and stop.arrival.startswith("+1 ")
