"""The cloud-store orders in the app (issue 18): Data → Import cloud-store orders… runs the
shop import's steps over the order export (mapping, preview with problems, all or
nothing unless the valid rows are chosen); Data → Orders not attributed… lists the orders
no rule attributes and attaches one to a KOC or a group by hand."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt

from fieldapp.store import loop
from ui.app import create_window
from ui.attribute_orders import AttributeOrdersDialog
from ui.context import AppContext
from ui.exchange import ImportOrdersDialog


def _export(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["订单号", "下单时间", "门店", "商品", "实付金额", "群名"])
        writer.writerows(rows)
    return path


def test_the_import_dialog_previews_and_imports_orders(ctx: AppContext, tmp_path: Path) -> None:
    store = ctx.store
    names = [s.name for s in store.shops.list()]
    shop = next(s for s in store.shops.list() if s.code and names.count(s.name) == 1)
    before = store.cloud_orders.count()
    path = _export(
        tmp_path / "orders.csv",
        [
            ["UI-1", "2026-11-20 10:00", shop.code or "", "金典 x2", "¥1,200", ""],
            ["UI-2", "2026-11-21 11:00", shop.name, "窖藏", "300元", "不存在的群"],
            ["UI-3", "昨天", shop.code or "", "", "10", ""],
        ],
    )
    changed: list[str] = []
    ctx.signals.changed.connect(changed.append)
    dialog = ImportOrdersDialog(ctx)
    dialog.file.setText(str(path))
    dialog.next.click()
    assert dialog.steps.currentIndex() == 1 and dialog.next.isEnabled()  # all recognised
    dialog.next.click()
    assert dialog.steps.currentIndex() == 2 and dialog.preview.rowCount() == 3
    assert dialog.preview.item(0, 1).text() == "UI-1"
    assert dialog.preview.item(2, 4).text()  # row 4's problem: not a time
    assert not dialog.apply.isEnabled()  # all or nothing …
    dialog.valid_only.setChecked(True)  # … unless the valid rows are chosen
    dialog.apply.click()
    assert dialog.import_result is not None and dialog.import_result.created == 2
    assert store.cloud_orders.count() == before + 2
    assert "cloud_orders" in changed


def test_a_person_attaches_an_unattributed_order_to_a_koc(ctx: AppContext) -> None:
    store = ctx.store
    shop = store.shops.list()[0]
    order = store.cloud_orders.create(
        order_no="HAND-1", ordered_at="2026-11-20T02:00:00+00:00", shop_id=shop.id, amount=88.0
    )
    koc = next(k for k in store.kocs.list() if k.erased_at is None)
    dialog = AttributeOrdersDialog(ctx)
    rows = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    assert "HAND-1" in rows
    assert dialog.table.item(rows.index("HAND-1"), 1).text() == "2026-11-20 10:00"  # Beijing
    assert not dialog.attach_button.isEnabled()
    dialog.table.selectRow(rows.index("HAND-1"))
    dialog.search.setText(koc.name)
    assert dialog.found.count() >= 1
    wanted = next(
        i for i in range(dialog.found.count())
        if dialog.found.item(i).data(Qt.ItemDataRole.UserRole) == ("koc", koc.id)
    )  # fmt: skip
    dialog.found.setCurrentRow(wanted)
    assert dialog.attach_button.isEnabled()
    dialog.attach_button.click()
    assert store.cloud_orders.get(order.id).koc_id == koc.id
    found = {a.order_no: a for a in loop.attributions(store.db)}["HAND-1"]
    assert (found.koc_id, found.koc_how) == (koc.id, "hand")
    assert "HAND-1" not in [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]


def test_the_data_menu_opens_both(ctx: AppContext) -> None:
    window = create_window(ctx)
    assert window.import_orders_action.text() and window.attribute_orders_action.text()
    first = window.open_import_orders()
    assert isinstance(first, ImportOrdersDialog)
    first.close()
    second = window.open_attribute_orders()
    assert isinstance(second, AttributeOrdersDialog)
    second.close()
