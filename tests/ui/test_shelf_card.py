"""The dashboard's shelf card (issue 16): 铺货率 per SKU for the page's period, as the
SQL metrics give it, in the chart and in the table (the card's switch)."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from fieldapp.store.metrics_shelf import shelf_numbers
from tests.ui.test_dashboard import page  # noqa: F401  (the fixture)
from ui.pages.dashboard import DashboardPage
from ui.shelf_card import ShelfCard


def test_the_shelf_card_shows_distribution_per_sku(
    page: DashboardPage,  # noqa: F811
    qtbot: QtBot,
) -> None:
    card = page.findChild(ShelfCard, "shelfCard")
    assert card is not None
    f = page.filters()
    want = shelf_numbers(page.ctx.store.db, start=f["since"], end=f["until"], by="product")
    assert want, "the demo audits shelves"
    rows = card.model.rows()
    assert sorted(r[0] for r in rows) == sorted(n.label for n in want)
    best = max(want, key=lambda n: (n.pairs, n.label))
    row = next(r for r in rows if r[0] == best.label)
    assert row[1] == str(best.pairs)
    assert row[2] == f"{best.numeric_distribution:.0%}"
    assert card.chart.series(), "bars drawn"
    # Every SKU's name is drawn whole, with room left of the bars (not "…").
    (axis,) = card.chart.axes(Qt.Orientation.Vertical)
    assert isinstance(axis, QBarCategoryAxis) and not axis.truncateLabels()
    names = list(axis.categories())
    assert set(names) <= {n.label[:18] for n in want} and names
    widest = max(QFontMetrics(axis.labelsFont()).horizontalAdvance(n) for n in names)
    assert card.chart.plotArea().left() >= widest
    qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
    assert card.showing_table() and card.table.model().rowCount() == len(want)
