"""The base of every page in the main window.

A page gets the ``AppContext`` in its constructor, builds its widgets once,
re-translates its texts on a language change (``retranslate``), and is told
when it is shown with an argument (``open``, e.g. the shop to show). Pages that
are listed in the side bar set ``in_nav``.
Threading: UI thread.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from .context import AppContext


class Page(QWidget):
    #: Stable id used for navigation and objectName.
    page_id: ClassVar[str] = ""
    #: Title source text, translated in the "MainWindow" context.
    title_source: ClassVar[str] = ""
    #: Listed in the side bar (detail pages are reached from other pages).
    in_nav: ClassVar[bool] = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"{self.page_id}Page")

    def title(self) -> str:
        return QCoreApplication.translate("MainWindow", self.title_source)

    def open(self, arg: object = None) -> None:
        """Show this page for ``arg`` (a row id, or None); default: refresh."""
        self.refresh()

    def refresh(self) -> None:
        """Re-read what the page shows from the store."""

    def retranslate(self) -> None:
        """Set every user-visible text again in the current language."""

    def focus_search(self) -> bool:
        """Put the cursor in this page's search box; False if it has none."""
        return False

    def save(self) -> bool:
        """Save what is being edited now (Ctrl+S); False if nothing to save."""
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
