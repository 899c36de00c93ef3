"""The event page's Details tab: the event's fields (kind, title, venue shop, venue note,
start and end, status, places, budget) validated as typed, the products to show, the
double-booking warning and the reason a save was refused. A past event (done or
cancelled, over before today) reads as a summary (``RecordSummary``) with its status pill
until "Edit details" brings the form back.

The tab shows and checks; the page saves (``EventPage.save``). ``edited`` names the field
typed in ("venue" for the venue shop, "products" for the products).
Threading: UI thread; ``update_overlap`` runs one indexed query.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.model import Event, EventKind, EventStatus, Product
from fieldapp.store import Store, orders, views_events as ve
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import icons, theme
from ..forms import Form
from ..numbers import Number
from ..pages.events import (
    ProductChecklist,
    VenuePicker,
    make_warning_label,
    overlap_text,
    show_warning,
)
from .event_time import to_local
from .record_summary import RecordSummary, form_rows


class EventDetails(QWidget):
    """The fields of one event, its products and the warnings about them."""

    #: The name of the field edited ("venue", "products" or a form field's name).
    edited = Signal(str)

    def __init__(
        self, store: Store, base: Callable[[], dict[str, Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventDetails")
        self.store = store
        self.overlaps: list[ve.Overlap] = []
        self.detail: ve.EventDetail | None = None
        #: The past event "Edit details" was pressed for (its form stays up).
        self.unlocked: str | None = None
        #: The form in use: a past event reads as a summary until "Edit details".
        self.editing = True
        self.editor = QWidget()
        self.editor.setObjectName("eventEditor")
        row = QHBoxLayout(self.editor)
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        self.form = Form(Event, "EventPage", base=base)
        self.form.setObjectName("eventForm")
        f = self.form
        f.add_choice("kind", QT_TRANSLATE_NOOP("EventPage", "Kind"), EventKind)
        f.add_line("title", QT_TRANSLATE_NOOP("EventPage", "Title"))
        self.venue = VenuePicker(store)
        self.venue_label = QLabel()
        self.venue_label.setBuddy(self.venue.edit)
        layout = f.layout()
        assert isinstance(layout, QFormLayout)
        layout.addRow(self.venue_label, self.venue)
        f.add_line(
            "venue_note",
            QT_TRANSLATE_NOOP("EventPage", "Venue note"),
            placeholder=QT_TRANSLATE_NOOP("EventPage", "Private room, or a place that is no shop"),
        )
        f.add_datetime("starts_at", QT_TRANSLATE_NOOP("EventPage", "Starts"), optional=False)
        f.add_datetime("ends_at", QT_TRANSLATE_NOOP("EventPage", "Ends"), optional=False)
        f.add_choice("status", QT_TRANSLATE_NOOP("EventPage", "Status"), EventStatus)
        f.add_int(
            "capacity",
            QT_TRANSLATE_NOOP("EventPage", "Places"),
            minimum=1,
            maximum=100000,
            optional=True,
            unusual=self._unusual_capacity,
        )
        f.add_money("budget", QT_TRANSLATE_NOOP("EventPage", "Budget (yuan)"))
        f.edited.connect(self.edited.emit)
        self.venue.changed.connect(lambda: self.edited.emit("venue"))
        left.addWidget(f)
        self.overlap_warning = make_warning_label("overlapWarning")
        left.addWidget(self.overlap_warning)
        self.save_error = QLabel()
        self.save_error.setObjectName("saveError")
        theme.set_role(self.save_error, "error")
        self.save_error.setWordWrap(True)
        self.save_error.hide()
        left.addWidget(self.save_error)
        left.addStretch(1)
        row.addLayout(left, 3)
        right = QVBoxLayout()
        self.products_label = QLabel()
        self.products = ProductChecklist()
        self.products.edited.connect(lambda: self.edited.emit("products"))
        right.addWidget(self.products_label)
        right.addWidget(self.products, 1)
        row.addSpacing(12)
        row.addLayout(right, 2)

        # A past event (done or cancelled, over before today) as a readable summary.
        self.summary_panel = QWidget()
        self.summary_panel.setObjectName("eventSummaryPanel")
        self.summary = RecordSummary("eventSummary")
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editEventDetails")
        self.edit_button.setIcon(icons.icon("edit"))
        self.edit_button.clicked.connect(self.start_editing)
        panel = QVBoxLayout(self.summary_panel)
        panel.setContentsMargins(theme.SPACE_M, theme.SPACE_S, theme.SPACE_M, theme.SPACE_S)
        panel.setSpacing(theme.SPACE_L)
        panel.addWidget(self.summary)
        panel.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        panel.addStretch(1)
        self.summary_panel.hide()
        outer = QVBoxLayout(self)
        outer.addWidget(self.editor, 1)
        outer.addWidget(self.summary_panel, 1)

    def _unusual_capacity(self, places: Number) -> Any:
        return orders.unusual_capacity(self.store, int(places))

    def fill(self, d: ve.EventDetail, products: list[Product], today: date) -> None:
        """Show ``d`` (the caller keeps its own edits from being marked): as a summary
        when it is past, unless "Edit details" was pressed for it."""
        self.form.set_values(
            {
                "kind": d.kind,
                "title": d.title,
                "venue_note": d.venue_note,
                "starts_at": d.starts_at,
                "ends_at": d.ends_at,
                "status": d.status,
                "capacity": d.capacity,
                "budget": d.budget,
            }
        )
        self.venue.set_shop(d.venue_shop_id, d.venue_name)
        self.products.set_products(products, [p.product_id for p in d.products])
        self.save_error.hide()
        if self.detail is None or self.detail.id != d.id:
            self.unlocked = None  # another event: "Edit details" was for the one before
        self.detail = d
        self.set_editing(not self.is_past(d, today) or self.unlocked == d.id)

    @staticmethod
    def is_past(d: ve.EventDetail, today: date) -> bool:
        """Over before ``today`` and done or cancelled: nothing left to plan."""
        return (
            d.status in (EventStatus.DONE, EventStatus.CANCELLED)
            and to_local(d.ends_at).date() < today
        )

    def set_editing(self, editing: bool) -> None:
        """The form (True) or the summary of what it holds (False)."""
        self.editing = editing
        self.editor.setVisible(editing)
        self.summary_panel.setVisible(not editing)
        if not editing:
            self.show_summary()

    def start_editing(self) -> None:
        self.unlocked = self.detail.id if self.detail is not None else None
        self.set_editing(True)
        self.form.editor("title").setFocus()

    def show_summary(self) -> None:
        d = self.detail
        rows = form_rows(self.form)
        venue = (self.venue_label.text(), self.venue.edit.text().strip())
        rows.insert(2, venue)  # after the title, where the form has it
        products = "、".join(p.name for p in d.products) if d is not None else ""
        rows.append((self.products_label.text(), products))
        self.summary.set_rows(rows)  # the status pill is the header's

    def write_products(self, store: Store, d: ve.EventDetail) -> None:
        """Link the products ticked and unlink the others (in the caller's transaction)."""
        wanted = set(self.products.checked_ids())
        have = {p.product_id: p.link_id for p in d.products}
        for product_id, link_id in have.items():
            if product_id not in wanted:
                store.event_products.delete(link_id)
        for product_id in sorted(wanted - set(have)):
            store.event_products.create(event_id=d.id, product_id=product_id)

    def show_error(self, text: str) -> None:
        self.save_error.setText(text)
        self.save_error.show()

    def venue_unpicked(self) -> bool:
        """A venue typed but not picked from the list (nothing to save it as)."""
        return bool(self.venue.edit.text().strip()) and self.venue.shop_id is None

    def update_overlap(self, d: ve.EventDetail | None) -> None:
        """Warn of the rep's or the venue's other events at the time on the form."""
        start, end = self.form.value("starts_at"), self.form.value("ends_at")
        if (
            d is None
            or start is None
            or end is None
            or end <= start
            or self.form.value("status") == EventStatus.CANCELLED
        ):
            self.overlaps = []
        else:
            self.overlaps = ve.overlapping_events(
                self.store.db,
                starts_at=start,
                ends_at=end,
                rep_id=d.rep_id,
                venue_shop_id=self.venue.shop_id,
                exclude_event_id=d.id,
            )
        self.show_overlap()

    def show_overlap(self) -> None:
        show_warning(self.overlap_warning, overlap_text(self.overlaps, self.venue.shop_name))

    def retranslate(self) -> None:
        self.venue_label.setText(self.tr("Venue shop"))
        self.products_label.setText(self.tr("Products to show"))
        self.edit_button.setText(self.tr("Edit details"))
        self.venue.retranslate()
        if not self.editing:
            self.show_summary()
