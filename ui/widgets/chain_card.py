"""The dashboard's chain card (issue 18): B→KOC→C as a funnel (KOCs experienced → pushed →
ordered) with ROI per event kind, and the orders nobody is attributed to yet. The same
Chart / Table switch as every card; the numbers are ``fieldapp.store.loop``'s
(docs/attribution.md), computed by the dashboard off the UI thread.
Threading: UI thread (drawing only).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout

from fieldapp.model import EventKind
from fieldapp.store import loop
from fieldapp.store.db import Sql
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..labels import label
from .chart_card import ChartCard

CHAIN_HEADERS = (
    QT_TRANSLATE_NOOP("DashboardPage", "Event kind"),
    QT_TRANSLATE_NOOP("DashboardPage", "Events"),
    QT_TRANSLATE_NOOP("DashboardPage", "Cost"),
    QT_TRANSLATE_NOOP("DashboardPage", "Revenue (30 days)"),
    QT_TRANSLATE_NOOP("DashboardPage", "Revenue per ¥"),
    QT_TRANSLATE_NOOP("DashboardPage", "Attendees"),
    QT_TRANSLATE_NOOP("DashboardPage", "Converted KOCs"),
)


def _kind_word(kind: str) -> str:
    # "tasting" is an interaction kind too: name the event kind.
    return label(EventKind(kind)) if kind in EventKind._value2member_map_ else kind


@dataclass(frozen=True)
class ChainNumbers:
    funnel: loop.Funnel
    kinds: tuple[loop.KindRoi, ...]
    unattributed: int


def chain_numbers(
    db: Sql,
    *,
    since: object,
    until: object,
    county_id: str | None = None,
    product_id: str | None = None,
) -> ChainNumbers:
    """The card's numbers for the period, the dashboard's county (the KOCs', the events'
    venue) and the card's product (run on a worker's store; docs/attribution.md)."""
    from datetime import date

    assert isinstance(since, date) and isinstance(until, date)
    return ChainNumbers(
        loop.funnel(db, since=since, until=until, county_id=county_id, product_id=product_id),
        tuple(
            loop.roi_by_kind(
                db, since=since, until=until, county_id=county_id, product_id=product_id
            )
        ),
        loop.unattributed_count(db),
    )


class ChainCard(ChartCard):
    """Experienced → pushed → ordered, and ROI per event kind."""

    #: The card's product changed: the dashboard computes the chain again.
    product_changed = Signal()
    #: The unattributed orders' count was clicked: show them to be attributed.
    unattributed_clicked = Signal()

    def __init__(self) -> None:
        super().__init__(
            "chain",
            QT_TRANSLATE_NOOP("DashboardPage", "B→KOC→C: experienced → pushed → ordered"),
            CHAIN_HEADERS,
        )
        self.setObjectName("chainCard")
        self.numbers: ChainNumbers | None = None
        # The chain of one product: events featuring it, pushes naming it.
        self.product = QComboBox()
        self.product.setObjectName("chainProduct")
        self.product.addItem("", None)
        self.product.activated.connect(lambda _i: self.product_changed.emit())
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.linkActivated.connect(lambda _link: self.unattributed_clicked.emit())
        card = self.layout()
        title_row = card.itemAt(0) if card is not None else None
        head = title_row.layout() if title_row is not None else None  # ChartCard's title row
        assert isinstance(head, QHBoxLayout)
        head.insertWidget(1, self.product)

    def set_products(self, products: list[tuple[str, str]]) -> None:
        """(id, name) of the products to choose from; the choice is kept when it stays."""
        current = self.product_id()
        self.product.blockSignals(True)
        while self.product.count() > 1:
            self.product.removeItem(1)
        for pid, name in products:
            self.product.addItem(name, pid)
        self.product.setCurrentIndex(max(0, self.product.findData(current)))
        self.product.blockSignals(False)

    def product_id(self) -> str | None:
        data = self.product.currentData()
        return None if data is None else str(data)

    def set_numbers(self, numbers: ChainNumbers) -> None:
        self.numbers = numbers
        self.show_numbers()

    def show_numbers(self) -> None:
        n = self.numbers
        if n is None:
            return
        self.model.set_rows(
            [
                (
                    _kind_word(k.kind),
                    k.events,
                    f"¥{k.cost:,.0f}",
                    f"¥{k.revenue:,.0f}",
                    "—" if k.revenue_per_yuan is None else f"{k.revenue_per_yuan:.2f}",
                    k.attendees,
                    k.converted,
                )
                for k in n.kinds
            ]
        )
        text = QCoreApplication.translate(
            "DashboardPage", "%1 cloud-store orders not attributed yet"
        ).replace("%1", str(n.unattributed))
        # A link to the list a person attributes them from (Data → Orders not attributed).
        self.note.setText(
            f'<a href="unattributed">{html.escape(text)}</a>' if n.unattributed else text
        )
        self.clear_chart()
        f = n.funnel
        bars = QBarSet(QCoreApplication.translate("DashboardPage", "KOCs"))
        for value in (f.experienced, f.pushed, f.ordered):
            bars.append(value)
        bars.setColor(QColor("#1f7a8c"))
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        self.chart.addSeries(series)
        steps = QBarCategoryAxis()
        steps.append(
            [
                QCoreApplication.translate("DashboardPage", "Experienced"),
                QCoreApplication.translate("DashboardPage", "Pushed"),
                QCoreApplication.translate("DashboardPage", "Ordered"),
            ]
        )
        values = QValueAxis()
        values.setRange(0, max(1, f.experienced))
        values.setLabelFormat("%d")
        self.chart.addAxis(steps, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(steps)
        series.attachAxis(values)
        self.chart.legend().hide()

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "product"):
            self.product.setItemText(0, QCoreApplication.translate("DashboardPage", "All products"))
        if getattr(self, "numbers", None):
            self.show_numbers()
