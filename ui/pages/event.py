"""The event page: one tasting or scene event from planning to outcomes.

Open with ``ctx.go("event", event_id)`` (or ``{"id": event_id, "tab": "checkin"}``). The
header shows when and where, the invitation numbers and the outcome summary
(``metrics.event_outcomes``) and warns when more people are invited than there are places.
Four tabs:

* Details: the event's fields and products, validated as you type, saved with the Save
  button or Ctrl+S (and when the page is left), with the double-booking warning.
* Invite: KOCs (search, county, stage) and owners (search, relationship level) not yet
  invited; select several and press Invite.
* Check-in: everyone invited with their status; A / N / C / I set attended, no-show,
  confirmed, invited for the selected people, 1–5 the feedback, 0 clears it.
* Outcomes: feedback per attendee, KOCs found at the event (quick add, linked to the
  venue shop), notes and photos.

Threading: UI thread. Reads come from ``fieldapp.store.views_events`` (fast, indexed);
each write is one short store transaction on the UI thread's store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QHideEvent, QIcon, QImageReader, QKeyEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import (
    BUSINESS_UTC_OFFSET,
    Event,
    EventKind,
    EventStatus,
    InvitationStatus,
    Koc,
    KocStage,
)
from fieldapp.store import metrics, views_events as ve

from ..context import AppContext
from ..forms import ERROR_STYLE, Form, refill_combo
from ..labels import choices, error_text, field_error_text, label
from ..models import ROW_ROLE, SORT_ROLE, Column, QueryTableModel
from ..page import Page
from .events import (
    ProductChecklist,
    VenuePicker,
    capacity_text,
    fmt_span,
    follow_start,
    kind_color,
    make_warning_label,
    overlap_text,
    show_warning,
    to_local,
)

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
STATUS_COLORS: dict[str, str] = {
    InvitationStatus.INVITED: "#5d6d7e",
    InvitationStatus.CONFIRMED: "#1c5db5",
    InvitationStatus.ATTENDED: "#1e8449",
    InvitationStatus.NO_SHOW: "#b03a2e",
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
            return QColor(STATUS_COLORS.get(row.status, "#22313f"))
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
            spin = QSpinBox(parent)
            spin.setRange(0, 5)
            spin.setSpecialValueText("–")
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
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


def _setup_table(table: QTableView, *, multi: bool = True) -> None:
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


def _selected_count(table: QTableView) -> int:
    selection = table.selectionModel()
    return 0 if selection is None else len(selection.selectedRows())


# --------------------------------------------------------------------------- invite lists


def _invited_marker(value: Any) -> str:
    return QCoreApplication.translate("Columns", "Already invited") if value else ""


def _level_text(value: Any) -> str:
    return "" if value is None else "★" * int(value)


KOC_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), "name"),
    Column("county_name", QT_TRANSLATE_NOOP("Columns", "County"), "county"),
    Column("stage", QT_TRANSLATE_NOOP("Columns", "Stage"), "stage", label),
    Column("trait_score", QT_TRANSLATE_NOOP("Columns", "Traits"), "traits", None, True),
    Column("mobile", QT_TRANSLATE_NOOP("Columns", "Mobile"), "mobile"),
    Column("invited", QT_TRANSLATE_NOOP("Columns", "Invited?"), None, _invited_marker),
)

OWNER_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), "name"),
    Column("shop_name", QT_TRANSLATE_NOOP("Columns", "Shop"), "shop"),
    Column("county_name", QT_TRANSLATE_NOOP("Columns", "County"), "county"),
    Column("level", QT_TRANSLATE_NOOP("Columns", "Relationship"), "level", _level_text),
    Column("mobile", QT_TRANSLATE_NOOP("Columns", "Mobile"), "mobile"),
    Column("invited", QT_TRANSLATE_NOOP("Columns", "Invited?"), None, _invited_marker),
)


class _Stat(QFrame):
    """A number with a caption under it, for the header."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(
            "QFrame { background: #f4f6f8; border-radius: 6px; }QLabel { background: transparent; }"
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 4, 10, 4)
        column.setSpacing(0)
        self.setMinimumWidth(72)
        self.value = QLabel("–")
        self.value.setObjectName(name + "Value")
        self.value.setMinimumWidth(56)
        self.value.setStyleSheet("font-size: 17px; font-weight: bold; color: #22313f;")
        self.caption = QLabel()
        self.caption.setStyleSheet("font-size: 11px; color: #5d6d7e;")
        column.addWidget(self.value)
        column.addWidget(self.caption)


# --------------------------------------------------------------------------- the page


