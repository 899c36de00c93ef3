"""The shop list and the shop page: search, filters, sorting, opening, the one-step
interaction row, the shop dialog, and a live language switch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.errors import ValidationError
from fieldapp.model import BUSINESS_UTC_OFFSET, Channel, InteractionKind, Tier
from fieldapp.pinyin import search_keys
from fieldapp.store import Store, metrics
from fieldapp.store.views_shops import ShopRow, shop_interactions
from tests.ui.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.models import ROW_ROLE
from ui.pages.shop import ShopPage
from ui.pages.shops import SHOP_COLUMNS, ShopDialog, ShopsPage, stars


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a user: keys for Latin text, an input-method commit for Chinese."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        # QTest has no keys for Chinese; a rep's input method commits the text instead.
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def column(key: str) -> int:
    return next(i for i, c in enumerate(SHOP_COLUMNS) if c.key == key)


def all_rows(page: ShopsPage) -> list[ShopRow]:
    while page.model.canFetchMore():
        page.model.fetchMore()
    return [page.model.row_at(i) for i in range(page.model.rowCount())]


@pytest.fixture
def shops_page(qtbot: QtBot, ctx: AppContext) -> ShopsPage:
    page = ShopsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.open()
    return page


@pytest.fixture
def shop_page(qtbot: QtBot, ctx: AppContext) -> ShopPage:
    page = ShopPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def busy_shop(store: Store) -> dict[str, Any]:
    """The shop whose owner has the most interactions (and a KOC link and a visit)."""
    row = next(
        store.db.query(
            """SELECT s.id, s.name, o.id AS owner_id, o.name AS owner, o.level, count(*) AS n
               FROM shops s JOIN owners o ON o.shop_id = s.id
               JOIN interactions i ON i.owner_id = o.id
               WHERE s.deleted = 0 AND o.deleted = 0 AND i.deleted = 0
                 AND EXISTS (SELECT 1 FROM koc_shops k WHERE k.shop_id = s.id)
                 AND EXISTS (SELECT 1 FROM visits v WHERE v.shop_id = s.id)
               GROUP BY s.id ORDER BY n DESC, s.id LIMIT 1"""
        )
    )
    return dict(row)


# --------------------------------------------------------------------------- the list


def test_list_shows_every_shop(shops_page: ShopsPage, ctx: AppContext) -> None:
    total = ctx.store.shops.count()
    assert total > 2 * 60  # more than two pages of 60: paging is exercised
    assert shops_page.model.total() == total
    assert str(total) in shops_page.count_label.text().replace(",", "")
    assert len({r.id for r in all_rows(shops_page)}) == total


def test_list_model_passes_the_model_tester(
    shops_page: ShopsPage, ctx: AppContext, qtmodeltester: Any
) -> None:
    # A model of its own, in no view: a view (and the tester itself, which runs its
    # checks on modelReset) fetches more rows while modelReset is being delivered, which
    # the tester then reports as rows inserted during a reset. So resets are checked
    # below only where the first page holds every row.
    model = shops_page.make_model()
    model.reload()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == ctx.store.shops.count() > 2 * 60
    # Tier A shops fit on the first page (60 rows), so the tester sees whole resets.
    shops_page.tier_filter.setCurrentIndex(shops_page.tier_filter.findData("A"))
    model.reload()
    model.sort(column("last_visit"), Qt.SortOrder.DescendingOrder)
    assert 0 < model.rowCount() == model.total() < 60
    index = model.index(0, column("tier"))
    assert model.data(index) == "Tier A"
    assert model.data(index, ROW_ROLE).tier == Tier.A


def test_search_by_pinyin_initials_filters_the_table(
    qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext
) -> None:
    target = ctx.store.shops.list(order_by="name", limit=1, offset=17)[0]
    initials = search_keys(target.name)[1].split()[0]
    total = shops_page.model.total()
    type_into(qtbot, shops_page.search, initials)
    qtbot.waitUntil(lambda: shops_page.model.total() < total, timeout=2000)
    rows = all_rows(shops_page)
    assert target.id in [r.id for r in rows]
    for row in rows:
        shop = ctx.store.shops.get(row.id)
        owner = ctx.store.owners.list(where={"shop_id": row.id})
        keys = search_keys(shop.name)[1] + " " + (shop.code or "").lower()
        keys += "".join(" " + search_keys(o.name, person=True)[1] for o in owner)
        assert initials in keys
    assert shops_page.model.total() == len(rows)
    assert str(len(rows)) in shops_page.count_label.text().replace(",", "")
    # Clearing the search brings every shop back.
    shops_page.search.clear()
    qtbot.waitUntil(lambda: shops_page.model.total() == total, timeout=2000)


def test_search_by_chinese_phone_and_code(
    qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext
) -> None:
    shop = next(s for s in ctx.store.shops.list(order_by="name") if s.phone and s.code)
    for text in (shop.name, shop.code, shop.phone.replace("-", "")[-7:]):  # type: ignore[union-attr]
        shops_page.search.setText(text)
        shops_page.apply_filters()
        assert shop.id in [r.id for r in all_rows(shops_page)], text
    shops_page.search.setText(shop.code)  # type: ignore[arg-type]
    shops_page.apply_filters()
    assert [r.id for r in all_rows(shops_page)] == [shop.id]


def test_filters(qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext) -> None:
    store = ctx.store
    page = shops_page
    total = page.model.total()

    def choose(combo_name: str, data: Any) -> None:
        combo = page.findChild(type(page.tier_filter), combo_name)
        assert combo is not None
        index = combo.findData(data)
        assert index > 0
        combo.setCurrentIndex(index)

    choose("tierFilter", "A")
    rows = all_rows(page)
    assert rows and {r.tier for r in rows} == {Tier.A}
    assert len(rows) == store.shops.count(where={"tier": "A"})

    choose("channelFilter", "restaurant")
    rows = all_rows(page)
    assert {(r.tier, r.channel) for r in rows} == {(Tier.A, Channel.RESTAURANT)}
    assert len(rows) == store.shops.count(where={"tier": "A", "channel": "restaurant"})

    page.clear_filters()
    assert page.model.total() == total

    county = store.counties.list(order_by="name")[0]
    choose("countyFilter", county.id)
    assert page.model.total() == store.shops.count(where={"county_id": county.id}) > 0
    assert {r.county_id for r in all_rows(page)} == {county.id}
    page.clear_filters()

    choose("levelFilter", 5)
    rows = all_rows(page)
    assert rows and {r.level for r in rows} == {5}
    page.clear_filters()

    page.overdue_filter.setChecked(True)
    report = metrics.overdue_shops(store.db, today=DEMO_TODAY, utc_offset=BUSINESS_UTC_OFFSET)
    rows = all_rows(page)
    assert len(rows) == report.overdue > 0
    assert all(r.overdue for r in rows)
    # Overdue shops show their last visit in red.
    index = page.model.index(0, column("days_since"))
    assert page.model.data(index, Qt.ItemDataRole.ForegroundRole).color() == QColor("#c0392b")
    page.clear_filters()
    assert not page.overdue_filter.isChecked()
    assert page.model.total() == total


@pytest.mark.parametrize("key", ["days_since", "level", "name", "tier"])
def test_sorting_happens_in_sql(qtbot: QtBot, shops_page: ShopsPage, key: str) -> None:
    table = shops_page.table
    table.sortByColumn(column(key), Qt.SortOrder.DescendingOrder)
    rows = all_rows(shops_page)
    if key == "days_since":
        # Never visited counts as longest, so those come first going down.
        values = [10**9 if r.days_since is None else r.days_since for r in rows]
    elif key == "level":
        values = [r.level or 0 for r in rows]
    elif key == "name":
        values = [search_keys(r.name)[0] for r in rows]
    else:
        values = [str(r.tier) for r in rows]
    assert values == sorted(values, reverse=True)
    table.sortByColumn(column(key), Qt.SortOrder.AscendingOrder)
    up = all_rows(shops_page)
    assert [r.id for r in up][:1] != [r.id for r in rows][:1]
    assert len(up) == len(rows)


def test_enter_and_double_click_open_the_shop(
    qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext
) -> None:
    table = shops_page.table
    table.setFocus()
    table.selectRow(2)
    expected = shops_page.model.row_at(2).id
    with qtbot.waitSignal(ctx.signals.navigate, timeout=1000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == ["shop", expected]

    rect = table.visualRect(shops_page.model.index(4, 1))
    with qtbot.waitSignal(ctx.signals.navigate, timeout=1000) as blocker:
        # A real double-click: QTest's first mouseDClick on a fresh view is not one.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["shop", shops_page.model.row_at(4).id]

    # Enter in the search box opens the best match.
    shop = ctx.store.shops.list(order_by="name", limit=1, offset=40)[0]
    shops_page.search.setText(shop.code or shop.name)
    with qtbot.waitSignal(ctx.signals.navigate, timeout=1000) as blocker:
        qtbot.keyClick(shops_page.search, Qt.Key.Key_Return)
    assert blocker.args == ["shop", shop.id]


def test_list_follows_changes_made_elsewhere(
    qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext
) -> None:
    total = shops_page.model.total()
    county = ctx.store.counties.list(limit=1)[0]
    ctx.store.shops.create(
        name="别处新建的店", channel="other", county_id=county.id, rep_id=ctx.store.user_id
    )
    ctx.notify("shops")
    ctx.notify("owners")
    qtbot.waitUntil(lambda: shops_page.model.total() == total + 1, timeout=1000)
    assert str(total + 1) in shops_page.count_label.text().replace(",", "")


def test_focus_search(qtbot: QtBot, shops_page: ShopsPage) -> None:
    shops_page.table.setFocus()
    shops_page.activateWindow()
    assert shops_page.focus_search()
    qtbot.waitUntil(shops_page.search.hasFocus, timeout=1000)


# --------------------------------------------------------------------------- the dialog


def counts(store: Store) -> tuple[int, int, int]:
    return store.shops.count(), store.owners.count(), store.outbox.count()


def error_label(form: Any, name: str) -> QLabel:
    label = form.findChild(QLabel, f"{name}Error")
    assert label is not None, name
    return label


def test_new_shop_dialog_shows_messages_and_saves_nothing_when_invalid(
    qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext
) -> None:
    before = counts(ctx.store)
    dialog = shops_page.new_shop()
    assert isinstance(dialog, ShopDialog) and dialog.isVisible()
    mobile = dialog.owner_form.editor("mobile")
    assert isinstance(mobile, QLineEdit)
    type_into(qtbot, mobile, "12345")
    # Validated as typed: the message is next to the field at once.
    assert error_label(dialog.owner_form, "mobile").isVisible()
    assert error_label(dialog.owner_form, "mobile").text()

    assert dialog.save() is False
    for form, name in ((dialog.shop_form, "name"), (dialog.owner_form, "name")):
        assert error_label(form, name).isVisible() and error_label(form, name).text()
    county_error = dialog.findChild(QLabel, "county_idError")
    assert county_error is not None and county_error.isVisible() and county_error.text()
    assert dialog.isVisible()
    assert counts(ctx.store) == before

    # A duplicate code is found by the store on save: shown next to the code, nothing saved.
    taken = ctx.store.shops.list(limit=1)[0].code
    type_into(qtbot, dialog.shop_form.editor("name"), "新开便利店")
    type_into(qtbot, dialog.shop_form.editor("code"), taken.lower())  # type: ignore[union-attr]
    dialog.county.setCurrentIndex(1)
    mobile.clear()
    type_into(qtbot, dialog.owner_form.editor("name"), "曾小贤")
    assert dialog.save() is False
    assert error_label(dialog.shop_form, "code").isVisible()
    assert error_label(dialog.shop_form, "code").text()
    assert not error_label(dialog.shop_form, "name").isVisible()
    assert counts(ctx.store) == before


def test_new_shop_dialog_creates_shop_and_owner_together(
    qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext
) -> None:
    store = ctx.store
    shops, owners, outbox = counts(store)
    dialog = shops_page.new_shop()
    f, o = dialog.shop_form, dialog.owner_form
    type_into(qtbot, f.editor("name"), "曾记烟酒行")
    type_into(qtbot, f.editor("code"), "HN-NEW-1")
    type_into(qtbot, f.editor("phone"), "0371-66001234")
    type_into(qtbot, f.editor("latitude"), "34.7466")
    type_into(qtbot, f.editor("longitude"), "113.6253")
    f.set_values({"channel": "tobacco_liquor", "tier": "A"})
    county = store.counties.list(order_by="name")[1]
    dialog.set_county(county.id)
    dialog.cloud.setCurrentIndex(dialog.cloud.findData("opened"))
    type_into(qtbot, o.editor("name"), "曾志伟")
    type_into(qtbot, o.editor("mobile"), "139 1234 5678")
    type_into(qtbot, o.editor("wechat"), "zeng_zw88")
    o.set_values({"level": 3})
    with qtbot.waitSignal(ctx.signals.navigate, timeout=1000) as blocker:
        assert dialog.save() is True
    assert counts(store) == (shops + 1, owners + 1, outbox + 2)
    shop = store.shops.get(blocker.args[1])
    assert blocker.args[0] == "shop"
    assert (shop.name, shop.code, shop.channel, shop.tier, shop.county_id) == (
        "曾记烟酒行",
        "HN-NEW-1",
        Channel.TOBACCO_LIQUOR,
        Tier.A,
        county.id,
    )
    assert (shop.latitude, shop.longitude, shop.cloud_store) == (34.7466, 113.6253, "opened")
    (owner,) = store.owners.list(where={"shop_id": shop.id})
    assert (owner.name, owner.mobile, owner.wechat, owner.level, owner.birthday) == (
        "曾志伟",
        "13912345678",
        "zeng_zw88",
        3,
        None,  # left blank, so none (not the date editor's 2000-01-01)
    )
    # The list shows it, found by the surname's own reading (曾 zeng).
    shops_page.search.setText("zzw")
    shops_page.apply_filters()
    assert shop.id in [r.id for r in all_rows(shops_page)]


def test_a_new_shop_like_a_live_one_shows_the_match_and_asks(
    qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext
) -> None:
    from tests.ui.test_typed_input import answer

    store = ctx.store
    known = next(s for s in store.shops.list(order_by="name") if s.phone)
    before = counts(store)
    asked: list[str] = []
    for fill in (
        {"name": known.name, "county": known.county_id},  # the same name, in its county
        {"name": "全新的店名", "phone": known.phone},  # the same phone
    ):
        dialog = shops_page.new_shop()
        type_into(qtbot, dialog.shop_form.editor("name"), str(fill["name"]))
        if "phone" in fill:
            type_into(qtbot, dialog.shop_form.editor("phone"), str(fill["phone"]))
        dialog.set_county(str(fill.get("county", known.county_id)))
        type_into(qtbot, dialog.owner_form.editor("name"), "新店主")
        answer("possibleDuplicate", "cancel", asked)
        assert dialog.save() is False
        assert counts(store) == before and dialog.isVisible()
        answer("possibleDuplicate", "create", asked)
        assert dialog.save() is True
        before = counts(store)
    assert asked == ["possibleDuplicate"] * 4


def test_shop_and_owner_are_one_transaction(
    qtbot: QtBot, shops_page: ShopsPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the owner is refused after the shop was written, the shop is rolled back too."""
    store = ctx.store
    before = counts(store)

    def refuse(**fields: Any) -> None:
        assert store.shops.count() == before[0] + 1  # the shop row is already written
        raise ValidationError.single("name", "duplicate", entity="owners")

    monkeypatch.setattr(store.owners, "create", refuse)
    dialog = shops_page.new_shop()
    type_into(qtbot, dialog.shop_form.editor("name"), "回滚便利店")
    dialog.county.setCurrentIndex(1)
    type_into(qtbot, dialog.owner_form.editor("name"), "王五")
    assert dialog.save() is False
    assert counts(store) == before
    assert error_label(dialog.owner_form, "name").isVisible()
    assert error_label(dialog.owner_form, "name").text()
    assert dialog.isVisible()


