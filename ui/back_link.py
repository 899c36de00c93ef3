"""The one back link every detail page shows: "← Shops", "← KOCs", "← Events", "← Today".

Same words (the list page's own title from the side bar), same look and the same object
name (``backLink``) on every page, so a person and a test find it the same way.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QPushButton, QWidget

from . import theme
from .context import AppContext


class BackLink(QPushButton):
    """A flat link to the list page ``page_id`` (whose side-bar title is ``title_source``)."""

    def __init__(
        self, ctx: AppContext, page_id: str, title_source: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.page_id = page_id
        self.title_source = title_source
        self.setObjectName("backLink")
        theme.set_role(self, "link")
        self.clicked.connect(lambda: ctx.go(page_id))
        self.retranslate()

    def retranslate(self) -> None:
        self.setText("← " + QCoreApplication.translate("MainWindow", self.title_source))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


__all__ = ["BackLink"]
