"""One display agreement's payouts (费用核销, issue 16): per month the fee for the days
covered, the checks and failures, the deduction, the payout computed
(``fieldapp.store.display.payouts``) and the supervisor's decision. A supervisor selects
a month and approves it, or adjusts the amount with a comment
(``approve_payout``); a rep sees the same table without the approval row.
The comment takes the room left: the number columns are as wide as their numbers (a
longer header elided, whole in its tooltip), the comment stretches and wraps.
Threading: UI thread (an agreement has at most a few dozen months).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.kinds import Role
from fieldapp.store.display import approve_payout, payouts

from ..context import AppContext
from ..labels import field_error_text
from ..numbers import NumberEdit
from .visit_bits import message_label, money, show_message

#: The column of the supervisor's comment (the last).
COMMENT = 6
#: How much wider than its numbers a column may grow for its header.
HEADER_ROOM = 12
#: An elided header keeps at least this many characters of its title.
HEADER_KEEP = 4


class AgreementPayouts(QWidget):
    """The months of one agreement and the supervisor's approval."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementPayouts")
        self.ctx = ctx
        self.agreement_id: str | None = None
        self.months: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("payoutTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # _fit_columns
        header.setSectionResizeMode(COMMENT, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._month_selected)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.amount = NumberEdit(minimum=0, maximum=1_000_000_000, decimals=2)
        self.amount.setObjectName("payoutAmount")
        self.comment = QLineEdit()
        self.comment.setObjectName("payoutComment")
        self.comment.setClearButtonEnabled(True)
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approvePayoutButton")
        self.approve_button.clicked.connect(self.approve)
        row.addWidget(self.amount)
        row.addWidget(self.comment, 1)
        row.addWidget(self.approve_button)
        self.approval = QWidget()
        self.approval.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.approval)
        self.message = message_label("payoutMessage")
        layout.addWidget(self.message)
        self.retranslate()

    def _may_approve(self) -> bool:
        actor = self.ctx.store.users.actor()
        return actor is not None and actor.role in (Role.SUPERVISOR, Role.ADMIN)

    def show_agreement(self, agreement_id: str | None) -> None:
        self.agreement_id = agreement_id
        self.approval.setVisible(agreement_id is not None and self._may_approve())
        show_message(self.message, "")
        self._fill()

    def _fill(self) -> None:
        store = self.ctx.store
        months = payouts(store.db, agreement_id=self.agreement_id) if self.agreement_id else []
        decided = {
            p.month: p
            for p in store.display_payouts.list(where={"agreement_id": self.agreement_id or ""})
        }
        self.months = [m.month for m in months]
        self.table.setRowCount(len(months))
        for r, m in enumerate(months):
            decision = decided.get(m.month)
            cells = (
                m.month,
                money(m.fee),
                f"{m.checks - m.failed}/{m.checks}",
                f"{m.deduction_pct}%",
                money(m.payout),
                "" if decision is None else money(decision.amount),
                "" if decision is None else (decision.comment or ""),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == COMMENT and text:
                    item.setToolTip(text)
                if c in (1, 2, 3, 4, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each number column as wide as its numbers (its header if that is at most
        ``HEADER_ROOM`` wider, else the header elided after ``HEADER_KEEP`` characters):
        the comment column gets the rest."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        model, rows = self.table.model(), range(self.table.rowCount())
        for c in range(COMMENT):
            whole = header.sectionSizeHint(c)
            content = max(  # every row's, shown or scrolled away (a few dozen months)
                (self.table.sizeHintForIndex(model.index(r, c)).width() for r in rows),
                default=-1,
            )
            item = self.table.horizontalHeaderItem(c)
            title = item.text() if item is not None else ""
            # The header's padding: its whole width less its text's.
            padding = max(0, whole - metrics.horizontalAdvance(title))
            kept = metrics.horizontalAdvance(title[:HEADER_KEEP] + "…") + padding
            if content > 0:
                whole = max(content, min(whole, max(content + HEADER_ROOM, kept)))
            header.resizeSection(c, whole)

    def _month_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.months) or self.agreement_id is None:
            return
        months = payouts(self.ctx.store.db, agreement_id=self.agreement_id)
        self.amount.setValue(months[row].payout)
        self.comment.clear()

    def approve(self) -> None:
        row = self.table.currentRow()
        if self.agreement_id is None or not 0 <= row < len(self.months):
            show_message(self.message, self.tr("Select a month first."))
            return
        problem = self.amount.problem(confirming=False)
        if problem is not None:  # what was typed stays, with why it cannot be taken
            show_message(self.message, field_error_text(problem))
            self.amount.setFocus()
            return
        try:
            approve_payout(
                self.ctx.store,
                agreement_id=self.agreement_id,
                month=self.months[row],
                amount=round(float(self.amount.value() or 0), 2),
                comment=self.comment.text().strip() or None,
            )
        except ValidationError as exc:
            show_message(self.message, field_error_text(exc.errors[0]))
            return
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return
        self.ctx.notify("display_payouts")
        show_message(self.message, self.tr("Payout approved"))
        self._fill()
        self.table.selectRow(row)

    def retranslate(self) -> None:
        titles = [
            self.tr("Month"),
            self.tr("Fee ¥"),
            self.tr("Passed"),
            self.tr("Deduction"),
            self.tr("Payout ¥"),
            self.tr("Approved ¥"),
            self.tr("Comment"),
        ]
        self.table.setHorizontalHeaderLabels(titles)
        for c, title in enumerate(titles):  # whole when the column elides it
            item = self.table.horizontalHeaderItem(c)
            if item is not None:
                item.setToolTip(title)
        self.comment.setPlaceholderText(self.tr("Comment (needed when the amount is adjusted)"))
        self.approve_button.setText(self.tr("Approve month"))
        self._fill()
