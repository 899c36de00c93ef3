"""Status pills: a state's colour with its words, never the colour alone.

``StatusPill`` is a label for a header or a card; ``PillDelegate`` draws the same pill in
a table cell (the cell's text on the state's background), with ``state_of`` telling the
state from the row object (``ROW_ROLE``) or the cell's value.
Threading: UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from .. import theme
from ..models import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex


class StatusPill(QLabel):
    """A rounded label in a state's colours, e.g. 已通过 on teal."""

    def __init__(
        self, name: str = "", state: str = "neutral", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        theme.set_role(self, "pill")
        theme.set_state(self, state)

    def set_status(self, state: str | None, text: str) -> None:
        theme.set_state(self, state)
        self.setText(text)
        self.setVisible(bool(text))

    def state(self) -> str:
        return str(self.property("state") or "neutral")


class PillDelegate(QStyledItemDelegate):
    """Draws a column's cells as pills; ``state_of(row, value)`` names the state."""

    #: Width a pill adds to its text (padding and margin), for column sizing.
    extra_width = 28

    def __init__(
        self, state_of: Callable[[Any, Any], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state_of = state_of

    def state_at(self, index: Index) -> str:
        state = self.state_of(index.data(ROW_ROLE), index.data(SORT_ROLE))
        return state if state in theme.STATES else "neutral"

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + self.extra_width, hint.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        # The row's hover and selection background first, without the text.
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(style.ControlElement.CE_ItemViewItem, plain, painter, widget)
        if not text:
            return
        colours = theme.STATES[self.state_at(index)]
        font = QFont(option.font)
        font.setPixelSize(theme.FONT_SECONDARY_PX)
        font.setBold(True)
        metrics = QFontMetrics(font)
        rect = option.rect
        width = min(metrics.horizontalAdvance(text) + 20, rect.width() - 8)
        height = min(metrics.height() + 6, rect.height() - 4)
        pill = QRectF(rect.left() + 6, rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours.bg))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(colours.fg))
        painter.setFont(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width - 16))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, shown)
        painter.restore()


#: Every stored status word and the state (colour) it shows as, on every page.
STATUS_STATES: dict[str, str] = {
    # visits
    "planned": "due",
    "in_progress": "progress",
    "submitted": "due",
    "approved": "approved",
    "returned": "returned",
    "flagged": "flagged",
    "overdue": "overdue",
    "done": "done",
    # events
    "confirmed": "progress",
    "cancelled": "neutral",
    # invitations
    "invited": "due",
    "attended": "done",
    "no_show": "overdue",
    "declined": "neutral",
    # sync
    "conflict": "conflict",
}


def state_of_status(value: object) -> str:
    """The state (a key of ``theme.STATES``) a stored status word shows as."""
    return STATUS_STATES.get(str(getattr(value, "value", value) or ""), "neutral")


def status_delegate(parent: QWidget | None = None) -> PillDelegate:
    """A pill delegate for a column whose value is a status word."""
    return PillDelegate(lambda _row, value: state_of_status(value), parent)
