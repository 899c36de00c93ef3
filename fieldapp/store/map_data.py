"""What the map shows: shops as pins with their state on a day, and the day's route.

A pin's state, first match wins: ``visited`` (a live visit checked in that day, Beijing
time), ``planned`` (a stop of that day's plan not visited yet), ``due`` (due on that
day's route, see ``store.plan``), ``overdue`` (past its visit frequency, any route day),
else ``other``. A rep sees their own shops; a supervisor (``rep_id`` None, ``team_id``)
the team's, where due and overdue are not worked out per rep (visited, planned, other:
the day's visits planned against done). Shops without coordinates have no pin.
Threading: runs on the connection of the store it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..kinds import BUSINESS_UTC_OFFSET
from . import plan
from .days import utc_bound

if TYPE_CHECKING:
    from . import Store

__all__ = ["STATES", "Pin", "shop_pins"]

STATES: tuple[str, ...] = ("visited", "planned", "due", "overdue", "other")


@dataclass(frozen=True)
class Pin:
    shop_id: str
    name: str
    latitude: float
    longitude: float
    state: str


def shop_pins(
    store: Store, *, day: date, rep_id: str | None, team_id: str | None = None
) -> list[Pin]:
    """The pins of a rep's shops (or a team's, ``rep_id`` None) on ``day``."""
    if rep_id is not None:
        where, params = "s.rep_id = ?", [rep_id]
    elif team_id is not None:
        where, params = "s.rep_id IN (SELECT id FROM users WHERE team_id = ?)", [team_id]
    else:
        where, params = "1", []
    start = utc_bound(day, BUSINESS_UTC_OFFSET)
    end = utc_bound(day + timedelta(days=1), BUSINESS_UTC_OFFSET)
    rows = store.db.query(
        f"""
        SELECT s.id, s.name, s.latitude, s.longitude,
               EXISTS (SELECT 1 FROM visits v WHERE v.shop_id = s.id AND v.deleted = 0
                        AND v.checkin_at >= ? AND v.checkin_at < ?) AS visited,
               EXISTS (SELECT 1 FROM visits v WHERE v.shop_id = s.id AND v.deleted = 0
                        AND v.planned_date = ?) AS planned
        FROM shops s
        WHERE s.deleted = 0 AND s.latitude IS NOT NULL AND s.longitude IS NOT NULL
          AND {where}
        ORDER BY s.id
        """,
        [start, end, day.isoformat(), *params],
    )
    due: set[str] = set()
    overdue: set[str] = set()
    if rep_id is not None:
        due = {d.shop_id for d in plan.due_shops(store, rep_id, day)}
        overdue = {
            d.shop_id for d in plan.due_shops(store, rep_id, day, route_only=False) if d.overdue
        }
    out = []
    for r in rows:
        if r["visited"]:
            state = "visited"
        elif r["planned"]:
            state = "planned"
        elif r["id"] in due:
            state = "due"
        elif r["id"] in overdue:
            state = "overdue"
        else:
            state = "other"
        out.append(Pin(r["id"], r["name"], float(r["latitude"]), float(r["longitude"]), state))
    return out
