"""A visit's order: pick a product (by code, name, pinyin or initials), a quantity (a
negative one is a return with its reason), the lines with their total, and the
selected line edited in place (``OrderLineEditor``).
``saved(tables)`` after each write.
Threading: UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.pinyin import search_keys
from fieldapp.store import orders, views_visits as vv
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..labels import error_text, field_error_text
from ..models import Column, QueryTableModel
from ..numbers import Number, NumberEdit
from ..pages.order_line_editor import OrderLineEditor
from .visit_bits import CONTEXT, Keys, compact_table, message_label, money, show_message, words
from .visit_promotions import VisitPromotions

ORDER_COLUMNS: tuple[Column, ...] = (
    # The promotion a line got follows its product: "冬季九折 · 豫坊·光瓶" (issue 16).
    Column("product_label", QT_TRANSLATE_NOOP("VisitPage", "Product"), sort="product"),
    Column("quantity", QT_TRANSLATE_NOOP("VisitPage", "Qty"), sort="quantity", align_right=True),
    Column(
        "unit_price",
        QT_TRANSLATE_NOOP("VisitPage", "Unit price"),
        sort="unit_price",
        fmt=money,
        align_right=True,
    ),
    Column(
        "amount",
        QT_TRANSLATE_NOOP("VisitPage", "Amount"),
        sort="amount",
        fmt=money,
        align_right=True,
    ),
)

#: Item data of the product picker: code, name, pinyin and initials, for matching.
PRODUCT_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 7


class TipModel(QueryTableModel):
    """Shows a cell's whole text as its tooltip (product names are long)."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)


