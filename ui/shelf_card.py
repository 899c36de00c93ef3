"""The dashboard's shelf card (issue 16): 铺货率 per SKU, with the same Chart / Table
switch as every card. The chart shows numeric distribution per SKU (the 12 most
audited); the table has every SKU with weighted distribution, out-of-stock rate, share
of shelf and price disorder (``fieldapp.store.metrics_shelf``).
Threading: UI thread; ``load`` runs one indexed SQL statement on the page's store.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from fieldapp.store.db import Sql
from fieldapp.store.metrics_shelf import ShelfNumbers, shelf_numbers
from ui.translate_noop import QT_TRANSLATE_NOOP

from .widgets.chart_card import ChartCard

SHELF_HEADERS = (
    QT_TRANSLATE_NOOP("DashboardPage", "SKU"),
    QT_TRANSLATE_NOOP("DashboardPage", "Shops audited"),
    QT_TRANSLATE_NOOP("DashboardPage", "Numeric distribution"),
    QT_TRANSLATE_NOOP("DashboardPage", "Weighted distribution"),
    QT_TRANSLATE_NOOP("DashboardPage", "Out of stock"),
    QT_TRANSLATE_NOOP("DashboardPage", "Share of shelf"),
    QT_TRANSLATE_NOOP("DashboardPage", "Price disorder"),
)
_CHART_SKUS = 12


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


class ShelfCard(ChartCard):
    """铺货率 per SKU for the dashboard's period, rep and county."""

    def __init__(self) -> None:
        super().__init__(
            "shelf", QT_TRANSLATE_NOOP("DashboardPage", "Distribution (铺货率)"), SHELF_HEADERS
        )
        self.numbers: list[ShelfNumbers] = []

    def load(
        self,
        db: Sql,
        *,
        since: date,
        until: date,
        rep_id: str | None,
        county_id: str | None,
        share: float,
    ) -> None:
        self.set_numbers(
            shelf_numbers(
                db,
                start=since,
                end=until,
                by="product",
                share=share,
                rep_id=rep_id,
                county_id=county_id,
            )
        )

    def set_numbers(self, numbers: list[ShelfNumbers]) -> None:
        """Show numbers computed elsewhere (the dashboard computes them off the UI thread)."""
        self.numbers = list(numbers)
        self.show_numbers()

    def show_numbers(self) -> None:
        rows = sorted(self.numbers, key=lambda n: (-n.pairs, n.label))
        self.model.set_rows(
            [
                (
                    n.label,
                    n.pairs,
                    _pct(n.numeric_distribution),
                    _pct(n.weighted_distribution),
                    _pct(n.out_of_stock_rate),
                    _pct(n.share_of_shelf),
                    n.price_disorder,
                )
                for n in rows
            ]
        )
        self.note.setText(
            QCoreApplication.translate("DashboardPage", "%1 SKUs audited").replace(
                "%1", str(len(rows))
            )
        )
        self.clear_chart()
        shown = list(reversed(rows[:_CHART_SKUS]))
        if not shown:
            return
        bars = QBarSet(QCoreApplication.translate("DashboardPage", "Numeric distribution"))
        for n in shown:
            bars.append(100 * (n.numeric_distribution or 0.0))
        bars.setColor(QColor("#2e86de"))
        series = QHorizontalBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([n.label[:18] for n in shown])
        small = QFont()
        small.setPixelSize(12)
        names.setLabelsFont(small)
        names.setTruncateLabels(False)  # a SKU's name is never cut to "…" (room is made left)
        # A row per SKU tall enough for its name (as the density card's counties).
        self.view.setMinimumHeight(max(200, 22 * len(shown) + 80))
        self.setMinimumHeight(max(270, 22 * len(shown) + 140))
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)
        self.chart.legend().hide()

    def retranslate(self) -> None:
        super().retranslate()
        if getattr(self, "numbers", None):
            self.show_numbers()
