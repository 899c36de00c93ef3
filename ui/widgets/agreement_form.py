"""The form of one display agreement (陈列协议, issue 16): position, its SKUs (ticked in a
list; none ticked: the brand's range), facings, monthly fee, period, the owner's
acceptance and terms. It shows a new agreement or the selected one; once a payout is
decided only the end and the terms stay open (``fieldapp.kinds.paid_agreement_error``:
the store refuses the rest too). Numbers are typed as text and never altered
(``NumberEdit``); ``problem()`` names the first one that cannot be taken.
Threading: UI thread.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from fieldapp.errors import FieldError
from fieldapp.kinds import PAID_AGREEMENT_FIELDS, DisplayPosition
from fieldapp.model import DisplayAgreement

from ..labels import label
from ..numbers import NumberEdit


def _qdate(value: Any) -> QDate:
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return QDate(day.year, day.month, day.day)


class AgreementForm(QWidget):
    """The fields of one agreement; ``values()`` gives them for the store."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementForm")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        self.position = QComboBox()
        self.position.setObjectName("agreementPosition")
        self.facings = NumberEdit(minimum=1, maximum=999)
        self.facings.setObjectName("agreementFacings")
        self.fee = NumberEdit(minimum=0, maximum=1_000_000, decimals=2)
        self.fee.setObjectName("agreementFee")
        self.starts = QDateEdit()
        self.starts.setObjectName("agreementStarts")
        self.ends = QDateEdit()
        self.ends.setObjectName("agreementEnds")
        self.accepted = QDateEdit()
        self.accepted.setObjectName("agreementAccepted")
        for edit in (self.starts, self.ends, self.accepted):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.terms = QLineEdit()
        self.terms.setObjectName("agreementTerms")
        # The SKUs, ticked in a list that wraps like a row of chips.
        self.skus = QListWidget()
        self.skus.setObjectName("agreementSkus")
        self.skus.setFlow(QListView.Flow.LeftToRight)
        self.skus.setWrapping(True)
        self.skus.setResizeMode(QListView.ResizeMode.Adjust)
        self.skus.setSpacing(1)
        self.skus.setFixedHeight(58)
        self.sku_label = QLabel()
        self.sku_label.setBuddy(self.skus)
        self.sku_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.sku_label, 0, 0)
        grid.addWidget(self.skus, 0, 1, 1, 3)
        fields = (self.position, self.facings, self.fee, self.terms, self.starts, self.ends,
                  self.accepted)  # fmt: skip
        self.labels = [QLabel() for _ in fields]
        for i, (name, widget) in enumerate(zip(self.labels, fields, strict=True)):
            name.setBuddy(widget)
            grid.addWidget(name, 1 + i // 2, (i % 2) * 2)
            grid.addWidget(widget, 1 + i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.paid = False
        self.retranslate()

    # ------------------------------------------------------------------ filling

    def set_products(self, products: list[tuple[str, str]]) -> None:
        """The products that can be ticked, as (id, name)."""
        ticked = set(self.product_ids())
        self.skus.clear()
        for pid, name in products:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if pid in ticked else Qt.CheckState.Unchecked)
            item.setSizeHint(QSize(item.sizeHint().width(), 24))
            self.skus.addItem(item)

    def show_new(self, today: date) -> None:
        """Empty for a new agreement: this month's first day for a year, accepted today."""
        first = QDate(today.year, today.month, 1)
        self.position.setCurrentIndex(0)
        self._tick([])
        self.facings.setValue(4)
        self.fee.setValue(None)
        self.starts.setDate(first)
        self.ends.setDate(first.addYears(1).addDays(-1))
        self.accepted.setDate(QDate(today.year, today.month, today.day))
        self.terms.clear()
        self.paid = False
        self.set_editable(True)

    def show_agreement(self, a: DisplayAgreement, skus: list[str], *, paid: bool) -> None:
        """The agreement's values; ``paid``: a payout is decided, only end and terms open."""
        self.position.setCurrentIndex(max(0, self.position.findData(str(a.position))))
        self._tick(skus)
        self.facings.setValue(a.facings)
        self.fee.setValue(a.monthly_fee)
        self.starts.setDate(_qdate(a.starts_on))
        self.ends.setDate(_qdate(a.ends_on))
        self.accepted.setDate(_qdate(a.accepted_on or a.starts_on))
        self.terms.setText(a.terms or "")
        self.terms.setCursorPosition(0)  # the start of long terms, not their end
        self.paid = paid
        self.set_editable(True)

    def set_editable(self, editable: bool) -> None:
        """Lock the whole form (``editable`` False), else what a payout leaves open
        (``PAID_AGREEMENT_FIELDS``, the store's rule)."""
        widgets: dict[str, QWidget] = {
            "position": self.position,
            "skus": self.skus,
            "facings": self.facings,
            "monthly_fee": self.fee,
            "starts_on": self.starts,
            "ends_on": self.ends,
            "accepted_on": self.accepted,
            "terms": self.terms,
        }
        for field, widget in widgets.items():
            widget.setEnabled(editable and (not self.paid or field in PAID_AGREEMENT_FIELDS))

    def _tick(self, ids: list[str]) -> None:
        wanted = set(ids)
        for i in range(self.skus.count()):
            item = self.skus.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    # ------------------------------------------------------------------ reading

    def product_ids(self) -> list[str]:
        return [
            str(self.skus.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.skus.count())
            if self.skus.item(i).checkState() == Qt.CheckState.Checked
        ]

    def problem(self) -> tuple[NumberEdit, FieldError] | None:
        """The first number that cannot be taken, with its edit (what was typed stays)."""
        for edit in (self.facings, self.fee):
            found = edit.problem(confirming=False)
            if found is not None:
                return edit, found
        return None

    def values(self) -> dict[str, Any]:
        """The agreement's fields as typed (call :meth:`problem` first)."""
        return {
            "position": self.position.currentData(),
            "facings": int(self.facings.value() or 0),
            "starts_on": self.starts.date().toPython(),
            "ends_on": self.ends.date().toPython(),
            "monthly_fee": round(float(self.fee.value() or 0), 2),
            "accepted_on": self.accepted.date().toPython(),
            "terms": self.terms.text().strip() or None,
        }

    def retranslate(self) -> None:
        current = self.position.currentIndex()
        self.position.clear()
        for member in DisplayPosition:
            self.position.addItem(label(member), member.value)
        self.position.setCurrentIndex(max(current, 0))
        self.sku_label.setText(self.tr("SKUs"))
        self.skus.setToolTip(self.tr("Tick the SKUs it covers; none ticked: all products"))
        words = (self.tr("Position"), self.tr("Facings"), self.tr("Monthly fee ¥"),
                 self.tr("Terms"), self.tr("From"), self.tr("To"),
                 self.tr("Owner accepted"))  # fmt: skip
        for name, text in zip(self.labels, words, strict=True):
            name.setText(text)
