"""Where the rep's day route starts (home or office): latitude and longitude, WGS-84 as a
phone's GPS gives them (``fieldapp.store.plan.set_start``, a setting of this data file).
Empty: the route starts at its first stop. Saved with the button; a number it cannot
take is named, nothing written.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from fieldapp.errors import ValidationError
from fieldapp.store import plan

from .. import theme
from ..context import AppContext
from ..labels import field_error_text


class RouteStart(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routeStartBox")
        self.ctx = ctx
        self.latitude = QLineEdit()
        self.latitude.setObjectName("startLatitude")
        self.longitude = QLineEdit()
        self.longitude.setObjectName("startLongitude")
        for edit in (self.latitude, self.longitude):
            edit.setMaximumWidth(140)
            edit.returnPressed.connect(self.save)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveRouteStart")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("routeStartError")
        theme.set_role(self.message, "error")
        self.message.hide()
        self.hint = QLabel()
        theme.set_role(self.hint, "muted")
        row = QHBoxLayout(self)
        self.lat_label, self.lon_label = QLabel(), QLabel()
        for w in (self.lat_label, self.latitude, self.lon_label, self.longitude, self.save_button):
            row.addWidget(w)
        row.addWidget(self.message)
        row.addWidget(self.hint, 1)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        start = plan.start_point(self.ctx.store)
        self.latitude.setText("" if start is None else f"{start[0]:.6f}")
        self.longitude.setText("" if start is None else f"{start[1]:.6f}")

    def save(self) -> bool:
        texts = (self.latitude.text().strip(), self.longitude.text().strip())
        try:
            if not any(texts):
                self.ctx.store.set_setting(plan.START_KEY, None)
            else:
                try:
                    lat, lon = float(texts[0]), float(texts[1])
                except ValueError:
                    raise ValidationError.single("latitude", "not_a_number") from None
                plan.set_start(self.ctx.store, lat, lon)
        except ValidationError as exc:
            self.message.setText(field_error_text(exc.errors[0]))
            self.message.show()
            return False
        self.message.hide()
        self.ctx.notify("settings")
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("Where the day's route starts (home or office)"))
        self.lat_label.setText(self.tr("Latitude"))
        self.lon_label.setText(self.tr("Longitude"))
        self.latitude.setPlaceholderText(self.tr("e.g. 34.7466"))
        self.longitude.setPlaceholderText(self.tr("e.g. 113.6253"))
        self.save_button.setText(self.tr("Save"))
        self.hint.setText(self.tr("GPS (WGS-84). Empty: from the first stop."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
