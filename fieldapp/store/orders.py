"""What counts as an unusual number that a person must confirm: an order line, an
event's places.

A line far outside the usual is taken only after a person confirms it: more than
``factor`` times the shop's median quantity (of that product when the shop has ordered
it before, else of any product), or an amount over ``max_amount`` yuan. The limits are
device settings (``order.limits``): ``{"default": {...}, "<product id>": {...}}``, each
with ``factor`` and ``max_amount``; a product's own entry overrides the default.
An event's places are unusual above ``factor`` times the median of the store's events
(``event.capacity_factor``, 10), or above 200 while no event has places set.
Threading: the store's thread.
"""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING, Any

from ..errors import FieldError

if TYPE_CHECKING:
    from . import Store

LIMITS_SETTING = "order.limits"
DEFAULT_LIMITS: dict[str, float] = {"factor": 20, "max_amount": 50_000}


def limits_for(store: Store, product_id: str | None) -> dict[str, float]:
    """The unusual-line limits of a product (its own entry over the default)."""
    stored: Any = store.get_setting(LIMITS_SETTING, {}) or {}
    out = dict(DEFAULT_LIMITS)
    if isinstance(stored, dict):
        for key in ("default", product_id):
            entry = stored.get(key) if key else None
            if isinstance(entry, dict):
                out.update({k: float(v) for k, v in entry.items() if k in DEFAULT_LIMITS})
    return out


def usual_quantity(store: Store, *, shop_id: str, product_id: str | None) -> float | None:
    """The shop's median ordered quantity (that product's when ordered before); None
    when the shop has never ordered."""
    sql = (
        "SELECT l.quantity FROM order_lines l JOIN visits v ON v.id = l.visit_id"
        " WHERE v.shop_id = ? AND l.deleted = 0 AND v.deleted = 0 AND l.quantity > 0"
    )
    rows = []
    if product_id is not None:
        rows = [
            r["quantity"]
            for r in store.db.query(sql + " AND l.product_id = ?", [shop_id, product_id])
        ]
    if not rows:
        rows = [r["quantity"] for r in store.db.query(sql, [shop_id])]
    return float(median(rows)) if rows else None


def unusual_line(
    store: Store,
    *,
    shop_id: str,
    product_id: str | None,
    quantity: int,
    unit_price: float | None,
) -> FieldError | None:
    """Why this line needs a confirmation (code ``unusual_amount`` or
    ``unusual_quantity`` on ``quantity``); None when it is within the usual."""
    limits = limits_for(store, product_id)
    count = abs(quantity)
    amount = round(count * (unit_price or 0), 2)
    if amount > limits["max_amount"]:
        return FieldError(
            "quantity", "unusual_amount", {"amount": amount, "limit": limits["max_amount"]}
        )
    usual = usual_quantity(store, shop_id=shop_id, product_id=product_id)
    if usual is not None and count > limits["factor"] * usual:
        return FieldError(
            "quantity",
            "unusual_quantity",
            {"value": count, "factor": limits["factor"], "median": usual},
        )
    return None


CAPACITY_SETTING = "event.capacity_factor"
DEFAULT_CAPACITY_FACTOR = 10
DEFAULT_USUAL_CAPACITY = 20


def unusual_capacity(store: Store, places: int) -> FieldError | None:
    """Why an event's ``places`` needs a confirmation (``needs_confirmation`` with the
    limit on ``capacity``); None when usual."""
    rows = [
        r["capacity"]
        for r in store.db.query(
            "SELECT capacity FROM events WHERE deleted = 0 AND capacity IS NOT NULL"
        )
    ]
    usual = float(median(rows)) if rows else DEFAULT_USUAL_CAPACITY
    factor = float(store.get_setting(CAPACITY_SETTING, DEFAULT_CAPACITY_FACTOR))
    limit = int(factor * usual)
    if places > limit:
        return FieldError("capacity", "needs_confirmation", {"value": places, "limit": limit})
    return None
