"""The event's invitation list: its table model (status and feedback edited in place), the
filter the check-in and outcome tabs show it through, the delegate and the check-in
table whose keys set status (A / N / C / I) and feedback (1–5, 0 clears).
Threading: UI thread; each write is one short store transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from fieldapp.errors import FieldappError
from fieldapp.model import (
    InvitationStatus,
)
from fieldapp.store import views_events as ve
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..labels import choices, error_text, field_error_text, label
from ..models import ROW_ROLE, SORT_ROLE
from ..numbers import NumberEdit
from .status_pill import state_of_status

Index = QModelIndex | QPersistentModelIndex

STATUS_KEYS: dict[int, InvitationStatus] = {
    Qt.Key.Key_A: InvitationStatus.ATTENDED,
    Qt.Key.Key_N: InvitationStatus.NO_SHOW,
    Qt.Key.Key_C: InvitationStatus.CONFIRMED,
    Qt.Key.Key_I: InvitationStatus.INVITED,
}
FEEDBACK_KEYS: dict[int, int | None] = {
    Qt.Key.Key_1: 1,
    Qt.Key.Key_2: 2,
    Qt.Key.Key_3: 3,
    Qt.Key.Key_4: 4,
    Qt.Key.Key_5: 5,
    Qt.Key.Key_0: None,
    Qt.Key.Key_Backspace: None,
}
#: An invitation's status in its state's colour (ui/theme.py), as on every page.
STATUS_COLORS: dict[str, str] = {
    status: theme.STATES[state_of_status(status)].fg for status in InvitationStatus
}


def stars(value: int | None) -> str:
    return "" if value is None else "★" * value + "☆" * (5 - value)


# --------------------------------------------------------------------------- invitations


class InvitationModel(QAbstractTableModel):
    """The event's invitations. Status, feedback and note are editable; edits are
    written to the store at once (one transaction per action)."""

    NAME, WHO, DETAIL, MOBILE, STATUS, FEEDBACK, NOTE = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Name"),
        QT_TRANSLATE_NOOP("Columns", "Who"),
        QT_TRANSLATE_NOOP("Columns", "Shop or county"),
        QT_TRANSLATE_NOOP("Columns", "Mobile"),
        QT_TRANSLATE_NOOP("Columns", "Status"),
        QT_TRANSLATE_NOOP("Columns", "Feedback"),
        QT_TRANSLATE_NOOP("Columns", "Note"),
    )

    #: Something was written (the page refreshes its numbers).
    written = Signal()
    #: An action was refused; the words to show.
    refused = Signal(str)

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: str | None = None
        self._rows: list[ve.InvitationRow] = []

    def load(self, event_id: str | None) -> None:
        self.beginResetModel()
        self.event_id = event_id
        self._rows = (
            [] if event_id is None else ve.invitations(self.ctx.store.db, event_id=event_id)
        )
        self.endResetModel()

    def rows(self) -> list[ve.InvitationRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ve.InvitationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, invitation_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == invitation_id), -1)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.EditRole:
            if col == self.STATUS:
                return str(row.status)
            if col == self.FEEDBACK:
                return row.feedback or 0
            if col == self.NOTE:
                return row.note or ""
            return self._text(row, col)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return {
                self.NAME: row.pinyin,
                self.WHO: row.person,
                self.DETAIL: row.detail,
                self.MOBILE: row.mobile or "",
                self.STATUS: str(row.status),
                self.FEEDBACK: row.feedback or 0,
                self.NOTE: row.note or "",
            }[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            return QColor(STATUS_COLORS.get(row.status, theme.TEXT))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.FEEDBACK:
            return self.tr("Press 1–5 to give feedback, 0 to clear it")
        return None

    def _text(self, row: ve.InvitationRow, col: int) -> str:
        if col == self.NAME:
            return row.name
        if col == self.WHO:
            return self.tr("KOC") if row.person == "koc" else self.tr("Owner")
        if col == self.DETAIL:
            return row.detail
        if col == self.MOBILE:
            return row.mobile or ""
        if col == self.STATUS:
            return label(row.status)
        if col == self.FEEDBACK:
            return stars(row.feedback)
        if col == self.NOTE:
            return row.note or ""
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("Columns", self.HEADERS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        col = index.column()
        row = self._rows[index.row()]
        if col in (self.STATUS, self.NOTE) or (
            col == self.FEEDBACK and row.status == InvitationStatus.ATTENDED
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        col, row = index.column(), index.row()
        if col == self.STATUS:
            return self.set_status([row], str(value)) > 0
        if col == self.FEEDBACK:
            return self.set_feedback([row], int(value) if value else None) > 0
        if col == self.NOTE:
            return self._write([row], lambda _r: {"note": str(value).strip() or None}) > 0
        return False

    # ------------------------------------------------------------------ writing

    def _write(self, rows: Sequence[int], change: Any) -> int:
        """Apply ``change(row) -> fields`` (or None to skip) to rows in one transaction."""
        store = self.ctx.store
        updated: dict[int, ve.InvitationRow] = {}
        try:
            with store.transaction():
                for n in sorted(set(rows)):
                    row = self._rows[n]
                    fields = change(row)
                    if not fields:
                        continue
                    store.invitations.update(row.id, **fields)
                    updated[n] = replace(row, **fields)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return 0
        for n, row in updated.items():
            self._rows[n] = row
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.HEADERS) - 1))
        if updated:
            self.written.emit()
        return len(updated)

    def set_status(self, rows: Sequence[int], status: str) -> int:
        """Set the status of rows; feedback is cleared when they did not attend."""
        status = InvitationStatus(status)

        def change(row: ve.InvitationRow) -> dict[str, Any] | None:
            if row.status == status:
                return None
            fields: dict[str, Any] = {"status": status}
            if status != InvitationStatus.ATTENDED and row.feedback is not None:
                fields["feedback"] = None
            return fields

        return self._write(rows, change)

    def set_feedback(self, rows: Sequence[int], value: int | None) -> int:
        """Feedback 1–5 (None clears) for the rows of people who attended."""
        if value is not None and not 1 <= value <= 5:
            self.refused.emit(error_text("out_of_range", {"ge": 1, "le": 5}))
            return 0
        if any(self._rows[n].status != InvitationStatus.ATTENDED for n in rows):
            self.refused.emit(error_text("feedback_needs_attendance"))
        return self._write(
            rows,
            lambda row: (
                {"feedback": value}
                if row.status == InvitationStatus.ATTENDED and row.feedback != value
                else None
            ),
        )

    def remove(self, rows: Sequence[int]) -> int:
        store = self.ctx.store
        ids = [self._rows[n].id for n in sorted(set(rows))]
        try:
            with store.transaction():
                for invitation_id in ids:
                    store.invitations.delete(invitation_id)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return 0
        self.load(self.event_id)
        self.written.emit()
        return len(ids)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
            )


class InvitationFilter(QSortFilterProxyModel):
    """Finds people by name, pinyin, initials or phone; keeps some statuses."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.statuses: frozenset[str] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().lower().replace(" ", "")
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_statuses(self, statuses: Sequence[str] | None) -> None:
        self.beginFilterChange()
        self.statuses = None if statuses is None else frozenset(statuses)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, InvitationModel):
            return True
        row = model.row_at(source_row)
        if row is None:
            return False
        if self.statuses is not None and str(row.status) not in self.statuses:
            return False
        if not self.text:
            return True
        haystack = (
            row.name.lower(),
            row.pinyin.replace(" ", ""),
            row.initials.replace(" ", ""),
            (row.mobile or "").replace("-", ""),
            row.detail.lower(),
        )
        return any(self.text in h for h in haystack)

    def source_rows(self, indexes: Sequence[QModelIndex]) -> list[int]:
        return sorted({self.mapToSource(i).row() for i in indexes if i.isValid()})


