"""The day plan and the rep's events as an iCalendar (.ics) file, for Outlook and phones.

Written with the ``icalendar`` package. Times are written in UTC (``...Z``), which every
calendar converts to its own zone, so no time-zone database is needed. Each planned stop
is an event of the standard visit length at its planned arrival (UID: the planned visit,
or the shop and the day for a proposed stop); each of the rep's events keeps its own
start and end (UID: the event's id), so importing the file again updates, not doubles.
Thread-agnostic.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from ..kinds import BUSINESS_UTC_OFFSET
from ..route import VISIT_MINUTES, Route
from ..store.plan import PlanEvent

__all__ = ["plan_calendar", "write_ics"]

_UID_DOMAIN = "fieldapp"


def _utc(local: datetime) -> datetime:
    """A naive Beijing wall-clock time as an aware UTC time."""
    return (local - BUSINESS_UTC_OFFSET).replace(tzinfo=UTC)


def plan_calendar(
    route: Route,
    events: Sequence[PlanEvent],
    *,
    day_key: str,
    addresses: dict[str, str | None] | None = None,
    stamp: datetime | None = None,
    visit_minutes: int = VISIT_MINUTES,
) -> Calendar:
    """A calendar of the route's stops (in order, with arrival) and ``events``."""
    cal = Calendar()
    cal.add("prodid", "-//fieldapp//day plan//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    now = stamp or datetime.now(UTC)
    for n, leg in enumerate(route.legs, start=1):
        stop = leg.stop
        vevent = Event()
        vevent.add("uid", f"{stop.key}-{day_key}@{_UID_DOMAIN}")
        vevent.add("dtstamp", now)
        summary = f"{n}. 拜访 Visit: {stop.name}"
        if leg.late:
            summary += " (晚到 late)"
        vevent.add("summary", summary)
        if leg.arrival is not None:
            start = _utc(leg.arrival)
            vevent.add("dtstart", start)
            vevent.add("dtend", start + timedelta(minutes=visit_minutes))
        else:
            # No position: no planned time; an all-day note on the day keeps it visible.
            vevent.add("dtstart", datetime.strptime(day_key, "%Y-%m-%d").date())
            vevent.add("description", "无坐标，排在最后 / no coordinates: placed last")
        address = (addresses or {}).get(stop.key)
        if address:
            vevent.add("location", address)
        if stop.latitude is not None and stop.longitude is not None:
            vevent.add("geo", (stop.latitude, stop.longitude))
        cal.add_component(vevent)
    for event in events:
        vevent = Event()
        vevent.add("uid", f"{event.event_id}@{_UID_DOMAIN}")
        vevent.add("dtstamp", now)
        vevent.add("summary", event.title)
        vevent.add("dtstart", event.starts_at.astimezone(UTC))
        vevent.add("dtend", event.ends_at.astimezone(UTC))
        cal.add_component(vevent)
    return cal


def write_ics(path: Path, calendar: Calendar) -> None:
    """Write ``calendar`` to ``path`` (replaced whole: a temporary file, then a rename)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(calendar.to_ical())
    tmp.replace(path)
