"""The shop page's header: back link, the shop's name with its code, tier and channel
chips, address, phone and GPS, the cloud-store status (editable in place), and the
"Edit shop" and "Start visit" actions.

The header shows; the page acts: ``edit``, ``visit`` and ``cloud_store_chosen`` say what
was asked for.
Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.model import CloudStore
from fieldapp.store.views_shops import ShopDetail
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import icons, theme
from ..back_link import BackLink
from ..context import AppContext
from ..forms import refill_combo
from ..pages.shops import enum_choices, enum_label
from .chip import Chip
from .record_header import RecordHeader


def _selectable(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ShopHeader(QWidget):
    """Name, chips, where it is and the cloud-store status of one shop."""

    edit = Signal()
    visit = Signal()
    #: The cloud-store status picked in the header (the page writes it).
    cloud_store_chosen = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ShopDetail | None = None
        self.back_button = BackLink(ctx, "shops", QT_TRANSLATE_NOOP("MainWindow", "Shops"))
        self.record = RecordHeader(self.back_button, heading_name="shopName")
        self.record.subtitle.hide()
        self.name_label = self.record.heading
        self.code_label = self.record.add_chip(Chip("shopCode"))
        self.tier_label = self.record.add_chip(Chip("shopTier"))
        self.channel_label = self.record.add_chip(Chip("shopChannel"))
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editShop")
        self.edit_button.clicked.connect(self.edit.emit)
        self.edit_button.setIcon(icons.icon("edit"))
        self.visit_button = QPushButton()
        self.visit_button.setObjectName("startVisit")
        theme.set_role(self.visit_button, "primary")
        self.visit_button.setIcon(icons.icon("visit", theme.ON_ACCENT))
        self.visit_button.setDefault(False)
        self.visit_button.clicked.connect(self.visit.emit)
        self.address_label = _selectable("shopAddress")
        self.phone_label = _selectable("shopPhone")
        self.gps_label = _selectable("shopGps")
        self.cloud_caption = QLabel()
        self.cloud_store = QComboBox()
        self.cloud_store.setObjectName("cloudStore")
        self.cloud_store.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.cloud_store.activated.connect(lambda _i: self.cloud_store_chosen.emit())
        self.cloud_caption.setBuddy(self.cloud_store)
        self.record.add_action(self.edit_button)
        self.record.add_action(self.visit_button)
        for widget in (self.address_label, self.phone_label, self.gps_label):
            self.record.info.addWidget(widget)
        self.record.info.addStretch(1)
        self.record.info.addWidget(self.cloud_caption)
        self.record.info.addWidget(self.cloud_store)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.record)

    def show_shop(self, detail: ShopDetail) -> None:
        self.detail = detail
        self.name_label.setText(detail.name)
        self.code_label.setText(detail.code or "")
        self.code_label.setVisible(bool(detail.code))
        self.address_label.setText(
            " · ".join(x for x in (detail.county, detail.address) if x) or "—"
        )
        self.phone_label.setText("☎ " + (detail.phone or "—"))
        self.cloud_store.setCurrentIndex(max(self.cloud_store.findData(str(detail.cloud_store)), 0))
        self.show_words()

    def show_words(self) -> None:
        """The parts of the shop shown in words of the current language."""
        detail = self.detail
        if detail is None:
            return
        self.tier_label.setText(enum_label(detail.tier))
        self.channel_label.setText(enum_label(detail.channel))
        if detail.latitude is not None and detail.longitude is not None:
            self.gps_label.setText(
                self.tr("GPS %1, %2")
                .replace("%1", f"{detail.latitude:.5f}")
                .replace("%2", f"{detail.longitude:.5f}")
            )
        else:
            self.gps_label.setText(self.tr("No GPS"))

    def retranslate(self) -> None:
        self.edit_button.setText(self.tr("Edit shop"))
        self.visit_button.setText(self.tr("Start visit"))
        self.cloud_caption.setText(self.tr("Cloud store:"))
        refill_combo(self.cloud_store, enum_choices(CloudStore))
        self.show_words()
