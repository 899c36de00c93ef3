"""Products are found by pinyin and initials in the visit's order picker, as shops are
(``jiaocang`` finds 窖藏)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_visit import make_page, shop_to_visit
from ui.context import AppContext


def test_pinyin_and_initials_find_a_product(qtbot: QtBot, ctx: AppContext) -> None:
    shop, _ = shop_to_visit(ctx.store)
    page = make_page(qtbot, ctx)
    page.open({"shop_id": shop.id, "new": True})
    wanted = next(p for p in ctx.store.products.list() if "窖藏1号" in p.name)
    picker = page.product_picker
    for typed in ("jiaocang1", "JC1H", "窖藏1"):
        picker.setCurrentIndex(-1)
        picker.setEditText("")
        picker.lineEdit().setFocus()
        qtbot.keyClicks(picker.lineEdit(), typed) if typed.isascii() else picker.setEditText(typed)
        completer = picker.completer()
        completer.setCompletionPrefix(picker.currentText())
        shown = [
            completer.completionModel().index(i, 0).data()
            for i in range(completer.completionCount())
        ]
        assert shown == [picker.itemText(picker.findData(wanted.id))], typed
        qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
        assert picker.currentData() == wanted.id, typed
