"""The shop page's SKU history tab (issue 16): the shop's audit lines, latest first."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldapp.store.shelf import sku_history
from ui.context import AppContext
from ui.pages.shop import ShopPage
from ui.shop_sku_history import ShopSkuHistory


def test_the_shop_page_lists_the_shops_shelf_audits(qtbot: QtBot, ctx: AppContext) -> None:
    store = ctx.store
    shop_id = next(
        store.db.query(
            "SELECT v.shop_id FROM shelf_audits a JOIN visits v ON v.id = a.visit_id"
            " WHERE a.deleted = 0 GROUP BY v.shop_id ORDER BY count(*) DESC LIMIT 1"
        )
    )["shop_id"]
    page = ShopPage(ctx)
    qtbot.addWidget(page)
    page.open(shop_id)
    history = page.findChild(ShopSkuHistory, "skuHistory")
    assert history is not None
    want = sku_history(store.db, shop_id=shop_id)
    assert history.rowCount() == len(want) > 0
    days = [history.item(r, 0).text() for r in range(history.rowCount())]
    assert days == sorted(days, reverse=True)
    assert history.item(0, 1).text() == want[0].product
    assert str(len(want)) in page.tabs.tabText(4)
