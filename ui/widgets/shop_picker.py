"""Which shop is this visit at: a search box over the shops and a result list.

``picked(shop_id)`` when the rep presses Enter or clicks a shop.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .. import theme
from ..context import AppContext
from .visit_bits import Keys


class ShopPicker(QWidget):
    picked = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("shopPicker")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.title = QLabel()
        self.title.setObjectName("pickerTitle")
        theme.set_role(self.title, "heading")
        self.search = QLineEdit()
        self.search.setObjectName("shopSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(520)
        self.results = QListWidget()
        self.results.setObjectName("shopResults")
        self.results.setMaximumWidth(520)
        self.results.setStyleSheet("QListWidget#shopResults::item { padding: 4px 2px; }")
        self.hint = QLabel()
        self.hint.setObjectName("pickerHint")
        theme.set_role(self.hint, "muted")
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self._pick_first)
        Keys(self.search, [Qt.Key.Key_Down], self._into_results)
        self.results.itemActivated.connect(self._pick_item)
        self.results.itemClicked.connect(self._pick_item)

    def reset(self) -> None:
        self.search.clear()
        self.results.clear()
        self.search.setFocus()

    def _search(self, text: str) -> None:
        self.results.clear()
        for hit in self.ctx.store.search.shops(text, limit=30):
            item = QListWidgetItem(hit.title + ("  ·  " + hit.subtitle if hit.subtitle else ""))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _into_results(self) -> None:
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(min(1, self.results.count() - 1))

    def _pick_first(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._pick_item(item)

    def _pick_item(self, item: QListWidgetItem) -> None:
        self.picked.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Which shop are you visiting?"))
        self.search.setPlaceholderText(self.tr("Shop name, pinyin, initials or code"))
        self.hint.setText(
            self.tr(
                "Type to search, then press Enter or click the shop to start the visit.",
            )
        )
