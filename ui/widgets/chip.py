"""A chip: a short fact about a record (code, tier, channel) in a rounded label.

Styled by the theme's style sheet through the ``role`` property, never by itself.
Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class Chip(QLabel):
    """A rounded label for one short fact."""

    def __init__(self, name: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName(name)
        self.setProperty("role", "chip")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
