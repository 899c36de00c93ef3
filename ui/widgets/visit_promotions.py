"""The visit's pricing strip: the shop's promotions of the day, and the price the line
being typed will get (list price, promotion, net price, free goods, amount), updated as
the rep types the quantity. Prices come from ``fieldapp.store.pricing`` (offline, head
office's lists); nothing here writes.
Threading: UI thread (small queries over one product's rows).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fieldapp.pricing import Quote
from fieldapp.store import pricing

from ..context import AppContext
from .visit_bits import money

CONTEXT = "VisitPage"


def promotion_words(kind: str, percent: float | None, buy: int | None, free: int | None) -> str:
    """A promotion's terms in words: "10% off", "buy 12 get 1"."""
    if kind == "percent_off" and percent is not None:
        return QCoreApplication.translate("VisitPage", "%1% off").replace("%1", f"{percent:g}")
    if kind == "buy_get" and buy and free:
        return (
            QCoreApplication.translate("VisitPage", "buy %1 get %2")
            .replace("%1", str(buy))
            .replace("%2", str(free))
        )
    return kind


def quote_words(q: Quote, promotion: str | None) -> str:
    """ "List ¥5.20 · 九折 → ¥4.68 × 6 = ¥28.08 (+1 free)"."""
    if q.list_price is None:
        return QCoreApplication.translate("VisitPage", "No list price for this product")
    text = QCoreApplication.translate("VisitPage", "List ¥%1").replace("%1", money(q.list_price))
    if promotion:
        text += " · " + promotion
    text += (
        QCoreApplication.translate("VisitPage", " → ¥%1 × %2 = ¥%3")
        .replace("%1", money(q.net_price))
        .replace("%2", str(q.quantity))
        .replace("%3", money(q.amount))
    )
    if q.free_quantity:
        text += " " + QCoreApplication.translate("VisitPage", "(+%1 free)").replace(
            "%1", str(q.free_quantity)
        )
    return text


class VisitPromotions(QWidget):
    """Two lines under the order's picker: today's promotions, and the line's price."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitPromotions")
        self.ctx = ctx
        self.shop_id: str | None = None
        self.day: date | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.today = QLabel()
        self.today.setObjectName("promotionsToday")
        self.today.setWordWrap(True)
        self.quote = QLabel()
        self.quote.setObjectName("lineQuote")
        layout.addWidget(self.today)
        layout.addWidget(self.quote)

    def show_for(self, *, shop_id: str | None, visit_id: str | None) -> None:
        """A visit was opened: its shop's promotions on the visit's day."""
        self.shop_id = shop_id
        db = self.ctx.store.db
        self.day = pricing.visit_day(db, visit_id) if visit_id else None
        self.preview(None, None)
        self.retranslate()

    def preview(self, product_id: str | None, quantity: object) -> None:
        """The price ``quantity`` of the product will get; empty without both."""
        if self.shop_id is None or self.day is None or product_id is None:
            self.quote.clear()
            return
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity == 0:
            self.quote.clear()
            return
        q = pricing.price_line(
            self.ctx.store.db,
            shop_id=self.shop_id,
            product_id=product_id,
            day=self.day,
            quantity=quantity,
        )
        self.quote.setText(quote_words(q, q.promotion_name))

    def retranslate(self) -> None:
        if self.shop_id is None or self.day is None:
            self.today.clear()
            return
        found = pricing.active_promotions(self.ctx.store.db, shop_id=self.shop_id, day=self.day)
        if not found:
            self.today.setText(QCoreApplication.translate("VisitPage", "No promotion today"))
            return
        parts = []
        for p in found:
            terms = promotion_words(p.kind, p.percent, p.buy_quantity, p.free_quantity)
            what = f"{p.name} ({p.product + ' · ' if p.product else ''}{terms}"
            if p.min_quantity:
                what += " · " + QCoreApplication.translate("VisitPage", "from %1").replace(
                    "%1", str(p.min_quantity)
                )
            parts.append(what + ")")
        self.today.setText(
            QCoreApplication.translate("VisitPage", "Promotions today: %1").replace(
                "%1", "; ".join(parts)
            )
        )
