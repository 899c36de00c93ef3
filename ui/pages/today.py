"""Today: what the rep should do now, on one screen.

The day's planned visits (click or Enter opens / starts one), visits the supervisor
returned (with the comment), shops overdue for a visit by tier (click starts a visit
there), owners whose relationship has gone quiet (strongest first; click starts a
visit at their shop), KOCs to follow up (opens the KOC) and events in the next 14
days. Lists are compact tables over ``fieldapp.store.views_today`` that scroll inside
themselves, so the page fits a 1366x768 screen without scrolling. The page re-reads
the store when it is shown after a change (``ctx.signals.changed``).

Threading: UI thread; every query here is indexed and takes a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.kinds import Tier
from fieldapp.store import views_today as vv
from fieldapp.store.overdue import OverdueShop
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..clock import beijing
from ..context import AppContext
from ..labels import label, translate_in, word
from ..models import ROW_ROLE, Column, QueryTableModel
from ..page import Page

CONTEXT = "TodayPage"
#: Overdue shops listed per tier (the counts cover them all).
OVERDUE_PER_TIER = 5
#: Rows read at a time by the lists that scroll (a few show at once; more come as they
#: scroll): reading 200 of each made the first paint slower for rows nobody sees.
PAGE = 40
#: Tables a change to which can alter what Today shows.
WATCHED = frozenset(
    {
        "visits",
        "shops",
        "owners",
        "interactions",
        "kocs",
        "koc_shops",
        "events",
        "invitations",
    }
)

_PROGRESS: dict[vv.Progress, str] = {
    vv.Progress.NOT_STARTED: QT_TRANSLATE_NOOP("TodayPage", "Not started"),
    vv.Progress.IN_PROGRESS: word("in_progress"),
    vv.Progress.DONE: QT_TRANSLATE_NOOP("TodayPage", "Done"),
}


def _tr(text: str) -> str:
    return translate_in(CONTEXT, text)


def _local(value: datetime | None) -> datetime | None:
    return None if value is None else beijing(value)


def _hhmm(value: datetime | None) -> str:
    local = _local(value)
    return "" if local is None else local.strftime("%H:%M")


def _days_ago(days: int | None) -> str:
    if days is None:
        return QCoreApplication.translate("TodayPage", "Never")
    if days == 0:
        return QCoreApplication.translate("TodayPage", "Today")
    return _count_days_ago(days)


# lupdate extracts a %n plural only from a ``Name.tr`` call, its context the name (the
# page's class, defined below), and only when no ``QCoreApplication.translate`` came
# before it in the same function: each count has a function of its own.
def _count_days_ago(days: int) -> str:
    return TodayPage.tr("%n days ago", "", days)  # type: ignore[arg-type]


def _count_quiet_days(days: int) -> str:
    return TodayPage.tr("Quiet for %n days", "", days)  # type: ignore[arg-type]


def _visit_time(row: vv.PlannedVisit) -> str:
    if row.checkin_at is None:
        return ""
    if row.checkout_at is None:
        return _hhmm(row.checkin_at) + "–"
    return _hhmm(row.checkin_at) + "–" + _hhmm(row.checkout_at)


def _short_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%m-%d")


def _event_when(value: datetime) -> str:
    local = _local(value)
    return "" if local is None else local.strftime("%m-%d %H:%M")


def _follow_up_why(row: vv.FollowUpKoc) -> str:
    if row.reason is vv.FollowUpReason.NO_CONSENT:
        return QCoreApplication.translate("TodayPage", "No consent yet")
    return _count_quiet_days(row.days_since)


def _col(
    header: str,
    text: Callable[[Any], str],
    *,
    sort: str | None = None,
    right: bool = False,
) -> Column:
    # The model formats ``value_of(row, key)``; key "__row__" is missing on every row
    # type, so format from the row the model hands to ``fmt`` through ``_Rows``.
    return Column("__row__", header, sort=sort, fmt=text, align_right=right)


class _Rows(QueryTableModel):
    """A QueryTableModel whose formatters get the whole row (several fields per cell)."""

    # The tooltip is the whole text of an elided cell.
    text_tooltips = True

    def display(self, row: Any, column: Column) -> str:
        if column.key == "__row__" and column.fmt is not None:
            return column.fmt(row)
        return super().display(row, column)


PLANNED_COLUMNS = (
    _col(QT_TRANSLATE_NOOP("TodayPage", "Shop"), lambda r: r.shop_name, sort="shop"),
    _col(word("tier"), lambda r: label(r.tier), sort="tier"),
    _col(
        QT_TRANSLATE_NOOP("TodayPage", "Status"),
        lambda r: _tr(_PROGRESS[r.progress]),
        sort="progress",
    ),
    _col(QT_TRANSLATE_NOOP("TodayPage", "Time"), _visit_time, sort="checkin"),
)
RETURNED_COLUMNS = (
    _col(QT_TRANSLATE_NOOP("TodayPage", "Shop"), lambda r: r.shop_name, sort="shop"),
    _col(
        QT_TRANSLATE_NOOP("TodayPage", "Visit"),
        lambda r: _short_date(r.visit_date),
        sort="visit_date",
    ),
    _col(
        QT_TRANSLATE_NOOP("TodayPage", "Supervisor's comment"),
        lambda r: r.supervisor_comment or "",
    ),
)
OVERDUE_COLUMNS = (
    _col(QT_TRANSLATE_NOOP("TodayPage", "Shop"), lambda r: r.name),
    _col(word("tier"), lambda r: label(r.tier)),
    _col(QT_TRANSLATE_NOOP("TodayPage", "Last visit"), lambda r: _days_ago(r.days_since)),
)
QUIET_COLUMNS = (
    _col(QT_TRANSLATE_NOOP("TodayPage", "Owner"), lambda r: r.name, sort="name"),
    _col(QT_TRANSLATE_NOOP("TodayPage", "Shop"), lambda r: r.shop_name, sort="shop"),
    _col(
        QT_TRANSLATE_NOOP("TodayPage", "Level"),
        lambda r: str(r.level),
        sort="level",
        right=True,
    ),
    _col(
        QT_TRANSLATE_NOOP("TodayPage", "Last contact"),
        lambda r: _days_ago(r.days_since),
        sort="last_date",
    ),
)
KOC_COLUMNS = (
    _col(QT_TRANSLATE_NOOP("TodayPage", "KOC"), lambda r: r.name, sort="name"),
    _col(QT_TRANSLATE_NOOP("TodayPage", "Stage"), lambda r: label(r.stage), sort="stage"),
    _col(QT_TRANSLATE_NOOP("TodayPage", "Why"), _follow_up_why, sort="last_touch"),
    _col(QT_TRANSLATE_NOOP("TodayPage", "Shop"), lambda r: r.shop_name or "", sort="shop"),
)
EVENT_COLUMNS = (
    _col(
        QT_TRANSLATE_NOOP("TodayPage", "When"),
        lambda r: _event_when(r.starts_at),
        sort="starts",
    ),
    _col(QT_TRANSLATE_NOOP("TodayPage", "Event"), lambda r: r.title, sort="title"),
    _col(QT_TRANSLATE_NOOP("TodayPage", "Venue"), lambda r: r.venue or ""),
    _col(
        QT_TRANSLATE_NOOP("TodayPage", "Confirmed"),
        lambda r: f"{r.confirmed}/{r.invited}",
        sort="invited",
        right=True,
    ),
)


class _Activate(QObject):
    """One click, or Enter on the current row, chooses a row of a table."""

    def __init__(self, view: QTableView, callback: Callable[[Any], None]) -> None:
        super().__init__(view)
        self._view = view
        self._callback = callback
        view.clicked.connect(lambda index: self._choose(index.row()))
        view.installEventFilter(self)

    def _choose(self, row: int) -> None:
        item = self._view.model().index(row, 0).data(ROW_ROLE)
        if item is not None:
            self._callback(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            index = self._view.currentIndex()
            if index.isValid():
                self._choose(index.row())
            return True
        return False


def _table(
    name: str, model: QueryTableModel, *, sortable: bool = True, parent: QWidget | None = None
) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setCursor(Qt.CursorShape.PointingHandCursor)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    # Columns fit their contents when rows are read (``_fit``), not on every layout pass
    # as ResizeToContents does (it measured each cell several times before the first
    # paint); from the first rows only (about what shows), not every loaded row.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setResizeContentsPrecision(12)
    header.setStretchLastSection(False)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(sortable)
    # The model last: each setting above measured every header section again when the
    # columns were there (hundreds of calls of the model's headerData before the paint).
    view.setModel(model)
    model.modelReset.connect(lambda: _fit(view))
    return view


def _stretch(view: QTableView, column: int) -> None:
    view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def _fit(view: QTableView) -> None:
    """Size the columns that do not stretch to their header and first rows."""
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            view.resizeColumnToContents(column)


class _Section(QGroupBox):
    """A titled table with a line shown instead when it is empty."""

    def __init__(
        self,
        name: str,
        view_name: str,
        model: QueryTableModel,
        *,
        sortable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        # Each widget is made in its place (parent given): moving a built table into a
        # box, and the box into the page, restyled it and measured its header again
        # each time (a third of the header work before the first paint).
        super().__init__(parent)
        self.setObjectName(name)
        self.view = view = _table(view_name, model, sortable=sortable, parent=self)
        self.empty = QLabel(self)
        self.empty.setObjectName(name + "Empty")
        self.empty.setStyleSheet("color: #777; padding: 6px;")
        self.empty.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName(name + "Note")
        self.note.setStyleSheet("color: #555;")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(3)
        layout.addWidget(self.note)
        layout.addWidget(view, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)

    def show_count(self, title: str, count: int) -> None:
        self.setTitle(title.replace("%1", str(count)))
        self.view.setVisible(count > 0)
        self.empty.setVisible(count == 0)


class TodayPage(Page):
    page_id = "today"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Today")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._dirty = True
        self._overdue: vv.OverdueByTier | None = None
        self._week = (0, 0)  # this week so far: planned visits, kept (in and out)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(50)
        self._later.timeout.connect(self._refresh_if_visible)
        ctx.signals.changed.connect(self._changed)

        db = ctx.store.db

        def rep() -> str | None:
            return ctx.store.user_id

        self.planned_model = _Rows(
            PLANNED_COLUMNS,
            lambda o, d, n, off: vv.planned_visits(
                db, day=ctx.today(), rep_id=rep(), order=o, descending=d, limit=n, offset=off
            ),
            lambda: vv.count_planned_visits(db, day=ctx.today(), rep_id=rep()),
            context=CONTEXT,
            parent=self,
        )
        # The long lists' first page counts the whole list in the same query (the
        # model takes Rows.total instead of asking count).
        self.returned_model = _Rows(
            RETURNED_COLUMNS,
            lambda o, d, n, off: vv.returned_visits(
                db, rep_id=rep(), order=o, descending=d, limit=n, offset=off, with_total=off == 0
            ),
            lambda: vv.count_returned_visits(db, rep_id=rep()),
            context=CONTEXT,
            page_size=PAGE,
            parent=self,
        )
        self.overdue_model = _Rows(
            OVERDUE_COLUMNS,
            self._fetch_overdue,
            lambda: len(self._overdue.rows) if self._overdue else 0,
            context=CONTEXT,
            parent=self,
        )
        self.quiet_model = _Rows(
            QUIET_COLUMNS,
            lambda o, d, n, off: vv.quiet_owners(
                db,
                today=ctx.today(),
                rep_id=rep(),
                order=o,
                descending=d,
                limit=n,
                offset=off,
                with_total=off == 0,
            ),
            lambda: vv.count_quiet_owners(db, today=ctx.today(), rep_id=rep()),
            context=CONTEXT,
            page_size=PAGE,
            parent=self,
        )
        self.koc_model = _Rows(
            KOC_COLUMNS,
            lambda o, d, n, off: vv.kocs_to_follow_up(
                db,
                today=ctx.today(),
                rep_id=rep(),
                order=o,
                descending=d,
                limit=n,
                offset=off,
                with_total=off == 0,
            ),
            lambda: vv.count_kocs_to_follow_up(db, today=ctx.today(), rep_id=rep()),
            context=CONTEXT,
            page_size=PAGE,
            parent=self,
        )
        self.event_model = _Rows(
            EVENT_COLUMNS,
            lambda o, d, n, off: vv.upcoming_events(
                db, today=ctx.today(), rep_id=rep(), order=o, descending=d, limit=n, offset=off
            ),
            lambda: vv.count_upcoming_events(db, today=ctx.today(), rep_id=rep()),
            context=CONTEXT,
            page_size=PAGE,
            parent=self,
        )

        self.planned = _Section("plannedBox", "plannedVisits", self.planned_model, parent=self)
        self.returned = _Section("returnedBox", "returnedVisits", self.returned_model, parent=self)
        self.overdue = _Section(
            "overdueBox", "overdueShops", self.overdue_model, sortable=False, parent=self
        )
        self.overdue.note.show()
        self.quiet = _Section("quietBox", "quietOwners", self.quiet_model, parent=self)
        self.kocs = _Section("kocBox", "followUpKocs", self.koc_model, parent=self)
        self.events = _Section("eventsBox", "upcomingEvents", self.event_model, parent=self)
        self.planned_table = self.planned.view
        _stretch(self.planned_table, 0)
        self.returned_table = self.returned.view
        _stretch(self.returned_table, 2)
        self.overdue_table = self.overdue.view
        _stretch(self.overdue_table, 0)
        self.quiet_table = self.quiet.view
        _stretch(self.quiet_table, 1)
        self.koc_table = self.kocs.view
        _stretch(self.koc_table, 3)
        self.event_table = self.events.view
        _stretch(self.event_table, 1)

        _Activate(self.planned_table, lambda r: ctx.go("visit", {"visit_id": r.visit_id}))
        _Activate(self.returned_table, lambda r: ctx.go("visit", {"visit_id": r.visit_id}))
        _Activate(self.overdue_table, lambda r: self._start_visit(r.shop_id))
        _Activate(self.quiet_table, lambda r: self._start_visit(r.shop_id))
        _Activate(self.koc_table, lambda r: self._go_if_known("koc", r.koc_id))
        _Activate(self.event_table, lambda r: self._go_if_known("event", r.event_id))

        # The returned list shows about four rows; it scrolls for more.
        row_h = self.returned_table.verticalHeader().defaultSectionSize()
        head_h = self.returned_table.horizontalHeader().sizeHint().height()
        self.returned_table.setFixedHeight(
            head_h + row_h * 4 + 2 * self.returned_table.frameWidth()
        )

        self.date_label = QLabel(self)
        self.date_label.setObjectName("todayDate")
        self.date_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("todaySummary")
        self.summary_label.setStyleSheet("color: #444;")
        # PJP compliance of the week so far: planned visits kept (checked in and out).
        self.pjp_label = QLabel(self)
        self.pjp_label.setObjectName("todayPjp")
        self.pjp_label.setStyleSheet("color: #444;")
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("todayHint")
        self.hint_label.setStyleSheet("color: #777;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(self.date_label)
        top.addSpacing(12)
        top.addWidget(self.summary_label)
        top.addSpacing(12)
        top.addWidget(self.pjp_label)
        top.addStretch(1)
        top.addWidget(self.hint_label)
        layout.addLayout(top)
        layout.addWidget(self.returned)
        # Three columns: the day (planned visits, then the few upcoming events), the
        # shops to visit, the people to look after.
        columns = QHBoxLayout()
        columns.setSpacing(8)
        day = QVBoxLayout()
        day.addWidget(self.planned, 1)
        day.addWidget(self.events)
        people = QVBoxLayout()
        people.addWidget(self.quiet, 1)
        people.addWidget(self.kocs, 1)
        columns.addLayout(day, 5)
        columns.addWidget(self.overdue, 4)
        columns.addLayout(people, 5)
        layout.addLayout(columns, 1)
        self.event_table.setFixedHeight(
            self.event_table.horizontalHeader().sizeHint().height()
            + row_h * 3
            + 2 * self.event_table.frameWidth()
        )

        order = [
            self.returned_table,
            self.planned_table,
            self.event_table,
            self.overdue_table,
            self.quiet_table,
            self.koc_table,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    # ------------------------------------------------------------------ data

    def _fetch_overdue(
        self, _order: str | None, _desc: bool, limit: int, offset: int
    ) -> Sequence[OverdueShop]:
        rows = self._overdue.rows if self._overdue else ()
        return rows[offset : offset + limit]

    def refresh(self) -> None:
        self._dirty = False
        self._overdue = vv.overdue_by_tier(
            self.ctx.store.db,
            today=self.ctx.today(),
            rep_id=self.ctx.store.user_id,
            per_tier=OVERDUE_PER_TIER,
        )
        today = self.ctx.today()
        rep = self.ctx.store.user_id
        monday = today - timedelta(days=today.weekday())
        self._week = (
            vv.plan_kept(self.ctx.store.db, rep_id=rep, since=monday, until=today)
            if rep
            else (0, 0)
        )
        for model in self._models():
            model.reload()
        self._show_counts()

    def _tables(self) -> tuple[QTableView, ...]:
        return (
            self.planned_table,
            self.returned_table,
            self.overdue_table,
            self.quiet_table,
            self.koc_table,
            self.event_table,
        )

    def _models(self) -> tuple[QueryTableModel, ...]:
        return (
            self.planned_model,
            self.returned_model,
            self.overdue_model,
            self.quiet_model,
            self.koc_model,
            self.event_model,
        )

    def _changed(self, table: str) -> None:
        if table in WATCHED:
            self._dirty = True
            self._later.start()

    def _refresh_if_visible(self) -> None:
        if self._dirty and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    # ------------------------------------------------------------------ actions

    def _start_visit(self, shop_id: str) -> None:
        self.ctx.go("visit", {"shop_id": shop_id, "new": True})

    def _go_if_known(self, page_id: str, row_id: str) -> None:
        # In a window without that page (tests, a partial build) there is nowhere to go.
        pages = getattr(self.window(), "pages", None)
        if pages is None or page_id in pages:
            self.ctx.go(page_id, row_id)

    # ------------------------------------------------------------------ language

    def _show_counts(self) -> None:
        planned = self.planned_model.total()
        rows = [self.planned_model.row_at(i) for i in range(self.planned_model.rowCount())]
        done = sum(1 for r in rows if r.progress is vv.Progress.DONE)
        going = sum(1 for r in rows if r.progress is vv.Progress.IN_PROGRESS)
        self.summary_label.setText(
            self.tr("%1 visits planned: %2 done, %3 in progress")
            .replace("%1", str(planned))
            .replace("%2", str(done))
            .replace("%3", str(going))
        )
        self.planned.show_count(self.tr("Planned visits (%1)"), planned)
        week_planned, kept = self._week
        if week_planned:
            self.pjp_label.setText(
                self.tr("This week: %1 of %2 planned visits kept (%3)")
                .replace("%1", str(kept))
                .replace("%2", str(week_planned))
                .replace("%3", f"{kept / week_planned:.0%}")
            )
            self.pjp_label.setToolTip(
                self.tr("A planned visit counts as kept with both check-in and check-out.")
            )
        else:
            self.pjp_label.clear()
        returned = self.returned_model.total()
        self.returned.show_count(self.tr("Returned by your supervisor (%1)"), returned)
        self.returned.setVisible(returned > 0)
        report = self._overdue.report if self._overdue else None
        overdue = report.overdue if report else 0
        self.overdue.show_count(self.tr("Overdue for a visit (%1)"), overdue)
        if report is not None:
            self.overdue.note.setText(
                "  ·  ".join(
                    label(t) + " " + str(report.tier(t).overdue) for t in (Tier.A, Tier.B, Tier.C)
                )
            )
        self.quiet.show_count(self.tr("Owners gone quiet (%1)"), self.quiet_model.total())
        self.kocs.show_count(self.tr("KOCs to follow up (%1)"), self.koc_model.total())
        self.events.show_count(self.tr("Events in the next 14 days (%1)"), self.event_model.total())

    def retranslate(self) -> None:
        day = self.ctx.today()
        self.date_label.setText(
            self.tr("Today, %1").replace(
                "%1",
                QLocale().toString(
                    QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat
                ),
            )
        )
        self.hint_label.setText(self.tr("Click a row to open it"))
        self.planned.empty.setText(
            self.tr("No visits planned for today. Press Ctrl+N to start one.")
        )
        self.returned.empty.setText("")
        self.overdue.empty.setText(self.tr("No shop is overdue. Well done."))
        self.quiet.empty.setText(self.tr("Every owner was contacted in the last 30 days."))
        self.kocs.empty.setText(self.tr("No KOC needs a follow-up."))
        self.events.empty.setText(self.tr("No events in the next 14 days."))
        for model in self._models():
            model.retranslate()
        if not self._dirty:  # else the rows are read (and the columns fitted) when shown
            for view in self._tables():
                _fit(view)  # the words changed length
        self._show_counts()