# --------------------------------------------------------------------------- the shop page


def test_shop_page_shows_owner_timeline_and_lists(
    shop_page: ShopPage, ctx: AppContext, qtmodeltester: Any
) -> None:
    shop = busy_shop(ctx.store)
    shop_page.open(shop["id"])
    assert shop_page.findChild(QLabel, "shopName").text() == shop["name"]  # type: ignore[union-attr]
    assert shop_page.owner_name.text() == shop["owner"]
    assert shop_page.findChild(QLabel, "ownerLevel").text() == stars(shop["level"])  # type: ignore[union-attr]
    timeline = shop_page.timeline.model
    assert timeline.rowCount() == min(shop["n"], 200) > 1
    dates = [timeline.row_at(i).date for i in range(timeline.rowCount())]
    assert dates == sorted(dates, reverse=True)
    for tab in (shop_page.timeline, shop_page.visits, shop_page.kocs, shop_page.events):
        qtmodeltester.check(tab.model)
    assert shop_page.kocs.model.rowCount() == shop_page.detail.kocs > 0  # type: ignore[union-attr]
    assert shop_page.visits.model.rowCount() == shop_page.detail.visits > 0  # type: ignore[union-attr]
    assert shop_page.title() == shop["name"]

    shop_page.open("no such shop")
    assert shop_page.stack.currentWidget() is shop_page.missing


