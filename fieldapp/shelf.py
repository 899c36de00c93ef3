"""Shelf-audit rules shared by the store, the metrics and the pages (issue 16).

Price disorder (乱价): a shelf price under the list price that applies to the shop on
the audit's day (``fieldapp.pricing``: the shop's price list, else the product's own
price) by more than a share (a device setting, ``shelf.price_disorder_share``; 15 %
unless set). It is a flag on the line, never a change to the price entered.
Thread-agnostic: constants and pure functions.
"""

from __future__ import annotations

#: The setting holding the share, and its value when unset.
PRICE_DISORDER_SETTING = "shelf.price_disorder_share"
DEFAULT_PRICE_DISORDER_SHARE = 0.15


def is_price_disorder(shelf_price: float | None, list_price: float | None, share: float) -> bool:
    """Whether ``shelf_price`` is under ``list_price`` by more than ``share`` of it.

    The metrics compute the same in SQL (``fieldapp.store.metrics_shelf``):
    ``shelf_price < list_price * (1 - share)``.
    """
    if shelf_price is None or list_price is None or list_price <= 0:
        return False
    return shelf_price < list_price * (1 - share)
