"""The printable route sheet of a rep's day: the stops in plan order with what a rep
needs at the door (address, owner, phone, last visit, open to-dos, the supervisor's
comment on a returned visit), the arrivals and distances of the route, the day's
events. The UI renders it to PDF or a printer (``ui.route_sheet``).
Threading: runs on the connection of the store it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..kinds import BUSINESS_UTC_OFFSET
from ..route import Route
from . import plan
from .days import local_modifier, utc_bound

if TYPE_CHECKING:
    from . import Store

__all__ = ["RouteSheet", "SheetStop", "route_sheet"]


@dataclass(frozen=True)
class SheetStop:
    seq: int
    visit_id: str
    shop_id: str
    name: str
    #: "HH:MM" Beijing time ("+1 HH:MM" after midnight); None: the shop has no position
    #: (listed last).
    arrival: str | None
    km: float | None
    late: bool
    address: str | None
    owner: str | None
    phone: str | None
    #: Local date of the last checked-in visit before the day.
    last_visit: date | None
    #: The next actions written on the shop's latest visit that has some.
    todo: str | None
    #: The supervisor's comment on a returned visit to this shop.
    returned_comment: str | None
    done: bool


@dataclass(frozen=True)
class RouteSheet:
    rep_id: str
    rep_name: str
    day: date
    stops: tuple[SheetStop, ...]
    total_km: float
    events: tuple[plan.PlanEvent, ...]


def route_sheet(store: Store, rep_id: str, day: date) -> RouteSheet:
    """The sheet of ``rep_id``'s plan on ``day`` in its current order."""
    day_plan = plan.day_plan(store, rep_id, day)
    route: Route = plan.route_of(day_plan, plan.start_point(store))
    by_visit = {s.visit_id: s for s in day_plan.stops}
    shop_ids = [s.shop_id for s in day_plan.stops]
    facts = _facts(store, shop_ids, day)
    returned = {r.shop_id: r.comment for r in day_plan.returned}
    stops = []
    for n, leg in enumerate(route.legs, start=1):
        stop = by_visit[leg.stop.key]
        owner, phone, last, todo = facts.get(stop.shop_id, (None, None, None, None))
        stops.append(
            SheetStop(
                seq=n,
                visit_id=stop.visit_id,
                shop_id=stop.shop_id,
                name=stop.name,
                arrival=_clock(leg.arrival, day),
                km=leg.km,
                late=leg.late,
                address=stop.address,
                owner=owner,
                phone=phone,
                last_visit=last,
                todo=todo,
                returned_comment=returned.get(stop.shop_id),
                done=stop.done,
            )
        )
    user = store.users.find(rep_id)
    return RouteSheet(
        rep_id=rep_id,
        rep_name=user.name if user is not None else rep_id,
        day=day,
        stops=tuple(stops),
        total_km=route.total_km,
        events=day_plan.events,
    )


def _clock(at: datetime | None, day: date) -> str | None:
    """ "HH:MM"; "+1 HH:MM" for an arrival after midnight (a route too long for the day)."""
    if at is None:
        return None
    days = (at.date() - day).days
    return at.strftime("%H:%M") if days <= 0 else f"+{days} {at.strftime('%H:%M')}"


def _facts(
    store: Store, shop_ids: list[str], day: date
) -> dict[str, tuple[str | None, str | None, date | None, str | None]]:
    if not shop_ids:
        return {}
    marks = ",".join("?" * len(shop_ids))
    rows = store.db.query(
        f"""
        SELECT s.id,
               (SELECT o.name FROM owners o WHERE o.shop_id = s.id AND o.deleted = 0
                 ORDER BY o.id LIMIT 1) AS owner,
               coalesce(s.phone, (SELECT o.mobile FROM owners o
                 WHERE o.shop_id = s.id AND o.deleted = 0 ORDER BY o.id LIMIT 1)) AS phone,
               (SELECT max(date(v.checkin_at, ?)) FROM visits v
                 WHERE v.shop_id = s.id AND v.deleted = 0 AND v.checkin_at IS NOT NULL
                   AND v.checkin_at < ?) AS last_date,
               (SELECT v.next_actions FROM visits v
                 WHERE v.shop_id = s.id AND v.deleted = 0 AND v.checkin_at IS NOT NULL
                   AND v.checkin_at < ? AND trim(coalesce(v.next_actions, '')) != ''
                 ORDER BY v.checkin_at DESC, v.id LIMIT 1) AS todo
        FROM shops s WHERE s.id IN ({marks})
        """,
        [
            local_modifier(BUSINESS_UTC_OFFSET),
            utc_bound(day, BUSINESS_UTC_OFFSET),
            utc_bound(day, BUSINESS_UTC_OFFSET),
            *shop_ids,
        ],
    )
    return {
        r["id"]: (
            r["owner"],
            r["phone"],
            date.fromisoformat(r["last_date"]) if r["last_date"] else None,
            r["todo"],
        )
        for r in rows
    }
