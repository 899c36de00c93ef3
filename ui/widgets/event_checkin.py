"""The event page's Check-in tab: everyone invited with their status. A / N / C / I set
attended, no-show, confirmed, invited for the selected people (one at a time at the door:
the next row is selected), 1–5 the feedback, 0 clears it; search by name, pinyin,
initials or phone, Enter jumps to the list.
Threading: UI thread; each write is one short store transaction (``InvitationModel``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.model import InvitationStatus

from .. import theme
from ..forms import refill_combo
from ..labels import label
from .event_invitations import (
    CheckinTable,
    InvitationDelegate,
    InvitationFilter,
    InvitationModel,
    setup_table as _setup_table,
    table_rows,
)


class EventCheckin(QWidget):
    """Check people in at the door."""

    #: A feedback key (1-5, 0 clears) pressed in the table: the page writes it.
    feedback = Signal(object)

    def __init__(self, invitations: InvitationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventCheckin")
        col = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.checkin_search = QLineEdit()
        self.checkin_search.setObjectName("checkinSearch")
        self.checkin_search.setClearButtonEnabled(True)
        self.checkin_search.setMinimumWidth(260)
        self.checkin_filter = QComboBox()
        self.checkin_filter.setObjectName("checkinFilter")
        self.attended_button = QPushButton()
        self.attended_button.setObjectName("markAttended")
        self.no_show_button = QPushButton()
        self.no_show_button.setObjectName("markNoShow")
        self.confirmed_button = QPushButton()
        self.confirmed_button.setObjectName("markConfirmed")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeInvitation")
        bar.addWidget(self.checkin_search)
        bar.addWidget(self.checkin_filter)
        bar.addStretch(1)
        for b in (self.attended_button, self.no_show_button, self.confirmed_button):
            bar.addWidget(b)
        bar.addSpacing(12)
        bar.addWidget(self.remove_button)
        col.addLayout(bar)

        self.invitations = invitations
        self.checkin_proxy = InvitationFilter(self)
        self.checkin_proxy.setSourceModel(self.invitations)
        self.checkin_table = CheckinTable()
        self.checkin_table.setObjectName("checkinTable")
        self.checkin_table.setModel(self.checkin_proxy)
        self.checkin_table.setItemDelegate(InvitationDelegate(self.checkin_table))
        _setup_table(self.checkin_table)
        self.checkin_table.horizontalHeader().setSortIndicator(
            InvitationModel.NAME, Qt.SortOrder.AscendingOrder
        )
        self.checkin_table.setSortingEnabled(True)
        self.checkin_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.checkin_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for c, width in enumerate((120, 70, 200, 120, 90, 110)):
            self.checkin_table.setColumnWidth(c, width)
        header.setStretchLastSection(True)
        col.addWidget(self.checkin_table, 1)
        foot = QHBoxLayout()
        self.checkin_hint = QLabel()
        self.checkin_hint.setObjectName("checkinHint")
        theme.set_role(self.checkin_hint, "muted")
        self.checkin_message = QLabel()
        self.checkin_message.setObjectName("checkinMessage")
        theme.set_role(self.checkin_message, "error")
        self.checkin_summary = QLabel()
        self.checkin_summary.setObjectName("checkinSummary")
        theme.set_role(self.checkin_summary, "title")
        foot.addWidget(self.checkin_hint)
        foot.addWidget(self.checkin_message, 1)
        foot.addWidget(self.checkin_summary)
        col.addLayout(foot)

        self.checkin_search.textChanged.connect(self.checkin_proxy.set_text)
        self.checkin_search.returnPressed.connect(self._search_to_table)
        self.checkin_filter.activated.connect(self._checkin_filter_changed)
        self.attended_button.clicked.connect(lambda: self.mark_selected(InvitationStatus.ATTENDED))
        self.no_show_button.clicked.connect(lambda: self.mark_selected(InvitationStatus.NO_SHOW))
        self.confirmed_button.clicked.connect(
            lambda: self.mark_selected(InvitationStatus.CONFIRMED)
        )
        self.remove_button.clicked.connect(self.remove_selected)
        self.checkin_table.statusKey.connect(self.mark_selected)
        self.checkin_table.feedbackKey.connect(self.feedback.emit)

    def mark_selected(self, status: str) -> int:
        """Set the status of the people selected in the check-in table."""
        table = self.checkin_table
        rows = table_rows(table)
        if not rows:
            return 0
        current = table.currentIndex()
        changed = self.invitations.set_status(rows, status)
        # One person at a time at the door: move on to the next one.
        if changed and len(rows) == 1 and current.isValid():
            proxy = self.checkin_proxy
            source = self.invitations.index(rows[0], 0)
            still = proxy.mapFromSource(source)
            next_row = still.row() + 1 if still.isValid() else current.row()
            if next_row < proxy.rowCount():
                table.setCurrentIndex(proxy.index(next_row, current.column()))
                table.selectRow(next_row)
        return changed

    def remove_selected(self) -> int:
        rows = table_rows(self.checkin_table)
        if not rows:
            return 0
        answer = QMessageBox.question(
            self,
            self.tr("Remove invitations"),
            self.tr("Remove %1 invitation(s) from this event?").replace("%1", str(len(rows))),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        return self.invitations.remove(rows)

    def _search_to_table(self) -> None:
        if self.checkin_proxy.rowCount():
            self.checkin_table.setFocus()
            self.checkin_table.selectRow(0)
            self.checkin_table.setCurrentIndex(self.checkin_proxy.index(0, 0))

    def _checkin_filter_changed(self, _index: int) -> None:
        value = self.checkin_filter.currentData()
        self.checkin_proxy.set_statuses(None if value is None else value.split(","))

    def update_summary(self) -> None:
        rows = self.invitations.rows()
        attended = sum(r.status == InvitationStatus.ATTENDED for r in rows)
        no_show = sum(r.status == InvitationStatus.NO_SHOW for r in rows)
        self.checkin_summary.setText(
            self.tr("Attended %1 of %2 · no-show %3")
            .replace("%1", str(attended))
            .replace("%2", str(len(rows)))
            .replace("%3", str(no_show))
        )

    def retranslate(self) -> None:
        self.checkin_search.setPlaceholderText(
            self.tr("Find a person: name, pinyin, initials or phone")
        )
        refill_combo(
            self.checkin_filter,
            [
                (self.tr("Everyone invited"), None),
                (self.tr("Not checked in yet"), "invited,confirmed"),
                (label(InvitationStatus.ATTENDED), "attended"),
                (label(InvitationStatus.NO_SHOW), "no_show"),
            ],
        )
        self.attended_button.setText(self.tr("Attended (A)"))
        self.no_show_button.setText(self.tr("No-show (N)"))
        self.confirmed_button.setText(self.tr("Confirmed (C)"))
        self.remove_button.setText(self.tr("Remove invitation"))
        self.checkin_hint.setText(
            self.tr("Keys: A attended · N no-show · C confirmed · I invited · 1–5 feedback")
        )
