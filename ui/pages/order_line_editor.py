"""The selected order line of a visit, edited in place: quantity, unit price, reason.

Saved as it is typed like every field of the app (``Form`` with drafts and the save
status): the whole line is written once it is valid, so a price and its reason arrive
together. A negative quantity is a return; a return, or a price other than the list
price, needs a reason (``fieldapp.model.order_line_problem``). A quantity far outside
the shop's usual waits for a yes (``fieldapp.store.orders``).
Threading: UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import OrderLine
from fieldapp.store import orders, views_visits
from fieldapp.store.views_visits import OrderLineRow
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..forms import Form
from ..numbers import Number

CONTEXT = "VisitPage"


class OrderLineEditor(QWidget):
    """Edits one order line; ``saved`` after each write."""

    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderLineEditor")
        self.ctx = ctx
        self.line: OrderLineRow | None = None
        self.shop_id: str | None = None
        self.visit_id: str | None = None
        self.title = QLabel()
        self.title.setObjectName("orderLineTitle")
        self.title.setStyleSheet("color: #5f6b7a;")
        self.form = Form(OrderLine, CONTEXT, base=self._base)
        self.form.setObjectName("orderLineForm")
        self.form.layout().setContentsMargins(0, 0, 0, 0)  # type: ignore[union-attr]
        self.quantity = self.form.add_int(
            "quantity",
            QT_TRANSLATE_NOOP("VisitPage", "Quantity (negative: return)"),
            minimum=-1_000_000,
            maximum=1_000_000,
            unusual=self._unusual,
        )
        self.quantity.setObjectName("lineQuantity")
        self.price = self.form.add_money("unit_price", QT_TRANSLATE_NOOP("VisitPage", "Unit price"))
        self.price.setObjectName("linePrice")
        self.reason = self.form.add_line(
            "reason",
            QT_TRANSLATE_NOOP("VisitPage", "Reason"),
            placeholder=QT_TRANSLATE_NOOP(
                "VisitPage", "Needed for a return or a price other than the list price"
            ),
        )
        self.reason.setObjectName("lineReason")
        self.form.keep_drafts(
            ctx.store, lambda: f"order_lines/{self.line.line_id}" if self.line else None, ctx.saves
        )
        self.form.edited.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.form)
        self.show_line(None)

    def _base(self) -> dict[str, Any]:
        line = self.line
        if line is None:
            return {}
        return {
            "visit_id": self.visit_id or "-",
            "product_id": line.product_id,
            "list_price": line.list_price,
            "net_price": line.net_price,
        }

    def _unusual(self, quantity: Number) -> Any:
        if self.line is None or self.shop_id is None:
            return None
        price = self.form.value("unit_price")
        return orders.unusual_line(
            self.ctx.store,
            shop_id=self.shop_id,
            product_id=self.line.product_id,
            quantity=int(quantity),
            unit_price=price if isinstance(price, int | float) else None,
        )

    def show_line(
        self, line: OrderLineRow | None, *, visit_id: str | None = None, shop_id: str | None = None
    ) -> None:
        """Edit ``line`` (None: nothing selected); the same line again keeps what is typed."""
        if line is not None and self.line is not None and line.line_id == self.line.line_id:
            self.line = line
            return
        self.line, self.visit_id, self.shop_id = line, visit_id, shop_id
        self.form.setEnabled(line is not None)
        self.form.set_values(
            {
                "quantity": None if line is None else line.quantity,
                "unit_price": None if line is None else line.unit_price,
                "reason": None if line is None else line.reason,
            }
        )
        self._retitle()

    def _edited(self, _name: str) -> None:
        line = self.line
        if line is None or self.form.errors:
            return  # the messages are next to the fields, the text kept as a draft
        values = self.form.values()
        try:  # a new quantity chooses the promotion again (fieldapp.pricing)
            views_visits.change_order_line(self.ctx.store, line.line_id, **values)
        except ValidationError as exc:
            self.form.show_errors([e for e in exc.errors if e.field in self.form.names()])
            return
        except FieldappError as exc:
            self.ctx.saves.set_problem(self, True)
            self.ctx.errors.show(exc)
            return
        self.ctx.saves.set_problem(self, False)
        self.saved.emit()

    def _retitle(self) -> None:
        line = self.line
        if line is None:
            self.title.setText(
                QCoreApplication.translate("VisitPage", "Select a line to change it.")
            )
        elif line.list_price is not None and line.promotion is not None:
            self.title.setText(
                QCoreApplication.translate("VisitPage", "%1 · list price ¥%2 · %3: ¥%4")
                .replace("%1", line.product_name)
                .replace("%2", f"{line.list_price:,.2f}")
                .replace("%3", line.promotion)
                .replace("%4", f"{line.net_price or line.list_price:,.2f}")
                + (
                    " "
                    + QCoreApplication.translate("VisitPage", "(+%1 free)").replace(
                        "%1", str(line.free_quantity)
                    )
                    if line.free_quantity
                    else ""
                )
            )
        elif line.list_price is not None:
            self.title.setText(
                QCoreApplication.translate("VisitPage", "%1 · list price ¥%2")
                .replace("%1", line.product_name)
                .replace("%2", f"{line.list_price:,.2f}")
            )
        else:
            self.title.setText(line.product_name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retitle()
        super().changeEvent(event)
