"""The visit page shows the shop's SKU audit grid, prefilled from its last audit, and
saves it (issue 16); a number the store refuses is named and nothing is written."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldapp.store.shelf import assortment
from tests.ui.conftest import DEMO_TODAY
from tests.ui.test_visit import make_page, shop_to_visit
from ui.context import AppContext
from ui.shelf_audit_box import ShelfAuditBox


def test_the_visit_page_audits_the_shops_assortment(qtbot: QtBot, ctx: AppContext) -> None:
    store = ctx.store
    shop, _owner = shop_to_visit(store)
    skus = assortment(store.db, shop_id=shop.id)
    assert skus, "the demo gives every shop an assortment"
    visit = store.visits.create(shop_id=shop.id, rep_id=store.user_id, planned_date=DEMO_TODAY)
    page = make_page(qtbot, ctx)
    page.load(visit.id)
    box = page.findChild(ShelfAuditBox, "shelfAuditBox")
    assert box is not None and box.isVisible()
    model = box.grid.grid_model
    assert [r.product_id for r in model.rows() or []] == skus
    model.setData(model.index(0, 3), "1000")
    assert not box.save() and model.rows() is None
    assert store.shelf_audits.count(where={"visit_id": visit.id}) == 0
    model.setData(model.index(0, 3), "6")
    model.setData(model.index(0, 2), 0, 10)  # not out of stock (CheckStateRole)
    assert box.save(), box.message.text()
    lines = store.shelf_audits.list(where={"visit_id": visit.id})
    assert len(lines) == len(skus)
    assert {line.product_id: line.facings for line in lines}[skus[0]] == 6
