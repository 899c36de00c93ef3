"""The KOC page's dialogs: link the KOC to a shop, add or edit a community group.

Threading: UI thread; each save is one small indexed write.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import (
    CommunityGroup,
    GroupKind,
    Koc,
    KocShop,
)
from fieldapp.validation import check_form
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..forms import Form
from .kocs import (
    MUTED_STYLE,
    error_label,
    first_error,
    show_error,
)


class LinkShopDialog(QDialog):
    """Link the KOC to another shop: find the shop, who introduced them, when."""

    saved = Signal()

    def __init__(
        self, ctx: AppContext, koc: Koc, *, linked: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.koc = koc
        self.linked = linked
        self.setObjectName("linkShopDialog")
        self.setMinimumSize(460, 480)
        self.search = QLineEdit()
        self.search.setObjectName("shopSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_later.start())
        self.results = QListWidget()
        self.results.setObjectName("shopResults")
        self.results.currentItemChanged.connect(lambda *_: self._shop_chosen())
        self.shop_error = error_label("shop_id")
        self.owner = QComboBox()
        self.owner.setObjectName("introduced_by_owner_id")
        self.owner_label = QLabel()
        self.form = Form(KocShop, "LinkShopDialog", base=self._base)
        form_layout = self.form.layout()
        assert isinstance(form_layout, QFormLayout)
        form_layout.addRow(self.owner_label, self.owner)
        self.form.add_date("introduced_at", QT_TRANSLATE_NOOP("LinkShopDialog", "Introduced on"))
        self.form.add_line("note", QT_TRANSLATE_NOOP("LinkShopDialog", "Note"))
        self.form.set_values({"introduced_at": ctx.today()})
        self.form.edited.connect(lambda _n: self._update_ok())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("linkShopOk")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setStyleSheet(MUTED_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.shop_error)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self._search_later: QTimer = QTimer(self)
        self._search_later.setSingleShot(True)
        self._search_later.setInterval(150)
        self._search_later.timeout.connect(self.find_shops)
        self.retranslate()
        self.find_shops()
        self.search.setFocus()

    def find_shops(self) -> None:
        """List matching shops (the KOC's county when nothing is typed), minus linked ones."""
        self._search_later.stop()
        text = self.search.text().strip()
        store = self.ctx.store
        if text:
            found = [(h.id, h.title, h.subtitle) for h in store.search.shops(text, limit=50)]
        else:
            shops = store.shops.list(where={"county_id": self.koc.county_id}, limit=500)
            shops.sort(key=lambda s: s.name)
            found = [(s.id, s.name, s.address or "") for s in shops[:50]]
        self.results.clear()
        for shop_id, title, subtitle in found:
            if shop_id in self.linked:
                continue
            item = QListWidgetItem(f"{title}   {subtitle}".strip())
            item.setData(Qt.ItemDataRole.UserRole, shop_id)
            self.results.addItem(item)
        self._shop_chosen()

    def shop_id(self) -> str | None:
        item = self.results.currentItem()
        if item is None:
            return None
        shop_id: str = item.data(Qt.ItemDataRole.UserRole)
        return shop_id

    def _shop_chosen(self) -> None:
        self.owner.clear()
        self.owner.addItem(self.tr("— not recorded"), None)
        shop_id = self.shop_id()
        if shop_id is not None:
            for owner in self.ctx.store.owners.list(where={"shop_id": shop_id}, order_by="name"):
                self.owner.addItem(owner.name, owner.id)
            if self.owner.count() == 2:
                self.owner.setCurrentIndex(1)  # the shop's only owner is the usual introducer
        show_error(self.shop_error, None)
        self._update_ok()

    def _base(self) -> dict[str, Any]:
        return {"koc_id": self.koc.id, "shop_id": self.shop_id() or ""}

    def values(self) -> dict[str, Any]:
        return {
            **self._base(),
            **self.form.values(),
            "introduced_by_owner_id": self.owner.currentData(),
        }

    def _update_ok(self) -> None:
        self.ok.setEnabled(self.shop_id() is not None and not check_form(KocShop, self.values()))

    def save(self) -> None:
        if self.form.check() or self.shop_id() is None:
            self._update_ok()
            return
        try:
            self.ctx.store.koc_shops.create(**self.values())
        except ValidationError as exc:
            show_error(self.shop_error, first_error(exc.errors, "shop_id"))
            self.form.show_errors(exc.errors)
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.accept()
        self.saved.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Link %1 to a shop").replace("%1", self.koc.name))
        self.search.setPlaceholderText(self.tr("Find a shop: name, pinyin, initials, code"))
        self.hint.setText(self.tr("Shops already linked are not listed."))
        self.owner_label.setText(self.tr("Introduced by"))
        if self.owner.count():
            self.owner.setItemText(0, self.tr("— not recorded"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class GroupDialog(QDialog):
    """Add or edit a community group the KOC runs: kind, name, rough size, notes."""

    saved = Signal()

    def __init__(
        self,
        ctx: AppContext,
        koc: Koc,
        group: CommunityGroup | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.koc = koc
        self.group = group
        self.setObjectName("groupDialog")
        self.setMinimumWidth(400)
        self.form = Form(CommunityGroup, "GroupDialog")
        self.form.add_choice("kind", QT_TRANSLATE_NOOP("GroupDialog", "Kind"), GroupKind)
        self.form.add_line("name", QT_TRANSLATE_NOOP("GroupDialog", "Group name"))
        self.form.add_int(
            "size",
            QT_TRANSLATE_NOOP("GroupDialog", "Members (about)"),
            minimum=1,
            maximum=100000,
            optional=True,
        )
        self.form.add_text("notes", QT_TRANSLATE_NOOP("GroupDialog", "Notes"), lines=2)
        if group is not None:
            self.form.set_values(group.model_dump())
        self.form.edited.connect(lambda _n: self._update_ok())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("groupOk")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok.setEnabled(not check_form(CommunityGroup, self.form.values()))

    def save(self) -> None:
        if self.form.check():
            self._update_ok()
            return
        groups = self.ctx.store.community_groups
        try:
            if self.group is None:
                groups.create(
                    **self.form.values(), admin_koc_id=self.koc.id, county_id=self.koc.county_id
                )
            else:
                groups.update(self.group.id, **self.form.values())
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.accept()
        self.saved.emit()

    def retranslate(self) -> None:
        if self.group is None:
            self.setWindowTitle(self.tr("New community group"))
        else:
            self.setWindowTitle(self.tr("Edit community group"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _yes(answer: QMessageBox.StandardButton) -> bool:
    return answer == QMessageBox.StandardButton.Yes


def confirm_erase(parent: QWidget, name: str) -> bool:
    """Ask before erasing a KOC's personal data (China's PIPL); True for yes."""
    return _yes(
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("KocPage", "Erase this person"),
            QCoreApplication.translate(
                "KocPage",
                "Erase %1's personal data? Name, mobile, WeChat, notes and the consent record"
                " are removed here now and from head office and every colleague's laptop at the"
                " next sync. This cannot be undone. Their stage, traits and shop links stay so"
                " that the counts stay right.",
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
    )


def confirm_remove(parent: QWidget, table: str, item: Any) -> bool:
    """Ask before unlinking a shop (``koc_shops``) or deleting a group; True for yes."""
    if table == "koc_shops":
        title = QCoreApplication.translate("KocPage", "Unlink shop")
        text = QCoreApplication.translate(
            "KocPage", "Unlink %1 from this KOC? The shop itself stays."
        ).replace("%1", item.shop)
    else:
        title = QCoreApplication.translate("KocPage", "Delete group")
        text = QCoreApplication.translate("KocPage", "Delete the group %1?").replace(
            "%1", item.name
        )
    return _yes(
        QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
    )
