"""The Today page: the day's plan and what needs the rep, one click from each row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.model import BUSINESS_UTC_OFFSET
from fieldapp.store import metrics, views_visits as vv
from tests.ui.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.models import ROW_ROLE
from ui.pages.today import TodayPage
from ui.pages.visit import VisitPage


def make_page(qtbot: QtBot, ctx: AppContext) -> TodayPage:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    return page


def dispose(window: QWidget) -> None:
    """Delete a main window now (see tests/ui/test_visit.py)."""
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def rows(view: QTableView) -> list[Any]:
    model = view.model()
    return [model.index(r, 0).data(ROW_ROLE) for r in range(model.rowCount())]


def click_row(qtbot: QtBot, view: QTableView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def test_today_lists_the_reps_planned_visits(qtbot: QtBot, ctx: AppContext) -> None:
    store = ctx.store
    page = make_page(qtbot, ctx)
    planned = store.visits.list(where={"planned_date": DEMO_TODAY, "rep_id": store.user_id})
    assert planned, "the demo plans visits for today"
    shown = rows(page.planned_table)
    assert {r.visit_id for r in shown} == {v.id for v in planned}
    assert page.planned_model.total() == len(planned)
    names = {s.id: s.name for s in store.shops.list(where={"id": [v.shop_id for v in planned]})}
    assert [r.shop_name for r in shown] == [names[r.shop_id] for r in shown]
    # Started visits first, in check-in order; then the rest.
    started = [r.checkin_at for r in shown if r.checkin_at is not None]
    assert started == sorted(started)
    assert all(r.checkin_at is None for r in shown[len(started) :])
    status = page.planned_model.index(0, 2).data()
    assert status in ("Done", "In progress", "Not started")
    assert page.planned.title() == f"Planned visits ({len(planned)})"


def test_clicking_a_planned_visit_opens_it(qtbot: QtBot, ctx: AppContext) -> None:
    today, visit = TodayPage(ctx), VisitPage(ctx)
    window = MainWindow(ctx, [today, visit])
    try:
        window.resize(1366, 768)
        window.show()
        assert window.current_page() is today
        target = rows(today.planned_table)[2]
        click_row(qtbot, today.planned_table, 2)
        assert window.current_page() is visit
        assert visit.visit_id() == target.visit_id
        assert visit.shop_label.text() == target.shop_name
        # Back, and Enter on a row does the same.
        window.back()
        assert window.current_page() is today
        today.planned_table.setFocus()
        today.planned_table.setCurrentIndex(today.planned_model.index(4, 0))
        qtbot.keyClick(today.planned_table, Qt.Key.Key_Return)
        assert visit.visit_id() == rows(today.planned_table)[4].visit_id
    finally:
        dispose(window)


def test_one_click_on_an_overdue_shop_starts_a_visit_there(qtbot: QtBot, ctx: AppContext) -> None:
    store = ctx.store
    today, visit = TodayPage(ctx), VisitPage(ctx)
    window = MainWindow(ctx, [today, visit])
    try:
        window.show()
        report = metrics.overdue_shops(
            store.db, today=DEMO_TODAY, rep_id=store.user_id, utc_offset=BUSINESS_UTC_OFFSET
        )
        assert today.overdue.title() == f"Overdue for a visit ({report.overdue})"
        for tier in ("A", "B", "C"):
            assert f"{tier} {report.tier(tier).overdue}" in today.overdue.note.text()
        shown = rows(today.overdue_table)
        assert shown and all(sum(r.tier == t for r in shown) <= 5 for t in "ABC")
        target = shown[0]
        planned_before = today.planned_model.total()

        click_row(qtbot, today.overdue_table, 0)
        assert window.current_page() is visit
        made = store.visits.get(visit.visit_id())  # type: ignore[arg-type]
        assert (made.shop_id, made.planned_date, made.rep_id) == (
            target.shop_id,
            DEMO_TODAY,
            store.user_id,
        )
        # Back on Today, the new visit is on the plan (the page re-read the store).
        window.back()
        assert today.planned_model.total() == planned_before + 1
        assert made.id in {r.visit_id for r in rows(today.planned_table)}
        # A second click there opens the same visit.
        click_row(qtbot, today.overdue_table, 0)
        assert visit.visit_id() == made.id
    finally:
        dispose(window)


def test_returned_visits_with_the_comment_at_the_top(qtbot: QtBot, ctx: AppContext) -> None:
    page = make_page(qtbot, ctx)
    expected = vv.returned_visits(ctx.store.db, rep_id=ctx.store.user_id, limit=3)
    assert expected and page.returned.isVisible()
    assert page.returned.geometry().top() < page.planned.geometry().top()
    shown = rows(page.returned_table)[:3]
    assert [r.visit_id for r in shown] == [r.visit_id for r in expected]
    assert page.returned_model.index(0, 2).data() == expected[0].supervisor_comment
    with qtbot.waitSignal(ctx.signals.navigate) as nav:
        click_row(qtbot, page.returned_table, 0)
    assert nav.args == ["visit", {"visit_id": expected[0].visit_id}]


def test_people_to_look_after(qtbot: QtBot, ctx: AppContext) -> None:
    store = ctx.store
    page = make_page(qtbot, ctx)
    owners = rows(page.quiet_table)
    assert owners and page.quiet_model.total() == vv.count_quiet_owners(
        store.db, today=DEMO_TODAY, rep_id=store.user_id
    )
    levels = [o.level for o in owners]
    assert levels == sorted(levels, reverse=True)  # strongest relationships first
    assert all(o.days_since is None or o.days_since >= 30 for o in owners)
    with qtbot.waitSignal(ctx.signals.navigate) as nav:
        click_row(qtbot, page.quiet_table, 0)
    assert nav.args == ["visit", {"shop_id": owners[0].shop_id, "new": True}]

    kocs = rows(page.koc_table)
    assert kocs
    with qtbot.waitSignal(ctx.signals.navigate) as nav:
        page.koc_table.setCurrentIndex(page.koc_model.index(1, 0))
        qtbot.keyClick(page.koc_table, Qt.Key.Key_Enter)
    assert nav.args == ["koc", kocs[1].koc_id]

    events = rows(page.event_table)
    assert [e.event_id for e in events] == [
        e.event_id for e in vv.upcoming_events(store.db, today=DEMO_TODAY, rep_id=store.user_id)
    ]


def test_today_is_first_in_the_side_bar_of_its_window(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx, [TodayPage(ctx), VisitPage(ctx)])
    try:
        assert window.nav.count() == 1  # the visit page is reached from Today, not the bar
        assert window.nav.item(0).text() == "Today"
        assert window.current_page().page_id == "today"
    finally:
        dispose(window)


def test_today_models_pass_the_model_tester(
    qtbot: QtBot, ctx: AppContext, qtmodeltester: Any
) -> None:
    page = make_page(qtbot, ctx)
    for model in page._models():
        qtmodeltester.check(model)
    page.quiet_model.sort(2, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(page.quiet_model)
    page.koc_model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.koc_model)


def test_language_switch_relabels_today(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    page = make_page(qtbot, ctx)
    planned = page.planned_model.total()
    translations.install("zh_CN")
    assert page.planned.title() == f"今日计划拜访（{planned}）"
    assert page.planned_model.headerData(0, Qt.Orientation.Horizontal) == "门店"
    assert page.planned_model.index(0, 1).data().endswith("类")
    assert page.planned_model.index(0, 2).data() in ("已完成", "进行中", "未开始")
    assert page.date_label.text().startswith("今日")
    assert "天" in page.quiet_model.index(0, 3).data()
    translations.install("en")
    assert page.planned.title() == f"Planned visits ({planned})"


def test_today_shows_the_weeks_pjp_compliance(qtbot: QtBot, ctx: AppContext) -> None:
    """Planned visits of the week so far, kept only with both check-in and check-out."""
    page = make_page(qtbot, ctx)
    weeks = metrics.rep_weeks(
        ctx.store.db,
        since=metrics.week_start(DEMO_TODAY),
        until=DEMO_TODAY,
        rep_id=ctx.store.user_id,
        utc_offset=BUSINESS_UTC_OFFSET,
    )
    planned = sum(w.planned for w in weeks)
    kept = sum(w.kept for w in weeks)
    assert planned and kept < planned  # today's later stops are not kept yet
    assert page.pjp_label.text() == (
        f"This week: {kept} of {planned} planned visits kept ({kept / planned:.0%})"
    )
    # A visit checked in but not out does not count; checking it out does.
    open_visit = next(
        v
        for v in ctx.store.visits.list(
            where={"planned_date": DEMO_TODAY, "rep_id": ctx.store.user_id}
        )
        if v.checkout_at is None
    )
    if open_visit.checkin_at is None:
        open_visit = ctx.store.visits.check_in(
            open_visit.id, at=datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
        )
    page.refresh()
    assert f"{kept} of {planned}" in page.pjp_label.text()
    assert open_visit.checkin_at is not None
    ctx.store.visits.check_out(open_visit.id, at=open_visit.checkin_at + timedelta(minutes=20))
    page.refresh()
    assert f"{kept + 1} of {planned}" in page.pjp_label.text()
