"""A card: a white, rounded, bordered panel with a title, for a summary or a section.

Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .. import theme


class Card(QFrame):
    """A titled card; put the content in ``body`` (a QVBoxLayout)."""

    def __init__(self, name: str, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "card")
        self.title = QLabel(title)
        self.title.setObjectName(f"{name}Title")
        theme.set_role(self.title, "title")
        self.head = QHBoxLayout()
        self.head.addWidget(self.title, 1)
        self.body = QVBoxLayout()
        self.body.setSpacing(theme.SPACE_S)
        column = QVBoxLayout(self)
        column.setContentsMargins(theme.SPACE_L, theme.SPACE_M, theme.SPACE_L, theme.SPACE_M)
        column.setSpacing(theme.SPACE_S)
        column.addLayout(self.head)
        column.addLayout(self.body, 1)

    def set_title(self, text: str) -> None:
        self.title.setText(text)
