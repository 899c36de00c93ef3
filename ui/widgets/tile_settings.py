"""Settings: the map's tile server (URL template with {z} {x} {y}, optionally {key} and
{s}), its key, and the datum its tiles are drawn in (WGS-84, or GCJ-02 for the common
Chinese providers: AMap/Gaode, Tencent). Saved with the button; a template that cannot
name a tile is refused with a message, nothing written.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from fieldapp.errors import ValidationError
from fieldapp.tiles import TileSource

from .. import theme
from ..context import AppContext
from ..labels import field_error_text
from ..map_tiles import TILE_DATUM, TILE_KEY, TILE_URL


class TileSettings(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tileSettings")
        self.ctx = ctx
        self.url = QLineEdit()
        self.url.setObjectName("tileUrl")
        self.key = QLineEdit()
        self.key.setObjectName("tileKey")
        self.key.setMaximumWidth(160)
        self.key.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.datum = QComboBox()
        self.datum.setObjectName("tileDatum")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveTiles")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("tileError")
        theme.set_role(self.message, "error")
        self.message.hide()
        self.url_label, self.key_label = QLabel(), QLabel()
        row = QHBoxLayout(self)
        for w in (self.url_label, self.url, self.key_label, self.key, self.datum, self.save_button):
            row.addWidget(w)
        row.setStretch(1, 1)
        row.addWidget(self.message)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        get = self.ctx.store.get_setting
        self.url.setText(str(get(TILE_URL) or ""))
        self.key.setText(str(get(TILE_KEY) or ""))
        self.datum.setCurrentIndex(max(0, self.datum.findData(get(TILE_DATUM) or "wgs84")))

    def save(self) -> bool:
        url, datum = self.url.text().strip(), str(self.datum.currentData())
        try:
            if url:
                TileSource.check(url, datum)
        except ValidationError as exc:
            self.message.setText(field_error_text(exc.errors[0]))
            self.message.show()
            return False
        store = self.ctx.store
        store.set_setting(TILE_URL, url or None)
        store.set_setting(TILE_KEY, self.key.text().strip() or None)
        store.set_setting(TILE_DATUM, datum)
        self.message.hide()
        self.ctx.notify("settings")
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("Map tiles"))
        self.url_label.setText(self.tr("Server"))
        self.url.setPlaceholderText(self.tr("https://…/{z}/{x}/{y}.png?key={key}"))
        self.key_label.setText(self.tr("Key"))
        current = self.datum.currentData()
        self.datum.clear()
        self.datum.addItem(self.tr("WGS-84 (GPS, OpenStreetMap)"), "wgs84")
        self.datum.addItem(self.tr("GCJ-02 (AMap, Tencent)"), "gcj02")
        self.datum.setCurrentIndex(max(0, self.datum.findData(current or "wgs84")))
        self.save_button.setText(self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
