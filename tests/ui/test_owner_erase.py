"""The shop page's owner card: "Erase this person…" asks (the owner's name in the
question), erases nothing when cancelled, and after a yes the owner's personal data is
gone from the store and the card says it was erased (PIPL, as on the KOC page)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.model import ERASED_NAME
from ui.context import AppContext
from ui.pages.shop import ShopPage


def test_erase_the_owner_asks_then_erases_and_says_so(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ctx.store
    row = next(
        store.db.query(
            "SELECT o.id, o.shop_id, o.name, o.mobile FROM owners o JOIN shops s"
            " ON s.id = o.shop_id WHERE o.deleted = 0 AND s.deleted = 0 AND o.mobile IS NOT NULL"
            " ORDER BY o.id LIMIT 1"
        )
    )
    page = ShopPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.open(row["shop_id"])
    button = page.findChild(QPushButton, "eraseOwner")
    note = page.findChild(QLabel, "erasedOwnerNote")
    assert not button.isHidden() and button.text() and note.isHidden()
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def warning(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
            asked.append(text)
            return reply

        return warning

    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Cancel))
    button.click()
    assert asked and row["name"] in asked[0]
    assert store.owners.get(row["id"]).erased_at is None  # cancelled: nothing happened

    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Yes))
    button.click()
    erased = store.owners.get(row["id"])
    assert erased.erased_at is not None and erased.mobile is None and erased.name == ERASED_NAME
    assert not note.isHidden() and note.text() and button.isHidden()
    assert row["mobile"] not in page.owner_box.owner_mobile.text()
    assert page.owner_box.owner_name.text() == ERASED_NAME