class InvitationDelegate(QStyledItemDelegate):
    """Editors for the status (a list) and the feedback (0–5, 0 meaning none)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == InvitationModel.STATUS:
            combo = QComboBox(parent)
            for value, text in choices(InvitationStatus):
                combo.addItem(text, str(value))
            return combo
        if index.column() == InvitationModel.FEEDBACK:
            return NumberEdit(minimum=0, maximum=5, optional=True, parent=parent)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
            return
        if isinstance(editor, NumberEdit):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setValue(value if isinstance(value, int) and value else None)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, NumberEdit):
            problem = editor.problem()
            if problem is not None:  # never a changed score: the old one stays, and why
                QToolTip.showText(
                    editor.mapToGlobal(editor.rect().bottomLeft()), field_error_text(problem)
                )
                return
            model.setData(index, editor.value() or 0, Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class CheckinTable(QTableView):
    """The invitation table: letter keys set the status, digits the feedback."""

    statusKey = Signal(str)
    feedbackKey = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier and self.state() != self.State.EditingState:
            key = event.key()
            if key in STATUS_KEYS:
                self.statusKey.emit(str(STATUS_KEYS[key]))
                return
            if key in FEEDBACK_KEYS:
                self.feedbackKey.emit(FEEDBACK_KEYS[key])
                return
        super().keyPressEvent(event)


def setup_table(table: QTableView, *, multi: bool = True) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.setWordWrap(False)
    table.horizontalHeader().setHighlightSections(False)


def selected_count(table: QTableView) -> int:
    selection = table.selectionModel()
    return 0 if selection is None else len(selection.selectedRows())


def table_rows(table: QTableView) -> list[int]:
    """The invitation model's rows selected in ``table`` (through its filter), or the
    current row when none is selected."""
    proxy = table.model()
    assert isinstance(proxy, InvitationFilter)
    selected = table.selectionModel().selectedRows()
    if not selected and table.currentIndex().isValid():
        selected = [table.currentIndex()]
    return proxy.source_rows(selected)
