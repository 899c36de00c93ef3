"""The shop page's SKU history tab (issue 16): the shop's shelf-audit lines, latest
visit first, with 乱价 marked against the configured share.
Threading: UI thread; ``load`` reads at most 500 lines by an index.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from fieldapp.shelf import is_price_disorder
from fieldapp.store.db import Sql
from fieldapp.store.shelf import SkuHistoryLine, sku_history

from .numbers import format_number


class ShopSkuHistory(QTableWidget):
    """One row per audit line of the shop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.setObjectName("skuHistory")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.lines: list[SkuHistoryLine] = []
        self.share = 0.15
        self.retranslate()

    def load(self, db: Sql, *, shop_id: str, share: float) -> None:
        self.lines = sku_history(db, shop_id=shop_id)
        self.share = share
        self._fill()

    def title(self) -> str:
        return self.tr("Shelf (%1)").replace("%1", str(len(self.lines)))

    def _fill(self) -> None:
        yes, no = self.tr("Yes"), self.tr("No")
        self.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            disorder = is_price_disorder(line.shelf_price, line.list_price, self.share)
            price = "" if line.shelf_price is None else format_number(line.shelf_price, 2)
            if disorder:
                price = self.tr("%1 (price disorder)").replace("%1", price)
            cells = (
                line.day,
                line.product,
                yes if line.in_distribution else no,
                yes if line.out_of_stock else no,
                "" if line.facings is None else str(line.facings),
                price,
                "" if line.list_price is None else format_number(line.list_price, 2),
            )
            for c, text in enumerate(cells):
                self.setItem(r, c, QTableWidgetItem(text))

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ShopSkuHistory", "Day"),
                QCoreApplication.translate("ShopSkuHistory", "SKU"),
                QCoreApplication.translate("ShopSkuHistory", "Carried"),
                QCoreApplication.translate("ShopSkuHistory", "Out of stock"),
                QCoreApplication.translate("ShopSkuHistory", "Facings"),
                QCoreApplication.translate("ShopSkuHistory", "Shelf price"),
                QCoreApplication.translate("ShopSkuHistory", "List price"),
            ]
        )
        self._fill()
