"""The events page: tastings and scene events in a month view, a week view and a list.

A rep plans events here: the calendar shows what is on (month grid or week columns with
time-positioned blocks) with the selected day's agenda beside it; the list shows every
event with its invitation counts, sortable in SQL. Double-click or Enter opens the event
page (``ctx.go("event", event_id)``). "New event" opens :class:`NewEventDialog`, which
validates as you type, warns (without blocking) about double bookings of the rep or the
venue, and saves the event and its products in one store transaction.

The small widgets the event page shares (venue picker, product checklist, overlap text,
Beijing-time formatting) live here too.
Threading: UI thread. Queries come from ``fieldapp.store.views_events``: indexed, paged
and well under 50 ms on a team-sized store, so they run inline; writes are single short
transactions on the UI thread's store.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldappError, ValidationError
from fieldapp.kinds import business_today
from fieldapp.model import Event, EventKind, EventStatus, Product
from fieldapp.store import Store, views_events as ve
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..forms import ERROR_STYLE, Form, refill_combo
from ..labels import label
from ..models import Column, QueryTableModel
from ..page import Page
from ..scope import ScopeSwitch
from ..widgets.empty_state import EmptyStack, EmptyState
from ..widgets.event_time import (
    CANCELLED_COLOR,
    KIND_COLORS,
    day_start,
    fmt_count,
    fmt_span,
    fmt_when,
    kind_color,
    local_fmt,
    local_to_utc,
    to_local,
    tooltip_of,
)
from ..widgets.events_parts import DayAgenda, PeriodBar
from ..widgets.status_pill import status_delegate

# --------------------------------------------------------------------------- time and words

#: Text of a non-blocking warning: amber, readable, not an error.
WARNING_STYLE = (
    "QLabel { background: #fff4e0; color: #8a5300; border: 1px solid #f0c36d;"
    " border-radius: 4px; padding: 6px 8px; }"
)


def overlap_text(overlaps: Sequence[ve.Overlap], venue_name: str | None) -> str:
    """The double-booking warning for a planned time, or "" when nothing clashes."""
    lines = []
    mine = [o for o in overlaps if o.same_rep]
    venue = [o for o in overlaps if o.same_venue]

    def describe(o: ve.Overlap) -> str:
        return (
            QCoreApplication.translate("EventWarnings", "%1 (%2)")
            .replace("%1", o.title)
            .replace("%2", fmt_span(o.starts_at, o.ends_at))
        )

    if mine:
        lines.append(
            QCoreApplication.translate(
                "EventWarnings", "You already have an event at this time: %1"
            ).replace("%1", "; ".join(describe(o) for o in mine))
        )
    if venue:
        lines.append(
            QCoreApplication.translate("EventWarnings", "%1 is already booked at this time: %2")
            .replace("%1", venue_name or venue[0].venue_name or "")
            .replace("%2", "; ".join(describe(o) for o in venue))
        )
    return "\n".join(lines)


def capacity_text(expected: int, capacity: int | None) -> str:
    """The over-capacity warning, or "" when the places suffice (or no capacity is set)."""
    if capacity is None or expected <= capacity:
        return ""
    return (
        QCoreApplication.translate(
            "EventWarnings",
            "Over capacity: %1 people invited (not counting no-shows) for %2 places",
        )
        .replace("%1", str(expected))
        .replace("%2", str(capacity))
    )


def make_warning_label(name: str) -> QLabel:
    warning = QLabel()
    warning.setObjectName(name)
    theme.set_role(warning, "warning")
    warning.setWordWrap(True)
    warning.hide()
    return warning


def show_warning(widget: QLabel, text: str) -> None:
    widget.setText(text)
    widget.setVisible(bool(text))


# --------------------------------------------------------------------------- shared widgets


class VenuePicker(QWidget):
    """Pick the venue shop by name, pinyin, initials, code or phone (``store.search.shops``).

    ``shop_id`` is the chosen shop (None when the text does not name a chosen shop).
    """

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.shop_id: str | None = None
        self.shop_name: str | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setObjectName("venueSearch")
        self.edit.setClearButtonEnabled(True)
        self.hint = QLabel()
        self.hint.setObjectName("venueHint")
        theme.set_role(self.hint, "caption")
        column.addWidget(self.edit)
        column.addWidget(self.hint)
        self.hits = QStandardItemModel(self)
        self.completer = QCompleter(self.hits, self)
        self.completer.setObjectName("venueCompleter")
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self.edit)
        self.completer.setMaxVisibleItems(10)
        # PySide6 picks the overload by activated[QModelIndex]; its stub types no indexing.
        activated = self.completer.activated[QModelIndex]  # type: ignore[index]
        activated.connect(self._picked)
        self.edit.textEdited.connect(self._search)
        self.retranslate()

    def _search(self, text: str) -> None:
        if self.shop_id is not None:
            self.shop_id = None
            self.shop_name = None
            self.changed.emit()
            self._update_hint()
        self.hits.clear()
        for hit in self._store.search.shops(text, limit=15):
            item = QStandardItem(hit.title + ("  · " + hit.subtitle if hit.subtitle else ""))
            item.setData(hit.id, Qt.ItemDataRole.UserRole)
            item.setData(hit.title, Qt.ItemDataRole.UserRole + 1)
            self.hits.appendRow(item)
        if self.hits.rowCount():
            self.completer.complete()
        else:
            self._hide_popup()

    def _picked(self, index: QModelIndex) -> None:
        shop_id = index.data(Qt.ItemDataRole.UserRole)
        name = index.data(Qt.ItemDataRole.UserRole + 1)
        if shop_id:
            self.set_shop(shop_id, name)
            self.changed.emit()

    def hit_count(self) -> int:
        return self.hits.rowCount()

    def choose(self, row: int) -> None:
        """Pick the ``row``-th search hit (what a click in the popup does)."""
        self._picked(self.hits.index(row, 0))
        self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def set_shop(self, shop_id: str | None, name: str | None) -> None:
        """Show a shop as chosen (without counting as an edit)."""
        self.shop_id = shop_id
        self.shop_name = name if shop_id else None
        self.edit.setText((name or "") if shop_id else "")
        self._update_hint()

    def _update_hint(self) -> None:
        if self.shop_id is not None:
            self.hint.setText(
                QCoreApplication.translate("VenuePicker", "Venue shop: %1").replace(
                    "%1", self.shop_name or ""
                )
            )
        elif self.edit.text().strip():
            self.hint.setText(
                QCoreApplication.translate(
                    "VenuePicker", "Not chosen yet: pick a shop from the list, or clear the box"
                )
            )
        else:
            self.hint.setText(
                QCoreApplication.translate(
                    "VenuePicker", "Type a shop name, pinyin or initials and pick from the list"
                )
            )

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(
            QCoreApplication.translate("VenuePicker", "Search shops: 鑫旺, xinwang, xw …")
        )
        self._update_hint()


class ProductChecklist(QListWidget):
    """The products shown at an event: a checkable list of ``store.products``."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("products")
        self._loading = False
        self.itemChanged.connect(self._changed)

    def set_products(self, products: Sequence[Product], checked: Sequence[str] = ()) -> None:
        self._loading = True
        try:
            self.clear()
            for p in products:
                text = p.name + (f"  ({p.unit})" if p.unit else "")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if p.id in checked else Qt.CheckState.Unchecked
                )
                self.addItem(item)
        finally:
            self._loading = False

    def set_checked(self, ids: Sequence[str]) -> None:
        self._loading = True
        try:
            for i in range(self.count()):
                item = self.item(i)
                on = item.data(Qt.ItemDataRole.UserRole) in ids
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._loading = False

    def checked_ids(self) -> list[str]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def check(self, product_id: str, on: bool = True) -> None:
        """Tick (or untick) one product as a click would."""
        for i in range(self.count()):
            item = self.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == product_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _changed(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            self.edited.emit()


# --------------------------------------------------------------------------- the calendars


@dataclass(frozen=True)
class _Item:
    """Something drawn on a calendar: an event block or chip, or a "+N more" note."""

    rect: QRectF
    day: date
    event: ve.EventRow | None
    more: int = 0


def _days_of(event: ve.EventRow) -> list[date]:
    """Local days an event touches (an event ending at midnight does not touch the next)."""
    a, b = to_local(event.starts_at), to_local(event.ends_at)
    last = (b - timedelta(microseconds=1)).date() if b > a else a.date()
    days: list[date] = []
    d = a.date()
    while d <= last and len(days) < 62:
        days.append(d)
        d += timedelta(days=1)
    return days


def first_weekday() -> int:
    """Python weekday (Monday 0) the current locale starts its week on."""
    return int(QLocale().firstDayOfWeek().value) - 1


def week_start(day: date) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday()) % 7)


