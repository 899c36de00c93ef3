"""An event's economics (issue 18): what it cost (¥), its bottles and tables, a banquet's own
fields, and what it paid back (``fieldapp.store.loop.event_payback``) beside them.

The page saves the form with the event's other fields (``values()``/``check()``) and
calls :meth:`EventEconomics.show_payback` after each load. The supplying shop is picked
like the venue. Threading: UI thread; reads are one indexed query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.model import BanquetType, Event
from fieldapp.store import loop
from ui.translate_noop import QT_TRANSLATE_NOOP

from .. import theme
from ..context import AppContext
from ..forms import Form
from ..pages.events import VenuePicker
from .host_picker import HostPicker


def _money(value: float | None) -> str:
    return "–" if value is None else f"¥{value:,.0f}"


def _ratio(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:.0%}" if pct else f"{value:.2f}"


class SupplierPicker(VenuePicker):
    """The venue picker, naming what it picks: the shop that supplied the bottles."""

    def _update_hint(self) -> None:
        if self.shop_id is None:
            super()._update_hint()
            return
        self.hint.setText(self.tr("Supplying shop: %1").replace("%1", self.shop_name or ""))


class EventEconomics(QWidget):
    """Costs, bottles and tables (all kinds), the banquet's fields, and the payback."""

    edited = Signal()
    #: The payback window changed (days): the page reloads the numbers.
    window_changed = Signal(int)

    PAYBACK = (
        "attendees",
        "kocsFound",
        "pushes",
        "orders",
        "revenue",
        "cost",
        "conversion",
        "costPerConverted",
        "revenuePerYuan",
    )

    def __init__(
        self, store: Any, base: Callable[[], dict[str, Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventEconomics")
        self._store = store
        self._base = base
        row = QHBoxLayout(self)
        # The forms scroll rather than squeeze their editors on a 768-pixel screen.
        left_host = QWidget()
        left = QVBoxLayout(left_host)
        left.setContentsMargins(0, 0, 0, 0)
        self.costs_box = QGroupBox()
        cbox = QHBoxLayout(self.costs_box)
        self.form = Form(Event, "EventEconomics", base=lambda: self._others(self.form))
        self.form.setObjectName("economicsForm")
        f = self.form
        f.add_money("cost_products", QT_TRANSLATE_NOOP("EventEconomics", "Products used (¥)"))
        f.add_money("cost_venue", QT_TRANSLATE_NOOP("EventEconomics", "Venue (¥)"))
        f.add_money("cost_gifts", QT_TRANSLATE_NOOP("EventEconomics", "Gifts (¥)"))
        f.add_money("cost_other", QT_TRANSLATE_NOOP("EventEconomics", "Other costs (¥)"))
        self.bottles_form = Form(
            Event, "EventEconomics", base=lambda: self._others(self.bottles_form)
        )
        self.bottles_form.setObjectName("bottlesForm")
        for name, text in (
            ("bottles_supplied", QT_TRANSLATE_NOOP("EventEconomics", "Bottles supplied")),
            ("bottles_opened", QT_TRANSLATE_NOOP("EventEconomics", "Bottles opened")),
            ("bottles_returned", QT_TRANSLATE_NOOP("EventEconomics", "Bottles returned")),
            ("table_count", QT_TRANSLATE_NOOP("EventEconomics", "Tables")),
        ):
            self.bottles_form.add_int(name, text, minimum=0, maximum=100_000, optional=True)
        cbox.addWidget(f)
        cbox.addWidget(self.bottles_form)
        left.addWidget(self.costs_box)
        self.banquet_box = QGroupBox()
        self.banquet_box.setObjectName("banquetBox")
        bbox = QVBoxLayout(self.banquet_box)
        self.banquet_form = Form(
            Event, "EventEconomics", base=lambda: self._others(self.banquet_form)
        )
        self.banquet_form.setObjectName("banquetForm")
        b = self.banquet_form
        b.add_choice(
            "banquet_type",
            QT_TRANSLATE_NOOP("EventEconomics", "Occasion"),
            BanquetType,
            optional=True,
        )
        b.add_line(
            "host_name",
            QT_TRANSLATE_NOOP("EventEconomics", "Host (another person)"),
            placeholder=QT_TRANSLATE_NOOP("EventEconomics", "The family or person hosting"),
        )
        b.add_int(
            "scan_count",
            QT_TRANSLATE_NOOP("EventEconomics", "Scans"),
            minimum=0,
            maximum=1_000_000,
            optional=True,
        )
        self.supplier = SupplierPicker(store)
        self.supplier.edit.setObjectName("supplierSearch")
        self.supplier_label = QLabel()
        self.supplier_label.setBuddy(self.supplier.edit)
        layout = b.layout()
        assert isinstance(layout, QFormLayout)
        layout.addRow(self.supplier_label, self.supplier)
        # The host: a KOC or a shop owner picked here, or another person named above.
        self.host = HostPicker(store)
        self.host_label = QLabel()
        self.host_label.setBuddy(self.host.search)
        layout.addRow(self.host_label, self.host)
        bbox.addWidget(b)
        left.addWidget(self.banquet_box)
        left.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("economicsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(left_host)
        row.addWidget(scroll, 3)

        self.payback_box = QGroupBox()
        self.payback_box.setObjectName("paybackBox")
        grid = QGridLayout(self.payback_box)
        self.window_pick = QComboBox()
        self.window_pick.setObjectName("paybackWindow")
        for days in loop.WINDOWS:
            self.window_pick.addItem(str(days), days)
        self.window_label = QLabel()
        grid.addWidget(self.window_label, 0, 0)
        grid.addWidget(self.window_pick, 0, 1)
        self.captions: dict[str, QLabel] = {}
        self.numbers: dict[str, QLabel] = {}
        for i, key in enumerate(self.PAYBACK, 1):
            caption, number = QLabel(), QLabel("–")
            number.setObjectName(key + "Payback")
            theme.set_role(number, "title")
            self.captions[key], self.numbers[key] = caption, number
            grid.addWidget(caption, i, 0)
            grid.addWidget(number, i, 1)
        self.payback_hint = QLabel()
        self.payback_hint.setObjectName("paybackHint")
        self.payback_hint.setWordWrap(True)
        theme.set_role(self.payback_hint, "caption")
        grid.addWidget(self.payback_hint, len(self.PAYBACK) + 1, 0, 1, 2)
        grid.setRowStretch(len(self.PAYBACK) + 2, 1)
        row.addSpacing(12)
        row.addWidget(self.payback_box, 2)

        for form in self.forms:
            form.edited.connect(lambda _n: self.edited.emit())
        self.supplier.changed.connect(self.edited.emit)
        self.host.changed.connect(self._host_changed)
        self.window_pick.activated.connect(lambda _i: self.window_changed.emit(self.days))
        self.retranslate()

    # ------------------------------------------------------------------ values

    @property
    def days(self) -> int:
        return int(self.window_pick.currentData() or loop.WINDOWS[0])

    @property
    def forms(self) -> tuple[Form, Form, Form]:
        return (self.form, self.bottles_form, self.banquet_form)

    def _others(self, form: Form) -> dict[str, Any]:
        """What validating ``form`` needs besides its own fields: the event's other
        fields and this widget's other forms (bottles are checked against each other)."""
        out = dict(self._base())
        for other in self.forms:
            if other is not form:
                out.update(other.values())
        out.update(self.host.values())
        return out

    def _host_changed(self) -> None:
        """A KOC or an owner chosen as host replaces a host named by hand (one host)."""
        if self.host.host is not None and self.banquet_form.value("host_name"):
            self.banquet_form.set_values({"host_name": None})
        self.edited.emit()

    def set_event(self, event: Event) -> None:
        """Show ``event``'s economics (the stored values)."""
        for form in self.forms:
            form.set_values({n: getattr(event, n) for n in form.names()})
        name = None
        if event.supplier_shop_id:
            shop = self._store.shops.find(event.supplier_shop_id)
            name = shop.name if shop is not None else None
        self.supplier.set_shop(event.supplier_shop_id, name)
        self.host.set_values(event.host_koc_id, event.host_owner_id)
        self.set_kind(str(event.kind))

    def set_kind(self, kind: str) -> None:
        """A banquet's own fields are shown for a banquet only."""
        self.banquet_box.setVisible(kind == "banquet")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for form in self.forms:
            out.update(form.values())
        out["supplier_shop_id"] = self.supplier.shop_id
        out.update(self.host.values())
        return out

    def check(self) -> list[Any]:
        """Validate both forms and show the messages; the problems."""
        return [e for form in self.forms for e in form.check()]

    def supplier_unpicked(self) -> bool:
        """Text in the supplier box that names no chosen shop."""
        return bool(self.supplier.edit.text().strip()) and self.supplier.shop_id is None

    def load_payback(self, ctx: AppContext, event_id: str | None) -> None:
        """What event ``event_id`` paid back, computed off the UI thread
        (``AppContext.read_latest``: it attributes the orders of its window,
        docs/attribution.md); the latest ask wins."""
        days = self.days
        if not event_id:
            ctx.drop_read(self)
            self.show_payback(None)
            return

        def compute(db: Any) -> loop.EventPayback | None:
            found = loop.event_payback(db, event_id=event_id, window=days)
            return found[0] if found else None

        ctx.read_latest(self, compute, self.show_payback)

    def show_payback(self, paid: loop.EventPayback | None) -> None:
        n = self.numbers
        if paid is None:
            for label in n.values():
                label.setText("–")
            return
        w = paid.window
        n["attendees"].setText(str(paid.attendees))
        n["kocsFound"].setText(str(paid.kocs_found))
        n["pushes"].setText(str(paid.pushes))
        n["orders"].setText(" / ".join(str(paid.orders[d]) for d in loop.WINDOWS))
        n["revenue"].setText(_money(paid.revenue[w]))
        n["cost"].setText(_money(paid.cost))
        n["conversion"].setText(_ratio(paid.conversion, pct=True))
        n["costPerConverted"].setText(_money(paid.cost_per_converted))
        n["revenuePerYuan"].setText(_ratio(paid.revenue_per_yuan))

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.costs_box.setTitle(self.tr("Costs, bottles and tables"))
        self.banquet_box.setTitle(self.tr("Banquet"))
        self.supplier_label.setText(self.tr("Supplying shop"))
        self.supplier.retranslate()
        self.host_label.setText(self.tr("Host (KOC or owner)"))
        self.host.retranslate()
        self.payback_box.setTitle(self.tr("What it paid back"))
        self.window_label.setText(self.tr("Orders within (days)"))
        texts = {
            "attendees": self.tr("Attendees"),
            "kocsFound": self.tr("KOCs found"),
            "pushes": self.tr("Pushes within 7 days"),
            "orders": self.tr("Orders within 30 / 60 / 90 days"),
            "revenue": self.tr("Revenue"),
            "cost": self.tr("Cost"),
            "conversion": self.tr("Conversion"),
            "costPerConverted": self.tr("Cost per converted KOC"),
            "revenuePerYuan": self.tr("Revenue per ¥ spent"),
        }
        for key, text in texts.items():
            self.captions[key].setText(text)
        self.payback_hint.setText(
            self.tr(
                "Orders of attendees and of their groups, attributed by referrer code,"
                " a consenting KOC's phone or the group's name; conversion is attendees"
                " who ordered or whose groups ordered, divided by attendees."
            )
        )
