"""Every time shown to a person is Beijing time: one place turns stored times into words.

Stored times are UTC (aware, or naive meaning UTC); reps work in China, whatever the
laptop's own time zone says, so nothing shown is read from the system clock's zone:
"now" is the store's clock (``Store.now()``, UTC), turned into Beijing time here.
Threading: pure functions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from fieldapp.kinds import BUSINESS_UTC_OFFSET


def beijing(value: datetime) -> datetime:
    """The Beijing wall-clock time (naive) of a stored time."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value + BUSINESS_UTC_OFFSET


def time_text(value: datetime | None, *, seconds: bool = False) -> str:
    """ "09:52" (or "09:52:11") in Beijing time; "" for None."""
    if value is None:
        return ""
    return beijing(value).strftime("%H:%M:%S" if seconds else "%H:%M")


def datetime_text(value: datetime | None, *, today: date | None = None) -> str:
    """ "2026-11-24 09:52" in Beijing time ("09:52" alone when it is ``today``)."""
    if value is None:
        return ""
    local = beijing(value)
    if today is not None and local.date() == today:
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


__all__ = ["beijing", "datetime_text", "time_text"]