def test_add_an_interaction_in_one_step(qtbot: QtBot, shop_page: ShopPage, ctx: AppContext) -> None:
    store = ctx.store
    shop = busy_shop(store)
    shop_page.open(shop["id"])
    assert shop_page.interaction_date.date() == QDate(DEMO_TODAY)
    new_level = shop["level"] % 5 + 1
    outbox = store.outbox.count()
    shop_page.interaction_kind.setCurrentIndex(shop_page.interaction_kind.findData("gift"))
    shop_page.interaction_level.setCurrentIndex(shop_page.interaction_level.findData(new_level))
    type_into(qtbot, shop_page.interaction_note, "送了两箱新品试饮")
    with qtbot.waitSignal(ctx.signals.changed, timeout=1000):
        qtbot.keyClick(shop_page.interaction_note, Qt.Key.Key_Return)

    latest = shop_interactions(store.db, shop["id"], limit=1)[0]
    assert (latest.date, latest.kind, latest.note, latest.level_after) == (
        DEMO_TODAY,
        InteractionKind.GIFT,
        "送了两箱新品试饮",
        new_level,
    )
    saved = store.interactions.get(latest.id)
    assert saved.owner_id == shop["owner_id"]
    assert store.owners.get(shop["owner_id"]).level == new_level
    assert store.outbox.count() == outbox + 2  # the interaction and the owner's level
    # The page shows it at once and is ready for the next one.
    assert shop_page.timeline.model.row_at(0).id == latest.id
    assert shop_page.timeline.model.rowCount() == min(shop["n"] + 1, 200)
    assert shop_page.owner_level.text() == stars(new_level)
    assert shop_page.interaction_note.text() == ""
    assert not shop_page.interaction_error.isVisible()


