"""The team dashboard: county names are never cut to "…", choosing a county narrows the
funnel to it, and every rep of the team is in a comparison table."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from fieldapp import reference
from fieldapp.demo import adopt_first
from fieldapp.store import metrics
from ui.context import AppContext
from ui.pages.dashboard import DashboardPage


def _page(qtbot: QtBot, ctx: AppContext) -> DashboardPage:
    adopt_first(ctx.store, "supervisor")
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1216, 700)  # the page on a 1366×768 screen
    page.show()
    page.open()
    ctx.runner.wait()
    qtbot.waitUntil(lambda: page.data is not None)
    return page


def test_every_county_name_is_shown_whole(qtbot: QtBot, ctx: AppContext) -> None:
    added = reference.add_counties(ctx.store, reference.counties("内蒙古自治区")[:20])
    page = _page(qtbot, ctx)
    qtbot.wait(50)
    chart = page.cards["density"].chart
    # QtCharts' label items reach Python as plain QGraphicsItems on some PySide6 versions
    # (6.11), so the axis says what it draws: every name, never cut to "…", with room.
    (axis,) = chart.axes(Qt.Orientation.Vertical)
    assert isinstance(axis, QBarCategoryAxis)
    names = set(axis.categories())
    assert {c.name for c in added} <= names
    assert not axis.truncateLabels()
    widest = max(QFontMetrics(axis.labelsFont()).horizontalAdvance(n) for n in names)
    assert chart.plotArea().left() >= widest


def test_choosing_a_county_narrows_the_funnel(qtbot: QtBot, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    density = page.data.density if page.data else ()
    row = max(range(len(density)), key=lambda i: density[i].kocs)
    county = density[row]
    whole = [r[1] for r in page.cards["funnel"].model.rows()]
    page.cards["density"].table.selectRow(row)
    assert page.funnel_county == county.county_id
    funnel = metrics.stage_funnel(ctx.store.db, county_id=county.county_id)
    shown = [int(r[1]) for r in page.cards["funnel"].model.rows()]
    assert sum(shown) == sum(funnel.counts.values())
    assert shown != [int(x) for x in whole] or len(density) == 1
    assert county.name in page.cards["funnel"].note.text()


def test_every_rep_is_compared_side_by_side(qtbot: QtBot, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    team = ctx.store.users.get(ctx.store.user_id or "").team_id
    expected = metrics.rep_standings(ctx.store.db, team_id=team)
    rows = page.cards["reps"].model.rows()
    assert [r[0] for r in rows] == [r.name for r in expected] and rows
    assert [int(r[1]) for r in rows] == [r.kocs for r in expected]
    assert page.data is not None
    planned = {r.rep_id: 0 for r in expected}
    for week in page.data.rep_weeks:
        planned[week.rep_id] = planned.get(week.rep_id, 0) + week.planned
    assert [int(r[7]) for r in rows] == [planned[r.rep_id] for r in expected]
    assert page.cards["reps"].showing_table()
