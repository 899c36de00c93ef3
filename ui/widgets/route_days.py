"""A shop's route days: one toggle per weekday (Monday first), the value the model's
ISO weekday digits ("135" = Monday, Wednesday, Friday; None: no route day).
``changed`` when the person toggles a day.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget


class RouteDaysEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.buttons: list[QToolButton] = []
        for day in range(1, 8):
            button = QToolButton()
            button.setObjectName(f"routeDay{day}")
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False: self.changed.emit())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        self._texts()

    def value(self) -> str | None:
        days = "".join(str(i) for i, b in enumerate(self.buttons, start=1) if b.isChecked())
        return days or None

    def setValue(self, value: object) -> None:
        text = "" if value is None else str(value)
        for i, button in enumerate(self.buttons, start=1):
            button.setChecked(str(i) in text)

    def _texts(self) -> None:
        locale = QLocale()
        for i, button in enumerate(self.buttons, start=1):
            button.setText(locale.standaloneDayName(i, QLocale.FormatType.ShortFormat))
            button.setToolTip(locale.standaloneDayName(i, QLocale.FormatType.LongFormat))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.LocaleChange):
            self._texts()
        super().changeEvent(event)
