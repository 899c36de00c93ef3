"""What a list says when it has nothing to show, with the next thing to do.

``EmptyState`` is an icon, a sentence and (optionally) one button; ``EmptyStack`` puts
it in a list's place whenever the list's model has no rows, and the list back when it
has some.
Threading: UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import icons, theme


class EmptyState(QWidget):
    """An icon, a sentence and a next action for an empty list."""

    def __init__(
        self,
        name: str,
        *,
        action: Callable[[], object] | None = None,
        icon: str = "empty",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(icons.icon(icon, theme.DISABLED).pixmap(QSize(40, 40)))
        self.text = QLabel()
        self.text.setObjectName(f"{name}Text")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.set_role(self.text, "empty")
        self.button = QPushButton()
        self.button.setObjectName(f"{name}Action")
        self.button.setVisible(action is not None)
        if action is not None:
            self.button.clicked.connect(lambda: action())
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 24, 16, 24)
        column.setSpacing(theme.SPACE_S)
        column.addStretch(1)
        column.addWidget(self.picture)
        column.addWidget(self.text)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)

    def set_action(self, action: Callable[[], object]) -> None:
        """What the button does (shown from now on)."""
        self.button.clicked.connect(lambda: action())
        self.button.setVisible(True)

    def set_texts(self, text: str, action_text: str = "") -> None:
        self.text.setText(text)
        self.button.setText(action_text)


class EmptyStack(QStackedWidget):
    """A list, or its empty state when its model has no rows."""

    def __init__(
        self, view: QAbstractItemView, empty: EmptyState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.empty = empty
        self.addWidget(view)
        self.addWidget(empty)
        model = view.model()
        assert model is not None, "set the view's model first"
        self._model: QAbstractItemModel = model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.update_state)
        self.update_state()

    def is_empty(self) -> bool:
        return self._model.rowCount() == 0

    def update_state(self, *_args: object) -> None:
        self.setCurrentWidget(self.empty if self.is_empty() else self.view)
