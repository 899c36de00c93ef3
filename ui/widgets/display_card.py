"""The dashboard's display-payout card (issue 16): per month of the period, the payouts
of the team's display agreements paid (approved by the supervisor), due (ended months
nobody has decided yet) and running (this month so far), and head office's promotions
active today. The same Chart / Table switch as every card; the numbers are
``fieldapp.store.display``'s, computed by the dashboard off the UI thread.
Threading: UI thread (drawing only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCharts import QStackedBarSeries
from PySide6.QtCore import QCoreApplication, Qt

from fieldapp.store.db import Sql
from fieldapp.store.display import PayoutMonth, payout_months, promotions_on
from ui.translate_noop import QT_TRANSLATE_NOOP

from .chart_card import GREEN, GREY, ORANGE, ChartCard, _bar_set, _categories, _value_axis

DISPLAY_HEADERS = (
    QT_TRANSLATE_NOOP("DashboardPage", "Month"),
    QT_TRANSLATE_NOOP("DashboardPage", "Agreements"),
    QT_TRANSLATE_NOOP("DashboardPage", "Computed ¥"),
    QT_TRANSLATE_NOOP("DashboardPage", "Paid ¥"),
    QT_TRANSLATE_NOOP("DashboardPage", "Due ¥"),
    QT_TRANSLATE_NOOP("DashboardPage", "Months waiting"),
    QT_TRANSLATE_NOOP("DashboardPage", "This month so far ¥"),
)


@dataclass(frozen=True)
class DisplayNumbers:
    months: tuple[PayoutMonth, ...]
    #: Head office's promotions valid today: (name, last day or None).
    promotions: tuple[tuple[str, str | None], ...]


def display_numbers(
    db: Sql,
    *,
    since: date,
    until: date,
    today: date,
    rep_id: str | None,
    county_id: str | None,
) -> DisplayNumbers:
    """The card's numbers (run on a worker's store)."""
    return DisplayNumbers(
        tuple(payout_months(db, since=since, until=until, today=today, rep_id=rep_id,
                            county_id=county_id)),
        tuple(promotions_on(db, today)),
    )  # fmt: skip


def _promotion(name: str, end: str | None) -> str:
    return name if end is None else f"{name} (→{end[5:]})"


def _yuan(value: float) -> str:
    return f"¥{value:,.0f}"


class DisplayCard(ChartCard):
    """Display payouts per month (paid, due, running) and today's promotions."""

    def __init__(self) -> None:
        super().__init__(
            "display",
            QT_TRANSLATE_NOOP("DashboardPage", "Display payouts (陈列费用) and promotions"),
            DISPLAY_HEADERS,
        )
        self.setObjectName("displayCard")
        self.numbers: DisplayNumbers | None = None

    def set_numbers(self, numbers: DisplayNumbers) -> None:
        self.numbers = numbers
        self.show_numbers()

    def show_numbers(self) -> None:
        n = self.numbers
        if n is None:
            return
        self.model.set_rows(
            [
                (m.month, m.agreements, _yuan(m.computed), _yuan(m.paid), _yuan(m.due),
                 m.waiting, _yuan(m.running) if m.running else "")
                for m in n.months
            ]
        )  # fmt: skip
        due = sum(m.due for m in n.months)
        waiting = sum(m.waiting for m in n.months)
        paid = sum(m.paid for m in n.months)
        head = (
            self.tr("Paid %1 · due %2 (%n month(s) waiting)", "", waiting)
            .replace("%1", _yuan(paid))
            .replace("%2", _yuan(due))
        )
        count = len(n.promotions)
        promos = self.tr("%n promotion(s) today: %1", "", count).replace(
            "%1", "、".join(_promotion(name, end) for name, end in n.promotions)
        )
        if not count:
            promos = self.tr("No promotion today")
        self.note.setText(f"{head}\n{promos}")
        self.note.setWordWrap(True)
        self.clear_chart()
        if not n.months:
            return
        series = QStackedBarSeries()
        for name, values, colour in (
            (
                QCoreApplication.translate("DashboardPage", "Paid"),
                [m.paid for m in n.months],
                GREEN,
            ),
            (QCoreApplication.translate("DashboardPage", "Due"), [m.due for m in n.months], ORANGE),
            (
                QCoreApplication.translate("DashboardPage", "This month so far"),
                [m.running for m in n.months],
                GREY,
            ),
        ):
            series.append(_bar_set(name, values, colour))
        self.chart.addSeries(series)
        months = _categories([m.month for m in n.months])
        top = max(m.paid + m.due + m.running for m in n.months)
        value_axis = _value_axis(top)
        self.chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(value_axis)
        self.chart.legend().show()

    def retranslate(self) -> None:
        super().retranslate()
        if getattr(self, "numbers", None):
            self.show_numbers()
