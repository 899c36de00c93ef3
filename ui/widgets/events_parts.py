"""The events page's parts: the bar that moves through periods and switches views, and
the day's agenda beside the calendar.

Threading: UI thread only.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.model import EventKind, EventStatus
from fieldapp.store import views_events as ve

from .. import icons, theme
from ..labels import label
from .event_time import kind_color, local_fmt, to_local, tooltip_of


class PeriodBar(QWidget):
    """Previous / Today / Next, the period's title, Month / Week / List, and New event."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        self.prev_button = QToolButton()
        self.prev_button.setObjectName("previousPeriod")
        self.prev_button.setIcon(icons.icon("previous"))
        self.today_button = QPushButton()
        self.today_button.setObjectName("todayButton")
        self.next_button = QToolButton()
        self.next_button.setObjectName("nextPeriod")
        self.next_button.setIcon(icons.icon("next"))
        for b in (self.prev_button, self.next_button):
            b.setFixedSize(QSize(34, 32))
            b.setIconSize(QSize(22, 22))
        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        theme.set_role(self.period_label, "section")
        top.addWidget(self.prev_button)
        top.addWidget(self.today_button)
        top.addWidget(self.next_button)
        top.addWidget(self.period_label)
        top.addStretch(1)
        self.view_buttons = QButtonGroup(self)
        self.view_buttons.setExclusive(True)
        self.month_button = QPushButton()
        self.month_button.setObjectName("monthButton")
        self.week_button = QPushButton()
        self.week_button.setObjectName("weekButton")
        self.list_button = QPushButton()
        self.list_button.setObjectName("listButton")
        for n, button in enumerate((self.month_button, self.week_button, self.list_button)):
            button.setCheckable(True)
            self.view_buttons.addButton(button, n)
            top.addWidget(button)
        self.month_button.setChecked(True)
        top.addSpacing(16)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newEventButton")
        theme.set_role(self.new_button, "primary")
        self.today_button.setIcon(icons.icon("today"))
        for button, action in (
            (self.month_button, "month"),
            (self.week_button, "week"),
            (self.list_button, "list"),
        ):
            button.setIcon(icons.icon(action))
        top.addWidget(self.new_button)

    def retranslate(self) -> None:
        self.today_button.setText(QCoreApplication.translate("EventsPage", "Today"))
        self.prev_button.setToolTip(QCoreApplication.translate("EventsPage", "Previous"))
        self.next_button.setToolTip(QCoreApplication.translate("EventsPage", "Next"))
        self.month_button.setText(QCoreApplication.translate("EventsPage", "Month"))
        self.week_button.setText(QCoreApplication.translate("EventsPage", "Week"))
        self.list_button.setText(QCoreApplication.translate("EventsPage", "List"))
        self.new_button.setText(QCoreApplication.translate("EventsPage", "+ New event"))


class DayAgenda(QFrame):
    """The chosen day's events beside the calendar, a "new event on this day" button and
    the colour legend."""

    def __init__(self, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPanel")
        self.width_px = width
        self.setFixedWidth(width)
        side_col = QVBoxLayout(self)
        side_col.setContentsMargins(0, 0, 0, 0)
        self.agenda_title = QLabel()
        self.agenda_title.setObjectName("agendaTitle")
        theme.set_role(self.agenda_title, "title")
        self.agenda = QListWidget()
        self.agenda.setObjectName("dayAgenda")
        self.agenda.setWordWrap(True)
        self.agenda.setSpacing(2)
        self.agenda_new = QPushButton()
        self.agenda_new.setObjectName("newOnDayButton")
        self.legend = QLabel()
        self.legend.setObjectName("legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)  # "Tasting event" is long in English
        side_col.addWidget(self.agenda_title)
        side_col.addWidget(self.agenda, 1)
        side_col.addWidget(self.agenda_new)
        side_col.addWidget(self.legend)

    def fill(self, day: date, events: Sequence[ve.EventRow]) -> None:
        """The events of ``day``, each with its time, title, venue and counts."""
        self.agenda_title.setText(
            local_fmt(day, QCoreApplication.translate("EventsPage", "dddd, d MMMM"))
        )
        self.agenda.clear()
        for e in events:
            a, b = to_local(e.starts_at), to_local(e.ends_at)
            when = local_fmt(a, "HH:mm") + "–" + local_fmt(b, "HH:mm") + "  " + label(e.kind)
            counts = (
                label(e.status)
                + " · "
                + QCoreApplication.translate("EventsPage", "invited %1, confirmed %2")
                .replace("%1", str(e.invited))
                .replace("%2", str(e.confirmed))
            )
            lines = [html.escape(when), "<b>" + html.escape(e.title) + "</b>"]
            if e.venue:
                lines.append(html.escape(e.venue))
            lines.append(html.escape(counts))
            # A word-wrapped label per event: the list's own item sizing elides long lines.
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setToolTip(tooltip_of(e))
            tint = QColor(kind_color(e.kind, e.status))
            tint.setAlpha(28)
            item.setBackground(QBrush(tint))
            text = QLabel("<br>".join(lines))
            text.setObjectName("agendaEntry")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setStyleSheet("background: transparent; padding: 4px 6px;")
            text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            width = self.width_px - 26  # room for the frame and a scroll bar
            text.setFixedWidth(width)
            text.ensurePolished()  # the style sheet's padding counts in the height
            item.setSizeHint(QSize(width, text.heightForWidth(width) + 6))
            self.agenda.addItem(item)
            self.agenda.setItemWidget(item, text)
        if not self.agenda.count():
            empty = QListWidgetItem(
                QCoreApplication.translate("EventsPage", "No events on this day")
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.agenda.addItem(empty)
        self.agenda_new.setText(QCoreApplication.translate("EventsPage", "New event on this day"))

    def retranslate(self) -> None:
        swatches = (
            (theme.KINDS["tasting"], label(EventKind.TASTING)),
            (theme.KINDS["scene"], label(EventKind.SCENE)),
            (theme.KINDS["banquet"], label(EventKind.BANQUET)),
            (theme.KIND_CANCELLED, label(EventStatus.CANCELLED)),
        )
        self.legend.setText(
            "&nbsp;&nbsp;".join(
                f"<span style='color:{colour}'>■</span> {html.escape(text)}"
                for colour, text in swatches
            )
        )
