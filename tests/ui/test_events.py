"""The events page (calendar, list, new-event dialog) and the event page (details, invite,
check-in, outcomes) on a copy of the rep-scale demo store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QDateTime, QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.model import BUSINESS_UTC_OFFSET, Event
from fieldapp.store import Store, views_events as ve
from ui.context import AppContext
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.event import EventPage, InvitationModel
from ui.pages.events import EventsPage, NewEventDialog

# --------------------------------------------------------------------------- helpers


def beijing(day: date, hour: int, minute: int = 0) -> datetime:
    """A Beijing wall-clock time as the aware UTC instant the store keeps."""
    local = datetime(day.year, day.month, day.day, hour, minute)
    return (local - BUSINESS_UTC_OFFSET).replace(tzinfo=UTC)


def qdt(day: date, hour: int, minute: int = 0) -> QDateTime:
    return QDateTime(datetime(day.year, day.month, day.day, hour, minute))


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a person: keys for Latin text, an input-method commit for Chinese
    (QTest.keyClicks takes Latin-1 only)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def navigations(ctx: AppContext) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []
    ctx.signals.navigate.connect(lambda page, arg: seen.append((page, arg)))
    return seen


def shown(widget: QWidget) -> bool:
    return not widget.isHidden()


def restaurant(store: Store) -> Any:
    return store.shops.list(where={"channel": "restaurant"}, order_by="name", limit=1)[0]


def other_rep(store: Store) -> str:
    return str(store.users.create(name="赵强", role="rep").id)


def plan(store: Store, day: date, start: int, end: int, **fields: Any) -> Event:
    data = {
        "kind": "tasting",
        "title": "测试品鉴会",
        "starts_at": beijing(day, start),
        "ends_at": beijing(day, end),
        "rep_id": store.user_id,
        **fields,
    }
    return store.events.create(**data)


FREE_DAY = date(2026, 12, 16)  # no demo events that day


@pytest.fixture
def events_page(ctx: AppContext, qtbot: QtBot) -> EventsPage:
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.open()
    return page


@pytest.fixture
def event_page(ctx: AppContext, qtbot: QtBot) -> EventPage:
    page = EventPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def dialog_on(page: EventsPage, day: date, hour: int = 18) -> NewEventDialog:
    dialog = page.new_event(day, hour)
    return dialog


def pick_venue(qtbot: QtBot, dialog_venue: Any, store: Store, shop: Any) -> None:
    initials = next(store.db.query("SELECT search_initials FROM shops WHERE id = ?", [shop.id]))[
        "search_initials"
    ]
    qtbot.keyClicks(dialog_venue.edit, initials.split()[0])
    rows = [
        n
        for n in range(dialog_venue.hit_count())
        if dialog_venue.hits.index(n, 0).data(Qt.ItemDataRole.UserRole) == shop.id
    ]
    assert rows, "the shop is found by its pinyin initials"
    dialog_venue.choose(rows[0])
    assert dialog_venue.shop_id == shop.id


# --------------------------------------------------------------------------- new event


def test_new_event_is_saved_with_its_products(
    ctx: AppContext, events_page: EventsPage, qtbot: QtBot
) -> None:
    store = ctx.store
    seen = navigations(ctx)
    before = store.outbox.count()
    shop = restaurant(store)
    products = store.products.list(order_by="name", limit=2)
    dialog = dialog_on(events_page, FREE_DAY, 18)
    type_text(qtbot, dialog.form.editor("title"), "金典十年品鉴晚宴")
    pick_venue(qtbot, dialog.venue, store, shop)
    for p in products:
        dialog.products.check(p.id)
    dialog.form.editor("capacity").setValue(16)  # type: ignore[attr-defined]
    type_text(qtbot, dialog.form.editor("notes"), "提前一天确认包间")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )

    assert dialog.event_id is not None
    event = store.events.get(dialog.event_id)
    assert (event.title, event.kind, event.venue_shop_id) == (
        "金典十年品鉴晚宴",
        "tasting",
        shop.id,
    )
    assert event.starts_at == beijing(FREE_DAY, 18)  # shown in Beijing time, stored in UTC
    assert event.ends_at == beijing(FREE_DAY, 21)
    assert (event.capacity, event.rep_id, event.notes) == (16, store.user_id, "提前一天确认包间")
    links = store.event_products.list(where={"event_id": event.id})
    assert {link.product_id for link in links} == {p.id for p in products}
    assert store.outbox.count() == before + 3  # the event and two products, nothing else
    assert seen[-1] == ("event", event.id)
    assert not dialog.isVisible()


def test_end_before_start_is_shown_next_to_the_field_and_nothing_is_saved(
    ctx: AppContext, events_page: EventsPage, qtbot: QtBot
) -> None:
    store = ctx.store
    before = (store.outbox.count(), store.events.count())
    dialog = dialog_on(events_page, FREE_DAY, 18)
    type_text(qtbot, dialog.form.editor("title"), "时间写反了")
    error = dialog.form.findChild(QLabel, "ends_atError")
    assert error is not None and not shown(error)
    dialog.form.editor("ends_at").setDateTime(qdt(FREE_DAY, 17))  # type: ignore[attr-defined]
    assert shown(error)  # as you type, before saving
    assert error.text() == QCoreApplication.translate("Errors", "Must be after the start")
    assert dialog.save() is False
    assert dialog.isVisible()
    assert (store.outbox.count(), store.events.count()) == before


def test_a_missing_title_is_required_and_nothing_is_saved(
    ctx: AppContext, events_page: EventsPage
) -> None:
    store = ctx.store
    before = store.outbox.count()
    dialog = dialog_on(events_page, FREE_DAY)
    assert dialog.save() is False
    title_error = dialog.form.findChild(QLabel, "titleError")
    assert title_error is not None and shown(title_error)
    assert store.outbox.count() == before


def test_moving_the_start_keeps_the_length(ctx: AppContext, events_page: EventsPage) -> None:
    dialog = dialog_on(events_page, FREE_DAY, 18)
    dialog.form.editor("starts_at").setDateTime(qdt(FREE_DAY, 11))  # type: ignore[attr-defined]
    assert dialog.form.value("ends_at") == beijing(FREE_DAY, 14)


@pytest.mark.parametrize(
    ("start", "warns"),
    [(9, True), (11, True), (12, False), (7, False)],  # existing 10:00–12:00; dialog 3 h long
)
def test_double_booking_of_the_same_rep(
    ctx: AppContext, events_page: EventsPage, start: int, warns: bool
) -> None:
    store = ctx.store
    plan(store, FREE_DAY, 10, 12, title="已有的场景体验", kind="scene")
    dialog = dialog_on(events_page, FREE_DAY, 18)
    warning = dialog.findChild(QLabel, "overlapWarning")
    assert warning is not None and not shown(warning)
    dialog.form.editor("starts_at").setDateTime(qdt(FREE_DAY, start))  # type: ignore[attr-defined]
    assert shown(warning) is warns
    if warns:
        assert "已有的场景体验" in warning.text()
    # A warning never blocks: the event can still be saved.
    dialog.form.editor("title").setText("照样保存")  # type: ignore[attr-defined]
    dialog.form.check()
    assert dialog.save() is True


def test_venue_already_booked_by_another_rep(
    ctx: AppContext, events_page: EventsPage, qtbot: QtBot
) -> None:
    store = ctx.store
    shop = restaurant(store)
    plan(
        store, FREE_DAY, 10, 12, title="别人的宴席", venue_shop_id=shop.id, rep_id=other_rep(store)
    )
    dialog = dialog_on(events_page, FREE_DAY, 11)
    warning = dialog.findChild(QLabel, "overlapWarning")
    assert warning is not None
    assert not shown(warning)  # another rep's event is no clash of mine
    pick_venue(qtbot, dialog.venue, store, shop)
    assert shown(warning)
    assert "别人的宴席" in warning.text() and shop.name in warning.text()
    # Touching: the new event starts as the other one ends.
    dialog.form.editor("starts_at").setDateTime(qdt(FREE_DAY, 12))  # type: ignore[attr-defined]
    assert not shown(warning)
    dialog.form.editor("starts_at").setDateTime(qdt(FREE_DAY, 7))  # type: ignore[attr-defined]
    assert dialog.form.value("ends_at") == beijing(FREE_DAY, 10)
    assert not shown(warning)


# --------------------------------------------------------------------------- calendar and list


def test_calendar_shows_the_event_on_its_day_in_month_and_week(
    ctx: AppContext, events_page: EventsPage, qtbot: QtBot
) -> None:
    # 23:30–01:00 Beijing time: the 16th in Beijing, the 16th 15:30 UTC as well; the
    # 07:30 event is the 17th in Beijing but still the 16th in UTC.
    late = plan(ctx.store, FREE_DAY, 19, 22, title="晚场品鉴")
    early = ctx.store.events.create(
        kind="scene",
        title="早茶体验",
        starts_at=beijing(FREE_DAY + timedelta(days=1), 7, 30),
        ends_at=beijing(FREE_DAY + timedelta(days=1), 9),
        rep_id=ctx.store.user_id,
    )
    seen = navigations(ctx)
    events_page.go_to(FREE_DAY)
    month = events_page.month_view
    assert late.id in month.shown_event_ids(FREE_DAY)
    assert early.id in month.shown_event_ids(FREE_DAY + timedelta(days=1))
    assert early.id not in month.shown_event_ids(FREE_DAY)
    rect = month.rect_of(late.id)
    assert rect is not None and month.day_at(rect.center()) == FREE_DAY
    qtbot.mouseDClick(month, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert seen[-1] == ("event", late.id)

    qtbot.mouseClick(events_page.week_button, Qt.MouseButton.LeftButton)
    week = events_page.week_view
    assert (
        events_page.stack.currentIndex() == 0 and events_page.calendar_stack.currentWidget() is week
    )
    assert FREE_DAY in week.days()
    assert late.id in week.shown_event_ids(FREE_DAY)
    block = week.rect_of(late.id)
    assert block is not None
    assert week.day_at(block.center()) == FREE_DAY
    assert week.hour_at(block.topLeft() + type(block.topLeft())(1, 2)) == 19
    early_block = week.rect_of(early.id)
    assert early_block is not None and week.day_at(early_block.center()) == FREE_DAY + timedelta(
        days=1
    )
    # Enter on a day with one event opens it.
    week.setFocus()
    week.select(FREE_DAY)
    qtbot.keyClick(week, Qt.Key.Key_Return)
    assert seen[-1] == ("event", late.id)
    # The day's agenda lists it too.
    agenda = [
        events_page.agenda.item(n).data(Qt.ItemDataRole.UserRole)
        for n in range(events_page.agenda.count())
    ]
    assert agenda == [late.id]
    seen.clear()
    events_page.agenda.setCurrentRow(0)
    qtbot.keyClick(events_page.agenda, Qt.Key.Key_Return)
    assert seen == [("event", late.id)]  # once, not twice


def test_calendar_period_navigation(ctx: AppContext, events_page: EventsPage, qtbot: QtBot) -> None:
    assert events_page.anchor == date(2026, 11, 24)
    qtbot.mouseClick(events_page.next_button, Qt.MouseButton.LeftButton)
    assert events_page.anchor == date(2026, 12, 24)
    assert events_page.month_view.month == date(2026, 12, 1)
    qtbot.mouseClick(events_page.week_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(events_page.prev_button, Qt.MouseButton.LeftButton)
    assert events_page.anchor == date(2026, 12, 17)
    qtbot.mouseClick(events_page.today_button, Qt.MouseButton.LeftButton)
    assert events_page.anchor == date(2026, 11, 24)
    assert (
        events_page.week_view.first
        <= date(2026, 11, 24)
        < events_page.week_view.first + (timedelta(days=7))
    )


def test_list_filters_sorts_and_opens(
    ctx: AppContext, events_page: EventsPage, qtbot: QtBot, qtmodeltester: Any
) -> None:
    seen = navigations(ctx)
    mine = plan(ctx.store, FREE_DAY, 19, 21, title="独一无二的品鉴会", kind="scene")
    qtbot.mouseClick(events_page.list_button, Qt.MouseButton.LeftButton)
    model = events_page.model
    qtmodeltester.check(model)
    total = model.total()
    assert total == ve.event_count(ctx.store.db, rep_id=ctx.store.user_id)
    events_page.search.setText("独一无二")
    assert model.total() == 1 and model.row_at(0).id == mine.id
    events_page.search.clear()
    events_page.kind_filter.setCurrentIndex(events_page.kind_filter.findData("scene"))
    events_page.kind_filter.activated.emit(events_page.kind_filter.currentIndex())
    assert 0 < model.total() < total
    assert all(model.row_at(n).kind == "scene" for n in range(model.rowCount()))
    # Sorting goes to SQL: most invited first.
    column = next(n for n, c in enumerate(model.columns) if c.key == "invited")
    model.sort(column, Qt.SortOrder.DescendingOrder)
    counts = [model.row_at(n).invited for n in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    row = next(n for n in range(model.rowCount()) if model.row_at(n).id == mine.id)
    events_page.table.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(events_page.table, Qt.Key.Key_Return)
    assert seen[-1] == ("event", mine.id)


# --------------------------------------------------------------------------- event page


@pytest.fixture
def venue_event(ctx: AppContext) -> Event:
    shop = restaurant(ctx.store)
    return plan(ctx.store, FREE_DAY, 18, 21, title="冬至品鉴会", venue_shop_id=shop.id, capacity=3)


def select_rows(table: Any, rows: list[int]) -> None:
    table.clearSelection()
    sel = table.selectionModel()
    for r in rows:
        sel.select(
            table.model().index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_invite_kocs_and_owners_from_filtered_lists(
    ctx: AppContext, event_page: EventPage, venue_event: Event, qtbot: QtBot
) -> None:
    store = ctx.store
    event_page.open(venue_event.id)
    county = event_page.koc_county.currentData()
    assert county == store.shops.get(venue_event.venue_shop_id).county_id  # the venue's county
    # KOCs: the introduced ones of that county whose name matches a typed search.
    stage = event_page.koc_stage
    stage.setCurrentIndex(stage.findData("introduced"))
    stage.activated.emit(stage.currentIndex())
    model = event_page.koc_model
    assert model.total() > 0
    assert all(model.row_at(n).stage == "introduced" for n in range(model.rowCount()))
    assert all(model.row_at(n).county_id == county for n in range(model.rowCount()))
    first = model.row_at(0)
    surname = first.name[0]
    type_text(qtbot, event_page.koc_search, surname)
    picked = [n for n in range(model.rowCount()) if model.row_at(n).name.startswith(surname)][:2]
    assert picked
    chosen = [model.row_at(n).id for n in picked]
    select_rows(event_page.koc_table, picked)
    assert event_page.invite_kocs_button.isEnabled()
    qtbot.mouseClick(event_page.invite_kocs_button, Qt.MouseButton.LeftButton)
    invited = store.invitations.list(where={"event_id": venue_event.id})
    assert sorted(i.koc_id for i in invited) == sorted(chosen)
    assert all(i.status == "invited" for i in invited)
    # Invited people drop out of the list; shown again they are marked and skipped.
    assert chosen[0] not in [model.row_at(n).id for n in range(model.rowCount())]
    event_page.koc_show_invited.setChecked(True)
    again = [n for n in range(model.rowCount()) if model.row_at(n).id == chosen[0]]
    assert again and model.row_at(again[0]).invited
    marker = model.index(again[0], len(model.columns) - 1).data()
    assert marker == QCoreApplication.translate("Columns", "Already invited")
    assert event_page.invite(kocs=[chosen[0]]) == (0, 1)

    # Owners: strong relationships only.
    level = event_page.owner_level
    level.setCurrentIndex(level.findData(4))
    level.activated.emit(level.currentIndex())
    owners = event_page.owner_model
    assert owners.total() > 0
    assert all(owners.row_at(n).level >= 4 for n in range(owners.rowCount()))
    select_rows(event_page.owner_table, [0])
    owner_id = owners.row_at(0).id
    qtbot.mouseClick(event_page.invite_owners_button, Qt.MouseButton.LeftButton)
    assert store.invitations.count(where={"event_id": venue_event.id, "owner_id": owner_id}) == 1
    people = {(r.person, r.person_id) for r in event_page.invitations.rows()}
    assert ("owner", owner_id) in people and ("koc", chosen[0]) in people
    assert event_page.stats["invited"].value.text() == str(len(chosen) + 1)


def test_invite_list_models_page_and_pass_the_model_tester(
    ctx: AppContext, event_page: EventPage, venue_event: Event, qtmodeltester: Any
) -> None:
    event_page.open(venue_event.id)
    event_page.koc_table.setModel(None)  # type: ignore[arg-type]
    event_page.owner_table.setModel(None)  # type: ignore[arg-type]
    kocs, owners = event_page.koc_model, event_page.owner_model
    # Paging: a second page continues the first.
    assert kocs.total() > kocs.rowCount() == 200
    kocs.fetchMore()
    ids = [kocs.row_at(n).id for n in range(kocs.rowCount())]
    assert len(ids) == len(set(ids)) == min(400, kocs.total())
    # The testers stay attached and check every later change. Both Qt's and pytest-qt's
    # call fetchMore from inside their own signal handlers, which the shared
    # QueryTableModel does not guard against (reported), so they watch lists that fit
    # one page.
    stage = event_page.koc_stage
    stage.setCurrentIndex(stage.findData("advocating"))
    stage.activated.emit(stage.currentIndex())
    level = event_page.owner_level
    level.setCurrentIndex(level.findData(5))
    level.activated.emit(level.currentIndex())
    assert 0 < kocs.total() < 200 and 0 < owners.total() < 200
    qtmodeltester.check(kocs)
    qtmodeltester.check(owners)
    event_page.owner_search.setText("a")
    event_page.owner_show_invited.setChecked(True)
    event_page.koc_show_invited.setChecked(True)
    owners.sort(1, Qt.SortOrder.DescendingOrder)
    kocs.sort(3, Qt.SortOrder.DescendingOrder)
    traits = [kocs.row_at(n).trait_score for n in range(kocs.rowCount())]
    assert traits == sorted(traits, reverse=True)


def invite_some(ctx: AppContext, event: Event, n: int) -> list[str]:
    kocs = ctx.store.kocs.list(order_by="name", limit=n)
    for k in kocs:
        ctx.store.invitations.create(event_id=event.id, koc_id=k.id)
    return [k.id for k in kocs]


def checkin_row(page: EventPage, koc_id: str) -> int:
    proxy = page.checkin_proxy
    for r in range(proxy.rowCount()):
        row = proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
        if row.person_id == koc_id:
            return r
    raise AssertionError("not in the check-in list")


def test_check_in_with_the_keyboard_and_feedback_per_attendee(
    ctx: AppContext, event_page: EventPage, venue_event: Event, qtbot: QtBot, qtmodeltester: Any
) -> None:
    store = ctx.store
    a, b, c = invite_some(ctx, venue_event, 3)
    event_page.open({"id": venue_event.id, "tab": "checkin"})
    assert event_page.tabs.currentIndex() == 2
    qtmodeltester.check(event_page.invitations)
    qtmodeltester.check(event_page.checkin_proxy)
    table = event_page.checkin_table

    def inv(koc_id: str) -> Any:
        return store.invitations.list(where={"event_id": venue_event.id, "koc_id": koc_id})[0]

    table.setFocus()
    table.selectRow(checkin_row(event_page, a))
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert inv(a).status == "attended"
    table.selectRow(checkin_row(event_page, b))
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert inv(b).status == "no_show"
    table.selectRow(checkin_row(event_page, c))
    qtbot.mouseClick(event_page.attended_button, Qt.MouseButton.LeftButton)
    assert inv(c).status == "attended"
    assert event_page.stats["attended"].value.text() == "2"
    assert event_page.stats["attendanceRate"].value.text() == "67%"

    # Feedback: 1–5 for people who attended; refused (and nothing written) for a no-show.
    table.selectRow(checkin_row(event_page, a))
    qtbot.keyClick(table, Qt.Key.Key_4)
    assert inv(a).feedback == 4
    before = store.outbox.count()
    table.selectRow(checkin_row(event_page, b))
    qtbot.keyClick(table, Qt.Key.Key_3)
    assert inv(b).feedback is None and store.outbox.count() == before
    assert event_page.checkin_message.text() == QCoreApplication.translate(
        "Errors", "Feedback only for people who attended"
    )
    # On the outcomes tab, the feedback list holds only the attendees.
    feedback = event_page.feedback_table
    qtmodeltester.check(event_page.feedback_proxy)
    assert event_page.feedback_proxy.rowCount() == 2
    rows = {
        event_page.feedback_proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).person_id: r
        for r in range(2)
    }
    feedback.selectRow(rows[c])
    qtbot.keyClick(feedback, Qt.Key.Key_5)
    assert inv(c).feedback == 5
    assert event_page.stats["avgFeedback"].value.text() == "4.5"
    # Un-attending someone clears their feedback (the store would refuse it otherwise).
    table.selectRow(checkin_row(event_page, a))
    event_page.mark_selected("no_show")
    assert (inv(a).status, inv(a).feedback) == ("no_show", None)


def test_outcomes_kocs_found_notes_and_photos(
    ctx: AppContext, event_page: EventPage, venue_event: Event, qtbot: QtBot, tmp_path: Path
) -> None:
    store = ctx.store
    venue = store.shops.get(venue_event.venue_shop_id)
    event_page.open({"id": venue_event.id, "tab": "outcomes"})
    form = event_page.koc_form
    type_text(qtbot, form.editor("name"), "新朋友")
    qtbot.keyClicks(form.editor("mobile"), "13800138000")
    assert event_page.found_county.currentData() == venue.county_id
    koc_id = event_page.add_found_koc()
    assert koc_id is not None
    koc = store.kocs.get(koc_id)
    assert (koc.name, koc.mobile, koc.source_event_id) == ("新朋友", "13800138000", venue_event.id)
    assert (koc.county_id, koc.rep_id, koc.stage) == (venue.county_id, store.user_id, "experienced")
    links = store.koc_shops.list(where={"koc_id": koc_id})
    assert [(link.shop_id, link.introduced_at) for link in links] == [(venue.id, FREE_DAY)]
    assert event_page.found_list.count() == 1
    assert event_page.stats["kocsFound"].value.text() == "1"
    assert form.value("name") is None  # ready for the next one

    # A bad mobile is shown next to the field and nothing is written.
    before = store.outbox.count()
    type_text(qtbot, form.editor("name"), "错号码")
    qtbot.keyClicks(form.editor("mobile"), "12345")
    mobile_error = form.findChild(QLabel, "mobileError")
    assert mobile_error is not None and shown(mobile_error)
    assert event_page.add_found_koc() is None
    assert store.outbox.count() == before

    # Notes are saved with the page (Ctrl+S / Save).
    type_text(qtbot, event_page.notes_form.editor("notes"), "反响很好，三位老板要求补货")
    assert event_page.dirty
    assert event_page.save() is True
    assert store.events.get(venue_event.id).notes == "反响很好，三位老板要求补货"

    # Photos.
    picture = tmp_path / "tasting.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#a93226"))
    assert image.save(str(picture))
    (tmp_path / "notes.txt").write_text("not a picture")
    assert event_page.attach_photos([str(picture), str(tmp_path / "notes.txt")]) == 1
    assert store.photos.count(where={"event_id": venue_event.id}) == 1
    assert event_page.photo_list.count() == 1
    assert ctx.errors.last_message == QCoreApplication.translate(
        "Errors", "Not a picture (JPEG, PNG, WebP or HEIC)"
    )


def test_capacity_warning(
    ctx: AppContext, event_page: EventPage, venue_event: Event, qtbot: QtBot
) -> None:
    ids = invite_some(ctx, venue_event, 4)  # capacity 3
    event_page.open(venue_event.id)
    warning = event_page.capacity_warning
    assert shown(warning)
    assert "4" in warning.text() and "3" in warning.text()
    # A no-show frees a place.
    event_page.tabs.setCurrentIndex(2)
    event_page.checkin_table.selectRow(checkin_row(event_page, ids[0]))
    event_page.mark_selected("no_show")
    assert not shown(warning)
    # Raising the capacity on the form (before saving) takes effect at once.
    event_page.invite(kocs=[ctx.store.kocs.list(order_by="name", limit=5)[4].id])
    assert shown(warning)
    event_page.form.editor("capacity").setValue(10)  # type: ignore[attr-defined]
    assert not shown(warning)


def test_editing_details_validates_and_saves_products(
    ctx: AppContext, event_page: EventPage, venue_event: Event, qtbot: QtBot
) -> None:
    store = ctx.store
    event_page.open(venue_event.id)
    products = store.products.list(order_by="name", limit=3)
    before = store.outbox.count()
    event_page.form.editor("ends_at").setDateTime(qdt(FREE_DAY, 17))  # type: ignore[attr-defined]
    error = event_page.form.findChild(QLabel, "ends_atError")
    assert error is not None and shown(error)
    assert event_page.save() is False
    assert store.outbox.count() == before
    event_page.form.editor("ends_at").setDateTime(qdt(FREE_DAY, 22))  # type: ignore[attr-defined]
    assert not shown(error)
    event_page.products.check(products[0].id)
    event_page.products.check(products[2].id)
    status = event_page.form.editor("status")
    status.setCurrentIndex(status.findData("confirmed"))  # type: ignore[attr-defined]
    status.activated.emit(status.currentIndex())  # type: ignore[attr-defined]
    assert event_page.save() is True
    saved = store.events.get(venue_event.id)
    assert (saved.ends_at, saved.status) == (beijing(FREE_DAY, 22), "confirmed")
    linked = {p.product_id for p in store.event_products.list(where={"event_id": saved.id})}
    assert linked == {products[0].id, products[2].id}
    event_page.products.check(products[0].id, False)
    assert event_page.save() is True
    linked = {p.product_id for p in store.event_products.list(where={"event_id": saved.id})}
    assert linked == {products[2].id}


def test_the_event_page_saves_by_itself_like_every_other_page(
    ctx: AppContext, event_page: EventPage, venue_event: Event, qtbot: QtBot
) -> None:
    store = ctx.store
    event_page.open(venue_event.id)
    # No save/discard pair: a state, as on the KOC page.
    assert event_page.findChild(QPushButton, "saveButton") is None
    assert event_page.findChild(QPushButton, "discardButton") is None
    title = event_page.form.editor("title")
    title.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, title, "重阳品鉴会")
    qtbot.waitUntil(lambda: store.events.get(venue_event.id).title == "重阳品鉴会", timeout=3000)
    assert title.text() == "重阳品鉴会" and not event_page.dirty  # type: ignore[attr-defined]
    # Places that it cannot take stay as typed, with the reason, and nothing is written.
    capacity = event_page.form.editor("capacity")
    for typed in ("-5", "1e12", "abc"):
        capacity.selectAll()  # type: ignore[attr-defined]
        qtbot.keyClicks(capacity, typed)
        error = event_page.form.findChild(QLabel, "capacityError")
        assert error is not None and shown(error) and error.text()
        assert capacity.text() == typed  # type: ignore[attr-defined]
        event_page.save()
        assert store.events.get(venue_event.id).capacity == venue_event.capacity
    # Far more places than usual wait for a yes (Enter asks).
    capacity.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(capacity, "5000")
    event_page.save()
    assert store.events.get(venue_event.id).capacity == venue_event.capacity
    from tests.ui.test_typed_input import answer

    answer("confirmNumber", "yes")
    qtbot.keyClick(capacity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.events.get(venue_event.id).capacity == 5000, timeout=3000)


def test_double_booking_warning_on_the_event_page(
    ctx: AppContext, event_page: EventPage, venue_event: Event
) -> None:
    other = plan(ctx.store, FREE_DAY, 21, 23, title="后一场")  # touches 18–21
    event_page.open(venue_event.id)
    warning = event_page.overlap_warning
    assert not shown(warning)
    event_page.form.editor("ends_at").setDateTime(qdt(FREE_DAY, 21, 30))  # type: ignore[attr-defined]
    assert shown(warning) and other.title in warning.text()


def test_missing_event(ctx: AppContext, event_page: EventPage) -> None:
    event_page.open("no-such-event")
    assert shown(event_page.missing) and not shown(event_page.tabs)
    assert event_page.save() is False


# --------------------------------------------------------------------------- language


def test_language_switch_keeps_typed_text(
    ctx: AppContext,
    events_page: EventsPage,
    event_page: EventPage,
    venue_event: Event,
    translations: Translations,
    qtbot: QtBot,
) -> None:
    dialog = dialog_on(events_page, FREE_DAY)
    type_text(qtbot, dialog.form.editor("title"), "中秋品鉴会")
    events_page.search.setText("品鉴")
    event_page.open(venue_event.id)
    qtbot.keyClicks(event_page.koc_search, "zh")
    type_text(qtbot, event_page.notes_form.editor("notes"), "未保存的笔记")
    english = events_page.new_button.text()
    translations.install("zh_CN")
    try:
        assert events_page.new_button.text() == QCoreApplication.translate(
            "EventsPage", "+ New event"
        )
        assert events_page.new_button.text() != english
        assert event_page.tabs.tabText(2) == QCoreApplication.translate("EventPage", "Check-in")
        assert event_page.tabs.tabText(2) != "Check-in"
        header = event_page.invitations.headerData(0, Qt.Orientation.Horizontal)
        assert header == QCoreApplication.translate("Columns", "Name") != "Name"
        assert dialog.form.value("title") == "中秋品鉴会"
        assert events_page.search.text() == "品鉴"
        assert event_page.koc_search.text() == "zh"
        assert event_page.notes_form.value("notes") == "未保存的笔记"
        assert event_page.dirty
        # Weekday names come from the locale of the language.
        assert events_page.period_label.text().startswith("2026")
    finally:
        translations.install("en")
    assert events_page.new_button.text() == english


def test_pages_in_the_main_window(ctx: AppContext, qtbot: QtBot, venue_event: Event) -> None:
    window = MainWindow(ctx, [EventsPage(ctx), EventPage(ctx)])
    qtbot.addWidget(window)
    window.show()
    assert window.nav.count() == 1  # the event page is reached from the events page
    ctx.go("event", venue_event.id)
    page = window.current_page()
    assert isinstance(page, EventPage) and page.event_id == venue_event.id
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.current_page(), EventsPage)


def test_invitation_model_refuses_bad_feedback(
    ctx: AppContext, venue_event: Event, qtmodeltester: Any
) -> None:
    invite_some(ctx, venue_event, 1)
    model = InvitationModel(ctx)
    model.load(venue_event.id)
    qtmodeltester.check(model)
    refused: list[str] = []
    model.refused.connect(refused.append)
    model.set_status([0], "attended")
    assert model.set_feedback([0], 7) == 0 and refused
    assert model.set_feedback([0], 5) == 1
    assert model.index(0, InvitationModel.FEEDBACK).data() == "★★★★★"
    assert model.setData(model.index(0, InvitationModel.NOTE), "  带了两位朋友 ") is True
    assert ctx.store.invitations.list(where={"event_id": venue_event.id})[0].note == "带了两位朋友"


def test_moving_the_start_keeps_the_length_and_a_new_end_sets_it(qtbot: QtBot) -> None:
    from datetime import UTC, datetime, timedelta

    from PySide6.QtCore import QT_TRANSLATE_NOOP

    from fieldapp.model import Event
    from ui.forms import Form
    from ui.pages.events import follow_start

    form = Form(Event, "NewEventDialog")
    qtbot.addWidget(form)
    form.add_datetime("starts_at", QT_TRANSLATE_NOOP("NewEventDialog", "Starts"), optional=False)
    form.add_datetime("ends_at", QT_TRANSLATE_NOOP("NewEventDialog", "Ends"), optional=False)
    t0 = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
    form.set_values({"starts_at": t0, "ends_at": t0 + timedelta(hours=2)})
    form.set_values({"starts_at": t0 + timedelta(days=1)})
    length = follow_start(form, "starts_at", timedelta(hours=2))
    assert length == timedelta(hours=2)
    assert form.value("ends_at") == t0 + timedelta(days=1, hours=2)
    form.set_values({"ends_at": t0 + timedelta(days=1, hours=3)})
    assert follow_start(form, "ends_at", length) == timedelta(hours=3)
    form.set_values({"ends_at": t0})  # before the start: the length is not taken from it
    assert follow_start(form, "ends_at", timedelta(hours=3)) == timedelta(hours=3)


def test_a_past_event_reads_as_a_summary_until_edit_details(
    ctx: AppContext, event_page: EventPage
) -> None:
    past = ctx.store.db.execute(
        "SELECT id FROM events WHERE deleted = 0 AND status = 'done' ORDER BY starts_at LIMIT 1"
    ).fetchone()[0]
    event_page.open(past)
    details = event_page.details
    assert details.summary_panel.isVisible() and not details.editor.isVisible()
    title = event_page.form.value("title")
    assert details.summary.value(event_page.form.label_text("title")) == title
    assert details.summary.value("Venue shop") == (details.venue.edit.text() or "—")
    assert details.summary.captions()[-1] == "Products to show"
    details.edit_button.click()
    assert details.editor.isVisible() and not details.summary_panel.isVisible()
    event_page.load()  # a reload keeps the form the rep asked for
    assert details.editor.isVisible()
    # An event still ahead (or not done) opens on its form.
    ahead = ctx.store.db.execute(
        "SELECT id FROM events WHERE deleted = 0 AND status IN ('planned', 'confirmed')"
        " ORDER BY starts_at DESC LIMIT 1"
    ).fetchone()[0]
    event_page.open(ahead)
    assert details.editor.isVisible() and not details.summary_panel.isVisible()
    event_page.open(past)  # "Edit details" was for the event then shown
    assert details.summary_panel.isVisible()
