"""The one-step "add an interaction" row: kind, date, note, level after, Add; Enter
anywhere in it submits. Its message line sits under it.

Threading: UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import icons
from ..labels import field_error_text
from .field_message import FieldMessage


class InteractionRow(QWidget):
    """Kind, date, note, level after and Add; ``submitted`` on Enter or Add."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addInteractionRow")
        self.interaction_kind = QComboBox()
        self.interaction_kind.setObjectName("interactionKind")
        self.interaction_date = QDateEdit()
        self.interaction_date.setObjectName("interactionDate")
        self.interaction_date.setCalendarPopup(True)
        self.interaction_date.setDisplayFormat("yyyy-MM-dd")
        self.interaction_note = QLineEdit()
        self.interaction_note.setObjectName("interactionNote")
        self.interaction_level = QComboBox()
        self.interaction_level.setObjectName("interactionLevel")
        self.add_button = QPushButton()
        self.add_button.setObjectName("addInteraction")
        self.add_button.setIcon(icons.icon("add"))
        self.add_button.clicked.connect(self.submitted)
        self.interaction_error = FieldMessage("interactionError")
        self.error: Any = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.interaction_kind)
        row.addWidget(self.interaction_date)
        row.addWidget(self.interaction_note, 1)
        row.addWidget(self.interaction_level)
        row.addWidget(self.add_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.interaction_error)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def show_error(self, error: Any) -> None:
        """Show a field error under the row (None clears it)."""
        self.error = error
        if error is None:
            self.interaction_error.hide()
            self.interaction_error.clear()
        else:
            self.interaction_error.setText(field_error_text(error))
            self.interaction_error.show()

    def retranslate(self) -> None:
        self.interaction_kind.setToolTip(
            QCoreApplication.translate("ShopPage", "What kind of contact")
        )
        self.interaction_date.setToolTip(QCoreApplication.translate("ShopPage", "When"))
        self.interaction_note.setPlaceholderText(
            QCoreApplication.translate("ShopPage", "What was talked about; Enter saves")
        )
        self.interaction_level.setToolTip(
            QCoreApplication.translate("ShopPage", "Relationship level after this contact")
        )
        self.add_button.setText(QCoreApplication.translate("ShopPage", "Add"))
        if self.error is not None:
            self.interaction_error.setText(field_error_text(self.error))
