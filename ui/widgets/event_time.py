"""Event times and colours as people see them: Beijing time, the current language's
month and weekday names, one colour per event kind (grey when cancelled).

Threading: any thread (pure functions over Qt value types).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QColor

from fieldapp.model import BUSINESS_UTC_OFFSET, EventKind, EventStatus
from fieldapp.store import views_events as ve

from .. import theme
from ..labels import label
from ..qt_dates import q_date, q_datetime

KIND_COLORS: dict[str, QColor] = {
    EventKind.TASTING: QColor(theme.KINDS["tasting"]),
    EventKind.SCENE: QColor(theme.KINDS["scene"]),
    EventKind.BANQUET: QColor(theme.KINDS["banquet"]),
}
CANCELLED_COLOR = QColor(theme.KIND_CANCELLED)


def to_local(value: datetime) -> datetime:
    """A stored (UTC) time as naive Beijing time, for showing."""
    return value.astimezone(UTC).replace(tzinfo=None) + BUSINESS_UTC_OFFSET


def local_to_utc(value: datetime) -> datetime:
    """A naive Beijing time as an aware UTC time, for storing and querying."""
    return (value - BUSINESS_UTC_OFFSET).replace(tzinfo=UTC)


def day_start(day: date) -> datetime:
    """UTC instant of Beijing midnight starting ``day``."""
    return local_to_utc(datetime.combine(day, time()))


def local_fmt(value: datetime | date, pattern: str) -> str:
    """Format with the current language's month and weekday names (QLocale default)."""
    if isinstance(value, datetime):
        return QLocale().toString(q_datetime(value), pattern)
    return QLocale().toString(q_date(value), pattern)


def fmt_span(start: datetime, end: datetime) -> str:
    """``2026-11-28 Sat 18:00–21:00`` in Beijing time (the end date too if another day)."""
    a, b = to_local(start), to_local(end)
    tail = local_fmt(b, "HH:mm") if a.date() == b.date() else local_fmt(b, "MM-dd HH:mm")
    return local_fmt(a, "yyyy-MM-dd ddd HH:mm") + "–" + tail


def fmt_when(value: Any) -> str:
    if isinstance(value, tuple) and len(value) == 2:
        return fmt_span(value[0], value[1])
    return ""


def fmt_count(value: Any) -> str:
    return "" if value is None else str(value)


def kind_color(kind: str, status: str = "") -> QColor:
    if status == EventStatus.CANCELLED:
        return CANCELLED_COLOR
    return KIND_COLORS.get(kind, QColor(theme.KIND_OTHER))


def tooltip_of(e: ve.EventRow) -> str:
    parts = [
        e.title,
        fmt_span(e.starts_at, e.ends_at),
        label(e.kind) + " · " + label(e.status),
    ]
    if e.venue:
        parts.append(e.venue)
    parts.append(
        QCoreApplication.translate("CalendarView", "Invited %1 · confirmed %2 · attended %3")
        .replace("%1", str(e.invited))
        .replace("%2", str(e.confirmed))
        .replace("%3", str(e.attended))
    )
    return "\n".join(parts)
