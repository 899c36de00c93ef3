"""The visit page: a whole visit through the widgets, autosave, validation, read-only, language."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.model import InteractionKind, KocStage, Owner, ReviewStatus, Shop
from fieldapp.pinyin import search_keys
from fieldapp.store import Store, views_visits as vv
from tests.ui.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.i18n import Translations
from ui.labels import error_text
from ui.main_window import MainWindow
from ui.pages.today import TodayPage
from ui.pages.visit import VisitPage


def shop_to_visit(store: Store) -> tuple[Shop, Owner]:
    """A shop of the demo rep with an owner and nothing planned there today."""
    planned = {v.shop_id for v in store.visits.list(where={"planned_date": DEMO_TODAY})}
    for shop in store.shops.list(where={"rep_id": store.user_id}, order_by="name"):
        owners = store.owners.list(where={"shop_id": shop.id}, limit=1)
        if owners and shop.id not in planned:
            return shop, owners[0]
    raise AssertionError("the demo has no such shop")


def make_page(qtbot: QtBot, ctx: AppContext) -> VisitPage:
    page = VisitPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    return page


def dispose(window: QWidget) -> None:
    """Delete a main window now: left to the garbage collector, it would outlive this
    test's store and still get the next test's language change and status updates."""
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def image(path: Path, width: int, height: int, fmt: str = "PNG") -> Path:
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor("#b5651d"))
    assert img.save(str(path), fmt)
    return path


def error_label(page: QWidget, field: str) -> QLabel:
    found = page.findChild(QLabel, f"{field}Error")
    assert found is not None
    return found


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a rep: Latin keys as key presses, Chinese as an input method commits it."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(widget.focusProxy() or widget, event)


def choose_down(qtbot: QtBot, combo: QWidget, steps: int) -> None:
    for _ in range(steps):
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def type_number(qtbot: QtBot, spin: Any, text: str) -> None:
    spin.selectAll()
    qtbot.keyClicks(spin, text)


# ----------------------------------------------------------------------------- the whole visit


def test_a_whole_visit_recorded_through_the_widgets(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ctx.store
    shop, owner = shop_to_visit(store)
    new_level = 1 if owner.level >= 3 else 5
    products = vv.products(store.db)
    first, second = products[0], products[1]
    page = make_page(qtbot, ctx)

    arg: dict[str, Any] = {"shop_id": shop.id, "new": True}
    page.open(arg)
    visit_id = page.visit_id()
    assert visit_id is not None and arg["visit_id"] == visit_id
    visit = store.visits.get(visit_id)
    assert (visit.shop_id, visit.rep_id, visit.planned_date) == (shop.id, store.user_id, DEMO_TODAY)
    assert page.shop_label.text() == shop.name

    # Start: check in.
    qtbot.keyClick(page.check_in_button, Qt.Key.Key_Space)
    assert store.visits.get(visit_id).checkin_at is not None
    assert not page.check_in_button.isEnabled()
    # A real visit lasts a while; check-out must come after check-in.
    store.visits.update(
        visit_id, checkin_at=store.visits.get(visit_id).checkin_at - timedelta(minutes=30)
    )

    # Checklist, with the arrow keys and typing.
    form = page.checklist
    choose_down(qtbot, form.editor("check_display"), 1)  # good
    choose_down(qtbot, form.editor("check_stock"), 2)  # low
    choose_down(qtbot, form.editor("check_price"), 1)  # ok
    choose_down(qtbot, form.editor("check_competitor"), 3)  # promotion
    type_text(qtbot, form.editor("check_notes"), "货架第二层缺货")

    # Two order lines: type the product code, Enter, the quantity, Enter.
    edit = page.product_picker.lineEdit()
    type_text(qtbot, edit, first.code or first.name)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert page.quantity.hasFocus() or QApplication.focusWidget() is None
    type_number(qtbot, page.quantity, "6")
    qtbot.keyClick(page.quantity, Qt.Key.Key_Return)
    type_text(qtbot, edit, second.code or second.name)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    type_number(qtbot, page.quantity, "10")
    qtbot.keyClick(page.quantity, Qt.Key.Key_Return)
    assert page.order_model.rowCount() == 2

    # Relationship note and level.
    type_text(qtbot, page.relationship.editor("relationship_note"), "老板娘下周过生日")
    type_number(qtbot, page.relationship.editor("relationship_level"), str(new_level))

    # A KOC spotted: name, mobile, a trait, Enter.
    type_text(qtbot, page.koc_name, "张丽华")
    qtbot.keyClicks(page.koc_mobile, "13912345678")
    type_number(qtbot, page.traits["trait_sharing"], "5")
    qtbot.keyClick(page.koc_mobile, Qt.Key.Key_Return)
    assert page.koc_list.count() == 1 and page.koc_name.text() == ""
    # No consent recorded yet: the number is kept but not shown in full (PIPL).
    shown = page.koc_list.item(0).text()
    assert "139****5678" in shown and "13912345678" not in shown

    type_text(qtbot, page.next_form.editor("next_actions"), "周五前送两箱")

    # Photos: a small PNG is kept as it is, a big one is scaled down to a JPEG.
    small = image(tmp_path / "small.png", 400, 300)
    big = image(tmp_path / "big.png", 3200, 2400)
    monkeypatch.setattr(
        "ui.widgets.visit_photos.choose_photos", lambda parent: [str(small), str(big)]
    )
    qtbot.keyClick(page.attach_button, Qt.Key.Key_Space)
    assert page.photo_list.count() == 2

    # End, then submit.
    qtbot.keyClick(page.check_out_button, Qt.Key.Key_Space)
    assert page.undo_bar.isVisible()  # a few seconds to undo it, then written
    page.save()  # Ctrl+S: now
    assert store.visits.get(visit_id).checkout_at is not None
    qtbot.keyClick(page.submit_button, Qt.Key.Key_Space)
    assert page.submit_message.isHidden(), page.submit_message.text()
    page.save()

    # ---- read everything back from the store
    visit = store.visits.get(visit_id)
    assert visit.review_status is ReviewStatus.SUBMITTED
    assert (
        visit.check_display,
        visit.check_stock,
        visit.check_price,
        visit.check_competitor,
    ) == ("good", "low", "ok", "promotion")
    assert visit.check_notes == "货架第二层缺货"
    assert visit.relationship_note == "老板娘下周过生日"
    assert visit.relationship_level == new_level
    assert visit.next_actions == "周五前送两箱"
    assert visit.checkin_at is not None and visit.checkout_at is not None

    lines = store.order_lines.list(where={"visit_id": visit_id})
    assert [(x.product_id, x.quantity, x.unit_price) for x in lines] == [
        (first.product_id, 6, first.price),
        (second.product_id, 10, second.price),
    ]

    kocs = store.kocs.list(where={"source_visit_id": visit_id})
    assert len(kocs) == 1
    koc = kocs[0]
    assert (koc.name, koc.mobile, koc.stage, koc.trait_sharing, koc.trait_trying) == (
        "张丽华",
        "13912345678",
        KocStage.SPOTTED,
        5,
        3,
    )
    assert (koc.county_id, koc.rep_id) == (shop.county_id, store.user_id)
    links = store.koc_shops.list(where={"koc_id": koc.id})
    assert [(x.shop_id, x.introduced_by_owner_id, x.introduced_at) for x in links] == [
        (shop.id, owner.id, DEMO_TODAY)
    ]
    assert koc.id in [h.id for h in store.search.kocs("zlh")]

    photos = store.photos.list(where={"visit_id": visit_id})
    assert len(photos) == 2
    kept, scaled = photos
    assert kept.mime == "image/png"
    assert kept.sha256 == hashlib.sha256(small.read_bytes()).hexdigest()
    assert scaled.mime == "image/jpeg"
    stored = QImage(str(store.photos.path_of(scaled)))
    assert (stored.width(), stored.height()) == (1600, 1200)
    assert all(store.photos.path_of(p).is_file() for p in photos)

    interaction = store.interactions.get(vv.visit_interaction_id(visit_id))
    assert (interaction.owner_id, interaction.kind, interaction.date) == (
        owner.id,
        InteractionKind.VISIT,
        DEMO_TODAY,
    )
    assert (interaction.level_after, interaction.note) == (new_level, "老板娘下周过生日")
    assert store.owners.get(owner.id).level == new_level

    # Submitted: read-only from now on.
    assert page.read_only_banner.isVisible()
    assert not page.checklist.editor("check_display").isEnabled()
    assert page.next_form.editor("next_actions").isReadOnly()  # type: ignore[attr-defined]
    assert not page.add_line_button.isEnabled() and not page.submit_button.isEnabled()


def test_keyboard_order_follows_the_visit(qtbot: QtBot, ctx: AppContext) -> None:
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.check_in_button.setFocus()
    # Head office's campaign tasks open for the shop (the demo's), row by row.
    tasks = [
        name
        for row in page.campaigns.rows
        for name in ("campaignResult", "campaignPhoto", "campaignAnswer")
        if name != "campaignPhoto" or row.photo_task
    ]
    expected = [
        *["check_display", "check_stock", "check_price", "check_competitor", "check_notes"],
        *tasks,
        *["attachPhotosButton", "photoList"],  # "remove photo" is off: there is none yet
        *["productPicker", "quantity", "addLineButton", "addReason", "orderLines"],
        "removeLineButton",  # the line editor's fields are off: no line is selected
        *["auditGrid", "saveAuditButton"],  # the shop's SKU audit (issue 16)
        *["relationship_note", "relationship_level"],
        *["name", "mobile", "trait_acquaintances", "trait_trying", "trait_sharing"],
        *["trait_expertise", "addKocButton", "spottedKocs", "next_actions"],
        "submitButton",
        *["backLink", "checkInButton"],  # "check out" is off until checked in
    ]
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().objectName())
    assert seen == expected


# ----------------------------------------------------------------------------- autosave


def test_every_field_is_saved_as_it_is_typed(
    qtbot: QtBot, ctx: AppContext, ui_store: Store
) -> None:
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    visit_id = page.visit_id()
    assert visit_id is not None
    before = ctx.store.outbox.count()
    type_text(qtbot, page.checklist.editor("check_notes"), "门头灯坏了，提醒老板")
    type_text(qtbot, page.next_form.editor("next_actions"), "下周一")
    # Nothing was pressed to save. Another connection to the file sees it all ...
    with Store.open(ui_store.path) as other:
        visit = other.visits.get(visit_id)
        assert (visit.check_notes, visit.next_actions) == ("门头灯坏了，提醒老板", "下周一")
    # ... and a new page on the store shows it.
    fresh = make_page(qtbot, ctx)
    fresh.open({"visit_id": visit_id})
    assert fresh.checklist.editor("check_notes").toPlainText() == "门头灯坏了，提醒老板"  # type: ignore[attr-defined]
    assert fresh.next_form.editor("next_actions").toPlainText() == "下周一"  # type: ignore[attr-defined]
    # Twenty-odd keystrokes, but the outbox folded them into the visit's pending insert.
    mutations = ctx.store.outbox.list(row_id=visit_id)
    assert ctx.store.outbox.count() == before
    assert [m.op for m in mutations] == ["insert"]
    assert mutations[0].changes["check_notes"].new == "门头灯坏了，提醒老板"


def test_an_invalid_value_is_shown_next_to_the_field_and_not_written(
    qtbot: QtBot, ctx: AppContext
) -> None:
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    visit_id = page.visit_id()
    assert visit_id is not None
    notes = page.checklist.editor("check_notes")
    type_text(qtbot, notes, "短")
    outbox = ctx.store.outbox.count()
    notes.setPlainText("长" * 4001)  # type: ignore[attr-defined]
    message = error_label(page, "check_notes")
    assert message.isVisible()
    assert message.text() == error_text("too_long", {"max_length": 4000, "length": 4001})
    assert ctx.store.outbox.count() == outbox
    assert ctx.store.visits.get(visit_id).check_notes == "短"
    # Submitting is refused while a field is red.
    qtbot.keyClick(page.submit_button, Qt.Key.Key_Space)
    assert page.submit_message.isVisible()
    notes.setPlainText("长" * 10)  # type: ignore[attr-defined]
    assert not message.isVisible()
    assert ctx.store.visits.get(visit_id).check_notes == "长" * 10

    # The quick-add KOC form: a bad mobile is shown and nothing is created.
    kocs = ctx.store.kocs.count()
    type_text(qtbot, page.koc_name, "李四")
    qtbot.keyClicks(page.koc_mobile, "12345")
    qtbot.keyClick(page.koc_mobile, Qt.Key.Key_Return)
    assert error_label(page, "mobile").isVisible()
    assert error_label(page, "mobile").text() == error_text("invalid_mobile")
    assert ctx.store.kocs.count() == kocs


def test_submitting_an_unfinished_visit_says_why(qtbot: QtBot, ctx: AppContext) -> None:
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    visit_id = page.visit_id()
    assert visit_id is not None
    qtbot.keyClick(page.submit_button, Qt.Key.Key_Space)
    assert page.submit_message.isVisible()
    assert page.submit_message.text() == error_text("visit_not_finished")
    assert ctx.store.visits.get(visit_id).review_status is ReviewStatus.DRAFT


# ----------------------------------------------------------------------------- review states


def test_a_returned_visit_shows_the_comment_and_can_be_fixed(qtbot: QtBot, ctx: AppContext) -> None:
    row = vv.returned_visits(ctx.store.db, rep_id=ctx.store.user_id, limit=1)[0]
    page = make_page(qtbot, ctx)
    page.open({"visit_id": row.visit_id})
    assert page.returned_banner.isVisible()
    assert page.supervisor_comment.text() == row.supervisor_comment
    assert not page.read_only_banner.isVisible()
    notes = page.checklist.editor("check_notes")
    assert notes.isEnabled() and not notes.isReadOnly()  # type: ignore[attr-defined]
    actions = page.next_form.editor("next_actions")
    actions.moveCursor(QTextCursor.MoveOperation.End)  # type: ignore[attr-defined]
    type_text(qtbot, actions, " 周五下午三点前")
    assert ctx.store.visits.get(row.visit_id).next_actions.endswith("周五下午三点前")  # type: ignore[union-attr]


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_submitted_and_approved_visits_are_read_only(
    qtbot: QtBot, ctx: AppContext, status: str
) -> None:
    visit = ctx.store.visits.list(
        where={"review_status": status, "rep_id": ctx.store.user_id}, limit=1
    )[0]
    page = make_page(qtbot, ctx)
    page.open({"visit_id": visit.id})
    assert page.read_only_banner.isVisible()
    assert not page.returned_banner.isVisible()
    notes = page.checklist.editor("check_notes")
    assert notes.isReadOnly()  # type: ignore[attr-defined]
    for widget in (
        page.checklist.editor("check_display"),
        page.product_picker,
        page.add_koc_button,
        page.attach_button,
        page.check_in_button,
        page.check_out_button,
        page.submit_button,
    ):
        assert not widget.isEnabled(), widget.objectName()
    outbox = ctx.store.outbox.count()
    page._autosave(page.checklist, "check_notes")  # even if an edit got through
    assert ctx.store.outbox.count() == outbox


def test_an_approved_visit_reads_as_a_summary_not_a_greyed_form(
    qtbot: QtBot, ctx: AppContext
) -> None:
    visit = ctx.store.visits.list(
        where={"review_status": "approved", "rep_id": ctx.store.user_id}, limit=1
    )[0]
    page = make_page(qtbot, ctx)
    page.open({"visit_id": visit.id})
    summaries = page.fields.summaries
    for box, form in zip(page.fields.boxes(), page.fields.forms(), strict=True):
        summary = summaries[box.objectName()]
        assert summary.isVisible() and not form.isVisible(), box.objectName()
        assert summary.captions() == [form.label_text(n) for n in form.names()]
    checklist = summaries["checklistBox"]
    notes = page.checklist.editor("check_notes").toPlainText()  # type: ignore[attr-defined]
    assert checklist.value(page.checklist.label_text("check_notes")) == (notes.strip() or "—")
    assert not page.fields.level_hint.isVisible()
    # A visit still being worked on shows its forms again.
    returned = ctx.store.visits.list(
        where={"review_status": "returned", "rep_id": ctx.store.user_id}, limit=1
    )[0]
    page.open({"visit_id": returned.id})
    assert page.checklist.isVisible() and not summaries["checklistBox"].isVisible()


# ----------------------------------------------------------------------------- shop picker


def test_new_visit_without_a_shop_asks_for_one(qtbot: QtBot, ctx: AppContext) -> None:
    shop, _ = shop_to_visit(ctx.store)
    initials = search_keys(shop.name)[1].split()[0]  # the first reading of a polyphone
    page = make_page(qtbot, ctx)
    arg: dict[str, Any] = {"new": True}
    page.open(arg)
    assert page.stack.currentWidget() is page.picker
    assert page.focus_search()
    qtbot.keyClicks(page.shop_search, initials)
    hits = [
        page.shop_results.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(page.shop_results.count())
    ]
    assert shop.id in hits
    page.shop_results.setCurrentRow(hits.index(shop.id))
    qtbot.keyClick(page.shop_search, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.editor
    visit = ctx.store.visits.get(page.visit_id())  # type: ignore[arg-type]
    assert (visit.shop_id, visit.planned_date, visit.rep_id) == (
        shop.id,
        DEMO_TODAY,
        ctx.store.user_id,
    )
    assert arg["visit_id"] == visit.id


def test_going_back_reopens_the_visit_instead_of_starting_another(
    qtbot: QtBot, ctx: AppContext
) -> None:
    shop, _ = shop_to_visit(ctx.store)
    visit_page = VisitPage(ctx)
    window = MainWindow(ctx, [TodayPage(ctx), visit_page])
    try:
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        window.show_page("visit", {"shop_id": shop.id, "new": True})
        first = visit_page.visit_id()
        window.show_page("today")
        window.back()
        assert window.current_page() is visit_page and visit_page.visit_id() == first
        window.show_page("visit", {"shop_id": shop.id, "new": True})  # e.g. a second click
        assert visit_page.visit_id() == first
        planned = ctx.store.visits.count(where={"shop_id": shop.id, "planned_date": DEMO_TODAY})
        assert planned == 1
        # Ctrl+N opens the shop picker.
        qtbot.keyClick(window.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page() is visit_page
        assert visit_page.stack.currentWidget() is visit_page.picker
    finally:
        dispose(window)


# ----------------------------------------------------------------------------- photos


def test_photo_setting_keep_original_attaches_the_file_as_it_is(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    ctx.store.set_setting("photo.keep_original", True)
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    big = image(tmp_path / "big.jpg", 3000, 2000, "JPEG")
    page.attach_files([big])
    photos = ctx.store.photos.list(where={"visit_id": page.visit_id()})
    assert [p.sha256 for p in photos] == [hashlib.sha256(big.read_bytes()).hexdigest()]

    ctx.store.set_setting("photo.keep_original", False)
    ctx.store.set_setting("photo.max_px", 800)
    page.attach_files([big, tmp_path / "missing.jpg"])
    photos = ctx.store.photos.list(where={"visit_id": page.visit_id()})
    assert len(photos) == 2
    stored = QImage(str(ctx.store.photos.path_of(photos[1])))
    assert (stored.width(), stored.height()) == (800, 533)
    assert page.photo_message.isVisible()  # the missing file is named, the rest attached
    assert "missing.jpg" in page.photo_message.text()


# ----------------------------------------------------------------------------- models, language


def test_order_model_passes_the_model_tester(
    qtbot: QtBot, ctx: AppContext, qtmodeltester: Any
) -> None:
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    for p in vv.products(ctx.store.db)[:3]:
        vv.add_order_line(ctx.store, visit_id=page.visit_id(), product_id=p.product_id, quantity=2)  # type: ignore[arg-type]
    page.refresh()
    assert page.order_model.rowCount() == 3
    qtmodeltester.check(page.order_model)
    page.order_model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.order_model)


def test_language_switch_relabels_and_keeps_what_was_typed(
    qtbot: QtBot, ctx: AppContext, translations: Translations
) -> None:
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    choose_down(qtbot, page.checklist.editor("check_stock"), 1)
    type_text(qtbot, page.checklist.editor("check_notes"), "陈列很好")
    type_text(qtbot, page.koc_name, "王小明")  # typed, not yet added
    assert page.check_in_button.text() == "Check in"
    stock = page.checklist.editor("check_stock")
    assert stock.currentText() == "In stock"  # type: ignore[attr-defined]

    translations.install("zh_CN")
    assert page.check_in_button.text() == "签到"
    assert page.submit_button.text() == "提交审核"
    assert page.checklist_box.title() == "检查项"
    assert page.order_model.headerData(0, Qt.Orientation.Horizontal) == "产品"
    assert stock.currentData() == "ok" and stock.currentText() == "有货"  # type: ignore[attr-defined]
    assert page.checklist.editor("check_notes").toPlainText() == "陈列很好"  # type: ignore[attr-defined]
    assert page.koc_name.text() == "王小明"
    assert page.check_in_time.text() == "尚未签到"

    translations.install("en")
    assert page.check_in_button.text() == "Check in"
    assert page.koc_name.text() == "王小明"
