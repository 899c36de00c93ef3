"""The KOC page's line on the B→KOC→C loop (issue 18): the events the KOC attended, their
community pushes, the cloud-store orders they are behind and that revenue
(``fieldapp.store.loop.koc_payback``, docs/attribution.md), read off the UI thread.
Threading: UI thread; the numbers are read on a worker (``AppContext.read_later``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.store import loop

from ..context import AppContext


class KocLoopLine(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kocLoop")
        self.setWordWrap(True)
        self.paid: loop.KocPayback | None = None

    def load(self, koc_id: str | None) -> None:
        self.paid = None
        self.retranslate()
        if koc_id is None:
            self.ctx.drop_read(self)
            return

        def compute(db: Any) -> loop.KocPayback | None:
            found = loop.koc_payback(db, koc_id=koc_id)
            return found[0] if found else None

        def show(paid: loop.KocPayback | None) -> None:
            self.paid = paid
            self.retranslate()

        self.ctx.read_latest(self, compute, show)

    def retranslate(self) -> None:
        paid = self.paid
        if paid is None:
            self.setText("")
            return
        self.setText(
            self.tr("B→KOC→C: events attended %1, pushes %2, orders behind %3, revenue %4.")
            .replace("%1", str(paid.events))
            .replace("%2", str(paid.pushes))
            .replace("%3", str(paid.orders))
            .replace("%4", f"¥{paid.revenue:,.0f}")
        )
