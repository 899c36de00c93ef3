"""Beside the day's stops: the shops due on the day's route that are not planned yet
(Enter or double-click adds one), a search to add any other shop, the day's events and
the visits the supervisor returned.
``add(shop_id)`` to add a stop; ``open_visit(visit_id)`` for a returned visit.
Threading: UI thread.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store.plan import DayPlan

from ..clock import time_text
from ..context import AppContext
from ..labels import label
from .visit_bits import Keys, group

ID_ROLE = Qt.ItemDataRole.UserRole


def _list(name: str, height: int | None = None) -> QListWidget:
    view = QListWidget()
    view.setObjectName(name)
    # A long line ends in "…": nothing scrolls sideways,
    # even at 150 % scaling.
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if height is not None:
        view.setMaximumHeight(height)
    return view


class PlanSide(QWidget):
    add = Signal(str)
    open_visit = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("planSide")
        self.plan: DayPlan | None = None
        self.due_box, due = group("planDueBox")
        self.due_list = _list("planDue")
        self.due_list.itemActivated.connect(self._add_item)
        due.addWidget(self.due_list)
        self.add_box, add = group("planAddBox")
        self.search = QLineEdit()
        self.search.setObjectName("planShopSearch")
        self.search.setClearButtonEnabled(True)
        self.results = _list("planShopResults", 110)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self._add_first)
        Keys(self.search, [Qt.Key.Key_Down], self._into_results)
        self.results.itemActivated.connect(self._add_item)
        add.addWidget(self.search)
        add.addWidget(self.results)
        self.events_box, events = group("planEventsBox")
        self.events_list = _list("planEvents", 70)
        events.addWidget(self.events_list)
        self.returned_box, returned = group("planReturnedBox")
        self.returned_list = _list("planReturned", 90)
        self.returned_list.itemActivated.connect(
            lambda item: self.open_visit.emit(str(item.data(ID_ROLE)))
        )
        returned.addWidget(self.returned_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.due_box, 1)
        layout.addWidget(self.add_box)
        layout.addWidget(self.events_box)
        layout.addWidget(self.returned_box)

    def boxes(self) -> tuple[QGroupBox, ...]:
        return (self.due_box, self.add_box, self.events_box, self.returned_box)

    def show_plan(self, plan: DayPlan, today: date) -> None:
        self.plan = plan
        self.due_list.clear()
        for d in plan.unplanned_due:
            last = (
                self.tr("never visited")
                if d.last_visit is None
                else self.tr("last %1").replace("%1", d.last_visit.strftime("%m-%d"))
            )
            text = f"{d.name}  ·  {label(d.tier)}  ·  {last}"
            if d.overdue:
                text += "  ·  " + self.tr("overdue")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, d.shop_id)
            self.due_list.addItem(item)
        self.events_list.clear()
        for e in plan.events:
            when = f"{time_text(e.starts_at)}–{time_text(e.ends_at)}"
            self.events_list.addItem(QListWidgetItem(f"{when}  {e.title}"))
        self.returned_list.clear()
        for r in plan.returned:
            item = QListWidgetItem(f"{r.name}  ·  {r.comment or ''}")
            item.setData(ID_ROLE, r.visit_id)
            item.setToolTip(r.comment or "")
            self.returned_list.addItem(item)
        self._titles()

    def _search(self, text: str) -> None:
        self.results.clear()
        for hit in self.ctx.store.search.shops(text, limit=20):
            item = QListWidgetItem(hit.title + ("  ·  " + hit.subtitle if hit.subtitle else ""))
            item.setData(ID_ROLE, hit.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _into_results(self) -> None:
        if self.results.count():
            self.results.setFocus()

    def _add_first(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._add_item(item)

    def _add_item(self, item: QListWidgetItem) -> None:
        self.add.emit(str(item.data(ID_ROLE)))

    def _titles(self) -> None:
        plan = self.plan
        n = len(plan.unplanned_due) if plan else 0
        self.due_box.setTitle(
            self.tr("Due on this day's route, not planned (%1)").replace("%1", str(n))
        )
        self.events_box.setTitle(
            self.tr("Events (%1)").replace("%1", str(len(plan.events) if plan else 0))
        )
        self.returned_box.setTitle(
            self.tr("Returned by your supervisor (%1)").replace(
                "%1", str(len(plan.returned) if plan else 0)
            )
        )

    def retranslate(self) -> None:
        self.add_box.setTitle(self.tr("Add a shop"))
        self.search.setPlaceholderText(self.tr("Shop name, pinyin, initials or code; Enter adds"))
        self.due_list.setToolTip(self.tr("Enter or double-click adds the shop to the day"))
        if self.plan is not None:
            self.show_plan(self.plan, self.ctx.today())
        else:
            self._titles()
