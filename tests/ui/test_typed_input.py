"""Typed input is never lost or altered (docs/guarantees.md "Typed input").

A field that fails validation keeps its text on screen and in a local draft, the status
bar says "not saved", leaving the page asks; numbers are never silently changed and
unusual ones need a yes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.store import Store, views_visits as vv
from tests.ui.test_visit import dispose, make_page, shop_to_visit, type_text
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.today import TodayPage
from ui.pages.visit import VisitPage

SAVED_SOURCE = "All changes saved on this computer"


def answer(name: str, button: str, asked: list[str] | None = None) -> None:
    """Answer the next question box ``name`` by clicking its ``button`` like a person."""

    tries = [200]  # 2 s at most: a question never asked must not linger into other tests

    def click() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(10, click)
            return
        if asked is not None:
            asked.append(box.objectName())
        assert box.objectName() == name, box.objectName()
        found = box.findChild(QPushButton, button + "Button")
        assert found is not None, button
        found.click()

    QTimer.singleShot(0, click)


def message(page: QWidget, name: str) -> QLabel:
    found = page.findChild(QLabel, name)
    assert found is not None
    return found


def open_visit(qtbot: QtBot, ctx: AppContext) -> tuple[VisitPage, str]:
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    visit_id = page.visit_id()
    assert visit_id is not None
    return page, visit_id


# ----------------------------------------------------------------------------- point 1


def test_a_field_that_fails_keeps_its_text_says_the_limit_and_the_status_says_not_saved(
    qtbot: QtBot, ctx: AppContext
) -> None:
    shop, _ = shop_to_visit(ctx.store)
    visit_page = VisitPage(ctx)
    window = MainWindow(ctx, [TodayPage(ctx), visit_page])
    try:
        window.resize(1366, 740)
        window.show()
        window.show_page("visit", {"shop_id": shop.id, "new": True})
        visit_id = visit_page.visit_id()
        assert visit_id is not None
        note = visit_page.relationship.editor("relationship_note")
        pasted = "长" * 10_000
        note.setPlainText(pasted)  # type: ignore[attr-defined]  # a paste
        error = message(visit_page, "relationship_noteError")
        assert error.isVisible()
        assert "4,000" in error.text() and "10,000" in error.text()
        window.update_status()
        status = window.status_pending.text()
        assert SAVED_SOURCE not in status and "Not saved" in status
        assert ctx.store.visits.get(visit_id).relationship_note is None

        # Leaving asks; "fix it" stays on the page with the text.
        asked: list[str] = []
        answer("leaveUnsaved", "fix", asked)
        window.show_page("today")
        assert asked == ["leaveUnsaved"]
        assert window.current_page() is visit_page
        assert note.toPlainText() == pasted  # type: ignore[attr-defined]

        # The text is in a local draft: a fresh page on the visit shows it again.
        fresh = VisitPage(ctx)
        fresh.show()
        fresh.open({"visit_id": visit_id})
        again = fresh.relationship.editor("relationship_note")
        assert again.toPlainText() == pasted  # type: ignore[attr-defined]
        assert message(fresh, "relationship_noteError").isVisible()
        fresh.close()
        fresh.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

        # Fixing it saves it, and the status bar says saved again.
        note.setPlainText("老板娘下周过生日")  # type: ignore[attr-defined]
        assert ctx.store.visits.get(visit_id).relationship_note == "老板娘下周过生日"
        window.update_status()
        assert SAVED_SOURCE in window.status_pending.text()

        # Discarding leaves the page, keeps the saved value and drops the draft.
        note.setPlainText("长" * 5000)  # type: ignore[attr-defined]
        answer("leaveUnsaved", "discard")
        window.show_page("today")
        assert window.current_page() is not visit_page
        assert ctx.store.visits.get(visit_id).relationship_note == "老板娘下周过生日"
        window.update_status()
        assert SAVED_SOURCE in window.status_pending.text()
        window.show_page("visit", {"visit_id": visit_id})
        assert note.toPlainText() == "老板娘下周过生日"  # type: ignore[attr-defined]
    finally:
        dispose(window)


def test_a_draft_survives_closing_the_store(qtbot: QtBot, ctx: AppContext, ui_store: Store) -> None:
    page, visit_id = open_visit(qtbot, ctx)
    notes = page.checklist.editor("check_notes")
    notes.setPlainText("x" * 4001)  # type: ignore[attr-defined]
    # Another connection (as after a crash and a restart) finds the text.
    with Store.open(ui_store.path) as other:
        from fieldapp.store import drafts

        assert drafts.get(other, f"visits/{visit_id}") == {"check_notes": "x" * 4001}
    notes.setPlainText("ok")  # type: ignore[attr-defined]
    with Store.open(ui_store.path) as other:
        assert drafts.get(other, f"visits/{visit_id}") == {}


# ----------------------------------------------------------------------------- point 2


def type_into(qtbot: QtBot, edit: QWidget, text: str) -> None:
    edit.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, text)


def lines(store: Store, visit_id: str) -> list[tuple[str, int]]:
    return [
        (x.product_id, x.quantity) for x in store.order_lines.list(where={"visit_id": visit_id})
    ]


def test_order_quantities_are_never_silently_changed(qtbot: QtBot, ctx: AppContext) -> None:
    page, visit_id = open_visit(qtbot, ctx)
    product = vv.products(ctx.store.db)[0]
    picker = page.product_picker.lineEdit()
    for typed in ("-5", "1e12", "1000000000000", "2.5", "abc"):
        picker.setText(product.code or product.name)
        type_into(qtbot, page.quantity, typed)
        qtbot.mouseClick(page.add_line_button, Qt.MouseButton.LeftButton)
        assert lines(ctx.store, visit_id) == [], typed
        assert page.quantity.text() == typed  # never changed
        assert page.order_message.isVisible() and page.order_message.text(), typed
    type_into(qtbot, page.quantity, "6")
    page.add_line_button.click()
    assert lines(ctx.store, visit_id) == [(product.product_id, 6)]


def test_an_unusual_order_line_needs_a_yes(qtbot: QtBot, ctx: AppContext) -> None:
    page, visit_id = open_visit(qtbot, ctx)
    product = next(p for p in vv.products(ctx.store.db) if p.price)
    picker = page.product_picker.lineEdit()
    huge = int(50_000 / product.price) + 10  # over ¥50,000 for one line
    picker.setText(product.code or product.name)
    type_into(qtbot, page.quantity, str(huge))
    asked: list[str] = []
    answer("confirmNumber", "no", asked)
    page.add_line_button.click()
    assert asked == ["confirmNumber"]
    assert lines(ctx.store, visit_id) == []
    assert page.quantity.text() == str(huge)
    answer("confirmNumber", "yes", asked)
    page.add_line_button.click()
    assert lines(ctx.store, visit_id) == [(product.product_id, huge)]


def test_the_limits_are_set_per_product(qtbot: QtBot, ctx: AppContext) -> None:
    from fieldapp.store import orders

    product = next(p for p in vv.products(ctx.store.db) if p.price)
    shop, _ = shop_to_visit(ctx.store)
    check: Callable[[int], object] = lambda q: orders.unusual_line(  # noqa: E731
        ctx.store, shop_id=shop.id, product_id=product.product_id, quantity=q, unit_price=1.0
    )
    assert check(10) is None
    ctx.store.set_setting(orders.LIMITS_SETTING, {product.product_id: {"max_amount": 5}})
    found = check(10)
    assert found is not None and found.code == "unusual_amount"  # type: ignore[attr-defined]


def test_no_page_or_form_has_a_spin_box_that_changes_what_is_typed(
    qtbot: QtBot, ctx: AppContext
) -> None:
    from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

    from fieldapp.model import Owner
    from ui.forms import Form
    from ui.pages import PAGES

    widgets: list[QWidget] = [ref(ctx) for ref in PAGES]
    form = Form(Owner, "ShopDialog")
    form.add_int("level", "Level", minimum=1, maximum=5)
    form.add_money("budget", "Budget")
    widgets.append(form)
    for widget in widgets:
        qtbot.addWidget(widget)
        found = widget.findChildren(QSpinBox) + widget.findChildren(QDoubleSpinBox)
        assert found == [], (widget.objectName(), [w.objectName() for w in found])


# ----------------------------------------------------------------------------- point 8


def test_check_out_and_submit_wait_for_an_undo(qtbot: QtBot, ctx: AppContext) -> None:
    from datetime import timedelta

    store = ctx.store
    page, visit_id = open_visit(qtbot, ctx)
    page.check_in_button.click()
    checked_in = store.visits.get(visit_id).checkin_at
    assert checked_in is not None
    store.visits.update(visit_id, checkin_at=checked_in - timedelta(minutes=30))
    page.refresh()
    outbox = store.outbox.count()

    # Check-out waits: Undo leaves nothing written.
    page.check_out_button.click()
    undo = page.undo_bar.findChild(QPushButton, "undoButton")
    assert undo is not None and undo.isVisible()
    undo.click()
    assert store.visits.get(visit_id).checkout_at is None
    assert store.outbox.count() == outbox
    assert page.check_out_button.isEnabled()

    # Left alone, it is written when the time is up.
    page.undo_bar.seconds = 1
    page.check_out_button.click()
    assert store.visits.get(visit_id).checkout_at is None
    qtbot.waitUntil(lambda: store.visits.get(visit_id).checkout_at is not None, timeout=3000)
    assert not page.undo_bar.isVisible()

    # Submit waits too; leaving the page takes it at once.
    page.submit_button.click()
    assert store.visits.get(visit_id).review_status == "draft"
    undo.click()
    assert store.visits.get(visit_id).review_status == "draft"
    page.undo_bar.seconds = 60
    page.submit_button.click()
    page.hide()
    assert store.visits.get(visit_id).review_status == "submitted"


def test_a_new_koc_with_a_known_mobile_shows_the_match_and_asks(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    known = next(k for k in store.kocs.list(order_by="name") if k.mobile and not k.erased_at)
    page, _visit_id = open_visit(qtbot, ctx)
    before = store.kocs.count()
    asked: list[str] = []
    page.koc_name.setText("新认识的人")
    page.koc_mobile.setText(known.mobile or "")
    answer("possibleDuplicate", "cancel", asked)
    page.add_koc_button.click()
    assert asked == ["possibleDuplicate"]
    assert store.kocs.count() == before
    assert page.koc_mobile.text() == known.mobile  # kept, to fix or to confirm
    answer("possibleDuplicate", "create", asked)
    page.add_koc_button.click()
    assert store.kocs.count() == before + 1
    # A new number asks nothing.
    page.koc_name.setText("另一个人")
    page.koc_mobile.setText("13700001111")
    page.add_koc_button.click()
    assert asked == ["possibleDuplicate", "possibleDuplicate"]
    assert store.kocs.count() == before + 2


# ----------------------------------------------------------------------------- point 3


def test_order_lines_are_edited_in_place_and_returns_carry_a_reason(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    page, visit_id = open_visit(qtbot, ctx)
    product = next(p for p in vv.products(store.db) if p.price)
    picker = page.product_picker.lineEdit()
    picker.setText(product.code or product.name)
    type_into(qtbot, page.quantity, "6")
    page.add_line_button.click()
    (line,) = store.order_lines.list(where={"visit_id": visit_id})
    assert (line.quantity, line.unit_price, line.list_price) == (6, product.price, product.price)

    # Select the line: its quantity changes in place.
    page.order_table.selectRow(0)
    editor = page.line_editor
    assert editor.line is not None and editor.line.line_id == line.id
    type_into(qtbot, editor.quantity, "8")
    assert store.order_lines.get(line.id).quantity == 8
    # A price other than the list price waits for its reason; both arrive together.
    type_into(qtbot, editor.price, "20")
    reason_error = message(editor, "reasonError")
    assert reason_error.isVisible() and reason_error.text()
    assert store.order_lines.get(line.id).unit_price == product.price
    assert editor.price.text() == "20"
    type_text(qtbot, editor.reason, "老客户优惠")
    saved = store.order_lines.get(line.id)
    assert (saved.quantity, saved.unit_price, saved.reason) == (8, 20.0, "老客户优惠")
    assert "160" in page.order_total.text()  # 8 × ¥20
    mutations = store.outbox.list(row_id=line.id)
    assert mutations and mutations[-1].changes["reason"].new == "老客户优惠"

    # A return: a negative quantity with its reason, a line of its own.
    picker.setText(product.code or product.name)
    type_into(qtbot, page.quantity, "-2")
    page.add_line_button.click()
    assert page.order_message.isVisible()  # no reason yet: nothing added
    assert store.order_lines.count(where={"visit_id": visit_id}) == 1
    type_text(qtbot, page.add_reason, "两瓶破损")
    page.add_line_button.click()
    lines = store.order_lines.list(where={"visit_id": visit_id})
    assert sorted((x.quantity, x.reason) for x in lines) == [(-2, "两瓶破损"), (8, "老客户优惠")]
    from ui.pages.visit import _money

    assert _money(8 * 20 - 2 * product.price) in page.order_total.text()

    # A line is removed with the button.
    page.order_table.selectRow(0)
    page.remove_line_button.click()
    assert store.order_lines.count(where={"visit_id": visit_id}) == 1
