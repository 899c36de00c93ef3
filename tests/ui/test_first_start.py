"""The first start's demo load (ui.first_start.load_demo): all or nothing, and Cancel
returns to the choice instead of hanging."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.store import Store
from ui.errors import ErrorPresenter
from ui.first_start import load_demo, store_is_empty


def _presenter(shown: list[BaseException]) -> ErrorPresenter:
    presenter = ErrorPresenter()
    presenter.quiet = True
    presenter.show = lambda exc, tb=None: shown.append(exc)  # type: ignore[method-assign]
    return presenter


def test_the_demo_loads_into_an_empty_store(qtbot: QtBot, tmp_path: Path) -> None:
    shown: list[BaseException] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    with Store.open(tmp_path / "first.db") as store:
        assert store_is_empty(store)
        assert load_demo(store, _presenter(shown), parent) is True
        assert shown == []
        assert store.shops.count() > 100 and store.users.count() > 0


def test_cancel_keeps_nothing_and_returns(qtbot: QtBot, tmp_path: Path) -> None:
    shown: list[BaseException] = []
    parent = QWidget()
    qtbot.addWidget(parent)

    def press_cancel() -> None:
        dialog = parent.findChild(QProgressDialog, "taskProgress")
        if dialog is None:  # not made yet: try again shortly
            QTimer.singleShot(5, press_cancel)
            return
        dialog.findChild(QPushButton).click()  # the dialog's Cancel button

    with Store.open(tmp_path / "first.db") as store:
        QTimer.singleShot(0, press_cancel)
        assert load_demo(store, _presenter(shown), parent) is False  # it returns
        assert shown == []  # a stop is not an error
        assert store_is_empty(store)  # nothing half-loaded
        assert store.db.execute("SELECT count(*) FROM counties").fetchone()[0] == 0
