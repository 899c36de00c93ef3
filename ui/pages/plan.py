"""The plan page: the rep's day plan (PJP) and the coming week.

A strip of the coming seven days (stops planned, shops due on each day's route, events)
picks the day. For that day: the stops in plan order with planned arrival, road km from
the previous stop and opening hours (``fieldapp.store.plan``, ``fieldapp.route``), the
total distance, and the week's PJP compliance (planned visits kept, in and out). The
rep plans the due shops, adds any shop, removes and reorders stops, or orders the open
stops by the shortest route (OR-Tools, on a worker: the solver may take a second). The
day prints as a route sheet (PDF or printer) and saves as an .ics calendar.
Every change writes planned visits (synced rows), so the supervisor sees the plan.

Threading: UI thread; the route solver runs on the task runner.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError
from fieldapp.kinds import BUSINESS_UTC_OFFSET
from fieldapp.route import Route, order_stops
from fieldapp.store import metrics, plan
from fieldapp.store.route_sheet import route_sheet
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..page import Page
from ..route_sheet import print_sheet, write_pdf
from ..tasks import Task
from ..widgets.plan_side import PlanSide
from ..widgets.plan_stops import PlanStops, stop_rows
from ..widgets.plan_week import PlanWeek

#: Days in the week strip, from today.
WEEK_DAYS = 7
#: Tables whose changes make the plan stale.
WATCHED = frozenset({"visits", "shops", "events", "teams", "settings"})


class PlanPage(Page):
    page_id = "plan"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Plan")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.day: date = ctx.today()
        self.day_plan: plan.DayPlan | None = None
        self.route: Route | None = None
        self._dirty = True
        self._solving = False
        ctx.signals.changed.connect(self._changed)

        self.title_label = QLabel()
        self.title_label.setObjectName("planTitle")
        self.title_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.prev_button = QPushButton("◀")
        self.prev_button.setObjectName("planPrev")
        self.prev_button.clicked.connect(lambda: self.show_day(self.day - timedelta(days=1)))
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("planNext")
        self.next_button.clicked.connect(lambda: self.show_day(self.day + timedelta(days=1)))
        for b in (self.prev_button, self.next_button):
            b.setMaximumWidth(36)
        self.today_button = QPushButton()
        self.today_button.setObjectName("planToday")
        self.today_button.clicked.connect(lambda: self.show_day(self.ctx.today()))
        self.totals_label = QLabel()
        self.totals_label.setObjectName("planTotals")
        self.pjp_label = QLabel()
        self.pjp_label.setObjectName("planPjp")
        self.pjp_label.setStyleSheet("color: #444;")
        top = QHBoxLayout()
        for w in (self.title_label, self.prev_button, self.next_button, self.today_button):
            top.addWidget(w)
        top.addSpacing(12)
        top.addWidget(self.totals_label)
        top.addStretch(1)
        top.addWidget(self.pjp_label)

        self.week = PlanWeek(days=WEEK_DAYS)
        self.week.day_chosen.connect(self.show_day)

        self.generate_button = QPushButton()
        self.generate_button.setObjectName("planGenerate")
        self.generate_button.clicked.connect(self.generate)
        self.route_button = QPushButton()
        self.route_button.setObjectName("planOrderByRoute")
        self.route_button.clicked.connect(self.order_by_route)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("planPdf")
        self.pdf_button.clicked.connect(self._choose_pdf)
        self.print_button = QPushButton()
        self.print_button.setObjectName("planPrint")
        self.print_button.clicked.connect(self._print)
        self.ics_button = QPushButton()
        self.ics_button.setObjectName("planIcs")
        self.ics_button.clicked.connect(self._choose_ics)
        self.message = QLabel()
        self.message.setObjectName("planMessage")
        self.message.setStyleSheet("color: #8a5300;")
        self.message.setWordWrap(True)
        self.message.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.generate_button)
        actions.addWidget(self.route_button)
        actions.addStretch(1)
        for b in (self.pdf_button, self.print_button, self.ics_button):
            actions.addWidget(b)

        self.stops = PlanStops()
        self.stops.moved.connect(self._move)
        self.stops.removed.connect(self._remove)
        self.stops.opened.connect(lambda v: self.ctx.go("visit", {"visit_id": v}))
        self.side = PlanSide(ctx)
        self.side.add.connect(self.add_shop)
        self.side.open_visit.connect(lambda v: self.ctx.go("visit", {"visit_id": v}))

        left = QVBoxLayout()
        left.addLayout(actions)
        left.addWidget(self.message)
        left.addWidget(self.stops, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.week)
        layout.addLayout(body, 1)
        self.retranslate()

    # ------------------------------------------------------------------ reading

    @property
    def rep_id(self) -> str | None:
        return self.ctx.store.user_id

    def open(self, arg: object = None) -> None:
        if isinstance(arg, date):
            self.day = arg
        self.refresh()

    def show_day(self, day: date) -> None:
        self.day = day
        self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        rep = self.rep_id
        if rep is None:
            return
        store = self.ctx.store
        self.day_plan = plan.day_plan(store, rep, self.day)
        self.route = plan.route_of(self.day_plan, plan.start_point(store))
        self.stops.show_rows(stop_rows(self.day_plan, self.route))
        self.side.show_plan(self.day_plan, self.ctx.today())
        today = self.ctx.today()
        first = min(today, self.day)
        if self.day >= first + timedelta(days=WEEK_DAYS):
            first = self.day
        self.week.show_week(plan.week(store, rep, first, WEEK_DAYS), self.day, today)
        self._show_texts()

    def _show_texts(self) -> None:
        qd = QDate(self.day.year, self.day.month, self.day.day)
        self.title_label.setText(
            self.tr("Plan for %1").replace(
                "%1", QLocale().toString(qd, QLocale.FormatType.LongFormat)
            )
        )
        route, day_plan = self.route, self.day_plan
        if route is None or day_plan is None:
            return
        n = len(route.legs)
        text = (
            (self.tr("1 stop") if n == 1 else self.tr("%1 stops").replace("%1", str(n)))
            + " · "
            + self.tr("%1 km by road").replace("%1", f"{route.total_km:.1f}")
        )
        arrivals = [r.arrival for r in self.stops.rows if r.arrival]
        if arrivals:
            text += " · " + self.tr("last arrival %1").replace("%1", arrivals[-1])
        self.totals_label.setText(text)
        self.totals_label.setToolTip(
            self.tr(
                "Road distance is estimated as the straight line × 1.3 (no road network "
                "offline), 30 km/h, 20 minutes a visit, leaving at 08:30 from the start point."
            )
        )
        self.generate_button.setEnabled(bool(day_plan.unplanned_due))
        self.route_button.setEnabled(len(plan.open_stops(day_plan)) > 1 and not self._solving)
        self._show_pjp()

    def _show_pjp(self) -> None:
        rep = self.rep_id
        if rep is None:
            return
        monday = metrics.week_start(self.day)
        weeks = metrics.rep_weeks(
            self.ctx.store.db,
            since=monday,
            until=monday + timedelta(days=6),
            rep_id=rep,
            utc_offset=BUSINESS_UTC_OFFSET,
        )
        planned = sum(w.planned for w in weeks)
        kept = sum(w.kept for w in weeks)
        self.pjp_label.setText(
            self.tr("Week of %1: %2 of %3 planned visits kept")
            .replace("%1", monday.strftime("%m-%d"))
            .replace("%2", str(kept))
            .replace("%3", str(planned))
            if planned
            else ""
        )
        self.pjp_label.setToolTip(
            self.tr("A planned visit counts as kept with both check-in and check-out.")
        )

    def _changed(self, table: str) -> None:
        if table in WATCHED:
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    # ------------------------------------------------------------------ changing

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _write(self, action: str, *args: object) -> bool:
        try:
            getattr(plan, action)(self.ctx.store, *args)
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        self._say("")
        self.ctx.notify("visits")
        self.refresh()
        return True

    def generate(self) -> None:
        """Plan every due shop of the day's route not planned yet."""
        if self.rep_id is not None:
            self._write("generate", self.rep_id, self.day)

    def add_shop(self, shop_id: str) -> None:
        """Add ``shop_id`` as the day's last stop (a shop already planned stays as it is)."""
        if self.rep_id is None or not self._write("add_stop", self.rep_id, self.day, shop_id):
            return
        if self.day_plan is not None:
            added = next((s.visit_id for s in self.day_plan.stops if s.shop_id == shop_id), None)
            self.stops.show_rows(self.stops.rows, select=added)

    def _move(self, visit_id: str, other_id: str) -> None:
        if self.day_plan is None:
            return
        seq = {s.visit_id: s.seq or 0 for s in self.day_plan.stops}
        self._write("move_stop", visit_id, seq.get(other_id, 1))
        self.stops.show_rows(self.stops.rows, select=visit_id)

    def _remove(self, visit_id: str) -> None:
        self._write("remove_stop", visit_id)

    def order_by_route(self) -> None:
        """Order the open stops by the shortest route, solved on a worker."""
        if self.rep_id is None or self.day_plan is None or self._solving:
            return
        stops = plan.open_stops(self.day_plan)
        start = plan.origin(plan.start_point(self.ctx.store), stops)
        depart = plan.depart_time(self.day)
        rep, day = self.rep_id, self.day
        self._solving = True
        self.route_button.setEnabled(False)
        self._say(self.tr("Finding the shortest route…"))

        def work(_task: Task) -> Route:
            return order_stops(stops, start=start, depart=depart)

        def done(route: Route) -> None:
            self._solving = False
            if (rep, day) == (self.rep_id, self.day):
                self._write("apply_order", rep, day, [leg.stop.key for leg in route.legs])
            else:
                self.refresh()

        def failed(exc: BaseException, tb: str) -> None:
            self._solving = False
            self._say("")
            self.refresh()
            self.ctx.errors.show(exc, tb)

        self.ctx.runner.run(work, on_done=done, on_error=failed)

    # ------------------------------------------------------------------ paper and calendar

    def _sheet_name(self, suffix: str) -> str:
        return str(Path.home() / f"route-{self.day.isoformat()}.{suffix}")

    def _choose_pdf(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Save the route sheet"), self._sheet_name("pdf"), self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_pdf(path if path.lower().endswith(".pdf") else path + ".pdf")

    def save_pdf(self, path: str | Path) -> Path | None:
        if self.rep_id is None:
            return None
        out = write_pdf(route_sheet(self.ctx.store, self.rep_id, self.day), path)
        self._say(self.tr("Route sheet saved: %1").replace("%1", str(out)))
        return out

    def _print(self) -> None:
        if self.rep_id is not None:
            print_sheet(route_sheet(self.ctx.store, self.rep_id, self.day), self)

    def _choose_ics(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Save the calendar"), self._sheet_name("ics"), self.tr("Calendar (*.ics)")
        )
        if path:
            self.save_ics(path if path.lower().endswith(".ics") else path + ".ics")

    def save_ics(self, path: str | Path) -> Path | None:
        from fieldapp.exchange.ics import plan_calendar, write_ics

        if self.route is None or self.day_plan is None:
            return None
        out = Path(path)
        addresses = {s.visit_id: s.address for s in self.day_plan.stops}
        write_ics(
            out,
            plan_calendar(
                self.route,
                self.day_plan.events,
                day_key=self.day.isoformat(),
                addresses=addresses,
                stamp=self.ctx.store.now(),
            ),
        )
        self._say(self.tr("Calendar saved: %1").replace("%1", str(out)))
        return out

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.today_button.setText(self.tr("Today"))
        self.prev_button.setToolTip(self.tr("Previous day"))
        self.next_button.setToolTip(self.tr("Next day"))
        self.generate_button.setText(self.tr("Plan the due shops"))
        self.generate_button.setToolTip(
            self.tr("Add a stop for every shop due on this day's route that has none yet")
        )
        self.route_button.setText(self.tr("Order by shortest route"))
        self.pdf_button.setText(self.tr("Route sheet PDF…"))
        self.print_button.setText(self.tr("Print…"))
        self.ics_button.setText(self.tr("Calendar (.ics)…"))
        self.week.retranslate()
        self.stops.retranslate()
        self.side.retranslate()
        if self.day_plan is not None:
            self._show_texts()
