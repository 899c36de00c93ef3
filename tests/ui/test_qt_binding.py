"""The Qt binding itself: calls into Qt must not take references off Python's None.

PySide6 6.12.0 on CPython 3.11 does (every method returning None gives back a None it
never took a reference to); the app then dies with "deallocating None" after enough
paints, setText calls and the like, sooner with the map's thousands of pins. None is
immortal from CPython 3.12, so only 3.11 shows it. pyproject.toml excludes 6.12.0.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel


def test_qt_calls_keep_none_alive(qapp: QApplication) -> None:
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(500):
        painter.drawLine(QPointF(0, 0), QPointF(5, 5))
        label.setText("x")
    after = sys.getrefcount(None)
    painter.end()
    # A few references may come and go elsewhere; 1,000 lost ones are the bug.
    assert after - before > -50, f"None lost {before - after} references in 1,000 Qt calls"
