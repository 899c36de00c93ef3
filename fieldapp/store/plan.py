"""The rep's day plan (PJP): which shops are due on a day's route, the planned visits.

A shop is *due* on day D when D's weekday is one of its route days and it has no live
checked-in visit in the last N days before D (never visited: due). N is the shop's own
``visit_every_days``, else its team's default for its tier (``teams.visit_days_a/b/c``),
else 7 / 14 / 30 for A / B / C. Overdue: due and the last visit is more than N days ago.

The plan itself is synced data: one planned visit per stop (``visits`` with
``planned_date`` D, no check-in yet, ``plan_seq`` its position), so the supervisor sees
it after the next sync. :func:`generate` adds a planned visit for each due shop not
planned yet; the rep adds (:func:`add_stop`), removes (:func:`remove_stop`) and reorders
(:func:`move_stop`, :func:`order_by_route`) stops. :func:`day_plan` reads the whole day
(stops, the rep's events, the visits the supervisor returned); :func:`week` the coming
days. Threading: these run on the connection of the store they are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..kinds import BUSINESS_UTC_OFFSET, Tier
from ..route import Route, Stop, follow, order_stops
from .days import local_modifier, utc_bound
from .overdue import DEFAULT_OVERDUE_DAYS

if TYPE_CHECKING:
    from . import Store

__all__ = [
    "START_KEY",
    "DayPlan",
    "DueShop",
    "PlanEvent",
    "PlanStop",
    "ReturnedVisit",
    "WeekDay",
    "add_stop",
    "apply_order",
    "clock_minutes",
    "day_plan",
    "depart_time",
    "due_shops",
    "generate",
    "move_stop",
    "open_stops",
    "order_by_route",
    "origin",
    "remove_stop",
    "route_of",
    "set_start",
    "start_point",
    "tier_days",
    "week",
]

#: The setting (``Store.get_setting``) holding the route's start point, the rep's home
#: or office: ``[latitude, longitude]``.
START_KEY = "plan_start"


@dataclass(frozen=True)
class DueShop:
    shop_id: str
    name: str
    tier: str
    #: Days between visits that apply to this shop.
    every_days: int
    #: Local date of the last live checked-in visit before the day; None: never.
    last_visit: date | None
    #: Due and the last visit is more than ``every_days`` ago (or never visited).
    overdue: bool


@dataclass(frozen=True)
class PlanStop:
    visit_id: str
    shop_id: str
    name: str
    seq: int | None
    latitude: float | None
    longitude: float | None
    opens_at: str | None
    closes_at: str | None
    address: str | None
    checkin_at: str | None
    checkout_at: str | None

    @property
    def done(self) -> bool:
        """A stop counts as done only with both check-in and check-out."""
        return bool(self.checkin_at and self.checkout_at)

    def as_route_stop(self) -> Stop:
        return Stop(
            key=self.visit_id,
            name=self.name,
            latitude=self.latitude,
            longitude=self.longitude,
            opens=clock_minutes(self.opens_at),
            closes=clock_minutes(self.closes_at),
        )


@dataclass(frozen=True)
class PlanEvent:
    event_id: str
    title: str
    starts_at: datetime
    ends_at: datetime
    venue_shop_id: str | None


@dataclass(frozen=True)
class ReturnedVisit:
    visit_id: str
    shop_id: str
    name: str
    comment: str | None


@dataclass(frozen=True)
class DayPlan:
    rep_id: str
    day: date
    #: The planned visits of the day in plan order.
    stops: tuple[PlanStop, ...]
    events: tuple[PlanEvent, ...]
    returned: tuple[ReturnedVisit, ...]
    #: Due shops on the day's route that have no stop yet.
    unplanned_due: tuple[DueShop, ...]


@dataclass(frozen=True)
class WeekDay:
    day: date
    #: Stops planned for the day.
    planned: int
    #: Shops due on the day's route (planned or not).
    due: int
    events: int


def clock_minutes(text: str | None) -> int | None:
    """ "HH:MM" as minutes after midnight; None stays None."""
    if not text:
        return None
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def tier_days(store: Store, team_id: str | None) -> dict[Tier, int]:
    """Days between visits per tier for ``team_id``: its supervisor's defaults, else 7/14/30."""
    out = dict(DEFAULT_OVERDUE_DAYS)
    if team_id is None:
        return out
    team = store.teams.find(team_id)
    if team is not None:
        for tier, value in (
            (Tier.A, team.visit_days_a),
            (Tier.B, team.visit_days_b),
            (Tier.C, team.visit_days_c),
        ):
            if value is not None:
                out[tier] = value
    return out


