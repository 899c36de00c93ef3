"""A skeleton: grey bars where a list or chart will be, while its numbers are on their
way from a worker thread, so a card has its final size at once and never reads as empty
("no data") before the data came.

Screen readers hear "Loading…" (the accessible name). Nothing moves: the bars are still,
so offscreen renders and the visual test see the same picture every time.
Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import theme

#: The bars' widths, as shares of the width: a few lines of uneven length.
WIDTHS = (0.92, 0.64, 0.78, 0.52, 0.86, 0.7, 0.58, 0.8)
BAR_HEIGHT = 12
BAR_GAP = 14


class Skeleton(QWidget):
    """Still grey bars filling the widget, as many as fit."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(BAR_HEIGHT * 2 + BAR_GAP)
        self.retranslate()

    def bars(self) -> list[QRectF]:
        """Where the bars go at the current size."""
        out = []
        y = float(BAR_GAP)
        width = self.width() - 2 * theme.SPACE_S
        for i in range(max(0, int((self.height() - BAR_GAP) // (BAR_HEIGHT + BAR_GAP)))):
            share = WIDTHS[i % len(WIDTHS)]
            out.append(QRectF(theme.SPACE_S, y, width * share, BAR_HEIGHT))
            y += BAR_HEIGHT + BAR_GAP
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.DIVIDER))
        for bar in self.bars():
            painter.drawRoundedRect(bar, BAR_HEIGHT / 2, BAR_HEIGHT / 2)

    def retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("Skeleton", "Loading…"))
