"""The map's pins (store.map_data): each shop's state on a day."""

from __future__ import annotations

from datetime import date, timedelta

from fieldapp.store import Store, plan
from fieldapp.store.map_data import shop_pins
from tests.conftest import Maker, World

TUESDAY = date(2026, 11, 24)


def test_pins_carry_the_days_state(store: Store, world: World, make: Maker) -> None:
    def shop(name: str, **kw: object) -> str:
        return str(make.shop(name=name, latitude=34.7, longitude=113.6, **kw).id)

    visited, planned, due, overdue, other = (
        shop("到访", tier="A"),
        shop("计划", tier="A"),
        shop("今日到期", tier="A", route_days="2"),
        shop("超期", tier="A", route_days="4"),
        shop("其他", tier="A", route_days="4"),
    )
    make.shop(name="无坐标", latitude=None, longitude=None)
    make.visit(shop_id=visited, planned_date=None, checkin_at=f"{TUESDAY}T02:00:00+00:00")
    plan.add_stop(store, world.rep_id, TUESDAY, planned)
    recent = TUESDAY - timedelta(days=2)
    make.visit(shop_id=other, planned_date=None, checkin_at=f"{recent}T02:00:00+00:00")
    old = TUESDAY - timedelta(days=20)
    make.visit(shop_id=overdue, planned_date=None, checkin_at=f"{old}T02:00:00+00:00")
    make.visit(shop_id=due, planned_date=None, checkin_at=f"{old}T02:00:00+00:00")
    pins = {p.shop_id: p.state for p in shop_pins(store, day=TUESDAY, rep_id=world.rep_id)}
    assert pins[visited] == "visited" and pins[planned] == "planned"
    assert pins[due] == "due" and pins[overdue] == "overdue" and pins[other] == "other"
    assert len(pins) == 5  # no pin without coordinates
    # The supervisor's view of the team: the day's planned against done, no due work-out.
    team = {
        p.shop_id: p.state
        for p in shop_pins(store, day=TUESDAY, rep_id=None, team_id=world.team_id)
    }
    assert team[visited] == "visited" and team[planned] == "planned" and team[due] == "other"
