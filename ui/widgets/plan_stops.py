"""The day's stops in plan order: arrival, road km from the previous stop, opening
hours and a note (done, checked in, late: cannot finish before closing, no
coordinates: placed last); move up and down (Ctrl+Up/Down), remove (Delete), open the
visit (Enter or double-click).
``moved(visit_id, other_id)`` (take the other stop's place), ``removed(visit_id)``,
``opened(visit_id)``.
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.route import Route
from fieldapp.store.plan import DayPlan
from ui.translate_noop import QT_TRANSLATE_NOOP

from ..labels import translate_in, word
from ..models import Column, QueryTableModel
from .visit_bits import Keys, compact_table

CONTEXT = "PlanStops"


@dataclass(frozen=True)
class StopRow:
    seq: int
    visit_id: str
    name: str
    arrival: str
    km: float | None
    hours: str
    #: "done", "in" (checked in), "late", "nowhere" (no coordinates) or "".
    state: str


COLUMNS: tuple[Column, ...] = (
    Column("seq", QT_TRANSLATE_NOOP("PlanStops", "#"), align_right=True),
    Column("name", QT_TRANSLATE_NOOP("PlanStops", "Shop")),
    Column("arrival", QT_TRANSLATE_NOOP("PlanStops", "Arrival")),
    Column(
        "km",
        QT_TRANSLATE_NOOP("PlanStops", "km"),
        fmt=lambda v: "" if v is None else f"{v:.1f}",
        align_right=True,
    ),
    Column("hours", QT_TRANSLATE_NOOP("PlanStops", "Open")),
    Column("state", QT_TRANSLATE_NOOP("PlanStops", "Note")),
)

STATES = {
    "done": QT_TRANSLATE_NOOP("PlanStops", "Done"),
    "in": word("in_progress"),
    "late": QT_TRANSLATE_NOOP("PlanStops", "Late: closes before the visit ends"),
    "nowhere": QT_TRANSLATE_NOOP("PlanStops", "No coordinates: placed last"),
}
STATE_COLOURS = {"done": "#2e7d32", "in": "#1f5fa8", "late": "#b3261e", "nowhere": "#8a5300"}


def _arrival(at: datetime | None, day: date) -> str:
    """ "HH:MM"; "+1 HH:MM" when the route runs past midnight."""
    if at is None:
        return ""
    days = (at.date() - day).days
    return at.strftime("%H:%M") if days <= 0 else f"+{days} {at.strftime('%H:%M')}"


def stop_rows(plan: DayPlan, route: Route) -> list[StopRow]:
    """The route's legs as table rows (the route follows the plan's order)."""
    by_visit = {s.visit_id: s for s in plan.stops}
    rows = []
    for n, leg in enumerate(route.legs, start=1):
        stop = by_visit[leg.stop.key]
        if stop.done:
            state = "done"
        elif stop.checkin_at:
            state = "in"
        elif leg.no_position:
            state = "nowhere"
        elif leg.late:
            state = "late"
        else:
            state = ""
        hours = f"{stop.opens_at or ''}–{stop.closes_at or ''}"
        rows.append(
            StopRow(
                seq=n,
                visit_id=stop.visit_id,
                name=stop.name,
                arrival=_arrival(leg.arrival, plan.day),
                km=leg.km,
                hours="" if hours == "–" else hours,
                state=state,
            )
        )
    return rows


class _Model(QueryTableModel):
    def display(self, row: Any, column: Column) -> str:
        if column.key == "state":
            source = STATES.get(row.state)
            return translate_in(CONTEXT, source) if source else ""
        return super().display(row, column)

    def foreground(self, row: Any, column: Column) -> Any:
        if column.key == "state" and row.state in STATE_COLOURS:
            return QBrush(QColor(STATE_COLOURS[row.state]))
        return None


class PlanStops(QWidget):
    #: (the stop moved, the stop whose place it takes)
    moved = Signal(str, str)
    removed = Signal(str)
    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planStops")
        self.rows: list[StopRow] = []
        self.model = _Model(
            COLUMNS,
            lambda _o, _d, n, off: self.rows[off : off + n],
            lambda: len(self.rows),
            context=CONTEXT,
            parent=self,
        )
        self.table = QTableView()
        self.table.setObjectName("planStopsTable")
        self.table.setModel(self.model)
        compact_table(self.table)
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        for i in range(len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._open())
        Keys(self.table, [Qt.Key.Key_Return, Qt.Key.Key_Enter], self._open)
        Keys(self.table, [Qt.Key.Key_Delete], self._remove)
        self.up_button = QPushButton()
        self.up_button.setObjectName("stopUp")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton()
        self.down_button.setObjectName("stopDown")
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("stopRemove")
        self.remove_button.clicked.connect(self._remove)
        self.open_button = QPushButton()
        self.open_button.setObjectName("stopOpen")
        self.open_button.clicked.connect(self._open)
        self.table.installEventFilter(self)
        buttons = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.remove_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self._move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return False

    def show_rows(self, rows: Sequence[StopRow], *, select: str | None = None) -> None:
        current = select or self.current_visit()
        self.rows = list(rows)
        self.model.reload()
        for i, row in enumerate(self.rows):
            if row.visit_id == current:
                self.table.selectRow(i)
                break

    def current_visit(self) -> str | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return None if row is None else str(row.visit_id)

    def _move(self, step: int) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        target = index.row() + step
        if 0 <= target < len(self.rows):
            self.moved.emit(self.rows[index.row()].visit_id, self.rows[target].visit_id)

    def _remove(self) -> None:
        visit_id = self.current_visit()
        if visit_id is not None:
            self.removed.emit(visit_id)

    def _open(self) -> None:
        visit_id = self.current_visit()
        if visit_id is not None:
            self.opened.emit(visit_id)

    def retranslate(self) -> None:
        self.up_button.setText(self.tr("Move up"))
        self.up_button.setToolTip(self.tr("Ctrl+Up"))
        self.down_button.setText(self.tr("Move down"))
        self.down_button.setToolTip(self.tr("Ctrl+Down"))
        self.remove_button.setText(self.tr("Remove stop"))
        self.remove_button.setToolTip(self.tr("Delete"))
        self.open_button.setText(self.tr("Open visit"))
        self.model.retranslate()
