"""The team dashboard: what a supervisor watches, as charts that each turn into a table.

Seven cards: KOCs against the density target and shops covered per county; the KOC stage
funnel; visits per week against plan; shops overdue by tier; owners per relationship
level; interactions per week with the mean level recorded; events with attendance,
feedback and KOCs found. Filters: rep, county and period (the last 4 to 52 weeks up to
today). Every card has a Chart / Table switch; the table holds the same numbers (visits
per rep and week, one row per event), so nothing is only a picture.

The numbers come from ``fieldapp.store.metrics``: the interactions per week, the visits
per week, the "as of today" half (``standing_numbers``) and the events, run as four tasks
on the task runner's two threads, each with a store of its own (a team's year of 150,000
visits and 90,000 interactions takes a few hundred ms in all), so both cores work. Each
card is drawn as soon as its part is in; a newer refresh makes an older answer stale,
which is then dropped, and a change of period alone reuses the "as of today" half without
drawing its cards again.
Threading: UI thread; the queries run on worker threads, each with its own Store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.model import BUSINESS_UTC_OFFSET, FUNNEL_STAGES, EventKind, EventStatus, KocStage
from fieldapp.store import metrics, views_visits as vv

from ..context import AppContext
from ..forms import refill_combo
from ..labels import label
from ..page import Page
from ..tasks import Task
from . import team_of

CONTEXT = "DashboardPage"
Index = QModelIndex | QPersistentModelIndex

#: Periods offered: the last N weeks up to today.
PERIOD_WEEKS: tuple[int, ...] = (4, 12, 26, 52)
#: How much of the store file a worker's connection may map into memory (address space,
#: not RAM: the pages are the OS's file cache).
_MMAP_BYTES = 1 << 30


@dataclass(frozen=True)
class _Period:
    """The period's parts as they arrive (a card reads only its own)."""

    since: date
    until: date
    rep_weeks: Sequence[metrics.RepWeek] = ()
    interaction_weeks: Sequence[metrics.InteractionWeek] = ()
    events: Sequence[metrics.EventOutcome] = ()


BLUE, GREY, ORANGE, RED, GREEN = "#2f80ed", "#b8c2cc", "#f2994a", "#eb5757", "#27ae60"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


# --------------------------------------------------------------------------- table model


