"""Where the main window opens: where it was left (QSettings), else sized to fit the screen.

A laptop's 1366×768 screen minus a task bar leaves about 1366×728, and the window
manager adds a title bar above that: a fixed 1280×720 window ends up partly off the
screen. So the first start fits the window into the screen's *available* area with room
for the frame, centred; after that the window comes back as the user left it
(``QWidget.saveGeometry``, which also restores the maximised state and moves a window
whose screen is gone back onto a screen that exists).
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtWidgets import QMainWindow

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
#: The size the window prefers when the screen has room for it.
PREFERRED = QSize(1280, 720)
#: Room left for the window manager's frame: title bar above, borders around.
FRAME_ALLOWANCE = QSize(16, 48)


def fitted(available: QRect, preferred: QSize = PREFERRED) -> QRect:
    """The client area for a first start: at most ``preferred``, inside ``available`` with
    room for a frame, centred in it."""
    width = max(min(preferred.width(), available.width() - FRAME_ALLOWANCE.width()), 320)
    height = max(min(preferred.height(), available.height() - FRAME_ALLOWANCE.height()), 240)
    x = available.x() + (available.width() - width) // 2
    # The title bar sits above the client area: centre the whole frame, not the client.
    top_bar = FRAME_ALLOWANCE.height() - FRAME_ALLOWANCE.width() // 2
    y = available.y() + top_bar + (available.height() - height - FRAME_ALLOWANCE.height()) // 2
    return QRect(x, y, width, height)


def restore(window: QMainWindow, settings: QSettings) -> None:
    """Put the window where it was left, or fit it to its screen on a first start."""
    geometry = settings.value(GEOMETRY_KEY)
    if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray):
            window.restoreState(state)
        return
    screen = window.screen()
    if screen is not None:
        window.setGeometry(fitted(screen.availableGeometry()))


def save(window: QMainWindow, settings: QSettings) -> None:
    """Remember the window's place, size and maximised state for the next start."""
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(STATE_KEY, window.saveState())
    settings.sync()


__all__ = ["GEOMETRY_KEY", "fitted", "restore", "save"]
