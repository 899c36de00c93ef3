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


def test_starting_empty_asks_the_name_and_the_counties(qtbot: QtBot, tmp_path: Path) -> None:
    """Never the OS account's name; the counties come from China's county list, picked by
    province, so the first new shop has a county to be in."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.first_start import FirstStartDialog, start_empty

    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    dialog.empty.setChecked(True)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.name.text() == ""  # not getpass.getuser()
    assert not ok.isEnabled()
    dialog.name.setText("  王芳 ")
    assert not ok.isEnabled()  # no county yet
    dialog.choose("河南省", ["中牟县", "金水区"])
    assert dialog.counties.count() == 157
    assert ok.isEnabled()
    with Store.open(tmp_path / "empty.db") as store:
        start_empty(store, dialog.user_name(), dialog.chosen())
        user = store.users.get(store.user_id or "")
        assert user.name == "王芳" and user.role == "rep"
        counties = store.counties.list(order_by="name")
        assert {(c.name, c.prefecture) for c in counties} == {
            ("中牟县", "郑州市"),
            ("金水区", "郑州市"),
        }
        store.shops.create(name="新开便利店", channel="convenience", county_id=counties[0].id)
