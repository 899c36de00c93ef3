"""The value rules every stored text, date and datetime obeys: ONE definition, three callers.

The device's model (``fieldapp.model``) runs them on every write and import, head office
(``sync/server/service/rules.py``'s ``check_value`` and the mutation metadata check)
runs them on every pushed value, and the device's replica runs :func:`unreadable` on every
pulled row, so what one side accepts the other can always read. They live here, in pure
``fieldapp``, because ``fieldapp`` may not import ``sync`` while ``sync`` may import pure
``fieldapp`` modules (pyproject.toml's import contracts).

- **Text** holds no C0 control character but tab, line feed and carriage return (a
  Windows line break), and no lone surrogate: PostgreSQL cannot store NUL in text, and
  neither database can encode a surrogate (code ``invalid_character``).
- **A datetime** is ISO 8601 with a ``T``, whole or fractional seconds and an offset
  (``Z`` or ``±HH:MM``); no naive time, so naive and aware never mix. Its UTC moment lies
  in :data:`FIRST_MOMENT` .. :data:`LAST_MOMENT`. It is stored in one form,
  :func:`normalize_datetime` (UTC, whole seconds, ``+00:00``).
- **A date** is exactly ``YYYY-MM-DD`` (ASCII digits) in :data:`FIRST_DAY` .. :data:`LAST_DAY`.

Each check returns an error code (``invalid_character``, ``invalid_date``,
``invalid_datetime``, ``out_of_range``) or None. Thread-agnostic: pure functions.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

#: Codes these rules answer with (the UI and ``ui/labels.py`` have words for each).
INVALID_CHARACTER = "invalid_character"
INVALID_DATE = "invalid_date"
INVALID_DATETIME = "invalid_datetime"
OUT_OF_RANGE = "out_of_range"

#: 1970, not later: a laptop whose clock battery died wakes up in 1970 or 2000, and its
#: writes (stamped with that clock) must still save and sync.
FIRST_MOMENT = datetime(1970, 1, 1, tzinfo=UTC)
LAST_MOMENT = datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC)
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)

# C0 controls but \t \n \r, and the surrogate range (only lone ones reach a Python str).
BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})",
    re.ASCII,
)


def text_problem(value: str) -> str | None:
    """``invalid_character`` when ``value`` holds a character no store may keep."""
    return INVALID_CHARACTER if BAD_CHARACTER.search(value) else None


def parse_date(value: str) -> date:
    """``value`` as a date, or ValueError whose text is the code."""
    if not _DATE.fullmatch(value):
        raise ValueError(INVALID_DATE)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(INVALID_DATE) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(OUT_OF_RANGE)
    return day


def check_day(day: date) -> date:
    """``day`` itself when in range, else ValueError(``out_of_range``)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(OUT_OF_RANGE)
    return day


def parse_datetime(value: str) -> datetime:
    """``value`` as an aware UTC datetime to the second, or ValueError whose text is the code."""
    if not _DATETIME.fullmatch(value):
        raise ValueError(INVALID_DATETIME)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(INVALID_DATETIME) from None
    return check_moment(parsed)


def check_moment(moment: datetime) -> datetime:
    """An aware ``moment`` as UTC to the second when in range; ValueError(code) otherwise.

    A naive one is refused (``invalid_datetime``): its instant is unknown.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(INVALID_DATETIME)
    # Compare before converting: 0001-01-01T00:00:00+14:00 has no UTC year (year 0).
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(OUT_OF_RANGE) from None
    if not FIRST_MOMENT <= utc <= LAST_MOMENT:
        raise ValueError(OUT_OF_RANGE)
    return utc.replace(microsecond=0)


def normalize_datetime(value: str) -> str:
    """The stored form of a valid datetime text: UTC, whole seconds, ``+00:00``."""
    return parse_datetime(value).isoformat(timespec="seconds")


def date_problem(value: str) -> str | None:
    """The code for a date text that breaks the rule, or None."""
    try:
        parse_date(value)
    except ValueError as exc:
        return str(exc)
    return None


def datetime_problem(value: str) -> str | None:
    """The code for a datetime text that breaks the rule, or None."""
    try:
        parse_datetime(value)
    except ValueError as exc:
        return str(exc)
    return None


def value_problem(kind: str, value: Any) -> str | None:
    """The code for a stored value of ``kind`` (``text``, ``date``, ``datetime``; other
    kinds pass) that a reader could not read; None when fine or null."""
    if not isinstance(value, str):
        return (
            None
            if value is None or kind not in ("date", "datetime")
            else (INVALID_DATE if kind == "date" else INVALID_DATETIME)
        )
    if kind == "date":
        return date_problem(value)
    if kind == "datetime":
        return datetime_problem(value)
    return text_problem(value)


def day_of(value: Any) -> date | None:
    """The day a stored date (or the date part of a time) names, else None: a
    ``date``, or text starting ``YYYY-MM-DD``. The period rules of prices, promotions,
    display agreements and campaigns read their days with it."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def period_problem(row: Any) -> tuple[str, str] | None:
    """``("ends_on", "end_before_start")`` when ``row``'s period ends before it starts."""
    start, end = day_of(row.get("starts_on")), day_of(row.get("ends_on"))
    if start is not None and end is not None and end < start:
        return "ends_on", "end_before_start"
    return None
