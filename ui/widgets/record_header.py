"""The head of a record page: back link, heading, a line under it, chips and actions,
and the save state ("All changes saved" / "Saving…" / "Not saved: …").

Threading: UI thread only.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .. import theme

#: The widget handed to ``add_chip`` / ``add_action``, handed back as its own type.
W = TypeVar("W", bound=QWidget)

#: The save states a page reports, as the words shown.
SAVE_STATES = ("saved", "pending", "invalid")


def save_state_text(state: str) -> str:
    """The words for a page's save state ("" for none)."""
    texts = {
        "saved": QCoreApplication.translate("RecordHeader", "All changes saved"),
        "pending": QCoreApplication.translate("RecordHeader", "Saving…"),
        "invalid": QCoreApplication.translate(
            "RecordHeader", "Not saved: correct the marked fields"
        ),
    }
    return texts.get(state, "")


class RecordHeader(QWidget):
    """Back link, heading and subtitle on the left; chips after the heading; actions and
    the save state on the right."""

    def __init__(
        self,
        back: QWidget | None,
        *,
        heading_name: str,
        subtitle_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordHeader")
        self.back = back
        self.heading = QLabel()
        self.heading.setObjectName(heading_name)
        self.heading.setProperty("role", "heading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setObjectName(subtitle_name or f"{heading_name}Subtitle")
        self.subtitle.setProperty("role", "muted")
        self.subtitle.setWordWrap(True)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.save_state.setProperty("role", "muted")
        self.state = ""

        self.chips = QHBoxLayout()
        self.chips.setSpacing(6)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(8)
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        title_row.addWidget(self.heading)
        title_row.addLayout(self.chips)
        title_row.addStretch(1)
        title_col = QVBoxLayout()
        title_col.setSpacing(2)
        title_col.addLayout(title_row)
        title_col.addWidget(self.subtitle)
        #: A line of further facts under the subtitle (address, phone, …).
        self.info = QHBoxLayout()
        self.info.setSpacing(16)
        title_col.addLayout(self.info)
        right = QVBoxLayout()
        right.setSpacing(2)
        right.addLayout(self.action_row)
        right.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        if back is not None:
            row.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(title_col, 1)
        row.addLayout(right)

    def add_chip(self, chip: W) -> W:
        chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.chips.addWidget(chip)
        return chip

    def add_action(self, widget: W) -> W:
        self.action_row.addWidget(widget)
        return widget

    def set_save_state(self, state: str) -> None:
        """Show ``state`` (one of ``SAVE_STATES``, or "" for nothing)."""
        self.state = state
        self.save_state.setText(save_state_text(state))
        theme.set_role(self.save_state, "error" if state == "invalid" else "muted")
