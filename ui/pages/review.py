"""The review queue: a supervisor's submitted visits, one at a time, approve or return.

The left half lists the team's submitted visits (oldest first), filtered by rep, county,
shop tier and a range of visit days; the right half shows the chosen visit read-only with
everything the rep recorded (checklist, orders, notes, KOCs spotted, next actions,
photos) and its review history. Approve, or Return with a comment (required): the
decision goes through ``store.visits.review`` (the history row and the visit's review
fields in one transaction) and syncs back to the rep, who sees it on Today.

Only supervisors and admins get this page (``ui.pages.build_pages``); a supervisor sees
their team's reps, an admin every rep in the store.
Threading: UI thread; every query here is one indexed, paged statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import BUSINESS_UTC_OFFSET, ReviewDecision, ReviewStatus, Tier, Visit
from fieldapp.store import views_visits as vv

from ..context import AppContext
from ..forms import refill_combo
from ..labels import field_error_text, label
from ..models import Column, QueryTableModel
from ..page import Page
from ..photos import thumbnail_icon
from . import team_of

CONTEXT = "ReviewPage"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _local(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None) + BUSINESS_UTC_OFFSET


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _when(value: datetime | None) -> str:
    local = _local(value)
    return "" if local is None else local.strftime("%Y-%m-%d %H:%M")


def _hhmm(value: datetime | None) -> str:
    local = _local(value)
    return "" if local is None else local.strftime("%H:%M")


def _count(n: Any) -> str:
    return str(n) if n else ""


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


QUEUE_COLUMNS = [
    Column("visit_date", QT_TRANSLATE_NOOP("ReviewPage", "Date"), sort="visit_date", fmt=_day),
    Column("rep_name", QT_TRANSLATE_NOOP("ReviewPage", "Rep"), sort="rep"),
    Column("shop_name", QT_TRANSLATE_NOOP("ReviewPage", "Shop"), sort="shop"),
    Column("tier", QT_TRANSLATE_NOOP("ReviewPage", "Tier"), sort="tier", fmt=label),
    Column("county_name", QT_TRANSLATE_NOOP("ReviewPage", "County"), sort="county"),
    Column(
        "order_lines",
        QT_TRANSLATE_NOOP("ReviewPage", "Orders"),
        sort="lines",
        fmt=_count,
        align_right=True,
    ),
    Column(
        "photos",
        QT_TRANSLATE_NOOP("ReviewPage", "Photos"),
        sort="photos",
        fmt=_count,
        align_right=True,
    ),
    Column(
        "times_returned",
        QT_TRANSLATE_NOOP("ReviewPage", "Returned"),
        sort="returned",
        fmt=_count,
        align_right=True,
    ),
]

LINE_COLUMNS = [
    Column("product_name", QT_TRANSLATE_NOOP("ReviewPage", "Product")),
    Column("quantity", QT_TRANSLATE_NOOP("ReviewPage", "Qty"), align_right=True),
    Column("unit_price", QT_TRANSLATE_NOOP("ReviewPage", "Price"), fmt=_money, align_right=True),
    Column("amount", QT_TRANSLATE_NOOP("ReviewPage", "Amount"), fmt=_money, align_right=True),
]


def _decision(value: Any) -> str:
    return label(ReviewStatus(str(value))) if value else ""


HISTORY_COLUMNS = [
    Column("decided_at", QT_TRANSLATE_NOOP("ReviewPage", "When"), fmt=_when),
    Column("decision", QT_TRANSLATE_NOOP("ReviewPage", "Decision"), fmt=_decision),
    Column("reviewer_name", QT_TRANSLATE_NOOP("ReviewPage", "By")),
    Column("comment", QT_TRANSLATE_NOOP("ReviewPage", "Comment")),
]


def _small_table(name: str, model: QueryTableModel, rows: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    row_h = view.verticalHeader().defaultSectionSize()
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + row_h * rows + 4)
    return view


class VisitReviewView(QWidget):
    """One visit, read-only: what the rep recorded and the decisions so far."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("visitReviewView")
        self.visit_id: str | None = None
        self._lines: list[vv.OrderLineRow] = []
        self._history: list[vv.ReviewRow] = []

        self.title = QLabel()
        self.title.setObjectName("reviewTitle")
        self.title.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("reviewSubtitle")
        self.subtitle.setStyleSheet("color: #444;")
        self.subtitle.setWordWrap(True)

        self.check_box = QGroupBox()
        self.check_box.setObjectName("reviewChecklist")
        form = QFormLayout(self.check_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        for key in (
            "check_display",
            "check_stock",
            "check_price",
            "check_competitor",
            "check_notes",
            "relationship_level",
            "relationship_note",
            "next_actions",
        ):
            name, value = QLabel(), QLabel()
            value.setObjectName(f"review_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key], self.names[key] = value, name
            form.addRow(name, value)

        self.lines_box = QGroupBox()
        self.lines_box.setObjectName("reviewOrders")
        self.lines_model = QueryTableModel(
            LINE_COLUMNS,
            lambda _o, _d, n, off: self._lines[off : off + n],
            lambda: len(self._lines),
            context=CONTEXT,
            parent=self,
        )
        self.lines_table = _small_table("reviewOrderLines", self.lines_model, 3)
        lines_header = self.lines_table.horizontalHeader()
        lines_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lines_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lines_header.setStretchLastSection(False)
        self.total = QLabel()
        self.total.setObjectName("reviewOrderTotal")
        box = QVBoxLayout(self.lines_box)
        box.addWidget(self.lines_table)
        box.addWidget(self.total)

        self.kocs_box = QGroupBox()
        self.kocs_box.setObjectName("reviewKocs")
        self.kocs = QLabel()
        self.kocs.setObjectName("reviewKocList")
        self.kocs.setWordWrap(True)
        QVBoxLayout(self.kocs_box).addWidget(self.kocs)

        self.photos_box = QGroupBox()
        self.photos_box.setObjectName("reviewPhotos")
        self.photos = QListWidget()
        self.photos.setObjectName("reviewPhotoList")
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(self.photos.iconSize().expandedTo(self._thumb_size()))
        self.photos.setFixedHeight(self._thumb_size().height() + 24)
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setFlow(QListView.Flow.LeftToRight)
        self.photos.setWrapping(False)
        self.photos.itemActivated.connect(self._open_photo)
        self.no_photos = QLabel()
        self.no_photos.setObjectName("reviewNoPhotos")
        self.no_photos.setStyleSheet("color: #777;")
        pb = QVBoxLayout(self.photos_box)
        pb.addWidget(self.photos)
        pb.addWidget(self.no_photos)

        self.history_box = QGroupBox()
        self.history_box.setObjectName("reviewHistory")
        self.history_model = QueryTableModel(
            HISTORY_COLUMNS,
            lambda _o, _d, n, off: self._history[off : off + n],
            lambda: len(self._history),
            context=CONTEXT,
            parent=self,
        )
        self.history_table = _small_table("reviewHistoryTable", self.history_model, 2)
        history_header = self.history_table.horizontalHeader()
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the comment
        history_header.setStretchLastSection(False)
        self.no_history = QLabel()
        self.no_history.setObjectName("reviewNoHistory")
        self.no_history.setStyleSheet("color: #777;")
        hb = QVBoxLayout(self.history_box)
        hb.addWidget(self.history_table)
        hb.addWidget(self.no_history)

        inner = QWidget()
        col = QVBoxLayout(inner)
        col.setContentsMargins(0, 0, 6, 0)
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        # The history first: on a resubmitted visit, what was asked for the last time.
        col.addWidget(self.history_box)
        col.addWidget(self.check_box)
        col.addWidget(self.lines_box)
        col.addWidget(self.kocs_box)
        col.addWidget(self.photos_box)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("reviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate()

    @staticmethod
    def _thumb_size() -> QSize:
        return QSize(96, 96)

    def show_visit(self, visit_id: str | None) -> None:
        """Show this visit (None: nothing chosen)."""
        self.visit_id = visit_id
        db = self.ctx.store.db
        detail = None if visit_id is None else vv.visit_detail(db, visit_id=visit_id)
        visit = None if detail is None else self.ctx.store.visits.find(detail.visit_id)
        self.setEnabled(detail is not None)
        if detail is None or visit is None:
            self.title.setText(
                QCoreApplication.translate("ReviewPage", "Choose a visit on the left.")
            )
            self.subtitle.clear()
            for value in self.values.values():
                value.clear()
            self._lines, self._history = [], []
            self.lines_model.reload()
            self.history_model.reload()
            self.kocs.clear()
            self.photos.clear()
            self.total.clear()
            return
        rep = self.ctx.store.users.find(detail.rep_id) if detail.rep_id else None
        county = self.ctx.store.counties.find(detail.county_id)
        self.title.setText(f"{detail.shop_name} · {label(detail.shop_tier)}")
        times = f"{_hhmm(detail.checkin_at)}–{_hhmm(detail.checkout_at)}"
        parts = [
            rep.name if rep else "",
            county.name if county else "",
            _when(detail.checkin_at)[:10] or _day(detail.planned_date),
            times,
        ]
        if detail.owner_name:
            parts.append(
                QCoreApplication.translate("ReviewPage", "Owner %1 (level %2)")
                .replace("%1", detail.owner_name)
                .replace("%2", str(detail.owner_level or ""))
            )
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self._show_fields(visit)
        self._lines = list(detail.lines)
        self.lines_model.reload()
        amounts = [line.amount for line in detail.lines if line.amount is not None]
        self.total.setText(
            QCoreApplication.translate("ReviewPage", "Total %1").replace("%1", _money(sum(amounts)))
            if amounts
            else ""
        )
        self.lines_table.setVisible(bool(detail.lines))
        if not detail.lines:
            self.total.setText(QCoreApplication.translate("ReviewPage", "No order taken."))
        self.kocs.setText(
            "\n".join(
                f"{k.name} · {label(k.stage)} · "
                + QCoreApplication.translate("ReviewPage", "traits %1/20").replace(
                    "%1", str(k.trait_score)
                )
                + (
                    ""
                    if k.consent
                    else " · " + QCoreApplication.translate("ReviewPage", "no consent yet")
                )
                for k in detail.kocs
            )
            or QCoreApplication.translate("ReviewPage", "No KOC spotted.")
        )
        self._show_photos(detail)
        self._history = vv.review_history(db, visit_id=detail.visit_id)
        self.history_model.reload()
        self._fit_history()
        self.history_table.setVisible(bool(self._history))
        self.no_history.setVisible(not self._history)

    def _fit_history(self) -> None:
        """Show every decision with its whole comment (wrapped), up to about four lines."""
        table = self.history_table
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(i) for i in range(self.history_model.rowCount()))
        cap = table.verticalHeader().defaultSectionSize() * 4
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + min(rows, cap) + 4)

    def _show_fields(self, visit: Visit) -> None:
        for key, widget in self.values.items():
            value = getattr(visit, key)
            if value is None:
                widget.setText("—")
            elif key == "relationship_level":
                widget.setText(str(value))
            elif key.startswith("check_") and key != "check_notes":
                widget.setText(label(value))
            else:
                widget.setText(str(value))

    def _show_photos(self, detail: vv.VisitDetail) -> None:
        self.photos.clear()
        size = self._thumb_size().width()
        for p in detail.photos:
            path = self.ctx.store.photos.path_for(p.sha256, p.mime)
            item = QListWidgetItem(thumbnail_icon(path, size), "")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(p.caption or f"{p.size // 1024} KB")
            self.photos.addItem(item)
        self.photos.setVisible(bool(detail.photos))
        self.no_photos.setVisible(not detail.photos)

    def _open_photo(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.data(Qt.ItemDataRole.UserRole))))

    def retranslate(self) -> None:
        names = {
            "check_display": QCoreApplication.translate("ReviewPage", "Display"),
            "check_stock": QCoreApplication.translate("ReviewPage", "Stock"),
            "check_price": QCoreApplication.translate("ReviewPage", "Price"),
            "check_competitor": QCoreApplication.translate("ReviewPage", "Competitors"),
            "check_notes": QCoreApplication.translate("ReviewPage", "Check notes"),
            "relationship_level": QCoreApplication.translate("ReviewPage", "Relationship level"),
            "relationship_note": QCoreApplication.translate("ReviewPage", "Relationship notes"),
            "next_actions": QCoreApplication.translate("ReviewPage", "Next actions"),
        }
        for key, text in names.items():
            self.names[key].setText(text)
        self.check_box.setTitle(QCoreApplication.translate("ReviewPage", "What the rep recorded"))
        self.lines_box.setTitle(QCoreApplication.translate("ReviewPage", "Orders"))
        self.kocs_box.setTitle(QCoreApplication.translate("ReviewPage", "KOCs spotted"))
        self.photos_box.setTitle(QCoreApplication.translate("ReviewPage", "Photos"))
        self.no_photos.setText(QCoreApplication.translate("ReviewPage", "No photos."))
        self.history_box.setTitle(QCoreApplication.translate("ReviewPage", "Review history"))
        self.no_history.setText(
            QCoreApplication.translate("ReviewPage", "First review of this visit.")
        )
        self.lines_model.retranslate()
        self.history_model.retranslate()
        self.show_visit(self.visit_id)


