"""The visit's footer: check out, submit for review, the message line and the undo bar
of a check-out or submit waiting its few seconds.
Threading: UI thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from .. import theme
from ..undo import UndoBar
from .visit_bits import message_label


class VisitFooter(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitFooter")
        self.setFrameShape(QFrame.Shape.NoFrame)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        self.end_title = QLabel()
        self.end_title.setObjectName("endTitle")
        theme.set_role(self.end_title, "title")
        self.check_out_button = QPushButton()
        self.check_out_button.setObjectName("checkOutButton")
        self.check_out_time = QLabel()
        self.check_out_time.setObjectName("checkOutTime")
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitButton")
        self.message = message_label("submitError")
        theme.set_role(self.message, "error")
        row.addWidget(self.end_title)
        row.addWidget(self.check_out_button)
        row.addWidget(self.check_out_time)
        row.addSpacing(16)
        row.addWidget(self.submit_button)
        row.addSpacing(8)
        row.addWidget(self.message, 1)
        self.undo_bar = UndoBar()
        row.addWidget(self.undo_bar)
        row.addStretch(1)

    def retranslate(self) -> None:
        self.end_title.setText(self.tr("End:"))
        self.check_out_button.setText(self.tr("Check out"))
        self.submit_button.setText(self.tr("Submit for review"))
