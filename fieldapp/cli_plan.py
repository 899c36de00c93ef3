"""``fieldapp plan``: a rep's day plan as ordered stops, and as an .ics calendar.

    fieldapp plan --rep REP --date YYYY-MM-DD [--json] [--save] [--ics FILE]
                  [--pdf FILE [--lang zh_CN|en]]

REP is a user id or an exact user name. Read-only unless ``--save``: the day's planned
stops in plan order; a day with nothing planned yet shows the shops due on its route in
the solver's order (a proposal). ``--save`` adds a planned visit for each due shop and
orders the day's open stops by the route (synced like any edit). Each stop: shop id, name,
planned arrival (Beijing time), road km from the previous stop (from the start point,
setting ``plan_start``, for the first). ``--pdf`` writes the printable route sheet of
the planned stops (``fieldapp.exchange.route_pdf``, in ``--lang``, default the locale's).
Thread-agnostic; run from the CLI.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import NotFound

if TYPE_CHECKING:
    from .route import Route
    from .store import Store
    from .store.plan import DayPlan


def add_parser(sub: Any, common: argparse.ArgumentParser, date_type: Any) -> None:
    plan = sub.add_parser(
        "plan", parents=[common], help="a rep's day plan: ordered stops, arrival, km"
    )
    plan.add_argument("--rep", required=True, help="the rep's user id or exact name")
    plan.add_argument("--date", required=True, type=date_type, help="the day (YYYY-MM-DD)")
    plan.add_argument(
        "--save",
        action="store_true",
        help="plan the due shops and order the day's stops by the route (writes, syncs)",
    )
    plan.add_argument("--ics", type=Path, metavar="FILE", help="also write an .ics calendar")
    plan.add_argument(
        "--pdf", type=Path, metavar="FILE", help="also write the printable route sheet (PDF)"
    )
    plan.add_argument(
        "--lang", choices=("zh_CN", "en"), default=None, help="the route sheet's language"
    )


def _rep_id(store: Store, rep: str) -> str:
    user = store.users.find(rep)
    if user is not None:
        return user.id
    named = store.users.list(where={"name": rep})
    if len(named) == 1:
        return named[0].id
    if len(named) > 1:
        raise NotFound("users", f"{rep} (several users have this name: give the id)")
    raise NotFound("users", rep)


def _route(store: Store, rep_id: str, day: date, save: bool) -> tuple[DayPlan, Route, bool]:
    """The plan, its route, and whether the stops are a proposal (nothing planned yet)."""
    from .route import Stop, order_stops
    from .store import plan

    if save:
        plan.generate(store, rep_id, day)
        plan.order_by_route(store, rep_id, day)
    day_plan = plan.day_plan(store, rep_id, day)
    start = plan.start_point(store)
    if day_plan.stops or not day_plan.unplanned_due:
        return day_plan, plan.route_of(day_plan, start), False
    shops = {
        s.id: s for s in store.shops.list(where={"id": [d.shop_id for d in day_plan.unplanned_due]})
    }
    stops = [
        Stop(
            key=s.id,
            name=s.name,
            latitude=s.latitude,
            longitude=s.longitude,
            opens=plan.clock_minutes(s.opens_at),
            closes=plan.clock_minutes(s.closes_at),
        )
        for s in (shops[d.shop_id] for d in day_plan.unplanned_due)
    ]
    origin = plan.origin(start, stops)
    return day_plan, order_stops(stops, start=origin, depart=plan.depart_time(day)), True


def cmd_plan(args: argparse.Namespace, open_store: Any, emit: Any, lang: str = "zh_CN") -> int:
    from .exchange.ics import plan_calendar, write_ics

    for target in (args.ics, args.pdf):
        if target is not None and not target.parent.is_dir():
            raise NotFound("folder", str(target.parent))
    store = open_store(args, must_exist=True)
    with store:
        rep_id = _rep_id(store, args.rep)
        day_plan, route, proposal = _route(store, rep_id, args.date, args.save)
        shop_of = {s.visit_id: s.shop_id for s in day_plan.stops}
        address = {s.visit_id: s.address for s in day_plan.stops}
        if proposal:
            for shop in store.shops.list(where={"id": [leg.stop.key for leg in route.legs]}):
                address[shop.id] = shop.address
        stops: list[dict[str, Any]] = []
        for n, leg in enumerate(route.legs, start=1):
            stops.append(
                {
                    "seq": n,
                    "shop_id": shop_of.get(leg.stop.key, leg.stop.key),
                    "visit_id": None if proposal else leg.stop.key,
                    "name": leg.stop.name,
                    "arrival": None if leg.arrival is None else leg.arrival.strftime("%H:%M"),
                    "km": leg.km,
                    "late": leg.late,
                    "no_coordinates": leg.no_position,
                }
            )
        data = {
            "rep_id": rep_id,
            "date": args.date,
            "proposal": proposal,
            "total_km": route.total_km,
            "stops": stops,
            "events": [
                {
                    "id": e.event_id,
                    "title": e.title,
                    "starts_at": e.starts_at.isoformat(),
                    "ends_at": e.ends_at.isoformat(),
                }
                for e in day_plan.events
            ],
            "returned_visits": [
                {
                    "visit_id": r.visit_id,
                    "shop_id": r.shop_id,
                    "name": r.name,
                    "comment": r.comment,
                }
                for r in day_plan.returned
            ],
        }
        if args.ics is not None:
            write_ics(
                args.ics,
                plan_calendar(
                    route,
                    day_plan.events,
                    day_key=args.date.isoformat(),
                    addresses=address,
                    stamp=datetime.now().astimezone(),
                ),
            )
        if args.pdf is not None:
            from .exchange.route_pdf import write_route_pdf
            from .store.route_sheet import route_sheet

            sheet = route_sheet(store, rep_id, args.date)
            write_route_pdf(sheet, args.pdf, lang=args.lang or lang)
    emit(args, data, _text(data))
    return 0


def _text(data: dict[str, Any]) -> str:
    head = f"Plan of {data['rep_id']} on {data['date']}"
    if data["proposal"]:
        head += " (proposal: nothing planned yet; --save plans it)"
    out = [head, "  #  shop id                               arrival      km  name"]
    for s in data["stops"]:
        arrival = s["arrival"] or "  -  "
        km = "     -" if s["km"] is None else f"{s['km']:6.2f}"
        note = " [no coordinates: placed last]" if s["no_coordinates"] else ""
        note += " [LATE: cannot finish before closing]" if s["late"] else ""
        out.append(f"{s['seq']:3d}  {s['shop_id']:<36}  {arrival}  {km}  {s['name']}{note}")
    if not data["stops"]:
        out.append("  (no stops)")
    out.append(f"Total {data['total_km']:.2f} km")
    for e in data["events"]:
        out.append(f"Event: {e['title']} {e['starts_at']} - {e['ends_at']}")
    for r in data["returned_visits"]:
        out.append(f"Returned visit to redo: {r['name']} ({r['visit_id']}): {r['comment'] or ''}")
    return "\n".join(out)