class NumbersModel(QAbstractTableModel):
    """A card's numbers as rows of text under translated headers."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self._rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.beginResetModel()
        self._rows = [tuple("" if v is None else str(v) for v in row) for row in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = (index.column() > 0 and value[:1].isdigit()) or value == "—"
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return _tr(self.headers[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def retranslate(self) -> None:
        if self.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)


# --------------------------------------------------------------------------- cards

#: The cards' colours (white cards with a thin border on a light grey page).
CARD_BACKGROUND = QColor("white")
CARD_BORDER = QColor("#dde3ea")
PAGE_BACKGROUND = QColor("#f4f6f8")
MUTED = QColor("#666666")


def _text_colour(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


class ChartCard(QFrame):
    """A titled card showing a chart, or the same numbers as a table."""

    def __init__(self, key: str, title: str, headers: Sequence[str]) -> None:
        super().__init__()
        self.key = key
        self.title_source = title
        self.setObjectName(f"{key}Card")
        # Drawn by paintEvent and styled by fonts and palettes, not style sheets: a
        # style sheet on the card made Qt style every widget inside it by the sheet,
        # and the page's first open cost 50-100 ms more for it.
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = QLabel()
        self.title.setObjectName(f"{key}Title")
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPixelSize(14)
        self.title.setFont(title_font)
        self.note = QLabel()
        self.note.setObjectName(f"{key}Note")
        _text_colour(self.note, MUTED)
        self.toggle = QToolButton()
        self.toggle.setObjectName(f"{key}Toggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._toggled)

        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart)
        self.view.setObjectName(f"{key}Chart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.model = NumbersModel(headers, self)
        self.table = QTableView()
        self.table.setObjectName(f"{key}Table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Size columns from the first rows only: a year of events or rep-weeks is a
        # thousand rows, and measuring them all would cost more than the query.
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.stack = QStackedWidget()
        self.stack.setObjectName(f"{key}Stack")
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        self.setMinimumHeight(270)
        self.retranslate()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(CARD_BORDER, 1))
        painter.setBrush(CARD_BACKGROUND)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

    def _toggled(self, table: bool) -> None:
        self.stack.setCurrentIndex(1 if table else 0)
        self._toggle_text()

    def showing_table(self) -> bool:
        return self.stack.currentIndex() == 1

    def _toggle_text(self) -> None:
        self.toggle.setText(
            QCoreApplication.translate("DashboardPage", "Chart")
            if self.toggle.isChecked()
            else QCoreApplication.translate("DashboardPage", "Table")
        )
        self.toggle.setToolTip(
            QCoreApplication.translate("DashboardPage", "Show the chart")
            if self.toggle.isChecked()
            else QCoreApplication.translate("DashboardPage", "Show the numbers")
        )

    def clear_chart(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def retranslate(self) -> None:
        self.title.setText(_tr(self.title_source))
        self._toggle_text()
        self.model.retranslate()


def _bar_set(name: str, values: Sequence[float], color: str) -> QBarSet:
    bar = QBarSet(name)
    for v in values:
        bar.append(float(v))
    bar.setColor(QColor(color))
    bar.setBorderColor(QColor(color))
    return bar


def _small(axis: QAbstractAxis) -> QAbstractAxis:
    font = QFont()
    font.setPointSize(8)
    axis.setLabelsFont(font)
    return axis


def _value_axis(top: float, *, percent: bool = False) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(top, 1.0))
    if not percent:
        axis.applyNiceNumbers()
    axis.setLabelFormat("%d%%" if percent else "%d")
    _small(axis)
    return axis


def _categories(names: Sequence[str], *, upright: bool = False) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(names))
    _small(axis)
    if upright:  # many short labels (weeks): read from bottom to top instead of "…"
        axis.setLabelsAngle(-90)
    return axis


def _week_label(day: date) -> str:
    return day.strftime("%m-%d")


# --------------------------------------------------------------------------- the page

DENSITY_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "County"),
    QT_TRANSLATE_NOOP("DashboardPage", "KOCs"),
    QT_TRANSLATE_NOOP("DashboardPage", "Target"),
    QT_TRANSLATE_NOOP("DashboardPage", "Of target"),
    QT_TRANSLATE_NOOP("DashboardPage", "Dormant"),
    QT_TRANSLATE_NOOP("DashboardPage", "Shops"),
    QT_TRANSLATE_NOOP("DashboardPage", "Covered"),
    QT_TRANSLATE_NOOP("DashboardPage", "Coverage"),
]
FUNNEL_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Stage"),
    QT_TRANSLATE_NOOP("DashboardPage", "KOCs now"),
    QT_TRANSLATE_NOOP("DashboardPage", "Reached"),
    QT_TRANSLATE_NOOP("DashboardPage", "From previous"),
]
VISIT_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Rep"),
    QT_TRANSLATE_NOOP("DashboardPage", "Week of"),
    QT_TRANSLATE_NOOP("DashboardPage", "Planned"),
    QT_TRANSLATE_NOOP("DashboardPage", "Done"),
    QT_TRANSLATE_NOOP("DashboardPage", "Of plan"),
]
OVERDUE_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Tier"),
    QT_TRANSLATE_NOOP("DashboardPage", "Visit every (days)"),
    QT_TRANSLATE_NOOP("DashboardPage", "Shops"),
    QT_TRANSLATE_NOOP("DashboardPage", "Overdue"),
    QT_TRANSLATE_NOOP("DashboardPage", "Share"),
]
LEVEL_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Level"),
    QT_TRANSLATE_NOOP("DashboardPage", "Owners"),
    QT_TRANSLATE_NOOP("DashboardPage", "Share"),
]
INTERACTION_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Week of"),
    QT_TRANSLATE_NOOP("DashboardPage", "Interactions"),
    QT_TRANSLATE_NOOP("DashboardPage", "Owners reached"),
    QT_TRANSLATE_NOOP("DashboardPage", "Mean level"),
]
EVENT_HEADERS = [
    QT_TRANSLATE_NOOP("DashboardPage", "Date"),
    QT_TRANSLATE_NOOP("DashboardPage", "Event"),
    QT_TRANSLATE_NOOP("DashboardPage", "Kind"),
    QT_TRANSLATE_NOOP("DashboardPage", "Status"),
    QT_TRANSLATE_NOOP("DashboardPage", "Invited"),
    QT_TRANSLATE_NOOP("DashboardPage", "Attended"),
    QT_TRANSLATE_NOOP("DashboardPage", "Attendance"),
    QT_TRANSLATE_NOOP("DashboardPage", "Feedback"),
    QT_TRANSLATE_NOOP("DashboardPage", "KOCs found"),
]


class DashboardPage(Page):
    #: New numbers are on the cards.
    loaded = Signal()

    page_id = "dashboard"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Team")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._dirty = True
        self._generation = 0
        self.data: metrics.Dashboard | None = None
        self._parts: dict[str, Any] = {}
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(300)
        self._later.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        #: The "as of today" half with the filters it was computed for.
        self._standing: tuple[tuple[Any, ...], metrics.StandingNumbers] | None = None
        #: The "as of today" half the cards show now.
        self._shown_standing: metrics.StandingNumbers | None = None
        #: The period's parts of the refresh under way, as they arrive.
        self._period: _Period | None = None
        ctx.signals.changed.connect(self._changed)

        self.rep_filter = QComboBox()
        self.rep_filter.setObjectName("repFilter")
        self.county_filter = QComboBox()
        self.county_filter.setObjectName("countyFilter")
        self.period_filter = QComboBox()
        self.period_filter.setObjectName("periodFilter")
        for weeks in PERIOD_WEEKS:
            self.period_filter.addItem("", weeks)
        self.period_filter.setCurrentIndex(PERIOD_WEEKS.index(12))
        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")
        _text_colour(self.status, MUTED)

        self.cards: dict[str, ChartCard] = {
            "density": ChartCard(
                "density", QT_TRANSLATE_NOOP("DashboardPage", "KOCs per county"), DENSITY_HEADERS
            ),
            "funnel": ChartCard(
                "funnel", QT_TRANSLATE_NOOP("DashboardPage", "KOC stage funnel"), FUNNEL_HEADERS
            ),
            "visits": ChartCard(
                "visits",
                QT_TRANSLATE_NOOP("DashboardPage", "Visits against plan"),
                VISIT_HEADERS,
            ),
            "overdue": ChartCard(
                "overdue",
                QT_TRANSLATE_NOOP("DashboardPage", "Shops overdue by tier"),
                OVERDUE_HEADERS,
            ),
            "levels": ChartCard(
                "levels",
                QT_TRANSLATE_NOOP("DashboardPage", "Relationship levels"),
                LEVEL_HEADERS,
            ),
            "interactions": ChartCard(
                "interactions",
                QT_TRANSLATE_NOOP("DashboardPage", "Interactions per week"),
                INTERACTION_HEADERS,
            ),
            "events": ChartCard(
                "events", QT_TRANSLATE_NOOP("DashboardPage", "Events"), EVENT_HEADERS
            ),
        }

        filters = QHBoxLayout()
        self.filter_labels: list[QLabel] = []
        for widget in (self.rep_filter, self.county_filter, self.period_filter):
            text = QLabel()
            text.setBuddy(widget)
            self.filter_labels.append(text)
            filters.addWidget(text)
            filters.addWidget(widget)
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addSpacing(6)
        filters.addStretch(1)
        filters.addWidget(self.status)

        grid_host = QWidget()
        grid_host.setObjectName("dashboardCards")
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setSpacing(8)
        order = ("density", "funnel", "visits", "overdue", "levels", "interactions")
        for i, key in enumerate(order):
            grid.addWidget(self.cards[key], i // 3, i % 3)
        grid.addWidget(self.cards["events"], 2, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        for surface in (scroll.viewport(), grid_host):
            palette = surface.palette()
            palette.setColor(QPalette.ColorRole.Window, PAGE_BACKGROUND)
            surface.setPalette(palette)
            surface.setAutoFillBackground(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(filters)
        layout.addWidget(scroll, 1)

        self._fill_filters()
        for combo in (self.rep_filter, self.county_filter, self.period_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.retranslate()

    # ------------------------------------------------------------------ filters

    def _fill_filters(self) -> None:
        db = self.ctx.store.db
        team = team_of(self.ctx)
        for combo, choices, everyone in (
            (
                self.rep_filter,
                vv.team_reps(db, team_id=team),
                QCoreApplication.translate("DashboardPage", "Whole team"),
            ),
            (
                self.county_filter,
                vv.team_counties(db, team_id=team),
                QCoreApplication.translate("DashboardPage", "All counties"),
            ),
        ):
            refill_combo(combo, [(everyone, None), *((c.name, c.id) for c in choices)])

    def filters(self) -> dict[str, Any]:
        """The dashboard's filters as ``metrics.dashboard`` keywords."""
        today = self.ctx.today()
        weeks = int(self.period_filter.currentData() or 12)
        return {
            "today": today,
            "since": today - timedelta(days=7 * weeks - 1),
            "until": today,
            "rep_id": self.rep_filter.currentData(),
            "county_id": self.county_filter.currentData(),
            "team_id": team_of(self.ctx),
            "utc_offset": BUSINESS_UTC_OFFSET,
        }

    # ------------------------------------------------------------------ loading

    def open(self, arg: object = None) -> None:
        if self._dirty or self.data is None:
            self._fill_filters()
            self.refresh()

    def refresh(self) -> None:
        """Compute the numbers again off the UI thread; draw each card as its part arrives.

        Four tasks, each with its own store, on the runner's two threads, longest first:
        the interaction weeks, the visit weeks, the "as of today" half (kept while only
        the period changes) and the events. ``loaded`` is emitted once all seven cards
        show the new numbers.
        """
        self._dirty = False
        self._generation += 1
        generation = self._generation
        params = self.filters()
        standing_kw = {k: params[k] for k in ("today", "rep_id", "county_id", "utc_offset")}
        since: date = params["since"]
        until: date = params["until"]
        rep_id, county_id = params["rep_id"], params["county_id"]
        offset: timedelta = params["utc_offset"]
        key = tuple(standing_kw.values())
        self._parts = {}
        self._period = _Period(since, until)
        self.status.setText(QCoreApplication.translate("DashboardPage", "Updating…"))
        jobs: dict[str, Callable[[Any], Any]] = {
            "interaction_weeks": lambda db: metrics.interaction_weeks(
                db, since=since, until=until, rep_id=rep_id, county_id=county_id
            ),
            "rep_weeks": lambda db: metrics.rep_weeks(
                db,
                since=since,
                until=until,
                rep_id=rep_id,
                county_id=county_id,
                team_id=params["team_id"],
                utc_offset=offset,
            ),
        }
        if self._standing is not None and self._standing[0] == key:
            cached: metrics.StandingNumbers | None = self._standing[1]
        else:
            cached = None
            jobs["standing"] = lambda db: metrics.standing_numbers(db, **standing_kw)
        jobs["events"] = lambda db: metrics.event_outcomes(
            db, since=since, until=until, rep_id=rep_id, county_id=county_id, utc_offset=offset
        )
        if cached is not None:
            self._part_done(generation, key, "standing", cached)
        open_store = self.ctx.open_worker_store
        for name, job in jobs.items():
            if open_store is None:  # an in-memory store cannot be shared with a worker
                self._part_done(generation, key, name, job(self.ctx.store.db))
                continue

            def work(task: Task, job: Callable[[Any], Any] = job) -> Any:
                assert open_store is not None
                store = open_store()
                try:
                    # Read the file through memory mapping: a fresh connection starts with
                    # an empty page cache, and copying every page it reads into that cache
                    # costs a quarter of a cold refresh. Only this connection, read-only.
                    store.db.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
                    task.check()
                    return job(store.db)
                finally:
                    store.close()

            self.ctx.runner.run(
                work,
                on_done=lambda result, name=name: self._part_done(generation, key, name, result),
                on_error=self._failed,
            )

    def _part_done(self, generation: int, key: tuple[Any, ...], name: str, part: Any) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        parts = self._parts
        parts[name] = part
        if name == "standing":
            self._standing = (key, part)
            if part != self._shown_standing:  # equal numbers: the cards are right
                self._show_standing(part)
        else:
            assert self._period is not None
            period = self._period
            if name == "rep_weeks":
                self._period = replace(period, rep_weeks=tuple(part))
                self._visits(self._period)
            elif name == "interaction_weeks":
                self._period = replace(period, interaction_weeks=tuple(part))
                self._interactions(self._period)
            else:
                self._period = replace(period, events=tuple(part))
                self._events(self._period)
        if len(parts) == 4:
            period = self._period
            assert period is not None
            self._loaded(
                metrics.Dashboard.of(
                    parts["standing"],
                    metrics.PeriodNumbers(
                        since=period.since,
                        until=period.until,
                        rep_weeks=tuple(period.rep_weeks),
                        interaction_weeks=tuple(period.interaction_weeks),
                        events=tuple(period.events),
                    ),
                )
            )

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.status.setText(
            QCoreApplication.translate("DashboardPage", "Could not compute the numbers.")
        )
        self.ctx.errors.show(exc, tb)

    def _loaded(self, data: metrics.Dashboard) -> None:
        """All seven cards show ``data`` (drawn as their parts arrived)."""
        self.data = data
        self.status.setText(
            QCoreApplication.translate("DashboardPage", "%1 to %2")
            .replace("%1", data.since.isoformat())
            .replace("%2", data.until.isoformat())
        )
        self.loaded.emit()

    def _show_standing(self, standing: metrics.StandingNumbers) -> None:
        self._shown_standing = standing
        for render in (self._density, self._funnel, self._overdue, self._levels):
            render(standing)

    def _show_period(self, period: metrics.PeriodNumbers) -> None:
        shown = _Period(
            period.since,
            period.until,
            period.rep_weeks,
            period.interaction_weeks,
            period.events,
        )
        for render in (self._visits, self._interactions, self._events):
            render(shown)

    def _render(self) -> None:
        """Draw every card again from ``data`` (after a change of language)."""
        data = self.data
        if data is None:
            return
        self._show_standing(data.standing())
        self._show_period(data.period())

    # ------------------------------------------------------------------ cards

    def _density(self, data: metrics.StandingNumbers) -> None:
        card = self.cards["density"]
        card.clear_chart()
        rows = list(data.density)
        card.model.set_rows(
            [
                (
                    c.name,
                    c.kocs,
                    c.koc_target,
                    _pct(c.density_ratio),
                    c.dormant,
                    c.shops,
                    c.covered,
                    _pct(c.coverage_ratio),
                )
                for c in rows
            ]
        )
        shown = rows[::-1]  # a horizontal chart draws the first category at the bottom
        series = QHorizontalBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "KOCs"), [c.kocs for c in shown], BLUE
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Target"),
                [c.koc_target for c in shown],
                GREY,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Shops covered"),
                [c.covered for c in shown],
                GREEN,
            )
        )
        series.setBarWidth(0.8)
        card.chart.addSeries(series)
        y = _categories([c.name for c in shown])
        top = max([1, *(max(c.kocs, c.koc_target, c.covered) for c in shown)])
        x = _value_axis(top)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        kocs = sum(c.kocs for c in rows)
        target = sum(c.koc_target for c in rows)
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 KOCs for a target of %2 (%3)")
            .replace("%1", str(kocs))
            .replace("%2", str(target))
            .replace("%3", _pct(kocs / target if target else None))
        )

    def _funnel(self, data: metrics.StandingNumbers) -> None:
        card = self.cards["funnel"]
        card.clear_chart()
        funnel = data.funnel
        reached = {c.from_stage: c.from_count for c in funnel.conversions}
        last = funnel.conversions[-1] if funnel.conversions else None
        if last is not None:
            reached[last.to_stage] = last.to_count
        ratios: dict[KocStage, float | None] = {FUNNEL_STAGES[0]: None}
        ratios.update({c.to_stage: c.ratio for c in funnel.conversions})
        stages = [*FUNNEL_STAGES, KocStage.DORMANT]
        card.model.set_rows(
            [
                (
                    label(s),
                    funnel.counts[s],
                    reached.get(s, "") if s != KocStage.DORMANT else "",
                    _pct(ratios.get(s)) if s in ratios and s != FUNNEL_STAGES[0] else "",
                )
                for s in stages
            ]
        )
        # Top to bottom like a funnel: a horizontal chart draws its first category lowest.
        shown = list(reversed(FUNNEL_STAGES))
        series = QHorizontalBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Reached the stage"),
                [reached.get(s, 0) for s in shown],
                BLUE,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "At the stage now"),
                [funnel.counts[s] for s in shown],
                ORANGE,
            )
        )
        card.chart.addSeries(series)
        y = _categories([label(s) for s in shown])
        x = _value_axis(max([1, *reached.values()]))
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 dormant").replace(
                "%1", str(funnel.counts[KocStage.DORMANT])
            )
        )

    def _visits(self, data: _Period) -> None:
        card = self.cards["visits"]
        card.clear_chart()
        card.model.set_rows(
            [
                (r.rep_name, r.week.isoformat(), r.planned, r.done, _pct(r.ratio))
                for r in data.rep_weeks
            ]
        )
        weeks: dict[date, list[int]] = {}
        week = metrics.week_start(data.since)
        while week <= data.until:
            weeks[week] = [0, 0]
            week += timedelta(days=7)
        for r in data.rep_weeks:
            entry = weeks.setdefault(r.week, [0, 0])
            entry[0] += r.planned
            entry[1] += r.done
        planned = [v[0] for v in weeks.values()]
        done = [v[1] for v in weeks.values()]
        series = QBarSeries()
        series.append(_bar_set(QCoreApplication.translate("DashboardPage", "Done"), done, BLUE))
        series.setBarWidth(0.7)
        plan = QLineSeries()
        plan.setName(QCoreApplication.translate("DashboardPage", "Planned"))
        plan.setPen(QPen(QColor(ORANGE), 2))
        for i, n in enumerate(planned):
            plan.append(i, n)
        card.chart.addSeries(series)
        card.chart.addSeries(plan)
        x = _categories([_week_label(w) for w in weeks], upright=True)
        y = _value_axis(max([1, *planned, *done]))
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in (series, plan):
            s.attachAxis(x)
            s.attachAxis(y)
        total_plan, total_done = sum(planned), sum(done)
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 of %2 planned (%3)")
            .replace("%1", str(total_done))
            .replace("%2", str(total_plan))
            .replace("%3", _pct(total_done / total_plan if total_plan else None))
        )

    def _overdue(self, data: metrics.StandingNumbers) -> None:
        card = self.cards["overdue"]
        card.clear_chart()
        tiers = data.overdue.tiers
        card.model.set_rows(
            [
                (
                    label(t.tier),
                    t.days,
                    t.shops,
                    t.overdue,
                    _pct(t.overdue / t.shops if t.shops else None),
                )
                for t in tiers
            ]
        )
        series = QBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Up to date"),
                [t.shops - t.overdue for t in tiers],
                GREEN,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Overdue"),
                [t.overdue for t in tiers],
                RED,
            )
        )
        card.chart.addSeries(series)
        x = _categories([label(t.tier) for t in tiers])
        y = _value_axis(max([1, *(max(t.overdue, t.shops - t.overdue) for t in tiers)]))
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        overdue = sum(t.overdue for t in tiers)
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 of %2 shops")
            .replace("%1", str(overdue))
            .replace("%2", str(sum(t.shops for t in tiers)))
        )

    def _levels(self, data: metrics.StandingNumbers) -> None:
        card = self.cards["levels"]
        card.clear_chart()
        total = sum(data.levels.values())
        card.model.set_rows(
            [
                (str(level), n, _pct(n / total if total else None))
                for level, n in sorted(data.levels.items())
            ]
        )
        series = QBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Owners"),
                [data.levels[level] for level in sorted(data.levels)],
                BLUE,
            )
        )
        series.setBarWidth(0.6)
        card.chart.addSeries(series)
        card.chart.legend().hide()
        x = _categories(
            [
                QCoreApplication.translate("DashboardPage", "Level %1").replace("%1", str(level))
                for level in sorted(data.levels)
            ]
        )
        y = _value_axis(max([1, *data.levels.values()]))
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        strong = data.levels.get(4, 0) + data.levels.get(5, 0)
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 owners, %2 at level 4–5")
            .replace("%1", str(total))
            .replace("%2", _pct(strong / total if total else None))
        )

    def _interactions(self, data: _Period) -> None:
        card = self.cards["interactions"]
        card.clear_chart()
        rows = list(data.interaction_weeks)
        card.model.set_rows(
            [(w.week.isoformat(), w.interactions, w.owners, _num(w.avg_level)) for w in rows]
        )
        series = QBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Interactions"),
                [w.interactions for w in rows],
                BLUE,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Owners reached"),
                [w.owners for w in rows],
                GREY,
            )
        )
        level = QLineSeries()
        level.setName(QCoreApplication.translate("DashboardPage", "Mean level"))
        level.setPen(QPen(QColor(ORANGE), 2))
        for i, w in enumerate(rows):
            if w.avg_level is not None:
                level.append(i, w.avg_level)
        card.chart.addSeries(series)
        card.chart.addSeries(level)
        x = _categories([_week_label(w.week) for w in rows], upright=True)
        y = _value_axis(max([1, *(w.interactions for w in rows)]))
        levels = QValueAxis()
        levels.setRange(1, 5)
        levels.setTickCount(5)
        levels.setLabelFormat("%d")
        _small(levels)
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        card.chart.addAxis(levels, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(x)
        series.attachAxis(y)
        level.attachAxis(x)
        level.attachAxis(levels)
        total = sum(w.interactions for w in rows)
        weeks = len(rows) or 1
        card.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 a week").replace(
                "%1", _num(total / weeks, 0)
            )
        )

    def _events(self, data: _Period) -> None:
        card = self.cards["events"]
        card.clear_chart()
        events = list(data.events)
        # The words once per kind and status, not twice per event (a year: ~1,000 events).
        kinds = {kind.value: label(kind) for kind in EventKind}
        states = {status.value: label(status) for status in EventStatus}
        card.model.set_rows(
            [
                (
                    ((e.starts_at + BUSINESS_UTC_OFFSET).date()).isoformat(),
                    e.title,
                    kinds.get(e.kind, e.kind),
                    states.get(e.status, e.status),
                    e.invited,
                    e.attended,
                    _pct(e.attendance_rate),
                    _num(e.avg_feedback),
                    e.kocs_found,
                )
                for e in events
            ]
        )
        weeks: dict[date, list[float]] = {}
        week = metrics.week_start(data.since)
        while week <= data.until:
            weeks[week] = [0, 0, 0, 0]  # held, KOCs found, attended, invited (taken)
            week += timedelta(days=7)
        held = 0
        for e in events:
            if e.status == "cancelled":
                continue
            held += 1
            local = (e.starts_at + BUSINESS_UTC_OFFSET).date()
            entry = weeks.setdefault(metrics.week_start(local), [0, 0, 0, 0])
            entry[0] += 1
            entry[1] += e.kocs_found
            if e.attendance_rate is not None:
                entry[2] += e.attended
                entry[3] += e.invited
        series = QBarSeries()
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "Events held"),
                [v[0] for v in weeks.values()],
                BLUE,
            )
        )
        series.append(
            _bar_set(
                QCoreApplication.translate("DashboardPage", "KOCs found"),
                [v[1] for v in weeks.values()],
                GREEN,
            )
        )
        rate = QLineSeries()
        rate.setName(QCoreApplication.translate("DashboardPage", "Attendance rate"))
        rate.setPen(QPen(QColor(ORANGE), 2))
        for i, v in enumerate(weeks.values()):
            if v[3]:
                rate.append(i, 100.0 * v[2] / v[3])
        card.chart.addSeries(series)
        card.chart.addSeries(rate)
        x = _categories([_week_label(w) for w in weeks], upright=True)
        y = _value_axis(max([1.0, *(max(v[0], v[1]) for v in weeks.values())]))
        pct = _value_axis(100, percent=True)
        card.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        card.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        card.chart.addAxis(pct, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(x)
        series.attachAxis(y)
        rate.attachAxis(x)
        rate.attachAxis(pct)
        attended = sum(e.attended for e in events if e.attendance_rate is not None)
        invited = sum(e.invited for e in events if e.attendance_rate is not None)
        feedback = [e.avg_feedback for e in events if e.avg_feedback is not None]
        card.note.setText(
            QCoreApplication.translate(
                "DashboardPage", "%1 held · attendance %2 · feedback %3 · %4 KOCs found"
            )
            .replace("%1", str(held))
            .replace("%2", _pct(attended / invited if invited else None))
            .replace("%3", _num(sum(feedback) / len(feedback) if feedback else None))
            .replace("%4", str(sum(e.kocs_found for e in events)))
        )

    # ------------------------------------------------------------------ housekeeping

    def _changed(self, table: str) -> None:
        self._dirty = True
        self._standing = None
        if self.isVisible():
            if table in ("counties", "users", "teams"):
                self._fill_filters()
            self._later.start()  # one refresh after a burst of changes (a sync)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def retranslate(self) -> None:
        texts = (
            QCoreApplication.translate("DashboardPage", "Rep"),
            QCoreApplication.translate("DashboardPage", "County"),
            QCoreApplication.translate("DashboardPage", "Period"),
        )
        for text_label, text in zip(self.filter_labels, texts, strict=True):
            text_label.setText(text)
        self.rep_filter.setItemText(0, QCoreApplication.translate("DashboardPage", "Whole team"))
        self.county_filter.setItemText(
            0, QCoreApplication.translate("DashboardPage", "All counties")
        )
        for i, weeks in enumerate(PERIOD_WEEKS):
            self.period_filter.setItemText(
                i,
                QCoreApplication.translate("DashboardPage", "Last %1 weeks").replace(
                    "%1", str(weeks)
                ),
            )
        for card in self.cards.values():
            card.retranslate()
        self._render()
