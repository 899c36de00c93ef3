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
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QPainter, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.model import ReviewDecision, ReviewStatus, Tier, Visit
from fieldapp.store import evidence_photos as ep, views_visits as vv
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..clock import beijing
from ..context import AppContext
from ..forms import refill_combo
from ..labels import field_error_text, flag_name, label, word
from ..models import ROW_ROLE, Column, QueryTableModel
from ..page import Page
from ..photo_viewer import PhotoViewer
from ..photos import thumbnail_icon
from ..widgets.compact_header import CompactHeader
from ..widgets.empty_state import EmptyState
from ..widgets.evidence_pills import EvidencePills
from ..widgets.review_parts import DecisionPanel, ReviewFilters
from ..widgets.status_pill import PillDelegate
from . import team_of

CONTEXT = "ReviewPage"
#: A review photo item's photo id.
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _local(value: datetime | None) -> datetime | None:
    return None if value is None else beijing(value)


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


def _yuan(value: float | None) -> str:
    return f"¥{value:,.0f}" if value else ""


def _minutes(value: int | None) -> str:
    if value is None:
        return ""
    return QCoreApplication.translate("ReviewPage", "%1 min").replace("%1", str(value))


QUEUE_COLUMNS = [
    Column("visit_date", QT_TRANSLATE_NOOP("ReviewPage", "Date"), sort="visit_date", fmt=_day),
    Column("rep_name", QT_TRANSLATE_NOOP("ReviewPage", "Rep"), sort="rep"),
    Column("shop_name", QT_TRANSLATE_NOOP("ReviewPage", "Shop"), sort="shop"),
    Column("tier", word("tier"), sort="tier", fmt=label),
    Column("county_name", QT_TRANSLATE_NOOP("ReviewPage", "County"), sort="county"),
    Column(
        "order_lines",
        QT_TRANSLATE_NOOP("ReviewPage", "Orders"),
        sort="lines",
        fmt=_count,
        align_right=True,
    ),
    Column(
        "amount",
        QT_TRANSLATE_NOOP("ReviewPage", "Order value"),
        sort="amount",
        fmt=_yuan,
        align_right=True,
    ),
    Column(
        "minutes",
        QT_TRANSLATE_NOOP("ReviewPage", "Duration"),
        sort="duration",
        fmt=_minutes,
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
#: The queue's photos column: the count, and the visit's evidence flags (the rep's
#: device's findings, fieldapp.evidence) as a pill "3 ⚠2" whose tooltip names them
#: (no column of its own: at 1366x768 the shop's name needs the room).
EVIDENCE_COLUMN = next(i for i, c in enumerate(QUEUE_COLUMNS) if c.key == "photos")


class QueueModel(QueryTableModel):
    """The queue; the photos cell also counts the evidence flags, its tooltip names them."""

    def display(self, row: Any, column: Column) -> str:
        text = super().display(row, column)
        if column.key == "photos" and row.flag_count:
            return f"{text} ⚠{row.flag_count}".strip()
        return text

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == EVIDENCE_COLUMN:
            row = self.data(index, ROW_ROLE)
            return "\n".join(flag_name(c) for c in row.flags) if row is not None else None
        return super().data(index, role)


class FlagDelegate(PillDelegate):
    """A flagged visit's photos cell as a pill; others as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(lambda row, _v: "flagged" if row is not None and row.flags else None,
                         parent)  # fmt: skip

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and row.flags:
            super().paint(painter, option, index)
        else:
            QStyledItemDelegate.paint(self, painter, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QStyledItemDelegate.sizeHint(self, option, index) + QSize(self.extra_width, 0)


LINE_COLUMNS = [
    Column("product_name", QT_TRANSLATE_NOOP("ReviewPage", "Product")),
    Column("quantity", QT_TRANSLATE_NOOP("ReviewPage", "Qty"), align_right=True),
    Column("unit_price", QT_TRANSLATE_NOOP("ReviewPage", "Price"), fmt=_money, align_right=True),
    Column("amount", QT_TRANSLATE_NOOP("ReviewPage", "Amount"), fmt=_money, align_right=True),
    # A price apart from the list/promotion price is the supervisor's to approve (issue 16).
    Column("override_note", QT_TRANSLATE_NOOP("ReviewPage", "Price override")),
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
        theme.set_role(self.title, "section")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("reviewSubtitle")
        theme.set_role(self.subtitle, "muted")
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
        theme.set_role(self.no_photos, "muted")
        self.evidence = EvidencePills()
        pb = QVBoxLayout(self.photos_box)
        pb.addWidget(self.photos)
        pb.addWidget(self.no_photos)
        pb.addWidget(self.evidence)

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
        theme.set_role(self.no_history, "muted")
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
            self.evidence.show_flags(None)
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
        self.evidence.show_flags(visit.evidence_flags, [p.photo_id for p in detail.photos])
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
            item.setData(PHOTO_ID_ROLE, p.photo_id)
            item.setToolTip(p.caption or f"{p.size // 1024} KB")
            self.photos.addItem(item)
        self.photos.setVisible(bool(detail.photos))
        self.no_photos.setVisible(not detail.photos)

    def ensure_evidence_visible(self) -> None:
        """Scroll the photos and their evidence into view."""
        scroll = self.findChild(QScrollArea, "reviewScroll")
        if scroll is not None:
            scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())

    def _open_photo(self, item: QListWidgetItem) -> None:
        """The viewer shows the watermarked display copies (shop, time, position, rep);
        the originals stay as the rep took them."""
        paths = []
        for i in range(self.photos.count()):
            it = self.photos.item(i)
            try:
                paths.append(str(ep.display_copy(self.ctx.store, it.data(PHOTO_ID_ROLE))))
            except (OSError, ValueError, FieldappError):
                paths.append(str(it.data(Qt.ItemDataRole.UserRole)))  # not a picture Pillow reads
        viewer = PhotoViewer(paths, self.photos.row(item), self.window())
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()

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
        self.evidence.retranslate()
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

        self.filter_bar = ReviewFilters(ctx.today())
        self.rep_filter = self.filter_bar.rep_filter
        self.county_filter = self.filter_bar.county_filter
        self.tier_filter = self.filter_bar.tier_filter
        self.date_filter = self.filter_bar.date_filter
        self.since_edit = self.filter_bar.since_edit
        self.until_edit = self.filter_bar.until_edit
        self.count_label = self.filter_bar.count_label
        self.filter_labels = self.filter_bar.filter_labels
        self.to_label = self.filter_bar.to_label
        self.flag_filter = self.filter_bar.flag_filter

        self.queue_model = QueueModel(
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
        # Columns as wide as their words: the shop's name keeps its room at 1366x768.
        self.queue.setHorizontalHeader(CompactHeader(self.queue))
        self.queue.setModel(self.queue_model)
        # No sort indicator at first: the queue's own order (oldest first) until a click.
        self.queue.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.queue.setSortingEnabled(True)
        self.queue.horizontalHeader().setResizeContentsPrecision(40)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Shift/Ctrl+click, Shift+arrows) can be approved at once.
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.verticalHeader().hide()
        self.queue.setAlternatingRowColors(True)
        header = self.queue.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.evidence_delegate = FlagDelegate(self.queue)
        self.queue.setItemDelegateForColumn(EVIDENCE_COLUMN, self.evidence_delegate)
        self.queue.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty_label = EmptyState("queueEmpty", action=self.clear_filters, icon="approve")

        self.view = VisitReviewView(ctx)
        self.decision = DecisionPanel()
        self.comment_label = self.decision.comment_label
        self.comment = self.decision.comment
        self.comment_error = self.decision.comment_error
        self.approve_button = self.decision.approve_button
        self.return_button = self.decision.return_button
        self.open_button = self.decision.open_button
        self.approve_selected_button = self.decision.approve_selected_button
        self.approve_button.clicked.connect(lambda: self.decide(ReviewDecision.APPROVED))
        self.approve_selected_button.clicked.connect(self.approve_selected)
        self.queue.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        # Keyboard: Ctrl+Enter approves, Ctrl+Shift+Enter returns (the comment is asked).
        for keys, slot in (
            ("Ctrl+Return", lambda: self.decide(ReviewDecision.APPROVED)),
            ("Ctrl+Enter", lambda: self.decide(ReviewDecision.APPROVED)),
            ("Ctrl+Shift+Return", lambda: self.decide(ReviewDecision.RETURNED)),
            ("Ctrl+Shift+Enter", lambda: self.decide(ReviewDecision.RETURNED)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.return_button.clicked.connect(lambda: self.decide(ReviewDecision.RETURNED))
        self.open_button.clicked.connect(self._open_visit)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.queue, 1)
        lv.addWidget(self.empty_label)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        rv.addWidget(self.view, 1)
        rv.addWidget(self.decision)
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
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.split, 1)

        self._fill_filters()
        for combo in (self.rep_filter, self.county_filter, self.tier_filter, self.flag_filter):
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
            "flag": self.flag_filter.currentData(),
        }

    def clear_filters(self) -> None:
        """Every rep, county, tier and day (the empty queue's next step)."""
        for combo in (self.rep_filter, self.county_filter, self.tier_filter, self.flag_filter):
            combo.setCurrentIndex(0)
        self.date_filter.setChecked(False)
        self.reload()

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
        self.count_label.setText(self.tr("%n visits waiting", "", total))
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

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.queue.selectionModel().selectedRows()})
        found = (self.queue_model.row_at(r) for r in rows)
        return [v.visit_id for v in found if v is not None]

    def _selection_changed(self) -> None:
        n = len(self.selected_ids())
        self.approve_selected_button.setVisible(n > 1)
        self.approve_selected_button.setText(self.tr("Approve %n selected", "", n))

    def approve_selected(self) -> int:
        """Approve every selected visit, all or none; the number approved."""
        ids = self.selected_ids()
        if not ids:
            return 0
        comment = self.comment.toPlainText().strip() or None
        first = min(r for r in (self._row_of(i) for i in ids) if r is not None)
        try:
            with self.ctx.store.transaction():
                for visit_id in ids:
                    self.ctx.store.visits.review(
                        visit_id, decision=ReviewDecision.APPROVED, comment=comment
                    )
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            self.reload()
            return 0
        self.comment.clear()
        self.ctx.notify("visits", "visit_reviews")
        self._after_decision(first)
        return len(ids)

    def _after_decision(self, row: int | None) -> None:
        self.queue_model.reload()
        total = self.queue_model.total()
        self.count_label.setText(self.tr("%n visits waiting", "", total))
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
        self.filter_bar.retranslate()
        self.empty_label.set_texts(
            QCoreApplication.translate("ReviewPage", "No submitted visits wait for review."),
            QCoreApplication.translate("ReviewPage", "Show every rep, county and day"),
        )
        self.decision.retranslate()
        self._selection_changed()
        self.queue_model.retranslate()
        self.view.retranslate()
        total = self.queue_model.total()
        self.count_label.setText(self.tr("%n visits waiting", "", total))

    def focus_search(self) -> bool:
        self.rep_filter.setFocus()
        return True


def queue_ids(page: ReviewPage) -> Sequence[str]:
    """The visit ids the queue shows now, in order (for tests and tools)."""
    model = page.queue_model
    while model.canFetchMore():
        model.fetchMore()
    return [model.row_at(i).visit_id for i in range(model.rowCount())]