class CalendarView(QWidget):
    """Shared behaviour of the month and week views: selection, keys, tooltips, opening.

    Subclasses lay out ``_Item``s and paint them. Texts use explicit contexts (a
    subclass's ``tr`` would look in its own context).
    """

    #: Open an event (its id).
    openEvent = Signal(str)
    #: Plan a new event on a day (a ``date``) at an hour (int, or None).
    newEventAt = Signal(object, object)
    #: The selected day moved (a ``date``); the page may need to move the period.
    daySelected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.events: list[ve.EventRow] = []
        self.selected = business_today()
        self.today = business_today()
        self._by_day: dict[date, list[ve.EventRow]] = {}

    # ------------------------------------------------------------------ data

    def set_events(self, events: Sequence[ve.EventRow], selected: date, today: date) -> None:
        self.events = list(events)
        self.selected = selected
        self.today = today
        self._by_day = {}
        for e in sorted(self.events, key=lambda e: (e.starts_at, e.title, e.id)):
            for d in _days_of(e):
                self._by_day.setdefault(d, []).append(e)
        self.update()

    def events_on(self, day: date) -> list[ve.EventRow]:
        return list(self._by_day.get(day, []))

    def days(self) -> list[date]:
        """The days shown, in order."""
        raise NotImplementedError

    def items(self) -> list[_Item]:
        """What is drawn now and where (also what a click hits)."""
        raise NotImplementedError

    def day_at(self, pos: QPointF) -> date | None:
        raise NotImplementedError

    def hour_at(self, pos: QPointF) -> int | None:
        return None

    def shown_event_ids(self, day: date) -> list[str]:
        """Ids of the events drawn in ``day``'s cell or column."""
        return [i.event.id for i in self.items() if i.day == day and i.event is not None]

    def item_at(self, pos: QPointF) -> _Item | None:
        for item in self.items():
            if item.rect.contains(pos):
                return item
        return None

    def rect_of(self, event_id: str, day: date | None = None) -> QRectF | None:
        for item in self.items():
            if (
                item.event is not None
                and item.event.id == event_id
                and (day is None or item.day == day)
            ):
                return item.rect
        return None

    # ------------------------------------------------------------------ input

    def select(self, day: date) -> None:
        if day != self.selected:
            self.selected = day
            self.update()
        self.daySelected.emit(day)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position())
        if day is not None:
            self.select(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.item_at(event.position())
        if item is not None and item.event is not None:
            self.openEvent.emit(item.event.id)
            return
        if item is not None and item.more:
            self.open_day(item.day)
            return
        day = self.day_at(event.position())
        if day is not None:
            self.newEventAt.emit(day, self.hour_at(event.position()))

    def step_keys(self) -> dict[int, int]:
        """Days to move the selection for arrow keys."""
        return {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = self.step_keys()
        if key in steps:
            self.select(self.selected + timedelta(days=steps[key]))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_day(self.selected)
            return
        super().keyPressEvent(event)

    def open_day(self, day: date) -> None:
        """Enter on a day: open its event; with several, pick from a menu; with none, plan one."""
        events = self.events_on(day)
        if not events:
            self.newEventAt.emit(day, None)
            return
        if len(events) == 1:
            self.openEvent.emit(events[0].id)
            return
        menu = QMenu(self)
        menu.setObjectName("dayEventsMenu")
        for e in events:
            action = menu.addAction(local_fmt(to_local(e.starts_at), "HH:mm") + "  " + e.title)
            action.setData(e.id)
        area = self.rect_of(events[0].id, day)
        where = area.topLeft().toPoint() if area is not None else QPoint(0, 0)
        chosen = menu.exec(self.mapToGlobal(where))
        if chosen is not None and chosen.data():
            self.openEvent.emit(chosen.data())

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            item = self.item_at(QPointF(e.pos()))
            if item is not None and item.event is not None:
                QToolTip.showText(e.globalPos(), tooltip_of(item.event), self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    # ------------------------------------------------------------------ painting helpers

    def _paint_block(
        self, p: QPainter, rect: QRectF, e: ve.EventRow, lines: Sequence[str], *, compact: bool
    ) -> None:
        color = kind_color(e.kind, e.status)
        fill = QColor(color)
        fill.setAlpha(34 if e.status != EventStatus.DONE else 22)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(rect, 3, 3)
        p.setBrush(color)
        p.drawRect(QRectF(rect.left(), rect.top(), 3, rect.height()))
        font = QFont(self.font())
        font.setPixelSize(12)
        font.setStrikeOut(e.status == EventStatus.CANCELLED)
        p.setFont(font)
        fm = QFontMetrics(font)
        text_rect = rect.adjusted(6, 1, -3, -1)
        p.setPen(QColor("#22313f") if e.status != EventStatus.CANCELLED else CANCELLED_COLOR)
        if compact:
            text = fm.elidedText(
                " ".join(lines), Qt.TextElideMode.ElideRight, int(text_rect.width())
            )
            p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            return
        y = text_rect.top()
        line_h = fm.lineSpacing()
        for n, line in enumerate(lines):
            if y + line_h > text_rect.bottom() + 2:
                break
            bold = QFont(font)
            bold.setBold(n == 0)
            p.setFont(bold)
            shown = QFontMetrics(bold).elidedText(
                line, Qt.TextElideMode.ElideRight, int(text_rect.width())
            )
            p.drawText(QRectF(text_rect.left(), y, text_rect.width(), line_h), shown)
            y += line_h


class MonthView(CalendarView):
    """Six weeks around a month; each day lists its events as small chips."""

    HEADER = 26
    CHIP = 19

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthView")
        self.month = business_today().replace(day=1)
        self.setMinimumSize(560, 360)

    def set_month(self, month: date) -> None:
        self.month = month.replace(day=1)
        self.update()

    def days(self) -> list[date]:
        first = week_start(self.month)
        return [first + timedelta(days=n) for n in range(42)]

    def _cell(self, index: int) -> QRectF:
        w = self.width() / 7
        h = (self.height() - self.HEADER) / 6
        row, col = divmod(index, 7)
        return QRectF(col * w, self.HEADER + row * h, w, h)

    def day_at(self, pos: QPointF) -> date | None:
        if pos.y() < self.HEADER or not self.rect().contains(pos.toPoint()):
            return None
        w = self.width() / 7
        h = (self.height() - self.HEADER) / 6
        col = min(int(pos.x() // w), 6)
        row = min(int((pos.y() - self.HEADER) // h), 5)
        return self.days()[row * 7 + col]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            delta = -1 if event.key() == Qt.Key.Key_PageUp else 1
            self.select(add_months(self.selected, delta))
            return
        super().keyPressEvent(event)

    def items(self) -> list[_Item]:
        out: list[_Item] = []
        for index, day in enumerate(self.days()):
            cell = self._cell(index)
            events = self._by_day.get(day, [])
            if not events:
                continue
            top = cell.top() + 22
            room = int((cell.bottom() - 2 - top) // (self.CHIP + 2))
            room = max(room, 1)
            shown = events if len(events) <= room else events[: max(room - 1, 0)]
            y = top
            for e in shown:
                out.append(_Item(QRectF(cell.left() + 3, y, cell.width() - 6, self.CHIP), day, e))
                y += self.CHIP + 2
            if len(shown) < len(events):
                rest = len(events) - len(shown)
                out.append(
                    _Item(QRectF(cell.left() + 3, y, cell.width() - 6, self.CHIP), day, None, rest)
                )
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        font.setPixelSize(12)
        p.setFont(font)
        locale = QLocale()
        w = self.width() / 7
        # Weekday names in the interface language, starting on the locale's first day.
        for col in range(7):
            weekday = (first_weekday() + col) % 7 + 1
            p.setPen(QColor("#5d6d7e"))
            p.drawText(
                QRectF(col * w, 0, w, self.HEADER),
                Qt.AlignmentFlag.AlignCenter,
                locale.dayName(weekday, QLocale.FormatType.ShortFormat),
            )
        for index, day in enumerate(self.days()):
            cell = self._cell(index)
            in_month = day.month == self.month.month
            if day == self.selected:
                p.fillRect(cell, QColor("#eaf2fd"))
            elif not in_month:
                p.fillRect(cell, QColor("#f6f7f9"))
            p.setPen(QPen(QColor("#dde2e8"), 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(cell)
            number = QRectF(cell.left() + 4, cell.top() + 2, 22, 18)
            bold = QFont(font)
            bold.setBold(day == self.today)
            p.setFont(bold)
            if day == self.today:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor("#2f80ed"))
                p.drawEllipse(number.adjusted(1, 0, -1, 0))
                p.setPen(QColor("white"))
            else:
                p.setPen(QColor("#22313f") if in_month else QColor("#a0a9b4"))
            p.drawText(number, Qt.AlignmentFlag.AlignCenter, str(day.day))
            p.setFont(font)
        if self.hasFocus():
            for index, day in enumerate(self.days()):
                if day == self.selected:
                    p.setPen(QPen(QColor("#2f80ed"), 2))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRect(self._cell(index).adjusted(1, 1, -1, -1))
        for item in self.items():
            if item.event is not None:
                e = item.event
                start = to_local(e.starts_at)
                when = local_fmt(start, "HH:mm") if start.date() == item.day else "…"
                self._paint_block(p, item.rect, e, [when, e.title], compact=True)
            else:
                p.setFont(font)
                p.setPen(QColor("#2f80ed"))
                p.drawText(
                    item.rect.adjusted(6, 0, 0, 0),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    QCoreApplication.translate("CalendarView", "+%1 more").replace(
                        "%1", str(item.more)
                    ),
                )
        p.end()


class WeekView(CalendarView):
    """Seven day columns with events as blocks placed by their Beijing time."""

    HEADER = 40
    GUTTER = 48

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekView")
        self.first = week_start(business_today())
        self.setMinimumSize(560, 360)

    def set_week(self, any_day: date) -> None:
        self.first = week_start(any_day)
        self.update()

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range(7)]

    def step_keys(self) -> dict[int, int]:
        return {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            delta = -7 if event.key() == Qt.Key.Key_PageUp else 7
            self.select(self.selected + timedelta(days=delta))
            return
        super().keyPressEvent(event)

    def hours(self) -> tuple[int, int]:
        """First and last hour shown: 08–22 at least, widened to fit the week's events."""
        first, last = 8, 22
        for e in self.events:
            a, b = to_local(e.starts_at), to_local(e.ends_at)
            if a.date() >= self.first:
                first = min(first, a.hour)
            if b.date() < self.first + timedelta(days=7):
                last = max(last, b.hour + (1 if b.minute else 0))
            else:
                last = 24
            if a.date() < self.first:
                first = 0
        return first, min(last, 24)

    def _column(self, index: int) -> QRectF:
        w = (self.width() - self.GUTTER) / 7
        return QRectF(self.GUTTER + index * w, self.HEADER, w, self.height() - self.HEADER)

    def _y(self, hours: float) -> float:
        first, last = self.hours()
        span = max(last - first, 1)
        return self.HEADER + (hours - first) * (self.height() - self.HEADER - 1) / span

    def day_at(self, pos: QPointF) -> date | None:
        if pos.x() < self.GUTTER or not self.rect().contains(pos.toPoint()):
            return None
        w = (self.width() - self.GUTTER) / 7
        col = min(int((pos.x() - self.GUTTER) // w), 6)
        return self.days()[col]

    def hour_at(self, pos: QPointF) -> int | None:
        if pos.y() < self.HEADER:
            return None
        first, last = self.hours()
        per_hour = (self.height() - self.HEADER - 1) / max(last - first, 1)
        return min(int(first + (pos.y() - self.HEADER) // per_hour), 23)

    def items(self) -> list[_Item]:
        out: list[_Item] = []
        first_hour, _ = self.hours()
        for index, day in enumerate(self.days()):
            column = self._column(index)
            spans = []
            midnight = datetime.combine(day, time())
            for e in self._by_day.get(day, []):
                a = max(to_local(e.starts_at), midnight)
                b = min(to_local(e.ends_at), midnight + timedelta(days=1))
                spans.append((a, b, e))
            # Side by side where events overlap: greedy lanes within each cluster.
            clusters: list[list[tuple[datetime, datetime, ve.EventRow, int]]] = []
            cluster_end: datetime | None = None
            for a, b, e in sorted(spans, key=lambda s: (s[0], s[1])):
                if cluster_end is None or a >= cluster_end:
                    clusters.append([])
                    cluster_end = b
                lanes_end: list[datetime] = []
                for _, end_, _, lane in clusters[-1]:
                    while len(lanes_end) <= lane:
                        lanes_end.append(end_)
                    lanes_end[lane] = max(lanes_end[lane], end_)
                lane = next((n for n, end_ in enumerate(lanes_end) if end_ <= a), len(lanes_end))
                clusters[-1].append((a, b, e, lane))
                cluster_end = max(cluster_end, b)
            for cluster in clusters:
                lanes = max(lane for *_, lane in cluster) + 1
                lane_w = (column.width() - 6) / lanes
                for a, b, e, lane in cluster:
                    top = self._y(a.hour + a.minute / 60 + (a - midnight).days * 24)
                    end_h = (b - midnight).total_seconds() / 3600
                    bottom = self._y(end_h)
                    top = max(top, self._y(first_hour))
                    rect = QRectF(
                        column.left() + 3 + lane * lane_w,
                        top + 1,
                        lane_w - 2,
                        max(bottom - top - 2, 18),
                    )
                    out.append(_Item(rect, day, e))
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        font.setPixelSize(12)
        p.setFont(font)
        first, last = self.hours()
        locale = QLocale()
        for index, day in enumerate(self.days()):
            column = self._column(index)
            if day == self.selected:
                p.fillRect(column, QColor("#eaf2fd"))
            head = QRectF(column.left(), 0, column.width(), self.HEADER)
            p.setPen(QColor("#2f80ed") if day == self.today else QColor("#5d6d7e"))
            p.setFont(font)
            p.drawText(
                QRectF(head.left(), 2, head.width(), 16),
                Qt.AlignmentFlag.AlignCenter,
                locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat),
            )
            big = QFont(font)
            big.setPixelSize(15)
            big.setBold(True)
            p.setFont(big)
            p.setPen(QColor("#2f80ed") if day == self.today else QColor("#22313f"))
            p.drawText(
                QRectF(head.left(), 18, head.width(), 20),
                Qt.AlignmentFlag.AlignCenter,
                local_fmt(day, "M/d") if day.day == 1 or index == 0 else str(day.day),
            )
            p.setFont(font)
        p.setPen(QPen(QColor("#e6e9ee"), 1))
        for hour in range(first, last + 1):
            y = self._y(hour)
            p.setPen(QPen(QColor("#e6e9ee"), 1))
            p.drawLine(QPointF(self.GUTTER, y), QPointF(self.width(), y))
            if hour < last:
                p.setPen(QColor("#8795a1"))
                p.drawText(
                    QRectF(0, y - 1, self.GUTTER - 6, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    f"{hour:02d}:00",
                )
        p.setPen(QPen(QColor("#dde2e8"), 1))
        for index in range(8):
            x = self.GUTTER + index * (self.width() - self.GUTTER) / 7
            p.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        p.drawLine(QPointF(0, self.HEADER), QPointF(self.width(), self.HEADER))
        if self.hasFocus() and self.selected in self.days():
            p.setPen(QPen(QColor("#2f80ed"), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self._column(self.days().index(self.selected)).adjusted(1, 1, -1, -1))
        for item in self.items():
            e = item.event
            if e is None:
                continue
            a, b = to_local(e.starts_at), to_local(e.ends_at)
            lines = [local_fmt(a, "HH:mm") + "–" + local_fmt(b, "HH:mm"), e.title]
            if e.venue:
                lines.append(e.venue)
            if e.capacity:
                over = " ⚠" if e.expected > e.capacity else ""
                lines.append(f"{e.expected}/{e.capacity}{over}")
            self._paint_block(p, item.rect, e, lines, compact=item.rect.height() < 30)
        p.end()


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it has fewer days)."""
    n = day.year * 12 + day.month - 1 + months
    year, month = divmod(n, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


# --------------------------------------------------------------------------- list rows


class ListRow:
    """An event row for the list model: the query row plus ``when`` (start and end)."""

    __slots__ = ("row",)

    def __init__(self, row: ve.EventRow) -> None:
        self.row = row

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)

    @property
    def when(self) -> tuple[datetime, datetime]:
        return (self.row.starts_at, self.row.ends_at)


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("when", QT_TRANSLATE_NOOP("Columns", "Date and time"), "starts_at", fmt_when),
    Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), "kind", label),
    Column("title", QT_TRANSLATE_NOOP("Columns", "Title"), "title"),
    Column("venue", QT_TRANSLATE_NOOP("Columns", "Venue"), "venue"),
    Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), "status", label),
    Column("capacity", QT_TRANSLATE_NOOP("Columns", "Places"), "capacity", fmt_count, True),
    Column("invited", QT_TRANSLATE_NOOP("Columns", "Invited"), "invited", fmt_count, True),
    Column("confirmed", QT_TRANSLATE_NOOP("Columns", "Confirmed"), "confirmed", fmt_count, True),
    Column("attended", QT_TRANSLATE_NOOP("Columns", "Attended"), "attended", fmt_count, True),
)


# --------------------------------------------------------------------------- the page


class EventsPage(Page):
    page_id = "events"
    title_source = QT_TRANSLATE_NOOP("MainWindow", "Events")

    MONTH, WEEK, LIST = 0, 1, 2
    AGENDA_WIDTH = 270

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.anchor: date = ctx.today()
        self._stale = True
        self.dialog: NewEventDialog | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.setSpacing(8)

        # Row 1: period navigation, view switch, new event.
        self.period_bar = bar = PeriodBar()
        self.prev_button = bar.prev_button
        self.today_button = bar.today_button
        self.next_button = bar.next_button
        self.period_label = bar.period_label
        self.view_buttons = bar.view_buttons
        self.month_button = bar.month_button
        self.week_button = bar.week_button
        self.list_button = bar.list_button
        self.new_button = bar.new_button
        outer.addWidget(self.period_bar)

        # Row 2: filters.
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("eventSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setMaximumWidth(320)
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.mine = ScopeSwitch(ctx)  # a rep's own events, or the whole team's
        self.summary = QLabel()
        self.summary.setObjectName("eventsSummary")
        theme.set_role(self.summary, "muted")
        filters.addWidget(self.search)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.mine)
        filters.addStretch(1)
        filters.addWidget(self.summary)
        outer.addLayout(filters)

        # The views: calendar (month or week) with the day's agenda, or the list.
        self.stack = QStackedWidget()
        self.stack.setObjectName("eventViews")
        self.month_view = MonthView()
        self.week_view = WeekView()
        self.calendar_stack = QStackedWidget()
        self.calendar_stack.addWidget(self.month_view)
        self.calendar_stack.addWidget(self.week_view)
        calendar_page = QWidget()
        cal_row = QHBoxLayout(calendar_page)
        cal_row.setContentsMargins(0, 0, 0, 0)
        cal_row.setSpacing(10)
        cal_row.addWidget(self.calendar_stack, 1)
        side = DayAgenda(self.AGENDA_WIDTH)
        self.agenda_title = side.agenda_title
        self.agenda = side.agenda
        self.agenda_new = side.agenda_new
        self.legend = side.legend
        self.day_agenda = side
        cal_row.addWidget(side)
        self.stack.addWidget(calendar_page)

        self.model = QueryTableModel(EVENT_COLUMNS, self._fetch, self._count, parent=self)
        self.table = QTableView()
        self.table.setObjectName("eventTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setSortingEnabled(True)
        for col, width in enumerate((210, 90, 300, 190, 80, 70, 76, 76, 76)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(4, status_delegate(self.table))
        self.table_empty = EmptyState("eventsEmpty", action=lambda: self.new_event(), icon="event")
        self.stack.addWidget(EmptyStack(self.table, self.table_empty))
        outer.addWidget(self.stack, 1)

        # Wiring.
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.view_buttons.idClicked.connect(self.set_view)
        self.new_button.clicked.connect(lambda: self.new_event())
        self.agenda_new.clicked.connect(lambda: self.new_event(self.anchor))
        self.search.textChanged.connect(lambda _t: self.reload())
        self.kind_filter.activated.connect(lambda _i: self.reload())
        self.status_filter.activated.connect(lambda _i: self.reload())
        self.mine.changed.connect(lambda _mine: self.reload())
        for view in (self.month_view, self.week_view):
            view.openEvent.connect(self.open_event)
            view.newEventAt.connect(self.new_event)
            view.daySelected.connect(self._day_selected)
        # Double-click and Enter open (not "activated": it would fire on top of these).
        self.table.doubleClicked.connect(self._open_index)
        self.agenda.itemDoubleClicked.connect(self._open_agenda_item)
        self.table.installEventFilter(self)
        self.agenda.installEventFilter(self)
        ctx.signals.changed.connect(self._table_changed)

        self.retranslate()

    # ------------------------------------------------------------------ filters and queries

    def filters(self) -> dict[str, Any]:
        status = self.status_filter.currentData()
        return {
            "kind": self.kind_filter.currentData(),
            "status": None if status is None else status.split(","),
            "rep_id": self.mine.rep_id(),
            "text": self.search.text().strip() or None,
        }

    def _fetch(self, order: str | None, desc: bool, limit: int, offset: int) -> list[ListRow]:
        rows = ve.event_rows(
            self.ctx.store.db,
            order_by=order or "starts_at",
            descending=desc if order else True,
            limit=limit,
            offset=offset,
            **self.filters(),
        )
        return [ListRow(r) for r in rows]

    def _count(self) -> int:
        return ve.event_count(self.ctx.store.db, **self.filters())

    def view(self) -> int:
        return self.view_buttons.checkedId()

    def period(self) -> tuple[date, date]:
        """First day and the day after the last of what the calendar shows."""
        if self.view() == self.WEEK:
            first = week_start(self.anchor)
            return first, first + timedelta(days=7)
        days = self.month_view.days()
        return days[0], days[-1] + timedelta(days=1)

    # ------------------------------------------------------------------ navigation

    def set_view(self, view: int) -> None:
        button = self.view_buttons.button(view)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        self.stack.setCurrentIndex(1 if view == self.LIST else 0)
        self.calendar_stack.setCurrentIndex(1 if view == self.WEEK else 0)
        calendar_mode = view != self.LIST
        for w in (self.prev_button, self.next_button, self.today_button):
            w.setEnabled(calendar_mode)
        self.reload()

    def step(self, direction: int) -> None:
        if self.view() == self.WEEK:
            self.anchor += timedelta(days=7 * direction)
        else:
            self.anchor = add_months(self.anchor, direction)
        self.reload()

    def go_today(self) -> None:
        self.anchor = self.ctx.today()
        self.reload()

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.reload()

    def _day_selected(self, day: date) -> None:
        first, after = self.period()
        moved = not (first <= day < after)
        if self.view() == self.MONTH and (day.year, day.month) != (
            self.anchor.year,
            self.anchor.month,
        ):
            moved = True
        self.anchor = day
        if moved:
            self.reload()
        else:
            self._fill_agenda()

    # ------------------------------------------------------------------ loading

    def open(self, arg: object = None) -> None:
        if isinstance(arg, date):
            self.anchor = arg
        self.reload()

    def refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Query what the current view shows, then draw it."""
        self._stale = False
        if self.view() == self.LIST:
            self.model.reload()
        else:
            self.month_view.set_month(self.anchor)
            self.week_view.set_week(self.anchor)
            first, after = self.period()
            events = ve.events_between(
                self.ctx.store.db, start=day_start(first), end=day_start(after), **self.filters()
            )
            shown = self.week_view if self.view() == self.WEEK else self.month_view
            shown.set_events(events, self.anchor, self.ctx.today())
        self._render()

    def _render(self) -> None:
        """Period title, summary and agenda from what was queried (no store access, so a
        language switch only re-labels)."""
        view = self.view()
        if view == self.LIST:
            self._update_summary(self.model.total())
            self.period_label.setText(self.tr("All events"))
            return
        first, after = self.period()
        if view == self.WEEK:
            self.period_label.setText(
                self.tr("%1 – %2")
                .replace("%1", local_fmt(first, self.tr("d MMM")))
                .replace("%2", local_fmt(after - timedelta(days=1), self.tr("d MMM yyyy")))
            )
            in_period = self.week_view.events
        else:
            self.period_label.setText(local_fmt(self.anchor, self.tr("MMMM yyyy")))
            month_first = self.anchor.replace(day=1)
            month_after = add_months(month_first, 1)
            in_period = [
                e
                for e in self.month_view.events
                if to_local(e.starts_at).date() < month_after
                and to_local(e.ends_at).date() >= month_first
            ]
        self._update_summary(len(in_period))
        self._fill_agenda()

    def _update_summary(self, n: int) -> None:
        view = self.view()
        # Plurals through Qt's %n: "1 event this week", "2 events this week".
        if view == self.LIST:
            text = self.tr("%n events", "", n)
        elif view == self.WEEK:
            text = self.tr("%n events this week", "", n)
        else:
            text = self.tr("%n events this month", "", n)
        self.summary.setText(text)

    def _fill_agenda(self) -> None:
        view = self.week_view if self.view() == self.WEEK else self.month_view
        self.day_agenda.fill(self.anchor, view.events_on(self.anchor))

    def _table_changed(self, table: str) -> None:
        if table in ("events", "event_products", "invitations", "shops"):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    # ------------------------------------------------------------------ actions

    def open_event(self, event_id: str) -> None:
        self.ctx.go("event", event_id)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.open_event(row.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if watched is self.table:
                self._open_index(self.table.currentIndex())
                return True
            if watched is self.agenda:
                item = self.agenda.currentItem()
                if item is not None:
                    self._open_agenda_item(item)
                return True
        return super().eventFilter(watched, event)

    def _open_agenda_item(self, item: QListWidgetItem) -> None:
        event_id = item.data(Qt.ItemDataRole.UserRole)
        if event_id:
            self.open_event(event_id)

    def new_event(self, day: date | None = None, hour: int | None = None) -> NewEventDialog:
        """Open the "New event" dialog (on ``day`` at ``hour`` when given); return it."""
        dialog = NewEventDialog(self.ctx, day or self.anchor, hour, parent=self)
        dialog.created.connect(self._created)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _created(self, event_id: str) -> None:
        self.reload()
        self.open_event(event_id)

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.period_bar.retranslate()
        self.table_empty.set_texts(
            self.tr("No events match. Plan a tasting or a scene event for your KOCs."),
            self.tr("New event"),
        )
        self.search.setPlaceholderText(self.tr("Search title or venue"))
        refill_combo(
            self.kind_filter,
            [(self.tr("All kinds"), None), *((label(k), str(k)) for k in EventKind)],
        )
        refill_combo(
            self.status_filter,
            [
                (self.tr("All statuses"), None),
                (self.tr("Not cancelled"), "planned,confirmed,done"),
                *((label(s), str(s)) for s in EventStatus),
            ],
        )
        self.day_agenda.retranslate()
        self.model.retranslate()
        self._render()
        self.month_view.update()
        self.week_view.update()


# --------------------------------------------------------------------------- new event


def follow_start(form: Form, edited: str, duration: timedelta) -> timedelta:
    """Keep an event's length when its start moves, as calendars do; return the length.

    Moving the start moves the end with it; changing the end to after the start sets a
    new length. Used by the new-event dialog and the event page alike.
    """
    if edited == "starts_at":
        start: datetime | None = form.value("starts_at")
        if start is not None and duration > timedelta(0):
            form.set_values({"ends_at": start + duration})
            form.check()
    elif edited == "ends_at":
        start = form.value("starts_at")
        end: datetime | None = form.value("ends_at")
        if start is not None and end is not None and end > start:
            return end - start
    return duration


class NewEventDialog(QDialog):
    """Plan a new tasting or scene event; warns about double bookings; saves on OK."""

    #: The new event was saved (its id).
    created = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        day: date,
        hour: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("newEventDialog")
        self.setModal(True)
        self.event_id: str | None = None
        self._duration = timedelta(hours=3)

        self.form = Form(Event, "NewEventDialog", base=self._base)
        self.form.setObjectName("newEventForm")
        form = self.form
        form.add_choice("kind", QT_TRANSLATE_NOOP("NewEventDialog", "Kind"), EventKind)
        title = form.add_line(
            "title",
            QT_TRANSLATE_NOOP("NewEventDialog", "Title"),
            placeholder=QT_TRANSLATE_NOOP("NewEventDialog", "e.g. Golden ten-year tasting dinner"),
        )
        self.venue = VenuePicker(ctx.store)
        self.venue_label = QLabel()
        self.venue_label.setBuddy(self.venue.edit)
        layout = form.layout()
        assert isinstance(layout, QFormLayout)
        layout.addRow(self.venue_label, self.venue)
        form.add_line(
            "venue_note",
            QT_TRANSLATE_NOOP("NewEventDialog", "Venue note"),
            placeholder=QT_TRANSLATE_NOOP(
                "NewEventDialog", "Private room, or a place that is no shop"
            ),
        )
        form.add_datetime(
            "starts_at", QT_TRANSLATE_NOOP("NewEventDialog", "Starts"), optional=False
        )
        form.add_datetime("ends_at", QT_TRANSLATE_NOOP("NewEventDialog", "Ends"), optional=False)
        form.add_int(
            "capacity",
            QT_TRANSLATE_NOOP("NewEventDialog", "Places"),
            minimum=1,
            maximum=100000,
            optional=True,
        )
        form.add_money("budget", QT_TRANSLATE_NOOP("NewEventDialog", "Budget (yuan)"))
        form.add_text("notes", QT_TRANSLATE_NOOP("NewEventDialog", "Notes"), lines=3)
        self.products_label = QLabel()
        self.products_label.setObjectName("productsLabel")
        self.products = ProductChecklist()
        self.products.set_products(ctx.store.products.list(order_by="name"))
        self.products.setMinimumHeight(160)

        self.warning = make_warning_label("overlapWarning")
        self.save_error = QLabel()
        self.save_error.setObjectName("saveError")
        self.save_error.setStyleSheet(ERROR_STYLE)
        self.save_error.setWordWrap(True)
        self.save_error.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("dialogButtons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(form)
        left.addStretch(1)
        columns.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.products_label)
        right.addWidget(self.products, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(columns)
        outer.addWidget(self.warning)
        outer.addWidget(self.save_error)
        outer.addWidget(self.buttons)

        start = datetime.combine(day, time(hour if hour is not None else 18, 0))
        form.set_values(
            {
                "kind": EventKind.TASTING,
                "capacity": None,
                "budget": None,
                "starts_at": local_to_utc(start),
                "ends_at": local_to_utc(start + self._duration),
            }
        )
        form.edited.connect(self._edited)
        self.venue.changed.connect(self.update_warnings)
        title.setFocus()
        self._overlaps: list[ve.Overlap] = []
        self.retranslate()
        self.update_warnings()
        self.resize(860, 560)

    def _base(self) -> dict[str, Any]:
        return {"venue_shop_id": self.venue.shop_id, "rep_id": self.ctx.store.user_id}

    def _edited(self, name: str) -> None:
        self._duration = follow_start(self.form, name, self._duration)
        if name in ("starts_at", "ends_at"):
            self.update_warnings()

    def values(self) -> dict[str, Any]:
        return {**self.form.values(), **self._base()}

    def overlaps(self) -> list[ve.Overlap]:
        start, end = self.form.value("starts_at"), self.form.value("ends_at")
        if start is None or end is None or end <= start:
            return []
        return ve.overlapping_events(
            self.ctx.store.db,
            starts_at=start,
            ends_at=end,
            rep_id=self.ctx.store.user_id,
            venue_shop_id=self.venue.shop_id,
        )

    def update_warnings(self) -> None:
        self._overlaps = self.overlaps()
        self._show_warnings()

    def _show_warnings(self) -> None:
        show_warning(self.warning, overlap_text(self._overlaps, self.venue.shop_name))

    def save(self) -> bool:
        """Validate and save the event with its products; False (nothing saved) on errors."""
        self.save_error.hide()
        errors = self.form.check()
        if self.venue.edit.text().strip() and self.venue.shop_id is None:
            self.save_error.setText(self.tr("Pick the venue shop from the list, or clear it."))
            self.save_error.show()
            self.venue.edit.setFocus()
            return False
        if errors:
            self.form.editor(errors[0].field).setFocus()
            return False
        data = self.values()
        store = self.ctx.store
        try:
            with store.transaction():
                event = store.events.create(**data)
                for product_id in self.products.checked_ids():
                    store.event_products.create(event_id=event.id, product_id=product_id)
        except ValidationError as exc:
            self.form.show_errors([e for e in exc.errors if e.field in self.form.names()])
            self.save_error.setText(describe_save_error(exc))
            self.save_error.show()
            return False
        except FieldappError as exc:
            self.ctx.errors.show(exc)
            return False
        self.event_id = event.id
        self.ctx.notify("events", "event_products")
        self.accept()
        self.created.emit(event.id)
        return True

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New event"))
        self.venue_label.setText(self.tr("Venue shop"))
        self.products_label.setText(self.tr("Products to show"))
        self.venue.retranslate()
        self._show_warnings()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def describe_save_error(exc: ValidationError) -> str:
    from ..labels import field_error_text

    return "\n".join(field_error_text(e) for e in exc.errors)


__all__ = [
    "CANCELLED_COLOR",
    "KIND_COLORS",
    "EventsPage",
    "NewEventDialog",
    "day_start",
    "fmt_count",
    "fmt_span",
    "fmt_when",
    "kind_color",
    "local_fmt",
    "local_to_utc",
    "to_local",
    "tooltip_of",
]