def _team_of(store: Store, rep_id: str) -> str | None:
    user = store.users.find(rep_id)
    return None if user is None else user.team_id


def _today(store: Store) -> date:
    """Beijing's date by the store's clock (``Store.now``, UTC), as every page shows it."""
    now = store.now()
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    return (now + BUSINESS_UTC_OFFSET).date()


def due_shops(
    store: Store,
    rep_id: str,
    day: date,
    *,
    route_only: bool = True,
    today: date | None = None,
) -> list[DueShop]:
    """The rep's shops due on ``day``: on that weekday's route (unless ``route_only`` is
    False), not visited within their frequency, and not planned on another day near
    enough to cover it (an open planned visit from ``today`` on, fewer days from ``day``
    than the shop's frequency: planning the coming days one by one must not plan a shop
    twice; a planned visit of a past day that never happened covers nothing); the most
    overdue first."""
    days = tier_days(store, _team_of(store, rep_id))
    today = today or _today(store)
    modifier = local_modifier(BUSINESS_UTC_OFFSET)
    rows = store.db.query(
        f"""
        SELECT s.id, s.name, s.tier, s.visit_every_days, s.route_days,
               (SELECT max(date(v.checkin_at, :mod)) FROM visits v
                 WHERE v.shop_id = s.id AND v.deleted = 0 AND v.checkin_at IS NOT NULL
                   AND v.checkin_at < :before) AS last_date,
               (SELECT group_concat(v.planned_date) FROM visits v
                 WHERE v.shop_id = s.id AND v.deleted = 0 AND v.checkin_at IS NULL
                   AND v.planned_date >= :today AND v.planned_date != :day) AS planned
        FROM shops s
        WHERE s.deleted = 0 AND s.rep_id = :rep
          {"AND instr(coalesce(s.route_days, ''), :weekday) > 0" if route_only else ""}
        ORDER BY s.name, s.id
        """,
        {
            "mod": modifier,
            "before": utc_bound(day, BUSINESS_UTC_OFFSET),
            "rep": rep_id,
            "weekday": str(day.isoweekday()),
            "today": today.isoformat(),
            "day": day.isoformat(),
        },
    )
    out: list[DueShop] = []
    for r in rows:
        tier = r["tier"] if r["tier"] in ("A", "B", "C") else "C"
        every = int(r["visit_every_days"] or days[Tier(tier)])
        last = date.fromisoformat(r["last_date"]) if r["last_date"] else None
        since = None if last is None else (day - last).days
        if since is not None and since < every:
            continue
        planned = (r["planned"] or "").split(",") if r["planned"] else []
        if any(abs((date.fromisoformat(p) - day).days) < every for p in planned):
            continue
        out.append(DueShop(r["id"], r["name"], tier, every, last, since is None or since > every))
    out.sort(key=lambda d: (d.last_visit is not None, d.last_visit or day, d.name))
    return out


def _stops(store: Store, rep_id: str, day: date) -> list[PlanStop]:
    rows = store.db.query(
        """
        SELECT v.id, v.shop_id, s.name, v.plan_seq, s.latitude, s.longitude, s.opens_at,
               s.closes_at, s.address, v.checkin_at, v.checkout_at
        FROM visits v JOIN shops s ON s.id = v.shop_id
        WHERE v.rep_id = ? AND v.planned_date = ? AND v.deleted = 0
        ORDER BY v.plan_seq IS NULL, v.plan_seq, s.name, v.id
        """,
        [rep_id, day.isoformat()],
    )
    return [PlanStop(*r.values()) for r in rows]


def _events(store: Store, rep_id: str, day: date) -> list[PlanEvent]:
    rows = store.db.query(
        """
        SELECT id, title, starts_at, ends_at, venue_shop_id FROM events
        WHERE rep_id = ? AND deleted = 0 AND starts_at < ? AND ends_at >= ?
          AND status != 'cancelled'
        ORDER BY starts_at, id
        """,
        [
            rep_id,
            utc_bound(day + timedelta(days=1), BUSINESS_UTC_OFFSET),
            utc_bound(day, BUSINESS_UTC_OFFSET),
        ],
    )
    return [
        PlanEvent(
            r["id"],
            r["title"],
            datetime.fromisoformat(r["starts_at"]),
            datetime.fromisoformat(r["ends_at"]),
            r["venue_shop_id"],
        )
        for r in rows
    ]


