"""Small helpers shared by the visit page's widgets: key callbacks, group boxes,
inline message labels, compact tables.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import ValidationError
from fieldapp.model import Visit
from fieldapp.store import views_visits as vv

from .. import theme
from ..clock import datetime_text
from ..labels import field_error_text

#: Translation context of every visit widget: the strings were the visit page's.
CONTEXT = "VisitPage"


def money(value: Any) -> str:
    return "" if value is None else f"{value:,.2f}"


def local_time(value: datetime | None, today: date) -> str:
    """Beijing time of a stored UTC time: "09:19" today, else with the date."""
    return datetime_text(value, today=today)


class Keys(QObject):
    """Calls back on some keys pressed in a widget (Enter to add, Delete to remove)."""

    def __init__(self, widget: QWidget, keys: Sequence[Qt.Key], callback: Callable[[], None]):
        super().__init__(widget)
        self._keys = set(keys)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() in self._keys and mods == Qt.KeyboardModifier.NoModifier:
                self._callback()
                return True
        return False


def group(name: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox()
    box.setObjectName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 6, 8, 8)
    layout.setSpacing(4)
    return box, layout


def message_label(name: str) -> QLabel:
    lbl = QLabel()
    lbl.setObjectName(name)
    theme.set_role(lbl, "error")
    lbl.setWordWrap(True)
    lbl.hide()
    return lbl


def show_message(target: QLabel, text: str) -> None:
    target.setText(text)
    target.setVisible(bool(text))


def words(exc: ValidationError) -> str:
    return "\n".join(field_error_text(e) for e in exc.errors)


def icon_size() -> QSize:
    return QSize(72, 72)


def compact_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)


class VisitState:
    """The visit on screen and its detail, shared by the page and its parts (None: the
    shop picker is up)."""

    def __init__(self) -> None:
        self.visit: Visit | None = None
        self.detail: vv.VisitDetail | None = None

    @property
    def editable(self) -> bool:
        return self.visit is not None and self.detail is not None and not self.detail.read_only