class ReviewPage(Page):
    page_id = "review"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Review")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._dirty = True
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(200)
        self._later.timeout.connect(lambda: self.refresh() if self._dirty else None)
        ctx.signals.changed.connect(self._changed)
        db = ctx.store.db

        self.rep_filter = QComboBox()
        self.rep_filter.setObjectName("repFilter")
        self.county_filter = QComboBox()
        self.county_filter.setObjectName("countyFilter")
        self.tier_filter = QComboBox()
        self.tier_filter.setObjectName("tierFilter")
        self.date_filter = QCheckBox()
        self.date_filter.setObjectName("dateFilter")
        self.since_edit = QDateEdit()
        self.since_edit.setObjectName("sinceDate")
        self.until_edit = QDateEdit()
        self.until_edit.setObjectName("untilDate")
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        today = ctx.today()
        self.until_edit.setDate(QDate(today.year, today.month, today.day))
        self.since_edit.setDate(QDate(today.year, today.month, today.day).addDays(-13))
        self.count_label = QLabel()
        self.count_label.setObjectName("queueCount")
        self.count_label.setStyleSheet("color: #444;")

        self.queue_model = QueryTableModel(
            QUEUE_COLUMNS,
            lambda o, d, n, off: vv.review_queue(
                db, **self.filters(), order=o, descending=d, limit=n, offset=off
            ),
            lambda: vv.count_review_queue(db, **self.filters()),
            context=CONTEXT,
            parent=self,
        )
        self.queue = QTableView()
        self.queue.setObjectName("reviewQueue")
        self.queue.setModel(self.queue_model)
        # No sort indicator at first: the queue's own order (oldest first) until a click.
        self.queue.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.queue.setSortingEnabled(True)
        self.queue.horizontalHeader().setResizeContentsPrecision(40)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.verticalHeader().hide()
        self.queue.setAlternatingRowColors(True)
        header = self.queue.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.queue.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("queueEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #777; padding: 20px;")

        self.view = VisitReviewView(ctx)
        self.comment_label = QLabel()
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setFixedHeight(64)
        self.comment_error = QLabel()
        self.comment_error.setObjectName("commentError")
        self.comment_error.setStyleSheet("color: #c0392b;")
        self.comment_error.hide()
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setStyleSheet("font-weight: bold;")
        self.return_button = QPushButton()
        self.return_button.setObjectName("returnButton")
        self.open_button = QPushButton()
        self.open_button.setObjectName("openVisitButton")
        self.approve_button.clicked.connect(lambda: self.decide(ReviewDecision.APPROVED))
        self.return_button.clicked.connect(lambda: self.decide(ReviewDecision.RETURNED))
        self.open_button.clicked.connect(self._open_visit)

        filters = QHBoxLayout()
        self.filter_labels: list[QLabel] = []
        for widget in (self.rep_filter, self.county_filter, self.tier_filter):
            text = QLabel()
            text.setBuddy(widget)
            self.filter_labels.append(text)
            filters.addWidget(text)
            filters.addWidget(widget)
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filters.addSpacing(8)
        filters.addWidget(self.date_filter)
        filters.addWidget(self.since_edit)
        self.to_label = QLabel("–")
        filters.addWidget(self.to_label)
        filters.addWidget(self.until_edit)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.queue, 1)
        lv.addWidget(self.empty_label)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        rv.addWidget(self.view, 1)
        rv.addWidget(self.comment_label)
        rv.addWidget(self.comment)
        rv.addWidget(self.comment_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        rv.addLayout(buttons)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("reviewSplit")
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 5)
        self.split.setStretchFactor(1, 4)
        self.split.setChildrenCollapsible(False)
        right.setMinimumWidth(420)
        right.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(filters)
        layout.addWidget(self.split, 1)

        self._fill_filters()
        for combo in (self.rep_filter, self.county_filter, self.tier_filter):
            combo.currentIndexChanged.connect(self.reload)
        self.date_filter.toggled.connect(self._dates_toggled)
        self.since_edit.dateChanged.connect(self.reload)
        self.until_edit.dateChanged.connect(self.reload)
        self.retranslate()

    # ------------------------------------------------------------------ filters

    def _fill_filters(self) -> None:
        db = self.ctx.store.db
        team = team_of(self.ctx)
        for combo, choices, everyone in (
            (
                self.rep_filter,
                vv.team_reps(db, team_id=team),
                QCoreApplication.translate("ReviewPage", "All reps"),
            ),
            (
                self.county_filter,
                vv.team_counties(db, team_id=team),
                QCoreApplication.translate("ReviewPage", "All counties"),
            ),
        ):
            refill_combo(combo, [(everyone, None), *((c.name, c.id) for c in choices)])
        if self.tier_filter.count() == 0:
            self.tier_filter.addItem("", None)
            for tier in Tier:
                self.tier_filter.addItem(label(tier), tier.value)

    def filters(self) -> dict[str, Any]:
        """The queue's filters as ``review_queue`` keywords."""
        since = until = None
        if self.date_filter.isChecked():
            since = self.since_edit.date().toPython()
            until = self.until_edit.date().toPython()
        return {
            "team_id": team_of(self.ctx),
            "rep_id": self.rep_filter.currentData(),
            "county_id": self.county_filter.currentData(),
            "tier": self.tier_filter.currentData(),
            "since": since,
            "until": until,
        }

    def _dates_toggled(self, on: bool) -> None:
        self.since_edit.setEnabled(on)
        self.until_edit.setEnabled(on)
        self.reload()

    # ------------------------------------------------------------------ data

    def open(self, arg: object = None) -> None:
        self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        self._fill_filters()
        self.reload()

    def reload(self, *_args: object) -> None:
        """Query the queue again and keep the chosen visit if it is still waiting."""
        keep = self.view.visit_id
        self.queue_model.reload()
        total = self.queue_model.total()
        self.count_label.setText(
            QCoreApplication.translate("ReviewPage", "%1 visits waiting").replace("%1", str(total))
        )
        self.empty_label.setVisible(total == 0)
        row = self._row_of(keep)
        if row is None and self.queue_model.rowCount() > 0:
            row = 0
        if row is None:
            self.queue.clearSelection()
            self._show(None)
        else:
            self.queue.selectRow(row)
            self._show(self.queue_model.row_at(row).visit_id)

    def _row_of(self, visit_id: str | None) -> int | None:
        if visit_id is None:
            return None
        for i in range(self.queue_model.rowCount()):
            if self.queue_model.row_at(i).visit_id == visit_id:
                return i
        return None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.queue_model.row_at(current.row()) if current.isValid() else None
        if row is not None and row.visit_id != self.view.visit_id:
            self._show(row.visit_id)

    def _show(self, visit_id: str | None) -> None:
        if visit_id != self.view.visit_id:
            self.comment.clear()
            self.comment_error.hide()
        self.view.show_visit(visit_id)
        for button in (self.approve_button, self.return_button, self.open_button):
            button.setEnabled(visit_id is not None)
        self.comment.setEnabled(visit_id is not None)

    def select(self, visit_id: str) -> bool:
        """Choose a visit of the queue (tests, links); False when it is not waiting."""
        row = self._row_of(visit_id)
        if row is None:
            return False
        self.queue.selectRow(row)
        self._show(visit_id)
        return True

    # ------------------------------------------------------------------ decisions

    def decide(self, decision: ReviewDecision) -> bool:
        """Approve or return the shown visit; True when the decision was recorded."""
        visit_id = self.view.visit_id
        if visit_id is None:
            return False
        comment = self.comment.toPlainText().strip() or None
        if decision == ReviewDecision.RETURNED and comment is None:
            self._comment_error(
                QCoreApplication.translate(
                    "ReviewPage", "Write what the rep should fix before returning the visit."
                )
            )
            return False
        try:
            self.ctx.store.visits.review(visit_id, decision=decision, comment=comment)
        except ValidationError as exc:
            self._comment_error(field_error_text(exc.errors[0]))
            return False
        except FieldappError as exc:  # e.g. the visit was decided on another device meanwhile
            self.ctx.errors.show(exc)
            self.reload()
            return False
        next_row = self._row_of(visit_id)
        self.comment.clear()
        self.comment_error.hide()
        self.ctx.notify("visits", "visit_reviews")
        self._after_decision(next_row)
        return True

    def _after_decision(self, row: int | None) -> None:
        self.queue_model.reload()
        total = self.queue_model.total()
        self.count_label.setText(
            QCoreApplication.translate("ReviewPage", "%1 visits waiting").replace("%1", str(total))
        )
        self.empty_label.setVisible(total == 0)
        count = self.queue_model.rowCount()
        if count == 0:
            self._show(None)
            return
        # The next visit moves up into the decided one's place.
        row = min(row or 0, count - 1)
        self.queue.selectRow(row)
        self._show(self.queue_model.row_at(row).visit_id)

    def _comment_error(self, text: str) -> None:
        self.comment_error.setText(text)
        self.comment_error.show()
        self.comment.setFocus()

    def _open_visit(self) -> None:
        if self.view.visit_id is not None:
            self.ctx.go("visit", {"visit_id": self.view.visit_id})

    # ------------------------------------------------------------------ housekeeping

    def _changed(self, table: str) -> None:
        if table in ("visits", "visit_reviews", "users", "shops", "counties"):
            self._dirty = True
            if self.isVisible():
                self._later.start()  # one reload after a burst of changes (a sync)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def retranslate(self) -> None:
        texts = (
            QCoreApplication.translate("ReviewPage", "Rep"),
            QCoreApplication.translate("ReviewPage", "County"),
            QCoreApplication.translate("ReviewPage", "Tier"),
        )
        for text_label, text in zip(self.filter_labels, texts, strict=True):
            text_label.setText(text)
        self.rep_filter.setItemText(0, QCoreApplication.translate("ReviewPage", "All reps"))
        self.county_filter.setItemText(0, QCoreApplication.translate("ReviewPage", "All counties"))
        self.tier_filter.setItemText(0, QCoreApplication.translate("ReviewPage", "All tiers"))
        for i, tier in enumerate(Tier, start=1):
            self.tier_filter.setItemText(i, label(tier))
        self.date_filter.setText(QCoreApplication.translate("ReviewPage", "Visit days"))
        self.empty_label.setText(
            QCoreApplication.translate("ReviewPage", "No submitted visits wait for review.")
        )
        self.comment_label.setText(
            QCoreApplication.translate("ReviewPage", "Comment for the rep (required to return):")
        )
        self.comment.setPlaceholderText(
            QCoreApplication.translate(
                "ReviewPage", "E.g. the shelf photo is blurred; take it again from the front."
            )
        )
        self.approve_button.setText(QCoreApplication.translate("ReviewPage", "Approve"))
        self.return_button.setText(QCoreApplication.translate("ReviewPage", "Return to rep"))
        self.open_button.setText(QCoreApplication.translate("ReviewPage", "Open visit page"))
        self.queue_model.retranslate()
        self.view.retranslate()
        total = self.queue_model.total()
        self.count_label.setText(
            QCoreApplication.translate("ReviewPage", "%1 visits waiting").replace("%1", str(total))
        )

    def focus_search(self) -> bool:
        self.rep_filter.setFocus()
        return True


def queue_ids(page: ReviewPage) -> Sequence[str]:
    """The visit ids the queue shows now, in order (for tests and tools)."""
    model = page.queue_model
    while model.canFetchMore():
        model.fetchMore()
    return [model.row_at(i).visit_id for i in range(model.rowCount())]