def _returned(store: Store, rep_id: str) -> list[ReturnedVisit]:
    rows = store.db.query(
        """
        SELECT v.id, v.shop_id, s.name, v.supervisor_comment FROM visits v
        JOIN shops s ON s.id = v.shop_id
        WHERE v.rep_id = ? AND v.review_status = 'returned' AND v.deleted = 0
        ORDER BY v.reviewed_at, v.id
        """,
        [rep_id],
    )
    return [ReturnedVisit(r["id"], r["shop_id"], r["name"], r["supervisor_comment"]) for r in rows]


def day_plan(store: Store, rep_id: str, day: date, *, today: date | None = None) -> DayPlan:
    """The rep's plan for ``day``: stops in order, events, returned visits, unplanned due
    shops (``due_shops``; ``today`` is Beijing's date by the store's clock unless given)."""
    stops = _stops(store, rep_id, day)
    planned = {s.shop_id for s in stops}
    due = [d for d in due_shops(store, rep_id, day, today=today) if d.shop_id not in planned]
    return DayPlan(
        rep_id,
        day,
        tuple(stops),
        tuple(_events(store, rep_id, day)),
        tuple(_returned(store, rep_id)),
        tuple(due),
    )


def _renumber(store: Store, visit_ids: Sequence[str]) -> None:
    for seq, visit_id in enumerate(visit_ids, start=1):
        visit = store.visits.get(visit_id)
        if visit.plan_seq != seq:
            store.visits.update(visit_id, plan_seq=seq)


def _numbered(store: Store, stops: Sequence[PlanStop]) -> int:
    """Give every stop of a day its place (stops planned without one, e.g. by an older
    app, keep the order they are shown in); return the last place."""
    if any(s.seq is None for s in stops):
        _renumber(store, [s.visit_id for s in stops])
        return len(stops)
    return max((s.seq or 0 for s in stops), default=0)


#: The stops a generated day holds at most (a rep makes 6-12 visits a day): the most
#: overdue due shops fill it; the rest stay listed as due, for the rep to add by hand.
DAY_STOPS = 12


def generate(
    store: Store,
    rep_id: str,
    day: date,
    *,
    limit: int | None = DAY_STOPS,
    today: date | None = None,
) -> DayPlan:
    """Add planned visits for the day's due shops not planned yet, most overdue first,
    until the day holds ``limit`` stops (None: every due shop); return the plan. Run
    again, it adds only what became due (never a second stop per shop)."""
    with store.transaction():
        plan = day_plan(store, rep_id, day, today=today)
        seq = _numbered(store, plan.stops)
        room = len(plan.unplanned_due) if limit is None else max(0, limit - len(plan.stops))
        for due in plan.unplanned_due[:room]:
            seq += 1
            store.visits.create(shop_id=due.shop_id, rep_id=rep_id, planned_date=day, plan_seq=seq)
    return day_plan(store, rep_id, day, today=today)


def add_stop(store: Store, rep_id: str, day: date, shop_id: str) -> str:
    """Add ``shop_id`` as the day's last stop; return the planned visit's id (an existing
    stop at that shop is returned as is)."""
    with store.transaction():
        stops = _stops(store, rep_id, day)
        for stop in stops:
            if stop.shop_id == shop_id:
                return stop.visit_id
        seq = _numbered(store, stops) + 1
        visit = store.visits.create(shop_id=shop_id, rep_id=rep_id, planned_date=day, plan_seq=seq)
        return visit.id


def remove_stop(store: Store, visit_id: str) -> None:
    """Take a stop off its day: the planned visit is deleted. A visit already checked in
    is a visit, not a plan (``not_editable`` on ``checkin_at``)."""
    with store.transaction():
        visit = store.visits.get(visit_id)
        if visit.checkin_at is not None:
            raise ValidationError.single("checkin_at", "not_editable", entity="visits")
        store.visits.delete(visit_id)
        if visit.rep_id and visit.planned_date:
            _renumber(store, [s.visit_id for s in _stops(store, visit.rep_id, visit.planned_date)])


