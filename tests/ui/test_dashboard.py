"""The team dashboard page as the demo's supervisor: the numbers shown are the metrics'
numbers, filters re-query, every chart turns into a table and back, every table model
passes qtmodeltester, and the charts render offscreen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.demo import adopt_first
from fieldapp.model import BUSINESS_UTC_OFFSET, EventKind, EventStatus
from fieldapp.store import metrics
from tests.ui.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.labels import label
from ui.pages.dashboard import DashboardPage


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> DashboardPage:
    adopt_first(ctx.store, "supervisor")
    p = DashboardPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    p.open()
    ctx.runner.wait()
    qtbot.waitUntil(lambda: p.data is not None)
    return p


def _expected(ctx: AppContext, weeks: int = 12, **kw: Any) -> metrics.Dashboard:
    return metrics.dashboard(
        ctx.store.db,
        today=DEMO_TODAY,
        since=DEMO_TODAY - timedelta(days=7 * weeks - 1),
        until=DEMO_TODAY,
        team_id=ctx.store.users.get(ctx.store.user_id or "").team_id,
        utc_offset=BUSINESS_UTC_OFFSET,
        **kw,
    )


def test_cards_show_the_metrics_numbers(page: DashboardPage, ctx: AppContext) -> None:
    expected = _expected(ctx)
    assert page.data == expected
    density = page.cards["density"].model.rows()
    assert [r[0] for r in density] == [c.name for c in expected.density]
    assert [int(r[1]) for r in density] == [c.kocs for c in expected.density]
    overdue = page.cards["overdue"].model.rows()
    assert [int(r[3]) for r in overdue] == [t.overdue for t in expected.overdue.tiers]
    visits = page.cards["visits"].model.rows()
    assert [(int(r[2]), int(r[3])) for r in visits] == [
        (w.planned, w.done) for w in expected.rep_weeks
    ]
    events = page.cards["events"].model.rows()
    assert len(events) == len(expected.events)
    assert [(r[2], r[3]) for r in events] == [
        (label(EventKind(e.kind)), label(EventStatus(e.status))) for e in expected.events
    ]
    # The chart holds the same numbers: density bars per county (drawn bottom-up).
    bars = [s for s in page.cards["density"].chart.series() if isinstance(s, QAbstractBarSeries)]
    kocs = bars[0].barSets()[0]
    assert [int(kocs.at(i)) for i in range(kocs.count())] == [
        c.kocs for c in reversed(expected.density)
    ]


def test_filters_requery(page: DashboardPage, ctx: AppContext, qtbot: QtBot) -> None:
    rep_id = page.rep_filter.itemData(1)
    page.rep_filter.setCurrentIndex(1)
    ctx.runner.wait()
    assert page.data == _expected(ctx, rep_id=rep_id)
    county_id = page.county_filter.itemData(1)
    page.county_filter.setCurrentIndex(1)
    ctx.runner.wait()
    assert page.data == _expected(ctx, rep_id=rep_id, county_id=county_id)
    assert {r[0] for r in page.cards["visits"].model.rows()} <= {page.rep_filter.itemText(1)}
    page.period_filter.setCurrentIndex(page.period_filter.findData(4))
    ctx.runner.wait()
    assert page.data == _expected(ctx, weeks=4, rep_id=rep_id, county_id=county_id)
    assert len(page.cards["interactions"].model.rows()) in (4, 5)


def test_every_chart_toggles_to_a_table_and_back(
    page: DashboardPage, qtbot: QtBot, qtmodeltester: Any
) -> None:
    assert len(page.cards) == 7
    for key, card in page.cards.items():
        assert not card.showing_table(), key
        qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
        assert card.showing_table() and card.table.isVisible(), key
        assert card.table.model().rowCount() == len(card.model.rows())
        qtmodeltester.check(card.model)
        qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
        assert not card.showing_table() and card.view.isVisible(), key


def test_charts_render_offscreen(page: DashboardPage, tmp_path: Path) -> None:
    path = tmp_path / "dashboard.png"
    assert page.grab().save(str(path))
    image = page.cards["funnel"].view.grab().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 3  # bars and axes drawn, not a blank card


def test_a_period_change_reuses_the_standing_half_until_the_store_changes(
    page: DashboardPage, ctx: AppContext
) -> None:
    assert page._standing is not None
    standing = page._standing[1]
    density_series = page.cards["density"].chart.series()[0]
    visits_series = page.cards["visits"].chart.series()[0]
    page.period_filter.setCurrentIndex(page.period_filter.findData(26))
    assert page._standing[1] is standing  # not computed again
    assert page.data is not None and page.data.density == standing.density
    assert page.data == _expected(ctx, weeks=26)
    # Only the period's cards are drawn again.
    assert page.cards["density"].chart.series()[0] is density_series
    assert page.cards["visits"].chart.series()[0] is not visits_series
    assert len(page.cards["visits"].model.rows()) == len(page.data.rep_weeks)
    ctx.notify("kocs")  # e.g. a sync brought KOCs: everything is computed again
    page.refresh()
    assert page._standing is not None and page._standing[1] is not standing
    assert page.data == _expected(ctx, weeks=26)


def test_a_visible_dashboard_refreshes_once_after_a_burst_of_changes(
    page: DashboardPage, ctx: AppContext, qtbot: QtBot
) -> None:
    before = page._generation
    county = ctx.store.counties.list(limit=1)[0]
    ctx.store.counties.update(county.id, koc_target=county.koc_target + 10)
    for table in ("counties", "kocs", "shops"):
        ctx.notify(table)
    qtbot.waitUntil(lambda: page._generation == before + 1, timeout=2000)
    targets = {c.county_id: c.koc_target for c in page.data.density}  # type: ignore[union-attr]
    assert targets[county.id] == county.koc_target + 10
