"""The line under a field that says what is wrong with it: its space is always there,
so a message appearing or going never moves the fields under the mouse.

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from .. import theme


class FieldMessage(QLabel):
    """One reserved line (or ``lines``) for a field's message; hidden (its space kept)
    when all is well."""

    def __init__(self, name: str = "", lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.lines = lines
        self.setWordWrap(True)
        theme.set_role(self, "error")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._reserve()

    def _reserve(self) -> None:
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # hidden, it still holds its line
        self.setSizePolicy(policy)
        self.ensurePolished()
        # At least its lines, always; a longer message than that may wrap further.
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * self.lines + 2)
        self.hide()

    def show_message(self, text: str) -> None:
        """Show ``text`` ("" clears it); the line keeps its height either way."""
        self.setText(text)
        self.setVisible(bool(text))

    def message(self) -> str:
        return self.text() if self.isVisibleTo(self.parentWidget() or self) else ""