def test_enter_on_an_empty_note_or_the_date_box_adds_nothing(
    qtbot: QtBot, shop_page: ShopPage, ctx: AppContext
) -> None:
    store = ctx.store
    shop = busy_shop(store)
    shop_page.open(shop["id"])
    before = (store.interactions.count(), store.outbox.count())
    qtbot.keyClick(shop_page.interaction_note, Qt.Key.Key_Return)
    qtbot.keyClick(shop_page.interaction_date, Qt.Key.Key_Return)
    type_into(qtbot, shop_page.interaction_note, "   ")
    qtbot.keyClick(shop_page.interaction_note, Qt.Key.Key_Return)
    assert (store.interactions.count(), store.outbox.count()) == before
    assert shop_page.interaction_error.isVisible() and shop_page.interaction_error.text()


def test_an_interaction_is_edited_and_deleted_from_the_timeline(
    qtbot: QtBot, shop_page: ShopPage, ctx: AppContext
) -> None:
    from tests.ui.test_typed_input import answer

    store = ctx.store
    shop = busy_shop(store)
    shop_page.open(shop["id"])
    type_into(qtbot, shop_page.interaction_note, "第一次")
    shop_page.interaction_level.setCurrentIndex(shop_page.interaction_level.findData(2))
    assert shop_page.add_interaction()
    type_into(qtbot, shop_page.interaction_note, "第二次")
    shop_page.interaction_level.setCurrentIndex(shop_page.interaction_level.findData(5))
    assert shop_page.add_interaction()
    assert store.owners.get(shop["owner_id"]).level == 5
    latest = shop_page.timeline.model.row_at(0)
    assert latest.note == "第二次"

    # Enter on the row opens it; the note and the level are changed in place.
    view = shop_page.timeline.view
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = shop_page.interaction_dialog
    assert dialog is not None and dialog.isVisible()
    note = dialog.form.editor("note")
    note.setPlainText("第二次，改过")  # type: ignore[attr-defined]
    level = dialog.form.editor("level_after")
    level.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(level, "4")
    assert dialog.save()
    edited = store.interactions.get(latest.id)
    assert (edited.note, edited.level_after) == ("第二次，改过", 4)
    assert store.owners.get(shop["owner_id"]).level == 4
    assert shop_page.timeline.model.row_at(0).note == "第二次，改过"
    assert [m.op for m in store.outbox.list(row_id=latest.id)][-1] in ("insert", "update")

    # Delete on the row asks, then deletes; the owner's level is recomputed.
    view.setFocus()
    view.selectRow(0)
    answer("confirmDeleteInteraction", "yes")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert store.interactions.find(latest.id) is None
    assert store.owners.get(shop["owner_id"]).level == 2
    assert shop_page.timeline.model.row_at(0).id != latest.id
    assert shop_page.owner_level.text() == stars(2)


