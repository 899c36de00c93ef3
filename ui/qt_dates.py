"""Python dates and times as Qt's, typed.

PySide6 converts a ``datetime.datetime`` to ``QDateTime`` and a ``datetime.date`` to
``QDate`` wherever Qt takes one, but its stubs list only Qt's own constructors, so mypy
rejects ``QDateTime(value)``. These two do exactly that conversion, with a type.
Threading: none (pure functions).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime


def q_datetime(value: datetime) -> QDateTime:
    """``value`` as a QDateTime (PySide6's own conversion: a naive time is local time)."""
    converted: QDateTime = QDateTime(value)  # type: ignore[call-overload]  # stub lacks it
    return converted


def q_date(value: date) -> QDate:
    """``value`` as a QDate."""
    converted: QDate = QDate(value)  # type: ignore[call-overload]  # stub lacks it
    return converted
