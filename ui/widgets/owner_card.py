"""A shop owner's card: name, relationship level (stars), mobile, WeChat, birthday and
what they care about; a note instead when the shop has no owner recorded. "Erase this
person…" asks first, then says so by ``erase_confirmed`` (the page erases); an erased
owner's card says they were erased.

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from fieldapp.store.views_shops import OwnerInfo
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..pages.shops import iso_date, stars


def _value(name: str) -> QLabel:
    value = QLabel()
    value.setObjectName(name)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return value


class OwnerCard(QGroupBox):
    """The owner of one shop, read-only (edited through the shop dialog)."""

    #: The person agreed to erase this owner's personal data (the owner's id).
    erase_confirmed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownerCard")
        owner_form = QFormLayout(self)
        owner_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.owner_name = QLabel()
        self.owner_name.setObjectName("ownerName")
        theme.set_role(self.owner_name, "title")
        self.owner_level = QLabel()
        self.owner_level.setObjectName("ownerLevel")
        theme.set_role(self.owner_level, "stars")
        name_row = QHBoxLayout()
        name_row.addWidget(self.owner_name)
        name_row.addWidget(self.owner_level)
        name_row.addStretch(1)
        self.owner_mobile = _value("ownerMobile")
        self.owner_wechat = _value("ownerWechat")
        self.owner_birthday = _value("ownerBirthday")
        self.owner_cares = _value("ownerCares")
        self.owner_cares.setWordWrap(True)
        self.no_owner = QLabel()
        self.no_owner.setObjectName("noOwner")
        self.no_owner.setWordWrap(True)
        self.erase_button = QPushButton()
        self.erase_button.setObjectName("eraseOwner")
        theme.set_role(self.erase_button, "danger")
        self.erase_button.clicked.connect(self.ask_erase)
        self.erased_note = QLabel()
        self.erased_note.setObjectName("erasedOwnerNote")
        self.erased_note.setWordWrap(True)
        theme.set_role(self.erased_note, "warning")
        self._owner: OwnerInfo | None = None
        self._captions: list[tuple[QLabel, str]] = []
        owner_form.addRow(name_row)
        for caption_source, widget in (
            (QT_TRANSLATE_NOOP("ShopPage", "Mobile"), self.owner_mobile),
            (QT_TRANSLATE_NOOP("ShopPage", "WeChat"), self.owner_wechat),
            (QT_TRANSLATE_NOOP("ShopPage", "Birthday"), self.owner_birthday),
            (QT_TRANSLATE_NOOP("ShopPage", "Cares about"), self.owner_cares),
        ):
            caption = QLabel()
            self._captions.append((caption, caption_source))
            owner_form.addRow(caption, widget)
        owner_form.addRow(self.no_owner)
        owner_form.addRow(self.erased_note)
        erase_row = QHBoxLayout()
        erase_row.addWidget(self.erase_button)
        erase_row.addStretch(1)
        owner_form.addRow(erase_row)

    def show_owner(self, owner: OwnerInfo | None) -> None:
        self._owner = owner
        has_owner = owner is not None
        self.erase_button.setVisible(owner is not None and not owner.erased)
        self.erased_note.setVisible(owner is not None and owner.erased)
        for widget in (self.owner_mobile, self.owner_wechat, self.owner_birthday, self.owner_cares):
            widget.setVisible(has_owner)
        for caption, _source in self._captions:
            caption.setVisible(has_owner)
        self.owner_level.setVisible(has_owner)
        self.no_owner.setVisible(not has_owner)
        if owner is not None:
            self.owner_name.setText(owner.name)
            self.owner_level.setText(stars(owner.level))
            self.owner_level.setToolTip(str(owner.level))
            self.owner_mobile.setText(owner.mobile or "—")
            self.owner_wechat.setText(owner.wechat or "—")
            self.owner_birthday.setText(iso_date(owner.birthday))
            self.owner_cares.setText(owner.cares_about or "—")
        else:
            self.owner_name.setText("")

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("ShopPage", "Owner"))
        for caption, source in self._captions:
            caption.setText(QCoreApplication.translate("ShopPage", source))
        self.no_owner.setText(
            QCoreApplication.translate("ShopPage", "No owner recorded yet. Add one with Edit shop.")
        )
        self.erase_button.setText(QCoreApplication.translate("ShopPage", "Erase this person…"))
        self.erased_note.setText(
            QCoreApplication.translate(
                "ShopPage",
                "This owner's personal data was erased at their request (name, mobile, WeChat,"
                " birthday, what they care about, notes about them). It cannot be entered again.",
            )
        )

    def ask_erase(self) -> None:
        """Confirm, then ask the page to erase this owner's personal data (PIPL)."""
        owner = self._owner
        if owner is None or owner.erased:
            return
        answer = QMessageBox.warning(
            self,
            QCoreApplication.translate("ShopPage", "Erase this person"),
            QCoreApplication.translate(
                "ShopPage",
                "Erase the personal data of the owner %1? Name, mobile, WeChat, birthday,"
                " what they care about and every note about them (the owner's, the"
                " interactions', the invitations') are removed here now and from head office"
                " and every colleague's laptop at the next sync. This cannot be undone. The"
                " shop, the relationship level and the interaction log (dates and kinds) stay.",
            ).replace("%1", owner.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.erase_confirmed.emit(owner.id)
