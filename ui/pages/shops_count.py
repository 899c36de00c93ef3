"""Counts the shop list's matches off the UI thread (:class:`ui.pages.list_count.ListCounter`
with ``views_shops.shop_count``).
Threading: create and call on the UI thread; the count runs on a worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from fieldapp.store.views_shops import shop_count

from ..context import AppContext
from .list_count import START_DELAY_S, ListCounter

__all__ = ["START_DELAY_S", "ShopCounter"]


def _count(db: Any, **filters: Any) -> int:
    return shop_count(db, **filters)  # looked up when called (a test replaces it)


class ShopCounter(ListCounter):
    """Counts the shops that match a set of filters; :attr:`counted` gives (ask, n) for
    the latest ask only."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(ctx, _count, parent)