def test_tabs_open_kocs_visits_and_start_a_visit(
    qtbot: QtBot, shop_page: ShopPage, ctx: AppContext
) -> None:
    shop = busy_shop(ctx.store)
    shop_page.open(shop["id"])
    for view, model, expected in (
        (shop_page.kocs.view, shop_page.kocs.model, lambda r: ["koc", r.koc_id]),
        (shop_page.visits.view, shop_page.visits.model, lambda r: ["visit", {"visit_id": r.id}]),
    ):
        shop_page.tabs.setCurrentWidget(view)
        view.setFocus()
        view.selectRow(0)
        with qtbot.waitSignal(ctx.signals.navigate, timeout=1000) as blocker:
            qtbot.keyClick(view, Qt.Key.Key_Return)
        assert blocker.args == expected(model.row_at(0))
    with qtbot.waitSignal(ctx.signals.navigate, timeout=1000) as blocker:
        qtbot.mouseClick(shop_page.visit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["visit", {"shop_id": shop["id"], "new": True}]


def test_events_at_the_shop_open_the_event(
    qtbot: QtBot, shop_page: ShopPage, ctx: AppContext
) -> None:
    venue = next(
        ctx.store.db.query("SELECT venue_shop_id AS id FROM events WHERE venue_shop_id IS NOT NULL")
    )["id"]
    shop_page.open(venue)
    model = shop_page.events.model
    assert model.rowCount() == shop_page.detail.events > 0  # type: ignore[union-attr]
    shop_page.tabs.setCurrentWidget(shop_page.events.view)
    shop_page.events.view.selectRow(0)
    with qtbot.waitSignal(ctx.signals.navigate, timeout=1000) as blocker:
        qtbot.keyClick(shop_page.events.view, Qt.Key.Key_Return)
    assert blocker.args == ["event", model.row_at(0).id]


def test_cloud_store_is_editable_in_place(shop_page: ShopPage, ctx: AppContext) -> None:
    shop = busy_shop(ctx.store)
    shop_page.open(shop["id"])
    combo = shop_page.cloud_store
    other = next(v for v in ("none", "opened", "active") if v != combo.currentData())
    combo.setCurrentIndex(combo.findData(other))
    assert shop_page.set_cloud_store()
    assert ctx.store.shops.get(shop["id"]).cloud_store == other


def test_edit_dialog_updates_shop_and_owner(
    qtbot: QtBot, shop_page: ShopPage, ctx: AppContext
) -> None:
    shop = busy_shop(ctx.store)
    shop_page.open(shop["id"])
    dialog = shop_page.edit_shop()
    assert dialog is not None
    assert dialog.shop_form.value("name") == shop["name"]
    assert dialog.owner_form.value("name") == shop["owner"]
    cares = dialog.owner_form.editor("cares_about")
    cares.clear()  # type: ignore[attr-defined]
    type_into(qtbot, cares, "孩子上学，周末不在店里")
    outbox = ctx.store.outbox.count()
    assert dialog.save()
    assert ctx.store.owners.get(shop["owner_id"]).cares_about == "孩子上学，周末不在店里"
    assert ctx.store.outbox.count() == outbox + 1  # only the owner changed
    assert shop_page.owner_cares.text() == "孩子上学，周末不在店里"


def test_photo_thumbnails(
    qtbot: QtBot, shop_page: ShopPage, ctx: AppContext, tmp_path: Path
) -> None:
    shop = busy_shop(ctx.store)
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f80ed"))
    path = tmp_path / "shelf.png"
    assert image.save(str(path))
    shop_page.open(shop["id"])
    before = shop_page.photos.count()  # the demo's visit photos of the shop, if any
    ctx.store.photos.add_file(path, shop_id=shop["id"], caption="货架")
    shop_page.open(shop["id"])
    assert shop_page.photos.count() == before + 1
    (item,) = [
        shop_page.photos.item(i)
        for i in range(shop_page.photos.count())
        if shop_page.photos.item(i).text() == "货架"
    ]
    assert not item.icon().isNull()
    assert not shop_page.no_photos.isVisible()


# --------------------------------------------------------------------------- language


def test_language_switch_relabels_without_losing_typed_text(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    shops_page, shop_page = ShopsPage(ctx), ShopPage(ctx)
    window = MainWindow(ctx, [shops_page, shop_page])
    qtbot.addWidget(window)
    window.show()
    shops_page.tier_filter.setCurrentIndex(shops_page.tier_filter.findData("B"))
    type_into(qtbot, shops_page.search, "bl")
    shops_page.apply_filters()
    total = shops_page.model.total()
    header = shops_page.model.headerData(column("name"), Qt.Orientation.Horizontal)
    placeholder = shops_page.search.placeholderText()
    button = shops_page.new_button.text()

    shop = busy_shop(ctx.store)
    window.show_page("shop", shop["id"])
    type_into(qtbot, shop_page.interaction_note, "还没说完")
    tab = shop_page.tabs.tabText(0)
    kind = shop_page.interaction_kind.currentText()

    translations.install("zh_CN")
    # Every text changed language…
    assert shops_page.model.headerData(column("name"), Qt.Orientation.Horizontal) != header
    assert shops_page.search.placeholderText() != placeholder
    assert shops_page.new_button.text() != button
    assert shop_page.tabs.tabText(0) != tab
    assert shop_page.interaction_kind.currentText() != kind
    assert window.nav.item(0).text() != "Shops"
    # …and nothing typed or chosen was lost.
    assert shops_page.search.text() == "bl"
    assert shops_page.tier_filter.currentData() == "B"
    assert shops_page.model.total() == total
    assert shop_page.interaction_note.text() == "还没说完"

    translations.install("en")
    assert shops_page.model.headerData(column("name"), Qt.Orientation.Horizontal) == header
    assert shops_page.search.text() == "bl"


_SEARCH_LOADED_SCRIPT = """
import json, sys
from datetime import date
from PySide6.QtWidgets import QApplication
from fieldapp.store import Store
from ui.app import create_context
from ui.pages.shops import ShopsPage
app = QApplication([])
store = Store.open(sys.argv[1])
page = ShopsPage(create_context(store, today=lambda: date(2026, 11, 24)))
page.show()
app.processEvents()
before = "fieldapp.pinyin" in sys.modules
page.open(None)
opened = "fieldapp.pinyin" in sys.modules
app.processEvents()
print(json.dumps([before, opened, "fieldapp.pinyin" in sys.modules]))
"""


def test_opening_the_list_loads_the_search_before_the_first_keystroke(
    demo_template: Path, tmp_path: Path
) -> None:
    """fieldapp.pinyin (its tables built at import) stays off the app's start, and loads
    once the list is open and shown, not in the first keystroke. A fresh process: this
    one imported it long ago."""
    db = tmp_path / "store.db"
    shutil.copy(demo_template, db)
    out = subprocess.run(
        [sys.executable, "-c", _SEARCH_LOADED_SCRIPT, str(db)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, False, True]


def test_route_days_frequency_and_opening_hours_in_the_shop_dialog(
    qtbot: QtBot, shop_page: ShopPage, ctx: AppContext
) -> None:
    """The day plan's fields of a shop: set in the dialog, refused as the store refuses."""
    shop = busy_shop(ctx.store)
    shop_page.open(shop["id"])
    dialog = shop_page.edit_shop()
    assert dialog is not None
    days = dialog.route_days
    for button in days.buttons:  # the demo's own route day off first
        if button.isChecked():
            button.click()
    for day in (1, 3, 5):  # click() each: quick mouse clicks would make a double-click
        days.buttons[day - 1].click()
    type_into(qtbot, dialog.shop_form.editor("visit_every_days"), "10")
    type_into(qtbot, dialog.shop_form.editor("opens_at"), "8:30")  # not HH:MM
    assert error_label(dialog.shop_form, "opens_at").isVisible()
    assert dialog.save() is False
    opens = dialog.shop_form.editor("opens_at")
    opens.clear()  # type: ignore[attr-defined]
    type_into(qtbot, opens, "08:30")
    type_into(qtbot, dialog.shop_form.editor("closes_at"), "08:00")  # before opening
    assert dialog.save() is False
    closes = dialog.shop_form.editor("closes_at")
    closes.clear()  # type: ignore[attr-defined]
    type_into(qtbot, closes, "21:00")
    assert dialog.save()
    saved = ctx.store.shops.get(shop["id"])
    assert (saved.route_days, saved.visit_every_days) == ("135", 10)
    assert (saved.opens_at, saved.closes_at) == ("08:30", "21:00")
    # Opened again, the dialog shows them.
    again = shop_page.edit_shop()
    assert again is not None and again.route_days.value() == "135"
    assert [b.isChecked() for b in again.route_days.buttons] == [
        True, False, True, False, True, False, False
    ]  # fmt: skip
