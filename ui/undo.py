"""A step that cannot be taken back waits a few seconds with an Undo button first.

``UndoBar.start(text, commit)`` shows the text and an Undo button with a countdown and
runs ``commit`` when the time is up; Undo drops the step (nothing was written), and
``flush`` runs it at once (the page is left, the window closes, Ctrl+S, another step).
Used for check-out and "submit for review" on the visit page.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

#: How long a step waits for an undo.
UNDO_SECONDS = 6


class UndoBar(QFrame):
    """One pending step at a time, shown with its Undo button."""

    #: The pending step was dropped.
    undone = Signal()

    def __init__(self, parent: QWidget | None = None, *, seconds: int = UNDO_SECONDS) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setStyleSheet(
            "QFrame#undoBar { background: #fff8e1; border: 1px solid #f0c36d; border-radius: 4px; }"
        )
        self.seconds = seconds
        self.text = QLabel()
        self.text.setObjectName("undoText")
        self.button = QPushButton()
        self.button.setObjectName("undoButton")
        self.button.clicked.connect(self.undo)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 4, 2)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._commit: Callable[[], None] | None = None
        self._left = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count)
        self.hide()

    def start(self, text: str, commit: Callable[[], None]) -> None:
        """Wait with ``commit`` (an earlier pending step runs first)."""
        self.flush()
        self._commit = commit
        self._left = self.seconds
        self.text.setText(text)
        self._label()
        self.show()
        self._tick.start()

    def pending(self) -> bool:
        return self._commit is not None

    def undo(self) -> None:
        """Drop the pending step: nothing is written."""
        self._commit = None
        self._tick.stop()
        self.hide()
        self.undone.emit()

    def flush(self) -> None:
        """Run the pending step now."""
        commit, self._commit = self._commit, None
        self._tick.stop()
        self.hide()
        if commit is not None:
            commit()

    def _count(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.flush()
        else:
            self._label()

    def _label(self) -> None:
        self.button.setText(
            QCoreApplication.translate("UndoBar", "Undo (%1 s)").replace("%1", str(self._left))
        )
