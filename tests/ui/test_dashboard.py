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
    # PJP compliance: the planned visits kept (in and out) and their share.
    assert [int(r[5]) for r in visits] == [w.kept for w in expected.rep_weeks]
    assert any(w.kept for w in expected.rep_weeks)
    kept = next(r for r, w in zip(visits, expected.rep_weeks, strict=True) if w.planned)
    assert kept[6].endswith("%")
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
    assert len(page.cards) == 11  # with the shelf and display cards (issue 16), the chain (18)
    assert page.cards["reps"].showing_table()  # a table only
    qtmodeltester.check(page.cards["reps"].model)
    for key, card in page.cards.items():
        if key == "reps":
            continue
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


def test_the_chain_card_shows_the_periods_funnel_and_roi_per_kind(page: DashboardPage) -> None:
    from fieldapp.store import loop

    card = page.cards["chain"]
    since, until = page.data.since, page.data.until  # type: ignore[union-attr]
    want = loop.funnel(page.ctx.store.db, since=since, until=until)
    assert card.numbers is not None and card.numbers.funnel == want  # type: ignore[attr-defined]
    assert want.experienced > want.pushed > 0  # the demo makes the chain visible
    kinds = loop.roi_by_kind(page.ctx.store.db, since=since, until=until)
    assert card.model.rowCount() == len(kinds) > 0


def test_the_chain_card_follows_the_county_and_its_own_product_choice(
    page: DashboardPage,
) -> None:
    from fieldapp.store import loop

    card = page.cards["chain"]
    db = page.ctx.store.db
    since, until = page.data.since, page.data.until  # type: ignore[union-attr]
    product = card.product  # type: ignore[attr-defined]
    assert product.count() > 1 and product.currentData() is None
    product.setCurrentIndex(1)
    product.activated.emit(1)
    chosen = product.currentData()
    want = loop.funnel(db, since=since, until=until, product_id=chosen)
    assert card.numbers.funnel == want  # type: ignore[attr-defined]
    county = page.county_filter
    county.setCurrentIndex(1)  # the dashboard's county narrows the chain too
    want = loop.funnel(db, since=since, until=until, county_id=county.currentData(),
                       product_id=chosen)  # fmt: skip
    assert card.numbers.funnel == want  # type: ignore[attr-defined]


def test_the_chain_cards_unattributed_count_opens_the_orders_to_attribute(
    page: DashboardPage,
) -> None:
    from fieldapp.store import loop
    from ui.attribute_orders import AttributeOrdersDialog

    card = page.cards["chain"]
    count = loop.unattributed_count(page.ctx.store.db)
    assert count > 0 and f">{count} " in card.note.text()  # a link
    card.note.linkActivated.emit("unattributed")
    dialog = page.findChild(AttributeOrdersDialog)
    assert dialog is not None and dialog.table.rowCount() == count
    dialog.close()


def test_the_display_card_shows_payouts_per_month_and_todays_promotions(
    page: DashboardPage,
) -> None:
    from fieldapp.store.display import payout_months, promotions_on

    card = page.cards["display"]
    since, until = page.data.since, page.data.until  # type: ignore[union-attr]
    db = page.ctx.store.db
    want = payout_months(db, since=since, until=until, today=DEMO_TODAY)
    assert [r[0] for r in card.model.rows()] == [m.month for m in want]
    assert sum(m.paid for m in want) > 0 and sum(m.running for m in want) > 0  # the demo
    assert card.model.rows()[-1][6] == f"¥{want[-1].running:,.0f}"
    note = card.note.text()
    assert f"¥{sum(m.paid for m in want):,.0f}" in note
    names = [name for name, _end in promotions_on(db, DEMO_TODAY)]
    assert names and all(name in note for name in names)
    series = card.chart.series()
    assert len(series) == 1 and isinstance(series[0], QAbstractBarSeries)
    assert [s.label() for s in series[0].barSets()] == ["Paid", "Due", "This month so far"]
