"""The visit page's pricing and display agreements (issue 16): the shop's promotions of
the day and the typed line's price, an order line with its list price and promotion;
the display-agreement checks, pass/fail by keyboard, a failed check refused without a
note; the shop page's assortment editor and agreements with the supervisor's payout."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.store.display import approve_payout, payouts
from fieldapp.store.shelf import assortment
from tests.conftest import as_head_office
from tests.ui.conftest import DEMO_TODAY
from tests.ui.test_visit import make_page, shop_to_visit
from ui.app import create_window
from ui.context import AppContext
from ui.i18n import Translations
from ui.pages.shop import ShopPage
from ui.widgets.agreement_payouts import AgreementPayouts
from ui.widgets.shop_agreements import ShopAgreements
from ui.widgets.shop_assortment import ShopAssortment
from ui.widgets.visit_display_checks import VisitDisplayChecks
from ui.widgets.visit_promotions import VisitPromotions


def _promotion(ctx: AppContext) -> tuple[str, str]:
    """A product with head office's 10 % promotion from 6, valid on the demo's today."""
    store = ctx.store
    product = store.products.list(order_by="name")[0]
    with as_head_office(store):
        store.promotions.create(code="T-10", name="测试九折", kind="percent_off",
                                product_id=product.id, percent=10, min_quantity=6,
                                valid_from="2026-11-01", priority=99)  # fmt: skip
    return product.id, product.name


def test_the_order_shows_the_days_promotions_and_prices_the_typed_line(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    product_id, _name = _promotion(ctx)
    shop, _owner = shop_to_visit(store)
    visit = store.visits.create(shop_id=shop.id, rep_id=store.user_id, planned_date=DEMO_TODAY)
    page = make_page(qtbot, ctx)
    page.load(visit.id)
    strip = page.findChild(VisitPromotions, "visitPromotions")
    assert strip is not None and "测试九折" in strip.today.text()
    price = store.products.get(product_id).price
    assert price is not None
    page.product_picker.setCurrentIndex(page.product_picker.findData(product_id))
    page.quantity.setFocus()
    page.quantity.selectAll()
    qtbot.keyClicks(page.quantity, "6")
    assert "测试九折" in strip.quote.text()
    assert f"{round(price * 0.9 * 6, 2):,.2f}" in strip.quote.text()  # the total as typed
    qtbot.keyClick(page.quantity, Qt.Key.Key_Return)
    (line,) = store.order_lines.list(where={"visit_id": visit.id})
    assert (line.list_price, line.quantity, line.promotion_id is not None) == (price, 6, True)
    row = page.order_model.row_at(0)
    assert row is not None and row.promotion == "测试九折" and not row.overridden
    shown = page.order_model.data(page.order_model.index(0, 0))
    assert shown.startswith("[测试九折]")  # the line's promotion is in view


def _agreement_shop(ctx: AppContext) -> tuple[str, str]:
    """A demo shop of the rep with an agreement running on the demo's today."""
    row = next(
        ctx.store.db.query(
            "SELECT a.id, a.shop_id FROM display_agreements a JOIN shops s ON s.id = a.shop_id"
            " WHERE s.rep_id = ? AND a.starts_on <= ? AND a.ends_on >= ? AND a.deleted = 0"
            " ORDER BY a.starts_on, a.id LIMIT 1",
            [ctx.store.user_id, DEMO_TODAY.isoformat(), DEMO_TODAY.isoformat()],
        )
    )
    return str(row["id"]), str(row["shop_id"])