class EventPage(Page):
    page_id = "event"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Event")
    in_nav = False

    TABS = ("details", "invite", "checkin", "outcomes")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.event_id: str | None = None
        self.detail: ve.EventDetail | None = None
        self.dirty = False
        self._loading = False
        self._own_write = False
        self._stale = False
        self._duration = timedelta(hours=3)
        self._outcome: metrics.EventOutcome | None = None
        self._found: list[ve.FoundKoc] = []
        self._overlaps: list[ve.Overlap] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 8)
        outer.setSpacing(6)
        outer.addLayout(self._build_header())
        self.capacity_warning = make_warning_label("capacityWarning")
        outer.addWidget(self.capacity_warning)
        self.missing = QLabel()
        self.missing.setObjectName("eventMissing")
        self.missing.setStyleSheet("font-size: 15px; color: #5d6d7e; padding: 40px;")
        self.missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.missing.hide()
        outer.addWidget(self.missing)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("eventTabs")
        self.tabs.addTab(self._build_details(), "")
        self.tabs.addTab(self._build_invite(), "")
        self.tabs.addTab(self._build_checkin(), "")
        self.tabs.addTab(self._build_outcomes(), "")
        outer.addWidget(self.tabs, 1)

        ctx.signals.changed.connect(self._table_changed)
        self.retranslate()

    # ------------------------------------------------------------------ building

    def _build_header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        header.setSpacing(4)
        top = QHBoxLayout()
        self.back_button = QPushButton()
        self.back_button.setObjectName("backButton")
        self.back_button.setFlat(True)
        self.back_button.setStyleSheet("color: #2f80ed; text-align: left; padding: 2px 4px;")
        self.back_button.clicked.connect(lambda: self.ctx.go("events"))
        self.title_label = QLabel()
        self.title_label.setObjectName("eventTitle")
        self.title_label.setStyleSheet("font-size: 19px; font-weight: bold;")
        self.kind_pill = QLabel()
        self.kind_pill.setObjectName("kindPill")
        self.status_pill = QLabel()
        self.status_pill.setObjectName("statusPill")
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("discardButton")
        self.discard_button.clicked.connect(self.discard)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save)
        self.save_button.setStyleSheet(
            "QPushButton:enabled { background: #2f80ed; color: white; border: none;"
            " border-radius: 4px; padding: 5px 14px; font-weight: bold; }"
        )
        top.addWidget(self.back_button)
        top.addWidget(self.title_label)
        top.addWidget(self.kind_pill)
        top.addWidget(self.status_pill)
        top.addStretch(1)
        top.addWidget(self.discard_button)
        top.addWidget(self.save_button)
        header.addLayout(top)
        self.info = QLabel()
        self.info.setObjectName("eventInfo")
        self.info.setStyleSheet("color: #34495e;")
        self.info.setWordWrap(True)
        header.addWidget(self.info)
        stats = QHBoxLayout()
        stats.setSpacing(8)
        self.stats: dict[str, _Stat] = {}
        for name in (
            "invited",
            "confirmed",
            "attended",
            "noShow",
            "places",
            "attendanceRate",
            "avgFeedback",
            "kocsFound",
        ):
            stat = _Stat(name + "Stat")
            self.stats[name] = stat
            stats.addWidget(stat)
        stats.addStretch(1)
        header.addLayout(stats)
        return header

    def _build_details(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        left = QVBoxLayout()
        self.form = Form(Event, "EventPage", base=self._form_base)
        self.form.setObjectName("eventForm")
        f = self.form
        f.add_choice("kind", QT_TRANSLATE_NOOP("EventPage", "Kind"), EventKind)
        f.add_line("title", QT_TRANSLATE_NOOP("EventPage", "Title"))
        self.venue = VenuePicker(self.ctx.store)
        self.venue_label = QLabel()
        self.venue_label.setBuddy(self.venue.edit)
        layout = f.layout()
        assert isinstance(layout, QFormLayout)
        layout.addRow(self.venue_label, self.venue)
        f.add_line(
            "venue_note",
            QT_TRANSLATE_NOOP("EventPage", "Venue note"),
            placeholder=QT_TRANSLATE_NOOP("EventPage", "Private room, or a place that is no shop"),
        )
        f.add_datetime("starts_at", QT_TRANSLATE_NOOP("EventPage", "Starts"), optional=False)
        f.add_datetime("ends_at", QT_TRANSLATE_NOOP("EventPage", "Ends"), optional=False)
        f.add_choice("status", QT_TRANSLATE_NOOP("EventPage", "Status"), EventStatus)
        f.add_int(
            "capacity",
            QT_TRANSLATE_NOOP("EventPage", "Places"),
            minimum=1,
            maximum=100000,
            optional=True,
        )
        f.add_money("budget", QT_TRANSLATE_NOOP("EventPage", "Budget (yuan)"))
        f.edited.connect(self._form_edited)
        self.venue.changed.connect(self._venue_changed)
        left.addWidget(f)
        self.overlap_warning = make_warning_label("overlapWarning")
        left.addWidget(self.overlap_warning)
        self.save_error = QLabel()
        self.save_error.setObjectName("saveError")
        self.save_error.setStyleSheet(ERROR_STYLE)
        self.save_error.setWordWrap(True)
        self.save_error.hide()
        left.addWidget(self.save_error)
        left.addStretch(1)
        row.addLayout(left, 3)
        right = QVBoxLayout()
        self.products_label = QLabel()
        self.products = ProductChecklist()
        self.products.edited.connect(self._mark_dirty)
        right.addWidget(self.products_label)
        right.addWidget(self.products, 1)
        row.addSpacing(12)
        row.addLayout(right, 2)
        return page

    def _build_invite(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setSpacing(12)

        # KOCs.
        self.koc_box = QGroupBox()
        koc_col = QVBoxLayout(self.koc_box)
        filters = QHBoxLayout()
        self.koc_search = QLineEdit()
        self.koc_search.setObjectName("kocSearch")
        self.koc_search.setClearButtonEnabled(True)
        self.koc_county = QComboBox()
        self.koc_county.setObjectName("kocCounty")
        self.koc_stage = QComboBox()
        self.koc_stage.setObjectName("kocStage")
        self.koc_show_invited = QCheckBox()
        self.koc_show_invited.setObjectName("kocShowInvited")
        filters.addWidget(self.koc_search, 2)
        filters.addWidget(self.koc_county, 1)
        filters.addWidget(self.koc_stage, 1)
        koc_col.addLayout(filters)
        koc_col.addWidget(self.koc_show_invited)
        self.koc_model = QueryTableModel(
            KOC_COLUMNS, self._fetch_kocs, self._count_kocs, parent=self
        )
        self.koc_table = QTableView()
        self.koc_table.setObjectName("kocTable")
        self.koc_table.setModel(self.koc_model)
        _setup_table(self.koc_table)
        self.koc_table.setSortingEnabled(True)
        self.koc_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.koc_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.koc_table.horizontalHeader().setStretchLastSection(True)
        koc_col.addWidget(self.koc_table, 1)
        koc_foot = QHBoxLayout()
        self.koc_found = QLabel()
        self.koc_found.setObjectName("kocCount")
        self.invite_kocs_button = QPushButton()
        self.invite_kocs_button.setObjectName("inviteKocsButton")
        koc_foot.addWidget(self.koc_found, 1)
        koc_foot.addWidget(self.invite_kocs_button)
        koc_col.addLayout(koc_foot)

        # Owners.
        self.owner_box = QGroupBox()
        owner_col = QVBoxLayout(self.owner_box)
        ofilters = QHBoxLayout()
        self.owner_search = QLineEdit()
        self.owner_search.setObjectName("ownerSearch")
        self.owner_search.setClearButtonEnabled(True)
        self.owner_level = QComboBox()
        self.owner_level.setObjectName("ownerLevel")
        ofilters.addWidget(self.owner_search, 2)
        ofilters.addWidget(self.owner_level, 1)
        owner_col.addLayout(ofilters)
        self.owner_show_invited = QCheckBox()
        self.owner_show_invited.setObjectName("ownerShowInvited")
        owner_col.addWidget(self.owner_show_invited)
        self.owner_model = QueryTableModel(
            OWNER_COLUMNS, self._fetch_owners, self._count_owners, parent=self
        )
        self.owner_table = QTableView()
        self.owner_table.setObjectName("ownerTable")
        self.owner_table.setModel(self.owner_model)
        _setup_table(self.owner_table)
        self.owner_table.setSortingEnabled(True)
        self.owner_table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.owner_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.owner_table.horizontalHeader().setStretchLastSection(True)
        owner_col.addWidget(self.owner_table, 1)
        owner_foot = QHBoxLayout()
        self.owner_found = QLabel()
        self.owner_found.setObjectName("ownerCount")
        self.invite_owners_button = QPushButton()
        self.invite_owners_button.setObjectName("inviteOwnersButton")
        owner_foot.addWidget(self.owner_found, 1)
        owner_foot.addWidget(self.invite_owners_button)
        owner_col.addLayout(owner_foot)

        row.addWidget(self.koc_box, 1)
        row.addWidget(self.owner_box, 1)
        outer = QWidget()
        col = QVBoxLayout(outer)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(page, 1)
        self.invite_result = QLabel()
        self.invite_result.setObjectName("inviteResult")
        self.invite_result.setStyleSheet("color: #1e8449;")
        col.addWidget(self.invite_result)

        self.koc_search.textChanged.connect(lambda _t: self.reload_invitable())
        self.koc_county.activated.connect(lambda _i: self.reload_invitable())
        self.koc_stage.activated.connect(lambda _i: self.reload_invitable())
        self.koc_show_invited.toggled.connect(lambda _on: self.reload_invitable())
        self.owner_search.textChanged.connect(lambda _t: self.reload_invitable())
        self.owner_level.activated.connect(lambda _i: self.reload_invitable())
        self.owner_show_invited.toggled.connect(lambda _on: self.reload_invitable())
        self.invite_kocs_button.clicked.connect(self.invite_selected_kocs)
        self.invite_owners_button.clicked.connect(self.invite_selected_owners)
        self.koc_table.doubleClicked.connect(lambda _i: self.invite_selected_kocs())
        self.owner_table.doubleClicked.connect(lambda _i: self.invite_selected_owners())
        for table in (self.koc_table, self.owner_table):
            table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        return outer

    def _build_checkin(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
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

        self.invitations = InvitationModel(self.ctx, self)
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
        self.checkin_hint.setStyleSheet("color: #5d6d7e;")
        self.checkin_message = QLabel()
        self.checkin_message.setObjectName("checkinMessage")
        self.checkin_message.setStyleSheet(ERROR_STYLE)
        self.checkin_summary = QLabel()
        self.checkin_summary.setObjectName("checkinSummary")
        self.checkin_summary.setStyleSheet("font-weight: bold;")
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
        self.checkin_table.feedbackKey.connect(lambda v: self.give_feedback(v, self.checkin_table))
        self.invitations.written.connect(self._invitations_written)
        self.invitations.refused.connect(self._refused)
        return page

    def _build_outcomes(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setHorizontalSpacing(12)

        # Feedback per attendee.
        self.feedback_box = QGroupBox()
        fcol = QVBoxLayout(self.feedback_box)
        self.feedback_proxy = InvitationFilter(self)
        self.feedback_proxy.setSourceModel(self.invitations)
        self.feedback_proxy.set_statuses([InvitationStatus.ATTENDED])
        self.feedback_table = CheckinTable()
        self.feedback_table.setObjectName("feedbackTable")
        self.feedback_table.setModel(self.feedback_proxy)
        self.feedback_table.setItemDelegate(InvitationDelegate(self.feedback_table))
        _setup_table(self.feedback_table)
        self.feedback_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        for c in (InvitationModel.DETAIL, InvitationModel.MOBILE, InvitationModel.STATUS):
            self.feedback_table.setColumnHidden(c, True)
        self.feedback_table.setColumnWidth(InvitationModel.NAME, 90)
        self.feedback_table.setColumnWidth(InvitationModel.WHO, 56)
        self.feedback_table.setColumnWidth(InvitationModel.FEEDBACK, 100)
        self.feedback_table.horizontalHeader().setStretchLastSection(True)
        self.feedback_hint = QLabel()
        self.feedback_hint.setObjectName("feedbackHint")
        self.feedback_hint.setStyleSheet("color: #5d6d7e;")
        self.feedback_hint.setWordWrap(True)
        fcol.addWidget(self.feedback_table, 1)
        fcol.addWidget(self.feedback_hint)
        self.feedback_table.feedbackKey.connect(
            lambda v: self.give_feedback(v, self.feedback_table)
        )
        self.feedback_table.statusKey.connect(lambda _s: None)

        # KOCs found at the event.
        self.found_box = QGroupBox()
        kcol = QVBoxLayout(self.found_box)
        self.found_list = QListWidget()
        self.found_list.setObjectName("kocsFoundList")
        kcol.addWidget(self.found_list, 1)
        self.koc_form = Form(Koc, "EventPage", base=self._koc_base)
        self.koc_form.setObjectName("kocFoundForm")
        kf = self.koc_form
        kf.add_line("name", QT_TRANSLATE_NOOP("EventPage", "Name"))
        kf.add_line("mobile", QT_TRANSLATE_NOOP("EventPage", "Mobile"))
        kf.add_line("wechat", QT_TRANSLATE_NOOP("EventPage", "WeChat ID"))
        kf.add_choice("stage", QT_TRANSLATE_NOOP("EventPage", "Stage"), KocStage)
        # They came to the event, so they have had the experience (domain: experienced).
        kf.set_values({"stage": KocStage.EXPERIENCED})
        self.found_county = QComboBox()
        self.found_county.setObjectName("foundCounty")
        self.found_county_label = QLabel()
        self.found_county_label.setBuddy(self.found_county)
        klayout = kf.layout()
        assert isinstance(klayout, QFormLayout)
        klayout.addRow(self.found_county_label, self.found_county)
        kcol.addWidget(kf)
        self.found_link = QLabel()
        self.found_link.setObjectName("foundLink")
        self.found_link.setStyleSheet("color: #5d6d7e; font-size: 11px;")
        self.found_link.setWordWrap(True)
        kcol.addWidget(self.found_link)
        self.add_koc_button = QPushButton()
        self.add_koc_button.setObjectName("addKocButton")
        self.add_koc_button.clicked.connect(self.add_found_koc)
        kcol.addWidget(self.add_koc_button)

        # Notes and photos.
        self.notes_box = QGroupBox()
        ncol = QVBoxLayout(self.notes_box)
        self.notes_form = Form(Event, "EventPage", base=self._notes_base)
        self.notes_form.setObjectName("notesForm")
        self.notes_form.add_text("notes", QT_TRANSLATE_NOOP("EventPage", "Notes"), lines=5)
        self.notes_form.edited.connect(lambda _n: self._mark_dirty())
        ncol.addWidget(self.notes_form)
        self.photo_list = QListWidget()
        self.photo_list.setObjectName("photoList")
        self.photo_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.photo_list.setIconSize(QSize(88, 88))
        self.photo_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photo_list.setMovement(QListWidget.Movement.Static)
        ncol.addWidget(self.photo_list, 1)
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attachPhotos")
        self.attach_button.clicked.connect(self._choose_photos)
        ncol.addWidget(self.attach_button)

        grid.addWidget(self.feedback_box, 0, 0)
        grid.addWidget(self.found_box, 0, 1)
        grid.addWidget(self.notes_box, 0, 2)
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        return page

    # ------------------------------------------------------------------ opening and loading

    def open(self, arg: object = None) -> None:
        tab = None
        if isinstance(arg, dict):
            tab = arg.get("tab")
            arg = arg.get("id")
        if self.dirty and self.event_id is not None and arg != self.event_id:
            self.save()
        self.event_id = arg if isinstance(arg, str) else None
        self.dirty = False
        self.load()
        if tab in self.TABS:
            self.tabs.setCurrentIndex(self.TABS.index(str(tab)))
        elif arg is not None:
            self.tabs.setCurrentIndex(0)

    def refresh(self) -> None:
        self.load(keep_edits=True)

    def load(self, *, keep_edits: bool = False) -> None:
        """Read the event again; with ``keep_edits`` unsaved details stay on the form."""
        self._stale = False
        db = self.ctx.store.db
        self.detail = None if self.event_id is None else ve.event_detail(db, event_id=self.event_id)
        found = self.detail is not None
        self.tabs.setVisible(found)
        self.missing.setVisible(not found)
        for w in (self.save_button, self.discard_button):
            w.setVisible(found)
        if self.detail is None:
            self.title_label.setText("")
            self.info.setText("")
            self.kind_pill.clear()
            self.status_pill.clear()
            show_warning(self.capacity_warning, "")
            for stat in self.stats.values():
                stat.hide()
            self.invitations.load(None)
            return
        for stat in self.stats.values():
            stat.show()
        if not (keep_edits and self.dirty):
            self._fill_form()
        self._load_outcome()
        self._fill_header()
        self._fill_counties()
        self.invitations.load(self.event_id)
        self.reload_invitable()
        self._fill_found()
        self._fill_photos()
        self._update_checkin_summary()
        self._update_buttons()

    def _fill_form(self) -> None:
        d = self.detail
        assert d is not None
        self._loading = True
        try:
            self.form.set_values(
                {
                    "kind": d.kind,
                    "title": d.title,
                    "venue_note": d.venue_note,
                    "starts_at": d.starts_at,
                    "ends_at": d.ends_at,
                    "status": d.status,
                    "capacity": d.capacity,
                    "budget": d.budget,
                }
            )
            self.notes_form.set_values({"notes": d.notes})
            self.venue.set_shop(d.venue_shop_id, d.venue_name)
            self.products.set_products(
                self.ctx.store.products.list(order_by="name"),
                [p.product_id for p in d.products],
            )
        finally:
            self._loading = False
        self._duration = d.ends_at - d.starts_at
        self.dirty = False
        self.save_error.hide()
        self._update_overlap()

    def _load_outcome(self) -> None:
        d = self.detail
        found = (
            []
            if d is None
            else metrics.event_outcomes(
                self.ctx.store.db, event_ids=[d.id], utc_offset=BUSINESS_UTC_OFFSET
            )
        )
        self._outcome = found[0] if found else None

    def _fill_header(self) -> None:
        """Show the header from what was read (no store access: a language switch only
        re-labels)."""
        d = self.detail
        assert d is not None
        self.title_label.setText(d.title)
        color = kind_color(d.kind, d.status).name()
        self.kind_pill.setText(label(d.kind))
        self.kind_pill.setStyleSheet(
            f"background: {color}; color: white; border-radius: 8px; padding: 2px 8px;"
        )
        self.status_pill.setText(label(d.status))
        self.status_pill.setStyleSheet(
            "background: #e8edf2; color: #22313f; border-radius: 8px; padding: 2px 8px;"
        )
        parts = [fmt_span(d.starts_at, d.ends_at)]
        if d.venue_name:
            parts.append(d.venue_name + (" (" + d.venue_address + ")" if d.venue_address else ""))
        if d.venue_note:
            parts.append(d.venue_note)
        if d.rep_name:
            parts.append(self.tr("Rep: %1").replace("%1", d.rep_name))
        if d.products:
            parts.append(
                self.tr("Products: %1").replace("%1", "、".join(p.name for p in d.products))
            )
        self.info.setText(" · ".join(parts))
        o = self._outcome
        self.stats["invited"].value.setText(str(d.invited))
        self.stats["confirmed"].value.setText(str(d.confirmed))
        self.stats["attended"].value.setText(str(d.attended))
        self.stats["noShow"].value.setText(str(d.no_show))
        self.stats["places"].value.setText(
            f"{d.expected} / {d.capacity}" if d.capacity is not None else str(d.expected)
        )
        rate = None if o is None else o.attendance_rate
        self.stats["attendanceRate"].value.setText("–" if rate is None else f"{rate:.0%}")
        avg = None if o is None else o.avg_feedback
        self.stats["avgFeedback"].value.setText("–" if avg is None else f"{avg:.1f}")
        self.stats["kocsFound"].value.setText(str(d.kocs_found if o is None else o.kocs_found))
        self._update_capacity()

    def _update_capacity(self) -> None:
        d = self.detail
        if d is None:
            return
        capacity = self.form.value("capacity") if self.dirty else d.capacity
        show_warning(self.capacity_warning, capacity_text(d.expected, capacity))

    def _fill_counties(self) -> None:
        d = self.detail
        counties = self.ctx.store.counties.list(order_by="name")
        venue = d.venue_county_id if d is not None else None
        items = [(c.name, c.id) for c in counties]
        refill_combo(self.koc_county, [(self.tr("All counties"), None), *items], prefer=venue)
        refill_combo(self.found_county, items, prefer=venue)
        if d is not None and d.venue_county_id:
            self.found_county.setCurrentIndex(max(self.found_county.findData(d.venue_county_id), 0))

    def _fill_found(self) -> None:
        self._found = (
            []
            if self.event_id is None
            else ve.kocs_found(self.ctx.store.db, event_id=self.event_id)
        )
        self._show_found()

    def _show_found(self) -> None:
        self.found_list.clear()
        for k in self._found:
            parts = [k.name, label(k.stage)]
            if k.mobile:
                parts.append(k.mobile)
            if k.county_name:
                parts.append(k.county_name)
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, k.id)
            self.found_list.addItem(item)
        d = self.detail
        if d is not None and d.venue_name:
            self.found_link.setText(
                self.tr("New KOCs are linked to the venue shop %1.").replace("%1", d.venue_name)
            )
        else:
            self.found_link.setText(self.tr("The event has no venue shop to link new KOCs to."))

    def _fill_photos(self) -> None:
        self.photo_list.clear()
        if self.event_id is None:
            return
        photos = self.ctx.store.photos.list(
            where={"event_id": self.event_id}, order_by="created_at"
        )
        for photo in photos:
            path = self.ctx.store.photos.path_of(photo)
            item = QListWidgetItem(photo.caption or "")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setToolTip(str(path))
            reader = QImageReader(str(path))
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(
                    size.scaled(QSize(176, 176), Qt.AspectRatioMode.KeepAspectRatio)
                )
            image = reader.read()
            if not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))
            self.photo_list.addItem(item)

    # ------------------------------------------------------------------ details

    def _form_base(self) -> dict[str, Any]:
        return {
            "venue_shop_id": self.venue.shop_id,
            "rep_id": self.detail.rep_id if self.detail else None,
            "notes": self.notes_form.value("notes") if hasattr(self, "notes_form") else None,
        }

    def _notes_base(self) -> dict[str, Any]:
        return {**self.form.values(), **self._form_base()}

    def _form_edited(self, name: str) -> None:
        self._duration = follow_start(self.form, name, self._duration)
        self._mark_dirty()
        if name in ("starts_at", "ends_at"):
            self._update_overlap()
        if name == "capacity":
            self._update_capacity()

    def _venue_changed(self) -> None:
        self._mark_dirty()
        self._update_overlap()

    def _mark_dirty(self) -> None:
        if self._loading or self.detail is None:
            return
        self.dirty = True
        self._update_buttons()

    def _update_overlap(self) -> None:
        d = self.detail
        start, end = self.form.value("starts_at"), self.form.value("ends_at")
        if (
            d is None
            or start is None
            or end is None
            or end <= start
            or self.form.value("status") == EventStatus.CANCELLED
        ):
            self._overlaps = []
        else:
            self._overlaps = ve.overlapping_events(
                self.ctx.store.db,
                starts_at=start,
                ends_at=end,
                rep_id=d.rep_id,
                venue_shop_id=self.venue.shop_id,
                exclude_event_id=d.id,
            )
        self._show_overlap()

    def _show_overlap(self) -> None:
        show_warning(self.overlap_warning, overlap_text(self._overlaps, self.venue.shop_name))

    def save(self) -> bool:
        """Save the details, products and notes (Ctrl+S); False when nothing was saved."""
        d = self.detail
        if d is None or not self.dirty:
            return False
        self.save_error.hide()
        errors = self.form.check()
        note_errors = self.notes_form.check()
        if self.venue.edit.text().strip() and self.venue.shop_id is None:
            self.tabs.setCurrentIndex(0)
            self.save_error.setText(self.tr("Pick the venue shop from the list, or clear it."))
            self.save_error.show()
            return False
        if errors:
            self.tabs.setCurrentIndex(0)
            self.form.editor(errors[0].field).setFocus()
            return False
        if note_errors:
            self.tabs.setCurrentIndex(3)
            self.notes_form.editor("notes").setFocus()
            return False
        changes = {**self.form.values(), **self.notes_form.values()}
        changes["venue_shop_id"] = self.venue.shop_id
        wanted = set(self.products.checked_ids())
        have = {p.product_id: p.link_id for p in d.products}
        store = self.ctx.store
        try:
            with store.transaction():
                store.events.update(d.id, **changes)
                for product_id, link_id in have.items():
                    if product_id not in wanted:
                        store.event_products.delete(link_id)
                for product_id in sorted(wanted - set(have)):
                    store.event_products.create(event_id=d.id, product_id=product_id)
        except ValidationError as exc:
            self.form.show_errors([e for e in exc.errors if e.field in self.form.names()])
            self.save_error.setText("\n".join(field_error_text(e) for e in exc.errors))
            self.save_error.show()
            self.tabs.setCurrentIndex(0)
            return False
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        self.dirty = False
        self._notify("events", "event_products")
        self.load()
        return True

    def discard(self) -> None:
        if self.detail is not None:
            self._fill_form()
            self._fill_header()
            self._update_buttons()

    # ------------------------------------------------------------------ inviting

    def _koc_filters(self) -> dict[str, Any]:
        stage = self.koc_stage.currentData()
        return {
            "event_id": self.event_id or "",
            "text": self.koc_search.text().strip() or None,
            "county_id": self.koc_county.currentData(),
            "stage": None if stage is None else stage.split(","),
            "include_invited": self.koc_show_invited.isChecked(),
        }

    def _fetch_kocs(self, order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        if self.event_id is None:
            return []
        return ve.invitable_kocs(
            self.ctx.store.db,
            order_by=order or "name",
            descending=desc,
            limit=limit,
            offset=offset,
            **self._koc_filters(),
        )

    def _count_kocs(self) -> int:
        if self.event_id is None:
            return 0
        return ve.invitable_koc_count(self.ctx.store.db, **self._koc_filters())

    def _owner_filters(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id or "",
            "text": self.owner_search.text().strip() or None,
            "min_level": self.owner_level.currentData(),
            "include_invited": self.owner_show_invited.isChecked(),
        }

    def _fetch_owners(self, order: str | None, desc: bool, limit: int, offset: int) -> list[Any]:
        if self.event_id is None:
            return []
        return ve.invitable_owners(
            self.ctx.store.db,
            order_by=order or "name",
            descending=desc,
            limit=limit,
            offset=offset,
            **self._owner_filters(),
        )

    def _count_owners(self) -> int:
        if self.event_id is None:
            return 0
        return ve.invitable_owner_count(self.ctx.store.db, **self._owner_filters())

    def reload_invitable(self) -> None:
        self.koc_model.reload()
        self.owner_model.reload()
        # The "already invited" column only matters while invited people are listed.
        self.koc_table.setColumnHidden(len(KOC_COLUMNS) - 1, not self.koc_show_invited.isChecked())
        self.owner_table.setColumnHidden(
            len(OWNER_COLUMNS) - 1, not self.owner_show_invited.isChecked()
        )
        self._show_counts()

    def _show_counts(self) -> None:
        self.koc_found.setText(self.tr("%1 KOCs").replace("%1", str(self.koc_model.total())))
        self.owner_found.setText(self.tr("%1 owners").replace("%1", str(self.owner_model.total())))
        self._update_buttons()

    def _selected(self, table: QTableView, model: QueryTableModel) -> list[Any]:
        rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
        return [r for r in (model.row_at(n) for n in rows) if r is not None]

    def invite_selected_kocs(self) -> tuple[int, int]:
        rows = self._selected(self.koc_table, self.koc_model)
        return self.invite(kocs=[r.id for r in rows])

    def invite_selected_owners(self) -> tuple[int, int]:
        rows = self._selected(self.owner_table, self.owner_model)
        return self.invite(owners=[r.id for r in rows])

    def invite(self, *, kocs: Sequence[str] = (), owners: Sequence[str] = ()) -> tuple[int, int]:
        """Invite people (one transaction); return (invited, skipped as already invited)."""
        if self.event_id is None or not (kocs or owners):
            return (0, 0)
        store = self.ctx.store
        already = {
            (r.person, r.person_id) for r in ve.invitations(store.db, event_id=self.event_id)
        }
        people = [("koc", k) for k in dict.fromkeys(kocs)] + [
            ("owner", o) for o in dict.fromkeys(owners)
        ]
        new = [p for p in people if p not in already]
        try:
            with store.transaction():
                for person, person_id in new:
                    store.invitations.create(event_id=self.event_id, **{f"{person}_id": person_id})
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return (0, 0)
        skipped = len(people) - len(new)
        text = self.tr("Invited %1.").replace("%1", str(len(new)))
        if skipped:
            text += " " + self.tr("%1 already invited, skipped.").replace("%1", str(skipped))
        self.invite_result.setText(text)
        if new:
            self._notify("invitations")
            self.invitations.load(self.event_id)
            self._after_invitations()
        self.reload_invitable()
        return (len(new), skipped)

    # ------------------------------------------------------------------ check-in and feedback

    def _table_rows(self, table: QTableView) -> list[int]:
        proxy = table.model()
        assert isinstance(proxy, InvitationFilter)
        selected = table.selectionModel().selectedRows()
        if not selected and table.currentIndex().isValid():
            selected = [table.currentIndex()]
        return proxy.source_rows(selected)

    def mark_selected(self, status: str) -> int:
        """Set the status of the people selected in the check-in table."""
        table = self.checkin_table
        rows = self._table_rows(table)
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

    def give_feedback(self, value: int | None, table: QTableView | None = None) -> int:
        rows = self._table_rows(table or self.feedback_table)
        if not rows:
            return 0
        return self.invitations.set_feedback(rows, value)

    def remove_selected(self) -> int:
        rows = self._table_rows(self.checkin_table)
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

    def _invitations_written(self) -> None:
        self.checkin_message.clear()
        self._notify("invitations")
        self._after_invitations()

    def _after_invitations(self) -> None:
        if self.event_id is not None:
            self.detail = ve.event_detail(self.ctx.store.db, event_id=self.event_id)
            self._load_outcome()
        if self.detail is not None:
            self._fill_header()
        self._update_checkin_summary()

    def _refused(self, text: str) -> None:
        self.checkin_message.setText(text)

    def _search_to_table(self) -> None:
        if self.checkin_proxy.rowCount():
            self.checkin_table.setFocus()
            self.checkin_table.selectRow(0)
            self.checkin_table.setCurrentIndex(self.checkin_proxy.index(0, 0))

    def _checkin_filter_changed(self, _index: int) -> None:
        value = self.checkin_filter.currentData()
        self.checkin_proxy.set_statuses(None if value is None else value.split(","))

    def _update_checkin_summary(self) -> None:
        rows = self.invitations.rows()
        attended = sum(r.status == InvitationStatus.ATTENDED for r in rows)
        no_show = sum(r.status == InvitationStatus.NO_SHOW for r in rows)
        self.checkin_summary.setText(
            self.tr("Attended %1 of %2 · no-show %3")
            .replace("%1", str(attended))
            .replace("%2", str(len(rows)))
            .replace("%3", str(no_show))
        )

    # ------------------------------------------------------------------ KOCs found, photos

    def _koc_base(self) -> dict[str, Any]:
        return {
            "county_id": self.found_county.currentData(),
            "rep_id": self.ctx.store.user_id,
            "source_event_id": self.event_id,
        }

    def add_found_koc(self) -> str | None:
        """Create a KOC found at this event (and link them to the venue shop); their id."""
        d = self.detail
        if d is None:
            return None
        errors = self.koc_form.check()
        if errors:
            self.koc_form.editor(errors[0].field).setFocus()
            return None
        data = {k: v for k, v in self.koc_form.values().items() if v is not None}
        store = self.ctx.store
        try:
            with store.transaction():
                koc = store.kocs.create(**data, **self._koc_base())
                if d.venue_shop_id is not None:
                    store.koc_shops.create(
                        koc_id=koc.id,
                        shop_id=d.venue_shop_id,
                        introduced_at=to_local(d.starts_at).date(),
                    )
        except ValidationError as exc:
            self.koc_form.show_errors([e for e in exc.errors if e.field in self.koc_form.names()])
            if not any(e.field in self.koc_form.names() for e in exc.errors):
                self.ctx.errors.show(exc)
            return None
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return None
        self.koc_form.set_values({"name": None, "mobile": None, "wechat": None})
        self._notify("kocs", "koc_shops")
        self._fill_found()
        self._after_invitations()
        self.koc_form.editor("name").setFocus()
        return koc.id

    def _choose_photos(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos"),
            str(Path.home()),
            self.tr("Pictures (*.jpg *.jpeg *.png *.webp *.heic)"),
        )
        if paths:
            self.attach_photos(paths)

    def attach_photos(self, paths: Sequence[str]) -> int:
        """Copy pictures into the store and attach them to the event; how many were added."""
        if self.event_id is None:
            return 0
        added = 0
        for path in paths:
            try:
                self.ctx.store.photos.add_file(path, event_id=self.event_id)
            except FieldappError as exc:
                self.ctx.errors.show(exc)
                continue
            added += 1
        if added:
            self._notify("photos")
            self._fill_photos()
        return added

    # ------------------------------------------------------------------ state

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.dirty)
        self.discard_button.setEnabled(self.dirty)
        n_kocs = _selected_count(self.koc_table)
        n_owners = _selected_count(self.owner_table)
        self.invite_kocs_button.setEnabled(n_kocs > 0)
        self.invite_owners_button.setEnabled(n_owners > 0)
        self.invite_kocs_button.setText(
            self.tr("Invite selected KOCs (%1)").replace("%1", str(n_kocs))
        )
        self.invite_owners_button.setText(
            self.tr("Invite selected owners (%1)").replace("%1", str(n_owners))
        )

    def _notify(self, *tables: str) -> None:
        self._own_write = True
        try:
            self.ctx.notify(*tables)
        finally:
            self._own_write = False

    def _table_changed(self, table: str) -> None:
        if self._own_write or self.event_id is None:
            return
        if table in ("events", "event_products", "invitations", "kocs", "owners", "photos"):
            if self.isVisible():
                self.load(keep_edits=True)
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.load(keep_edits=True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page keeps what was typed: save it when it is valid.
        if self.dirty:
            self.save()
        super().hideEvent(event)

    def focus_search(self) -> bool:
        index = self.tabs.currentIndex()
        target = {1: self.koc_search, 2: self.checkin_search}.get(index)
        if target is None:
            self.tabs.setCurrentIndex(2)
            target = self.checkin_search
        target.setFocus()
        target.selectAll()
        return True

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("‹ All events"))
        self.save_button.setText(self.tr("Save changes"))
        self.discard_button.setText(self.tr("Discard changes"))
        self.missing.setText(self.tr("This event no longer exists."))
        captions = {
            "invited": self.tr("Invited"),
            "confirmed": self.tr("Confirmed"),
            "attended": self.tr("Attended"),
            "noShow": self.tr("No-show"),
            "places": self.tr("Expected / places"),
            "attendanceRate": self.tr("Attendance rate"),
            "avgFeedback": self.tr("Average feedback"),
            "kocsFound": self.tr("KOCs found"),
        }
        for name, text in captions.items():
            self.stats[name].caption.setText(text)
        for n, text in enumerate(
            (self.tr("Details"), self.tr("Invite"), self.tr("Check-in"), self.tr("Outcomes"))
        ):
            self.tabs.setTabText(n, text)
        self.venue_label.setText(self.tr("Venue shop"))
        self.products_label.setText(self.tr("Products to show"))
        self.venue.retranslate()
        # Invite tab.
        self.koc_box.setTitle(self.tr("KOCs"))
        self.owner_box.setTitle(self.tr("Owners"))
        self.koc_search.setPlaceholderText(self.tr("Name, pinyin, initials or phone"))
        self.owner_search.setPlaceholderText(self.tr("Owner or shop: name, pinyin or phone"))
        self.koc_show_invited.setText(self.tr("Show people already invited"))
        self.owner_show_invited.setText(self.tr("Show people already invited"))
        refill_combo(self.koc_stage, self._stage_items())
        refill_combo(self.owner_level, self._level_items())
        if self.koc_county.count():
            self.koc_county.setItemText(0, self.tr("All counties"))
        # Check-in tab.
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
        # Outcomes tab.
        self.feedback_box.setTitle(self.tr("Feedback from attendees"))
        self.feedback_hint.setText(
            self.tr("Select a person and press 1–5 (0 clears). Only people who attended.")
        )
        self.found_box.setTitle(self.tr("KOCs found at this event"))
        self.found_county_label.setText(self.tr("County"))
        self.add_koc_button.setText(self.tr("Add KOC found here"))
        self.notes_box.setTitle(self.tr("Notes and photos"))
        self.attach_button.setText(self.tr("Attach photos…"))
        self.invitations.retranslate()
        self.koc_model.retranslate()
        self.owner_model.retranslate()
        if self.detail is not None:
            self._fill_header()
            self._show_found()
            self._show_counts()
            self._update_checkin_summary()
            self._show_overlap()
        self._update_buttons()

    def _stage_items(self) -> list[tuple[str, Any]]:
        items: list[tuple[str, Any]] = [
            (self.tr("All stages"), None),
            (self.tr("Not dormant"), "spotted,introduced,experienced,advocating"),
        ]
        items += [(text, str(value)) for value, text in choices(KocStage)]
        return items

    def _level_items(self) -> list[tuple[str, Any]]:
        return [
            (self.tr("Any relationship level"), None),
            (self.tr("Level 5 only"), 5),
            (self.tr("Level 4 and up"), 4),
            (self.tr("Level 3 and up"), 3),
            (self.tr("Level 2 and up"), 2),
        ]
