"""A banner across the top of the main window that says what is wrong with the data file:
read-only (and why), or damaged. ``ui.store_safety`` shows it only then.

``StoreBanner.state`` (``""``, ``"read_only"``, ``"damaged"``) is what tests check.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from .errors import read_only_text

_STYLES = {
    "read_only": "QFrame#storeBanner { background: #fff4d6; border-bottom: 1px solid #e0b84c; }"
    " QLabel { color: #5c4400; font-size: 14px; }",
    "damaged": "QFrame#storeBanner { background: #fde2e1; border-bottom: 1px solid #d9534f; }"
    " QLabel { color: #7a1d1a; font-size: 14px; }",
}


class StoreBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeBanner")
        self.state = ""
        self._reason = ""
        self._path = ""
        self.text = QLabel()
        self.text.setObjectName("storeBannerText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        row.addWidget(self.text, 1)

    def show_read_only(self, reason: str, path: str) -> None:
        self._set("read_only", reason, path)

    def show_damaged(self, path: str) -> None:
        self._set("damaged", "", path)

    def _set(self, state: str, reason: str, path: str) -> None:
        self.state, self._reason, self._path = state, reason, path
        self.setStyleSheet(_STYLES[state])
        self.retranslate()

    def retranslate(self) -> None:
        if self.state == "read_only":
            words = read_only_text(self._reason)
        elif self.state == "damaged":
            words = self.tr(
                "The data file is damaged and cannot be read whole: nothing from it is shown."
            )
        else:
            return
        self.text.setText(words + "\n" + self.tr("File: %1").replace("%1", self._path))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
