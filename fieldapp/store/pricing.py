"""Prices an order line offline from head office's price lists and promotions (issue 16).

Reads the candidate rows of one product (``prices``, ``promotions``: synced from head
office, never written by a rep) and the shop's segment, and hands them to the one rule,
``fieldapp.pricing.quote``. The day is the visit's Beijing day (its check-in, else its
planned day). A saved line keeps the price it got: nothing here rewrites past lines.
Threading: functions take the store (or its ``Sql``) of the calling thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..kinds import BUSINESS_UTC_OFFSET, business_today
from ..pricing import ListPrices, Quote, quote
from .db import Sql

__all__ = [
    "ActivePromotion",
    "active_promotions",
    "list_prices",
    "price_line",
    "shop_segment",
    "visit_day",
]


def visit_day(db: Sql, visit_id: str) -> date:
    """The Beijing day a visit's order is priced on (check-in, else planned, else today)."""
    row = db.execute(
        "SELECT checkin_at, planned_date FROM visits WHERE id = :v", {"v": visit_id}
    ).fetchone()
    if row is not None and row[0]:
        from ..values import parse_datetime

        return (parse_datetime(str(row[0])) + BUSINESS_UTC_OFFSET).date()
    if row is not None and row[1]:
        return date.fromisoformat(str(row[1]))
    return business_today()


def shop_segment(db: Sql, shop_id: str) -> dict[str, Any]:
    """The shop's fields a price or promotion row names: channel, tier, county_id."""
    row = db.execute(
        "SELECT channel, tier, county_id FROM shops WHERE id = :s", {"s": shop_id}
    ).fetchone()
    return {} if row is None else {"channel": row[0], "tier": row[1], "county_id": row[2]}


_shop = shop_segment


def list_prices(db: Sql, product_ids: list[str]) -> ListPrices:
    """The list prices of these products (live price-list rows and their own prices),
    for any shop and day: what a shelf price is held against (乱价)."""
    if not product_ids:
        return ListPrices((), {})
    marks = ", ".join(f":p{i}" for i in range(len(product_ids)))
    params = {f"p{i}": pid for i, pid in enumerate(product_ids)}
    rows = db.query(
        "SELECT id, product_id, channel, tier, county_id, price, valid_from, valid_to"
        f" FROM prices WHERE deleted = 0 AND product_id IN ({marks})",
        params,
    )
    own = db.query(f"SELECT id, price FROM products WHERE id IN ({marks})", params)
    return ListPrices(list(rows), {str(r["id"]): r["price"] for r in own})


def price_line(
    db: Sql,
    *,
    shop_id: str,
    product_id: str,
    day: date,
    quantity: int,
    list_price: float | None = None,
) -> Quote:
    """The list price, promotion and net price of ``quantity`` of a product for a shop
    (``list_price``: a line's own, kept, instead of the lists')."""
    product = db.execute(
        "SELECT id, price FROM products WHERE id = :p", {"p": product_id}
    ).fetchone()
    if product is None:
        return Quote(None, None, quantity)
    prices = db.query(
        "SELECT id, product_id, channel, tier, county_id, price, valid_from, valid_to"
        " FROM prices WHERE product_id = :p AND deleted = 0",
        {"p": product_id},
    )
    promotions = db.query(
        "SELECT * FROM promotions WHERE deleted = 0 AND (product_id = :p OR product_id IS NULL)",
        {"p": product_id},
    )
    return quote(
        product={"id": product[0], "price": product[1]},
        prices=list(prices),
        promotions=list(promotions),
        day=day,
        shop=_shop(db, shop_id),
        quantity=quantity,
        list_price=list_price,
    )


@dataclass(frozen=True, slots=True)
class ActivePromotion:
    """A promotion that holds for a shop on a day (what the visit shows)."""

    promotion_id: str
    name: str
    kind: str
    product: str | None
    percent: float | None
    buy_quantity: int | None
    free_quantity: int | None
    min_quantity: int | None
    valid_to: str | None
    priority: int


def active_promotions(db: Sql, *, shop_id: str, day: date) -> list[ActivePromotion]:
    """The promotions of the day for a shop, highest priority first."""
    from ..pricing import applies

    shop = _shop(db, shop_id)
    rows = db.query(
        "SELECT m.*, p.name AS product_name FROM promotions m"
        " LEFT JOIN products p ON p.id = m.product_id WHERE m.deleted = 0"
        " ORDER BY m.priority DESC, m.name, m.id"
    )
    return [
        ActivePromotion(
            str(r["id"]),
            str(r["name"]),
            str(r["kind"]),
            r["product_name"],
            r["percent"],
            r["buy_quantity"],
            r["free_quantity"],
            r["min_quantity"],
            r["valid_to"],
            int(r["priority"] or 0),
        )
        for r in rows
        if applies(r, day=day, shop=shop)
    ]
