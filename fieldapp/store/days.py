"""Local days in SQL: stored datetimes are UTC text, days are the rep's (Beijing) days.

Shared by the query modules (metrics, overdue, views_today, views_visits).
Thread-agnostic: pure functions.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

__all__ = ["local_modifier", "utc_bound"]


def local_modifier(utc_offset: timedelta) -> str:
    """SQLite date modifier that moves a UTC datetime into local time (``+28800 seconds``)."""
    return f"{int(utc_offset.total_seconds()):+d} seconds"


def utc_bound(day: date, utc_offset: timedelta) -> str:
    """The UTC text of local midnight starting ``day``, comparable with stored datetimes.

    Stored datetimes look like ``2026-11-24T09:30:00.123000+00:00``; the bound has no
    suffix (``2026-11-24T16:00:00``), so ``stored < bound`` holds exactly for instants
    before it and ``stored >= bound`` for instants at or after it.
    """
    return (datetime.combine(day, time()) - utc_offset).strftime("%Y-%m-%dT%H:%M:%S")
