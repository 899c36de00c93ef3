"""A shop's assortment editor (issue 16): every product with a check box, checked when the
shop should carry it. The team's rules for the shop's channel and tier give the default
(marked "by rule"); a change is the shop's own (``fieldapp.store.shelf.set_listed``) and
is saved at once. Space toggles the current row, as in any list.
Threading: UI thread (a few dozen products).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from fieldapp.errors import FieldappError
from fieldapp.store.shelf import assortment_choices, set_listed

from ..context import AppContext

_PRODUCT = Qt.ItemDataRole.UserRole + 1
_RULED = Qt.ItemDataRole.UserRole + 2


class ShopAssortment(QWidget):
    """The SKUs one shop should carry; ``changed`` after each saved change."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shopAssortment")
        self.ctx = ctx
        self.shop_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.hint = QLabel()
        self.hint.setObjectName("assortmentHint")
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("assortmentList")
        self.list.itemChanged.connect(self._toggled)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self._loading = False
        self.retranslate()

    def load(self, *, shop_id: str, editable: bool = True) -> None:
        self.shop_id = shop_id
        self._loading = True
        try:
            current = self.list.currentRow()
            self.list.clear()
            for choice in assortment_choices(self.ctx.store.db, shop_id=shop_id):
                item = QListWidgetItem()
                item.setData(_PRODUCT, choice.product_id)
                item.setData(_RULED, choice.by_rule)
                item.setData(Qt.ItemDataRole.UserRole, (choice.name, choice.category))
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if editable:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                state = Qt.CheckState.Checked if choice.listed else Qt.CheckState.Unchecked
                item.setCheckState(state)
                self.list.addItem(item)
            self._label_items()
            if 0 <= current < self.list.count():
                self.list.setCurrentRow(current)
        finally:
            self._loading = False

    def count_listed(self) -> int:
        return sum(
            self.list.item(i).checkState() == Qt.CheckState.Checked
            for i in range(self.list.count())
        )

    def _toggled(self, item: QListWidgetItem) -> None:
        if self._loading or self.shop_id is None:
            return
        listed = item.checkState() == Qt.CheckState.Checked
        try:
            set_listed(
                self.ctx.store,
                shop_id=self.shop_id,
                product_id=str(item.data(_PRODUCT)),
                listed=listed,
            )
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            self.load(shop_id=self.shop_id)
            return
        self.ctx.notify("shop_skus")
        self._label_items()
        self.changed.emit()

    def _label_items(self) -> None:
        self._loading, was = True, self._loading
        try:
            for i in range(self.list.count()):
                item = self.list.item(i)
                name, category = item.data(Qt.ItemDataRole.UserRole)
                text = name if not category else f"{name} · {category}"
                ruled = bool(item.data(_RULED))
                listed = item.checkState() == Qt.CheckState.Checked
                if ruled and listed:
                    text += "  " + self.tr("(by rule)")
                elif ruled:
                    text += "  " + self.tr("(taken off the rule)")
                elif listed:
                    text += "  " + self.tr("(added for this shop)")
                item.setText(text)
        finally:
            self._loading = was

    def title(self) -> str:
        return self.tr("Assortment (%1)").replace("%1", str(self.count_listed()))

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr(
                "The SKUs this shop should carry: the team's rules for its channel and tier,"
                " changed for this shop by ticking or clearing a box (Space)."
            )
        )
        self._label_items()
