"""The team dashboard: what a supervisor watches, as charts that each turn into a table.

Seven cards: KOCs against the density target and shops covered per county; the KOC stage
funnel; visits per week against plan; shops overdue by tier; owners per relationship
level; interactions per week with the mean level recorded; events with attendance,
feedback and KOCs found. Filters: rep, county and period (the last 4 to 52 weeks up to
today). Every card has a Chart / Table switch; the table holds the same numbers (visits
per rep and week, one row per event), so nothing is only a picture.

The numbers come from ``fieldapp.store.metrics``: the interactions per week, the visits
per week, the "as of today" half (``standing_numbers``) and the events, run as four tasks
on the task runner's two threads, each with a store of its own (a large team's year,
150,000 visits and 90,000 interactions, takes a few hundred ms in all), so both cores
work. Each card is drawn as soon as its part is in; a newer refresh makes an older answer
stale, which is then dropped, and a change of period alone reuses the "as of today" half without
drawing its cards again.
Threading: UI thread; the queries run on worker threads, each with its own Store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fieldapp.model import BUSINESS_UTC_OFFSET
from fieldapp.store import metrics, views_visits as vv
from fieldapp.store.metrics_shelf import shelf_numbers
from fieldapp.store.shelf import disorder_share
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..context import AppContext
from ..forms import refill_combo
from ..page import Page
from ..tasks import Task
from ..widgets.chain_card import chain_numbers
from ..widgets.chart_card import MUTED, _text_colour
from ..widgets.dashboard_cards import (
    PeriodPart,
)
from ..widgets.dashboard_grid import DashboardGrid
from ..widgets.display_card import display_numbers
from . import team_of

CONTEXT = "DashboardPage"

#: Periods offered: the last N weeks up to today.
PERIOD_WEEKS: tuple[int, ...] = (4, 12, 26, 52)
#: How much of the store file a worker's connection may map into memory (address space,
#: not RAM: the pages are the OS's file cache).
_MMAP_BYTES = 1 << 30


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
        self._period: PeriodPart | None = None
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

        self.grid = DashboardGrid()
        # The page keeps the grid's names for its cards (its tests use them).
        self.cards = self.grid.cards
        self.density_card = self.grid.density_card
        self.funnel_card = self.grid.funnel_card
        self.visits_card = self.grid.visits_card
        self.overdue_card = self.grid.overdue_card
        self.levels_card = self.grid.levels_card
        self.interactions_card = self.grid.interactions_card
        self.events_card = self.grid.events_card
        self.shelf_card = self.grid.shelf_card
        self.chain_card = self.grid.chain_card
        self.display_card = self.grid.display_card
        self._rep_standings: list[metrics.RepStanding] = []
        # Choosing a county (a row of the density table, or its bar) narrows the funnel.
        self.funnel_county: str | None = None
        self.cards["density"].table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.show_county_funnel(current.row())
        )

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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(filters)
        layout.addWidget(self.grid, 1)

        self._fill_filters()
        for combo in (self.rep_filter, self.county_filter, self.period_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.chain_card.product_changed.connect(self._chain_again)
        self.chain_card.unattributed_clicked.connect(self.open_unattributed)
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
        self.chain_card.set_products([(p.id, p.name) for p in self.ctx.store.products.list()])

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

    def open_unattributed(self) -> QWidget:
        """The orders no rule attributes, for the supervisor to attach (issue 18)."""
        from ..attribute_orders import AttributeOrdersDialog

        dialog = AttributeOrdersDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _chain_again(self) -> None:
        """The chain card's product changed: its numbers again, the other cards kept."""
        params, product = self.filters(), self.chain_card.product_id()
        generation = self._generation

        def show(numbers: Any) -> None:
            if generation == self._generation and product == self.chain_card.product_id():
                self.chain_card.set_numbers(numbers)

        self.ctx.read_later(
            lambda db: chain_numbers(
                db,
                since=params["since"],
                until=params["until"],
                county_id=params["county_id"],
                product_id=product,
            ),
            show,
        )

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
        self._period = PeriodPart(since, until)
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
        jobs["reps"] = lambda db: metrics.rep_standings(
            db, team_id=params["team_id"], since=since, until=until, utc_offset=offset
        )
        share = disorder_share(self.ctx.store)
        jobs["shelf"] = lambda db: shelf_numbers(  # issue 16: the shelf card
            db,
            start=since,
            end=until,
            by="product",
            share=share,
            rep_id=rep_id,
            county_id=county_id,
        )
        product = self.chain_card.product_id()
        jobs["chain"] = lambda db: chain_numbers(
            db, since=since, until=until, county_id=county_id, product_id=product
        )
        jobs["display"] = lambda db: display_numbers(  # issue 16: payouts and promotions
            db, since=since, until=until, today=params["today"], rep_id=rep_id,
            county_id=county_id,
        )  # fmt: skip
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

            def done(result: Any, name: str = name) -> None:
                self._part_done(generation, key, name, result)

            self.ctx.runner.run(work, on_done=done, on_error=self._failed)

    def _part_done(self, generation: int, key: tuple[Any, ...], name: str, part: Any) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        if name == "shelf":  # not one of the Dashboard's parts
            self.shelf_card.set_numbers(part)
            return
        if name == "chain":  # issue 18: nor is the chain
            self.chain_card.set_numbers(part)
            return
        if name == "display":  # nor the display payouts
            self.display_card.set_numbers(part)
            return
        parts = self._parts
        parts[name] = part
        if name == "reps":
            self._rep_standings = list(part)
            self._reps()
        elif name == "standing":
            self._standing = (key, part)
            if part != self._shown_standing:  # equal numbers: the cards are right
                self._show_standing(part)
        else:
            assert self._period is not None
            period = self._period
            if name == "rep_weeks":
                self._period = replace(period, rep_weeks=tuple(part))
                self.visits_card.draw(self._period)
                self._reps()
            elif name == "interaction_weeks":
                self._period = replace(period, interaction_weeks=tuple(part))
                self.interactions_card.draw(self._period)
            else:
                self._period = replace(period, events=tuple(part))
                self.events_card.draw(self._period)
        if len(parts) == 5:
            assert self._period is not None
            period = self._period
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
        self.grid.show_standing(standing, one_rep=self.rep_filter.currentData() is not None)

    def _render(self) -> None:
        """Draw every card again from ``data`` (after a change of language)."""
        data = self.data
        if data is None:
            return
        self._show_standing(data.standing())
        self.grid.show_period(data.period())

    def show_county_funnel(self, row: int) -> None:
        """The funnel of the county in row ``row`` of the density table (-1: all)."""
        standing = self._shown_standing
        density = list(standing.density) if standing is not None else []
        if standing is None or not 0 <= row < len(density):
            self.funnel_county = None
            if standing is not None:
                self.funnel_card.draw(standing)
            return
        county = density[row]
        self.funnel_county = county.county_id
        funnel = metrics.stage_funnel(
            self.ctx.store.db, county_id=county.county_id, rep_id=self.rep_filter.currentData()
        )
        self.funnel_card.draw(replace(standing, funnel=funnel), county.name)

    def _reps(self) -> None:
        weeks = self._period.rep_weeks if self._period is not None else ()
        self.grid.show_reps(self._rep_standings, weeks)

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
        self.grid.retranslate()
        self._render()
