"""The shop page's line on the B→KOC→C loop (issue 18): its cloud-store orders of the last
:data:`LOOP_DAYS` days and the part its own KOCs drove (``fieldapp.store.loop.shop_payback``,
docs/attribution.md), read off the UI thread.
Threading: UI thread; the numbers are read on a worker (``AppContext.read_later``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.store import loop

from ..context import AppContext

#: The days the line counts, as the Counties page's revenue does.
LOOP_DAYS = 90


class ShopLoopLine(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("shopLoop")
        self.setWordWrap(True)
        self.paid: loop.ShopPayback | None = None

    def load(self, shop_id: str) -> None:
        until = self.ctx.today()
        since = until - timedelta(days=LOOP_DAYS - 1)

        def compute(db: Any) -> loop.ShopPayback | None:
            found = loop.shop_payback(db, since=since, until=until, shop_id=shop_id)
            return found[0] if found else None

        def show(paid: loop.ShopPayback | None) -> None:
            self.paid = paid
            self.retranslate()

        self.ctx.read_latest(self, compute, show)

    def retranslate(self) -> None:
        paid = self.paid
        if paid is None:
            self.setText(
                self.tr("Cloud store, last %1 days: no orders.").replace("%1", str(LOOP_DAYS))
            )
            return
        share = "–" if paid.koc_share is None else f"{paid.koc_share:.0%}"
        self.setText(
            self.tr(
                "Cloud store, last %1 days: orders %2, %3; driven by its own KOCs:"
                " orders %4, %5 (%6)."
            )
            .replace("%1", str(LOOP_DAYS))
            .replace("%2", str(paid.orders))
            .replace("%3", f"¥{paid.revenue:,.0f}")
            .replace("%4", str(paid.koc_orders))
            .replace("%5", f"¥{paid.koc_revenue:,.0f}")
            .replace("%6", share)
        )
