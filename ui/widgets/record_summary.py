"""A read-only record as a readable summary, not a greyed-out form.

Rows of caption and value (selectable text, wrapped), grouped under optional section
titles, with an optional status pill at the top: an approved visit, a past event, an
owner. ``set_rows`` replaces everything, so a page fills it from its record in one call.
Threading: UI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import theme
from .status_pill import StatusPill

if TYPE_CHECKING:
    from ..forms import Form

#: A row: (caption, value); a row with caption None is a section title (value).
Row = tuple[str | None, str]


def shown_text(editor: QWidget) -> str:
    """What an editor shows, as text ("" when it shows nothing chosen or typed)."""
    if isinstance(editor, QComboBox):
        return "" if editor.currentData() is None else editor.currentText()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText().strip()
    if isinstance(editor, QLineEdit):
        return editor.text().strip()
    if isinstance(editor, QAbstractSpinBox):
        return editor.text().strip()
    return ""


def form_rows(form: Form) -> list[Row]:
    """A form's fields as summary rows: each field's label and what its editor shows."""
    return [(form.label_text(name), shown_text(form.editor(name))) for name in form.names()]


class RecordSummary(QWidget):
    """Caption / value rows of a record nobody can edit here."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.pill = StatusPill(f"{name}Status")
        self.pill.hide()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(theme.SPACE_L)
        self.grid.setVerticalSpacing(theme.SPACE_S)
        self.grid.setColumnStretch(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pill, 0, Qt.AlignmentFlag.AlignLeft)
        column.addLayout(self.grid)
        column.addStretch(1)
        self._values: dict[str, QLabel] = {}

    def set_status(self, state: str | None, text: str) -> None:
        self.pill.set_status(state, text)

    def set_rows(self, rows: Sequence[Row]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._values = {}
        for r, (caption, value) in enumerate(rows):
            if caption is None:
                section = QLabel(value)
                theme.set_role(section, "title")
                self.grid.addWidget(section, r, 0, 1, 2)
                continue
            cap = QLabel(caption)
            theme.set_role(cap, "muted")
            cap.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            text = QLabel(value or "—")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(cap, r, 0)
            self.grid.addWidget(text, r, 1)
            self._values[caption] = text

    def value(self, caption: str) -> str:
        """The value shown for ``caption`` ("" if none): for tests and screen readers."""
        label = self._values.get(caption)
        return label.text() if label is not None else ""

    def captions(self) -> list[str]:
        return list(self._values)
