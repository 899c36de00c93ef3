"""Enter on a focused button clicks it, as Space does, on every page (one application-wide
rule, ui.app.EnterClicks)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ui.app import create_window
from ui.context import AppContext


def test_enter_clicks_the_focused_button(qtbot: QtBot, ctx: AppContext) -> None:
    window = create_window(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page("shops")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.current_page()
    button = page.findChild(QPushButton, "scopeTeam")
    assert button is not None and not button.isChecked()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=1000)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(button.isChecked, timeout=1000)
    mine = page.findChild(QPushButton, "scopeMine")
    assert mine is not None
    mine.setFocus()
    qtbot.keyClick(mine, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(mine.isChecked, timeout=1000)
    # With Ctrl it is a shortcut's, not the button's.
    qtbot.keyClick(button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert mine.isChecked()