def move_stop(store: Store, visit_id: str, position: int) -> None:
    """Move a stop to ``position`` (1 = first) in its day's plan; the others shift."""
    with store.transaction():
        visit = store.visits.get(visit_id)
        if visit.rep_id is None or visit.planned_date is None:
            raise ValidationError.single("planned_date", "required", entity="visits")
        ids = [s.visit_id for s in _stops(store, visit.rep_id, visit.planned_date)]
        ids.remove(visit_id)
        ids.insert(max(0, min(position - 1, len(ids))), visit_id)
        _renumber(store, ids)


def start_point(store: Store) -> tuple[float, float] | None:
    """The route's start (latitude, longitude), a setting; None when not set."""
    value = store.get_setting(START_KEY)
    if not isinstance(value, list) or len(value) != 2:
        return None
    return float(value[0]), float(value[1])


def set_start(store: Store, latitude: float, longitude: float) -> None:
    """Set the route's start point (the rep's home or office)."""
    if not -90 <= latitude <= 90:
        raise ValidationError.single("latitude", "out_of_range")
    if not -180 <= longitude <= 180:
        raise ValidationError.single("longitude", "out_of_range")
    store.set_setting(START_KEY, [float(latitude), float(longitude)])


def depart_time(day: date, hour: int = 8, minute: int = 30) -> datetime:
    """When the day's route leaves (Beijing wall-clock time)."""
    return datetime(day.year, day.month, day.day, hour, minute)


def route_of(
    plan: DayPlan, start: tuple[float, float] | None, *, depart: datetime | None = None
) -> Route:
    """The plan's stops in their current order with arrival times and distances.

    Without a start point the first placed stop is the start (0 km to it). Times are
    Beijing time, leaving at 08:30 unless ``depart`` says otherwise.
    """
    stops = [s.as_route_stop() for s in plan.stops]
    return follow(stops, start=origin(start, stops), depart=depart or depart_time(plan.day))


def origin(start: tuple[float, float] | None, stops: Sequence[Stop]) -> tuple[float, float]:
    """The start point, else the first stop with a position (0 km to it)."""
    if start is not None:
        return start
    placed = next((s for s in stops if s.placed), None)
    if placed is None:
        return (0.0, 0.0)
    return (float(placed.latitude or 0.0), float(placed.longitude or 0.0))


def order_by_route(
    store: Store, rep_id: str, day: date, *, depart: datetime | None = None
) -> Route:
    """Reorder the day's open stops along the shortest route from the start point (done
    stops keep their place first); return the route."""
    with store.transaction():
        plan = day_plan(store, rep_id, day)
        stops = open_stops(plan)
        start = origin(start_point(store), stops)
        route = order_stops(stops, start=start, depart=depart or depart_time(day))
        apply_order(store, rep_id, day, [leg.stop.key for leg in route.legs])
    return route_of(day_plan(store, rep_id, day), start_point(store), depart=depart)


def open_stops(plan: DayPlan) -> list[Stop]:
    """The plan's stops not checked in yet, as route stops (what a route may reorder)."""
    return [s.as_route_stop() for s in plan.stops if not s.checkin_at]


def apply_order(store: Store, rep_id: str, day: date, visit_ids: Sequence[str]) -> None:
    """Number the day's stops: those checked in keep their place first, then ``visit_ids``
    in that order, then any other stop of the day (a stop added meanwhile) as it was."""
    with store.transaction():
        stops = _stops(store, rep_id, day)
        done = [s.visit_id for s in stops if s.checkin_at]
        known = {s.visit_id for s in stops}
        wanted = [v for v in visit_ids if v in known and v not in done]
        rest = [s.visit_id for s in stops if s.visit_id not in done and s.visit_id not in wanted]
        _renumber(store, done + wanted + rest)


def week(store: Store, rep_id: str, first: date, days: int = 7) -> list[WeekDay]:
    """The coming days from ``first``: stops planned, shops due on the route, events."""
    out: list[WeekDay] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        out.append(
            WeekDay(
                day,
                len(_stops(store, rep_id, day)),
                len(due_shops(store, rep_id, day)),
                len(_events(store, rep_id, day)),
            )
        )
    return out
