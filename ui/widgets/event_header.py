"""The event page's header: back link, title with the kind and status pills, the save
state, a line of when, where, who and what, and the numbers (invited, confirmed,
attended, no-shows, places, attendance rate, average feedback, KOCs found).

``show_event`` fills it from what was read (no store access: a language switch only
re-labels); ``clear`` empties it for an event that no longer exists.
Threading: UI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.store import metrics, views_events as ve
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..back_link import BackLink
from ..context import AppContext
from ..labels import label
from .event_time import fmt_span, kind_color
from .record_header import RecordHeader
from .status_pill import StatusPill, state_of_status

#: The numbers in the header, in order.
STATS = (
    "invited",
    "confirmed",
    "attended",
    "noShow",
    "places",
    "attendanceRate",
    "avgFeedback",
    "kocsFound",
)


class StatTile(QFrame):
    """A number with a caption under it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "stat")
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 4, 10, 4)
        column.setSpacing(0)
        self.setMinimumWidth(72)
        self.value = QLabel("–")
        self.value.setObjectName(name + "Value")
        self.value.setMinimumWidth(56)
        theme.set_role(self.value, "section")
        self.caption = QLabel()
        theme.set_role(self.caption, "caption")
        column.addWidget(self.value)
        column.addWidget(self.caption)


class EventHeader(QWidget):
    """Who, when, where and how many, above the event's tabs."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventHeader")
        self.back_button = BackLink(ctx, "events", QT_TRANSLATE_NOOP("MainWindow", "Events"))
        self.record = RecordHeader(
            self.back_button, heading_name="eventTitle", subtitle_name="eventInfo"
        )
        self.title_label = self.record.heading
        self.info = self.record.subtitle
        self.save_state_label = self.record.save_state
        self.kind_pill = QLabel()
        self.kind_pill.setObjectName("kindPill")
        self.record.add_chip(self.kind_pill)
        self.status_pill = StatusPill("statusPill")
        self.record.add_chip(self.status_pill)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.record)
        stats = QHBoxLayout()
        stats.setSpacing(8)
        self.stats: dict[str, StatTile] = {}
        for name in STATS:
            stat = StatTile(name + "Stat")
            self.stats[name] = stat
            stats.addWidget(stat)
        stats.addStretch(1)
        column.addLayout(stats)

    def set_save_state(self, state: str) -> None:
        self.record.set_save_state(state)

    def clear(self) -> None:
        self.title_label.setText("")
        self.info.setText("")
        self.kind_pill.clear()
        self.status_pill.set_status(None, "")
        for stat in self.stats.values():
            stat.hide()

    def show_event(self, d: ve.EventDetail, outcome: metrics.EventOutcome | None) -> None:
        self.title_label.setText(d.title)
        # The kind's calendar colour (a category, not a state): white words on it.
        self.kind_pill.setText(label(d.kind))
        self.kind_pill.setStyleSheet(
            f"background: {kind_color(d.kind, d.status).name()}; color: {theme.ON_ACCENT};"
            f" border-radius: 10px; padding: 2px 10px; font-weight: 600;"
        )
        self.status_pill.set_status(state_of_status(d.status), label(d.status))
        parts = [fmt_span(d.starts_at, d.ends_at)]
        if d.venue_name:
            parts.append(d.venue_name + (" (" + d.venue_address + ")" if d.venue_address else ""))
        if d.venue_note:
            parts.append(d.venue_note)
        if d.rep_name:
            parts.append(self.tr("Rep: %1").replace("%1", d.rep_name))
        if d.products:
            parts.append(
                self.tr("Products: %1").replace("%1", "、".join(p.name for p in d.products))
            )
        self.info.setText(" · ".join(parts))
        o = outcome
        values = {
            "invited": str(d.invited),
            "confirmed": str(d.confirmed),
            "attended": str(d.attended),
            "noShow": str(d.no_show),
            "places": f"{d.expected} / {d.capacity}" if d.capacity is not None else str(d.expected),
            "attendanceRate": (
                "–" if o is None or o.attendance_rate is None else f"{o.attendance_rate:.0%}"
            ),
            "avgFeedback": "–" if o is None or o.avg_feedback is None else f"{o.avg_feedback:.1f}",
            "kocsFound": str(d.kocs_found if o is None else o.kocs_found),
        }
        for name, text in values.items():
            self.stats[name].value.setText(text)
            self.stats[name].show()

    def retranslate(self) -> None:
        self.record.set_save_state(self.record.state)
        captions = {
            "invited": self.tr("Invited"),
            "confirmed": self.tr("Confirmed"),
            "attended": self.tr("Attended"),
            "noShow": self.tr("No-show"),
            "places": self.tr("Expected / places"),
            "attendanceRate": self.tr("Attendance rate"),
            "avgFeedback": self.tr("Average feedback"),
            "kocsFound": self.tr("KOCs found"),
        }
        for name, text in captions.items():
            self.stats[name].caption.setText(text)
