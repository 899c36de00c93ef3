"""The B→KOC→C loop on the event and KOC pages (issue 18): a push logged in one step from
the event's outcomes and from the KOC page, the event's economics saved with its details
(a refused value named, nothing written), a banquet's own fields, the payback numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.model import BUSINESS_UTC_OFFSET
from fieldapp.store import loop
from ui.context import AppContext
from ui.pages.event import EventPage
from ui.widgets.event_economics import EventEconomics
from ui.widgets.push_log import PushLog

DAY = date(2026, 12, 16)


def _at(hour: int) -> datetime:
    return (datetime(DAY.year, DAY.month, DAY.day, hour) - BUSINESS_UTC_OFFSET).replace(tzinfo=UTC)


@pytest.fixture
def setup(ctx: AppContext) -> dict[str, Any]:
    s = ctx.store
    county = s.counties.list(limit=1)[0]
    koc = s.kocs.create(name="测试张姐", county_id=county.id, rep_id=s.user_id)
    group = s.community_groups.create(kind="family", name="张家亲友群", admin_koc_id=koc.id)
    product = s.products.list(order_by="name", limit=1)[0]
    event = s.events.create(
        kind="tasting", title="冬至品鉴会", starts_at=_at(18), ends_at=_at(21), rep_id=s.user_id,
        status="done",
    )  # fmt: skip
    s.event_products.create(event_id=event.id, product_id=product.id)
    s.invitations.create(event_id=event.id, koc_id=koc.id, status="attended")
    return {"koc": koc, "group": group, "product": product, "event": event}


@pytest.fixture
def page(ctx: AppContext, qtbot: QtBot, setup: dict[str, Any]) -> EventPage:
    p = EventPage(ctx)
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    p.open({"id": setup["event"].id, "tab": "outcomes"})
    return p


def test_a_push_is_logged_in_one_step_from_the_events_outcomes(
    page: EventPage, ctx: AppContext, qtbot: QtBot, setup: dict[str, Any]
) -> None:
    log = page.findChild(PushLog, "pushLog")
    assert log is not None and log.isVisible()
    who = log.findChild(QComboBox, "pushWho")
    assert who is not None and who.currentText() == "测试张姐"
    group = log.findChild(QComboBox, "pushGroup")
    assert group is not None and group.currentData() == setup["group"].id  # her group
    campaign = log.findChild(QLineEdit, "pushCampaign")
    assert campaign is not None
    qtbot.keyClicks(campaign, "Winter order")
    button = log.findChild(QPushButton, "logPush")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the one step
    (push,) = ctx.store.community_pushes.list(where={"event_id": setup["event"].id})
    assert (push.koc_id, push.group_id, push.date, push.campaign) == (
        setup["koc"].id, setup["group"].id, DAY, "Winter order",
    )  # fmt: skip
    assert log.list.count() == 1 and "张家亲友群" in log.list.item(0).text()
    assert campaign.text() == ""  # ready for the next one
    pushes = page.findChild(QLabel, "pushesPayback")
    assert pushes is not None and pushes.text() == "1"


def test_economics_are_saved_with_the_event_and_a_refused_value_is_named(
    page: EventPage, ctx: AppContext, qtbot: QtBot, setup: dict[str, Any]
) -> None:
    page.tabs.setCurrentIndex(page.TABS.index("economics"))
    econ = page.findChild(EventEconomics, "eventEconomics")
    assert econ is not None and econ.isVisible()
    assert not econ.banquet_box.isVisible()  # a tasting has no banquet fields
    econ.form.set_values({"cost_products": 600, "cost_venue": 300})
    econ.bottles_form.set_values(
        {"bottles_supplied": 10, "bottles_opened": 8, "bottles_returned": 5}
    )
    econ.bottles_form.edited.emit("bottles_returned")
    assert not page.save()
    assert "bottles_opened" in econ.bottles_form.errors
    event = ctx.store.events.get(setup["event"].id)
    assert event.bottles_supplied is None  # nothing written
    econ.bottles_form.set_values({"bottles_returned": 2})
    econ.bottles_form.edited.emit("bottles_returned")
    assert page.save()
    event = ctx.store.events.get(setup["event"].id)
    assert (event.cost, event.bottles_opened, event.bottles_returned) == (900.0, 8, 2)
    cost = page.findChild(QLabel, "costPayback")
    assert cost is not None and cost.text() == "¥900"


def test_a_banquet_shows_and_saves_its_own_fields(
    page: EventPage, ctx: AppContext, setup: dict[str, Any]
) -> None:
    kind = page.form.editor("kind")
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("banquet"))
    kind.activated.emit(kind.currentIndex())
    econ = page.economics
    page.tabs.setCurrentIndex(page.TABS.index("economics"))
    assert econ.banquet_box.isVisible()
    assert not page.save()  # a banquet needs its occasion
    assert "banquet_type" in econ.banquet_form.errors
    econ.banquet_form.set_values(
        {"banquet_type": "wedding", "host_name": "刘先生", "scan_count": 25}
    )
    econ.banquet_form.edited.emit("banquet_type")
    assert page.save()
    event = ctx.store.events.get(setup["event"].id)
    assert (event.kind, event.banquet_type, event.host_name, event.scan_count) == (
        "banquet", "wedding", "刘先生", 25,
    )  # fmt: skip
    assert loop.event_payback(ctx.store.db, event_id=event.id)[0].kind == "banquet"


def test_the_banquet_host_is_picked_as_a_koc_or_an_owner(
    page: EventPage, ctx: AppContext, setup: dict[str, Any]
) -> None:
    kind = page.form.editor("kind")
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("banquet"))
    kind.activated.emit(kind.currentIndex())
    econ = page.economics
    page.tabs.setCurrentIndex(page.TABS.index("economics"))
    econ.banquet_form.set_values({"banquet_type": "birthday", "host_name": "刘先生"})
    econ.banquet_form.edited.emit("banquet_type")
    host = econ.host
    host.search.setText("测试张")  # a KOC, found by name
    assert host.hits.count() == 1
    host.hits.itemClicked.emit(host.hits.item(0))
    assert econ.banquet_form.value("host_name") is None  # one host: the name gives way
    assert page.save()
    event = ctx.store.events.get(setup["event"].id)
    assert (event.host_koc_id, event.host_owner_id, event.host_name) == (
        setup["koc"].id, None, None,
    )  # fmt: skip
    assert "测试张姐" in host.chosen.text()
    owner = ctx.store.owners.list(limit=1)[0]
    host.kind.setCurrentIndex(host.kind.findData("owner"))
    host.search.setText(owner.name)
    assert host.hits.count() >= 1
    wanted = next(
        i for i in range(host.hits.count())
        if host.hits.item(i).data(Qt.ItemDataRole.UserRole)[1] == owner.id
    )  # fmt: skip
    host.hits.itemClicked.emit(host.hits.item(wanted))
    assert page.save()
    event = ctx.store.events.get(setup["event"].id)
    assert (event.host_koc_id, event.host_owner_id) == (None, owner.id)
    host.clear_button.click()
    assert page.save()
    assert ctx.store.events.get(setup["event"].id).host_owner_id is None


def test_a_push_is_logged_in_one_step_from_the_koc_page(
    ctx: AppContext, qtbot: QtBot, setup: dict[str, Any]
) -> None:
    from ui.pages.koc import KocPage

    page = KocPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.open(setup["koc"].id)
    log = page.push_log
    page.tabs.setCurrentWidget(log)
    event = log.findChild(QComboBox, "pushEvent")
    assert event is not None and event.isVisible()
    event.setCurrentIndex(event.findData(setup["event"].id))  # after the tasting she attended
    product = log.findChild(QComboBox, "pushProduct")
    assert product is not None
    product.setCurrentIndex(product.findData(setup["product"].id))
    button = log.findChild(QPushButton, "logPush")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (push,) = ctx.store.community_pushes.list(where={"koc_id": setup["koc"].id})
    assert (push.event_id, push.product_id, push.group_id) == (
        setup["event"].id, setup["product"].id, setup["group"].id,
    )  # fmt: skip
    assert page.tabs.tabText(page.tabs.indexOf(log)).endswith("(1)")
    assert log.list.count() == 1


def test_the_koc_page_says_what_the_kocs_chain_paid_back(
    ctx: AppContext, qtbot: QtBot, setup: dict[str, Any]
) -> None:
    from ui.pages.koc import KocPage

    s = ctx.store
    shop = s.shops.list(limit=1)[0]
    s.kocs.update(setup["koc"].id, referrer_code="ZJ-77")
    s.cloud_orders.create(order_no="KP1", ordered_at=_at(20) + timedelta(days=3),
                          shop_id=shop.id, amount=420.0, referrer_code="zj-77")  # fmt: skip
    s.community_pushes.create(koc_id=setup["koc"].id, date=DAY.isoformat())
    page = KocPage(ctx)
    qtbot.addWidget(page)
    page.open(setup["koc"].id)
    (want,) = loop.koc_payback(s.db, koc_id=setup["koc"].id)
    assert (want.events, want.pushes, want.orders, want.revenue) == (1, 1, 1, 420.0)
    text = page.loop_line.text()
    assert "events attended 1, pushes 1, orders behind 1, revenue ¥420" in text, text


def test_the_counties_page_shows_koc_driven_revenue_next_to_density(
    ctx: AppContext, qtbot: QtBot
) -> None:
    from datetime import timedelta

    from ui.pages.counties import COLUMNS, REVENUE_DAYS, CountiesPage

    page = CountiesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.open()
    today = ctx.today()
    want = loop.county_revenue(
        ctx.store.db, since=today - timedelta(days=REVENUE_DAYS - 1), until=today
    )
    column = [c.key for c in COLUMNS].index("koc_revenue")
    shown = {}
    for row in range(page.model.rowCount()):
        item = page.model.row_at(row)
        shown[item.d.county_id] = page.model.index(row, column).data()
    assert any(v > 0 for v in want.values())  # the demo drives some
    assert shown and all(text == f"¥{want.get(cid, 0.0):,.0f}" for cid, text in shown.items())
