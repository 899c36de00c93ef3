"""The plan page: the day's stops, the week strip, changes that write planned visits,
the shortest route on the runner, the route sheet and the calendar."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.route import road_km
from fieldapp.store import plan
from fieldapp.store.route_sheet import route_sheet
from tests.ui.conftest import DEMO_TODAY
from tests.ui.test_visit import type_text
from ui.context import AppContext
from ui.i18n import Translations
from ui.pages.plan import PlanPage
from ui.route_sheet import sheet_html


def make_page(qtbot: QtBot, ctx: AppContext) -> PlanPage:
    page = PlanPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    page.refresh()
    return page


def stop_ids(page: PlanPage) -> list[str]:
    return [r.visit_id for r in page.stops.rows]


def test_the_day_shows_the_plan_in_order_with_totals_and_the_week(
    qtbot: QtBot, ctx: AppContext
) -> None:
    page = make_page(qtbot, ctx)
    rep = ctx.store.user_id or ""
    day = plan.day_plan(ctx.store, rep, DEMO_TODAY)
    assert day.stops
    shown = page.stops.rows
    assert {r.visit_id for r in shown} == {s.visit_id for s in day.stops}
    route = plan.route_of(day, plan.start_point(ctx.store))
    assert [r.visit_id for r in shown] == [leg.stop.key for leg in route.legs]
    assert f"{route.total_km:.1f} km" in page.totals_label.text()
    done = {s.visit_id for s in day.stops if s.done}
    assert {r.visit_id for r in shown if r.state == "done"} == done
    # The week strip: seven days from today, today chosen, counts from plan.week.
    week = plan.week(ctx.store, rep, DEMO_TODAY, 7)
    assert [d.day for d in page.week.days] == [d.day for d in week]
    assert page.week.buttons[0].isChecked()
    assert f"{week[1].planned} planned" in page.week.buttons[1].text()
    qtbot.mouseClick(page.week.buttons[1], Qt.MouseButton.LeftButton)
    assert page.day == DEMO_TODAY + timedelta(days=1)
    assert {r.visit_id for r in page.stops.rows} == {
        s.visit_id for s in plan.day_plan(ctx.store, rep, page.day).stops
    }


def test_plan_the_due_shops_add_move_and_remove_stops(qtbot: QtBot, ctx: AppContext) -> None:
    store, rep = ctx.store, ctx.store.user_id or ""
    day = DEMO_TODAY + timedelta(days=2)
    planned = {s.shop_id for s in plan.day_plan(store, rep, day).stops}
    fresh = [s for s in store.shops.list(where={"rep_id": rep}) if s.id not in planned][:3]
    for shop in fresh:  # on that weekday's route, never visited after: due
        store.shops.update(shop.id, route_days=str(day.isoweekday()), visit_every_days=1)
    page = make_page(qtbot, ctx)
    page.show_day(day)
    due_ids = {page.side.due_list.item(i).data(Qt.ItemDataRole.UserRole)
               for i in range(page.side.due_list.count())}  # fmt: skip
    assert {s.id for s in fresh} <= due_ids
    before = len(page.stops.rows)
    assert page.generate_button.isEnabled()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    # The day fills up to plan.DAY_STOPS; the due shops left stay listed as due.
    after = min(plan.DAY_STOPS, before + len(due_ids))
    assert len(page.stops.rows) == after
    assert page.side.due_list.count() == before + len(due_ids) - after
    # Written as planned visits: synced rows with their place in the day.
    stops = plan.day_plan(store, rep, day).stops
    assert {s.shop_id for s in stops} - planned <= due_ids
    assert [s.seq for s in stops] == list(range(1, len(stops) + 1))

    # Ctrl+Up moves the selected stop one place up.
    # (Stops without coordinates stay last on the route whatever their place: the last
    # placed one is moved.)
    ids = stop_ids(page)
    k = max(i for i, r in enumerate(page.stops.rows) if r.state != "nowhere")
    assert k >= 1
    page.stops.table.setFocus()
    page.stops.table.selectRow(k)
    qtbot.keyClick(page.stops.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert stop_ids(page) == [*ids[: k - 1], ids[k], ids[k - 1], *ids[k + 1 :]]
    assert page.stops.current_visit() == ids[k]
    # Delete removes it from the day (the planned visit is deleted).
    qtbot.keyClick(page.stops.table, Qt.Key.Key_Delete)
    assert ids[k] not in stop_ids(page)
    assert store.visits.find(ids[k]) is None

    # Any shop can be added from the search.
    planned_now = {x.shop_id for x in plan.day_plan(store, rep, day).stops}
    mine = store.shops.list(where={"rep_id": rep})
    names = [s.name for s in mine]
    # (a name no other shop of the rep shares: the search's first hit is that shop)
    other = next(s for s in mine if s.id not in planned_now and names.count(s.name) == 1)
    type_text(qtbot, page.side.search, other.name)
    qtbot.keyClick(page.side.search, Qt.Key.Key_Return)
    added = plan.day_plan(store, rep, day).stops[-1]
    assert added.shop_id == other.id
    assert page.stops.current_visit() == added.visit_id


def test_a_checked_in_stop_cannot_be_removed(qtbot: QtBot, ctx: AppContext) -> None:
    page = make_page(qtbot, ctx)
    done = next(r for r in page.stops.rows if r.state == "done")
    page.stops.removed.emit(done.visit_id)
    assert ctx.store.visits.find(done.visit_id) is not None
    assert ctx.errors.last_message


def test_order_by_the_shortest_route_runs_on_the_runner_and_keeps_done_stops_first(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store, rep = ctx.store, ctx.store.user_id or ""
    page = make_page(qtbot, ctx)
    day = plan.day_plan(store, rep, DEMO_TODAY)
    done = [s.visit_id for s in day.stops if s.checkin_at]
    # Open stops reversed: a worse order than the solver's.
    opened = [s.visit_id for s in day.stops if not s.checkin_at]
    plan.apply_order(store, rep, DEMO_TODAY, list(reversed(opened)))
    page.refresh()
    before = page.route.total_km if page.route else 0
    assert page.route_button.isEnabled()
    qtbot.mouseClick(page.route_button, Qt.MouseButton.LeftButton)  # the inline runner
    after = plan.day_plan(store, rep, DEMO_TODAY)
    assert [s.visit_id for s in after.stops[: len(done)]] == done
    assert page.route is not None and page.route.total_km <= before
    # The open part follows the shop positions greedily no worse than reversed.
    placed = [leg for leg in page.route.legs if leg.km is not None]
    assert (
        sum(leg.km or 0 for leg in placed) == page.route.total_km
        or abs(sum(leg.km or 0 for leg in placed) - page.route.total_km) < 0.05
    )
    assert road_km((34.0, 113.0), (34.0, 113.0)) == 0


def test_route_sheet_pdf_and_calendar(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    page = make_page(qtbot, ctx)
    pdf = page.save_pdf(tmp_path / "route.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 5_000
    sheet = route_sheet(ctx.store, ctx.store.user_id or "", DEMO_TODAY)
    html = sheet_html(sheet)
    for stop in sheet.stops:
        assert stop.name in html
    ics = page.save_ics(tmp_path / "day.ics")
    assert ics is not None
    text = ics.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    # Every stop (one without coordinates too, with its note) and every event.
    assert text.count("BEGIN:VEVENT") == len(sheet.stops) + len(sheet.events)


def test_the_plan_page_in_chinese(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    page = make_page(qtbot, ctx)
    english = page.generate_button.text()
    translations.install("zh_CN")
    assert page.generate_button.text() != english
    assert "公里" in page.totals_label.text()
    assert page.stops.model.headerData(1, Qt.Orientation.Horizontal) == "门店"


def test_the_routes_start_point_in_settings(qtbot: QtBot, ctx: AppContext) -> None:
    from ui.pages.settings import SettingsPage

    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    box = settings.route_start
    box.latitude.setText("34.7466")
    box.longitude.setText("abc")
    assert not box.save() and box.message.isVisibleTo(box)
    assert plan.start_point(ctx.store) is None
    box.longitude.setText("200")
    assert not box.save() and plan.start_point(ctx.store) is None
    box.longitude.setText("113.6253")
    assert box.save() and not box.message.isVisibleTo(box)
    assert plan.start_point(ctx.store) == (34.7466, 113.6253)
    # The plan's first leg now starts there.
    page = make_page(qtbot, ctx)
    route = page.route
    assert route is not None
    first = next(leg for leg in route.legs if leg.km is not None)
    stop = next(s for s in page.day_plan.stops if s.visit_id == first.stop.key)  # type: ignore[union-attr]
    assert first.km == round(
        road_km((34.7466, 113.6253), (stop.latitude or 0, stop.longitude or 0)), 2
    )
    # Emptied: no start point.
    box.latitude.clear()
    box.longitude.clear()
    assert box.save() and plan.start_point(ctx.store) is None
