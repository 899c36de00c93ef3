"""Work the first screen does not need waits for the window's first paint
(``ui.app.after_first_paint``; main.py installs sync that way)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.app import after_first_paint, create_window
from ui.context import AppContext


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_runs_once_after_the_first_paint(qtbot: QtBot, ctx: AppContext) -> None:
    window = create_window(ctx)
    qtbot.addWidget(window)
    paints = _Paints()
    window.installEventFilter(paints)
    calls: list[int] = []
    after_first_paint(window, lambda: calls.append(paints.count))
    QApplication.processEvents()
    assert calls == []  # not shown, not painted: not yet
    window.show()
    qtbot.waitUntil(lambda: calls != [], timeout=3000)
    assert calls[0] >= 1  # the window had been painted when it ran
    window.update()
    window.repaint()
    QApplication.processEvents()
    assert len(calls) == 1  # once
    # The window shows Today with its data already: sync is no part of that.
    assert window.current_page().page_id == "today"
