"""The team dashboard's cards in their grid, scrolling: density, funnel, visits, overdue,
levels and interactions three to a row; events, the B→KOC→C chain, display payouts and
promotions, the reps side by side and the shelf across the width.

The grid draws what it is given (``show_standing``, ``show_period``, ``show_reps``); the
page computes the numbers (``ui/pages/dashboard.py``).
Threading: UI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QWidget

from fieldapp.store import metrics
from ui.translate_noop import QT_TRANSLATE_NOOP

from .chain_card import ChainCard
from .chart_card import PAGE_BACKGROUND, ChartCard, _pct
from .dashboard_cards import (
    REP_HEADERS,
    DensityCard,
    EventsCard,
    FunnelCard,
    InteractionsCard,
    LevelsCard,
    OverdueCard,
    PeriodPart,
    VisitsCard,
)


class DashboardGrid(QScrollArea):
    """Every card of the dashboard, by key in ``cards``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardScroll")
        self.density_card = DensityCard()
        self.funnel_card = FunnelCard()
        self.visits_card = VisitsCard()
        self.overdue_card = OverdueCard()
        self.levels_card = LevelsCard()
        self.interactions_card = InteractionsCard()
        self.events_card = EventsCard()
        self.cards: dict[str, ChartCard] = {
            card.key: card
            for card in (
                self.density_card,
                self.funnel_card,
                self.visits_card,
                self.overdue_card,
                self.levels_card,
                self.interactions_card,
                self.events_card,
            )
        }
        # Every rep of the team side by side (a table only).
        self.cards["reps"] = ChartCard(
            "reps", QT_TRANSLATE_NOOP("DashboardPage", "Reps side by side"), REP_HEADERS
        )
        self.cards["reps"].toggle.setChecked(True)
        self.cards["reps"].toggle.hide()
        from ..shelf_card import ShelfCard  # issue 16; it builds on ChartCard

        self.shelf_card = self.cards["shelf"] = ShelfCard()
        self.chain_card = self.cards["chain"] = ChainCard()  # issue 18
        from .display_card import DisplayCard  # issue 16: display payouts and promotions

        self.display_card = self.cards["display"] = DisplayCard()

        host = QWidget()
        host.setObjectName("dashboardCards")
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setSpacing(8)
        order = ("density", "funnel", "visits", "overdue", "levels", "interactions")
        for i, key in enumerate(order):
            grid.addWidget(self.cards[key], i // 3, i % 3)
        for row, key in enumerate(("events", "chain", "display", "reps", "shelf"), start=2):
            grid.addWidget(self.cards[key], row, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(host)
        for surface in (self.viewport(), host):
            palette = surface.palette()
            palette.setColor(QPalette.ColorRole.Window, PAGE_BACKGROUND)
            surface.setPalette(palette)
            surface.setAutoFillBackground(True)

    def show_standing(self, standing: metrics.StandingNumbers, *, one_rep: bool) -> None:
        """The "as of today" cards: density, funnel, overdue, levels."""
        self.density_card.draw(standing, one_rep=one_rep)
        self.funnel_card.draw(standing)
        self.overdue_card.draw(standing)
        self.levels_card.draw(standing)

    def show_period(self, period: metrics.PeriodNumbers) -> None:
        """The period's cards: visits, interactions, events."""
        shown = PeriodPart(
            period.since,
            period.until,
            period.rep_weeks,
            period.interaction_weeks,
            period.events,
        )
        self.visits_card.draw(shown)
        self.interactions_card.draw(shown)
        self.events_card.draw(shown)

    def show_reps(
        self, standings: Sequence[metrics.RepStanding], rep_weeks: Sequence[metrics.RepWeek]
    ) -> None:
        """The reps side by side: KOCs against target, coverage, visits against plan,
        visits with evidence flags."""
        visits: dict[str, list[int]] = {}
        for week in rep_weeks:
            pair = visits.setdefault(week.rep_id, [0, 0])
            pair[0] += week.planned
            pair[1] += week.done
        rows = []
        for r in standings:
            planned, done = visits.get(r.rep_id, [0, 0])
            rows.append(
                (
                    r.name,
                    r.kocs,
                    r.target,
                    _pct(r.density_ratio),
                    r.shops,
                    r.covered,
                    _pct(r.coverage_ratio),
                    planned,
                    done,
                    _pct(done / planned if planned else None),
                    r.flagged_visits,
                )
            )
        self.cards["reps"].model.set_rows(rows)

    def retranslate(self) -> None:
        for card in self.cards.values():
            card.retranslate()
