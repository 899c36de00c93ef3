"""The cloud-store orders no rule attributes (issue 18), for the rep or the supervisor to
attach by hand: choose an order, find a KOC (name, phone, pinyin) or a community group
(name), attach. A hand attribution comes before every rule (docs/attribution.md) and is
synced as any edit; the list is ``fieldapp.store.loop.unattributed``, read off the UI
thread. An erased person is never offered.
Threading: UI thread; the list is read on a worker (``AppContext.read_later``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from fieldapp.errors import FieldappError
from fieldapp.kinds import BUSINESS_UTC_OFFSET
from fieldapp.store import loop

from .context import AppContext


def _unattributed(db: Any) -> list[tuple[loop.Attribution, str]]:
    """The unattributed orders with their shop's name (run on a worker)."""
    found = loop.unattributed(db)
    names = {
        r[0]: r[1]
        for r in db.execute(
            "SELECT id, name FROM shops WHERE id IN (SELECT shop_id FROM cloud_orders"
            " WHERE deleted = 0 AND koc_id IS NULL AND group_id IS NULL)"
        ).fetchall()
    }
    return [(a, names.get(a.shop_id, "")) for a in found]


class AttributeOrdersDialog(QDialog):
    """Unattributed orders on the left of the choice: order, then KOC or group, Attach."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("attributeOrdersDialog")
        self.resize(900, 560)
        self.orders: list[tuple[loop.Attribution, str]] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("unattributedOrders")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 2)
        row = QHBoxLayout()
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setObjectName("attributeSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._find)
        self.search_label.setBuddy(self.search)
        row.addWidget(self.search_label)
        row.addWidget(self.search, 1)
        layout.addLayout(row)
        self.found = QListWidget()
        self.found.setObjectName("attributeCandidates")
        self.found.itemSelectionChanged.connect(self._update_buttons)
        self.found.itemActivated.connect(lambda _i: self.attach())
        layout.addWidget(self.found, 1)
        self.status = QLabel()
        self.status.setObjectName("attributeStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attributeAttach")
        self.attach_button.clicked.connect(self.attach)
        self.close_button = QPushButton()
        self.close_button.setObjectName("attributeClose")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.retranslate()
        self.reload()

    # ------------------------------------------------------------------ the orders

    def reload(self) -> None:
        self.status.setText(self.tr("Reading the orders…"))

        def show(found: list[tuple[loop.Attribution, str]]) -> None:
            if isValid(self):
                self._show(found)

        self.ctx.read_later(_unattributed, show)

    def _show(self, found: list[tuple[loop.Attribution, str]]) -> None:
        self.orders = found
        self.table.setRowCount(len(found))
        for i, (a, shop) in enumerate(found):
            when = datetime.fromisoformat(a.ordered_at) + BUSINESS_UTC_OFFSET  # Beijing time
            cells = [a.order_no, when.strftime("%Y-%m-%d %H:%M"), shop, f"¥{a.amount:,.2f}"]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.status.setText(
            self.tr("%n orders with neither a KOC nor a group.", "", len(found))
            if found
            else self.tr("Every order is attributed.")
        )
        self._update_buttons()

    def current_order(self) -> loop.Attribution | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.orders):
            return None
        return self.orders[rows[0].row()][0]

    # ------------------------------------------------------------------ KOC or group

    def _find(self, text: str) -> None:
        self.found.clear()
        text = text.strip()
        if not text:
            self._update_buttons()
            return
        store = self.ctx.store
        for hit in store.search.kocs(text, limit=20):
            koc = store.kocs.find(hit.id)
            if koc is None or koc.erased_at is not None:
                continue
            item = QListWidgetItem(self.tr("KOC: %1").replace("%1", hit.title))
            item.setData(Qt.ItemDataRole.UserRole, ("koc", hit.id))
            self.found.addItem(item)
        like = f"%{text}%"
        for gid, name in store.db.execute(
            "SELECT id, name FROM community_groups WHERE deleted = 0 AND name LIKE ?"
            " ORDER BY name, id LIMIT 20",
            [like],
        ).fetchall():
            item = QListWidgetItem(self.tr("Group: %1").replace("%1", name))
            item.setData(Qt.ItemDataRole.UserRole, ("group", gid))
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)
        self._update_buttons()

    def _choice(self) -> tuple[str, str] | None:
        item = self.found.currentItem()
        if item is None:
            return None
        kind, row_id = item.data(Qt.ItemDataRole.UserRole)
        return str(kind), str(row_id)

    def attach(self) -> None:
        """Attribute the chosen order to the chosen KOC or group (by hand)."""
        order, choice = self.current_order(), self._choice()
        if order is None or choice is None:
            return
        kind, row_id = choice
        field = "koc_id" if kind == "koc" else "group_id"
        try:
            self.ctx.store.cloud_orders.update(order.order_id, **{field: row_id})
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.ctx.notify("cloud_orders", "outbox")
        row = self.table.selectionModel().selectedRows()[0].row()
        del self.orders[row]
        self.table.removeRow(row)
        self.status.setText(
            self.tr("Order %1 attributed to %2.")
            .replace("%1", order.order_no)
            .replace("%2", self.found.currentItem().text())
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.attach_button.setEnabled(
            self.current_order() is not None
            and self._choice() is not None
            and not self.ctx.store.read_only
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Orders not attributed"))
        self.intro.setText(
            self.tr(
                "No rule attributes these cloud-store orders (no referrer code, consenting"
                " KOC's phone or group name matched). Choose an order, find the KOC or the"
                " group behind it, and attach it: yours comes before every rule."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Order ID"), self.tr("Time"), self.tr("Shop"), self.tr("Amount")]
        )
        self.search_label.setText(self.tr("KOC or group"))
        self.search.setPlaceholderText(self.tr("Name, phone or pinyin of a KOC; a group's name"))
        self.attach_button.setText(self.tr("Attach"))
        self.close_button.setText(self.tr("Close"))
