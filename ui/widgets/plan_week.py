"""The coming days at a glance: one button per day with its planned stops, the shops
due on that day's route and the events; the chosen day is checked.
``day_chosen(date)`` when a day is clicked.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from fieldapp.store.plan import WeekDay

STYLE = (
    "QToolButton { border: 1px solid #c9d3dd; border-radius: 4px; padding: 4px 6px;"
    " background: #f7f9fb; text-align: left; }"
    "QToolButton:checked { background: #dcebfa; border: 2px solid #2f6fb0; }"
    "QToolButton:focus { border: 2px solid #e08a00; }"
)


class PlanWeek(QWidget):
    day_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, days: int = 7) -> None:
        super().__init__(parent)
        self.setObjectName("planWeek")
        self.setStyleSheet(STYLE)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: list[QToolButton] = []
        self.days: list[WeekDay] = []
        self._today: date | None = None
        for _ in range(days):
            self._add_button()

    def _add_button(self) -> None:
        button = QToolButton()
        button.setObjectName(f"planDay{len(self.buttons)}")
        button.setCheckable(True)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        i = len(self.buttons)
        button.clicked.connect(lambda _c=False, i=i: self._clicked(i))
        self._group.addButton(button)
        self._row.addWidget(button)
        self.buttons.append(button)

    def show_week(self, days: Sequence[WeekDay], chosen: date, today: date) -> None:
        self.days, self._today = list(days), today
        while len(self.buttons) < len(self.days):
            self._add_button()
        for i, button in enumerate(self.buttons):
            button.setVisible(i < len(self.days))
        self._texts()
        for button, day in zip(self.buttons, self.days, strict=False):
            button.setChecked(day.day == chosen)

    def _clicked(self, i: int) -> None:
        if i < len(self.days):
            self.day_chosen.emit(self.days[i].day)

    def _texts(self) -> None:
        locale = QLocale()
        for button, day in zip(self.buttons, self.days, strict=False):
            qd = QDate(day.day.year, day.day.month, day.day.day)
            head = locale.toString(qd, "ddd M/d")
            if day.day == self._today:
                head = self.tr("Today") + " · " + head
            counts = (
                self.tr("%1 planned · %2 due")
                .replace("%1", str(day.planned))
                .replace("%2", str(day.due))
            )
            events = (
                ""
                if not day.events
                else self.tr("1 event")
                if day.events == 1
                else self.tr("%1 events").replace("%1", str(day.events))
            )
            button.setText("\n".join(x for x in (head, counts, events) if x))
            button.setToolTip(self.tr("Stops planned, shops due on this day's route, events."))

    def retranslate(self) -> None:
        self._texts()
