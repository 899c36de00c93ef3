"""A shop's display agreements (陈列协议, issue 16): the list (position and facings, SKUs,
period, state and months paid; the fee in the tooltip), the selected agreement's payouts
per month (``AgreementPayouts``) and its form (``AgreementForm``): add one, change the
selected one, end it today or delete it. An agreement with a payout decided is only
ended (its delete button is off and says why; the store refuses the rest with the same
rule as head office). A value the store refuses is named under the form; nothing is
written.
Threading: UI thread (a shop has a handful of agreements).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import DisplayAgreement
from fieldapp.store.display import (
    agreement_skus,
    delete_agreement,
    end_agreement,
    paid_months,
    save_agreement,
    sku_names,
)

from ..ask import ask_yes_no
from ..context import AppContext
from ..labels import field_error_text, label
from .agreement_form import AgreementForm
from .agreement_payouts import AgreementPayouts
from .visit_bits import message_label, money, show_message


def _date(value: Any) -> str:
    return "" if value is None else str(value)


class ShopAgreements(QWidget):
    """The display agreements of one shop; ``changed`` after one is added or changed."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shopAgreements")
        self.ctx = ctx
        self.shop_id: str | None = None
        #: (agreement, its SKU names, the months paid), in the list's order.
        self.rows: list[tuple[DisplayAgreement, list[str], list[str]]] = []
        self.editable = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("agreementList")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(120)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table)
        self.payouts = AgreementPayouts(ctx)
        layout.addWidget(self.payouts, 1)
        self.form = AgreementForm()
        layout.addWidget(self.form)
        below = QHBoxLayout()
        self.message = message_label("agreementMessage")
        below.addWidget(self.message, 1)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newAgreementButton")
        self.new_button.clicked.connect(self.start_new)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveAgreementButton")
        self.save_button.clicked.connect(self.save)
        self.end_button = QPushButton()
        self.end_button.setObjectName("endAgreementButton")
        self.end_button.clicked.connect(self.end_today)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteAgreementButton")
        self.delete_button.clicked.connect(self.delete)
        for button in (self.new_button, self.end_button, self.delete_button, self.save_button):
            below.addWidget(button)
        layout.addLayout(below)
        self.retranslate()

    # ------------------------------------------------------------------ showing

    @property
    def editing(self) -> str | None:
        """The selected agreement's id (None: the form is for a new one)."""
        row = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.rows[row][0].id if selected and 0 <= row < len(self.rows) else None

    def load(self, *, shop_id: str, editable: bool = True, select: str | None = None) -> None:
        self.shop_id = shop_id
        self.editable = editable
        store = self.ctx.store
        agreements = store.display_agreements.list(where={"shop_id": shop_id},
                                                   order_by="starts_on")  # fmt: skip
        self.rows = [(a, sku_names(store.db, a.id), paid_months(store.db, a.id))
                     for a in agreements]  # fmt: skip
        self.form.set_products([(p.id, p.name) for p in store.products.list(order_by="name")])
        show_message(self.message, "")
        ids = [a.id for a, _, _ in self.rows]
        self.table.blockSignals(True)
        self.table.clearSelection()
        self._fill_table()
        if select in ids or (select is None and ids):
            self.table.selectRow(ids.index(select) if select in ids else 0)
        self.table.blockSignals(False)
        self._selected()

    def _state(self, a: DisplayAgreement, paid: list[str]) -> str:
        today = self.ctx.today()
        if str(a.ends_on) < today.isoformat():
            state = self.tr("Ended")
        elif str(a.starts_on) > today.isoformat():
            state = self.tr("Not started")
        else:
            state = self.tr("Active")
        if paid:
            state += " · " + self.tr("%n month(s) paid", "", len(paid))
        return state

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.rows))
        for r, (a, names, paid) in enumerate(self.rows):
            skus = "、".join(names) if names else self.tr("All products")
            cells = (
                label(a.position) + f" ×{a.facings}",
                skus,
                f"{_date(a.starts_on)} – {_date(a.ends_on)}",
                self._state(a, paid),
            )
            tip = f"{skus}\n{self.tr('Monthly fee ¥')} {money(a.monthly_fee)}"
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.table.setItem(r, c, item)

    def _selected(self) -> None:
        agreement_id = self.editing
        self.payouts.show_agreement(agreement_id)
        show_message(self.message, "")
        if agreement_id is None:
            self.start_new()
            return
        a, _names, paid = self.rows[self.table.currentRow()]
        self.form.show_agreement(a, agreement_skus(self.ctx.store.db, a.id), paid=bool(paid))
        self._buttons()

    def start_new(self) -> None:
        """Empty the form for a new agreement (the list's selection is cleared)."""
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.table.blockSignals(False)
        self.payouts.show_agreement(None)
        self.form.show_new(self.ctx.today())
        self._buttons()

    def _buttons(self) -> None:
        editing = self.editing
        paid = editing is not None and bool(self.rows[self.table.currentRow()][2])
        self.form.set_editable(self.editable)
        self.save_button.setText(self.tr("Save changes") if editing else self.tr("Add agreement"))
        self.save_button.setEnabled(self.editable)
        self.new_button.setVisible(editing is not None)
        self.new_button.setEnabled(self.editable)
        self.end_button.setVisible(editing is not None)
        self.end_button.setEnabled(self.editable)
        self.delete_button.setVisible(editing is not None)
        self.delete_button.setEnabled(self.editable and not paid)
        self.delete_button.setToolTip(
            self.tr("It has payouts: it can only be ended") if paid else ""
        )

    def count(self) -> int:
        return len(self.rows)

    # ------------------------------------------------------------------ writing

    def _write(self, action: Any, done: str, *, select: str | None = None) -> None:
        """Run a store write; show its refusal under the form, else reload and say ``done``."""
        if self.shop_id is None:
            return
        try:
            result = action()
        except ValidationError as exc:
            show_message(self.message, field_error_text(exc.errors[0]))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.ctx.notify("display_agreements")
        keep = select if select is not None else getattr(result, "id", None)
        self.load(shop_id=self.shop_id, editable=self.editable, select=keep)
        show_message(self.message, done)
        self.changed.emit()

    def save(self) -> None:
        """Add the form as a new agreement, or save it over the selected one."""
        if self.shop_id is None:
            return
        problem = self.form.problem()
        if problem is not None:  # what was typed stays, with why it cannot be taken
            edit, found = problem
            show_message(self.message, field_error_text(found))
            edit.setFocus()
            return
        values, skus, agreement_id = self.form.values(), self.form.product_ids(), self.editing
        if agreement_id is None:
            self._write(lambda: save_agreement(self.ctx.store, product_ids=skus,
                                               shop_id=self.shop_id, **values),
                        self.tr("Agreement added"))  # fmt: skip
            return
        if self.form.paid:  # only the end and the terms are open: the rest is not sent
            values = {k: values[k] for k in ("ends_on", "terms")}
        self._write(lambda: save_agreement(self.ctx.store, agreement_id=agreement_id,
                                           product_ids=None if self.form.paid else skus,
                                           **values),
                    self.tr("Agreement saved"))  # fmt: skip

    def end_today(self) -> None:
        agreement_id = self.editing
        if agreement_id is None:
            return
        today: date = self.ctx.today()
        self._write(lambda: end_agreement(self.ctx.store, agreement_id, on=today),
                    self.tr("Agreement ended today"), select=agreement_id)  # fmt: skip

    def delete(self) -> None:
        agreement_id = self.editing
        if agreement_id is None:
            return
        if not ask_yes_no(self, "deleteAgreementQuestion", self.tr("Delete agreement"),
                          self.tr("Delete this agreement with its checks?")):  # fmt: skip
            return
        self._write(lambda: delete_agreement(self.ctx.store, agreement_id),
                    self.tr("Agreement deleted"), select="")  # fmt: skip

    def title(self) -> str:
        return self.tr("Display agreements (%1)").replace("%1", str(len(self.rows)))

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Position"),
                self.tr("SKUs"),
                self.tr("Period"),
                self.tr("State"),
            ]
        )
        self.new_button.setText(self.tr("New agreement"))
        self.end_button.setText(self.tr("End today"))
        self.delete_button.setText(self.tr("Delete"))
        self.form.retranslate()
        self._fill_table()
        if self.shop_id is not None:
            self._buttons()
        self.payouts.retranslate()