class VisitOrder(QGroupBox):
    saved = Signal(list)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("orderBox")
        self.detail: vv.VisitDetail | None = None
        order = QVBoxLayout(self)
        order.setContentsMargins(8, 6, 8, 8)
        order.setSpacing(4)
        row = QHBoxLayout()
        self.product_picker = QComboBox()
        self.product_picker.setObjectName("productPicker")
        self.product_picker.setEditable(True)
        self.product_picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.product_picker.setMinimumContentsLength(12)
        self.product_picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        completer = QCompleter(self.product_picker.model(), self.product_picker)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        # Matched on code, name, full pinyin and initials (jiaocang, jc → 窖藏), like shops.
        completer.setCompletionRole(PRODUCT_SEARCH_ROLE)
        self.product_picker.setCompleter(completer)
        # PySide6 picks the overload by activated[str]; its stub types no signal indexing.
        activated = completer.activated[str]  # type: ignore[index]
        activated.connect(lambda _text: self._product_chosen())
        self._picker_edit().returnPressed.connect(self._product_chosen)
        self.quantity = NumberEdit(
            minimum=-1_000_000, maximum=1_000_000, unusual=self._unusual_quantity
        )
        self.quantity.setObjectName("quantity")
        self.quantity.setValue(1)
        self.quantity.setMinimumWidth(64)
        self.quantity.setMaximumWidth(110)
        self.quantity.textEdited.connect(lambda _t: show_message(self.message, ""))
        Keys(self.quantity, [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.add_line)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addLineButton")
        self.add_button.clicked.connect(self.add_line)
        row.addWidget(self.product_picker, 1)
        row.addWidget(self.quantity)
        row.addWidget(self.add_button)
        order.addLayout(row)
        self.promotions = VisitPromotions(ctx)  # today's promotions, the typed line's price
        self.quantity.textEdited.connect(lambda _t: self._preview())
        self.product_picker.currentIndexChanged.connect(lambda _i: self._preview())
        order.addWidget(self.promotions)
        # A return is a negative quantity with its reason (never a typo path).
        self.add_reason = QLineEdit()
        self.add_reason.setObjectName("addReason")
        self.add_reason.setClearButtonEnabled(True)
        self.add_reason.returnPressed.connect(self.add_line)
        order.addWidget(self.add_reason)
        self.message: QLabel = message_label("orderError")
        order.addWidget(self.message)

        self.model = TipModel(
            ORDER_COLUMNS, self._fetch_lines, self._count_lines, context=CONTEXT, parent=self
        )
        self.table = QTableView()
        self.table.setObjectName("orderLines")
        self.table.setModel(self.model)
        compact_table(self.table)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(170)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in range(1, len(ORDER_COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        Keys(self.table, [Qt.Key.Key_Delete, Qt.Key.Key_Backspace], self.remove_line)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._line_selected())
        order.addWidget(self.table)
        below = QHBoxLayout()
        self.total = QLabel()
        self.total.setObjectName("orderTotal")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeLineButton")
        self.remove_button.clicked.connect(self.remove_line)
        below.addWidget(self.total, 1)
        below.addWidget(self.remove_button)
        order.addLayout(below)
        self.line_editor = OrderLineEditor(self.ctx)
        self.line_editor.saved.connect(self._line_saved)
        order.addWidget(self.line_editor)
        self._keep_line_editor = False

    # ------------------------------------------------------------------ showing

    @property
    def _visit_id(self) -> str | None:
        return None if self.detail is None else self.detail.visit_id

    def load(self, detail: vv.VisitDetail) -> None:
        """A visit was opened: fresh product list, empty picker, its lines."""
        self.detail = detail
        self._fill_products()
        self.reset_picker()
        self.model.reload()
        show_message(self.message, "")
        self.promotions.show_for(shop_id=detail.shop_id, visit_id=detail.visit_id)

    def _preview(self) -> None:
        i = self.product_picker.currentIndex()
        product = str(self.product_picker.itemData(i)) if i >= 0 else None
        self.promotions.preview(product, self.quantity.value())

    def forget(self) -> None:
        """No visit shown (the shop picker is up)."""
        self.detail = None

    def show_detail(self, detail: vv.VisitDetail) -> None:
        self.detail = detail
        if detail.lines:
            total = sum(line.amount or 0 for line in detail.lines)
            self.total.setText(
                self.tr("%n lines, total ¥%1", "", len(detail.lines)).replace("%1", money(total))
            )
        else:
            self.total.setText(self.tr("No order yet"))

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.product_picker,
            self.quantity,
            self.add_reason,
            self.line_editor,
            self.add_button,
            self.remove_button,
        ):
            widget.setEnabled(editable)
        # A visit nobody edits any more shows its lines, not greyed-out inputs for new ones.
        for part in (
            self.product_picker,
            self.quantity,
            self.add_button,
            self.promotions,
            self.add_reason,
            self.line_editor,
            self.remove_button,
        ):
            part.setVisible(editable)

    def _fetch_lines(self, order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        if self._visit_id is None:
            return []
        return vv.order_lines(
            self.ctx.store.db,
            visit_id=self._visit_id,
            order=order,
            descending=desc,
            limit=limit,
            offset=offset,
        )

    def _count_lines(self) -> int:
        if self._visit_id is None:
            return 0
        return vv.count_order_lines(self.ctx.store.db, visit_id=self._visit_id)

    def _fill_products(self) -> None:
        picker = self.product_picker
        picker.blockSignals(True)
        picker.clear()
        for p in vv.products(self.ctx.store.db):
            text = f"{p.code} {p.name}" if p.code else p.name
            picker.addItem(text, p.product_id)
            keys = " ".join((text, *search_keys(p.name))).casefold()
            picker.setItemData(picker.count() - 1, keys, PRODUCT_SEARCH_ROLE)
            tip = " · ".join(x for x in (p.unit, money(p.price)) if x)
            picker.setItemData(picker.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        picker.blockSignals(False)

    def reset_picker(self) -> None:
        self.product_picker.setCurrentIndex(-1)
        self.product_picker.setEditText("")
        self.quantity.setValue(1)

    # ------------------------------------------------------------------ adding

    def _unusual_quantity(self, quantity: Number) -> Any:
        """Why this quantity of the chosen product needs confirming (``store.orders``)."""
        if self.detail is None or not isinstance(quantity, int):
            return None
        product_id = self._resolve_product()
        price = next(
            (p.price for p in vv.products(self.ctx.store.db) if p.product_id == product_id), None
        )
        return orders.unusual_line(
            self.ctx.store,
            shop_id=self.detail.shop_id,
            product_id=product_id,
            quantity=quantity,
            unit_price=price,
        )

    def _picker_edit(self) -> QLineEdit:
        edit = self.product_picker.lineEdit()  # an editable combo box always has one
        assert edit is not None
        return edit

    def _picker_completer(self) -> QCompleter:
        completer = self.product_picker.completer()  # set in __init__
        assert completer is not None
        return completer

    def _resolve_product(self) -> str | None:
        """The product meant by what is in the picker: the chosen item, or the only match."""
        combo = self.product_picker
        text = combo.currentText().strip()
        if not text:
            return None
        i = combo.currentIndex()
        if i >= 0 and combo.itemText(i) == text:
            return str(combo.itemData(i))
        needle = text.casefold()
        items = [(j, combo.itemText(j).casefold()) for j in range(combo.count())]
        keys = [(j, str(combo.itemData(j, PRODUCT_SEARCH_ROLE) or t)) for j, t in items]
        matches = [j for j, t in items if t == needle] or [j for j, t in keys if needle in t]
        if len(matches) == 1:
            combo.setCurrentIndex(matches[0])
            return str(combo.itemData(matches[0]))
        return None

    def _product_chosen(self) -> None:
        if self._resolve_product() is None:
            if self.product_picker.currentText().strip():
                show_message(
                    self.message, self.tr("Several or no products match. Choose one from the list.")
                )
                self._picker_completer().complete()
            return
        show_message(self.message, "")
        popup = self._picker_completer().popup()
        if popup is not None:
            popup.hide()
        self.quantity.setFocus()
        self.quantity.selectAll()

    def add_line(self) -> None:
        if self.detail is None or self.detail.read_only:
            return
        product_id = self._resolve_product()
        if product_id is None:
            show_message(self.message, self.tr("Choose a product first."))
            self.product_picker.setFocus()
            return
        problem = self.quantity.settle()
        quantity = self.quantity.value()
        if problem is not None or quantity is None:
            if problem is not None:
                show_message(self.message, field_error_text(problem))
            self.quantity.setFocus()
            self.quantity.selectAll()
            return
        reason = self.add_reason.text().strip() or None
        if quantity < 0 and reason is None:
            show_message(self.message, error_text("reason_required"))
            self.add_reason.setFocus()
            return
        try:
            vv.add_order_line(
                self.ctx.store,
                visit_id=self.detail.visit_id,
                product_id=product_id,
                quantity=int(quantity),
                reason=reason if quantity < 0 else None,
            )
        except ValidationError as exc:
            show_message(self.message, words(exc))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        show_message(self.message, "")
        self.reset_picker()
        self.add_reason.clear()
        self.model.reload()
        self.saved.emit(["order_lines"])
        self.product_picker.setFocus()

    # ------------------------------------------------------------------ changing

    def _line_selected(self) -> None:
        if self._keep_line_editor:
            return
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        self.line_editor.show_line(
            row,
            visit_id=self._visit_id,
            shop_id=self.detail.shop_id if self.detail else None,
        )

    def _line_saved(self) -> None:
        """A line was changed in place: show the new amounts, keep the line selected and
        what is being typed in it."""
        line = self.line_editor.line
        self._keep_line_editor = True
        try:
            self.model.reload()
            for i in range(self.model.rowCount()):
                found = self.model.row_at(i)
                if line is not None and found is not None and found.line_id == line.line_id:
                    self.table.selectRow(i)
                    self.line_editor.show_line(found)
        finally:
            self._keep_line_editor = False
        self.saved.emit(["order_lines"])

    def remove_line(self) -> None:
        if self.detail is None or self.detail.read_only:
            return
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            show_message(self.message, self.tr("Select the line to remove."))
            return
        try:
            self.ctx.store.order_lines.delete(row.line_id)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        show_message(self.message, "")
        self.model.reload()
        self.saved.emit(["order_lines"])

    def retranslate(self) -> None:
        self.setTitle(self.tr("Order"))
        self._picker_edit().setPlaceholderText(self.tr("Product: name or code"))
        self.quantity.setToolTip(
            self.tr("Quantity; press Enter to add the line. A negative quantity is a return.")
        )
        self.add_reason.setPlaceholderText(self.tr("Reason for a return (a negative quantity)"))
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove line"))
        self.model.retranslate()
        self.promotions.retranslate()
