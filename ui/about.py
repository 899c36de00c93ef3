"""The About box: the app's version (the one every sync request names), Qt's, and
where this computer keeps the data file and the log.
Threading: UI thread.
"""

from __future__ import annotations

import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp import __version__


def about_text(store_path: str, log_path: str | None) -> str:
    """The box's text (plain, one fact a line), in the current language."""
    lines = [
        QCoreApplication.translate("About", "fieldapp %1").replace("%1", __version__),
        QCoreApplication.translate(
            "About", "Field sales for deep distribution: shops, owners, KOCs, events, visits."
        ),
        "",
        QCoreApplication.translate("About", "Data file: %1").replace("%1", store_path),
    ]
    if log_path:
        lines.append(QCoreApplication.translate("About", "Log file: %1").replace("%1", log_path))
    lines.append(
        QCoreApplication.translate("About", "Qt %1, PySide6 %2, Python %3")
        .replace("%1", qVersion())
        .replace("%2", pyside_version)
        .replace("%3", sys.version.split()[0])
    )
    return "\n".join(lines)


def show_about(parent: QWidget, store_path: str, log_path: str | None) -> QMessageBox:
    """Open the About box (not modal for the caller: it returns the shown box)."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("About", "About fieldapp"))
    box.setText(about_text(store_path, log_path))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box
