"""A shop's display agreements in the UI (issue 16): several SKUs ticked, the selected
agreement edited in its form, deleted after a yes, and once a payout is decided only
its end and terms open (delete off, saying why; "End today" ends it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.store.display import agreement_skus, approve_payout, paid_months
from tests.ui.conftest import DEMO_TODAY
from tests.ui.test_typed_input import answer
from tests.ui.test_visit import shop_to_visit
from ui.context import AppContext
from ui.widgets.shop_agreements import ShopAgreements


def _box(qtbot: QtBot, ctx: AppContext) -> tuple[ShopAgreements, str]:
    shop, _owner = shop_to_visit(ctx.store)
    box = ShopAgreements(ctx)
    qtbot.addWidget(box)
    box.resize(540, 700)
    box.show()
    box.load(shop_id=shop.id)
    return box, shop.id


def _tick(box: ShopAgreements, rows: list[int]) -> list[str]:
    skus = box.form.skus
    for i in range(skus.count()):
        on = i in rows
        skus.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    return [str(skus.item(i).data(Qt.ItemDataRole.UserRole)) for i in rows]


def test_an_agreement_with_several_skus_is_added_edited_and_deleted(
    qtbot: QtBot, ctx: AppContext
) -> None:
    store = ctx.store
    box, _shop = _box(qtbot, ctx)
    n = box.count()
    box.start_new()
    assert box.save_button.text() == "Add agreement" and not box.delete_button.isVisible()
    wanted = _tick(box, [0, 2])
    box.form.fee.setText("300")
    box.form.facings.setText("6")
    box.save()
    assert box.count() == n + 1, box.message.text()
    made = box.editing  # the new agreement is selected
    assert made is not None and sorted(agreement_skus(store.db, made)) == sorted(wanted)
    row = box.table.currentRow()
    assert box.table.item(row, 1).text() == "、".join(
        sorted(box.form.skus.item(i).text() for i in (0, 2))
    )
    assert box.save_button.text() == "Save changes" and box.delete_button.isEnabled()

    # Edited: another SKU list and fee; a bad fee is named and nothing is written.
    _tick(box, [1])
    box.form.fee.setText("-5")
    box.save()
    assert box.message.text() and store.display_agreements.get(made).monthly_fee == 300
    box.form.fee.setText("450")
    box.save()
    assert store.display_agreements.get(made).monthly_fee == 450
    assert agreement_skus(store.db, made) == _tick(box, [1])

    # Deleted after a yes (a no keeps it).
    asked: list[str] = []
    answer("deleteAgreementQuestion", "no", asked)
    box.delete()
    assert store.display_agreements.find(made) is not None
    answer("deleteAgreementQuestion", "yes", asked)
    box.delete()
    assert asked == ["deleteAgreementQuestion"] * 2
    assert store.display_agreements.find(made) is None and box.count() == n
    assert box.editing != made


def test_a_paid_agreement_is_only_ended(qtbot: QtBot, ctx: AppContext) -> None:
    store = ctx.store
    box, shop = _box(qtbot, ctx)
    box.start_new()
    _tick(box, [0])
    box.form.fee.setText("200")
    box.form.starts.setDate(box.form.starts.date().addMonths(-2))
    box.form.accepted.setDate(box.form.starts.date())
    box.save()
    made = box.editing
    assert made is not None
    month = str(store.display_agreements.get(made).starts_on)[:7]
    rep = store.user_id
    sup = store.users.list(where={"role": "supervisor"})[0]
    store.set_user(sup.id)
    approve_payout(store, agreement_id=made, month=month, amount=200.0)
    store.set_user(rep)
    box.load(shop_id=shop, select=made)
    assert paid_months(store.db, made) == [month]
    assert not box.delete_button.isEnabled() and box.delete_button.toolTip()
    assert not box.form.fee.isEnabled() and not box.form.skus.isEnabled()
    assert box.form.ends.isEnabled() and box.form.terms.isEnabled()
    assert "paid" in box.table.item(box.table.currentRow(), 3).text()
    box.form.terms.setText("提前结束")
    box.save()
    assert store.display_agreements.get(made).terms == "提前结束", box.message.text()
    box.end_today()
    assert str(store.display_agreements.get(made).ends_on) == DEMO_TODAY.isoformat()
    assert box.message.text() == "Agreement ended today"
