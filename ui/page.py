"""The base of every page in the main window.

A page gets the ``AppContext`` in its constructor, builds its widgets once,
re-translates its texts on a language change (``retranslate``), and is told
when it is shown with an argument (``open``, e.g. the shop to show). Pages that
are listed in the side bar set ``in_nav``. Before the window leaves a page it asks
``can_leave``: a page with a field that could not be saved asks the person to fix it
or to discard what was typed there (the text is kept as a draft until then).
Threading: UI thread.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from .context import AppContext

if TYPE_CHECKING:
    from .forms import Form


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

    def unsaved_forms(self) -> list[Form]:
        """The forms of this page that save as they are typed and hold a field that could
        not be saved."""
        forms = sys.modules.get("ui.forms")  # not imported yet: no form exists (start-up)
        if forms is None:
            return []
        return [f for f in self.findChildren(forms.Form) if f.autosaved and f.errors]

    def can_leave(self) -> bool:
        """True when the page may be left now: nothing typed is unsaved, or the person
        chose to discard it; False (the cursor in the first such field) to fix it."""
        bad = self.unsaved_forms()
        if not bad:
            return True
        from .ask import ask
        from .labels import field_error_text

        first = bad[0]
        name = first.invalid_fields()[0]
        label = first.label_text(name)
        answer = ask(
            self,
            "leaveUnsaved",
            QCoreApplication.translate("Page", "Not saved"),
            QCoreApplication.translate(
                "Page", "“%1” could not be saved: %2\nFix it, or discard what you typed there?"
            )
            .replace("%1", label)
            .replace("%2", field_error_text(first.errors[name])),
            [
                ("fix", QCoreApplication.translate("Page", "Fix it")),
                ("discard", QCoreApplication.translate("Page", "Discard what I typed")),
            ],
            default="fix",
            escape="fix",
        )
        if answer == "discard":
            for form in bad:
                form.discard_invalid()
            return True
        first.editor(name).setFocus()
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
