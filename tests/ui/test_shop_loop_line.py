"""The shop page's cloud-store line (issue 18): the shop's orders of the last 90 days and
the part its own KOCs drove, as ``loop.shop_payback`` counts them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from pytestqt.qtbot import QtBot

from fieldapp.model import BUSINESS_UTC_OFFSET
from ui.context import AppContext
from ui.pages.shop import ShopPage


def test_the_shop_page_shows_its_cloud_store_and_its_kocs_part(
    ctx: AppContext, qtbot: QtBot
) -> None:
    s = ctx.store
    county = s.counties.list(limit=1)[0]
    shop = s.shops.create(name="云店测试店", channel="convenience", county_id=county.id)
    koc = s.kocs.create(name="云店张姐", county_id=county.id, referrer_code="YDZJ")
    s.koc_shops.create(koc_id=koc.id, shop_id=shop.id)
    day = ctx.today() - timedelta(days=10)
    at = (datetime.combine(day, time(12)) - BUSINESS_UTC_OFFSET).replace(tzinfo=UTC)
    s.cloud_orders.create(order_no="L1", ordered_at=at, shop_id=shop.id, amount=300.0,
                          referrer_code="ydzj")  # fmt: skip
    s.cloud_orders.create(order_no="L2", ordered_at=at, shop_id=shop.id, amount=100.0)
    old = at - timedelta(days=120)  # outside the 90 days
    s.cloud_orders.create(order_no="L3", ordered_at=old, shop_id=shop.id, amount=999.0)
    page = ShopPage(ctx)
    qtbot.addWidget(page)
    page.open(shop.id)
    text = page.loop_line.text()
    assert "orders 2, ¥400" in text and "orders 1, ¥300 (75%)" in text, text
    empty = s.shops.create(name="无云店订单", channel="convenience", county_id=county.id)
    page.open(empty.id)
    assert "no orders" in page.loop_line.text()