def test_a_visit_checks_the_shops_display_agreements_by_keyboard(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    agreement, shop = _agreement_shop(ctx)
    visit = store.visits.create(shop_id=shop, rep_id=store.user_id, planned_date=DEMO_TODAY)
    page = make_page(qtbot, ctx)
    page.load(visit.id)
    box = page.findChild(VisitDisplayChecks, "displayChecksBox")
    assert box is not None and box.isVisible()
    row = next(r for r in box.rows if r.agreement["id"] == agreement)
    row.result.setFocus()
    qtbot.keyClick(row.result, Qt.Key.Key_Down)  # "Pass"
    qtbot.keyClick(row.result, Qt.Key.Key_Down)  # "Fail", without a note: refused
    assert store.display_checks.list(where={"visit_id": visit.id})[0].passed is True
    assert box.message.text() and page.focusWidget() is row.note
    row.note.insert("端架放了竞品")  # Chinese comes through the input method, not key codes
    qtbot.keyClick(row.note, Qt.Key.Key_Return)  # Enter (or leaving it) saves the check
    (check,) = store.display_checks.list(where={"visit_id": visit.id})
    assert (check.passed, check.note) == (False, "端架放了竞品")


def test_the_shop_page_edits_the_assortment_and_adds_an_agreement(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    shop, _owner = shop_to_visit(store)
    page = ShopPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    page.open(shop.id)
    editor = page.findChild(ShopAssortment, "shopAssortment")
    assert editor is not None
    before = set(assortment(store.db, shop_id=shop.id))
    item = editor.list.item(0)
    product = str(item.data(Qt.ItemDataRole.UserRole + 1))
    editor.list.setCurrentRow(0)
    flipped = Qt.CheckState.Unchecked if product in before else Qt.CheckState.Checked
    item.setCheckState(flipped)
    assert set(assortment(store.db, shop_id=shop.id)) == before ^ {product}
    item.setCheckState(Qt.CheckState.Checked if product in before else Qt.CheckState.Unchecked)
    assert set(assortment(store.db, shop_id=shop.id)) == before
    assert store.shop_skus.count(where={"shop_id": shop.id, "product_id": product}) == 0

    agreements = page.findChild(ShopAgreements, "shopAgreements")
    assert agreements is not None
    n = agreements.count()
    agreements.start_new()
    form = agreements.form
    form.fee.setValue(300)
    form.ends.setDate(form.starts.date().addDays(-1))
    agreements.save()
    assert agreements.count() == n and agreements.message.text()  # ends before it starts
    form.ends.setDate(form.starts.date().addMonths(3).addDays(-1))
    agreements.save()
    assert agreements.count() == n + 1
    assert page.tabs.tabText(page.tabs.indexOf(agreements)).endswith(f"({n + 1})")


def test_a_supervisor_approves_a_months_payout_with_a_comment_when_adjusted(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    agreement, _shop = _agreement_shop(ctx)
    sup = store.users.list(where={"role": "supervisor"})[0]
    store.set_user(sup.id)
    box = AgreementPayouts(ctx)
    qtbot.addWidget(box)
    box.show_agreement(agreement)
    assert box.approval.isVisibleTo(box)
    months = payouts(store.db, agreement_id=agreement)
    past = [i for i, m in enumerate(months) if m.month < DEMO_TODAY.isoformat()[:7]]
    month = months[past[0]]
    box.table.selectRow(past[0])
    assert box.amount.value() == month.payout
    box.amount.setValue(month.payout + 10)
    before = [p.data() for p in store.display_payouts.list()]
    box.approve()
    assert [p.data() for p in store.display_payouts.list()] == before  # needs a comment
    assert box.message.text()
    box.comment.setText("补足两次陈列")
    box.approve()
    (decided,) = store.display_payouts.list(where={"agreement_id": agreement, "month": month.month})
    assert (decided.amount, decided.computed, decided.approved_by) == (
        month.payout + 10, month.payout, sup.id
    )  # fmt: skip
    assert date.fromisoformat(f"{decided.month}-01") < DEMO_TODAY
    assert box.table.item(past[0], 5).text() == f"{month.payout + 10:,.2f}"


def test_the_payout_comment_gets_the_room_the_numbers_leave(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    """In English on the shop page at 1366x768 (the table about 520 px wide) the comment column
    was some 70 px, its text cut after a word: the number columns are as wide as their
    numbers, the comment takes the rest and wraps."""
    store = ctx.store
    agreement, shop = _agreement_shop(ctx)
    rep = store.user_id
    store.set_user(store.users.list(where={"role": "supervisor"})[0].id)
    month = payouts(store.db, agreement_id=agreement)[0]
    comment = "Two extra case stacks in the window all month, agreed with the owner"
    approve_payout(store, agreement_id=agreement, month=month.month,
                   amount=month.payout + 10, comment=comment)  # fmt: skip
    store.set_user(rep)
    translations.install("en")
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("shop", shop)
    page = window.findChild(ShopPage)
    assert page is not None
    page.tabs.setCurrentWidget(page.agreements)
    box = page.agreements.payouts
    qtbot.waitUntil(lambda: box.isVisible() and box.table.rowCount() > 0)
    table, header = box.table, box.table.horizontalHeader()
    assert table.item(0, 6).text() == comment
    numbers = range(6)
    assert all(header.sectionSize(c) >= table.sizeHintForColumn(c) for c in numbers)
    assert header.sectionSize(6) >= 120  # was 67 with every column sized to its header
    assert table.rowHeight(0) > 2 * table.rowHeight(1)  # the comment wraps, whole
    for c in numbers:  # an elided header is whole in its tooltip
        item = table.horizontalHeaderItem(c)
        assert item is not None and item.toolTip() == item.text()


def test_a_visit_checks_an_agreements_terms_one_by_one(qtbot: QtBot, ctx: AppContext) -> None:
    store = ctx.store
    agreement, shop = _agreement_shop(ctx)
    visit = store.visits.create(shop_id=shop, rep_id=store.user_id, planned_date=DEMO_TODAY)
    page = make_page(qtbot, ctx)
    page.load(visit.id)
    box = page.findChild(VisitDisplayChecks, "displayChecksBox")
    assert box is not None
    row = next(r for r in box.rows if r.agreement["id"] == agreement)
    row.result.setCurrentIndex(1)
    row.result.activated.emit(1)  # "Pass": every term held
    (check,) = store.display_checks.list(where={"visit_id": visit.id})
    assert (check.passed, check.position_ok, check.facings_ok, check.skus_ok) == (
        True, True, True, True
    )  # fmt: skip
    row.note.setText("冰柜里少了两个品")
    qtbot.mouseClick(row.terms["skus_ok"], Qt.MouseButton.LeftButton)  # not all SKUs there
    assert row.result.currentIndex() == 2  # so it fails
    (check,) = store.display_checks.list(where={"visit_id": visit.id})
    assert (check.passed, check.skus_ok, check.facings_ok) == (False, False, True)
    page.load(visit.id)  # opened again: the terms as saved
    row = next(r for r in box.rows if r.agreement["id"] == agreement)
    assert [t.isChecked() for t in row.terms.values()] == [True, True, False]
